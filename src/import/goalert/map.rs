//! GoAlert's objects ([`super::objects`]) to the Escalator document: each
//! GoAlert rule written once. The sources are named in
//! `docs/import-goalert.md` (GoAlert's Go code and GraphQL schema); here
//! each rule names the code it follows.

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDateTime;
use chrono_tz::Tz;

use crate::diagnostic::Diagnostic;
use crate::import::times::{self, add_months_normalized, local_text};
use crate::import::view::{Diags, Field, Loc};
use crate::import::yaml::Yaml;
use crate::import::Cx;
use crate::time::values::format_duration;
use crate::time::{local_seconds, naive_of_local, resolve_local, ResolvedKind, Seconds, Timestamp};

use super::objects::{Export, Policy, Rotation, Rule, Schedule, TargetRef, User, UserOverride};

/// A single-member layer (a user target of a schedule) turns from here:
/// any instant before the documents' times works, as the one member holds
/// every turn.
const EARLY_HANDOFF: &str = "2000-01-03T00:00";

/// At most this many pairs of overlapping overrides are reported per schedule.
const MAX_OVERLAP_REPORTS: usize = 20;

/// Hours in a day and in a week (GoAlert's clock lengths, `rotation.go`
/// `shiftClock`: `ShiftLength*24`, `ShiftLength*24*7` clock hours).
const HOUR: i64 = 3600;

pub fn map(cx: &mut Cx<'_>, export: &Export, diags: &mut Diags) {
    let mut m = Mapper {
        cx,
        diags,
        people: HashMap::new(),
        rotation_schedules: HashMap::new(),
        schedule_ids: HashMap::new(),
        exported_at: export.exported_at.known().map(|(s, at)| (s.clone(), at)),
    };
    m.run(export);
}

struct Mapper<'c, 'a, 'd> {
    cx: &'c mut Cx<'a>,
    diags: &'d mut Diags,
    /// Person id per GoAlert user id.
    people: HashMap<String, String>,
    /// The generated one-layer schedule of a rotation used as a step target
    /// (or by no schedule).
    rotation_schedules: HashMap<String, String>,
    schedule_ids: HashMap<String, String>,
    /// `exportedAt`, when the files give it.
    exported_at: Option<(String, Loc)>,
}

/// The kind of a rotation's turns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Period {
    /// Clock seconds per turn (hourly, daily, weekly).
    Clock(i64),
    /// Months per turn.
    Months(i64),
}

/// A rotation's handoff grid, as GoAlert computes it (`rotation.go`).
struct Grid {
    tz: Tz,
    start: NaiveDateTime,
    period: Period,
}

impl Grid {
    /// Grid point `k` on the wall clock: `start + k * shiftLength` clock
    /// hours, or `start.AddDate(0, k * shiftLength, 0)` for months.
    fn point(&self, k: i64) -> Option<NaiveDateTime> {
        match self.period {
            Period::Clock(p) => {
                let local = local_seconds(self.start).checked_add(k.checked_mul(p)?)?;
                let t = naive_of_local(local);
                (local_seconds(t) == local).then_some(t)
            }
            Period::Months(n) => add_months_normalized(self.start, k.checked_mul(n)?),
        }
    }

    /// The instant of grid point `k` by GoAlert's clock rule.
    fn instant(&self, k: i64) -> Option<i64> {
        self.point(k).map(|p| goalert_instant(self.tz, p))
    }

    /// An estimate of the grid index of the local reading `local`.
    fn index_near(&self, local: NaiveDateTime) -> i64 {
        match self.period {
            Period::Clock(p) => (local_seconds(local) - local_seconds(self.start)).div_euclid(p),
            Period::Months(n) => times::months_between(self.start, local).div_euclid(n),
        }
    }
}

