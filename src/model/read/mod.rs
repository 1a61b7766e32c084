//! Reading a validated [`Model`] from a document tree, with diagnostics.
//!
//! All ids are collected first (`refs`), so references may point forward
//! in the document; then each section is read into model objects. Every
//! problem becomes a [`Diagnostic`] and reading goes on, so one run reports
//! all of them. A model is returned only when there is no error.

use chrono_tz::Tz;

use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::document::{Node, NodeKind};
use crate::model::{
    Model, PersonIdx, PolicyIdx, ScheduleIdx, ServiceIdx, SeverityIdx, Spanned, VendorIdx,
};

mod policies;

pub use policies::MAX_REPEAT;
mod reader;
mod records;
mod refs;
pub mod scenario;
mod schedules;
mod services;

use reader::Cx;
use refs::IdTable;

/// The top-level keys of a document.
pub const TOP_LEVEL_KEYS: [&str; 12] = [
    "version",
    "timezone",
    "people",
    "schedules",
    "policies",
    "services",
    "severities",
    "triggers",
    "vendors",
    "actions",
    "drills",
    "review",
];

/// Every code the document reader and the model builder produce, with what
/// it means. Codes are stable: tools may match on them.
pub const CODES: &[(&str, &str)] = &[
    ("syntax-error", "the text is not valid YAML or JSON"),
    ("empty-document", "the document has no content"),
    (
        "multiple-documents",
        "the text holds more than one YAML document (`---`)",
    ),
    (
        "document-too-large",
        "the text is larger than the reader accepts (32 MiB)",
    ),
    ("too-deep", "lists and mappings nested more than 64 levels"),
    (
        "too-many-nodes",
        "more values than the reader accepts (4 million)",
    ),
    (
        "alias-limit",
        "aliases (`*name`) expand to more than 100 000 values",
    ),
    ("duplicate-key", "a key appears twice in one mapping"),
    ("complex-key", "a list or mapping used as a key"),
    ("unsupported-tag", "a YAML tag other than the core ones"),
    ("number-out-of-range", "a number too large for 64 bits"),
    (
        "wrong-type",
        "a value of the wrong type (a list where a string goes...)",
    ),
    (
        "unknown-key",
        "a key the format does not have (with a \"did you mean\")",
    ),
    ("missing-key", "a required key is absent"),
    (
        "invalid-id",
        "an id that is empty or has spaces or punctuation",
    ),
    ("duplicate-id", "two objects of one kind share an id"),
    (
        "unknown-reference",
        "an id that names nothing (with the closest existing id)",
    ),
    ("unsupported-version", "a `version` other than 1"),
    (
        "invalid-timezone",
        "not an IANA time zone name (with a suggestion)",
    ),
    (
        "invalid-duration",
        "not a duration like `15m` or `1h30m`, or longer than 100 years",
    ),
    (
        "invalid-date-time",
        "not a date-time like `2026-01-05T09:00` (or a date)",
    ),
    ("invalid-date", "not a date like `2026-09-14`"),
    (
        "invalid-time",
        "not a wall-clock time `HH:MM` or `HH:MM:SS` (`24:00` only as an end)",
    ),
    ("invalid-weekday", "not one of `mon`..`sun`"),
    (
        "invalid-value",
        "not one of the allowed words (`combine`, `clock`, `before_handoff`, `on_empty_step`, `turn`, `dst_gap`, `dst_fold_close`, `month_overflow`, `turn_count`)",
    ),
    ("empty-rotation", "a layer with `members: []`"),
    (
        "invalid-layer",
        "a layer with both rotation keys (`members`, `shift`...) and `events`",
    ),
    (
        "invalid-event",
        "an event naming nobody, or both `person` and `people`, or `except` without `repeat`",
    ),
    (
        "rrule-invalid-part",
        "a `repeat` part that is not `NAME=VALUE`",
    ),
    (
        "rrule-unknown-part",
        "a `repeat` part RFC 5545 does not have (with a \"did you mean\")",
    ),
    ("rrule-duplicate-part", "a `repeat` part given twice"),
    ("rrule-missing-freq", "a `repeat` rule without `FREQ`"),
    (
        "rrule-invalid-value",
        "a `repeat` value that cannot be read (a frequency, number, date or weekday)",
    ),
    (
        "rrule-part-not-allowed",
        "a `repeat` part that does not go with its frequency (`BYWEEKNO` outside `YEARLY`...)",
    ),
    (
        "rrule-count-and-until",
        "warning: a `repeat` rule with both `COUNT` and `UNTIL` (it ends at the first)",
    ),
    ("non-positive-shift", "a shift of zero or a negative shift"),
    (
        "invalid-rotation",
        "a layer whose turn keys do not go together: `shift` and `handoffs`, `clock: elapsed` with months or handoff points",
    ),
    (
        "invalid-handoffs",
        "`handoffs` with none or several of `daily`/`weekly`/`monthly`, a point not of its form, a point listed twice, or `every` outside 1..1000",
    ),
    ("missing-escalate-after", "a step without `escalate_after`"),
    (
        "invalid-step",
        "a step with `wait` and also `notify` or `escalate_after`",
    ),
    ("repeat-out-of-range", "`repeat` outside 0..20"),
    (
        "mixed-window-forms",
        "a window mixing `{days, from: HH:MM}` and `{from: \"ddd HH:MM\"}`",
    ),
    (
        "invalid-window",
        "a restriction or support-hours window with both `to` and `duration`",
    ),
    (
        "from-before-handoff",
        "info: a layer's `from` before its first handoff changes nothing",
    ),
    (
        "ends-before-start",
        "an override or layer that ends at or before its start",
    ),
    (
        "invalid-override",
        "an override with none or several of `person`/`people`/`add`/`remove`",
    ),
    (
        "invalid-target",
        "a step target naming none or several of `schedule`/`person`/`vendor`/`stakeholders`, `turn` on another than `schedule`, or `essential` on a vendor or stakeholders",
    ),
    (
        "empty-list",
        "a list that must not be empty: steps, notify, the people an override adds, removes or swaps in",
    ),
    (
        "too-many-diagnostics",
        "over 1000 problems: the rest are counted, not listed",
    ),
    (
        "internal-error",
        "a bug in Escalator: the document could not be read and no reason was given",
    ),
];

