//! Grafana OnCall's objects ([`super::objects`]) to the Escalator document.
//!
//! Schedules: each shift becomes an events layer (model extension E16)
//! holding the series OnCall itself generates for its calendar
//! (`engine/apps/schedules/models/custom_on_call_shift.py`,
//! `convert_to_ical`): one series per user group, starting where OnCall's
//! `get_rotation_date` puts the group, repeating every `interval x groups`
//! periods, each occurrence starting on the wall clock and lasting the
//! first occurrence's elapsed seconds. Layers carry OnCall's `level`
//! (E15): a higher level wins, equal levels are a union.
//!
//! Escalation chains: each step in `position` order; steps without an
//! explicit wait run 5 seconds apart (`NEXT_ESCALATION_DELAY = 5`), waits
//! are `{wait: ...}` steps (E4), `repeat_escalation` repeats the chain up
//! to 5 times (`MAX_TIMES_REPEAT = 5`), and a step that notifies nobody is
//! logged and escalation goes on (`on_empty_step: wait`).

use std::collections::{BTreeSet, HashMap};

use chrono::{Datelike, Duration, NaiveDateTime, Weekday};
use chrono_tz::Tz;

use crate::diagnostic::Diagnostic;
use crate::import::times::{self, local_text};
use crate::import::view::{Diags, Field, Loc};
use crate::import::yaml::Yaml;
use crate::import::Cx;
use crate::time::values::format_duration;
use crate::time::{local_seconds, resolve_local, ResolvedKind, Seconds, Timestamp, Zone};

use super::objects::{Chain, Escalation, Export, Refs, Schedule, Shift};
use super::rrule::{self, Freq, Rule};

/// Seconds between steps without an explicit wait
/// (`engine/apps/alerts/constants.py`: `NEXT_ESCALATION_DELAY = 5`).
const NEXT_ESCALATION_DELAY: i64 = 5;
/// `escalation_policy.py`: `MAX_TIMES_REPEAT = 5`.
const MAX_TIMES_REPEAT: i64 = 5;
/// Web and API overrides sit above every rotation
/// (`on_call_shifts.py` serializer: "set the priority_level to 99").
const OVERRIDE_LEVEL: i64 = 99;
/// Most candidate days (or hours) looked at for one shift's series.
const SEARCH_LIMIT: usize = 2_000_000;
/// Longest `duration` and largest `interval` read (ten years; more is no
/// on-call shift).
const MAX_DURATION: i64 = 10 * 366 * 86_400;
const MAX_INTERVAL: i64 = 10_000;

pub fn map(cx: &mut Cx<'_>, export: &Export, diags: &mut Diags) {
    let mut m = Mapper {
        cx,
        diags,
        people: HashMap::new(),
        schedules: HashMap::new(),
        not_imported: std::collections::HashSet::new(),
        policies: HashMap::new(),
    };
    m.run(export);
}

struct Mapper<'c, 'a, 'd> {
    cx: &'c mut Cx<'a>,
    diags: &'d mut Diags,
    /// Person id per user key (id, address or username).
    people: HashMap<String, String>,
    schedules: HashMap<String, String>,
    /// Schedules of the files that are not imported (reported).
    not_imported: std::collections::HashSet<String>,
    policies: HashMap<String, String>,
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

/// A time as OnCall's Python holds it: its wall-clock reading and the
/// instant it compares as (pytz keeps the offset it was made with, so
/// `dt + timedelta(days=7)` is 168 elapsed hours later).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct PyTime {
    wall: NaiveDateTime,
    instant: i64,
}

impl PyTime {
    /// `seconds` later (`None` outside the dates chrono knows).
    fn plus(self, seconds: i64) -> Option<PyTime> {
        Some(PyTime {
            wall: self
                .wall
                .checked_add_signed(Duration::try_seconds(seconds)?)?,
            instant: self.instant.checked_add(seconds)?,
        })
    }
}

/// A wall-clock time as pytz's `localize(dt)` reads it for recurring
/// events (`is_dst=False`): in a gap it moves forward by the gap, in a fold
/// it is the standard-time (later) occurrence.
fn pytz_instant(tz: Tz, wall: NaiveDateTime) -> i64 {
    let r = resolve_local(tz, wall);
    match r.kind {
        ResolvedKind::Fold { later, .. } => later.0,
        _ => r.instant.0,
    }
}

/// A wall-clock time as `localize(dt, is_dst=None)` reads it: `None` in a
/// gap or a fold (pytz raises there).
fn strict_instant(tz: Tz, wall: NaiveDateTime) -> Option<i64> {
    let r = resolve_local(tz, wall);
    match r.kind {
        ResolvedKind::Exact => Some(r.instant.0),
        _ => None,
    }
}

/// Naive digits read as UTC (how Django stores OnCall's `start`,
/// `rotation_start` and `until`, written without an offset).
fn utc_digits(wall: NaiveDateTime) -> i64 {
    local_seconds(wall)
}

/// One series of an events layer.
struct Series {
    people: Vec<String>,
    start: NaiveDateTime,
    end_instant: i64,
    rule: Option<Rule>,
}

/// A shift, read and checked, ready to expand.
struct Plan<'s> {
    shift: &'s Shift,
    tz: Tz,
    start: NaiveDateTime,
    duration: i64,
    rotation_start: NaiveDateTime,
    freq: Option<Freq>,
    /// The shift's `interval` (`None` when not set).
    interval: Option<i64>,
    until: Option<NaiveDateTime>,
    week_start: Weekday,
    by_day: Vec<(i32, Weekday)>,
    by_month: Vec<u32>,
    by_monthday: Vec<i32>,
    /// Candidate days left to look at (see [`SEARCH_LIMIT`]).
    budget: std::cell::Cell<usize>,
}

