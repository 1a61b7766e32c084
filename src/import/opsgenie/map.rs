//! Opsgenie's objects to the Escalator document: every vendor rule, once.
//!
//! Sources of the rules are in `docs/import-opsgenie.md` and
//! `notes/opsgenie.md`; each rule below names the one it applies.

use chrono_tz::Tz;

use crate::diagnostic::Diagnostic;
use crate::import::yaml::Yaml;
use crate::import::Cx;

use super::dates::{self, Written};
use super::og::{
    At, DailyWindow, Escalation, Og, Override, OverrideUser, Participant, Restriction, Rotation,
    Rule, Schedule, Team, WeeklyWindow, F,
};
use super::Diags;

/// Most minutes a delay or wait may be (the document's durations stop at
/// 100 years).
const MAX_MINUTES: i64 = 100 * 365 * 1440;

/// Opsgenie repeats an escalation up to 20 times.
use crate::import::MAX_REPEAT;
use crate::time::values::MAX_DURATION;

/// The seconds of one turn unit (`h`, `d`, `w`).
fn unit_seconds(unit: &str) -> i64 {
    match unit {
        "h" => 3_600,
        "d" => 86_400,
        _ => 7 * 86_400,
    }
}

/// Writes `og` (linked) into the draft.
pub fn map(cx: &mut Cx<'_>, og: &Og, diags: &mut Diags) {
    let doc_zone = document_zone(cx, og);
    let mut m = Mapper {
        og,
        diags,
        doc_zone,
        people: Vec::new(),
        schedules: Vec::new(),
        policies: Vec::new(),
    };
    m.people(cx);
    m.schedules(cx);
    m.policies(cx);
    m.services(cx);
}

/// The document's zone: the caller's, else one another importer set, else
/// the first schedule's (valid) zone, else UTC.
fn document_zone(cx: &mut Cx<'_>, og: &Og) -> Tz {
    let first = og
        .schedules
        .iter()
        .filter(|s| !s.stub)
        .find_map(|s| s.timezone.as_ref().and_then(|t| t.v.parse::<Tz>().ok()));
    if let Some(z) = first {
        cx.draft.suggest_timezone(z.name());
    }
    cx.options
        .timezone
        .as_deref()
        .or(cx.draft.timezone.as_deref())
        .and_then(|z| z.parse::<Tz>().ok())
        .unwrap_or(chrono_tz::UTC)
}

struct Mapper<'a> {
    og: &'a Og,
    diags: &'a mut Diags,
    doc_zone: Tz,
    /// Document ids of `og.users`, `og.schedules`, `og.escalations`
    /// (`None`: not in the document).
    people: Vec<String>,
    schedules: Vec<Option<String>>,
    policies: Vec<Option<String>>,
}

/// What makes "the next (previous) on-call member" of a schedule a
/// reading rather than a rule: several rotations, restrictions, turns of
/// nobody, overrides (notes Q5, open question 2). Empty: one plain
/// rotation, whose next turn is the next member.
fn turn_unsure(s: &super::og::Schedule) -> Vec<&'static str> {
    let mut out = Vec::new();
    if s.rotations.len() > 1 {
        out.push("several rotations");
    }
    if s.rotations.iter().any(|r| r.restriction.is_some()) {
        out.push("restricted rotations");
    }
    if s.rotations
        .iter()
        .flat_map(|r| &r.participants)
        .any(|p| !matches!(p, super::og::Participant::User(_)))
    {
        out.push("turns of nobody (or of a team or escalation)");
    }
    if !s.overrides.is_empty() {
        out.push("overrides");
    }
    out
}

fn err(d: &mut Diags, at: At, code: &'static str, msg: impl Into<String>) {
    d.push(at.file, Diagnostic::error(code, at.span, msg));
}
fn warn(d: &mut Diags, at: At, code: &'static str, msg: impl Into<String>) {
    d.push(at.file, Diagnostic::warning(code, at.span, msg));
}
fn info(d: &mut Diags, at: At, code: &'static str, msg: impl Into<String>) {
    d.push(at.file, Diagnostic::info(code, at.span, msg));
}