/// Reads the model from a parsed tree: `Some(model)` when there is no
/// error, and all diagnostics (errors, warnings) in either case.
///
/// ```
/// use escalator::{document, model::read::read};
/// let text = "version: 1\ntimezone: Europe/Berlin\npeople: [{id: alice}]\n";
/// let (model, diagnostics) = read(document::parse(text).root.as_ref());
/// assert!(diagnostics.is_empty());
/// assert_eq!(model.unwrap().people[0].id.value, "alice");
/// ```
pub fn read(root: Option<&Node>) -> (Option<Model>, Vec<Diagnostic>) {
    let mut cx = Cx::default();
    let model = root.and_then(|root| read_root(&mut cx, root));
    if let Some(worst) = cx.dropped_worst {
        let span = cx.diagnostics.last().map_or(Span::new(0, 0), |d| d.span);
        cx.diagnostics.push(
            Diagnostic::new(
                "too-many-diagnostics",
                worst,
                span,
                format!("{} more problems are not shown", cx.dropped),
            )
            .with_help(format!(
                "only the first {} are listed; fix these and check again",
                reader::MAX_DIAGNOSTICS
            )),
        );
    }
    let mut has_error = cx.diagnostics.iter().any(|d| d.severity == Severity::Error);
    if let (Some(root), None, false) = (root, &model, has_error) {
        // Every path that drops a value reports why; this keeps the promise
        // (no model means at least one error) even if one forgot to.
        cx.push(Diagnostic::error(
            "internal-error",
            root.span,
            "the document could not be read into a model",
        ));
        has_error = true;
    }
    (if has_error { None } else { model }, cx.diagnostics)
}

/// The id tables of every kind of object.
struct Tables {
    people: IdTable,
    schedules: IdTable,
    policies: IdTable,
    services: IdTable,
    severities: IdTable,
    vendors: IdTable,
}

impl Tables {
    /// The id tables of an already built model (to read documents that refer
    /// to it, like a simulation scenario).
    fn from_model(model: &Model) -> Tables {
        Tables {
            people: IdTable::from_names(
                "person",
                "people",
                model.people.iter().map(|x| x.id.value.as_str()),
            ),
            schedules: IdTable::from_names(
                "schedule",
                "schedules",
                model.schedules.iter().map(|x| x.id.value.as_str()),
            ),
            policies: IdTable::from_names(
                "policy",
                "policies",
                model.policies.iter().map(|x| x.id.value.as_str()),
            ),
            services: IdTable::from_names(
                "service",
                "services",
                model.services.iter().map(|x| x.id.value.as_str()),
            ),
            severities: IdTable::from_names(
                "severity",
                "severities",
                model.severities.iter().map(|x| x.id.value.as_str()),
            ),
            vendors: IdTable::from_names(
                "vendor",
                "vendors",
                model.vendors.iter().map(|x| x.id.value.as_str()),
            ),
        }
    }

    fn person_ref(&self, cx: &mut Cx, id: &Spanned<String>) -> Option<PersonIdx> {
        self.people.resolve(cx, id).map(PersonIdx)
    }
    fn schedule_ref(&self, cx: &mut Cx, id: &Spanned<String>) -> Option<ScheduleIdx> {
        self.schedules.resolve(cx, id).map(ScheduleIdx)
    }
    fn policy_ref(&self, cx: &mut Cx, id: &Spanned<String>) -> Option<PolicyIdx> {
        self.policies.resolve(cx, id).map(PolicyIdx)
    }
    fn service_ref(&self, cx: &mut Cx, id: &Spanned<String>) -> Option<ServiceIdx> {
        self.services.resolve(cx, id).map(ServiceIdx)
    }
    fn severity_ref(&self, cx: &mut Cx, id: &Spanned<String>) -> Option<SeverityIdx> {
        self.severities.resolve(cx, id).map(SeverityIdx)
    }
    fn vendor_ref(&self, cx: &mut Cx, id: &Spanned<String>) -> Option<VendorIdx> {
        self.vendors.resolve(cx, id).map(VendorIdx)
    }