impl Plan<'_> {
    /// `event_ical_rules` with `INTERVAL` as given.
    fn rule(&self, interval: Option<i64>) -> Option<Rule> {
        let freq = self.freq?;
        Some(Rule {
            freq,
            interval,
            by_day: self.by_day.clone(),
            by_month: self.by_month.clone(),
            by_monthday: self.by_monthday.clone(),
            wkst: Some(self.week_start),
            until: self.until,
        })
    }

    /// `get_rotation_date`: where the next group's series starts after
    /// the series that starts at `current` (or, with `next` false, the
    /// first occurrence at or after `current`). `None`: after `until`.
    fn rotation_date(&self, current: PyTime, next: bool, interval: i64) -> Option<PyTime> {
        let freq = self.freq?;
        let day = 86_400;
        let mut next_start = current;
        if next {
            next_start = match freq {
                Freq::Hourly => current.plus(3600)?,
                Freq::Daily => current.plus(day)?,
                Freq::Weekly => {
                    let w = current.wall.weekday().num_days_from_monday() as i64;
                    let ws = self.week_start.num_days_from_monday() as i64;
                    let mut days = 7 - w + ws;
                    if days > 7 {
                        days %= 7;
                    }
                    current.plus((days + 7 * (interval - 1)) * day)?
                }
                Freq::Monthly => {
                    let (y, m) = (current.wall.year(), current.wall.month());
                    let mut days = i64::from(dim(y, m)) - i64::from(current.wall.day()) + 1;
                    for i in 1..interval.min(MAX_INTERVAL) {
                        let total = i64::from(y) * 12 + i64::from(m - 1) + i;
                        let (yy, mm) =
                            (total.div_euclid(12) as i32, total.rem_euclid(12) as u32 + 1);
                        days += i64::from(dim(yy, mm));
                    }
                    current.plus(days * day)?
                }
            };
        }
        let end = match freq {
            Freq::Weekly => {
                let w = next_start.wall.weekday().num_days_from_monday() as i64;
                let ws = self.week_start.num_days_from_monday() as i64;
                let diff = if w != ws { (7 + w - ws) % 7 } else { 0 };
                Some(next_start.plus((7 - diff - 1) * day)?)
            }
            Freq::Monthly => {
                let d = i64::from(dim(next_start.wall.year(), next_start.wall.month()))
                    - i64::from(next_start.wall.day());
                Some(next_start.plus(d * day)?)
            }
            _ => None,
        };
        let rule = self.rule(Some(interval))?;
        let until = self.until.map(utc_digits);
        let rotation_start = utc_digits(self.rotation_start);
        let mut found: Option<PyTime> = None;
        let mut budget = self.budget.get();
        rule.each(current.wall, &mut budget, |wall| {
            let instant = pytz_instant(self.tz, wall);
            if until.is_some_and(|u| instant > u) {
                return false;
            }
            match end {
                Some(end) => {
                    if end.instant >= instant && instant >= next_start.instant {
                        if instant >= rotation_start {
                            found = Some(PyTime { wall, instant });
                            return false;
                        }
                        true
                    } else {
                        end.instant >= instant
                    }
                }
                None => {
                    if instant >= next_start.instant {
                        found = Some(PyTime { wall, instant });
                        return false;
                    }
                    true
                }
            }
        });
        self.budget.set(budget);
        if budget == 0 {
            return None;
        }
        let result = found.unwrap_or(next_start);
        if let Some(u) = until {
            if result.instant > u {
                return None;
            }
        }
        Some(result)
    }

    /// The end of a series started at `start`: `start + duration`, clipped
    /// to `until`, as an instant (pytz keeps `start`'s offset).
    fn end_of(&self, start: PyTime) -> Option<PyTime> {
        let end = start.plus(self.duration)?;
        Some(match self.until {
            Some(u) if utc_digits(u) < end.instant => PyTime {
                wall: u,
                instant: utc_digits(u),
            },
            _ => end,
        })
    }
}

fn dim(y: i32, m: u32) -> u32 {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    chrono::NaiveDate::from_ymd_opt(ny, nm, 1)
        .and_then(|d| d.pred_opt())
        .map_or(28, |d| d.day())
}

