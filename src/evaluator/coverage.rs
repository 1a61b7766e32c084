//! The coverage query on [`Evaluator`].

use super::input::CoverageOptions;
use super::{Evaluator, PolicyChoice, QueryError};
use crate::output::{CoverageCompact, CoverageOutput};
use crate::time::{parse_zone, Timestamp};

impl Evaluator {
    /// Coverage of a policy (or a service at a severity) over `[from, to)`:
    /// intervals, gaps and heatmaps in `zone` (default: the document's zone).
    ///
    /// A business-hours rotation leaves nights uncovered: the intervals end
    /// exactly where the restriction opens and closes.
    ///
    /// ```
    /// use escalator::{time::parse_instant, Evaluator, PolicyChoice};
    /// let doc = "version: 1\ntimezone: Europe/Berlin\npeople: [{id: ann}]\n\
    ///   schedules: [{id: s, layers: [{id: l, members: [ann], shift: 1w, handoff: 2026-03-02T00:00,\
    ///     restrictions: [{from: \"09:00\", to: \"17:00\"}]}]}]\n\
    ///   policies: [{id: p, steps: [{notify: [{schedule: s}], escalate_after: 5m}]}]\n";
    /// let e = Evaluator::new(doc).unwrap();
    /// let tz = e.model().timezone;
    /// let (from, to) = (parse_instant("2026-03-03", tz).unwrap(), parse_instant("2026-03-04", tz).unwrap());
    /// let c = e.coverage(&PolicyChoice::Policy { policy: "p".into(), severity: None }, from, to, None).unwrap();
    /// let ends: Vec<String> = c.intervals.iter().map(|i| i.end.to_rfc3339()).collect();
    /// assert_eq!(ends, ["2026-03-03T08:00:00Z", "2026-03-03T16:00:00Z", "2026-03-03T23:00:00Z"]);
    /// let nobody: Vec<_> = c.gaps.iter().filter(|g| g.kind == "nobody-paged").map(|g| g.end.to_rfc3339()).collect();
    /// assert_eq!(nobody, ["2026-03-03T08:00:00Z", "2026-03-03T23:00:00Z"]);
    /// ```
    pub fn coverage(
        &self,
        choice: &PolicyChoice,
        from: Timestamp,
        to: Timestamp,
        zone: Option<&str>,
    ) -> Result<CoverageOutput, QueryError> {
        let options = CoverageOptions {
            heatmaps: true,
            zone: zone.map(str::to_string),
            compact: false,
        };
        self.coverage_with(choice, from, to, &options)
    }

    /// [`Evaluator::coverage`] with heatmaps only when `options.heatmaps`
    /// (`options.compact` is not read: see [`Evaluator::coverage_compact`]).
    pub fn coverage_with(
        &self,
        choice: &PolicyChoice,
        from: Timestamp,
        to: Timestamp,
        options: &CoverageOptions,
    ) -> Result<CoverageOutput, QueryError> {
        let (c, service) = self.covered(choice, from, to, options)?;
        let mut out = CoverageOutput::new(&self.model, &c, options.heatmaps);
        out.service = service;
        Ok(out)
    }

    /// The coverage in columns, each distinct plan once (see
    /// [`CoverageCompact`]); heatmaps only when `options.heatmaps`.
    pub fn coverage_compact(
        &self,
        choice: &PolicyChoice,
        from: Timestamp,
        to: Timestamp,
        options: &CoverageOptions,
    ) -> Result<CoverageCompact, QueryError> {
        let (c, service) = self.covered(choice, from, to, options)?;
        let mut out = CoverageCompact::new(&self.model, &c, options.heatmaps);
        out.service = service;
        Ok(out)
    }

    /// The engine's coverage and the service's id, when chosen by service.
    fn covered(
        &self,
        choice: &PolicyChoice,
        from: Timestamp,
        to: Timestamp,
        options: &CoverageOptions,
    ) -> Result<(crate::coverage::Coverage, Option<String>), QueryError> {
        let chosen = self.choose_policy(choice)?;
        let zone = match &options.zone {
            Some(name) => parse_zone(name)?,
            None => self.model.timezone,
        };
        let c =
            crate::coverage::coverage(&self.model, chosen.policy, chosen.severity, from, to, zone)?;
        // Coverage plans are bare (no explanations, so no spans to place).
        let service = chosen
            .service
            .map(|s| self.model.service(s).id.value.clone());
        Ok((c, service))
    }
}
