//! The findings query on [`Evaluator`].

use super::Evaluator;
use crate::diagnostic::Diagnostic;
use crate::time::Timestamp;

impl Evaluator {
    /// Every practice finding over `[from, to)`: the findings engine's and
    /// the schedule engine's (DST, long shifts...), sorted by position.
    /// `from` is the "as of" instant; the CLI passes now.
    pub fn findings(&self, from: Timestamp, to: Timestamp) -> Vec<Diagnostic> {
        let mut out = crate::findings::findings(&self.model, (from, to));
        out.extend(crate::schedule::findings(&self.model, from, to));
        out.sort_by_key(|d| (d.span.start, d.span.end, d.code));
        out
    }
}
