//! The comparison query on [`Evaluator`]: this document (OLD) against another (NEW).

use super::{Evaluator, QueryError};
use crate::compare::{Comparison, Kind, MapEntry, Options};
use crate::output::CompareOutput;
use crate::time::{parse_instant, parse_zone};

/// What a comparison is asked, as the CLI and the JS API take it (the one
/// place both read it).
///
/// `from` and `to` are query instants (RFC 3339, or a local date-time or
/// date read in `zone`, else in OLD's zone). `zone` is the display zone of
/// the summary and the hour-of-week grids (default OLD's zone). `map`
/// entries are `OLD_ID=NEW_ID` or `KIND:OLD_ID=NEW_ID`; `allow` entries are
/// kinds of difference (`later-first-page`), several per entry separated by
/// commas.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CompareOptions {
    pub from: String,
    pub to: String,
    pub zone: Option<String>,
    pub map: Vec<String>,
    pub allow: Vec<String>,
}

impl CompareOptions {
    /// The engine's options, read against OLD.
    pub fn read(&self, old: &Evaluator) -> Result<Options, QueryError> {
        let zone = match &self.zone {
            Some(name) => parse_zone(name)?,
            None => old.model().timezone,
        };
        let from = parse_instant(&self.from, zone)?;
        let to = parse_instant(&self.to, zone)?;
        let mut options = Options::new(from, to, zone);
        for entry in &self.map {
            options.map.push(MapEntry::parse(entry)?);
        }
        for entry in &self.allow {
            for code in entry.split(',').map(str::trim).filter(|c| !c.is_empty()) {
                let kind = Kind::parse(code)?;
                if !options.allow.contains(&kind) {
                    options.allow.push(kind);
                }
            }
        }
        Ok(options)
    }
}

impl Evaluator {
    /// Compares this document (OLD) with `new` over a window: who is on
    /// call, who is paged when, and the findings, exactly (see
    /// [`crate::compare`]). The JSON of `escalator compare --json` and the JS
    /// `compare`.
    ///
    /// NEW hands Saturday 09:00 to 15:00 London time to `bo`, where OLD
    /// had `ann`:
    ///
    /// ```
    /// use escalator::evaluator::CompareOptions;
    /// use escalator::Evaluator;
    /// let doc = |extra: &str| format!("version: 1\ntimezone: Europe/London\npeople: [{{id: ann}}, {{id: bo}}]\n\
    ///   schedules: [{{id: s, layers: [{{id: l, members: [ann, bo], shift: 2w, handoff: 2026-03-02T09:00}}]{extra}}}]\n\
    ///   policies: [{{id: p, steps: [{{notify: [{{schedule: s}}], escalate_after: 5m}}]}}]\n");
    /// let old = Evaluator::new(&doc("")).unwrap();
    /// let new = Evaluator::new(&doc(", overrides: [{person: bo, from: 2026-03-07T09:00, to: 2026-03-07T15:00}]")).unwrap();
    /// let options = CompareOptions { from: "2026-03-02".into(), to: "2026-03-09".into(), ..CompareOptions::default() };
    /// let out = old.compare(&new, &options).unwrap();
    /// assert!(!out.equivalent);
    /// let change = &out.schedules[0].on_call[0];
    /// assert_eq!((change.start.to_rfc3339(), change.end.to_rfc3339()), ("2026-03-07T09:00:00Z".into(), "2026-03-07T15:00:00Z".into()));
    /// assert_eq!((change.old.on_call.as_slice(), change.new.on_call.as_slice()), (&["ann".to_string()][..], &["bo".to_string()][..]));
    /// // Accepting the kinds this change brings makes them equivalent.
    /// let allow = vec!["on-call-changed,hours-changed,people-changed".to_string()];
    /// let out = old.compare(&new, &CompareOptions { allow, ..options }).unwrap();
    /// assert!(out.equivalent);
    /// ```
    pub fn compare(
        &self,
        new: &Evaluator,
        options: &CompareOptions,
    ) -> Result<CompareOutput, QueryError> {
        let c = self.comparison(new, options)?;
        Ok(CompareOutput::new(
            &self.model,
            &self.text,
            &new.model,
            &new.text,
            &c,
        ))
    }

    /// [`Evaluator::compare`]'s engine answer (Rust types, indices into
    /// both models) rather than its JSON shape.
    pub fn comparison(
        &self,
        new: &Evaluator,
        options: &CompareOptions,
    ) -> Result<Comparison, QueryError> {
        let options = options.read(self)?;
        crate::compare::compare(&self.model, &new.model, &options)
    }
}
