//! AWS Incident Manager's objects ([`super::objects`]) to the Escalator
//! document: each rule written once, for the API, CloudFormation and both
//! Terraform providers.
//!
//! AWS documents its plans precisely and its rotations hardly at all
//! (`docs/import-aws.md` lists what is documented and what is not). Where
//! AWS is silent the importer follows issue 13's reading and says so in an
//! info diagnostic (`aws-unverified`) at the element it concerns.

use std::collections::{BTreeMap, HashMap};

use chrono::{NaiveDateTime, Weekday};
use chrono_tz::Tz;

use crate::diagnostic::Diagnostic;
use crate::import::times::{clock_text, local_text};
use crate::import::view::{Diags, Field, Loc};
use crate::import::yaml::Yaml;
use crate::import::{Cx, ValueNeeded};
use crate::time::values::format_duration;
use crate::time::{resolve_local, ResolvedKind, Seconds, Timestamp, Zone};

use super::objects::{Channel, Contact, Export, Override, Recurrence, Rotation, Stage, Start};

pub fn map(cx: &mut Cx<'_>, export: &Export, diags: &mut Diags) {
    let mut m = Mapper {
        cx,
        diags,
        people: HashMap::new(),
        schedules: HashMap::new(),
        contacts: HashMap::new(),
    };
    m.run(export);
}

struct Mapper<'c, 'a, 'd> {
    cx: &'c mut Cx<'a>,
    diags: &'d mut Diags,
    /// Person id per contact key.
    people: HashMap<String, String>,
    /// The schedules of an on-call schedule contact (one per zone of its rotations).
    schedules: HashMap<String, Vec<String>>,
    /// Contacts by key (duplicates merged, separate plans joined).
    contacts: HashMap<String, Contact>,
}

fn warn(code: &'static str, at: Loc, message: impl Into<String>) -> Diagnostic {
    Diagnostic::warning(code, at.span, message)
}

fn info(code: &'static str, at: Loc, message: impl Into<String>) -> Diagnostic {
    Diagnostic::info(code, at.span, message)
}

fn error(code: &'static str, at: Loc, message: impl Into<String>) -> Diagnostic {
    Diagnostic::error(code, at.span, message)
}

/// Minutes as a document duration (`0m`, `15m`, `1h30m`).
fn minutes(n: i64) -> String {
    if n == 0 {
        "0m".to_string()
    } else {
        format_duration(Seconds(n.saturating_mul(60)))
    }
}

fn day_name(d: Weekday) -> &'static str {
    match d {
        Weekday::Mon => "mon",
        Weekday::Tue => "tue",
        Weekday::Wed => "wed",
        Weekday::Thu => "thu",
        Weekday::Fri => "fri",
        Weekday::Sat => "sat",
        Weekday::Sun => "sun",
    }
}

/// The short name an ARN ends with (`.../contact/alice` gives `alice`).
fn arn_tail(key: &str) -> &str {
    key.rsplit('/').next().unwrap_or(key)
}

/// A rotation's layer, with the zone its local times are read in.
struct RotationLayer {
    layer: Yaml,
    zone: Tz,
    name: String,
}

