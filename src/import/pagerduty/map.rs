//! PagerDuty's objects ([`super::objects`]) to the Escalator document: every
//! PagerDuty rule, written once for both formats.
//!
//! Each rule names its source (the notes in `docs/import-pagerduty.md` give
//! the quotes). Where PagerDuty is silent, the choice is said in an info
//! diagnostic at the element it concerns, and in the docs.

use std::collections::HashMap;

use chrono_tz::Tz;

use crate::diagnostic::{Diagnostic, Severity};
use crate::import::yaml::Yaml;
use crate::import::Cx;
use crate::import::MAX_REPEAT;
use crate::time::values::MAX_DURATION;
use crate::time::DateTimeSpec;

use super::objects::{
    source_of, ContactMethod, Export, Extra, Field, Layer, Loc, ObjectKind, ObjectKindOfTeam,
    Override, Policy, Ref, Restriction, Rule, Schedule, Service, User,
};

/// At most this many overlapping pairs of overrides are reported per
/// schedule (the rest are counted in the last message).
const MAX_OVERLAP_REPORTS: usize = 20;

/// Maps the export (with duplicates already merged by [`dedupe`]) into
/// `cx.draft`.
pub fn map(cx: &mut Cx<'_>, export: Export) {
    let mut m = Mapper {
        cx,
        people: Vec::new(),
        person_ids: HashMap::new(),
        schedule_ids: HashMap::new(),
        policy_ids: HashMap::new(),
        stub_schedules: Vec::new(),
        zone: Tz::UTC,
    };
    m.run(export);
}

struct Mapper<'c, 'a> {
    cx: &'c mut Cx<'a>,
    /// People in the order they are written: users, then stubs.
    people: Vec<Yaml>,
    /// Person id per PagerDuty key.
    person_ids: HashMap<String, String>,
    schedule_ids: HashMap<String, String>,
    policy_ids: HashMap<String, String>,
    /// Schedules referenced but in no file.
    stub_schedules: Vec<Yaml>,
    /// The document's zone.
    zone: Tz,
}

// ---- diagnostics -----------------------------------------------------------

fn at(
    severity: Severity,
    code: &'static str,
    loc: Loc,
    message: impl Into<String>,
) -> (usize, Diagnostic) {
    (loc.file, Diagnostic::new(code, severity, loc.span, message))
}

impl Mapper<'_, '_> {
    fn emit(&mut self, (file, d): (usize, Diagnostic)) {
        self.cx.report(file, d);
    }

    fn error(
        &mut self,
        code: &'static str,
        loc: Loc,
        message: impl Into<String>,
        help: Option<&str>,
    ) {
        let (file, mut d) = at(Severity::Error, code, loc, message);
        if let Some(h) = help {
            d = d.with_help(h);
        }
        self.cx.report(file, d);
    }
}

/// A restriction read: a window, or one that covers its whole day or week
/// (where, and what to say about it).
enum Window {
    Part(Yaml),
    All(Loc, String),
}

// ---- the whole export --------------------------------------------------------

impl Mapper<'_, '_> {
    fn run(&mut self, mut export: Export) {
        let aliases = self.aliases(&mut export);
        let Export {
            users,
            schedules,
            policies,
            services,
            teams,
        } = export;
        // The document's zone: the first schedule's, else the first user's.
        let first_zone = schedules
            .iter()
            .filter(|s| !s.lookup)
            .filter_map(|s| s.time_zone.value())
            .chain(users.iter().filter_map(|u| u.time_zone.value()))
            .find_map(|z| z.parse::<Tz>().ok());
        if let Some(z) = first_zone {
            self.cx.draft.suggest_timezone(z.name());
        }
        self.zone = self
            .cx
            .options
            .timezone
            .as_deref()
            .and_then(|z| z.parse::<Tz>().ok())
            .or_else(|| {
                self.cx
                    .draft
                    .timezone
                    .as_deref()
                    .and_then(|z| z.parse().ok())
            })
            .unwrap_or(Tz::UTC);

        // Ids first, in source order, so they do not depend on which
        // object refers to which.
        for u in &users {
            let name = u
                .name
                .value()
                .or(u.email.value())
                .cloned()
                .unwrap_or_else(|| shown(&Field::Absent, &u.key, "person"));
            let id = self.cx.ids.id("person", &u.key, &name);
            if let Some(e) = u.email.value() {
                self.cx.ids.person_email(e, &id);
            }
            self.person_ids.insert(u.key.clone(), id);
        }
        for s in &schedules {
            let name = shown(&s.name, &s.key, "schedule");
            let id = self.cx.ids.id("schedule", &s.key, &name);
            self.schedule_ids.insert(s.key.clone(), id);
        }
        for p in &policies {
            if p.rules.is_empty() {
                continue;
            }
            let name = shown(&p.name, &p.key, "policy");
            let id = self.cx.ids.id("policy", &p.key, &name);
            self.policy_ids.insert(p.key.clone(), id);
        }

        // A data source found in another file answers to that object's id.
        for (alias, target, person) in aliases {
            let ids = if person {
                &mut self.person_ids
            } else {
                &mut self.schedule_ids
            };
            if let Some(id) = ids.get(&target).cloned() {
                ids.insert(alias, id);
            }
        }
        for u in &users {
            let person = self.person(u);
            self.people.push(person);
        }
        let mut out_schedules = Vec::new();
        for s in &schedules {
            out_schedules.push(self.schedule(s));
        }
        let mut out_policies = Vec::new();
        for p in &policies {
            if let Some(y) = self.policy(p) {
                out_policies.push(y);
            }
        }
        let mut out_services = Vec::new();
        for s in &services {
            out_services.push(self.service(s));
        }
        for t in &teams {
            self.team(t);
        }
        out_schedules.append(&mut self.stub_schedules);
        let draft = &mut self.cx.draft;
        draft.people.append(&mut self.people);
        draft.schedules.append(&mut out_schedules);
        draft.policies.append(&mut out_policies);
        draft.services.append(&mut out_services);
    }
}

impl Mapper<'_, '_> {
    /// Terraform data sources that look up an object the other files
    /// define (a schedule by name, a user by e-mail): taken out of the
    /// export, and returned as `(data source key, object key, is a person)`.
    fn aliases(&mut self, export: &mut Export) -> Vec<(String, String, bool)> {
        let mut out = Vec::new();
        let found =
            |cx: &mut Cx<'_>, key: &str, loc: Loc, target: &str, target_loc: Loc, what: &str| {
                let name = cx
                    .files
                    .get(target_loc.file)
                    .map(|f| f.name.clone())
                    .unwrap_or_default();
                cx.report(
                    loc.file,
                    Diagnostic::info(
                        "import-lookup",
                        loc.span,
                        format!("`{key}` is {what} `{target}` of `{name}`"),
                    ),
                );
            };
        let mut drop_schedules = Vec::new();
        for (i, s) in export
            .schedules
            .iter()
            .enumerate()
            .filter(|(_, s)| s.lookup)
        {
            let Some(name) = s.name.value() else { continue };
            let matches: Vec<&Schedule> = export
                .schedules
                .iter()
                .filter(|o| !o.lookup && o.name.value() == Some(name))
                .collect();
            if let [target] = matches.as_slice() {
                found(self.cx, &s.key, s.loc, name, target.loc, "schedule");
                out.push((s.key.clone(), target.key.clone(), false));
                drop_schedules.push(i);
            }
        }
        let mut drop_users = Vec::new();
        for (i, u) in export.users.iter().enumerate().filter(|(_, u)| u.lookup) {
            let Some(email) = u.email.value() else {
                continue;
            };
            let matches: Vec<&User> = export
                .users
                .iter()
                .filter(|o| !o.lookup && o.email.value() == Some(email))
                .collect();
            if let [target] = matches.as_slice() {
                let shown = target.name.value().unwrap_or(email);
                found(self.cx, &u.key, u.loc, shown, target.loc, "user");
                out.push((u.key.clone(), target.key.clone(), true));
                drop_users.push(i);
            }
        }
        let mut i = 0;
        export.schedules.retain(|_| {
            i += 1;
            !drop_schedules.contains(&(i - 1))
        });
        let mut i = 0;
        export.users.retain(|_| {
            i += 1;
            !drop_users.contains(&(i - 1))
        });
        out
    }
}

