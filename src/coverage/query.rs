//! The coverage query on [`Evaluator`].

use chrono_tz::Tz;

use crate::escalation::query::PolicyChoice;
use crate::evaluator::{Evaluator, QueryError};
use crate::output::CoverageOutput;
use crate::suggest::did_you_mean;
use crate::time::Timestamp;

impl Evaluator {
    /// Coverage of a policy (or a service at a severity) over `[from, to)`:
    /// intervals, gaps and heatmaps in `zone` (default: the document's zone).
    pub fn coverage(
        &self,
        choice: &PolicyChoice,
        from: Timestamp,
        to: Timestamp,
        zone: Option<&str>,
    ) -> Result<CoverageOutput, QueryError> {
        let chosen = self.choose_policy(choice)?;
        let zone = match zone {
            Some(name) => parse_zone(name)?,
            None => self.model.timezone,
        };
        let c = super::coverage(&self.model, chosen.policy, chosen.severity, from, to, zone)?;
        let mut out = CoverageOutput::new(&self.model, &c);
        out.service = chosen
            .service
            .map(|s| self.model.service(s).id.value.clone());
        Ok(out)
    }
}

/// An IANA zone name, with "did you mean" help.
pub fn parse_zone(name: &str) -> Result<Tz, QueryError> {
    name.parse::<Tz>().map_err(|_| {
        let e = QueryError::new("unknown-zone", format!("`{name}` is not an IANA time zone"));
        match did_you_mean(name, chrono_tz::TZ_VARIANTS.iter().map(|z| z.name())) {
            Some(help) => e.with_help(help),
            None => e,
        }
    })
}