impl Mapper<'_, '_, '_> {
    fn say(&mut self, d: Diagnostic, at: Loc) {
        self.diags.push(at.file, d);
    }

    fn run(&mut self, export: &Export) {
        let zone = export
            .schedules
            .iter()
            .find_map(|s| s.time_zone.value().and_then(|z| z.parse::<Tz>().ok()));
        self.cx
            .draft
            .suggest_timezone(zone.map_or("UTC", |z| z.name()));
        self.people(export);
        for s in &export.schedules {
            let name = s.name.value().cloned().unwrap_or_else(|| s.key.clone());
            let id = self.cx.ids.id("schedule", &s.key, &name);
            self.schedules.insert(s.key.clone(), id);
        }
        for c in &export.chains {
            let name = c.name.value().cloned().unwrap_or_else(|| c.key.clone());
            let id = self.cx.ids.id("policy", &c.key, &name);
            self.policies.insert(c.key.clone(), id);
        }
        let mut used: BTreeSet<&str> = BTreeSet::new();
        let mut schedules = Vec::new();
        for s in &export.schedules {
            match self.schedule(s, export, &mut used) {
                Some(y) => schedules.push(y),
                // Not imported (reported): nothing may point at it.
                None => {
                    self.schedules.remove(&s.key);
                    self.not_imported.insert(s.key.clone());
                }
            }
        }
        for sh in &export.shifts {
            if !used.contains(sh.key.as_str()) {
                self.say(info("import-unused", sh.loc, format!(
                    "shift `{}` is in no schedule of the files: it puts nobody on call; not imported",
                    sh.name.value().unwrap_or(&sh.key)
                )), sh.loc);
            }
        }
        let mut policies = Vec::new();
        for c in &export.chains {
            match self.chain(c, export) {
                Some(p) => policies.push(p),
                // Not imported (reported): nothing may point at it.
                None => {
                    self.policies.remove(&c.key);
                }
            }
        }
        for st in &export.steps {
            if let Some((k, at)) = st.chain.known() {
                if !self.policies.contains_key(k) {
                    self.say(
                        warn(
                            "import-missing-object",
                            at,
                            format!(
                                "escalation chain `{k}` is in no file; this step is not imported"
                            ),
                        ),
                        at,
                    );
                }
            }
        }
        let services = self.services(export);
        self.cx.draft.schedules.extend(schedules);
        self.cx.draft.policies.extend(policies);
        self.cx.draft.services.extend(services);
    }

    // ---- people -------------------------------------------------------------

    fn people(&mut self, export: &Export) {
        let mut out = Vec::new();
        for u in &export.users {
            if u.key.is_empty() || self.people.contains_key(&u.key) {
                continue;
            }
            let name = u
                .username
                .value()
                .or(u.email.value())
                .cloned()
                .unwrap_or_else(|| u.key.clone());
            let id = self.cx.ids.id("person", &u.key, &name);
            if let Some(e) = u.email.value() {
                self.cx.ids.person_email(e, &id);
            }
            self.people.insert(u.key.clone(), id.clone());
            let mut y = Yaml::map().with("id", id).with("name", name);
            y.set("source", u.key.clone());
            if let Some(z) = u.timezone.value().filter(|z| z.parse::<Tz>().is_ok()) {
                y.set("timezone", z.clone());
            }
            out.push(y);
        }
        // Users referenced but in no file.
        let mut refs: Vec<(String, Loc)> = Vec::new();
        let mut note = |list: &Refs| {
            for (k, at) in list {
                if !refs.iter().any(|(r, _)| r == k) {
                    refs.push((k.clone(), *at));
                }
            }
        };
        for sh in &export.shifts {
            if let Some(u) = sh.users.value() {
                note(u);
            }
            if let Some(groups) = sh.rolling_users.value() {
                for (g, _) in groups {
                    note(g);
                }
            }
        }
        for st in &export.steps {
            for f in [&st.persons, &st.persons_next] {
                if let Some(u) = f.value() {
                    note(u);
                }
            }
        }
        for (key, at) in refs {
            if self.people.contains_key(&key) {
                continue;
            }
            let id = self.cx.ids.id("person", &key, &key);
            self.people.insert(key.clone(), id.clone());
            self.say(info("import-missing-object", at, format!(
                "user `{key}` is in no file: imported as `{id}`"
            )).with_help("add the users' export (GET /api/v1/users/) or `data \"grafana_oncall_user\"` blocks to the files"), at);
            out.push(Yaml::map().with("id", id).with("source", key));
        }
        self.cx.draft.people.extend(out);
    }

    fn persons(&self, list: &Refs) -> Vec<String> {
        let mut out: Vec<String> = list
            .iter()
            .filter_map(|(k, _)| self.people.get(k).cloned())
            .collect();
        out.sort();
        out.dedup();
        out
    }

    // ---- schedules ----------------------------------------------------------

    fn schedule<'e>(
        &mut self,
        s: &'e Schedule,
        export: &'e Export,
        used: &mut BTreeSet<&'e str>,
    ) -> Option<Yaml> {
        let name = s.name.value().cloned().unwrap_or_else(|| s.key.clone());
        let kind = s.kind.value().map_or("calendar", String::as_str);
        // `on_call_schedule.py`: `time_zone = models.CharField(..., default="UTC")`.
        let tz = match s.time_zone.known() {
            Some((z, at)) => {
                match z.parse::<Tz>() {
                    Ok(tz) => tz,
                    Err(_) => {
                        self.say(error("invalid-timezone", at, format!("`{z}` is not an IANA time zone; schedule `{name}` is not imported")), at);
                        return None;
                    }
                }
            }
            None => Tz::UTC,
        };
        if kind == "ical" {
            let at = s.ical_url_primary.loc().unwrap_or(s.loc);
            self.say(warn("grafana-ical-schedule", at, format!(
                "schedule `{name}` reads its shifts from a calendar URL, which the files do not hold: imported without layers"
            )).with_help("download the calendar (.ics) and import it with these files"), at);
        }
        if let Some(at) = s.ical_url_overrides.loc() {
            self.say(
                warn(
                    "grafana-ical-overrides",
                    at,
                    "overrides from a calendar URL are not in the files; not imported",
                ),
                at,
            );
        }
        let id = self.schedules.get(&s.key).cloned().unwrap_or_default();
        let mut y = Yaml::map().with("id", id).with("name", name);
        if !s.key.is_empty() {
            y.set("source", s.key.clone());
        }
        y.set("timezone", tz.name());
        // `_resolve_schedule`: overrides first, then the highest level;
        // equal levels never block each other (a union).
        y.set("combine", "top");
        let mut layers = Vec::new();
        let mut layer_ids: BTreeSet<String> = BTreeSet::new();
        let shift_keys: Vec<(String, Loc)> = s.shifts.value().cloned().unwrap_or_default();
        let mut max_level = 0;
        let mine: Vec<(&Shift, Loc)> = shift_keys
            .iter()
            .filter_map(
                |(k, at)| match export.shifts.iter().find(|sh| &sh.key == k) {
                    Some(sh) => Some((sh, *at)),
                    None => {
                        self.say(
                            warn(
                                "import-missing-object",
                                *at,
                                format!("shift `{k}` is in no file; not imported"),
                            )
                            .with_help(
                                "add the shifts' export (GET /api/v1/on_call_shifts/) to the files",
                            ),
                            *at,
                        );
                        None
                    }
                },
            )
            .collect();
        for (sh, _) in &mine {
            if sh.kind.value().map(String::as_str) != Some("override") {
                max_level = max_level.max(sh.level.value().copied().unwrap_or(0));
            }
        }
        for (sh, _) in mine {
            used.insert(sh.key.as_str());
            let Some(mut layer) = self.shift_layer(sh, tz, max_level) else {
                continue;
            };
            let base = match layer.get("id") {
                Some(Yaml::Str(s)) if !s.is_empty() => s.clone(),
                _ => "shift".to_string(),
            };
            let mut lid = base.clone();
            let mut n = 2;
            while layer_ids.contains(&lid) {
                lid = format!("{base}-{n}");
                n += 1;
            }
            layer_ids.insert(lid.clone());
            layer.set("id", lid);
            layers.push(layer);
        }
        y.set("layers", layers);
        Some(y)
    }

    /// A shift as an events layer (E16) with its level (E15).
    fn shift_layer(&mut self, sh: &Shift, schedule_tz: Tz, max_level: i64) -> Option<Yaml> {
        let name = sh.name.value().cloned().unwrap_or_else(|| sh.key.clone());
        let plan = self.plan(sh, schedule_tz, &name)?;
        let kind = sh.kind.value().map_or("", String::as_str).to_string();
        let series = match kind.as_str() {
            "rolling_users" | "override" => self.rolling(&plan, &name)?,
            "recurrent_event" | "single_event" => self.recurrent(&plan, &name)?,
            other => {
                let at = sh.kind.loc().unwrap_or(sh.loc);
                self.say(error("import-invalid-value", at, format!(
                    "shift type `{other}` is not rolling_users, recurrent_event, single_event or override; shift `{name}` is not imported"
                )), at);
                return None;
            }
        };
        if series.is_empty() {
            self.say(
                info(
                    "import-empty-rotation",
                    sh.loc,
                    format!(
                        "shift `{name}` has no users: OnCall makes no event of it; not imported"
                    ),
                ),
                sh.loc,
            );
            return None;
        }
        self.dst_checks(&plan, &series, &name);
        let mut layer = Yaml::map()
            .with("id", crate::import::ids::slug(&name))
            .with("name", name.clone());
        if !sh.key.is_empty() {
            layer.set("source", sh.key.clone());
        }
        let level = if kind == "override" {
            // Overrides take precedence over every rotation (`event_cmp_key`:
            // overrides first, whatever their level).
            let at = sh.kind.loc().unwrap_or(sh.loc);
            self.say(info("grafana-override", at, format!(
                "an override shift wins over every other shift: imported at level {} (above the schedule's highest, {max_level})",
                OVERRIDE_LEVEL.max(max_level + 1)
            )), at);
            OVERRIDE_LEVEL.max(max_level + 1)
        } else {
            // "api/terraform shifts could be missing a priority; assume None means 0".
            sh.level.value().copied().unwrap_or(0)
        };
        layer.set("level", level);
        let mut events = Vec::new();
        for s in series {
            let mut e = Yaml::map().with("people", Yaml::strs(s.people));
            e.set("from", local_text(s.start));
            e.set("to", Timestamp(s.end_instant).to_rfc3339());
            if plan.tz != schedule_tz {
                e.set("timezone", plan.tz.name());
            }
            if let Some(rule) = s.rule {
                e.set("repeat", rule.text());
            }
            events.push(e);
        }
        layer.set("events", events);
        Some(layer)
    }

    /// Reads and checks a shift's fields.
    fn plan<'s>(&mut self, sh: &'s Shift, schedule_tz: Tz, name: &str) -> Option<Plan<'s>> {
        // "Default is local schedule time zone. This field will override the
        // schedule time zone if changed" (on_call_shifts API docs).
        let tz = match sh.time_zone.known() {
            Some((z, at)) => {
                match z.parse::<Tz>() {
                    Ok(tz) => tz,
                    Err(_) => {
                        self.say(error("invalid-timezone", at, format!("`{z}` is not an IANA time zone; shift `{name}` is not imported")), at);
                        return None;
                    }
                }
            }
            None if sh.time_zone.is_unknown() => return None,
            None => schedule_tz,
        };
        let start = self.local_field(&sh.start, "start", sh.loc, name, true)?;
        let duration = match sh.duration.known() {
            Some((d, at)) if *d > MAX_DURATION => {
                self.say(error("import-invalid-value", at, format!("`duration: {d}` is longer than ten years; shift `{name}` is not imported")), at);
                return None;
            }
            Some((d, _)) if *d > 0 => *d,
            Some((d, at)) => {
                self.say(
                    error(
                        "import-invalid-value",
                        at,
                        format!("`duration: {d}` is not positive; shift `{name}` is not imported"),
                    ),
                    at,
                );
                return None;
            }
            None => {
                if sh.duration.is_absent() {
                    self.say(
                        error(
                            "import-missing-key",
                            sh.loc,
                            format!("shift `{name}` has no `duration`; not imported"),
                        ),
                        sh.loc,
                    );
                }
                return None;
            }
        };
        let rotation_start = match sh.rotation_start.is_absent() {
            true => start,
            false => self.local_field(&sh.rotation_start, "rotation_start", sh.loc, name, true)?,
        };
        let until = match sh.until.is_absent() {
            true => None,
            false => Some(self.local_field(&sh.until, "until", sh.loc, name, true)?),
        };
        let freq = match sh.frequency.known() {
            Some((f, at)) => match Freq::parse(f) {
                Some(f) => Some(f),
                None => {
                    self.say(error("import-invalid-value", at, format!("`frequency: {f}` is not hourly, daily, weekly or monthly; shift `{name}` is not imported")), at);
                    return None;
                }
            },
            None if sh.frequency.is_unknown() => return None,
            None => None,
        };
        let interval = match sh.interval.known() {
            Some((i, at)) if *i > MAX_INTERVAL => {
                self.say(error("import-invalid-value", at, format!("`interval: {i}` is more than {MAX_INTERVAL}; shift `{name}` is not imported")), at);
                return None;
            }
            Some((i, _)) if *i >= 1 => Some(*i),
            Some((i, at)) => {
                self.say(
                    error(
                        "import-invalid-value",
                        at,
                        format!("`interval: {i}` is not positive; shift `{name}` is not imported"),
                    ),
                    at,
                );
                return None;
            }
            None => None,
        };
        // `week_start = models.IntegerField(choices=WEEKDAY_CHOICES, default=SUNDAY)`.
        let week_start = match sh.week_start.known() {
            Some((w, at)) => {
                match rrule::weekday(w) {
                    Some(d) => d,
                    None => {
                        self.say(error("import-invalid-value", at, format!("`week_start: {w}` is not MO..SU; shift `{name}` is not imported")), at);
                        return None;
                    }
                }
            }
            None => Weekday::Sun,
        };
        let mut by_day = Vec::new();
        if let Some((days, _)) = sh.by_day.known() {
            for (d, at) in days {
                match rrule::by_day_entry(d) {
                    Some(e) => by_day.push(e),
                    None => {
                        self.say(error("import-invalid-value", *at, format!("`{d}` is not a weekday like MO or 1MO; shift `{name}` is not imported")), *at);
                        return None;
                    }
                }
            }
        }
        by_day.sort_by_key(|(n, d)| (d.num_days_from_monday(), *n));
        by_day.dedup();
        let by_month: Vec<u32> = sh.by_month.value().map_or(Vec::new(), |v| {
            v.iter()
                .filter_map(|m| u32::try_from(*m).ok())
                .filter(|m| (1..=12).contains(m))
                .collect()
        });
        let by_monthday: Vec<i32> = sh.by_monthday.value().map_or(Vec::new(), |v| {
            v.iter()
                .filter_map(|m| i32::try_from(*m).ok())
                .filter(|m| *m != 0 && m.abs() <= 31)
                .collect()
        });
        if sh.by_day.is_unknown()
            || sh.by_month.is_unknown()
            || sh.by_monthday.is_unknown()
            || sh.interval.is_unknown()
        {
            return None;
        }
        // `convert_dt_to_schedule_timezone`: `localize(start_naive, is_dst=None)`
        // raises for a time that does not exist or occurs twice.
        if strict_instant(tz, start).is_none() {
            let at = sh.start.loc().unwrap_or(sh.loc);
            self.say(error("grafana-start-in-dst-change", at, format!(
                "`start` {} does not exist or occurs twice in {} (a DST change): OnCall cannot build this shift's calendar (pytz raises); not imported",
                local_text(start),
                tz.name()
            )), at);
            return None;
        }
        Some(Plan {
            shift: sh,
            tz,
            start,
            duration,
            rotation_start,
            freq,
            interval,
            until,
            week_start,
            by_day,
            by_month,
            by_monthday,
            budget: std::cell::Cell::new(SEARCH_LIMIT),
        })
    }

    /// A `yyyy-MM-dd'T'HH:mm:ss` field (no offset: wall clock in the
    /// shift's zone).
    fn local_field(
        &mut self,
        f: &Field<String>,
        key: &str,
        owner: Loc,
        name: &str,
        required: bool,
    ) -> Option<NaiveDateTime> {
        match f.known() {
            Some((text, at)) => match times::local(text) {
                Some(t) => Some(t),
                None => match times::instant(text) {
                    Some(t) => {
                        // An offset is dropped by OnCall (`replace(tzinfo=None)`).
                        let digits = text.trim();
                        let naive = times::local(digits.get(..19).unwrap_or(digits));
                        self.say(info("grafana-offset-dropped", at, format!(
                            "OnCall drops the offset of `{key}` and reads its digits on the shift's wall clock (`replace(tzinfo=None)`)"
                        )), at);
                        naive.or(Some(t.to_naive_utc()))
                    }
                    None => {
                        self.say(error("import-invalid-value", at, format!("`{key}` `{text}` is not a date-time like 2026-03-02T09:00:00; shift `{name}` is not imported")), at);
                        None
                    }
                },
            },
            None => {
                if f.is_absent() && required {
                    self.say(
                        error(
                            "import-missing-key",
                            owner,
                            format!("shift `{name}` has no `{key}`; not imported"),
                        ),
                        owner,
                    );
                }
                None
            }
        }
    }

    /// `recurrent_event` and `single_event`: one series with every user
    /// ("for user_counter, user in enumerate(self.users.all())":
    /// `generate_ical(self.start, ...)` with the shift's own rule).
    fn recurrent(&mut self, plan: &Plan<'_>, name: &str) -> Option<Vec<Series>> {
        let users = match plan.shift.users.known() {
            Some((u, _)) => self.persons(u),
            None if plan.shift.users.is_unknown() => return None,
            None => Vec::new(),
        };
        if users.is_empty() {
            return Some(Vec::new());
        }
        let start = PyTime {
            wall: plan.start,
            instant: utc_digits(plan.start),
        };
        let Some(end) = plan.end_of(start) else {
            return self.too_far(plan, name);
        };
        let end_instant = self.end_instant(plan, plan.start, end.wall, name)?;
        if let (Some(_), false) = (plan.freq, plan.by_day.is_empty()) {
            if !plan.by_day.iter().any(|(_, d)| *d == plan.start.weekday()) {
                let at = plan.shift.start.loc().unwrap_or(plan.shift.loc);
                self.say(info("grafana-start-not-in-by-day", at, format!(
                    "`start` ({}) is not one of `by_day`: OnCall's calendar still starts the series there (DTSTART); whether that first event shows is up to the calendar reader",
                    local_text(plan.start)
                )), at);
            }
        }
        Some(vec![Series {
            people: users,
            start: plan.start,
            end_instant,
            rule: plan.rule(plan.interval),
        }])
    }

    /// The instant a series' first event ends (`DTEND`, localized with
    /// `is_dst=None`); `None` (reported) when pytz cannot.
    fn end_instant(
        &mut self,
        plan: &Plan<'_>,
        start: NaiveDateTime,
        end: NaiveDateTime,
        name: &str,
    ) -> Option<i64> {
        match strict_instant(plan.tz, end) {
            Some(t) => Some(t),
            None => {
                let at = plan.shift.duration.loc().unwrap_or(plan.shift.loc);
                self.say(error("grafana-start-in-dst-change", at, format!(
                    "the event from {} ends at {}, which does not exist or occurs twice in {}: OnCall cannot build this shift's calendar (pytz raises); shift `{name}` is not imported",
                    local_text(start),
                    local_text(end),
                    plan.tz.name()
                )), at);
                None
            }
        }
    }

    /// `rolling_users` (and `override`): one series per user group, at the
    /// rotation dates OnCall computes, every `interval x groups` periods.
    fn rolling(&mut self, plan: &Plan<'_>, name: &str) -> Option<Vec<Series>> {
        let sh = plan.shift;
        let groups: Vec<(Refs, Loc)> = match sh.rolling_users.known() {
            Some((g, _)) => g.clone(),
            None if sh.rolling_users.is_unknown() => return None,
            None => Vec::new(),
        };
        let n_groups = groups.len() as i64;
        if groups.is_empty() {
            return Some(Vec::new());
        }
        // `get_rolling_users`: `rolling_users[idx:] + rolling_users[:idx]`,
        // empty groups dropped.
        let idx = match sh.start_rotation_from_user_index.known() {
            Some((i, at)) => {
                if *i < 0 || *i >= n_groups {
                    self.say(warn("import-invalid-value", at, format!(
                        "`start_rotation_from_user_index: {i}` is not an index of `rolling_users` ({n_groups} groups): OnCall's slices then start from the end"
                    )), at);
                }
                (*i).clamp(0, n_groups) as usize
            }
            None => 0,
        };
        let rotated: Vec<&(Refs, Loc)> = groups[idx..].iter().chain(groups[..idx].iter()).collect();
        let mut queue: Vec<Vec<String>> = Vec::new();
        for (g, at) in rotated {
            let people = self.persons(g);
            if people.is_empty() {
                self.say(warn("grafana-empty-group", *at, "an empty user group is dropped by OnCall while the repeat interval still counts it: its turn is a gap"), *at);
                continue;
            }
            queue.push(people);
        }
        if queue.is_empty() {
            return Some(Vec::new());
        }
        if plan.freq.is_none() {
            queue.truncate(1);
        }
        // `event_interval`: `interval * len(self.rolling_users)`.
        let event_interval = Some(plan.interval.unwrap_or(1) * n_groups);
        let shift_interval = plan.interval.unwrap_or(1);
        let first = PyTime {
            wall: plan.start,
            instant: utc_digits(plan.start),
        };
        let mut start = if plan.start == plan.rotation_start || plan.freq.is_none() {
            Some(first)
        } else {
            plan.rotation_date(self.seed(plan, first), false, shift_interval)
        };
        // "Make sure we respect the selected days if any when defining start date."
        if let (Some(_), false, Some(s)) = (plan.freq, plan.by_day.is_empty(), start) {
            let wd = s.wall.weekday();
            if !plan.by_day.iter().any(|(_, d)| *d == wd) {
                let ws = plan.week_start.num_days_from_monday();
                let expected = (ws..ws + 7)
                    .map(|i| i % 7)
                    .find(|i| {
                        plan.by_day
                            .iter()
                            .any(|(_, d)| d.num_days_from_monday() == *i)
                    })
                    .unwrap_or(ws);
                let delta = (7 + i64::from(expected) - i64::from(wd.num_days_from_monday())) % 7;
                start = s.plus(delta * 86_400);
                let at = sh.start.loc().unwrap_or(sh.loc);
                self.say(info("grafana-start-moved", at, format!(
                    "`start` ({}) is not one of `by_day`: OnCall moves the first event {delta} day(s) forward, to the first selected day of its week order",
                    local_text(plan.start)
                )), at);
            }
        }
        if plan.freq == Some(Freq::Daily) && !plan.by_day.is_empty() {
            let at = sh.by_day.loc().unwrap_or(sh.loc);
            self.say(warn("grafana-daily-by-day", at, "daily turns on selected days are imported as OnCall documents them (each group holds `interval` consecutive selected days, as weekly series); OnCall shows both groups every day on non-UTC schedules (grafana/oncall issue 4197)"), at);
            return self.daily_by_day(plan, start, &queue, name);
        }
        let mut out = Vec::new();
        let mut created = 0usize;
        let rotation_start = utc_digits(plan.rotation_start);
        let mut steps = 0usize;
        'outer: loop {
            for people in &queue {
                steps += 1;
                if steps > SEARCH_LIMIT {
                    return self.too_far(plan, name);
                }
                let Some(s) = start else {
                    break 'outer;
                };
                let current = self.seed(plan, s);
                if s.instant >= rotation_start {
                    let Some(end) = plan.end_of(s) else {
                        return self.too_far(plan, name);
                    };
                    let end_instant = self.end_instant(plan, s.wall, end.wall, name)?;
                    out.push(Series {
                        people: people.clone(),
                        start: s.wall,
                        end_instant,
                        rule: plan.rule(event_interval),
                    });
                    created += 1;
                }
                if created == queue.len() {
                    break 'outer;
                }
                start = plan.rotation_date(current, true, shift_interval);
            }
        }
        if plan.budget.get() == 0 {
            return self.too_far(plan, name);
        }
        Some(out)
    }

    /// A shift whose series cannot be computed: dates out of range, or more
    /// work than [`SEARCH_LIMIT`].
    fn too_far(&mut self, plan: &Plan<'_>, name: &str) -> Option<Vec<Series>> {
        let at = plan.shift.loc;
        self.say(error("import-too-much-work", at, format!(
            "shift `{name}`: where OnCall starts its series cannot be computed (dates out of range, or more than {SEARCH_LIMIT} days to look at); not imported"
        )), at);
        None
    }

    /// A series start as the calendar reads it back (`Event.from_ical`:
    /// the wall clock localized in the zone), for the next date's search.
    fn seed(&self, plan: &Plan<'_>, s: PyTime) -> PyTime {
        PyTime {
            wall: s.wall,
            instant: pytz_instant(plan.tz, s.wall),
        }
    }

    /// `_daily_by_day_to_ical`: each group takes `interval` consecutive
    /// selected days; each (group, day) pair is a weekly series whose
    /// interval is the number of weeks the whole cycle takes.
    fn daily_by_day(
        &mut self,
        plan: &Plan<'_>,
        start: Option<PyTime>,
        queue: &[Vec<String>],
        name: &str,
    ) -> Option<Vec<Series>> {
        let Some(orig) = start else {
            return Some(Vec::new());
        };
        let mut start = Some(orig);
        let mut last = orig;
        let mut combos: Vec<(usize, Weekday, i64, PyTime)> = Vec::new();
        let interval = plan.interval.unwrap_or(1);
        let mut day_rule_plan = Plan {
            interval: Some(1),
            ..plan_copy(plan)
        };
        day_rule_plan.freq = Some(Freq::Daily);
        let mut done = false;
        let mut steps = 0usize;
        'cycle: loop {
            for (gid, _) in queue.iter().enumerate() {
                for i in 0..interval {
                    steps += 1;
                    if steps > SEARCH_LIMIT {
                        break 'cycle;
                    }
                    let Some(s) = start else {
                        done = true;
                        break;
                    };
                    last = s;
                    let day = s.wall.weekday();
                    if plan.by_day.iter().any(|(_, d)| *d == day) {
                        if combos.iter().any(|c| c.0 == gid && c.1 == day && c.2 == i) {
                            done = true;
                            break;
                        }
                        combos.push((gid, day, i, s));
                    }
                    start = day_rule_plan.rotation_date(self.seed(plan, s), true, 1);
                    plan.budget.set(day_rule_plan.budget.get());
                }
                if done {
                    break 'cycle;
                }
            }
        }
        let week_interval = ((last.instant - orig.instant).div_euclid(86_400) / 7).max(1);
        let mut out = Vec::new();
        for (gid, day, _, s) in combos {
            let Some(end) = plan.end_of(s) else {
                return self.too_far(plan, name);
            };
            let end_instant = self.end_instant(plan, s.wall, end.wall, name)?;
            let mut rule = plan.rule(Some(week_interval))?;
            rule.freq = Freq::Weekly;
            rule.by_day = vec![(0, day)];
            out.push(Series {
                people: queue[gid].clone(),
                start: s.wall,
                end_instant,
                rule: Some(rule),
            });
        }
        if plan.budget.get() == 0 {
            return self.too_far(plan, name);
        }
        Some(out)
    }

    /// Says where OnCall's events leave a gap or overlap: each event starts
    /// on the wall clock and lasts its series' first event's elapsed
    /// seconds.
    fn dst_checks(&mut self, plan: &Plan<'_>, series: &[Series], name: &str) {
        let sh = plan.shift;
        let at = sh.duration.loc().unwrap_or(sh.loc);
        for s in series {
            let length = s.end_instant - pytz_instant(plan.tz, s.start);
            if s.rule.is_some() && length != plan.duration && length > 0 {
                self.say(warn("grafana-dst-first-event", at, format!(
                    "the first event of {} straddles a DST change ({} to {}): OnCall ends it on the wall clock, so every event of that series lasts {} instead of {}",
                    s.people.join(", "),
                    local_text(s.start),
                    Timestamp(s.end_instant).to_rfc3339(),
                    format_duration(Seconds(length)),
                    format_duration(Seconds(plan.duration))
                )), at);
            }
        }
        // Events of whole days abut on the wall clock; their elapsed length
        // does not follow the clock across a change.
        if plan.freq.is_none() || plan.duration % 86_400 != 0 {
            return;
        }
        let zone = Zone::new(plan.tz);
        let from = pytz_instant(plan.tz, plan.start);
        let mut changes = Vec::new();
        let mut t = from;
        while changes.len() < 2 {
            match zone.transition_after(t) {
                Some(tr) if tr.at < from + 2 * 366 * 86_400 => {
                    changes.push(tr);
                    t = tr.at;
                }
                _ => break,
            }
        }
        if changes.is_empty() {
            return;
        }
        let parts: Vec<String> = changes
            .iter()
            .map(|tr| {
                let diff = i64::from(tr.after - tr.before);
                let date = Timestamp(tr.at).to_rfc3339();
                if diff < 0 {
                    format!(
                        "a gap of {} after the change of {}",
                        format_duration(Seconds(-diff)),
                        &date[..10]
                    )
                } else {
                    format!(
                        "an overlap of {} after the change of {}",
                        format_duration(Seconds(diff)),
                        &date[..10]
                    )
                }
            })
            .collect();
        self.say(warn("grafana-dst-gap-overlap", at, format!(
            "shift `{name}`: its events start on {}'s wall clock but last {} elapsed hours, so where the clocks change consecutive events leave {} (OnCall's known DST gap, grafana/oncall issue 5247)",
            plan.tz.name(),
            plan.duration / 3600,
            parts.join(" and ")
        )), at);
    }

    // ---- escalation chains --------------------------------------------------

    fn chain(&mut self, c: &Chain, export: &Export) -> Option<Yaml> {
        let name = c.name.value().cloned().unwrap_or_else(|| c.key.clone());
        let mut steps: Vec<&Escalation> = export
            .steps
            .iter()
            .filter(|s| s.chain.value() == Some(&c.key))
            .collect();
        // "Escalation policies execute one after another starting from position=0."
        steps.sort_by_key(|s| s.position.value().copied().unwrap_or(i64::MAX));
        if steps.is_empty() {
            self.say(warn("import-empty-policy", c.loc, format!("escalation chain `{name}` has no steps in the files: it pages nobody; not imported")), c.loc);
            return None;
        }
        let id = self.policies.get(&c.key).cloned().unwrap_or_default();
        let mut y = Yaml::map().with("id", id).with("name", name.clone());
        if !c.key.is_empty() {
            y.set("source", c.key.clone());
        }
        // Each step: the document's step, whether it is `repeat_escalation`, where.
        let mut out: Vec<(Yaml, bool, Loc)> = Vec::new();
        for st in steps {
            let kind = st.kind.value().map_or("", String::as_str);
            if kind == "resolve" {
                let at = st.kind.loc().unwrap_or(st.loc);
                self.say(info("grafana-resolve", at, "`resolve` resolves the alert group: the chain ends here, and any step after it never runs"), at);
                break;
            }
            if let Some(step) = self.step(st) {
                out.push((
                    step,
                    kind == "repeat_escalation",
                    st.kind.loc().unwrap_or(st.loc),
                ));
            }
        }
        // `repeat_escalation` jumps back to position 0 at most 5 times; the
        // 6th time it does nothing and the steps after it run.
        let repeat_at = out.iter().position(|(_, r, _)| *r);
        let mut steps: Vec<Yaml> = Vec::new();
        let mut repeat = 0;
        match repeat_at {
            Some(i) if i + 1 == out.len() => {
                steps = out.into_iter().map(|(s, _, _)| s).collect();
                repeat = MAX_TIMES_REPEAT;
            }
            Some(i) => {
                let at = out[i].2;
                self.say(info("grafana-repeat-unrolled", at, format!(
                    "`repeat_escalation` is not the last step: the steps up to it are written {} times, then the steps after it",
                    MAX_TIMES_REPEAT + 1
                )), at);
                let (prefix, suffix) = out.split_at(i + 1);
                for _ in 0..=MAX_TIMES_REPEAT {
                    steps.extend(prefix.iter().map(|(s, _, _)| s.clone()));
                }
                steps.extend(suffix.iter().map(|(s, _, _)| s.clone()));
            }
            None => {
                steps = out.into_iter().map(|(s, _, _)| s).collect();
            }
        }
        if steps.is_empty() {
            return None;
        }
        y.set("repeat", repeat);
        // "A step that notifies nobody is logged ... escalation goes on" after its 5 s.
        y.set("on_empty_step", "wait");
        y.set("steps", steps);
        Some(y)
    }

    /// One escalation step.
    fn step(&mut self, st: &Escalation) -> Option<Yaml> {
        let next = format_duration(Seconds(NEXT_ESCALATION_DELAY));
        let kind = st.kind.value().cloned().unwrap_or_default();
        let at = st.kind.loc().unwrap_or(st.loc);
        let mut y = Yaml::map();
        if !st.key.is_empty() {
            y.set("source", st.key.clone());
        }
        let important = matches!(st.important, Field::Known(true, _));
        if important {
            let iat = st.important.loc().unwrap_or(at);
            self.say(info("grafana-important", iat, "`important` selects the users' important notification rules, which are not in the files: the document pages them by their one contact plan"), iat);
        }
        match kind.as_str() {
            "wait" => {
                // `wait_delay or DEFAULT_WAIT_DELAY` (5 minutes).
                let secs = match st.duration.known() {
                    Some((d, dat)) => {
                        if ![60, 300, 900, 1800, 3600].contains(d) {
                            self.say(info("grafana-wait-duration", dat, format!("`duration: {d}` is not one of the API's 60, 300, 900, 1800, 3600 seconds (the Terraform provider accepts 60 to 86400): imported as written")), dat);
                        }
                        (*d).max(0)
                    }
                    None => 300,
                };
                y.set("wait", format_duration(Seconds(secs)));
            }
            "notify_persons" | "notify_one_person" => {
                let people = st
                    .persons
                    .value()
                    .map(|p| self.persons(p))
                    .unwrap_or_default();
                if people.is_empty() {
                    self.say(
                        info(
                            "grafana-empty-step",
                            at,
                            "this step names nobody: OnCall logs it and goes on after 5 seconds",
                        ),
                        at,
                    );
                    y.set("wait", next);
                } else {
                    y.set(
                        "notify",
                        people
                            .into_iter()
                            .map(|p| Yaml::map().with("person", p))
                            .collect::<Vec<_>>(),
                    );
                    y.set("escalate_after", next);
                }
            }
            "notify_on_call_from_schedule" => {
                match st.schedule.known() {
                    Some((k, kat)) => match self.schedules.get(k).cloned() {
                        Some(id) => {
                            y.set("notify", vec![Yaml::map().with("schedule", id)]);
                            y.set("escalate_after", next);
                        }
                        None => {
                            let why = if self.not_imported.contains(k) {
                                "is not imported"
                            } else {
                                "is in no file"
                            };
                            self.say(warn("import-missing-object", kat, format!("schedule `{k}` {why}: this step pages nobody in the document")), kat);
                            y.set("wait", next);
                        }
                    },
                    None => {
                        y.set("wait", next);
                    }
                }
            }
            "repeat_escalation" => {
                y.set("wait", next);
            }
            "notify_person_next_each_time" => {
                self.say(warn("grafana-round-robin", at, "round robin: OnCall pages one of these users, the next after the last one it paged for an earlier alert group (by username), so who depends on past alerts; the step pages nobody in the document"), at);
                y.set("wait", next);
            }
            "notify_whole_channel" => {
                self.say(
                    info(
                        "grafana-channel",
                        at,
                        "the Slack channel is sent a message, not paged: imported as stakeholders",
                    ),
                    at,
                );
                y.set(
                    "notify",
                    vec![Yaml::map().with("stakeholders", "slack-channel")],
                );
                y.set("escalate_after", next);
            }
            "notify_user_group" | "notify_team_members" => {
                self.say(warn("grafana-group", at, format!("`{kind}` pages the members of a group or team, which the files do not list: the step pages nobody in the document")), at);
                y.set("wait", next);
            }
            "notify_if_time_from_to" => {
                self.say(warn("grafana-time-window", at, "`notify_if_time_from_to` pauses the chain until its UTC window opens, which the document cannot say: the step takes 5 seconds in the document"), at);
                y.set("wait", next);
            }
            "trigger_webhook"
            | "trigger_action"
            | "declare_incident"
            | "notify_if_num_alerts_in_window"
            | "final_notification" => {
                self.say(
                    info(
                        "import-not-evaluated",
                        at,
                        format!("`{kind}` pages nobody: it keeps its place and its 5 seconds"),
                    ),
                    at,
                );
                y.set("wait", next);
            }
            other => {
                self.say(warn("import-not-evaluated", at, format!("step type `{other}` is not known: it keeps its place and its 5 seconds")), at);
                y.set("wait", next);
            }
        }
        for (key, value, oat) in &st.other {
            if !matches!(
                kind.as_str(),
                "notify_user_group"
                    | "notify_team_members"
                    | "notify_if_time_from_to"
                    | "trigger_webhook"
                    | "trigger_action"
                    | "declare_incident"
                    | "notify_if_num_alerts_in_window"
            ) {
                self.say(
                    info(
                        "import-not-imported",
                        *oat,
                        format!(
                            "not imported: `{key}` ({value}), which a `{kind}` step does not read"
                        ),
                    ),
                    *oat,
                );
            }
        }
        Some(y)
    }

    // ---- integrations and routes -------------------------------------------

    fn services(&mut self, export: &Export) -> Vec<Yaml> {
        let mut out = Vec::new();
        for i in &export.integrations {
            let name = i.name.value().cloned().unwrap_or_else(|| i.key.clone());
            let mut chain = i.default_chain.value().cloned();
            for r in export
                .routes
                .iter()
                .filter(|r| r.integration.value() == Some(&i.key))
            {
                if r.is_default {
                    if chain.is_none() {
                        chain = r.chain.value().cloned();
                    }
                    continue;
                }
                let regex = r.routing_regex.value().cloned().unwrap_or_default();
                let target = r
                    .chain
                    .value()
                    .and_then(|c| self.policies.get(c))
                    .cloned()
                    .unwrap_or_else(|| "no chain".to_string());
                let at = r.routing_regex.loc().unwrap_or(r.loc);
                self.say(info("grafana-route", at, format!(
                    "route `{regex}` sends matching alerts to `{target}`: routing by the alert's payload is not evaluated; the service uses the default route"
                )), at);
            }
            let Some(policy) = chain.as_ref().and_then(|c| self.policies.get(c)).cloned() else {
                self.say(info("import-not-imported", i.loc, format!("integration `{name}` has no default escalation chain in the files: not imported as a service")), i.loc);
                continue;
            };
            let id = self.cx.ids.id("service", &i.key, &name);
            let mut y = Yaml::map().with("id", id).with("name", name);
            if !i.key.is_empty() {
                y.set("source", i.key.clone());
            }
            y.set("escalation", policy);
            out.push(y);
        }
        for r in &export.routes {
            if let Some((k, at)) = r.integration.known() {
                if !export.integrations.iter().any(|i| &i.key == k) {
                    self.say(
                        warn(
                            "import-missing-object",
                            at,
                            format!("integration `{k}` is in no file; this route is not imported"),
                        ),
                        at,
                    );
                }
            }
        }
        out
    }
}

/// A copy of a plan's fields (to change a few for a day-by-day search).
fn plan_copy<'s>(p: &Plan<'s>) -> Plan<'s> {
    Plan {
        shift: p.shift,
        tz: p.tz,
        start: p.start,
        duration: p.duration,
        rotation_start: p.rotation_start,
        freq: p.freq,
        interval: p.interval,
        until: p.until,
        week_start: p.week_start,
        by_day: p.by_day.clone(),
        by_month: p.by_month.clone(),
        by_monthday: p.by_monthday.clone(),
        budget: std::cell::Cell::new(p.budget.get()),
    }
}