/// The same object in several files (a list and a single GET, say): the
/// most complete copy is kept, the others get an info.
pub fn dedupe(cx: &mut Cx<'_>, export: &mut Export) {
    fn run<T>(
        cx: &mut Cx<'_>,
        items: &mut Vec<T>,
        key: impl Fn(&T) -> &str,
        loc: impl Fn(&T) -> Loc,
        detail: impl Fn(&T) -> usize,
        what: &str,
    ) {
        let mut first: HashMap<String, usize> = HashMap::new();
        let mut keep = vec![true; items.len()];
        for i in 0..items.len() {
            let k = key(&items[i]).to_string();
            match first.get(&k).copied() {
                None => {
                    first.insert(k, i);
                }
                Some(j) => {
                    let (kept, dropped) = if detail(&items[i]) > detail(&items[j]) {
                        first.insert(k.clone(), i);
                        keep[j] = false;
                        (i, j)
                    } else {
                        keep[i] = false;
                        (j, i)
                    };
                    let dl = loc(&items[dropped]);
                    let kl = loc(&items[kept]);
                    let name = cx
                        .files
                        .get(kl.file)
                        .map(|f| f.name.clone())
                        .unwrap_or_default();
                    let d = Diagnostic::info(
                        "import-duplicate",
                        dl.span,
                        format!("{what} `{k}` is given more than once; the most complete copy (in `{name}`) is imported"),
                    );
                    let d = if kl.file == dl.file {
                        d.with_label(kl.span, "this copy is imported")
                    } else {
                        d
                    };
                    cx.report(dl.file, d);
                }
            }
        }
        let mut flags = keep.into_iter();
        items.retain(|_| flags.next().unwrap_or(true));
    }
    run(
        cx,
        &mut export.users,
        |u| &u.key,
        |u| u.loc,
        |u| u.contact_methods.len() + u.notification_rules.len() + usize::from(!u.lookup),
        "user",
    );
    run(
        cx,
        &mut export.schedules,
        |s| &s.key,
        |s| s.loc,
        |s| 2 * s.layers.len() + usize::from(!s.lookup),
        "schedule",
    );
    run(
        cx,
        &mut export.policies,
        |p| &p.key,
        |p| p.loc,
        |p| p.rules.len(),
        "escalation policy",
    );
    run(
        cx,
        &mut export.services,
        |s| &s.key,
        |s| s.loc,
        |s| s.extra.len(),
        "service",
    );
}

// ---- extra fields: one table -------------------------------------------------

/// What a field that the readers leave to the mapping means for the import.
enum Treat {
    /// Derived from what is imported (links, type tags, back-references):
    /// nothing is lost.
    Silent,
    /// Not imported because it does not change who is on call or paged;
    /// grouped per object into one info.
    NotImported,
    /// PagerDuty's own rendering of a window (rendered entries, coverage):
    /// the document computes these.
    Rendered,
    /// Teams: not people, so not owners.
    Teams,
    /// A specific diagnostic.
    Say(Severity, &'static str, &'static str, Option<&'static str>),
}

const URGENCY: Treat = Treat::Say(
    Severity::Warning,
    "pagerduty-urgency-not-evaluated",
    "urgency rules are not evaluated: every incident is treated as high urgency",
    Some("PagerDuty pages low-urgency incidents without escalating (support hours and scheduled actions change the urgency by time of day); the document cannot say this yet"),
);

fn treat(kind: ObjectKind, field: &str) -> Option<Treat> {
    use ObjectKind as K;
    use Severity::Info;
    if matches!(field, "summary" | "self" | "html_url" | "type") {
        return Some(Treat::Silent);
    }
    Some(match (kind, field) {
        (_, "teams") => Treat::Teams,
        (_, "description") => Treat::NotImported,
        (K::User, "email" | "color" | "role" | "avatar_url" | "invitation_sent" | "job_title" | "license" | "locale" | "billed" | "coordinated_incidents") => Treat::NotImported,
        (K::ContactMethod, "send_short_email" | "send_html_email" | "device_type" | "created_at" | "sounds") => Treat::NotImported,
        // A method PagerDuty does not use is said where a rule uses it.
        (K::ContactMethod, "blacklisted" | "enabled") => Treat::Silent,
        (K::Schedule, "users" | "escalation_policies") => Treat::Silent,
        (K::Schedule, "final_schedule" | "overrides_subschedule") => Treat::Rendered,
        (K::Schedule, "overflow") => Treat::NotImported,
        (K::Layer, "rendered_schedule_entries" | "rendered_coverage_percentage") => Treat::Rendered,
        (K::Policy, "services") => Treat::Silent,
        (K::Policy, "on_call_handoff_notifications") => Treat::Say(
            Info,
            "import-not-evaluated",
            "`on_call_handoff_notifications` is not evaluated: it only decides when people hear about their own handoffs",
            None,
        ),
        (K::Service, "incident_urgency_rule" | "support_hours" | "scheduled_actions") => URGENCY,
        (K::Service, "acknowledgement_timeout") => Treat::Say(
            Info,
            "import-not-evaluated",
            "`acknowledgement_timeout` is not evaluated: plans assume nobody acknowledges, so an acknowledgement never times out",
            Some("PagerDuty re-triggers an acknowledged incident after this many seconds; simulate it by acknowledging again"),
        ),
        (K::Service, "auto_resolve_timeout") => Treat::Say(
            Info,
            "import-not-evaluated",
            "`auto_resolve_timeout` is not evaluated: PagerDuty resolves the incident after this many seconds, which ends its escalation",
            None,
        ),
        (K::Service, "alert_creation" | "alert_grouping" | "alert_grouping_timeout" | "alert_grouping_parameters" | "auto_pause_notifications_parameters" | "integrations" | "addons" | "response_play" | "status" | "created_at" | "updated_at" | "last_incident_timestamp") => Treat::Say(
            Info,
            "import-not-evaluated",
            "not evaluated: it decides which events make incidents, not who is paged for one",
            None,
        ),
        (K::Override, "time_zone") => Treat::Say(
            Info,
            "import-not-imported",
            "`time_zone` of an override is not imported: `start` and `end` are read with their own offsets (times without one in the schedule's zone)",
            None,
        ),
        (K::Team, "parent" | "default_role") | (K::Membership, "role") => Treat::Silent,
        _ => return None,
    })
}

impl Mapper<'_, '_> {
    /// Diagnostics for the extra fields of one object, named `what` in
    /// messages.
    fn extras(&mut self, kind: ObjectKind, what: &str, extra: &[Extra]) {
        let mut not_imported: Vec<&Extra> = Vec::new();
        let mut rendered: Vec<&Extra> = Vec::new();
        for e in extra {
            // `{type: constant, urgency: high}` is what the document means.
            if kind == ObjectKind::Service
                && e.field == "incident_urgency_rule"
                && e.part("type") == Some("constant")
                && e.part("urgency") == Some("high")
            {
                continue;
            }
            match treat(kind, &e.field) {
                Some(Treat::Silent) => {}
                Some(Treat::NotImported) => not_imported.push(e),
                Some(Treat::Rendered) => rendered.push(e),
                Some(Treat::Teams) => {
                    if e.shown.as_deref() == Some("null") {
                        continue;
                    }
                    let d = at(
                        Severity::Info,
                        "import-not-imported",
                        e.key,
                        format!("the teams of {what} are not imported"),
                    );
                    self.emit((d.0, d.1.with_help("a PagerDuty team is a group, not a person: it cannot own anything in the document; add `owner` by hand")));
                }
                Some(Treat::Say(severity, code, message, help)) => {
                    let (file, mut d) = at(severity, code, e.key, message);
                    if let Some(h) = help {
                        d = d.with_help(h);
                    }
                    self.cx.report(file, d);
                }
                None => {
                    let (file, d) = at(
                        Severity::Info,
                        "import-unknown-field",
                        e.key,
                        format!(
                            "`{}` is not a field of a PagerDuty {} that Escalator knows; not imported",
                            e.field,
                            kind.label()
                        ),
                    );
                    self.cx.report(file, d);
                }
            }
        }
        self.group(
            not_imported,
            what,
            "not imported from",
            "these fields do not change who is on call or who is paged",
        );
        self.group(
            rendered,
            what,
            "PagerDuty's rendered entries are not imported from",
            "they are PagerDuty's own answer for the window the export asked for; the document computes shifts itself (keep them to compare with `escalator shifts`)",
        );
    }