impl Mapper<'_> {
    // ---------------------------------------------------------------- people

    fn people(&mut self, cx: &mut Cx<'_>) {
        for (i, u) in self.og.users.iter().enumerate() {
            let username = u.username.as_ref().map(|n| n.v.as_str());
            let name = u
                .full_name
                .as_ref()
                .map(|n| n.v.as_str())
                .or(username)
                .unwrap_or(&u.source);
            let id = cx.ids.id("person", &format!("opsgenie:user:{i}"), name);
            // Opsgenie's username is the user's e-mail address.
            if let Some(e) = username {
                cx.ids.person_email(e, &id);
            }
            let mut p = Yaml::map().with("id", id.as_str());
            p.set_opt("name", u.full_name.as_ref().map(|n| n.v.as_str()));
            p.set("source", u.source.as_str());
            if let Some(tz) = &u.timezone {
                if tz.v.parse::<Tz>().is_ok() {
                    p.set("timezone", tz.v.as_str());
                } else {
                    warn(
                        self.diags,
                        tz.at,
                        "import-invalid-value",
                        format!(
                            "`{}` is not an IANA time zone; the person's zone is not imported",
                            tz.v
                        ),
                    );
                }
            }
            cx.draft.people.push(p);
            self.people.push(id);
        }
    }

    fn person(&self, r: &super::og::Ref) -> Option<&str> {
        r.to.and_then(|i| self.people.get(i)).map(String::as_str)
    }

    // ------------------------------------------------------------- schedules

    fn schedules(&mut self, cx: &mut Cx<'_>) {
        for (i, s) in self.og.schedules.iter().enumerate() {
            let id = cx
                .ids
                .id("schedule", &format!("opsgenie:schedule:{i}"), &s.name.v);
            let y = self.schedule(s, &id);
            cx.draft.schedules.push(y);
            self.schedules.push(Some(id));
        }
    }

    fn zone_of(&mut self, s: &Schedule) -> (Tz, bool) {
        match &s.timezone {
            Some(t) => match t.v.parse::<Tz>() {
                Ok(z) => (z, true),
                Err(_) => {
                    err(
                        self.diags,
                        t.at,
                        "import-invalid-value",
                        format!(
                            "`{}` is not an IANA time zone; the schedule is read in `{}`",
                            t.v,
                            self.doc_zone.name()
                        ),
                    );
                    (self.doc_zone, false)
                }
            },
            None => {
                if !s.stub {
                    warn(
                        self.diags,
                        s.name.at,
                        "import-assumption",
                        format!(
                            "schedule `{}` names no timezone; read in `{}` (Opsgenie uses the account's zone)",
                            s.name.v,
                            self.doc_zone.name()
                        ),
                    );
                }
                (self.doc_zone, false)
            }
        }
    }

    fn schedule(&mut self, s: &Schedule, id: &str) -> Yaml {
        let (tz, own_zone) = self.zone_of(s);
        let mut y = Yaml::map().with("id", id);
        y.set("name", s.name.v.as_str());
        y.set("source", s.source.as_str());
        if own_zone {
            y.set("timezone", tz.name());
        }
        if let Some(e) = &s.enabled {
            // E8: Opsgenie "A schedule with `enabled: false` does not notify".
            if !e.v {
                y.set("enabled", false);
            }
        }
        if let Some(owner) = &s.owner_team {
            let shown = owner
                .to
                .and_then(|i| self.og.teams.get(i))
                .map_or_else(|| owner.shown(), |t| t.name.v.clone());
            info(
                self.diags,
                owner.at,
                "import-not-imported",
                format!(
                    "not imported: owner team `{shown}` (a schedule has no owner in the document)"
                ),
            );
        }
        if !s.has_rotations {
            warn(
                self.diags,
                s.name.at,
                "import-not-imported",
                format!(
                    "schedule `{}` is listed without its rotations; it is imported with none",
                    s.name.v
                ),
            );
            info(self.diags, s.at, "import-hint", "fetch schedules with `GET /v2/schedules?expand=rotation` to import their rotations");
        }
        // Rotations combine as a union: "all on-call users in all the
        // different rotations are notified (cumulative)".
        y.set("combine", "union");
        let mut layer_ids = crate::import::ids::Ids::new();
        let mut layers = Vec::new();
        for (i, r) in s.rotations.iter().enumerate() {
            if let Some(l) = self.layer(r, i, tz, &mut layer_ids) {
                layers.push(l);
            }
        }
        y.set("layers", Yaml::Seq(layers));
        let overrides = self.overrides(&s.overrides, tz);
        if !overrides.is_empty() {
            y.set("overrides", Yaml::Seq(overrides));
        }
        y
    }

    /// A rotation date: parsed, rounded to the half hour (with an info),
    /// as an instant.
    fn rotation_date(
        &mut self,
        d: &F<String>,
        tz: Tz,
        what: &str,
    ) -> Option<crate::time::Timestamp> {
        let Some(w) = dates::parse(&d.v) else {
            err(
                self.diags,
                d.at,
                "import-invalid-value",
                format!(
                    "`{}` is not a date like `2026-03-02T08:00:00Z`; the rotation is not imported",
                    d.v
                ),
            );
            return None;
        };
        let (rounded, changed) = dates::round_half_hour(w);
        if changed {
            info(
                self.diags,
                d.at,
                "import-rounded",
                format!(
                    "`{}` rounded to {} as Opsgenie does: \"Minutes may take 0 or 30 as value. Otherwise they will be converted to nearest 0 or 30 automatically\"",
                    d.v,
                    written(rounded)
                ),
            );
        }
        if w.offset.is_none() {
            info(
                self.diags,
                d.at,
                "import-assumption",
                format!("{what} `{}` has no offset; read in `{}`", d.v, tz.name()),
            );
        }
        Some(dates::instant(rounded, tz))
    }

    fn layer(
        &mut self,
        r: &Rotation,
        index: usize,
        tz: Tz,
        ids: &mut crate::import::ids::Ids,
    ) -> Option<Yaml> {
        let shown = r
            .name
            .as_ref()
            .map(|n| n.v.clone())
            .unwrap_or_else(|| format!("rotation {}", index + 1));
        if let Some(e) = r.enabled.as_ref().filter(|e| !e.v) {
            warn(
                self.diags,
                e.at,
                "import-not-imported",
                format!("not imported: rotation `{shown}` is disabled, so it puts nobody on call"),
            );
            return None;
        }
        // Turn length: `type` and `length` ("if the rotation is hourly and
        // length is 5 then it is a 5-hour rotation"); `length` defaults to 1.
        let unit = match r.kind.as_ref().map(|k| k.v.as_str()) {
            Some("hourly") => "h",
            Some("daily") => "d",
            Some("weekly") => "w",
            Some(other) => {
                let at = r.kind.as_ref().map_or(r.at, |k| k.at);
                err(
                    self.diags,
                    at,
                    "import-invalid-value",
                    format!("rotation type `{other}` is not hourly, daily or weekly; rotation `{shown}` is not imported"),
                );
                return None;
            }
            None => {
                err(
                    self.diags,
                    r.at,
                    "import-missing-key",
                    format!("rotation `{shown}` has no `type`; not imported"),
                );
                return None;
            }
        };
        let length = match &r.length {
            None => 1,
            Some(l) if l.v == 0 => {
                warn(
                    self.diags,
                    l.at,
                    "import-provider-quirk",
                    "`length: 0` is not sent (zero is left out of the request), so Opsgenie's default of 1 applies",
                );
                1
            }
            // A turn of at most 100 years, the longest duration a
            // document may state.
            Some(l) if l.v < 0 || l.v > MAX_DURATION.0 / unit_seconds(unit) => {
                err(
                    self.diags,
                    l.at,
                    "import-invalid-value",
                    format!(
                        "`length: {}` is not a turn length; rotation `{shown}` is not imported",
                        l.v
                    ),
                );
                return None;
            }
            Some(l) => l.v,
        };
        let Some(start) = &r.start else {
            err(
                self.diags,
                r.at,
                "import-missing-key",
                format!("rotation `{shown}` has no known start date; not imported"),
            );
            return None;
        };
        let start = self.rotation_date(start, tz, "start date")?;
        let end = match &r.end {
            Some(e) => {
                let t = self.rotation_date(e, tz, "end date")?;
                if t <= start {
                    warn(
                        self.diags,
                        e.at,
                        "import-not-imported",
                        format!("not imported: rotation `{shown}` ends before it starts, so it covers nothing"),
                    );
                    return None;
                }
                Some(t)
            }
            None => None,
        };
        if r.participants.is_empty() {
            err(
                self.diags,
                r.participants_at,
                "import-missing-key",
                format!("rotation `{shown}` has no participants; not imported"),
            );
            return None;
        }
        let mut members = Vec::new();
        for p in &r.participants {
            members.push(self.member(p));
        }
        let restrictions = match &r.restriction {
            None => None,
            Some((Restriction::Invalid(_), at)) => {
                err(
                    self.diags,
                    *at,
                    "import-not-imported",
                    format!("rotation `{shown}` is not imported: its time restriction could not be read"),
                );
                return None;
            }
            Some((rest, _)) => Some(self.windows(rest)?),
        };
        if unit == "h" && dates::has_dst(tz, start) {
            info(
                self.diags,
                r.kind.as_ref().map_or(r.at, |k| k.at),
                "import-assumption",
                format!(
                    "hourly turns in `{}` meet DST changes; Opsgenie does not document whether they keep the wall clock; imported on the wall clock (`clock: wall`)",
                    tz.name()
                ),
            );
        }
        let id = ids.id("layer", &format!("{index}"), &shown);
        let mut y = Yaml::map().with("id", id.as_str());
        y.set_opt("name", r.name.as_ref().map(|n| n.v.as_str()));
        if !r.source.is_empty() {
            y.set("source", r.source.as_str());
        }
        y.set("members", Yaml::Seq(members));
        y.set("shift", format!("{length}{unit}"));
        // `startDate`: "Schedule rotations are calculated from this date and
        // time" — the first handoff, as an absolute instant.
        y.set("handoff", dates::write_instant(start, tz));
        if let Some(end) = end {
            y.set("until", dates::write_instant(end, tz));
        }
        if let Some(w) = restrictions {
            y.set("restrictions", Yaml::Seq(w));
        }
        Some(y)
    }

    /// One turn: a person, or nobody.
    fn member(&mut self, p: &Participant) -> Yaml {
        match p {
            Participant::User(r) => match self.person(r) {
                Some(id) => Yaml::str(id),
                None => {
                    err(
                        self.diags,
                        r.at,
                        "import-missing-key",
                        "this participant names no user; its turn is imported as nobody",
                    );
                    Yaml::Seq(Vec::new())
                }
            },
            // "the reserved word none": a turn with nobody.
            Participant::None(_) => Yaml::Seq(Vec::new()),
            Participant::Team(r) => {
                self.diags.push(
                    r.at.file,
                    Diagnostic::error(
                        "import-not-imported",
                        r.at.span,
                        format!("not imported: team `{}` as a participant is paged through the team's routing rules; its turn is imported as nobody", r.shown()),
                    )
                    .with_help("the document cannot say a turn held by a team; list the team's people in the rotation instead"),
                );
                Yaml::Seq(Vec::new())
            }
            Participant::Escalation(r) => {
                self.diags.push(
                    r.at.file,
                    Diagnostic::error(
                        "import-not-imported",
                        r.at.span,
                        format!("not imported: escalation `{}` as a participant runs the escalation rule by rule; its turn is imported as nobody", r.shown()),
                    )
                    .with_help("the document cannot say a turn held by an escalation"),
                );
                Yaml::Seq(Vec::new())
            }
            Participant::Other(k) => {
                err(
                    self.diags,
                    k.at,
                    "import-invalid-value",
                    format!("participant type `{}` is not user, team, escalation or none; its turn is imported as nobody", k.v),
                );
                Yaml::Seq(Vec::new())
            }
        }
    }

    /// `timeRestriction` as document windows (`None` when a window cannot
    /// be read: the rotation is then left out, with an error).
    fn windows(&mut self, r: &Restriction) -> Option<Vec<Yaml>> {
        match r {
            Restriction::TimeOfDay(w) => Some(vec![self.daily(w)?]),
            Restriction::Weekly(list) => {
                let mut out = Vec::new();
                for w in list {
                    out.push(self.weekly(w)?);
                }
                // The union does not depend on order: sorted by start.
                out.sort_by_key(|(k, _)| *k);
                Some(out.into_iter().map(|(_, y)| y).collect())
            }
            Restriction::Invalid(_) => None,
        }
    }

    /// A start or end time of a window, checked: hours 0-24, minutes 0-59,
    /// 24 only as 24:00.
    fn hm(&mut self, h: &F<i64>, m: &F<i64>) -> Option<(i64, i64)> {
        if !(0..=24).contains(&h.v) {
            err(
                self.diags,
                h.at,
                "import-invalid-value",
                format!(
                    "hour `{}` is not from 0 to 24; the rotation is not imported",
                    h.v
                ),
            );
            return None;
        }
        if !(0..=59).contains(&m.v) || (h.v == 24 && m.v != 0) {
            err(
                self.diags,
                m.at,
                "import-invalid-value",
                format!(
                    "minute `{}` is not from 0 to 59 (0 at hour 24); the rotation is not imported",
                    m.v
                ),
            );
            return None;
        }
        Some((h.v, m.v))
    }

    /// `time-of-day`: the same window every day; one crossing midnight
    /// closes the next day.
    fn daily(&mut self, w: &DailyWindow) -> Option<Yaml> {
        let (sh, sm) = self.hm(&w.start_hour, &w.start_min)?;
        let (eh, em) = self.hm(&w.end_hour, &w.end_min)?;
        let (sh, sm) = if sh == 24 {
            info(
                self.diags,
                w.start_hour.at,
                "import-assumption",
                "a window opening at 24:00 opens at 00:00 of the next day: the same every day",
            );
            (0, 0)
        } else {
            (sh, sm)
        };
        let from = dates::wall(sh, sm);
        let to = dates::wall(eh, em);
        if sh * 60 + sm == (eh % 24) * 60 + em {
            warn(
                self.diags,
                w.at,
                "import-assumption",
                format!("a `time-of-day` window from {from} to {to} is read as 24 hours a day (Opsgenie documents no equal ends)"),
            );
        } else if eh * 60 + em < sh * 60 + sm {
            info(
                self.diags,
                w.at,
                "import-assumption",
                format!("a `time-of-day` window from {from} to {to} is read as crossing midnight (Opsgenie does not document it)"),
            );
        }
        Some(Yaml::map().with("from", from).with("to", to))
    }

    /// `weekday-and-time-of-day`: one weekly window per entry, with the key
    /// it is sorted by.
    fn weekly(&mut self, w: &WeeklyWindow) -> Option<((i64, i64, i64, i64), Yaml)> {
        let sd = self.day(&w.start_day)?;
        let ed = self.day(&w.end_day)?;
        let (sh, sm) = self.hm(&w.start_hour, &w.start_min)?;
        let (eh, em) = self.hm(&w.end_hour, &w.end_min)?;
        let (sd, sh) = if sh == 24 {
            ((sd + 1) % 7, 0)
        } else {
            (sd, sh)
        };
        let start = sd * 1440 + sh * 60 + sm;
        let end = (ed * 1440 + eh * 60 + em) % (7 * 1440);
        if start == end {
            warn(
                self.diags,
                w.at,
                "import-assumption",
                "a window that ends when it starts is read as the whole week (Opsgenie documents no equal ends)",
            );
        }
        let from = format!("{} {}", DAYS[sd as usize], dates::wall(sh, sm));
        let to = format!("{} {}", DAYS[ed as usize], dates::wall(eh, em));
        Some((
            (start, sh * 60 + sm, ed, eh * 60 + em),
            Yaml::map().with("from", from).with("to", to),
        ))
    }

    fn day(&mut self, d: &F<String>) -> Option<i64> {
        let l = d.v.to_ascii_lowercase();
        let found = FULL_DAYS
            .iter()
            .position(|f| *f == l || f.get(..3) == Some(l.as_str()));
        match found {
            Some(i) => Some(i as i64),
            None => {
                err(
                    self.diags,
                    d.at,
                    "import-invalid-value",
                    format!(
                        "`{}` is not a day (monday to sunday); the rotation is not imported",
                        d.v
                    ),
                );
                None
            }
        }
    }

    fn overrides(&mut self, list: &[Override], tz: Tz) -> Vec<Yaml> {
        let mut out = Vec::new();
        let mut spans: Vec<(crate::time::Timestamp, crate::time::Timestamp, At)> = Vec::new();
        for o in list {
            let shown = o
                .alias
                .as_ref()
                .map(|a| format!("override `{}`", a.v))
                .unwrap_or_else(|| "this override".to_string());
            if let Some(at) = o.rotations {
                self.diags.push(
                    at.file,
                    Diagnostic::error(
                        "import-not-imported",
                        at.span,
                        format!("not imported: {shown} applies to some rotations only (\"only specified schedule rotations will be overridden\")"),
                    )
                    .with_help("the document's overrides replace the whole schedule's on-call set; add it by hand as `replaces:` overrides of the people on those rotations"),
                );
                continue;
            }
            let (Some(start), Some(end)) = (&o.start, &o.end) else {
                err(
                    self.diags,
                    o.at,
                    "import-missing-key",
                    format!("not imported: {shown} has no start or end date"),
                );
                continue;
            };
            let (Some(s), Some(e)) = (dates::parse(&start.v), dates::parse(&end.v)) else {
                err(
                    self.diags,
                    o.at,
                    "import-invalid-value",
                    format!(
                        "not imported: {shown} has a date that is not like `2026-03-02T08:00:00Z`"
                    ),
                );
                continue;
            };
            let (s, e) = (dates::instant(s, tz), dates::instant(e, tz));
            if e <= s {
                warn(
                    self.diags,
                    end.at,
                    "import-not-imported",
                    format!("not imported: {shown} ends before it starts"),
                );
                continue;
            }
            let mut y = match &o.user {
                Some(OverrideUser::User(r)) => match self.person(r) {
                    Some(p) => Yaml::map().with("person", p),
                    None => {
                        err(
                            self.diags,
                            r.at,
                            "import-missing-key",
                            format!("not imported: {shown} names no user"),
                        );
                        continue;
                    }
                },
                // E7: `user: none` leaves nobody on call.
                Some(OverrideUser::None(_)) => Yaml::map().with("people", Yaml::Seq(Vec::new())),
                Some(OverrideUser::Other(k)) => {
                    err(
                        self.diags,
                        k.at,
                        "import-invalid-value",
                        format!("not imported: {shown} puts a `{}` on call; overrides take a user or `none`", k.v),
                    );
                    continue;
                }
                None => {
                    err(
                        self.diags,
                        o.at,
                        "import-missing-key",
                        format!("not imported: {shown} has no `user`"),
                    );
                    continue;
                }
            };
            y.set("from", dates::write_instant(s, tz));
            y.set("to", dates::write_instant(e, tz));
            if let Some(a) = &o.alias {
                y.set("source", a.v.as_str());
            }
            spans.push((s, e, o.at));
            out.push(y);
        }
        // Overlaps, found in one pass over the overrides sorted by start:
        // a warning at the later listed of each overlapping pair found.
        let mut order: Vec<usize> = (0..spans.len()).collect();
        order.sort_by_key(|&i| (spans[i].0, i));
        let mut reach: Option<(crate::time::Timestamp, usize)> = None;
        let mut warned = vec![false; spans.len()];
        for &i in &order {
            let (s, e, _) = spans[i];
            if let Some((end, j)) = reach {
                if s < end {
                    let later = i.max(j);
                    if !warned[later] {
                        warned[later] = true;
                        warn(
                            self.diags,
                            spans[later].2,
                            "import-assumption",
                            "this override overlaps another; Opsgenie documents no precedence, and the later one listed wins here",
                        );
                    }
                }
            }
            if reach.is_none_or(|(end, _)| e > end) {
                reach = Some((e, i));
            }
        }
        out
    }

    // -------------------------------------------------------------- policies

    fn policies(&mut self, cx: &mut Cx<'_>) {
        for (i, e) in self.og.escalations.iter().enumerate() {
            if e.stub {
                self.policies.push(None);
                continue;
            }
            if e.rules.is_empty() {
                warn(
                    self.diags,
                    e.rules_at,
                    "import-not-imported",
                    format!("not imported: escalation `{}` has no rules", e.name.v),
                );
                self.policies.push(None);
                continue;
            }
            let id = cx
                .ids
                .id("policy", &format!("opsgenie:escalation:{i}"), &e.name.v);
            let y = self.policy(e, &id);
            cx.draft.policies.push(y);
            self.policies.push(Some(id));
        }
    }

    /// The first admin of a team (the document's `owner` of what the team
    /// owns).
    fn first_admin(&self, team: Option<usize>) -> Option<&str> {
        let t = self.og.teams.get(team?)?;
        t.members
            .as_ref()?
            .iter()
            .find(|m| m.role.v.eq_ignore_ascii_case("admin"))
            .and_then(|m| self.person(&m.user))
    }

    fn policy(&mut self, e: &Escalation, id: &str) -> Yaml {
        let mut y = Yaml::map().with("id", id);
        y.set("name", e.name.v.as_str());
        y.set("source", e.source.as_str());
        if let Some(owner) = &e.owner_team {
            match self.first_admin(owner.to) {
                Some(p) => {
                    y.set("owner", p);
                }
                None => info(
                    self.diags,
                    owner.at,
                    "import-not-imported",
                    format!("not imported: owner team `{}` has no admin in these files to own the policy", owner.shown()),
                ),
            }
        }
        // Repeat: "The duration in minutes to repeat the escalation rules
        // after processing the last escalation rule ... 0 should be given
        // as a value to disable repeat option"; count 1 to 20.
        let mut wait_after_last = 0;
        let mut repeat = 0;
        if let Some(r) = &e.repeat {
            if r.wait_interval.v < 0 || r.wait_interval.v > MAX_MINUTES {
                err(
                    self.diags,
                    r.wait_interval.at,
                    "import-invalid-value",
                    format!(
                        "`waitInterval: {}` is not a number of minutes; the repeat is not imported",
                        r.wait_interval.v
                    ),
                );
            } else if r.wait_interval.v == 0 {
                info(
                    self.diags,
                    r.wait_interval.at,
                    "import-assumption",
                    "`waitInterval: 0` disables repeating (\"0 should be given as a value to disable repeat option\")",
                );
            } else if r.count.v < 1 {
                warn(
                    self.diags,
                    r.count.at,
                    "import-invalid-value",
                    format!(
                        "`count: {}` repeats nothing (Opsgenie takes 1 to 20); not imported",
                        r.count.v
                    ),
                );
            } else {
                wait_after_last = r.wait_interval.v;
                repeat = r.count.v;
                if repeat > MAX_REPEAT {
                    warn(
                        self.diags,
                        r.count.at,
                        "import-invalid-value",
                        format!("`count: {repeat}` is over Opsgenie's 20 repeats; imported as 20"),
                    );
                    repeat = MAX_REPEAT;
                }
            }
            for (flag, what) in [
                (&r.reset_recipient_states, "`resetRecipientStates: true` re-notifies acknowledged recipients on each repeat"),
                (&r.close_alert_after_all, "`closeAlertAfterAll: true` closes the alert after the last repeat"),
            ] {
                if let Some(f) = flag.as_ref().filter(|f| f.v) {
                    warn(
                        self.diags,
                        f.at,
                        "import-ack-semantics",
                        format!("not evaluated: {what}; acknowledgements are not modelled here, and the plan with no acknowledgement is exact"),
                    );
                }
            }
        }
        if repeat > 0 {
            y.set("repeat", repeat);
        }
        // Rule delays count from when the escalation starts ("the
        // escalation rules notify responders when the specified time is
        // over"), so an empty rule cannot make later ones fire earlier.
        y.set("on_empty_step", "wait");
        let mut rules: Vec<(i64, &Rule)> = e
            .rules
            .iter()
            .map(|r| {
                let d = if r.delay.v < 0 || r.delay.v > MAX_MINUTES {
                    err(
                        self.diags,
                        r.delay.at,
                        "import-invalid-value",
                        format!(
                            "delay `{}` is not a number of minutes; read as 0",
                            r.delay.v
                        ),
                    );
                    0
                } else {
                    r.delay.v
                };
                (d, r)
            })
            .collect();
        // Sorted by delay; rules with equal delays keep their order.
        rules.sort_by_key(|(d, _)| *d);
        let mut steps = Vec::new();
        if let Some((first, _)) = rules.first().filter(|(d, _)| *d > 0) {
            // E4: a first rule with a delay waits before anyone is notified.
            steps.push(Yaml::map().with("wait", dates::minutes(*first)));
        }
        for (i, (d, rule)) in rules.iter().enumerate() {
            let next = rules.get(i + 1).map_or(*d + wait_after_last, |(n, _)| *n);
            let after = dates::minutes(next - d);
            let targets = self.targets(rule);
            let mut step = match targets {
                Some(t) => Yaml::map()
                    .with("notify", Yaml::Seq(t))
                    .with("escalate_after", after),
                None => Yaml::map().with("wait", after),
            };
            step.set("source", rule.source.as_str());
            steps.push(step);
        }
        y.set("steps", Yaml::Seq(steps));
        y
    }

    /// A rule's targets; `None` when the rule notifies no one the document
    /// can name (reported).
    fn targets(&mut self, rule: &Rule) -> Option<Vec<Yaml>> {
        if let Some(c) = rule.condition.as_ref().filter(|c| c.v != "if-not-acked") {
            if c.v == "if-not-closed" {
                warn(
                    self.diags,
                    c.at,
                    "import-ack-semantics",
                    "not evaluated: `if-not-closed` notifies even after an acknowledgement; acknowledgements are not modelled here, and the plan with no acknowledgement is exact",
                );
            } else {
                warn(
                    self.diags,
                    c.at,
                    "import-invalid-value",
                    format!(
                        "condition `{}` is not if-not-acked or if-not-closed; read as if-not-acked",
                        c.v
                    ),
                );
            }
        }
        let Some(rec) = &rule.recipient else {
            err(
                self.diags,
                rule.at,
                "import-missing-key",
                "not imported: this rule has no recipient; it waits its turn and notifies no one",
            );
            return None;
        };
        let nt = rule.notify_type.v.as_str();
        let nt_at = rule.notify_type.at;
        match rec.kind.v.as_str() {
            "schedule" => {
                let Some(id) = rec
                    .target
                    .to
                    .and_then(|i| self.schedules.get(i).cloned().flatten())
                else {
                    err(
                        self.diags,
                        rec.target.at,
                        "import-missing-key",
                        "not imported: this recipient names no schedule",
                    );
                    return None;
                };
                let mut t = Yaml::map().with("schedule", id.as_str());
                match nt {
                    "default" => {}
                    "next" | "previous" => {
                        // E5: "Next on-call member of a schedule" / "Previous
                        // on-call member of a schedule".
                        t.set("turn", nt);
                        let member = if nt == "next" { "Next" } else { "Previous" };
                        let schedule = rec.target.to.and_then(|i| self.og.schedules.get(i));
                        let unsure = schedule.map(turn_unsure).unwrap_or_default();
                        if unsure.is_empty() {
                            info(
                                self.diags,
                                nt_at,
                                "import-assumption",
                                format!("`notifyType: {nt}` read as the {nt} turn's people of the schedule's one rotation (Opsgenie documents \"{member} on-call member of a schedule\" only)"),
                            );
                        } else {
                            // Opsgenie documents nothing for these: the
                            // union per rotation is a reading, and may
                            // page others than Opsgenie does.
                            warn(
                                self.diags,
                                nt_at,
                                "opsgenie-turn-approximated",
                                format!("`notifyType: {nt}` is imported as the union over the schedule's rotations of each one's {nt} turn, restrictions and overrides not applied, but the schedule has {}: Opsgenie documents only \"{member} on-call member of a schedule\", so who it pages may differ", unsure.join(", ")),
                            );
                        }
                    }
                    other => {
                        err(
                            self.diags,
                            nt_at,
                            "import-invalid-value",
                            format!("not imported: `notifyType: {other}` does not apply to a schedule (default, next or previous)"),
                        );
                        return None;
                    }
                }
                Some(vec![t])
            }
            "user" => {
                let Some(p) = self.person(&rec.target).map(str::to_string) else {
                    err(
                        self.diags,
                        rec.target.at,
                        "import-missing-key",
                        "not imported: this recipient names no user",
                    );
                    return None;
                };
                if nt != "default" {
                    info(
                        self.diags,
                        nt_at,
                        "import-assumption",
                        format!("`notifyType: {nt}` on a user recipient notifies the user"),
                    );
                }
                Some(vec![Yaml::map().with("person", p.as_str())])
            }
            "team" => self.team_targets(rec, nt, nt_at),
            other => {
                err(
                    self.diags,
                    rec.kind.at,
                    "import-invalid-value",
                    format!("not imported: recipient type `{other}` is not user, team or schedule"),
                );
                None
            }
        }
    }

    fn team_targets(
        &mut self,
        rec: &super::og::Recipient,
        nt: &str,
        nt_at: At,
    ) -> Option<Vec<Yaml>> {
        let shown = rec.target.shown();
        let role: Option<&str> = match nt {
            "users" => Some("user"),
            "admins" => Some("admin"),
            "all" => None,
            "default" => {
                self.diags.push(
                    nt_at.file,
                    Diagnostic::error(
                        "import-not-imported",
                        nt_at.span,
                        format!("not imported: team `{shown}` with `notifyType: default` is notified through its routing rules (\"routing rules of the specified team will be applied while determining notification targets\")"),
                    )
                    .with_help("the document cannot route to a team; notify the team's policy or schedule instead"),
                );
                return None;
            }
            "random" => {
                self.diags.push(
                    nt_at.file,
                    Diagnostic::error(
                        "import-not-imported",
                        nt_at.span,
                        format!("not imported: `notifyType: random` notifies one random member of team `{shown}`"),
                    )
                    .with_help("the document cannot say a random member"),
                );
                return None;
            }
            other => {
                err(
                    self.diags,
                    nt_at,
                    "import-invalid-value",
                    format!("not imported: `notifyType: {other}` does not apply to a team (users, admins, all)"),
                );
                return None;
            }
        };
        let team = rec.target.to.and_then(|i| self.og.teams.get(i))?;
        let Some(members) = &team.members else {
            warn(
                self.diags,
                rec.target.at,
                "import-not-imported",
                format!("not imported: the members of team `{shown}` are in no file (fetch `GET /v2/teams/{{id}}`); this rule notifies no one"),
            );
            return None;
        };
        let mut ids: Vec<String> = Vec::new();
        for m in members {
            if role.is_some_and(|r| !m.role.v.eq_ignore_ascii_case(r)) {
                continue;
            }
            if let Some(p) = self.person(&m.user) {
                if !ids.iter().any(|x| x == p) {
                    ids.push(p.to_string());
                }
            }
        }
        let what = match nt {
            "users" => "members with role user",
            "admins" => "admins",
            _ => "members",
        };
        if ids.is_empty() {
            warn(
                self.diags,
                nt_at,
                "import-mapped",
                format!(
                    "`notifyType: {nt}`: team `{shown}` has no {what}; this rule notifies no one"
                ),
            );
            return None;
        }
        info(
            self.diags,
            nt_at,
            "import-mapped",
            format!(
                "`notifyType: {nt}` mapped to the team's {what}: {}",
                ids.join(", ")
            ),
        );
        Some(
            ids.into_iter()
                .map(|p| Yaml::map().with("person", p))
                .collect(),
        )
    }

    // -------------------------------------------------------------- services

    fn services(&mut self, cx: &mut Cx<'_>) {
        for (i, t) in self.og.teams.iter().enumerate() {
            if t.stub {
                continue;
            }
            let id = cx
                .ids
                .id("service", &format!("opsgenie:team:{i}"), &t.name.v);
            let mut y = Yaml::map().with("id", id.as_str());
            y.set("name", t.name.v.as_str());
            y.set("source", t.source.as_str());
            if let Some(p) = self.first_admin(Some(i)) {
                y.set("owner", p);
            }
            if let Some(policy) = self.route(cx, t) {
                y.set("escalation", policy);
            }
            cx.draft.services.push(y);
        }
    }

    /// The policy every alert of the team takes: the target of the first
    /// routing rule (by `order`) that matches every alert at every time
    /// ("applies the first matching routing rule to notify the team").
    fn route(&mut self, cx: &mut Cx<'_>, t: &Team) -> Option<String> {
        let mut rules: Vec<&super::og::RoutingRule> = t.routing.iter().collect();
        // By `order`; the default rule is last.
        rules.sort_by_key(|r| {
            (
                r.is_default.as_ref().is_some_and(|d| d.v),
                r.order.as_ref().map_or(i64::MAX, |o| o.v),
            )
        });
        let mut chosen = None;
        for r in rules {
            let shown = r
                .name
                .as_ref()
                .map(|n| n.v.clone())
                .unwrap_or_else(|| r.source.clone());
            let criteria = r.criteria.as_ref().filter(|c| c.v != "match-all");
            let here = r.name.as_ref().map_or(r.at, |n| n.at);
            if chosen.is_some() {
                info(
                    self.diags,
                    here,
                    "import-not-imported",
                    format!(
                        "routing rule `{shown}` never applies: an earlier rule takes every alert"
                    ),
                );
                continue;
            }
            if criteria.is_some() || r.restriction.is_some() {
                let mut what = Vec::new();
                if let Some(c) = criteria {
                    what.push(format!("alerts matching its `{}` criteria", c.v));
                }
                if r.restriction.is_some() {
                    what.push("its time restriction".to_string());
                }
                warn(
                    self.diags,
                    here,
                    "import-not-imported",
                    format!(
                        "not imported: routing rule `{shown}` routes only {} (the document cannot say first-match routing by alert fields and time); the route every other alert takes is imported",
                        what.join(" within ")
                    ),
                );
                continue;
            }
            chosen = Some(r);
        }
        let Some(r) = chosen else {
            let default_none = t.delete_default_resources.as_ref().is_some_and(|d| d.v);
            if default_none {
                info(
                    self.diags,
                    t.name.at,
                    "import-no-route",
                    format!("team `{}` routes every other alert to no one (`delete_default_resources` makes its default rule notify none); the service has no escalation", t.name.v),
                );
            } else {
                warn(
                    self.diags,
                    t.name.at,
                    "import-no-route",
                    format!("no routing rule of team `{}` that takes every alert is in these files; the service has no escalation", t.name.v),
                );
            }
            return None;
        };
        let shown = r
            .name
            .as_ref()
            .map(|n| n.v.clone())
            .unwrap_or_else(|| r.source.clone());
        let Some(n) = &r.notify else {
            warn(
                self.diags,
                r.at,
                "import-no-route",
                format!("routing rule `{shown}` notifies nothing; the service has no escalation"),
            );
            return None;
        };
        match n.kind.v.as_str() {
            "escalation" => {
                let p = n
                    .target
                    .to
                    .and_then(|i| self.policies.get(i).cloned().flatten());
                if p.is_none() {
                    warn(
                        self.diags,
                        n.target.at,
                        "import-no-route",
                        format!(
                            "escalation `{}` is not imported; the service has no escalation",
                            n.target.shown()
                        ),
                    );
                }
                p
            }
            "schedule" => {
                // "When routing to a schedule, it will notify only the
                // individuals who are on-call in that schedule when the
                // alert is created": one step, no escalation.
                let sched = n
                    .target
                    .to
                    .and_then(|i| self.schedules.get(i).cloned().flatten())?;
                let name = format!("{}: {shown}", t.name.v);
                let id = cx.ids.id(
                    "policy",
                    &format!("opsgenie:route:{}:{}", t.source, r.source),
                    &name,
                );
                let step = Yaml::map()
                    .with("notify", vec![Yaml::map().with("schedule", sched.as_str())])
                    .with("escalate_after", "0m");
                let mut p = Yaml::map().with("id", id.as_str());
                p.set("name", name);
                if !r.source.is_empty() {
                    p.set("source", r.source.as_str());
                }
                p.set("steps", vec![step]);
                cx.draft.policies.push(p);
                Some(id)
            }
            "none" => {
                warn(
                    self.diags,
                    n.kind.at,
                    "import-no-route",
                    format!("routing rule `{shown}` notifies no one (`none`); the service has no escalation"),
                );
                None
            }
            other => {
                err(
                    self.diags,
                    n.kind.at,
                    "import-invalid-value",
                    format!("routing target type `{other}` is not schedule, escalation or none"),
                );
                None
            }
        }
    }
}

const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const FULL_DAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

fn written(w: Written) -> String {
    let mut s = w.local.format("%Y-%m-%dT%H:%M:%S").to_string();
    if let Some(off) = w.offset {
        let secs = off.local_minus_utc();
        if secs == 0 {
            s.push('Z');
        } else {
            let sign = if secs < 0 { '-' } else { '+' };
            let a = secs.abs();
            s.push_str(&format!("{sign}{:02}:{:02}", a / 3600, (a % 3600) / 60));
        }
    }
    s
}