/// GoAlert's reading of a local time (`util/timeutil/clock.go`
/// `FirstOfDay`: "the first timestamp where the time matches the clock
/// value, or the first instant after, if it does not exist"): in a gap the
/// transition instant, in a fold the earlier occurrence.
pub fn goalert_instant(tz: Tz, local: NaiveDateTime) -> i64 {
    let r = resolve_local(tz, local);
    match r.kind {
        ResolvedKind::Gap { transition, .. } => transition.0,
        _ => r.instant.0,
    }
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

/// A temporary schedule: `[start, end)` and its shifts `(start, end, person)`.
type TempSpan = (i64, i64, Vec<(i64, i64, String)>);

/// A rotation's layer, computed once per rotation.
struct RotationLayer {
    layer: Yaml,
    zone: Tz,
}

impl Mapper<'_, '_, '_> {
    fn say(&mut self, at: Loc, d: Diagnostic) {
        self.diags.push(at.file, d);
    }

    fn run(&mut self, export: &Export) {
        // The document's zone: the first schedule's, else the first rotation's.
        let zone = export
            .schedules
            .iter()
            .filter_map(|s| s.time_zone.value())
            .chain(export.rotations.iter().filter_map(|r| r.time_zone.value()))
            .find_map(|z| z.parse::<Tz>().ok());
        if let Some(z) = zone {
            self.cx.draft.suggest_timezone(z.name());
        }
        self.people(export);
        for s in &export.schedules {
            let name = s.name.value().cloned().unwrap_or_else(|| s.id.clone());
            let id = self.cx.ids.id("schedule", &s.id, &name);
            self.schedule_ids.insert(s.id.clone(), id);
        }
        // Rotations: one layer each, copied into every schedule that uses it.
        let mut layers: HashMap<String, Option<RotationLayer>> = HashMap::new();
        for r in &export.rotations {
            if r.id.is_empty() || layers.contains_key(&r.id) {
                if !r.id.is_empty() {
                    self.say(
                        r.loc,
                        warn(
                            "import-duplicate",
                            r.loc,
                            format!("rotation `{}` is given twice; the first is imported", r.id),
                        ),
                    );
                }
                continue;
            }
            let layer = self.rotation(r);
            layers.insert(r.id.clone(), layer);
        }
        let mut used_rotations: BTreeSet<String> = BTreeSet::new();
        let mut schedules = Vec::new();
        for s in &export.schedules {
            schedules.push(self.schedule(s, export, &layers, &mut used_rotations));
        }
        // Rotations paged directly by a step, or used by no schedule: a
        // schedule of their own (a rotation target "resolves to the
        // rotation's current participant", escalationmanager `updateOnCall`:
        // no schedule rules apply).
        let mut direct: Vec<&Rotation> = Vec::new();
        for p in &export.policies {
            for st in &p.steps {
                for t in &st.targets {
                    if t.kind == "rotation" {
                        if let Some(r) = export.rotations.iter().find(|r| r.id == t.id) {
                            if !direct.iter().any(|d| d.id == r.id) {
                                direct.push(r);
                            }
                        }
                    }
                }
            }
        }
        for r in &export.rotations {
            if !used_rotations.contains(&r.id) && !direct.iter().any(|d| d.id == r.id) {
                self.say(r.loc, info("import-unused", r.loc, format!(
                    "rotation `{}` is in no schedule and no policy: imported as a schedule of its own",
                    r.name.value().unwrap_or(&r.id)
                )));
                direct.push(r);
            }
        }
        direct.sort_by_key(|r| export.rotations.iter().position(|x| x.id == r.id));
        for r in direct {
            let Some(Some(rl)) = layers.get(&r.id) else {
                continue;
            };
            let name = r.name.value().cloned().unwrap_or_else(|| r.id.clone());
            let id = self
                .cx
                .ids
                .id("schedule", &format!("rotation:{}", r.id), &name);
            self.rotation_schedules.insert(r.id.clone(), id.clone());
            let mut y = Yaml::map().with("id", id).with("name", name);
            if !r.id.is_empty() {
                y.set("source", r.id.clone());
            }
            y.set("timezone", rl.zone.name());
            y.set("combine", "union");
            y.set("dst_gap", "transition");
            y.set("dst_fold_close", "later");
            y.set("layers", vec![rl.layer.clone()]);
            schedules.push(y);
        }
        let mut policies = Vec::new();
        for p in &export.policies {
            if let Some(y) = self.policy(p, export) {
                policies.push(y);
            }
        }
        self.cx.draft.schedules.extend(schedules);
        self.cx.draft.policies.extend(policies);
    }

    // ---- people -------------------------------------------------------------

    fn people(&mut self, export: &Export) {
        // Names known from references, for users not in the export.
        let mut names: HashMap<String, String> = HashMap::new();
        for r in &export.rotations {
            for (id, name) in &r.user_names {
                names.entry(id.clone()).or_insert_with(|| name.clone());
            }
        }
        let mut refs: Vec<(String, Loc)> = Vec::new();
        let note = |id: &str, at: Loc, refs: &mut Vec<(String, Loc)>| {
            if !id.is_empty() && !refs.iter().any(|(r, _)| r == id) {
                refs.push((id.to_string(), at));
            }
        };
        for r in &export.rotations {
            if let Some(ids) = r.user_ids.value() {
                for (id, at) in ids {
                    note(id, *at, &mut refs);
                }
            }
        }
        for s in &export.schedules {
            for t in &s.targets {
                if let Some(tr) = t.target.as_ref().filter(|t| t.kind == "user") {
                    names
                        .entry(tr.id.clone())
                        .or_insert_with(|| tr.name.clone().unwrap_or_default());
                    note(&tr.id, tr.loc, &mut refs);
                }
            }
            for temp in &s.temporary {
                for sh in &temp.shifts {
                    if let Field::Known(id, at) = &sh.user_id {
                        note(id, *at, &mut refs);
                    }
                }
            }
        }
        for o in &export.overrides {
            for f in [&o.add_user_id, &o.remove_user_id] {
                if let Field::Known(id, at) = f {
                    note(id, *at, &mut refs);
                }
            }
        }
        for p in &export.policies {
            for st in &p.steps {
                for t in st.targets.iter().filter(|t| t.kind == "user") {
                    names
                        .entry(t.id.clone())
                        .or_insert_with(|| t.name.clone().unwrap_or_default());
                    note(&t.id, t.loc, &mut refs);
                }
            }
        }
        let mut out = Vec::new();
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        for u in &export.users {
            if u.id.is_empty() || !seen.insert(&u.id) {
                continue;
            }
            let name = u
                .name
                .value()
                .or(u.email.value())
                .cloned()
                .unwrap_or_else(|| u.id.clone());
            let id = self.cx.ids.id("person", &u.id, &name);
            if let Some(e) = u.email.value() {
                self.cx.ids.person_email(e, &id);
            }
            self.people.insert(u.id.clone(), id.clone());
            out.push(self.person(u, id, &name));
        }
        for (uid, at) in refs {
            if self.people.contains_key(&uid) {
                continue;
            }
            let name = names.get(&uid).filter(|n| !n.is_empty()).cloned();
            let id = self
                .cx
                .ids
                .id("person", &uid, name.as_deref().unwrap_or(&uid));
            self.people.insert(uid.clone(), id.clone());
            self.say(
                at,
                info(
                    "import-missing-object",
                    at,
                    format!(
                        "user `{uid}` is in no file: imported as `{id}` without a contact plan"
                    ),
                )
                .with_help("add the users' export (the `users` query) to the files"),
            );
            let mut y = Yaml::map().with("id", id);
            y.set_opt("name", name);
            y.set("source", uid);
            out.push(y);
        }
        self.cx.draft.people.extend(out);
    }

    /// A user with its contact plan: notification rules in delay order,
    /// each through its contact method.
    fn person(&mut self, u: &User, id: String, name: &str) -> Yaml {
        let mut y = Yaml::map()
            .with("id", id)
            .with("name", name)
            .with("source", u.id.clone());
        let mut rules: Vec<(i64, usize)> = Vec::new();
        for (i, r) in u.notification_rules.iter().enumerate() {
            let delay = r.delay_minutes.value().copied().unwrap_or(0).max(0);
            rules.push((delay, i));
        }
        rules.sort();
        let mut contact = Vec::new();
        for (delay, i) in rules {
            let r = &u.notification_rules[i];
            let Some((cm_id, at)) = r.contact_method_id.known() else {
                continue;
            };
            let Some(cm) = u.contact_methods.iter().find(|c| &c.id == cm_id) else {
                self.say(at, warn("import-missing-object", at, format!(
                    "contact method `{cm_id}` is not among the user's `contactMethods`; this rule is not imported"
                )));
                continue;
            };
            if cm.disabled {
                self.say(
                    cm.loc,
                    info(
                        "import-not-imported",
                        cm.loc,
                        "this contact method is disabled: its notification rules are not imported",
                    ),
                );
                continue;
            }
            let Some(kind) = cm.kind.value() else {
                continue;
            };
            let via = match kind.as_str() {
                "SMS" | "builtin-twilio-sms" => "sms".to_string(),
                "VOICE" | "builtin-twilio-voice" => "phone".to_string(),
                "EMAIL" | "builtin-smtp-email" => "email".to_string(),
                "WEBHOOK" | "builtin-webhook" => "webhook".to_string(),
                "SLACK_DM" | "builtin-slack-dm" => "slack".to_string(),
                other => {
                    let at = cm.kind.loc().unwrap_or(cm.loc);
                    self.say(
                        at,
                        info(
                            "import-assumption",
                            at,
                            format!(
                                "contact method type `{other}` is imported as `via: {}`",
                                other.to_ascii_lowercase()
                            ),
                        ),
                    );
                    other.to_ascii_lowercase()
                }
            };
            let mut c = Yaml::map().with("via", via).with("after", minutes(delay));
            if let Some(v) = cm.value.value() {
                c.set("to", v.clone());
            }
            contact.push(c);
        }
        if !contact.is_empty() {
            y.set("contact", contact);
        }
        y
    }

    fn person_id(&self, uid: &str) -> Option<String> {
        self.people.get(uid).cloned()
    }

    // ---- rotations ----------------------------------------------------------

    /// The layer of a rotation, anchored on its current turn; `None` when
    /// it cannot be (reported).
    fn rotation(&mut self, r: &Rotation) -> Option<RotationLayer> {
        let name = r.name.value().cloned().unwrap_or_else(|| r.id.clone());
        let Some((zone_name, zone_at)) = r.time_zone.known() else {
            if r.time_zone.is_absent() {
                self.say(
                    r.loc,
                    error(
                        "import-missing-key",
                        r.loc,
                        format!("rotation `{name}` has no `timeZone`; not imported"),
                    ),
                );
            }
            return None;
        };
        let Ok(tz) = zone_name.parse::<Tz>() else {
            self.say(
                zone_at,
                error(
                    "invalid-timezone",
                    zone_at,
                    format!(
                        "`{zone_name}` is not an IANA time zone; rotation `{name}` is not imported"
                    ),
                ),
            );
            return None;
        };
        let Some((kind, kind_at)) = r.kind.known() else {
            if r.kind.is_absent() {
                self.say(
                    r.loc,
                    error(
                        "import-missing-key",
                        r.loc,
                        format!("rotation `{name}` has no `type`; not imported"),
                    ),
                );
            }
            return None;
        };
        // `rotation.go` Normalize: `if r.ShiftLength == 0 { r.ShiftLength = 1 }`,
        // `validate.Range("ShiftLength", r.ShiftLength, 1, 9000)`.
        let len = match r.shift_length.known() {
            None if r.shift_length.is_unknown() => return None,
            None => 1,
            Some((0, _)) => 1,
            Some((n, at)) => {
                if !(1..=9000).contains(n) {
                    self.say(at, error("import-invalid-value", at, format!("`shiftLength: {n}` is outside GoAlert's 1 to 9000; rotation `{name}` is not imported")));
                    return None;
                }
                *n
            }
        };
        let (period, shift) = match kind.as_str() {
            "hourly" => (Period::Clock(len * HOUR), format!("{len}h")),
            "daily" => (Period::Clock(len * 24 * HOUR), format!("{len}d")),
            "weekly" => (Period::Clock(len * 7 * 24 * HOUR), format!("{len}w")),
            "monthly" => (Period::Months(len), format!("{len}mo")),
            other => {
                self.say(kind_at, error("import-invalid-value", kind_at, format!("rotation type `{other}` is not hourly, daily, weekly or monthly; rotation `{name}` is not imported")));
                return None;
            }
        };
        let Some((start_text, start_at)) = r.start.known() else {
            if r.start.is_absent() {
                self.say(
                    r.loc,
                    error(
                        "import-missing-key",
                        r.loc,
                        format!("rotation `{name}` has no `start`; not imported"),
                    ),
                );
            }
            return None;
        };
        let Some(start) = times::instant(start_text) else {
            self.say(start_at, error("import-invalid-value", start_at, format!("`start` `{start_text}` is not an RFC 3339 instant; rotation `{name}` is not imported")));
            return None;
        };
        // `r.Start = r.Start.Truncate(time.Minute)`, read on the zone's clock.
        let start = Timestamp(start.0 - start.0.rem_euclid(60));
        let start_local = naive_of_local(crate::time::Zone::new(tz).local_of(start.0));
        let grid = Grid {
            tz,
            start: start_local,
            period,
        };

        let users: Vec<(String, Loc)> = match r.user_ids.known() {
            Some((u, _)) => u.clone(),
            None if r.user_ids.is_unknown() => return None,
            None => Vec::new(),
        };
        if users.is_empty() {
            self.say(r.loc, info("import-empty-rotation", r.loc, format!("rotation `{name}` has no users: nobody is ever on call in it; not imported")));
            return None;
        }
        let members: Vec<String> = users
            .iter()
            .filter_map(|(u, _)| self.person_id(u))
            .collect();
        let mut layer = Yaml::map();
        layer.set("id", crate::import::ids::slug(&name));
        layer.set("name", name.clone());
        if !r.id.is_empty() {
            layer.set("source", r.id.clone());
        }
        if members.len() == 1 {
            // One user holds every turn: no anchor is needed.
            layer.set("members", Yaml::strs(members));
            layer.set("shift", shift);
            layer.set("handoff", local_text(start_local));
            layer.set("turn_count", "instants");
            if matches!(period, Period::Months(_)) {
                layer.set("month_overflow", "normalize");
            }
            layer.set("before_handoff", "rotate");
            return Some(RotationLayer { layer, zone: tz });
        }
        let anchor = self.anchor(r, &name, &grid, users.len())?;
        let (k, active) = anchor;
        let n = members.len() as i64;
        let point = grid.point(k)?;
        let s_instant = goalert_instant(tz, point);
        match period {
            Period::Clock(_) => {
                // Turn 0 is the current one: the members from the active user on.
                let rotated: Vec<String> = (0..n)
                    .map(|i| members[((active + i) % n) as usize].clone())
                    .collect();
                layer.set("members", Yaml::strs(rotated));
                layer.set("shift", shift);
                layer.set("handoff", local_text(point));
                layer.set("turn_count", "instants");
            }
            Period::Months(_) => {
                // Months are counted from `start` each time (`monthStartTime`:
                // `r.Start.AddDate(0, r.ShiftLength*n, 0)`), so the grid keeps
                // `start` as its handoff; the members are placed so that turn
                // `k` is the active user's, and the layer shows from turn `k`.
                let rotated: Vec<String> = (0..n)
                    .map(|i| members[((active - k + i).rem_euclid(n)) as usize].clone())
                    .collect();
                layer.set("members", Yaml::strs(rotated));
                layer.set("shift", shift);
                layer.set("handoff", local_text(start_local));
                layer.set("turn_count", "instants");
                layer.set("month_overflow", "normalize");
                // The current turn may come before `start` (a rotation
                // whose `start` is its next handoff): turns rotate back.
                if k < 0 {
                    layer.set("before_handoff", "rotate");
                }
                layer.set("from", Timestamp(s_instant).to_rfc3339());
                self.monthly_gap_check(&grid, k, kind_at);
            }
        }
        Some(RotationLayer { layer, zone: tz })
    }

    /// The grid index of the current turn and the index (into `userIDs`) of
    /// its user: from `activeUserIndex` and `nextHandoffTimes[0]` (GoAlert
    /// stores the rotation's state, `rotation_state.shift_start`, which
    /// GraphQL does not return; the current turn is the one that ends at the
    /// next handoff).
    fn anchor(
        &mut self,
        r: &Rotation,
        name: &str,
        grid: &Grid,
        users: usize,
    ) -> Option<(i64, i64)> {
        let active = match r.active_user_index.known() {
            Some((a, at)) => {
                if *a < 0 || *a as usize >= users {
                    self.say(at, error("import-invalid-value", at, format!(
                        "`activeUserIndex: {a}` is not an index of `userIDs` ({users} users); rotation `{name}` is not imported"
                    )));
                    return None;
                }
                (*a, at)
            }
            None => {
                if r.active_user_index.is_unknown() {
                    return None;
                }
                let key = var_key(name, "active_user_index");
                match self.var(&key).map(|v| v.trim().parse::<i64>()) {
                    Some(Ok(a)) if a >= 0 && (a as usize) < users => (a, r.loc),
                    Some(_) => {
                        self.say(
                            r.loc,
                            error(
                                "import-invalid-value",
                                r.loc,
                                format!(
                                    "`--var {key}=...` is not an index of `userIDs` (0 to {})",
                                    users - 1
                                ),
                            ),
                        );
                        return None;
                    }
                    None => {
                        self.need(
                            r,
                            name,
                            "active_user_index",
                            "the index in `userIDs` of who is on call now (`activeUserIndex`)",
                            "0",
                        );
                        return None;
                    }
                }
            }
        };
        let next = match r.next_handoff_times.known() {
            Some((times, at)) => match times.first() {
                Some((text, t_at)) => match times::instant(text) {
                    Some(t) => (t, *t_at),
                    None => {
                        self.say(*t_at, error("import-invalid-value", *t_at, format!("`{text}` is not an RFC 3339 instant; rotation `{name}` is not imported")));
                        return None;
                    }
                },
                None => {
                    self.say(at, error("import-missing-key", at, format!(
                        "`nextHandoffTimes` is empty: rotation `{name}` cannot be anchored; not imported"
                    )).with_help("query `nextHandoffTimes(num: 2)` while the rotation has users"));
                    return None;
                }
            },
            None => {
                if r.next_handoff_times.is_unknown() {
                    return None;
                }
                let key = var_key(name, "next_handoff");
                match self.var(&key).map(|v| times::instant(&v)) {
                    Some(Some(t)) => (t, r.loc),
                    Some(None) => {
                        self.say(r.loc, error("import-invalid-value", r.loc, format!(
                            "`--var {key}=...` is not an RFC 3339 instant like `2026-03-02T09:00:00Z`"
                        )));
                        return None;
                    }
                    None => {
                        self.need(
                            r,
                            name,
                            "next_handoff",
                            "the rotation's next handoff (`nextHandoffTimes[0]`)",
                            "2026-03-02T09:00:00Z",
                        );
                        return None;
                    }
                }
            }
        };
        let (next, next_at) = next;
        let next_local = naive_of_local(crate::time::Zone::new(grid.tz).local_of(next.0));
        let guess = grid.index_near(next_local);
        // The current turn: the last grid point GoAlert puts before the next handoff.
        let mut k = None;
        for c in (guess - 3..=guess + 3).rev() {
            if grid.instant(c).is_some_and(|t| t < next.0) {
                k = Some(c);
                break;
            }
        }
        let Some(k) = k else {
            self.say(next_at, error("import-invalid-value", next_at, format!("`nextHandoffTimes[0]` is outside the range of dates the rotation can have; rotation `{name}` is not imported")));
            return None;
        };
        let s = grid.instant(k).unwrap_or(next.0);
        let on_grid = (k + 1..=k + 3).any(|j| grid.instant(j) == Some(next.0));
        if !on_grid {
            let expected = (k + 1..=k + 3)
                .filter_map(|j| grid.instant(j))
                .find(|t| *t >= next.0)
                .unwrap_or(next.0);
            self.say(next_at, warn("goalert-anchor-off-grid", next_at, format!(
                "`nextHandoffTimes[0]` ({}) is not a handoff of this rotation by its `start`, `type` and `shiftLength` (those around it are {} and {}): the rotation may have changed after the export; anchored on the handoff before it",
                next.to_rfc3339(),
                Timestamp(s).to_rfc3339(),
                Timestamp(expected).to_rfc3339()
            )));
        }
        let user_name = r
            .user_ids
            .value()
            .and_then(|u| u.get(active.0 as usize))
            .map(|(u, _)| self.person_id(u).unwrap_or_else(|| u.clone()))
            .unwrap_or_default();
        self.say(active.1, info("goalert-anchor", active.1, format!(
            "anchored on the current turn: `userIDs[{}]` ({user_name}) is on call from {} (the handoff before `nextHandoffTimes[0]` by GoAlert's clock rule) to {}; turns before it are GoAlert's history and are not imported",
            active.0,
            Timestamp(s).to_rfc3339(),
            next.to_rfc3339()
        )));
        if let Some((at_text, at_loc)) = self.exported_at.clone() {
            if let Some(t) = times::instant(&at_text) {
                if !(s <= t.0 && t < next) {
                    self.say(next_at, warn("goalert-stale-export", next_at, format!(
                        "`exportedAt` ({at_text}) is not within the current turn ({} to {}): the rotation state may be from another time",
                        Timestamp(s).to_rfc3339(),
                        next.to_rfc3339()
                    )).with_label(at_loc.span, "exported here"));
                }
            }
        }
        Some((k, active.0))
    }

    /// The value given with `--var NAME=VALUE`, if any (the last one given).
    fn var(&self, name: &str) -> Option<String> {
        self.cx
            .options
            .vars
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    }

    /// Asks for a value that anchors a rotation.
    fn need(&mut self, r: &Rotation, name: &str, what: &str, description: &str, example: &str) {
        let key = var_key(name, what);
        self.cx.need(crate::import::ValueNeeded {
            name: key.clone(),
            description: Some(format!("rotation `{name}`: {description}")),
            example: Some(example.to_string()),
            file: r.loc.file,
            span: r.loc.span,
        });
        self.say(r.loc, error("import-value-needed", r.loc, format!(
            "rotation `{name}` cannot be anchored without {description}: pass `--var {key}={example}`, or export it with `activeUserIndex` and `nextHandoffTimes`"
        )));
    }

    /// Go's `time.Date` does not say which side of a DST gap a monthly
    /// handoff in it lands on: said when one of the next handoffs does.
    fn monthly_gap_check(&mut self, grid: &Grid, k: i64, at: Loc) {
        for j in k..k + 36 {
            let Some(p) = grid.point(j) else { break };
            if let ResolvedKind::Gap { .. } = resolve_local(grid.tz, p).kind {
                self.say(at, info("goalert-monthly-dst", at, format!(
                    "the monthly handoff {} does not exist in {}: imported at the transition, as GoAlert's other handoffs; Go's `time.Date` (which GoAlert uses for months) does not promise which side of the gap it picks",
                    local_text(p),
                    grid.tz.name()
                )));
                break;
            }
        }
    }

    // ---- schedules ----------------------------------------------------------

    fn schedule(
        &mut self,
        s: &Schedule,
        export: &Export,
        layers: &HashMap<String, Option<RotationLayer>>,
        used: &mut BTreeSet<String>,
    ) -> Yaml {
        let name = s.name.value().cloned().unwrap_or_else(|| s.id.clone());
        let id = self
            .schedule_ids
            .get(&s.id)
            .cloned()
            .unwrap_or_else(|| crate::import::ids::slug(&name));
        let zone = match s.time_zone.known() {
            Some((z, at)) => match z.parse::<Tz>() {
                Ok(tz) => Some(tz),
                Err(_) => {
                    self.say(
                        at,
                        error(
                            "invalid-timezone",
                            at,
                            format!("`{z}` is not an IANA time zone; the document's zone is used"),
                        ),
                    );
                    None
                }
            },
            None => None,
        };
        let mut y = Yaml::map().with("id", id).with("name", name.clone());
        if !s.id.is_empty() {
            y.set("source", s.id.clone());
        }
        if let Some(tz) = zone {
            y.set("timezone", tz.name());
        }
        // `engine/schedulemanager`: every active rule adds its user (a union),
        // DST by `Clock.FirstOfDay` (gap: the transition) and
        // `Clock.LastOfDay` (a window closing in a fold: the later one).
        y.set("combine", "union");
        y.set("dst_gap", "transition");
        y.set("dst_fold_close", "later");
        let mut out_layers = Vec::new();
        let mut layer_ids: BTreeSet<String> = BTreeSet::new();
        for t in &s.targets {
            let Some(tr) = &t.target else {
                continue;
            };
            let restrictions = match self.restrictions(&t.rules) {
                Some(r) => r,
                None => {
                    self.say(t.loc, info("goalert-never-active", t.loc, format!(
                        "the rules of `{}` never open (no rule, or no day enabled): it is never on call here; not imported",
                        tr.name.as_deref().unwrap_or(&tr.id)
                    )));
                    continue;
                }
            };
            let mut layer = match tr.kind.as_str() {
                "rotation" => {
                    used.insert(tr.id.clone());
                    match layers.get(&tr.id) {
                        Some(Some(rl)) => {
                            if let Some(tz) = zone {
                                if tz != rl.zone {
                                    self.say(tr.loc, warn("goalert-rotation-zone", tr.loc, format!(
                                        "rotation `{}` hands off on {}'s clock but this schedule is in {}: the layer turns on {}'s clock, which differs from GoAlert's when the two zones change their clocks on different dates",
                                        tr.name.as_deref().unwrap_or(&tr.id), rl.zone.name(), tz.name(), tz.name()
                                    )).with_help("give the rotation the schedule's time zone in GoAlert, or check the handoffs around DST changes"));
                                }
                            }
                            rl.layer.clone()
                        }
                        Some(None) => continue,
                        None => {
                            self.say(tr.loc, warn("import-missing-object", tr.loc, format!(
                                "rotation `{}` is in no file; its rules are not imported",
                                tr.name.as_deref().unwrap_or(&tr.id)
                            )).with_help("add the rotations' export (the `rotations` query) to the files"));
                            continue;
                        }
                    }
                }
                "user" => {
                    let Some(pid) = self.person_id(&tr.id) else {
                        continue;
                    };
                    let name = tr.name.clone().unwrap_or_else(|| pid.clone());
                    Yaml::map()
                        .with("id", crate::import::ids::slug(&name))
                        .with("name", name)
                        .with("source", tr.id.clone())
                        .with("members", Yaml::strs([pid]))
                        .with("shift", "1w")
                        .with("handoff", EARLY_HANDOFF)
                }
                other => {
                    self.say(tr.loc, warn("import-not-imported", tr.loc, format!(
                        "a schedule target of type `{other}` is not a user or a rotation; not imported"
                    )));
                    continue;
                }
            };
            // Unique layer ids within the schedule.
            let base = match layer.get("id") {
                Some(Yaml::Str(s)) if !s.is_empty() => s.clone(),
                _ => "layer".to_string(),
            };
            let mut lid = base.clone();
            let mut n = 2;
            while layer_ids.contains(&lid) {
                lid = format!("{base}-{n}");
                n += 1;
            }
            layer_ids.insert(lid.clone());
            layer.set("id", lid);
            if !restrictions.is_empty() {
                layer.set("restrictions", restrictions);
            }
            out_layers.push(layer);
        }
        y.set("layers", out_layers);
        let overrides = self.overrides(s, export);
        if !overrides.is_empty() {
            y.set("overrides", overrides);
        }
        y
    }

    /// A target's rules as restrictions (`schedule/rule/rule.go`): each
    /// rule opens on its enabled weekdays (`weekdayFilter`, Sunday first)
    /// at `start` and closes at `end` that day, or the next day when `end`
    /// is not after `start` (overnight; `start == end` is 24 hours). An
    /// empty list: always on. `None`: never on.
    fn restrictions(&mut self, rules: &[Rule]) -> Option<Vec<Yaml>> {
        let mut out = Vec::new();
        let mut any = false;
        for r in rules {
            let (Some((start, s_at)), Some((end, e_at)), Some((days, d_at))) =
                (r.start.known(), r.end.known(), r.weekday_filter.known())
            else {
                if r.start.is_absent() || r.end.is_absent() || r.weekday_filter.is_absent() {
                    self.say(
                        r.loc,
                        error(
                            "import-missing-key",
                            r.loc,
                            "a rule needs `start`, `end` and `weekdayFilter`; not imported",
                        ),
                    );
                }
                continue;
            };
            let (Some(from), Some(to)) = (times::clock(start, false), times::clock(end, true))
            else {
                let bad = if times::clock(start, false).is_none() {
                    s_at
                } else {
                    e_at
                };
                self.say(bad, error("import-invalid-value", bad, "a rule's `start` and `end` are clock times like `09:00`; the rule is not imported"));
                continue;
            };
            // Sunday first in GoAlert; the document lists Monday first.
            let names = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
            let enabled: Vec<&str> = [1usize, 2, 3, 4, 5, 6, 0]
                .iter()
                .filter(|&&i| days.get(i).copied().unwrap_or(false))
                .map(|&i| names[i])
                .collect();
            if enabled.is_empty() {
                self.say(
                    d_at,
                    info(
                        "goalert-never-active",
                        d_at,
                        "no weekday is enabled: this rule never opens; not imported",
                    ),
                );
                continue;
            }
            any = true;
            let to = if to == 86_400 { 0 } else { to };
            if enabled.len() == 7 && from == to {
                // `AlwaysActive`: every day, start == end.
                return Some(Vec::new());
            }
            let mut w = Yaml::map();
            if enabled.len() < 7 {
                w.set("days", Yaml::strs(enabled));
            }
            w.set("from", times::clock_text(from));
            w.set("to", times::clock_text(to));
            out.push(w);
        }
        any.then_some(out)
    }

    /// A schedule's overrides: user overrides by start time (GoAlert applies
    /// them in database order), clipped where a temporary schedule is in
    /// force, then the temporary schedules as replacements.
    fn overrides(&mut self, s: &Schedule, export: &Export) -> Vec<Yaml> {
        // Temporary schedules: `[start, end)` spans with their shifts.
        let mut temps: Vec<TempSpan> = Vec::new();
        for t in &s.temporary {
            let (Some(a), Some(b)) = (
                self.instant_of(&t.start, t.loc),
                self.instant_of(&t.end, t.loc),
            ) else {
                continue;
            };
            if b <= a {
                self.say(
                    t.loc,
                    warn(
                        "import-invalid-value",
                        t.loc,
                        "this temporary schedule ends before it starts; not imported",
                    ),
                );
                continue;
            }
            let mut shifts = Vec::new();
            for sh in &t.shifts {
                let (Some(sa), Some(sb)) = (
                    self.instant_of(&sh.start, sh.loc),
                    self.instant_of(&sh.end, sh.loc),
                ) else {
                    continue;
                };
                let Some(uid) = sh.user_id.value() else {
                    continue;
                };
                let Some(pid) = self.person_id(uid) else {
                    continue;
                };
                let (sa, sb) = (sa.max(a), sb.min(b));
                if sb > sa {
                    shifts.push((sa, sb, pid));
                }
            }
            temps.push((a, b, shifts));
        }
        temps.sort_by_key(|t| (t.0, t.1));

        let mut mine: Vec<&UserOverride> = Vec::new();
        for o in &export.overrides {
            match &o.target {
                Some(t) if t.id == s.id && !s.id.is_empty() => mine.push(o),
                _ => {}
            }
        }
        let mut rows: Vec<(i64, i64, String, &UserOverride)> = Vec::new();
        for o in mine {
            let (Some(a), Some(b)) = (
                self.instant_of(&o.start, o.loc),
                self.instant_of(&o.end, o.loc),
            ) else {
                continue;
            };
            if b <= a {
                self.say(
                    o.loc,
                    warn(
                        "import-invalid-value",
                        o.loc,
                        "this override ends before it starts; not imported",
                    ),
                );
                continue;
            }
            rows.push((a, b, o.id.clone(), o));
        }
        // GoAlert walks overrides in database order (`calcupdates.go`), which
        // is unspecified: by start time, then id.
        rows.sort_by(|x, y| (x.0, x.1, &x.2).cmp(&(y.0, y.1, &y.2)));
        self.overlaps(&rows);
        let mut out = Vec::new();
        for (a, b, _, o) in &rows {
            let add = o.add_user_id.value().and_then(|u| self.person_id(u));
            let remove = o.remove_user_id.value().and_then(|u| self.person_id(u));
            let mut base = Yaml::map();
            match (add, remove) {
                // Replace: `calcupdates.go` skips it "if the user to be removed
                // is not currently on-call", the SPEC's `replaces`.
                (Some(add), Some(remove)) => {
                    base.set("person", add);
                    base.set("replaces", remove);
                }
                (Some(add), None) => {
                    base.set("add", add);
                }
                (None, Some(remove)) => {
                    base.set("remove", remove);
                }
                (None, None) => {
                    self.say(
                        o.loc,
                        warn(
                            "import-missing-key",
                            o.loc,
                            "this override adds and removes nobody; not imported",
                        ),
                    );
                    continue;
                }
            }
            // Overrides are ignored while a temporary schedule is in force
            // (`calcupdates.go`: "temporary schedule config takes precedence
            // over anything else").
            let pieces = subtract(
                *a,
                *b,
                &temps.iter().map(|t| (t.0, t.1)).collect::<Vec<_>>(),
            );
            if pieces.len() != 1 || pieces.first() != Some(&(*a, *b)) {
                self.say(o.loc, info("goalert-temporary-over-override", o.loc, if pieces.is_empty() {
                    "a temporary schedule is in force all through this override: GoAlert ignores it; not imported".to_string()
                } else {
                    "a temporary schedule is in force during part of this override: GoAlert ignores it there, so it is imported without that part".to_string()
                }));
            }
            for (pa, pb) in pieces {
                let mut y = base.clone();
                y.set("from", Timestamp(pa).to_rfc3339());
                y.set("to", Timestamp(pb).to_rfc3339());
                if !o.id.is_empty() {
                    y.set("source", o.id.clone());
                }
                out.push(y);
            }
        }
        // Temporary schedules: only their shifts count; uncovered time is a gap.
        for (a, b, shifts) in &temps {
            let mut cuts: Vec<i64> = vec![*a, *b];
            for (sa, sb, _) in shifts {
                cuts.push(*sa);
                cuts.push(*sb);
            }
            cuts.sort_unstable();
            cuts.dedup();
            let mut pieces: Vec<(i64, i64, Vec<String>)> = Vec::new();
            // Bounded work: the shifts in force per span, at most this many looks.
            if cuts.len().saturating_mul(shifts.len()) > 4_000_000 {
                self.say(
                    s.loc,
                    error(
                        "import-too-much-work",
                        s.loc,
                        "a temporary schedule has too many shifts to import; not imported",
                    ),
                );
                continue;
            }
            for w in cuts.windows(2) {
                let (x, z) = (w[0], w[1]);
                let mut who: Vec<String> = shifts
                    .iter()
                    .filter(|(sa, sb, _)| *sa <= x && *sb >= z)
                    .map(|(_, _, p)| p.clone())
                    .collect();
                who.sort();
                who.dedup();
                match pieces.last_mut() {
                    Some(last) if last.2 == who && last.1 == x => last.1 = z,
                    _ => pieces.push((x, z, who)),
                }
            }
            for (x, z, who) in pieces {
                out.push(
                    Yaml::map()
                        .with("people", Yaml::strs(who))
                        .with("from", Timestamp(x).to_rfc3339())
                        .with("to", Timestamp(z).to_rfc3339()),
                );
            }
        }
        out
    }

    /// Says when overlapping overrides touch the same user (their order
    /// then matters, and GoAlert's is unspecified).
    fn overlaps(&mut self, rows: &[(i64, i64, String, &UserOverride)]) {
        let mut reported = 0;
        // Bounded work: at most this many pairs are compared.
        let mut budget = 1_000_000usize;
        for (i, x) in rows.iter().enumerate() {
            for y in rows[i + 1..].iter().take_while(|y| y.0 < x.1) {
                if budget == 0 {
                    return;
                }
                budget -= 1;
                let users = |o: &UserOverride| -> Vec<String> {
                    [&o.add_user_id, &o.remove_user_id]
                        .iter()
                        .filter_map(|f| f.value().cloned())
                        .collect()
                };
                let (ux, uy) = (users(x.3), users(y.3));
                if ux.iter().any(|u| uy.contains(u)) {
                    if reported < MAX_OVERLAP_REPORTS {
                        self.say(y.3.loc, warn("import-overlapping-overrides", y.3.loc, "this override overlaps an earlier one on the same user: GoAlert applies overlapping overrides in database order, which it does not define; they are applied here by start time").with_label(x.3.loc.span, "the earlier override"));
                    }
                    reported += 1;
                }
            }
        }
    }

    /// An RFC 3339 field as seconds since the epoch (reported when it is not one).
    fn instant_of(&mut self, f: &Field<String>, owner: Loc) -> Option<i64> {
        match f.known() {
            Some((text, at)) => match times::instant(text) {
                Some(t) => Some(t.0),
                None => {
                    self.say(
                        at,
                        error(
                            "import-invalid-value",
                            at,
                            format!("`{text}` is not an RFC 3339 instant; not imported"),
                        ),
                    );
                    None
                }
            },
            None => {
                if f.is_absent() {
                    self.say(
                        owner,
                        error(
                            "import-missing-key",
                            owner,
                            "`start` and `end` are needed; not imported",
                        ),
                    );
                }
                None
            }
        }
    }

    // ---- escalation policies -----------------------------------------------

    fn policy(&mut self, p: &Policy, export: &Export) -> Option<Yaml> {
        let name = p.name.value().cloned().unwrap_or_else(|| p.id.clone());
        if p.steps.is_empty() {
            self.say(
                p.loc,
                warn(
                    "import-empty-policy",
                    p.loc,
                    format!("policy `{name}` has no steps: it pages nobody; not imported"),
                ),
            );
            return None;
        }
        let id = self.cx.ids.id("policy", &p.id, &name);
        let mut y = Yaml::map().with("id", id).with("name", name);
        if !p.id.is_empty() {
            y.set("source", p.id.clone());
        }
        // `escalation/policy.go`: `validate.Range("Repeat", p.Repeat, 0, 5)`;
        // the engine repeats while `loop_count < ep.repeat` (N extra passes).
        match p.repeat.known() {
            Some((r, at)) if !(0..=5).contains(r) => {
                self.say(
                    at,
                    warn(
                        "import-invalid-value",
                        at,
                        format!("`repeat: {r}` is outside GoAlert's 0 to 5; imported as 5"),
                    ),
                );
                y.set("repeat", 5i64.min((*r).max(0)));
            }
            Some((r, _)) => {
                y.set("repeat", *r);
            }
            None => {}
        }
        // An empty step still waits its delay (`next_escalation` is set
        // whether or not anyone was reached; `NoOneOnCall` is only logged).
        y.set("on_empty_step", "wait");
        let mut order: Vec<usize> = (0..p.steps.len()).collect();
        order.sort_by_key(|&i| {
            (
                p.steps[i].step_number.value().copied().unwrap_or(i as i64),
                i,
            )
        });
        let mut steps = Vec::new();
        for i in order {
            let st = &p.steps[i];
            let delay = match st.delay_minutes.known() {
                Some((d, _)) => (*d).max(0),
                None => {
                    if st.delay_minutes.is_absent() {
                        self.say(
                            st.loc,
                            error(
                                "import-missing-key",
                                st.loc,
                                "this step has no `delayMinutes`; the policy is not imported",
                            ),
                        );
                    }
                    return None;
                }
            };
            let after = minutes(delay);
            let mut notify = Vec::new();
            for t in &st.targets {
                if let Some(target) = self.target(t, export) {
                    notify.push(target);
                }
            }
            let mut s = Yaml::map();
            if let Some(sid) = &st.id {
                s.set("source", sid.clone());
            }
            if notify.is_empty() {
                self.say(
                    st.loc,
                    info(
                        "goalert-empty-step",
                        st.loc,
                        format!("this step notifies nobody: imported as a wait of {after}"),
                    ),
                );
                s.set("wait", after);
            } else {
                s.set("notify", notify);
                s.set("escalate_after", after);
            }
            steps.push(s);
        }
        y.set("steps", steps);
        Some(y)
    }

    fn target(&mut self, t: &TargetRef, export: &Export) -> Option<Yaml> {
        let shown = t.name.clone().unwrap_or_else(|| t.id.clone());
        match t.kind.as_str() {
            "user" => self.person_id(&t.id).map(|p| Yaml::map().with("person", p)),
            "schedule" => match self.schedule_ids.get(&t.id).cloned() {
                Some(id) => Some(Yaml::map().with("schedule", id)),
                None => {
                    self.say(
                        t.loc,
                        warn(
                            "import-missing-object",
                            t.loc,
                            format!(
                                "schedule `{shown}` is in no file; this target is not imported"
                            ),
                        )
                        .with_help(
                            "add the schedules' export (the `schedules` query) to the files",
                        ),
                    );
                    None
                }
            },
            "rotation" => match self.rotation_schedules.get(&t.id).cloned() {
                Some(id) => {
                    self.say(t.loc, info("goalert-rotation-target", t.loc, format!(
                        "a rotation target pages the rotation's current user, without any schedule's rules: imported as schedule `{id}`, which holds only the rotation"
                    )));
                    Some(Yaml::map().with("schedule", id))
                }
                None => {
                    if !export.rotations.iter().any(|r| r.id == t.id) {
                        self.say(
                            t.loc,
                            warn(
                                "import-missing-object",
                                t.loc,
                                format!(
                                    "rotation `{shown}` is in no file; this target is not imported"
                                ),
                            ),
                        );
                    }
                    None
                }
            },
            other => {
                // Channels get a message, never a page: stakeholders.
                self.say(t.loc, info("goalert-channel-target", t.loc, format!(
                    "`{other}` target `{shown}` is sent a message, not paged: imported as stakeholders"
                )));
                Some(Yaml::map().with("stakeholders", shown))
            }
        }
    }
}