    fn group(&mut self, mut fields: Vec<&Extra>, what: &str, lead: &str, help: &str) {
        fields.sort_by_key(|e| e.key);
        let Some(first) = fields.first() else {
            return;
        };
        let names: Vec<String> = fields.iter().map(|e| format!("`{}`", e.field)).collect();
        let mut d = Diagnostic::info(
            "import-not-imported",
            first.key.span,
            format!("{lead} {what}: {}", names.join(", ")),
        )
        .with_help(help);
        for e in fields.iter().skip(1) {
            if e.key.file == first.key.file {
                d = d.with_label(e.key.span, "not imported");
            }
        }
        self.cx.report(first.key.file, d);
    }
}

// ---- values ------------------------------------------------------------------

/// An object's name for ids and messages: its name, else its id, else
/// `fallback` (objects of request bodies have no id).
fn shown(name: &Field<String>, key: &str, fallback: &str) -> String {
    name.value()
        .cloned()
        .or_else(|| source_of(key).map(str::to_string))
        .unwrap_or_else(|| fallback.to_string())
}

/// A duration in the largest unit that says it exactly: `1w`, `1d`, `8h`,
/// `90m`, `90s`.
pub(crate) fn exact_duration(seconds: i64) -> String {
    for (unit, name) in [(604_800, 'w'), (86_400, 'd'), (3_600, 'h'), (60, 'm')] {
        if seconds != 0 && seconds % unit == 0 {
            return format!("{}{name}", seconds / unit);
        }
    }
    format!("{seconds}s")
}

/// `HH:MM:SS` (or `HH:MM`) to `HH:MM`, with `:SS` only when not zero.
fn time_of_day(text: &str) -> Option<String> {
    let parts: Vec<&str> = text.split(':').collect();
    let num = |s: &str| -> Option<u32> {
        (s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let (h, m, s) = match parts.as_slice() {
        [h, m] => (num(h)?, num(m)?, 0),
        [h, m, s] => (num(h)?, num(m)?, num(s)?),
        _ => return None,
    };
    if h > 23 || m > 59 || s > 59 {
        return None;
    }
    Some(if s == 0 {
        format!("{h:02}:{m:02}")
    } else {
        format!("{h:02}:{m:02}:{s:02}")
    })
}

const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// A PagerDuty date-time, read: its instant in `tz` and whether it carried
/// an offset.
fn instant(text: &str, tz: Tz) -> Option<(i64, bool)> {
    let spec = crate::time::values::parse_date_time(text).ok()?;
    let absolute = matches!(spec, DateTimeSpec::Absolute(_));
    Some((crate::time::resolve(&spec, tz).0, absolute))
}

/// Whether a layer has a field written but not known (a Terraform value
/// that needs a variable).
fn has_unknown(l: &Layer) -> bool {
    l.start.is_unknown()
        || l.end.is_unknown()
        || l.rotation_virtual_start.is_unknown()
        || l.rotation_turn_length_seconds.is_unknown()
        || l.users.is_unknown()
        || l.restrictions.iter().any(|r| {
            r.kind.is_unknown()
                || r.start_time_of_day.is_unknown()
                || r.duration_seconds.is_unknown()
                || r.start_day_of_week.is_unknown()
        })
}

/// Whether the zone changes its offset within two years of `from`.
fn observes_dst(tz: Tz, from: i64) -> bool {
    let year = 365 * 86_400;
    let a = crate::time::zone::offset_at(tz, from);
    (1..=8).any(|q| crate::time::zone::offset_at(tz, from + q * year / 4) != a)
}

// ---- people ------------------------------------------------------------------

impl Mapper<'_, '_> {
    fn person(&mut self, u: &User) -> Yaml {
        let id = self.person_ids.get(&u.key).cloned().unwrap_or_default();
        let shown_name = shown(&u.name, &u.key, "unnamed");
        let what = format!("user `{shown_name}`");
        let mut y = Yaml::map().with("id", id);
        y.set_opt("name", u.name.value());
        y.set_opt("source", source_of(&u.key));
        if let Some((zone, loc)) = u.time_zone.known() {
            if zone.parse::<Tz>().is_ok() {
                y.set("timezone", zone.as_str());
            } else {
                let (file, d) = at(
                    Severity::Warning,
                    "import-invalid-value",
                    loc,
                    format!(
                        "`{zone}` is not an IANA time zone; the person is imported without one"
                    ),
                );
                self.cx.report(file, d);
            }
        }
        if u.lookup {
            let (file, d) = at(
                Severity::Info,
                "import-lookup",
                u.loc,
                format!("{what} is looked up by a data source: only its reference is imported"),
            );
            self.cx.report(file, d.with_help("PagerDuty knows its name, zone and contact rules; import its API JSON (GET /users/ID?include[]=contact_methods&include[]=notification_rules) with the rest"));
        }
        if let Some(first) = u.stub_lists.first() {
            let mut d = Diagnostic::warning(
                "import-not-imported",
                first.span,
                format!("the contact methods and notification rules of {what} are only references in this export; they are not imported"),
            )
            .with_help("export users with `include[]=contact_methods&include[]=notification_rules`");
            for other in u.stub_lists.iter().skip(1).filter(|l| l.file == first.file) {
                d = d.with_label(other.span, "references only");
            }
            self.cx.report(first.file, d);
        }
        let contact = self.contact(u, &what);
        if !contact.is_empty() {
            y.set("contact", Yaml::Seq(contact));
        }
        // The e-mail lands in `contact` when a contact method says so.
        let mut extra = u.extra.clone();
        if let Some((email, loc)) = u.email.known() {
            let in_contact = u
                .contact_methods
                .iter()
                .any(|c| c.address.value() == Some(email));
            if !in_contact {
                extra.push(Extra {
                    field: "email".to_string(),
                    key: loc,
                    loc,
                    shown: Some(email.clone()),
                    parts: Vec::new(),
                });
            }
        }
        self.extras(ObjectKind::User, &what, &extra);
        for c in &u.contact_methods {
            self.extras(
                ObjectKind::ContactMethod,
                &format!("a contact method of {what}"),
                &c.extra,
            );
        }
        for r in &u.notification_rules {
            self.extras(
                ObjectKind::NotificationRule,
                &format!("a notification rule of {what}"),
                &r.extra,
            );
        }
        y
    }

    /// The high-urgency notification rules, sorted by delay (PagerDuty:
    /// "The delay before firing the rule, in minutes", counted from when
    /// the user is notified).
    fn contact(&mut self, u: &User, what: &str) -> Vec<Yaml> {
        let mut rules: Vec<(i64, Yaml)> = Vec::new();
        let mut low: Vec<Loc> = Vec::new();
        let mut methods: HashMap<&str, &ContactMethod> = HashMap::new();
        for m in &u.contact_methods {
            methods.entry(m.key.as_str()).or_insert(m);
        }
        for r in &u.notification_rules {
            match r.urgency.known() {
                Some((urgency, _)) if urgency == "high" => {}
                Some((urgency, loc)) if urgency == "low" => {
                    low.push(loc);
                    continue;
                }
                Some((urgency, loc)) => {
                    let (file, d) = at(
                        Severity::Warning,
                        "import-invalid-value",
                        loc,
                        format!("urgency `{urgency}` is neither `high` nor `low`; this notification rule is not imported"),
                    );
                    self.cx.report(file, d);
                    continue;
                }
                None if r.urgency.is_unknown() => continue,
                None => {
                    let (file, d) = at(
                        Severity::Info,
                        "import-assumption",
                        r.loc,
                        "this notification rule has no `urgency`; read as high urgency",
                    );
                    self.cx.report(file, d);
                }
            }
            let Some((&delay, delay_loc)) = r.start_delay_in_minutes.known() else {
                if r.start_delay_in_minutes.is_absent() {
                    self.error(
                        "import-missing-key",
                        r.loc,
                        "this notification rule has no `start_delay_in_minutes`; not imported",
                        None,
                    );
                }
                continue;
            };
            if !(0..=MAX_DURATION.0 / 60).contains(&delay) {
                self.error(
                    "import-invalid-value",
                    delay_loc,
                    format!("`start_delay_in_minutes` is {delay}, not a delay of 0 to 100 years; not imported"),
                    None,
                );
                continue;
            }
            let method: Option<&ContactMethod> = r
                .contact_method
                .as_ref()
                .and_then(|c| methods.get(c.key.as_str()).copied());
            let kind = method
                .and_then(|m| m.kind.value())
                .or(r.contact_method_kind.value())
                .map(String::as_str);
            let via = match kind.map(|k| k.trim_end_matches("_reference")) {
                Some("phone_contact_method") => "phone",
                Some("sms_contact_method") => "sms",
                Some("email_contact_method") => "email",
                Some("push_notification_contact_method") => "push",
                Some(other) => {
                    let (file, d) = at(
                        Severity::Warning,
                        "import-not-imported",
                        r.loc,
                        format!("contact method type `{other}` is not one the document knows (phone, sms, email, push); this notification rule is not imported"),
                    );
                    self.cx.report(file, d);
                    continue;
                }
                None => {
                    let (file, d) = at(
                        Severity::Warning,
                        "import-not-imported",
                        r.loc,
                        "this notification rule's contact method is not in the export and its type is not given; not imported",
                    );
                    self.cx.report(file, d);
                    continue;
                }
            };
            if let Some(m) = method {
                let off = m.extra.iter().find(|e| {
                    (e.field == "blacklisted" && e.shown.as_deref() == Some("true"))
                        || (e.field == "enabled" && e.shown.as_deref() == Some("false"))
                });
                if let Some(e) = off {
                    let (file, d) = at(
                        Severity::Warning,
                        "import-not-imported",
                        e.loc,
                        format!("this contact method of {what} is `{}: {}`: PagerDuty does not use it, so the notification rules that use it are not imported", e.field, e.shown.as_deref().unwrap_or("")),
                    );
                    self.cx.report(file, d);
                    continue;
                }
            } else if let Some(c) = &r.contact_method {
                let (file, d) = at(
                    Severity::Warning,
                    "import-missing-object",
                    c.loc,
                    format!(
                        "contact method `{}` is not in the export; imported without its address",
                        c.key
                    ),
                );
                self.cx.report(file, d);
            }
            let mut y = Yaml::map()
                .with("via", via)
                .with("after", format!("{delay}m"));
            if let Some(m) = method {
                if let Some(address) = m.address.value() {
                    let to = match (via, m.country_code.value()) {
                        ("phone" | "sms", Some(cc)) => {
                            format!("+{} {address}", cc.trim_start_matches('+'))
                        }
                        _ => address.clone(),
                    };
                    y.set("to", to);
                }
            }
            rules.push((delay, y));
        }
        if let Some(first) = low.first() {
            let (file, d) = at(
                Severity::Info,
                "import-not-evaluated",
                *first,
                format!(
                    "the low-urgency notification rules of {what} are not imported ({} rule{})",
                    low.len(),
                    if low.len() == 1 { "" } else { "s" }
                ),
            );
            self.cx.report(file, d.with_help("urgency is not evaluated: every incident is treated as high urgency, so only high-urgency rules say how people are reached"));
        }
        // Stable: rules with the same delay keep their order.
        rules.sort_by_key(|(delay, _)| *delay);
        rules.into_iter().map(|(_, y)| y).collect()
    }

    /// The person id of a user reference; a user in no file becomes a
    /// person with only a name and a reference, with a warning.
    fn person_ref(&mut self, r: &Ref) -> String {
        if let Some(id) = self.person_ids.get(&r.key) {
            return id.clone();
        }
        let name = r.summary.clone().unwrap_or_else(|| r.key.clone());
        let id = self.cx.ids.id("person", &r.key, &name);
        self.person_ids.insert(r.key.clone(), id.clone());
        let mut y = Yaml::map().with("id", id.as_str());
        y.set_opt("name", r.summary.as_deref());
        y.set("source", r.key.as_str());
        self.people.push(y);
        let lookup = r.key.starts_with("data.");
        let (file, d) = at(
            Severity::Warning,
            "import-missing-object",
            r.loc,
            if lookup {
                format!("user `{}` is looked up outside the files: imported as person `{id}` with no contact rules", r.key)
            } else {
                format!("user `{}` is in no file: imported as person `{id}` with no zone or contact rules", r.key)
            },
        );
        self.cx.report(file, d.with_help("add the users export (GET /users?include[]=contact_methods&include[]=notification_rules) to the files"));
        id
    }
}

// ---- schedules -----------------------------------------------------------------

impl Mapper<'_, '_> {
    fn schedule(&mut self, s: &Schedule) -> Yaml {
        let id = self.schedule_ids.get(&s.key).cloned().unwrap_or_default();
        let shown_name = shown(&s.name, &s.key, "unnamed");
        let what = format!("schedule `{shown_name}`");
        let mut y = Yaml::map().with("id", id.as_str());
        y.set_opt("name", s.name.value());
        y.set_opt("source", source_of(&s.key));
        let tz = match s.time_zone.known() {
            Some((zone, loc)) => match zone.parse::<Tz>() {
                Ok(tz) => {
                    y.set("timezone", zone.as_str());
                    tz
                }
                Err(_) => {
                    self.error(
                        "import-invalid-value",
                        loc,
                        format!("`{zone}` is not an IANA time zone; {what} is read in the document's zone `{}`", self.zone.name()),
                        Some("PagerDuty's API v2 writes IANA names such as `Europe/London`"),
                    );
                    self.zone
                }
            },
            None => {
                if s.time_zone.is_absent() && !s.lookup {
                    let (file, d) = at(
                        Severity::Info,
                        "import-assumption",
                        s.loc,
                        format!(
                            "{what} has no `time_zone`; read in the document's zone `{}`",
                            self.zone.name()
                        ),
                    );
                    self.cx.report(file, d);
                }
                self.zone
            }
        };
        if s.lookup {
            let (file, d) = at(
                Severity::Warning,
                "import-lookup",
                s.loc,
                format!("{what} is looked up by a data source: its layers are not in the files, so it is imported with none (nobody on call)"),
            );
            self.cx.report(
                file,
                d.with_help("import its API JSON (GET /schedules/ID) with the Terraform files"),
            );
        }
        let mut layers = Vec::new();
        let mut restriction_note = false;
        for (i, layer) in s.layers.iter().enumerate() {
            match self.layer(layer, i, tz, &what, &mut restriction_note) {
                Some(l) => layers.push(l),
                None if has_unknown(layer) => {
                    let name = layer
                        .name
                        .value()
                        .cloned()
                        .unwrap_or_else(|| format!("layer {}", i + 1));
                    let (file, d) = at(
                        Severity::Info,
                        "import-not-imported",
                        layer.loc,
                        format!("layer `{name}` of {what} is left out until its values are known"),
                    );
                    self.cx.report(file, d);
                }
                None => {}
            }
        }
        y.set("layers", Yaml::Seq(layers));
        // PagerDuty: "the last layer, then, essentially acts as an override
        // for all layers that it overlaps" and lower layers show through
        // (support.pagerduty.com/docs/schedules).
        y.set("combine", "top");
        let overrides = match s.rendered_overrides_at {
            // PagerDuty's overrides layer as a GET rendered it: the
            // overrides themselves when no file lists them, else the same
            // overrides again.
            Some(at_key) if s.overrides.is_empty() => {
                let (file, d) = at(
                    Severity::Info,
                    "pagerduty-rendered-overrides",
                    at_key,
                    format!("imported as the overrides of {what}: PagerDuty's overrides layer, resolved (the last created wins where overrides overlap) and cut to the window the GET asked for (`since`, `until`); overrides outside that window are not in this file"),
                );
                self.cx.report(file, d.with_help("for the overrides themselves, export GET /schedules/ID/overrides?since=...&until=... (`overrides-ID.json`)"));
                self.overrides(&s.rendered_overrides, tz, &what)
            }
            Some(at_key) => {
                let (file, d) = at(
                    Severity::Info,
                    "pagerduty-rendered-overrides",
                    at_key,
                    format!("not imported: these are the overrides of {what} as PagerDuty rendered them for the window the GET asked for; the overrides themselves are imported from the overrides file"),
                );
                self.cx.report(file, d);
                self.overrides(&s.overrides, tz, &what)
            }
            None => self.overrides(&s.overrides, tz, &what),
        };
        if !overrides.is_empty() {
            y.set("overrides", Yaml::Seq(overrides));
        }
        self.extras(ObjectKind::Schedule, &what, &s.extra);
        y
    }

    fn layer(
        &mut self,
        l: &Layer,
        index: usize,
        tz: Tz,
        schedule: &str,
        restriction_note: &mut bool,
    ) -> Option<Yaml> {
        let shown = l
            .name
            .value()
            .cloned()
            .unwrap_or_else(|| format!("layer {}", index + 1));
        let what = format!("layer `{shown}` of {schedule}");
        self.extras(ObjectKind::Layer, &what, &l.extra);
        for r in &l.restrictions {
            self.extras(
                ObjectKind::Restriction,
                &format!("a restriction of {what}"),
                &r.extra,
            );
        }
        // Members: one person per turn, in list order (KB "Schedule
        // Basics": "Users will move through the rotation in the
        // top-to-bottom order they are listed in").
        let members = match &l.users {
            Field::Known(users, loc) => {
                if users.is_empty() {
                    let (file, d) = at(
                        Severity::Warning,
                        "import-not-imported",
                        *loc,
                        format!("{what} has no users; left out (a layer with nobody lets the layers below show through, so nothing changes)"),
                    );
                    self.cx.report(file, d);
                    return None;
                }
                users
            }
            Field::Unknown(_) => return None,
            Field::Absent => {
                self.error(
                    "import-missing-key",
                    l.loc,
                    format!("{what} has no `users`; not imported"),
                    None,
                );
                return None;
            }
        };
        let shift = match l.rotation_turn_length_seconds.known() {
            Some((&n, _)) if n > 0 && n <= MAX_DURATION.0 => n,
            Some((&n, loc)) => {
                let why = if n > 0 {
                    "a turn is at most 100 years"
                } else {
                    "a turn must be positive"
                };
                self.error(
                    "import-invalid-value",
                    loc,
                    format!("`rotation_turn_length_seconds` is {n}: {why}; {what} is not imported"),
                    None,
                );
                return None;
            }
            None => {
                if l.rotation_turn_length_seconds.is_absent() {
                    self.error(
                        "import-missing-key",
                        l.loc,
                        format!("{what} has no `rotation_turn_length_seconds`; not imported"),
                        None,
                    );
                }
                return None;
            }
        };
        let (rvs, rvs_loc) = match l.rotation_virtual_start.known() {
            Some((t, loc)) => (t.clone(), loc),
            None => {
                if l.rotation_virtual_start.is_absent() {
                    self.error(
                        "import-missing-key",
                        l.loc,
                        format!("{what} has no `rotation_virtual_start`; not imported"),
                        None,
                    );
                }
                return None;
            }
        };
        let (rvs_at, _) = self.time(&rvs, rvs_loc, tz, "rotation_virtual_start")?;
        let start = match l.start.known() {
            Some((t, loc)) => Some((t.clone(), self.time(t, loc, tz, "start")?.0, loc)),
            None if l.start.is_unknown() => return None,
            None => None,
        };
        let end = match &l.end {
            Field::Known(Some(t), loc) => Some((t.clone(), self.time(t, *loc, tz, "end")?.0, *loc)),
            Field::Known(None, _) | Field::Absent => None,
            Field::Unknown(_) => return None,
        };
        if let (Some((_, s, _)), Some((_, e, eloc))) = (&start, &end) {
            if e <= s {
                let (file, d) = at(
                    Severity::Info,
                    "import-not-imported",
                    *eloc,
                    format!("{what} ends before it starts, so it is never in force; left out"),
                );
                self.cx.report(file, d);
                return None;
            }
        }
        let restrictions =
            self.restrictions(&l.restrictions, &what, tz, rvs_at, restriction_note)?;

        // People are made (stubs included) only for layers that land.
        let members: Vec<String> = members.iter().map(|u| self.person_ref(u)).collect();
        let mut y = Yaml::map();
        y.set_opt("name", l.name.value());
        y.set_opt("source", l.key.as_deref());
        y.set("members", Yaml::strs(members));
        y.set("shift", exact_duration(shift));
        // rotation_virtual_start "The effective start time of the layer":
        // turn 0 starts there (Grafana's migrator and PagerDuty's Terraform
        // provider read it the same way).
        y.set("handoff", rvs.as_str());
        if let Some((_, s, sloc)) = &start {
            if *s < rvs_at {
                y.set("before_handoff", "rotate");
                // Not documented by PagerDuty: a reading (issue 12's), so
                // the turns before the virtual start may be wrong.
                let (file, d) = at(
                    Severity::Warning,
                    "pagerduty-before-virtual-start",
                    rvs_loc,
                    format!("`rotation_virtual_start` is after `start` in {what}: PagerDuty does not document who is on call in between; imported as the rotation counted backwards from it (`before_handoff: rotate`), which may not be who PagerDuty puts on call"),
                );
                self.cx.report(file, d.with_label(sloc.span, "the layer starts here").with_help("issue 12 reads PagerDuty so: turns count back from the virtual start to `start`"));
            }
        }
        // Handoffs keep their local wall-clock time (implied by PagerDuty's
        // time-zone documentation; written explicitly).
        y.set("clock", "wall");
        if shift % 86_400 != 0 && observes_dst(tz, rvs_at) {
            if let Some((_, loc)) = l.rotation_turn_length_seconds.known() {
                let (file, d) = at(
                    Severity::Info,
                    "import-assumption",
                    loc,
                    format!(
                        "PagerDuty does not document whether {} turns keep their wall-clock handoff times across a DST change in `{}`; imported with `clock: wall`",
                        exact_duration(shift),
                        tz.name()
                    ),
                );
                self.cx.report(file, d.with_help("write `clock: elapsed` on this layer if your PagerDuty schedule drifts by an hour at DST changes"));
            }
        }
        if let Some((t, _, _)) = &start {
            y.set("from", t.as_str());
        }
        if let Some((t, _, _)) = &end {
            y.set("until", t.as_str());
        }
        if !restrictions.is_empty() {
            y.set("restrictions", Yaml::Seq(restrictions));
        }
        Some(y)
    }

    /// A date-time as written: checked, and read in `tz` when it has no
    /// offset (with an info). Returns its instant.
    fn time(&mut self, text: &str, loc: Loc, tz: Tz, field: &str) -> Option<(i64, bool)> {
        match instant(text, tz) {
            Some((t, absolute)) => {
                if !absolute {
                    let (file, d) = at(
                        Severity::Info,
                        "import-assumption",
                        loc,
                        format!("`{field}` has no offset; read in `{}`", tz.name()),
                    );
                    self.cx.report(file, d);
                }
                Some((t, absolute))
            }
            None => {
                self.error(
                    "import-invalid-value",
                    loc,
                    format!(
                        "`{field}` is `{}`, not an RFC 3339 date-time; not imported",
                        text.chars().take(60).collect::<String>()
                    ),
                    Some("PagerDuty writes date-times like `2026-01-05T09:00:00+00:00`"),
                );
                None
            }
        }
    }

    /// Restrictions to windows in the `duration` form (model extension
    /// E3): it says literally what PagerDuty stores, a start and a length.
    fn restrictions(
        &mut self,
        list: &[Restriction],
        what: &str,
        tz: Tz,
        near: i64,
        note: &mut bool,
    ) -> Option<Vec<Yaml>> {
        let mut out = Vec::new();
        let mut ok = true;
        // The restrictions that cover their whole day or week.
        let mut all_time: Vec<(Loc, String)> = Vec::new();
        let mut parts: Vec<Loc> = Vec::new();
        for r in list {
            match self.restriction(r, what) {
                Some(Some(Window::Part(w))) => {
                    out.push(w);
                    parts.push(r.loc);
                }
                Some(Some(Window::All(loc, message))) => all_time.push((loc, message)),
                Some(None) => {}
                None => ok = false,
            }
        }
        if !ok {
            return None;
        }
        // A restriction over its whole period limits nothing: "By default,
        // during a shift each person is on on-call duty continuously (24
        // hours a day, 7 days a week)" (KB "Setting up Restrictions for
        // On-Call Shifts"), and a restriction is "a limit on which period
        // of the day or week the schedule layer can accept assignments"
        // (OpenAPI `Restriction`). Written as a window of one day or week,
        // it would leave an hour out (or in) across a DST change.
        if !all_time.is_empty() {
            for (loc, message) in all_time {
                let (file, d) = at(Severity::Info, "pagerduty-unrestricted", loc, message);
                self.cx.report(file, d.with_help("PagerDuty KB \"Setting up Restrictions for On-Call Shifts\": by default each person is on call 24 hours a day, 7 days a week"));
            }
            for loc in parts {
                let (file, d) = at(
                    Severity::Info,
                    "pagerduty-unrestricted",
                    loc,
                    format!("this restriction of {what} changes nothing: another restriction of the layer covers all time"),
                );
                self.cx.report(file, d);
            }
            return Some(Vec::new());
        }
        if !list.is_empty() && !*note && observes_dst(tz, near) {
            *note = true;
            let loc = list[0].loc;
            let (file, d) = at(
                Severity::Info,
                "import-assumption",
                loc,
                format!(
                    "PagerDuty does not document whether a restriction's `duration_seconds` counts elapsed or wall-clock time across a DST change in `{}`; imported as elapsed time (`duration`)",
                    tz.name()
                ),
            );
            self.cx.report(file, d.with_help("a window that contains the change closes that many elapsed seconds after it opens; the wall clock shows it an hour off"));
        }
        Some(out)
    }

    /// One restriction: `Some(Some(window))`, `Some(None)` when it is
    /// already reported as unknown, `None` when it is invalid.
    fn restriction(&mut self, r: &Restriction, what: &str) -> Option<Option<Window>> {
        let (kind, kind_loc) = match r.kind.known() {
            Some((k, loc)) => (k.as_str(), loc),
            None if r.kind.is_unknown() => return Some(None),
            None => {
                self.error(
                    "import-missing-key",
                    r.loc,
                    format!("a restriction of {what} has no `type`; {what} is not imported"),
                    None,
                );
                return None;
            }
        };
        let daily = match kind {
            "daily_restriction" => true,
            "weekly_restriction" => false,
            other => {
                self.error(
                    "import-invalid-value",
                    kind_loc,
                    format!("restriction type `{other}` is neither `daily_restriction` nor `weekly_restriction`; {what} is not imported"),
                    None,
                );
                return None;
            }
        };
        let (time, time_loc) = match r.start_time_of_day.known() {
            Some((t, loc)) => (t.clone(), loc),
            None if r.start_time_of_day.is_unknown() => return Some(None),
            None => {
                self.error("import-missing-key", r.loc, format!("a restriction of {what} has no `start_time_of_day`; {what} is not imported"), None);
                return None;
            }
        };
        let Some(from) = time_of_day(&time) else {
            self.error(
                "import-invalid-value",
                time_loc,
                format!("`start_time_of_day` is `{time}`, not a time `HH:MM:SS`; {what} is not imported"),
                None,
            );
            return None;
        };
        let (duration, duration_loc) = match r.duration_seconds.known() {
            Some((&d, loc)) => (d, loc),
            None if r.duration_seconds.is_unknown() => return Some(None),
            None => {
                self.error(
                    "import-missing-key",
                    r.loc,
                    format!(
                        "a restriction of {what} has no `duration_seconds`; {what} is not imported"
                    ),
                    None,
                );
                return None;
            }
        };
        if duration <= 0 {
            self.error(
                "import-invalid-value",
                duration_loc,
                format!("`duration_seconds` is {duration}: a restriction must last; {what} is not imported"),
                None,
            );
            return None;
        }
        let cap = if daily { 86_400 } else { 604_800 };
        let all_time = duration >= cap;
        let from = if daily {
            if let Some((day, loc)) = r.start_day_of_week.known() {
                let (file, d) = at(
                    Severity::Info,
                    "import-not-imported",
                    loc,
                    format!("`start_day_of_week: {day}` is not used by a daily restriction"),
                );
                self.cx.report(file, d);
            }
            from
        } else {
            let day = match r.start_day_of_week.known() {
                Some((&d, _)) if (1..=7).contains(&d) => d,
                Some((&d, loc)) => {
                    self.error(
                        "import-invalid-value",
                        loc,
                        format!("`start_day_of_week` is {d}: PagerDuty counts 1 (Monday) to 7 (Sunday); {what} is not imported"),
                        None,
                    );
                    return None;
                }
                None if r.start_day_of_week.is_unknown() => return Some(None),
                None => {
                    self.error("import-missing-key", r.loc, format!("a weekly restriction of {what} has no `start_day_of_week`; {what} is not imported"), None);
                    return None;
                }
            };
            // ISO 8601: "1 is Monday" (PagerDuty's OpenAPI `Restriction`).
            let name = WEEKDAYS.get((day - 1) as usize).copied().unwrap_or("mon");
            format!("{name} {from}")
        };
        if all_time {
            let period = if daily { "day" } else { "week" };
            return Some(Some(Window::All(
                duration_loc,
                format!(
                    "a {} restriction of {duration} seconds covers the whole {period}, every {period}: it limits nothing, so {what} is imported without restrictions",
                    if daily { "daily" } else { "weekly" },
                ),
            )));
        }
        Some(Some(Window::Part(
            Yaml::map()
                .with("from", from)
                .with("duration", exact_duration(duration)),
        )))
    }

    fn overrides(&mut self, list: &[Override], tz: Tz, what: &str) -> Vec<Yaml> {
        let mut out = Vec::new();
        // (index in `out`, start, end, loc) of each imported override.
        let mut spans: Vec<(usize, i64, i64, Loc)> = Vec::new();
        for o in list {
            self.extras(
                ObjectKind::Override,
                &format!("an override of {what}"),
                &o.extra,
            );
            let Some(user) = &o.user else {
                continue;
            };
            let (Some((s, sloc)), Some((e, eloc))) = (o.start.known(), o.end.known()) else {
                for (f, name) in [(&o.start, "start"), (&o.end, "end")] {
                    if f.is_absent() {
                        self.error(
                            "import-missing-key",
                            o.loc,
                            format!("this override has no `{name}`; not imported"),
                            None,
                        );
                    }
                }
                continue;
            };
            let (Some((si, _)), Some((ei, _))) = (
                self.time(s, sloc, tz, "start"),
                self.time(e, eloc, tz, "end"),
            ) else {
                continue;
            };
            if ei <= si {
                let (file, d) = at(
                    Severity::Info,
                    "import-not-imported",
                    eloc,
                    "this override ends before it starts, so it never applies; left out",
                );
                self.cx.report(file, d);
                continue;
            }
            let person = self.person_ref(user);
            // An override puts one user on call in place of everyone
            // ("Only one user per schedule can be on-call at a time").
            let mut y = Yaml::map()
                .with("person", person)
                .with("from", s.as_str())
                .with("to", e.as_str());
            y.set_opt("source", o.key.as_deref());
            spans.push((out.len(), si, ei, o.loc));
            out.push(y);
        }
        self.overlaps(&spans);
        out
    }

    /// PagerDuty: "If you create an override on top of an existing
    /// override, the last created override will have priority". The export
    /// has no creation time: the document keeps the file order (the one
    /// listed later wins) and each overlapping pair gets a warning.
    fn overlaps(&mut self, spans: &[(usize, i64, i64, Loc)]) {
        let mut by_start: Vec<&(usize, i64, i64, Loc)> = spans.iter().collect();
        by_start.sort_by_key(|(i, s, _, _)| (*s, *i));
        let mut active: Vec<&(usize, i64, i64, Loc)> = Vec::new();
        let mut reported = 0usize;
        let mut more = 0usize;
        for cur in by_start {
            active.retain(|a| a.2 > cur.1);
            for other in &active {
                if reported >= MAX_OVERLAP_REPORTS {
                    more += 1;
                    continue;
                }
                let (earlier, later) = if other.0 < cur.0 {
                    (*other, cur)
                } else {
                    (cur, *other)
                };
                let from = earlier.1.max(later.1);
                let to = earlier.2.min(later.2);
                let (file, mut d) = at(
                    Severity::Warning,
                    "import-overlapping-overrides",
                    later.3,
                    format!(
                        "this override overlaps an earlier one from {} to {}: PagerDuty gives that time to the one created last, and the export has no creation times; the one listed later (this one) is taken",
                        crate::time::Timestamp(from).to_rfc3339(),
                        crate::time::Timestamp(to).to_rfc3339()
                    ),
                );
                if earlier.3.file == later.3.file {
                    d = d.with_label(earlier.3.span, "overlaps this override");
                }
                self.cx.report(
                    file,
                    d.with_help(
                        "if the other was created later, move it after this one in the document",
                    ),
                );
                reported += 1;
                if active.len() > 4 * MAX_OVERLAP_REPORTS {
                    break;
                }
            }
            if more > 4 * MAX_OVERLAP_REPORTS {
                break;
            }
            active.push(cur);
        }
        if more > 0 {
            if let Some((_, _, _, loc)) = spans.last() {
                let (file, d) = at(
                    Severity::Warning,
                    "import-overlapping-overrides",
                    *loc,
                    format!("more overrides of this schedule overlap ({more} more pairs or more, not listed one by one); the one listed later is taken in each"),
                );
                self.cx.report(file, d);
            }
        }
    }

    /// The schedule id of a schedule reference; a schedule in no file
    /// becomes one with no layers, with a warning.
    fn schedule_ref(&mut self, r: &Ref) -> String {
        if let Some(id) = self.schedule_ids.get(&r.key) {
            return id.clone();
        }
        let name = r.summary.clone().unwrap_or_else(|| r.key.clone());
        let id = self.cx.ids.id("schedule", &r.key, &name);
        self.schedule_ids.insert(r.key.clone(), id.clone());
        let mut y = Yaml::map().with("id", id.as_str());
        y.set_opt("name", r.summary.as_deref());
        y.set("source", r.key.as_str());
        y.set("layers", Yaml::Seq(Vec::new()));
        self.stub_schedules.push(y);
        let (file, d) = at(
            Severity::Warning,
            "import-missing-object",
            r.loc,
            format!("schedule `{}` is in no file: imported as schedule `{id}` with no layers, so nobody is on call in it", r.key),
        );
        self.cx.report(
            file,
            d.with_help("add the schedule's export (GET /schedules/ID) to the files"),
        );
        id
    }
}

// ---- escalation policies ---------------------------------------------------------

impl Mapper<'_, '_> {
    fn policy(&mut self, p: &Policy) -> Option<Yaml> {
        let shown = shown(&p.name, &p.key, "unnamed");
        let what = format!("escalation policy `{shown}`");
        self.extras(ObjectKind::Policy, &what, &p.extra);
        let mut steps = Vec::new();
        for (i, rule) in p.rules.iter().enumerate() {
            match self.rule(rule, i, &what) {
                Some(step) => steps.push(step),
                None if rule.escalation_delay_in_minutes.is_unknown() => {
                    let (file, d) = at(
                        Severity::Info,
                        "import-not-imported",
                        rule.loc,
                        format!(
                            "rule {} of {what} is left out until its delay is known",
                            i + 1
                        ),
                    );
                    self.cx.report(file, d);
                }
                None => {}
            }
        }
        let Some(id) = self.policy_ids.get(&p.key).cloned() else {
            let (file, d) = at(
                Severity::Warning,
                "import-not-imported",
                p.loc,
                format!("{what} has no escalation rules; not imported"),
            );
            self.cx.report(file, d);
            return None;
        };
        if steps.is_empty() {
            let (file, d) = at(
                Severity::Warning,
                "import-not-imported",
                p.loc,
                format!("{what} has no rule that could be imported; not imported (services that use it page nobody)"),
            );
            self.cx.report(file, d);
            self.policy_ids.remove(&p.key);
            return None;
        }
        let mut y = Yaml::map().with("id", id.as_str());
        y.set_opt("name", p.name.value());
        y.set_opt("source", source_of(&p.key));
        // num_loops: "The number of times the escalation policy will repeat
        // after reaching the end of its escalation": extra passes.
        match p.num_loops.known() {
            Some((&n, _)) if (0..=MAX_REPEAT).contains(&n) => {
                y.set("repeat", n);
            }
            Some((&n, loc)) if n > MAX_REPEAT => {
                self.error(
                    "import-invalid-value",
                    loc,
                    format!("`num_loops` is {n}, more than the {MAX_REPEAT} repeats a policy may have (PagerDuty allows 9); read as {MAX_REPEAT}"),
                    None,
                );
                y.set("repeat", MAX_REPEAT);
            }
            Some((&n, loc)) => {
                self.error(
                    "import-invalid-value",
                    loc,
                    format!("`num_loops` is {n}; read as 0"),
                    None,
                );
                y.set("repeat", 0i64);
            }
            None => {
                y.set("repeat", 0i64);
            }
        }
        // An empty level escalates at once: "when no one is on call on a
        // particular schedule, alerts will auto-escalate" (KB "Scheduling
        // Gaps").
        y.set("on_empty_step", "skip");
        y.set("steps", Yaml::Seq(steps));
        Some(y)
    }

    fn rule(&mut self, r: &Rule, index: usize, policy: &str) -> Option<Yaml> {
        let what = format!("rule {} of {policy}", index + 1);
        self.extras(ObjectKind::Rule, &what, &r.extra);
        let mut notify = Vec::new();
        for t in &r.targets {
            let Some(reference) = &t.reference else {
                continue;
            };
            let kind = t
                .kind
                .value()
                .map(String::as_str)
                .unwrap_or("user_reference");
            match kind {
                "user_reference" | "user" => {
                    let id = self.person_ref(reference);
                    notify.push(Yaml::map().with("person", id));
                }
                "schedule_reference" | "schedule" => {
                    let id = self.schedule_ref(reference);
                    notify.push(Yaml::map().with("schedule", id));
                }
                other => {
                    let loc = t.kind.loc().unwrap_or(t.loc);
                    let (file, d) = at(
                        Severity::Warning,
                        "import-not-imported",
                        loc,
                        format!(
                            "target type `{other}` is neither a user nor a schedule; not imported"
                        ),
                    );
                    self.cx.report(file, d);
                }
            }
        }
        if let Some((strategy, loc)) = r.assignment_strategy.known() {
            match strategy.as_str() {
                "assign_to_everyone" => {}
                "round_robin" => {
                    let (file, d) = at(
                        Severity::Warning,
                        "pagerduty-round-robin",
                        loc,
                        format!("{what} assigns round robin: PagerDuty gives each new incident to the next target in turn, which depends on earlier incidents; imported as paging every target of the step"),
                    );
                    self.cx.report(file, d.with_help("plans and coverage count every target of this step; PagerDuty reaches one of them (KB \"Round Robin Scheduling\")"));
                }
                other => {
                    let (file, d) = at(
                        Severity::Warning,
                        "import-not-imported",
                        loc,
                        format!("assignment strategy `{other}` is not known; imported as paging every target"),
                    );
                    self.cx.report(file, d);
                }
            }
        }
        let delay = match r.escalation_delay_in_minutes.known() {
            Some((&m, _)) if (0..=MAX_DURATION.0 / 60).contains(&m) => m,
            Some((&m, loc)) if m > 0 => {
                self.error(
                    "import-invalid-value",
                    loc,
                    format!("`escalation_delay_in_minutes` is {m}, longer than the 100 years a delay may be; {what} is not imported"),
                    None,
                );
                return None;
            }
            Some((&m, loc)) => {
                self.error(
                    "import-invalid-value",
                    loc,
                    format!("`escalation_delay_in_minutes` is {m}; {what} is not imported"),
                    None,
                );
                return None;
            }
            None => {
                if r.escalation_delay_in_minutes.is_absent() {
                    self.error(
                        "import-missing-key",
                        r.loc,
                        format!("{what} has no `escalation_delay_in_minutes`; not imported"),
                        None,
                    );
                }
                return None;
            }
        };
        if notify.is_empty() {
            let (file, d) = at(
                Severity::Warning,
                "import-not-imported",
                r.loc,
                format!("{what} has no target that could be imported; left out (PagerDuty escalates past an empty rule at once, so the timing is the same; later steps are numbered one less)"),
            );
            self.cx.report(file, d);
            return None;
        }
        let mut y = Yaml::map();
        y.set_opt("source", r.key.as_deref());
        y.set("notify", Yaml::Seq(notify));
        // "The number of minutes before an unacknowledged incident
        // escalates away from this rule".
        y.set("escalate_after", format!("{delay}m"));
        Some(y)
    }
}

// ---- services and teams -------------------------------------------------------------

impl Mapper<'_, '_> {
    fn service(&mut self, s: &Service) -> Yaml {
        let what = format!("service `{}`", shown(&s.name, &s.key, "unnamed"));
        let name = shown(&s.name, &s.key, "service");
        let id = self.cx.ids.id("service", &s.key, &name);
        let mut y = Yaml::map().with("id", id);
        y.set_opt("name", s.name.value());
        y.set_opt("source", source_of(&s.key));
        match &s.escalation_policy {
            Some(r) => match self.policy_ids.get(&r.key) {
                Some(policy) => {
                    y.set("escalation", policy.as_str());
                }
                None => {
                    let (file, d) = at(
                        Severity::Warning,
                        "import-missing-object",
                        r.loc,
                        format!("escalation policy `{}` is not imported (in no file, or without rules): {what} has no escalation", r.key),
                    );
                    self.cx.report(file, d.with_help("add the escalation policies export (GET /escalation_policies) to the files"));
                }
            },
            None => {
                let (file, d) = at(
                    Severity::Warning,
                    "import-missing-key",
                    s.loc,
                    format!("{what} has no `escalation_policy`: its incidents page nobody"),
                );
                self.cx.report(file, d);
            }
        }
        self.extras(ObjectKind::Service, &what, &s.extra);
        y
    }

    fn team(&mut self, t: &super::objects::Team) {
        let shown = shown(&t.name, &t.key, "unnamed");
        let (kind, message) = match t.kind {
            ObjectKindOfTeam::Team => (
                ObjectKind::Team,
                format!("team `{shown}` is not imported: a PagerDuty team is a group, not a person, so it cannot own anything in the document"),
            ),
            ObjectKindOfTeam::Membership => (
                ObjectKind::Membership,
                format!("the team membership of `{shown}` is not imported: teams are not imported"),
            ),
        };
        let (file, d) = at(Severity::Info, "import-not-imported", t.loc, message);
        self.cx.report(file, d);
        self.extras(kind, &format!("team `{shown}`"), &t.extra);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_use_the_largest_exact_unit() {
        assert_eq!(exact_duration(604_800), "1w");
        assert_eq!(exact_duration(86_400), "1d");
        assert_eq!(exact_duration(28_800), "8h");
        assert_eq!(exact_duration(230_400), "64h");
        assert_eq!(exact_duration(5_400), "90m");
        assert_eq!(exact_duration(90), "90s");
        assert_eq!(exact_duration(1_209_600), "2w");
        assert_eq!(exact_duration(0), "0s");
    }

    #[test]
    fn times_of_day_keep_seconds_only_when_they_matter() {
        assert_eq!(time_of_day("09:00:00").as_deref(), Some("09:00"));
        assert_eq!(time_of_day("09:00:30").as_deref(), Some("09:00:30"));
        assert_eq!(time_of_day("19:00").as_deref(), Some("19:00"));
        assert_eq!(time_of_day("24:00:00"), None);
        assert_eq!(time_of_day("9:00:00"), None);
        assert_eq!(time_of_day("09:60:00"), None);
    }
}
