//! The coverage query on [`Evaluator`].

use super::input::CoverageOptions;
use super::{Evaluator, PolicyChoice, QueryError};
use crate::escalation::Timelines;
use crate::model::PolicyIdx;
use crate::output::{CoverageCompact, CoverageOutput};
use crate::time::{parse_zone, Timestamp};

/// Every schedule's shifts and every vendor's support hours that the
/// document's policies need over one window, kept by a long-lived handle
/// (the JS `Evaluator`): the coverage of many policies over one window (a
/// page drawing every service, an organisation's report) then computes each
/// schedule once instead of once per policy. The answers are the same as
/// computing each policy's own (the test `shared_timelines_answer_alike`).
#[derive(Debug, Default)]
pub struct CoverageCache {
    window: Option<(Timestamp, Timestamp)>,
    /// `None` after the shared timelines failed (too much work at once):
    /// each policy then reads its own.
    timelines: Option<Timelines>,
}

impl CoverageCache {
    /// An empty cache.
    pub fn new() -> CoverageCache {
        CoverageCache::default()
    }

    /// The timelines of every policy over `[from, to)`, computed when the
    /// window changes.
    fn timelines(&mut self, e: &Evaluator, from: Timestamp, to: Timestamp) -> Option<&Timelines> {
        if self.window != Some((from, to)) {
            let all: Vec<PolicyIdx> = (0..e.model.policies.len())
                .map(|i| PolicyIdx(i as u32))
                .collect();
            self.window = Some((from, to));
            self.timelines = crate::coverage::check_window(from, to)
                .and_then(|()| Timelines::for_policies(&e.model, &all, from, to))
                .ok();
        }
        self.timelines.as_ref()
    }
}

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

    /// [`Evaluator::coverage_with`] reading the schedules' shifts from
    /// `cache` (and filling it): the same answers.
    pub fn coverage_cached(
        &self,
        cache: &mut CoverageCache,
        choice: &PolicyChoice,
        from: Timestamp,
        to: Timestamp,
        options: &CoverageOptions,
    ) -> Result<CoverageOutput, QueryError> {
        let (c, service) = self.covered_from(Some(cache), choice, from, to, options)?;
        let mut out = CoverageOutput::new(&self.model, &c, options.heatmaps);
        out.service = service;
        Ok(out)
    }

    /// [`Evaluator::coverage_compact`] reading the schedules' shifts from
    /// `cache` (and filling it): the same answers.
    pub fn coverage_compact_cached(
        &self,
        cache: &mut CoverageCache,
        choice: &PolicyChoice,
        from: Timestamp,
        to: Timestamp,
        options: &CoverageOptions,
    ) -> Result<CoverageCompact, QueryError> {
        let (c, service) = self.covered_from(Some(cache), choice, from, to, options)?;
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
        self.covered_from(None, choice, from, to, options)
    }

    fn covered_from(
        &self,
        cache: Option<&mut CoverageCache>,
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
        let (policy, severity) = (chosen.policy, chosen.severity);
        let c = match cache.and_then(|c| c.timelines(self, from, to)) {
            // Heatmaps only when they are drawn: the hour cuts cost.
            Some(timelines) if options.heatmaps => crate::coverage::coverage_with(
                &self.model,
                policy,
                severity,
                from,
                to,
                timelines,
                zone,
            )?,
            Some(timelines) => crate::coverage::coverage_without_heatmap(
                &self.model,
                policy,
                severity,
                from,
                to,
                timelines,
            )?,
            None => crate::coverage::coverage(&self.model, policy, severity, from, to, zone)?,
        };
        // Coverage plans are bare (no explanations, so no spans to place).
        let service = chosen
            .service
            .map(|s| self.model.service(s).id.value.clone());
        Ok((c, service))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::parse_instant;

    /// Coverage read from timelines shared by every policy is each policy's
    /// own, on every example over windows around DST changes.
    #[test]
    fn shared_timelines_answer_alike() {
        for name in [
            "payments",
            "midsize-company",
            "startup-follow-the-sun",
            "union-overrides",
        ] {
            let text = std::fs::read_to_string(format!(
                "{}/examples/{name}.yaml",
                env!("CARGO_MANIFEST_DIR")
            ))
            .unwrap();
            let ev = Evaluator::new(&text).unwrap();
            let tz = ev.model().timezone;
            let mut cache = CoverageCache::new();
            for (from, to) in [("2026-03-20", "2026-04-03"), ("2026-10-20", "2026-11-10")] {
                let (from, to) = (
                    parse_instant(from, tz).unwrap(),
                    parse_instant(to, tz).unwrap(),
                );
                for p in &ev.model().policies {
                    let choice = PolicyChoice::Policy {
                        policy: p.id.value.clone(),
                        severity: None,
                    };
                    let options = CoverageOptions {
                        heatmaps: true,
                        zone: None,
                        compact: true,
                    };
                    assert_eq!(
                        ev.coverage_compact_cached(&mut cache, &choice, from, to, &options)
                            .unwrap(),
                        ev.coverage_compact(&choice, from, to, &options).unwrap(),
                        "{name}: {}",
                        p.id.value
                    );
                }
            }
        }
    }
}