/// Minutes as a document duration (`0m`, `15m`, `1h30m`).
fn minutes(n: i64) -> String {
    if n == 0 {
        "0m".to_string()
    } else {
        format_duration(Seconds(n.saturating_mul(60)))
    }
}

/// The `--var` name of a value a rotation needs: `payments-primary.next_handoff`.
fn var_key(rotation: &str, what: &str) -> String {
    format!("{}.{what}", crate::import::ids::slug(rotation))
}

/// GoAlert's handoff instants of a rotation in `[from, to)`: the grid of
/// `start` plus `k * shiftLength` clock hours (or months, counted from
/// `start` each time with Go's `AddDate`), each read by GoAlert's clock
/// rule ([`goalert_instant`]), equal instants once. `kind` is `hourly`,
/// `daily`, `weekly` or `monthly`; at most 10 000 handoffs.
///
/// This is the importer's own statement of `schedule/rotation/rotation.go`,
/// against which the imported documents are tested.
///
/// ```
/// use escalator::import::goalert::map::goalert_handoffs;
/// use escalator::time::Timestamp;
/// let t = |s| escalator::import::times::instant(s).unwrap();
/// // rotation_test.go: daily from 2020-03-06 02:30 Chicago; on 2020-03-08
/// // (02:00 -> 03:00) the handoff is at 03:00 CDT.
/// let got = goalert_handoffs(chrono_tz::America::Chicago, t("2020-03-06T08:30:00Z"), "daily", 1,
///     t("2020-03-07T00:00:00Z"), t("2020-03-10T00:00:00Z")).unwrap();
/// let got: Vec<String> = got.iter().map(|t| t.to_rfc3339()).collect();
/// assert_eq!(got, ["2020-03-07T08:30:00Z", "2020-03-08T08:00:00Z", "2020-03-09T07:30:00Z"]);
/// ```
pub fn goalert_handoffs(
    tz: Tz,
    start: Timestamp,
    kind: &str,
    shift_length: i64,
    from: Timestamp,
    to: Timestamp,
) -> Option<Vec<Timestamp>> {
    let len = shift_length.clamp(1, 9000);
    let period = match kind {
        "hourly" => Period::Clock(len * HOUR),
        "daily" => Period::Clock(len * 24 * HOUR),
        "weekly" => Period::Clock(len * 7 * 24 * HOUR),
        "monthly" => Period::Months(len),
        _ => return None,
    };
    let start = Timestamp(start.0 - start.0.rem_euclid(60));
    let zone = crate::time::Zone::new(tz);
    let grid = Grid {
        tz,
        start: naive_of_local(zone.local_of(start.0)),
        period,
    };
    let mut k = grid.index_near(naive_of_local(zone.local_of(from.0))) - 3;
    let mut out: Vec<Timestamp> = Vec::new();
    while out.len() < 10_000 {
        let t = grid.instant(k)?;
        if t >= to.0 {
            break;
        }
        if t >= from.0 && out.last() != Some(&Timestamp(t)) {
            out.push(Timestamp(t));
        }
        k += 1;
    }
    Some(out)
}