impl Mapper<'_, '_, '_> {
    fn say(&mut self, d: Diagnostic, at: Loc) {
        self.diags.push(at.file, d);
    }

    fn run(&mut self, export: &Export) {
        self.join_contacts(export);
        let zone = export
            .rotations
            .iter()
            .find_map(|r| r.time_zone.value().and_then(|z| z.parse::<Tz>().ok()));
        self.cx
            .draft
            .suggest_timezone(zone.map_or("UTC", |z| z.name()));
        let order: Vec<String> = {
            let mut seen = Vec::new();
            for c in &export.contacts {
                if !seen.contains(&c.key) {
                    seen.push(c.key.clone());
                }
            }
            seen
        };
        self.people(&order, export);
        // Rotations: one layer each.
        let mut layers: Vec<(String, Option<RotationLayer>)> = Vec::new();
        for r in &export.rotations {
            if layers.iter().any(|(k, _)| k == &r.key) {
                continue;
            }
            let l = self.rotation(r, export);
            layers.push((r.key.clone(), l));
        }
        for o in &export.overrides {
            let known = o
                .rotation
                .as_ref()
                .is_some_and(|k| layers.iter().any(|(x, _)| x == k));
            if !known {
                let msg = match &o.rotation {
                    Some(k) => format!(
                        "this override is for rotation `{k}`, which is in no file; not imported"
                    ),
                    None => "this override does not say its rotation; not imported".to_string(),
                };
                self.say(warn("import-missing-object", o.loc, msg).with_help("import the rotation (get-rotation) with its overrides (list-rotation-overrides --rotation-id ...)"), o.loc);
            }
        }
        // On-call schedule contacts: the union of their rotations.
        let mut schedules = Vec::new();
        let mut used: Vec<String> = Vec::new();
        for key in &order {
            let Some(c) = self.contacts.get(key).cloned() else {
                continue;
            };
            if c.kind.value().map(String::as_str) == Some("ONCALL_SCHEDULE") {
                schedules.extend(self.oncall_schedule(&c, &layers, &mut used));
            }
        }
        for (key, layer) in &layers {
            let Some(l) = layer else { continue };
            if used.contains(key) {
                continue;
            }
            let at = export
                .rotations
                .iter()
                .find(|r| &r.key == key)
                .map_or(Loc::default(), |r| r.loc);
            self.say(info("import-unused", at, format!("rotation `{}` is in no on-call schedule of the files: imported as a schedule of its own", l.name)), at);
            let id = self.cx.ids.id("schedule", key, &l.name);
            let mut y = Yaml::map().with("id", id).with("name", l.name.clone());
            if !key.is_empty() {
                y.set("source", key.clone());
            }
            y.set("timezone", l.zone.name());
            y.set("combine", "union");
            y.set("layers", vec![l.layer.clone()]);
            schedules.push(y);
        }
        let mut policies = Vec::new();
        for key in &order {
            let Some(c) = self.contacts.get(key).cloned() else {
                continue;
            };
            if c.kind.value().map(String::as_str) == Some("ESCALATION") {
                if let Some(p) = self.policy(&c, export) {
                    policies.push(p);
                }
            }
        }
        self.cx.draft.schedules.extend(schedules);
        self.cx.draft.policies.extend(policies);
    }

    /// Contacts by key: a `list-contacts` entry and a `get-contact` of the
    /// same contact are one; plans given apart join their contact.
    fn join_contacts(&mut self, export: &Export) {
        for c in &export.contacts {
            match self.contacts.get_mut(&c.key) {
                Some(have) => {
                    if !have.has_plan && c.has_plan {
                        *have = c.clone();
                    }
                }
                None => {
                    self.contacts.insert(c.key.clone(), c.clone());
                }
            }
        }
        for p in &export.plans {
            let Some((key, at)) = p.contact.known() else {
                if p.contact.is_absent() {
                    self.say(
                        error(
                            "import-missing-key",
                            p.loc,
                            "this plan has no `ContactId`; not imported",
                        ),
                        p.loc,
                    );
                }
                continue;
            };
            match self.contacts.get_mut(key) {
                Some(c) => {
                    c.has_plan = true;
                    c.stages.extend(p.stages.iter().cloned());
                    if let Some((ids, iat)) = p.rotation_ids.known() {
                        match &mut c.rotation_ids {
                            Field::Known(have, _) => have.extend(ids.iter().cloned()),
                            other => *other = Field::Known(ids.clone(), iat),
                        }
                    }
                }
                None => self.say(
                    warn(
                        "import-missing-object",
                        at,
                        format!("contact `{key}` is in no file; its plan is not imported"),
                    ),
                    at,
                ),
            }
        }
    }

    // ---- people -------------------------------------------------------------

    fn people(&mut self, order: &[String], export: &Export) {
        let mut out = Vec::new();
        for key in order {
            let Some(c) = self.contacts.get(key).cloned() else {
                continue;
            };
            let kind = c.kind.value().cloned().unwrap_or_default();
            if kind != "PERSONAL" {
                if !matches!(kind.as_str(), "ESCALATION" | "ONCALL_SCHEDULE") {
                    let at = c.kind.loc().unwrap_or(c.loc);
                    if c.kind.is_absent() {
                        self.say(
                            error(
                                "import-missing-key",
                                c.loc,
                                "this contact has no `Type`; not imported",
                            ),
                            c.loc,
                        );
                    } else if !c.kind.is_unknown() {
                        self.say(error("import-invalid-value", at, format!("contact type `{kind}` is not PERSONAL, ESCALATION or ONCALL_SCHEDULE; not imported")), at);
                    }
                }
                continue;
            }
            let name = c
                .display_name
                .value()
                .or(c.alias.value())
                .cloned()
                .unwrap_or_else(|| arn_tail(key).to_string());
            let alias = c.alias.value().cloned().unwrap_or_else(|| name.clone());
            let id = self.cx.ids.id("person", key, &alias);
            self.people.insert(key.clone(), id.clone());
            let mut y = Yaml::map().with("id", id).with("name", name);
            if !key.is_empty() {
                y.set("source", key.clone());
            }
            let contact = self.contact_plan(&c, export);
            if !contact.is_empty() {
                y.set("contact", contact);
            }
            out.push(y);
        }
        // Contacts that rotations name but no file gives.
        for r in &export.rotations {
            let Some(ids) = r.contact_ids.value() else {
                continue;
            };
            for (key, at) in ids {
                if self.people.contains_key(key) || self.contacts.contains_key(key) {
                    continue;
                }
                let id = self.cx.ids.id("person", key, arn_tail(key));
                self.people.insert(key.clone(), id.clone());
                self.say(info("import-missing-object", *at, format!("contact `{key}` is in no file: imported as `{id}` without a contact plan")).with_help("add the contact's export (get-contact) to the files"), *at);
                out.push(Yaml::map().with("id", id).with("source", key.clone()));
            }
        }
        self.cx.draft.people.extend(out);
    }

    /// A personal contact's engagement plan: each stage's channels are
    /// engaged when the stage begins, the sum of the earlier stages'
    /// `DurationInMinutes` ("The time to wait until beginning the next stage").
    fn contact_plan(&mut self, c: &Contact, export: &Export) -> Vec<Yaml> {
        let mut out = Vec::new();
        let mut after = 0i64;
        for s in &c.stages {
            for t in &s.targets {
                if let Some((ck, at)) = t.contact.known() {
                    self.say(warn("import-not-imported", at, format!("a personal contact's plan engages its own channels; contact target `{ck}` is not imported")), at);
                }
                let Some((key, at)) = t.channel.known() else {
                    continue;
                };
                let Some(ch) = export.channels.iter().find(|ch| &ch.key == key) else {
                    self.say(warn("import-missing-object", at, format!("contact channel `{key}` is in no file: its type is unknown; not imported")).with_help("add the contact's channels (list-contact-channels) to the files"), at);
                    continue;
                };
                if let Some(rule) = self.channel_rule(ch, after) {
                    out.push(rule);
                }
                if let Some((r, rat)) = t.retry_minutes.known() {
                    if *r > 0 {
                        self.say(info("import-not-imported", rat, format!("not imported: `RetryIntervalInMinutes: {r}` (a retry when delivery fails, not a repeat page)")), rat);
                    }
                }
            }
            if let Some((d, _)) = s.duration_minutes.known() {
                after = after.saturating_add((*d).max(0));
            }
        }
        out
    }

    fn channel_rule(&mut self, ch: &Channel, after: i64) -> Option<Yaml> {
        if ch.activated == Some(false) {
            self.say(warn("aws-channel-not-activated", ch.loc, format!(
                "contact channel `{}` is not activated: Incident Manager cannot engage it; not imported",
                ch.name.value().map_or(ch.key.as_str(), String::as_str)
            )), ch.loc);
            return None;
        }
        let kind = ch.kind.value()?;
        let via = match kind.as_str() {
            "SMS" => "sms",
            "VOICE" => "phone",
            "EMAIL" => "email",
            "CHATBOT" => "chat",
            other => {
                let at = ch.kind.loc().unwrap_or(ch.loc);
                self.say(
                    warn(
                        "import-invalid-value",
                        at,
                        format!("channel type `{other}` is not SMS, VOICE or EMAIL; not imported"),
                    ),
                    at,
                );
                return None;
            }
        };
        let mut y = Yaml::map().with("via", via).with("after", minutes(after));
        if let Some(a) = ch.address.value() {
            y.set("to", a.clone());
        }
        Some(y)
    }

    // ---- rotations ----------------------------------------------------------

    fn rotation(&mut self, r: &Rotation, export: &Export) -> Option<RotationLayer> {
        let name = r
            .name
            .value()
            .cloned()
            .unwrap_or_else(|| arn_tail(&r.key).to_string());
        let tz = match r.time_zone.known() {
            Some((z, at)) => {
                match z.parse::<Tz>() {
                    Ok(tz) => tz,
                    Err(_) => {
                        self.say(error("invalid-timezone", at, format!("`{z}` is not an IANA time zone; rotation `{name}` is not imported")), at);
                        return None;
                    }
                }
            }
            None => {
                if r.time_zone.is_absent() {
                    self.say(
                        error(
                            "import-missing-key",
                            r.loc,
                            format!("rotation `{name}` has no `TimeZoneId`; not imported"),
                        ),
                        r.loc,
                    );
                }
                return None;
            }
        };
        let Some(rec) = &r.recurrence else {
            self.say(
                error(
                    "import-missing-key",
                    r.loc,
                    format!("rotation `{name}` has no `Recurrence`; not imported"),
                ),
                r.loc,
            );
            return None;
        };
        if rec.broken {
            return None;
        }
        // Members: `ContactIds` in shift order.
        let ids: Vec<(String, Loc)> = match r.contact_ids.known() {
            Some((ids, _)) => ids.clone(),
            None => {
                if r.contact_ids.is_absent() {
                    self.say(
                        error(
                            "import-missing-key",
                            r.loc,
                            format!("rotation `{name}` has no `ContactIds`; not imported"),
                        ),
                        r.loc,
                    );
                }
                return None;
            }
        };
        let mut contacts = Vec::new();
        for (key, at) in &ids {
            match self.people.get(key) {
                Some(p) => contacts.push(p.clone()),
                None => {
                    self.say(warn("import-invalid-value", *at, format!("`{key}` is not a personal contact: \"Only the PERSONAL contact type is supported\" in a rotation; not imported")), *at);
                }
            }
        }
        if contacts.is_empty() {
            self.say(info("import-empty-rotation", r.loc, format!("rotation `{name}` has no contacts: nobody is ever on call in it; not imported")), r.loc);
            return None;
        }
        let members = self.members(rec, &contacts, &name);
        let handoffs = self.handoffs(rec, &name)?;
        let handoff = self.start_of(r, &name, tz)?;
        let mut layer = Yaml::map()
            .with("id", crate::import::ids::slug(&name))
            .with("name", name.clone());
        if !r.key.is_empty() {
            layer.set("source", r.key.clone());
        }
        layer.set("members", members);
        layer.set("handoff", handoff.0.clone());
        layer.set("handoffs", handoffs.clone());
        if rec.monthly.iter().any(|(d, _, _)| *d > 28) {
            let at = rec
                .monthly
                .iter()
                .find(|(d, _, _)| *d > 28)
                .map_or(rec.loc, |m| m.2);
            self.say(info("aws-unverified", at, "AWS does not say what a `DayOfMonth` after the 28th does in shorter months: imported as the month's last day (`month_overflow: clamp`)"), at);
            layer.set("month_overflow", "clamp");
        }
        if let Some(covs) = &rec.coverages {
            let restrictions = self.restrictions(rec, covs, &name);
            if !restrictions.is_empty() {
                layer.set("restrictions", restrictions);
            }
        }
        let overrides = self.overrides(r, export);
        if !overrides.is_empty() {
            layer.set("overrides", overrides);
        }
        self.start_on_grid(rec, tz, &handoff, &name);
        let from = crate::import::times::instant(&handoff.0)
            .map(|t| t.0)
            .or_else(|| {
                crate::import::times::local(&handoff.0).map(|l| resolve_local(tz, l).instant.0)
            })
            .unwrap_or(0);
        self.dst_check(rec, tz, &name, from);
        Some(RotationLayer {
            layer,
            zone: tz,
            name,
        })
    }

    /// Turns of `NumberOfOnCalls` contacts: consecutive blocks of the list,
    /// wrapping (AWS does not say how the contacts are picked).
    fn members(&mut self, rec: &Recurrence, contacts: &[String], name: &str) -> Yaml {
        let n = contacts.len();
        let k = match rec.number_of_on_calls.known() {
            Some((k, at)) if *k < 1 => {
                self.say(
                    warn(
                        "import-invalid-value",
                        at,
                        format!(
                            "`NumberOfOnCalls: {k}` is below AWS's minimum of 1; imported as 1"
                        ),
                    ),
                    at,
                );
                1
            }
            Some((k, _)) => *k as usize,
            None => 1,
        };
        if k == 1 {
            return Yaml::strs(contacts.iter().cloned());
        }
        let at = rec.number_of_on_calls.loc().unwrap_or(rec.loc);
        if k >= n {
            self.say(info("aws-unverified", at, format!("rotation `{name}`: `NumberOfOnCalls: {k}` is at least its {n} contacts: everyone is on call in every turn")), at);
            let mut all: Vec<String> = contacts.to_vec();
            all.dedup();
            return Yaml::Seq(vec![Yaml::strs(all)]);
        }
        self.say(info("aws-unverified", at, format!(
            "AWS does not say which {k} contacts share a turn: imported as consecutive contacts of `ContactIds`, wrapping round (turn i holds contacts i*{k} to i*{k}+{}, modulo {n})",
            k - 1
        )), at);
        let cycle = n / gcd(n, k);
        let turns: Vec<Yaml> = (0..cycle)
            .map(|i| Yaml::strs((0..k).map(|j| contacts[(i * k + j) % n].clone())))
            .collect();
        Yaml::Seq(turns)
    }

    /// `handoffs:` (model extension E12): the points of the day, week or
    /// month where turns change; `every:` is `RecurrenceMultiplier`.
    fn handoffs(&mut self, rec: &Recurrence, name: &str) -> Option<Yaml> {
        let kinds = [
            !rec.daily.is_empty(),
            !rec.weekly.is_empty(),
            !rec.monthly.is_empty(),
        ];
        if kinds.iter().filter(|k| **k).count() != 1 {
            self.say(error("import-invalid-value", rec.loc, format!(
                "rotation `{name}`: \"Exactly one of either daily_settings, monthly_settings, or weekly_settings must be populated\"; not imported"
            )), rec.loc);
            return None;
        }
        let mut y = Yaml::map();
        let count;
        if !rec.daily.is_empty() {
            let mut t: Vec<u32> = rec.daily.iter().map(|d| d.0).collect();
            t.sort_unstable();
            t.dedup();
            count = t.len();
            y.set("daily", Yaml::strs(t.into_iter().map(clock_text)));
        } else if !rec.weekly.is_empty() {
            let mut t: Vec<(Weekday, u32)> = rec.weekly.iter().map(|w| (w.0, w.1)).collect();
            t.sort_by_key(|(d, c)| (d.num_days_from_monday(), *c));
            t.dedup();
            count = t.len();
            y.set(
                "weekly",
                Yaml::strs(
                    t.into_iter()
                        .map(|(d, c)| format!("{} {}", day_name(d), clock_text(c))),
                ),
            );
        } else {
            let mut t: Vec<(u32, u32)> = rec.monthly.iter().map(|m| (m.0, m.1)).collect();
            t.sort_unstable();
            t.dedup();
            count = t.len();
            y.set(
                "monthly",
                Yaml::strs(t.into_iter().map(|(d, c)| format!("{d} {}", clock_text(c)))),
            );
        }
        let m = match rec.multiplier.known() {
            Some((m, at)) if !(1..=100).contains(m) => {
                self.say(
                    warn(
                        "import-invalid-value",
                        at,
                        format!(
                            "`RecurrenceMultiplier: {m}` is outside AWS's 1 to 100; imported as {}",
                            (*m).clamp(1, 100)
                        ),
                    ),
                    at,
                );
                (*m).clamp(1, 100)
            }
            Some((m, _)) => *m,
            None => 1,
        };
        if m > 1 {
            y.set("every", m);
            if count > 1 {
                let at = rec.multiplier.loc().unwrap_or(rec.loc);
                self.say(info("aws-unverified", at, format!(
                    "AWS does not say how `RecurrenceMultiplier: {m}` combines with {count} handoffs a period: imported as a turn lasting {m} consecutive handoff points"
                )), at);
            }
        }
        if count > 1 {
            self.say(info("aws-unverified", rec.loc, format!(
                "rotation `{name}` hands off {count} times a period: each handoff starts the next contact's turn, so turns differ in length (issue 13's reading; AWS does not document it)"
            )), rec.loc);
        }
        Some(y)
    }

    /// The first handoff: `StartTime` ("The first shift is calculated from
    /// this date and time"). An instant is written as is; a CloudFormation
    /// `StartTime` has no offset, and its zone is asked for, never guessed.
    fn start_of(&mut self, r: &Rotation, name: &str, tz: Tz) -> Option<(String, Loc)> {
        let (start, at) = match r.start.known() {
            Some((s, at)) => (*s, at),
            None => {
                if r.start.is_absent() {
                    self.say(error("import-missing-key", r.loc, format!("rotation `{name}` has no `StartTime`: its first shift cannot be known; not imported")), r.loc);
                }
                return None;
            }
        };
        match start {
            Start::Instant(t) => Some((t.to_rfc3339(), at)),
            Start::Local(local) => {
                let var = if r.key.contains('.') {
                    format!("{}.start_time", r.key)
                } else {
                    format!("{}.StartTime", r.key)
                };
                let given = self
                    .cx
                    .options
                    .vars
                    .iter()
                    .rev()
                    .find(|(n, _)| n == &var)
                    .map(|(_, v)| v.trim().to_string());
                match given {
                    Some(v) => match self.answer(&v, local, tz) {
                        Some(text) => {
                            self.say(
                                info(
                                    "aws-start-time",
                                    at,
                                    format!(
                                        "`StartTime` {} read with `--var {var}={v}`: {text}",
                                        local_text(local)
                                    ),
                                ),
                                at,
                            );
                            Some((text, at))
                        }
                        None => {
                            self.say(error("import-invalid-value", at, format!(
                                "`--var {var}={v}` is not an offset (`+01:00`, `Z`), a time zone (`{}`) or an instant with an offset", tz.name()
                            )), at);
                            None
                        }
                    },
                    None => {
                        self.cx.need(ValueNeeded {
                            name: var.clone(),
                            description: Some(format!("the UTC offset or time zone of rotation `{name}`'s `StartTime` ({})", local_text(local))),
                            example: Some(tz.name().to_string()),
                            file: at.file,
                            span: at.span,
                        });
                        self.say(error("import-value-needed", at, format!(
                            "`StartTime` {} has no UTC offset, and AWS does not say which zone it is read in: pass `--var {var}=<offset or zone>`",
                            local_text(local)
                        )).with_help(format!("for example `--var {var}={}` to read it in the rotation's zone, or `--var {var}=+00:00`", tz.name())), at);
                        None
                    }
                }
            }
        }
    }

    /// A `StartTime` without offset, read with the value given: an offset,
    /// a zone, or an instant.
    fn answer(&mut self, value: &str, local: NaiveDateTime, tz: Tz) -> Option<String> {
        if let Ok(zone) = value.parse::<Tz>() {
            if zone == tz {
                return Some(local_text(local));
            }
            return Some(Timestamp(resolve_local(zone, local).instant.0).to_rfc3339());
        }
        if let Some(t) = crate::import::times::instant(value) {
            return Some(t.to_rfc3339());
        }
        let offset = if value.eq_ignore_ascii_case("z") {
            Some(0)
        } else {
            let (sign, rest) = match value.as_bytes().first() {
                Some(b'+') => (1, &value[1..]),
                Some(b'-') => (-1, &value[1..]),
                _ => return None,
            };
            let (h, m) = rest.split_once(':').unwrap_or((rest, "0"));
            let (h, m): (i64, i64) = (h.parse().ok()?, m.parse().ok()?);
            (h <= 18 && m < 60).then_some(sign * (h * 3600 + m * 60))
        }?;
        let seconds = crate::time::local_seconds(local) - offset;
        Some(Timestamp(seconds).to_rfc3339())
    }

    /// Says when `StartTime` is not one of the handoff points: AWS does not
    /// say whether the first shift then starts at `StartTime` or at the
    /// first point (the document starts it at `StartTime`, E12).
    fn start_on_grid(&mut self, rec: &Recurrence, tz: Tz, handoff: &(String, Loc), name: &str) {
        let local = match crate::import::times::instant(&handoff.0) {
            Some(t) => crate::time::naive_of_local(Zone::new(tz).local_of(t.0)),
            None => match crate::import::times::local(&handoff.0) {
                Some(l) => l,
                None => return,
            },
        };
        use chrono::{Datelike, Timelike};
        let secs = local.num_seconds_from_midnight();
        let on = rec.daily.iter().any(|(t, _)| *t == secs)
            || rec
                .weekly
                .iter()
                .any(|(d, t, _)| *d == local.weekday() && *t == secs)
            || rec
                .monthly
                .iter()
                .any(|(d, t, _)| *d == local.day() && *t == secs);
        if !on {
            self.say(info("aws-unverified", handoff.1, format!(
                "rotation `{name}`: `StartTime` ({}) is not one of its handoff points: the first contact's turn runs from it to the next point (\"The first shift is calculated from this date and time\"; AWS does not say more)",
                local_text(local)
            )), handoff.1);
        }
    }

    /// `ShiftCoverages` as restrictions: each day's windows, days with the
    /// same windows together. The rotation keeps turning outside coverage,
    /// so coverage that starts before a handoff shows the previous turn.
    fn restrictions(
        &mut self,
        rec: &Recurrence,
        covs: &[super::objects::Coverage],
        name: &str,
    ) -> Vec<Yaml> {
        if covs.is_empty() {
            return Vec::new();
        }
        let mut groups: BTreeMap<(u32, u32), Vec<Weekday>> = BTreeMap::new();
        let mut firsts: Vec<(u32, u32)> = Vec::new();
        for c in covs {
            let key = (c.start, c.end);
            if !groups.contains_key(&key) {
                firsts.push(key);
            }
            let days = groups.entry(key).or_default();
            if !days.contains(&c.day) {
                days.push(c.day);
            }
            if c.end != 0 && c.end <= c.start {
                self.say(info("aws-unverified", c.loc, "this coverage ends before it starts: imported as running past midnight into the next day (AWS does not say)"), c.loc);
            }
            // Coverage across a handoff of that day: issue 13's reading.
            let inside = |t: u32| t > c.start && (t < c.end || c.end <= c.start);
            let crosses = rec.weekly.iter().any(|(d, t, _)| *d == c.day && inside(*t))
                || rec.daily.iter().any(|(t, _)| inside(*t));
            let monthly = rec.monthly.iter().any(|(_, t, _)| inside(*t));
            if monthly {
                self.say(info("aws-unverified", c.loc, format!(
                    "rotation `{name}`: when the monthly handoff day is a {}, this coverage starts before the handoff: until the handoff it shows the previous turn's contacts, then the new turn's (issue 13: \"Coverage that starts before the day's handoff belongs to the previous shift\"; AWS does not document it)",
                    day_name(c.day)
                )), c.loc);
            }
            if crosses {
                self.say(info("aws-unverified", c.loc, format!(
                    "rotation `{name}`: this coverage starts before the day's handoff: until the handoff it shows the previous turn's contacts, then the new turn's (issue 13: \"Coverage that starts before the day's handoff belongs to the previous shift\"; AWS does not document it)"
                )), c.loc);
            }
        }
        let mut out = Vec::new();
        for key in firsts {
            let mut days = groups.remove(&key).unwrap_or_default();
            days.sort_by_key(|d| d.num_days_from_monday());
            let mut w = Yaml::map();
            if days.len() < 7 {
                w.set("days", Yaml::strs(days.into_iter().map(day_name)));
            }
            w.set("from", clock_text(key.0));
            w.set("to", clock_text(key.1));
            out.push(w);
        }
        out
    }

    /// The rotation's overrides (model extension E13): "The Amazon
    /// Resource Names (ARNs) of the contacts to replace those in the current
    /// on-call rotation with".
    fn overrides(&mut self, r: &Rotation, export: &Export) -> Vec<Yaml> {
        let mut mine: Vec<&Override> = export
            .overrides
            .iter()
            .filter(|o| o.rotation.as_deref() == Some(r.key.as_str()))
            .collect();
        mine.sort_by_key(|o| (o.start.value().copied(), o.key.clone()));
        let mut out = Vec::new();
        let mut last_end: Option<(Timestamp, Loc)> = None;
        for o in mine {
            let (Some((a, _)), Some((b, _))) = (o.start.known(), o.end.known()) else {
                if o.start.is_absent() || o.end.is_absent() {
                    self.say(
                        error(
                            "import-missing-key",
                            o.loc,
                            "this override needs `StartTime` and `EndTime`; not imported",
                        ),
                        o.loc,
                    );
                }
                continue;
            };
            if b <= a {
                self.say(
                    warn(
                        "import-invalid-value",
                        o.loc,
                        "this override ends before it starts; not imported",
                    ),
                    o.loc,
                );
                continue;
            }
            if let Some((end, at)) = last_end {
                if *a < end {
                    self.say(warn("import-overlapping-overrides", o.loc, "this override overlaps an earlier one of the rotation: AWS does not say which wins; the later-starting one is applied over the earlier").with_label(at.span, "the earlier override"), o.loc);
                }
            }
            if last_end.is_none_or(|(e, _)| *b > e) {
                last_end = Some((*b, o.loc));
            }
            let people: Vec<String> = o
                .new_contacts
                .value()
                .map(|ids| {
                    ids.iter()
                        .filter_map(|(k, _)| self.people.get(k).cloned())
                        .collect()
                })
                .unwrap_or_default();
            if people.is_empty() {
                self.say(info("aws-unverified", o.loc, "this override replaces the on-call contacts with nobody (an empty `NewContactIds`; AWS allows it but does not say what it does)"), o.loc);
            }
            if r.recurrence
                .as_ref()
                .is_some_and(|rec| rec.coverages.as_ref().is_some_and(|c| !c.is_empty()))
            {
                self.say(info("aws-unverified", o.loc, "AWS does not say whether an override keeps to the rotation's coverage: it replaces the on-call contacts for its whole span, covered or not"), o.loc);
            }
            let mut y = Yaml::map().with("people", Yaml::strs(people));
            y.set("from", a.to_rfc3339());
            y.set("to", b.to_rfc3339());
            if !o.key.is_empty() {
                y.set("source", o.key.clone());
            }
            out.push(y);
        }
        out
    }

    /// Says when a handoff time falls in a DST gap or fold of the zone
    /// (AWS documents only gaps and overlaps between zones).
    fn dst_check(&mut self, rec: &Recurrence, tz: Tz, name: &str, from: i64) {
        let times: Vec<(u32, Loc)> = rec
            .daily
            .iter()
            .map(|(t, l)| (*t, *l))
            .chain(rec.weekly.iter().map(|(_, t, l)| (*t, *l)))
            .chain(rec.monthly.iter().map(|(_, t, l)| (*t, *l)))
            .collect();
        let zone = Zone::new(tz);
        for (t, at) in times {
            for tr in zone
                .table()
                .iter()
                .filter(|tr| tr.at > from && tr.at < from + 2 * 366 * 86_400)
            {
                let day = Timestamp(tr.at).to_naive_utc().date();
                for d in [day.pred_opt(), Some(day), day.succ_opt()]
                    .into_iter()
                    .flatten()
                {
                    let local = d.and_hms_opt(t / 3600, t / 60 % 60, 0);
                    let Some(local) = local else { continue };
                    let kind = resolve_local(tz, local).kind;
                    if !matches!(kind, ResolvedKind::Exact) {
                        let what = if matches!(kind, ResolvedKind::Gap { .. }) {
                            "does not exist"
                        } else {
                            "occurs twice"
                        };
                        self.say(info("aws-unverified", at, format!(
                            "rotation `{name}`: the handoff at {} {what} on {} in {}: AWS does not say what happens then; the document follows the SPEC (a missing time moves forward by the gap, a repeated one is the first)",
                            clock_text(t),
                            local.date(),
                            tz.name()
                        )), at);
                        return;
                    }
                }
            }
        }
    }

    // ---- on-call schedules ----------------------------------------------------

    /// An on-call schedule contact: the union of its rotations
    /// ("Rotations can overlap or run concurrently"); rotations in several
    /// zones become one schedule per zone, all paged together.
    fn oncall_schedule(
        &mut self,
        c: &Contact,
        layers: &[(String, Option<RotationLayer>)],
        used: &mut Vec<String>,
    ) -> Vec<Yaml> {
        let name = c
            .display_name
            .value()
            .or(c.alias.value())
            .cloned()
            .unwrap_or_else(|| arn_tail(&c.key).to_string());
        let alias = c.alias.value().cloned().unwrap_or_else(|| name.clone());
        let ids: Vec<(String, Loc)> = c.rotation_ids.value().cloned().unwrap_or_default();
        let mut by_zone: Vec<(Tz, Vec<Yaml>)> = Vec::new();
        for (key, at) in &ids {
            match layers.iter().find(|(k, _)| k == key) {
                Some((_, Some(l))) => {
                    used.push(key.clone());
                    match by_zone.iter_mut().find(|(z, _)| *z == l.zone) {
                        Some((_, list)) => list.push(l.layer.clone()),
                        None => by_zone.push((l.zone, vec![l.layer.clone()])),
                    }
                }
                Some((_, None)) => {}
                None => self.say(
                    warn(
                        "import-missing-object",
                        *at,
                        format!("rotation `{key}` is in no file; not imported"),
                    )
                    .with_help("add the rotation's export (get-rotation) to the files"),
                    *at,
                ),
            }
        }
        if ids.is_empty() && !c.rotation_ids.is_unknown() {
            self.say(warn("aws-no-rotations", c.loc, format!(
                "on-call schedule `{name}` names no rotation in the files (the `aws` provider's `aws_ssmcontacts_plan` cannot set `rotation_ids`): it has nobody on call"
            )), c.loc);
        }
        if by_zone.len() > 1 {
            let zones: Vec<&str> = by_zone.iter().map(|(z, _)| z.name()).collect();
            self.say(info("aws-zones", c.loc, format!(
                "on-call schedule `{name}` has rotations in {}: each rotation turns on its own zone's clock, so the import writes one schedule per zone and pages them together",
                zones.join(" and ")
            )), c.loc);
        }
        if by_zone.is_empty() {
            by_zone.push((
                self.cx
                    .draft
                    .timezone
                    .as_deref()
                    .and_then(|z| z.parse().ok())
                    .unwrap_or(Tz::UTC),
                Vec::new(),
            ));
        }
        let several = by_zone.len() > 1;
        let mut out = Vec::new();
        let mut mine = Vec::new();
        for (zone, mut list) in by_zone {
            let (key, shown) = if several {
                (
                    format!("{}#{}", c.key, zone.name()),
                    format!("{name} ({})", zone.name()),
                )
            } else {
                (c.key.clone(), name.clone())
            };
            let id = self.cx.ids.id(
                "schedule",
                &key,
                &if several {
                    format!("{alias} {}", zone.name())
                } else {
                    alias.clone()
                },
            );
            mine.push(id.clone());
            // Unique layer ids in the schedule.
            let mut seen: Vec<String> = Vec::new();
            for l in &mut list {
                let base = match l.get("id") {
                    Some(Yaml::Str(s)) if !s.is_empty() => s.clone(),
                    _ => "rotation".to_string(),
                };
                let mut lid = base.clone();
                let mut n = 2;
                while seen.contains(&lid) {
                    lid = format!("{base}-{n}");
                    n += 1;
                }
                seen.push(lid.clone());
                l.set("id", lid);
            }
            let mut y = Yaml::map().with("id", id).with("name", shown);
            if !c.key.is_empty() {
                y.set("source", c.key.clone());
            }
            y.set("timezone", zone.name());
            y.set("combine", "union");
            y.set("layers", list);
            out.push(y);
        }
        self.schedules.insert(c.key.clone(), mine);
        out
    }

    // ---- escalation plans -----------------------------------------------------

    fn policy(&mut self, c: &Contact, export: &Export) -> Option<Yaml> {
        let name = c
            .display_name
            .value()
            .or(c.alias.value())
            .cloned()
            .unwrap_or_else(|| arn_tail(&c.key).to_string());
        let alias = c.alias.value().cloned().unwrap_or_else(|| name.clone());
        if c.stages.is_empty() {
            let what = if c.has_plan {
                "has no stages"
            } else {
                "comes without its plan (`list-contacts` does not give plans)"
            };
            self.say(
                warn(
                    "import-empty-policy",
                    c.loc,
                    format!("escalation plan `{name}` {what}: it pages nobody; not imported"),
                )
                .with_help("export it with `get-contact`"),
                c.loc,
            );
            return None;
        }
        let id = self.cx.ids.id("policy", &c.key, &alias);
        let mut y = Yaml::map().with("id", id).with("name", name.clone());
        if !c.key.is_empty() {
            y.set("source", c.key.clone());
        }
        // Stages are timer-driven ("The amount of time the plan waits until
        // beginning the next stage"): an empty stage still lasts.
        self.say(info("aws-unverified", c.loc, format!(
            "escalation plan `{name}`: a stage whose targets have nobody on call still lasts its `DurationInMinutes` (`on_empty_step: wait`; stages are timed, AWS says nothing of empty ones)"
        )), c.loc);
        y.set("on_empty_step", "wait");
        let last = c.stages.len() - 1;
        let mut steps = Vec::new();
        for (i, s) in c.stages.iter().enumerate() {
            steps.push(self.stage(s, i == last, export)?);
        }
        y.set("steps", steps);
        Some(y)
    }

    fn stage(&mut self, s: &Stage, last: bool, export: &Export) -> Option<Yaml> {
        let minutes_of = match s.duration_minutes.known() {
            Some((d, at)) => {
                if *d > crate::time::values::MAX_DURATION.0 / 60 {
                    self.say(error("import-invalid-value", at, format!("`DurationInMinutes: {d}` is longer than the 100 years a document's duration may be; the plan is not imported")), at);
                    return None;
                }
                if !(0..=30).contains(d) {
                    self.say(warn("import-invalid-value", at, format!("`DurationInMinutes: {d}` is outside AWS's 0 to 30; imported as written")), at);
                }
                if *d == 0 {
                    self.say(info("aws-zero-stage", at, if last {
                        "a stage of 0 minutes: \"The time to wait until beginning the next stage\" is 0, so as the last stage the plan ends when it begins (`escalate_after: 0m`)"
                    } else {
                        "a stage of 0 minutes: \"The time to wait until beginning the next stage\" is 0, so the next stage begins at once (`escalate_after: 0m`); issue 13's \"a stage with duration 0 ends the plan\" is read as this, which agrees for a last stage"
                    }), at);
                }
                (*d).max(0)
            }
            None => {
                if s.duration_minutes.is_absent() {
                    self.say(
                        error(
                            "import-missing-key",
                            s.loc,
                            "this stage has no `DurationInMinutes`; the plan is not imported",
                        ),
                        s.loc,
                    );
                }
                return None;
            }
        };
        let mut notify = Vec::new();
        for t in &s.targets {
            let essential = match t.essential.known() {
                Some((e, _)) => *e,
                None => true,
            };
            if let Some((key, at)) = t.contact.known() {
                let kind = self.contacts.get(key).and_then(|c| c.kind.value().cloned());
                match kind.as_deref() {
                    Some("PERSONAL") => {
                        if let Some(p) = self.people.get(key).cloned() {
                            notify.push(target("person", p, essential));
                        }
                    }
                    Some("ONCALL_SCHEDULE") => {
                        for sid in self.schedules.get(key).cloned().unwrap_or_default() {
                            notify.push(target("schedule", sid, essential));
                        }
                    }
                    Some("ESCALATION") => {
                        self.say(warn("aws-nested-escalation", at, format!("escalation plan `{key}` as a target: AWS does not say how a plan engages another plan; not imported")), at);
                    }
                    _ => {
                        self.say(
                            warn(
                                "import-missing-object",
                                at,
                                format!(
                                    "contact `{key}` is in no file; this target is not imported"
                                ),
                            )
                            .with_help("add the contact's export (get-contact) to the files"),
                            at,
                        );
                    }
                }
                if t.essential.is_absent() {
                    self.say(info("aws-unverified", at, "this target does not say `IsEssential` (AWS requires it): imported as essential"), at);
                }
            } else if let Some((key, at)) = t.channel.known() {
                // A channel of a contact: the contact is engaged through it.
                let owner = export
                    .channels
                    .iter()
                    .find(|c| &c.key == key)
                    .and_then(|c| c.contact.value().cloned());
                match owner.and_then(|o| self.people.get(&o).cloned()) {
                    Some(p) => {
                        self.say(info("aws-channel-target", at, format!("a contact channel as a target engages `{p}` on that channel only: imported as `{p}` (the document pages a person by their contact plan)")), at);
                        notify.push(target("person", p, essential));
                    }
                    None => self.say(warn("import-missing-object", at, format!("contact channel `{key}` is in no file; this target is not imported")), at),
                }
            }
        }
        let mut y = Yaml::map();
        if notify.is_empty() {
            y.set("wait", minutes(minutes_of));
        } else {
            y.set("notify", notify);
            y.set("escalate_after", minutes(minutes_of));
        }
        Some(y)
    }
}

/// A notify target; `essential: false` only when so (model extension E14:
/// "A Boolean value determining if the contact's acknowledgement stops the
/// progress of stages in the plan").
fn target(kind: &str, id: String, essential: bool) -> Yaml {
    let mut y = Yaml::map().with(kind, id);
    if !essential {
        y.set("essential", false);
    }
    y
}

fn gcd(a: usize, b: usize) -> usize {
    if b == 0 {
        a.max(1)
    } else {
        gcd(b, a % b)
    }
}