    /// A required person reference under `key`.
    fn person_at(&self, cx: &mut Cx, node: &Node, key: &str) -> Option<PersonIdx> {
        let id = cx.string(node, &format!("`{key}` to be a person id"))?;
        self.person_ref(cx, &id)
    }

    /// One person id or a list of them; `empty-list` when the list is empty.
    fn people_at(&self, cx: &mut Cx, node: &Node, key: &str) -> Option<Vec<PersonIdx>> {
        let ids = cx.strings(node, &format!("`{key}` to be a person id"))?;
        if ids.is_empty() {
            cx.push(
                Diagnostic::error("empty-list", node.span, format!("`{key}` lists nobody"))
                    .with_help("name at least one person"),
            );
            return None;
        }
        let resolved: Vec<Option<PersonIdx>> =
            ids.iter().map(|id| self.person_ref(cx, id)).collect();
        resolved.into_iter().collect()
    }
}

/// The items of an optional top-level or nested list.
fn items<'n>(cx: &mut Cx, node: Option<&'n Node>, key: &str) -> &'n [Node] {
    match node {
        None => &[],
        Some(node) => cx
            .list(node, &format!("`{key}` to be a list"))
            .unwrap_or(&[]),
    }
}

/// Collects the `Some`s, `None` if any item failed (already reported).
fn all<T>(items: impl IntoIterator<Item = Option<T>>) -> Option<Vec<T>> {
    let mut out = Vec::new();
    let mut ok = true;
    for item in items {
        match item {
            Some(x) => out.push(x),
            None => ok = false,
        }
    }
    ok.then_some(out)
}

fn read_root(cx: &mut Cx, root: &Node) -> Option<Model> {
    let obj = cx.object(root, "the document", &TOP_LEVEL_KEYS)?;
    let version = obj.required(cx, "version");
    if let Some(version) = version {
        match version.kind {
            NodeKind::Int(1) => {}
            NodeKind::Int(n) => cx.push(
                Diagnostic::error(
                    "unsupported-version",
                    version.span,
                    format!("format version `{n}` is not supported"),
                )
                .with_help("this engine reads `version: 1`"),
            ),
            _ => cx.wrong_type(version, "`version` to be the number 1"),
        }
    }
    let timezone: Option<Tz> = obj
        .required(cx, "timezone")
        .and_then(|node| cx.timezone(node));

    let list = |key: &str| obj.get(key);
    let tables = Tables {
        people: IdTable::collect(cx, list("people"), "person", "people"),
        schedules: IdTable::collect(cx, list("schedules"), "schedule", "schedules"),
        policies: IdTable::collect(cx, list("policies"), "policy", "policies"),
        services: IdTable::collect(cx, list("services"), "service", "services"),
        severities: IdTable::collect(cx, list("severities"), "severity", "severities"),
        vendors: IdTable::collect(cx, list("vendors"), "vendor", "vendors"),
    };
    // Triggers and actions are never referenced; only their duplicates matter.
    IdTable::collect(cx, list("triggers"), "trigger", "triggers");
    IdTable::collect(cx, list("actions"), "action", "actions");
    let zone = timezone.unwrap_or(Tz::UTC);
    macro_rules! section {
        ($key:literal) => {{
            let list = items(cx, obj.get($key), $key);
            list
        }};
    }

    let people = {
        let list = section!("people");
        records::people(cx, list)
    };
    let schedules = {
        let list = section!("schedules");
        schedules::schedules(cx, &tables, zone, list)
    };
    let policies = {
        let list = section!("policies");
        policies::policies(cx, &tables, list)
    };
    let severities = {
        let list = section!("severities");
        services::severities(cx, list)
    };
    let services = {
        let list = section!("services");
        services::services(cx, &tables, list)
    };
    let triggers = {
        let list = section!("triggers");
        services::triggers(cx, &tables, list)
    };
    let vendors = {
        let list = section!("vendors");
        services::vendors(cx, &tables, zone, list)
    };
    let actions = {
        let list = section!("actions");
        records::actions(cx, &tables, list)
    };
    let drills = {
        let list = section!("drills");
        records::drills(cx, &tables, list)
    };
    let review = list("review").and_then(|node| records::review(cx, node));

    Some(Model {
        timezone: timezone?,
        people: people?,
        schedules: schedules?,
        policies: policies?,
        services: services?,
        severities: severities?,
        triggers: triggers?,
        vendors: vendors?,
        actions: actions?,
        drills: drills?,
        review: match (obj.get("review"), review) {
            (Some(_), None) => return None,
            (_, review) => review,
        },
    })
}

/// An error at a span (shorthand for the builders).
fn error(code: &'static str, span: Span, message: impl Into<String>) -> Diagnostic {
    Diagnostic::error(code, span, message)
}

#[cfg(test)]
mod tests;