/// `[a, b)` minus the spans `cut` (sorted), as the pieces left.
fn subtract(a: i64, b: i64, cut: &[(i64, i64)]) -> Vec<(i64, i64)> {
    let mut out = Vec::new();
    let mut at = a;
    for &(x, y) in cut {
        if y <= at || x >= b {
            continue;
        }
        if x > at {
            out.push((at, x.min(b)));
        }
        at = at.max(y);
        if at >= b {
            break;
        }
    }
    if at < b {
        out.push((at, b));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn local(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap()
    }

    #[test]
    fn goalert_resolves_a_gap_to_the_transition_and_a_fold_to_the_first() {
        let chicago = chrono_tz::America::Chicago;
        // util/timeutil/math_test.go: AddClock(2018-03-11 00:00 CST, 2:30) = 03:00 CDT.
        assert_eq!(
            Timestamp(goalert_instant(chicago, local(2018, 3, 11, 2, 30))).to_rfc3339(),
            "2018-03-11T08:00:00Z"
        );
        // 2020-11-01 01:30 occurs twice: the first (CDT).
        assert_eq!(
            Timestamp(goalert_instant(chicago, local(2020, 11, 1, 1, 30))).to_rfc3339(),
            "2020-11-01T06:30:00Z"
        );
        let lord_howe = chrono_tz::Australia::Lord_Howe;
        // rotation_test.go: "2:15 time does not actually exist anymore ... Next immediate time that exists is 2:30."
        assert_eq!(
            Timestamp(goalert_instant(lord_howe, local(2020, 10, 4, 2, 15))).to_rfc3339(),
            "2020-10-03T15:30:00Z"
        );
    }

    #[test]
    fn subtracting_spans_leaves_the_pieces_outside() {
        assert_eq!(subtract(0, 10, &[(3, 5)]), vec![(0, 3), (5, 10)]);
        assert_eq!(subtract(0, 10, &[(-5, 20)]), vec![]);
        assert_eq!(subtract(0, 10, &[(5, 20)]), vec![(0, 5)]);
        assert_eq!(subtract(0, 10, &[]), vec![(0, 10)]);
    }

    #[test]
    fn the_grid_counts_months_from_start_each_time() {
        let g = Grid {
            tz: chrono_tz::UTC,
            start: local(2026, 1, 31, 9, 0),
            period: Period::Months(1),
        };
        assert_eq!(g.point(1), Some(local(2026, 3, 3, 9, 0)));
        assert_eq!(g.point(2), Some(local(2026, 3, 31, 9, 0)));
        assert_eq!(g.index_near(local(2026, 3, 31, 9, 0)), 2);
    }
}
