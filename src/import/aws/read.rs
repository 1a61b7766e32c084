//! AWS Incident Manager objects from a [`View`], whatever wrote them. The
//! API and CloudFormation spell fields in PascalCase, the Terraform
//! providers in snake_case, and the shapes differ (a hand-off time is
//! `{"HourOfDay": 9, "MinuteOfHour": 0}` in the API, `"09:00"` in
//! CloudFormation and `awscc`, an `hand_off_time { hour_of_day ... }` block
//! in the `aws` provider; `ShiftCoverages` is a map by day in the API and a
//! list elsewhere): each reader accepts every spelling and shape, so each
//! object is read once. [`super::api`], [`super::cfn`] and
//! [`super::terraform`] only find the objects and their keys.

use chrono::Weekday;

use crate::diagnostic::Diagnostic;
use crate::import::times;
use crate::import::view::{self, Diags, Field, Loc, Obj, Scalar, View};
use crate::time::Timestamp;

use super::objects::{
    Channel, Contact, Coverage, Override, Plan, Recurrence, Rotation, Stage, Start, Target,
};

/// A day of the week as AWS writes it (`MON`).
pub fn weekday(text: &str) -> Option<Weekday> {
    Some(match text.trim().to_ascii_uppercase().as_str() {
        "MON" => Weekday::Mon,
        "TUE" => Weekday::Tue,
        "WED" => Weekday::Wed,
        "THU" => Weekday::Thu,
        "FRI" => Weekday::Fri,
        "SAT" => Weekday::Sat,
        "SUN" => Weekday::Sun,
        _ => return None,
    })
}

/// A time of day: `"09:00"` or `{HourOfDay, MinuteOfHour}` (either case).
fn clock(v: &View<'_>, what: &str, diags: &mut Diags) -> Option<u32> {
    let at = v.loc();
    if let Scalar::Str(s) = v.scalar() {
        return match times::clock(&s, false) {
            Some(c) => Some(c),
            None => {
                diags.push(
                    at.file,
                    Diagnostic::error(
                        "import-invalid-value",
                        at.span,
                        format!("{what} `{s}` is not a time like 09:00"),
                    ),
                );
                None
            }
        };
    }
    let mut o = Obj::new(v.clone(), what, diags)?;
    let h = o
        .get_any(&["HourOfDay", "hour_of_day"])
        .map(|h| view::int(&h, what, diags));
    let m = o
        .get_any(&["MinuteOfHour", "minute_of_hour"])
        .map(|m| view::int(&m, what, diags));
    o.finish(diags, "not part of a time of day");
    match (h, m) {
        (Some(Field::Known(h, _)), Some(Field::Known(m, _)))
            if (0..24).contains(&h) && (0..60).contains(&m) =>
        {
            Some((h * 3600 + m * 60) as u32)
        }
        (Some(Field::Unknown(_)), _) | (_, Some(Field::Unknown(_))) => None,
        _ => {
            diags.push(
                at.file,
                Diagnostic::error(
                    "import-invalid-value",
                    at.span,
                    format!("{what} needs an hour (0-23) and a minute (0-59)"),
                ),
            );
            None
        }
    }
}

/// An instant: epoch seconds (the API's wire format) or RFC 3339.
fn instant(v: &View<'_>, what: &str, diags: &mut Diags) -> Field<Timestamp> {
    let at = v.loc();
    match v.scalar() {
        Scalar::Null => Field::Absent,
        Scalar::Int(n) => Field::Known(Timestamp(n), at),
        Scalar::Float(f) if f.is_finite() && f.abs() < 1e13 => {
            Field::Known(Timestamp(f.floor() as i64), at)
        }
        Scalar::Str(s) => match times::instant(&s) {
            Some(t) => Field::Known(t, at),
            None => {
                diags.push(
                    at.file,
                    Diagnostic::error(
                        "import-invalid-value",
                        at.span,
                        format!("{what} `{s}` is not an instant like 2026-01-05T09:00:00Z"),
                    ),
                );
                Field::Unknown(at)
            }
        },
        _ => {
            if !view::report_unknown(v, what, diags) {
                diags.push(
                    at.file,
                    Diagnostic::error(
                        "import-wrong-type",
                        at.span,
                        format!("{what} should be an instant"),
                    ),
                );
            }
            Field::Unknown(at)
        }
    }
}

/// A rotation's `StartTime`: an instant, or (CloudFormation, `awscc`) a
/// date-time without an offset.
fn start(v: &View<'_>, what: &str, diags: &mut Diags) -> Field<Start> {
    let at = v.loc();
    if let Scalar::Str(s) = v.scalar() {
        if let Some(t) = times::instant(&s) {
            return Field::Known(Start::Instant(t), at);
        }
        if let Some(l) = times::local(&s) {
            return Field::Known(Start::Local(l), at);
        }
        diags.push(
            at.file,
            Diagnostic::error(
                "import-invalid-value",
                at.span,
                format!("{what} `{s}` is not a date-time like 2026-01-05T09:00:00"),
            ),
        );
        return Field::Unknown(at);
    }
    instant(v, what, diags).map(Start::Instant)
}

pub fn contact(key: String, mut obj: Obj<'_>, diags: &mut Diags) -> Contact {
    let what = "the contact";
    let mut c = Contact {
        key,
        loc: obj.loc(),
        ..Contact::default()
    };
    c.alias = obj.str_any(&["Alias", "alias"], what, diags);
    c.display_name = obj.str_any(&["DisplayName", "display_name"], what, diags);
    c.kind = obj.str_any(&["Type", "type"], what, diags);
    if let Some(plan) = obj.get_any(&["Plan", "plan"]) {
        c.has_plan = true;
        match plan.items() {
            // CloudFormation and awscc: the plan is a list of stages.
            Some(items) if !matches!(plan.entries(), Some(ref e) if e.iter().any(|x| x.0 == "Stages" || x.0 == "RotationIds")) => {
                for s in items {
                    if let Some(stage) = stage(s, &mut c.rotation_ids, diags) {
                        c.stages.push(stage);
                    }
                }
            }
            // The API: `{Stages, RotationIds}`.
            _ => {
                if let Some(mut p) = Obj::new(plan, "the contact's plan", diags) {
                    if let Some((stages, _)) = p.list_any(&["Stages", "stages"], "the plan", diags)
                    {
                        for s in stages {
                            if let Some(stage) = stage(s, &mut c.rotation_ids, diags) {
                                c.stages.push(stage);
                            }
                        }
                    }
                    let ids = p.strings_any(&["RotationIds", "rotation_ids"], "the plan", diags);
                    merge_refs(&mut c.rotation_ids, ids);
                    p.finish(diags, "not part of a plan");
                }
            }
        }
    }
    obj.skip(&["ContactArn", "arn", "id", "tags_all"]);
    obj.finish(diags, "not part of a contact");
    c
}

/// Adds references to a list field.
fn merge_refs(into: &mut Field<Vec<(String, Loc)>>, more: Field<Vec<(String, Loc)>>) {
    match (std::mem::take(into), more) {
        (Field::Known(mut a, at), Field::Known(b, _)) => {
            a.extend(b);
            *into = Field::Known(a, at);
        }
        (Field::Absent, f) | (f, Field::Absent) => *into = f,
        (Field::Unknown(at), _) | (_, Field::Unknown(at)) => *into = Field::Unknown(at),
    }
}

/// One stage (CloudFormation and awscc stages may carry `RotationIds`).
fn stage(
    v: View<'_>,
    rotation_ids: &mut Field<Vec<(String, Loc)>>,
    diags: &mut Diags,
) -> Option<Stage> {
    let mut o = Obj::new(v, "a stage", diags)?;
    let mut s = Stage {
        loc: o.loc(),
        ..Stage::default()
    };
    s.duration_minutes = o.int_any(
        &["DurationInMinutes", "duration_in_minutes"],
        "the stage",
        diags,
    );
    if let Some((targets, _)) = o.list_any(&["Targets", "targets", "target"], "the stage", diags) {
        for t in targets {
            if let Some(t) = target(t, diags) {
                s.targets.push(t);
            }
        }
    }
    let ids = o.strings_any(&["RotationIds", "rotation_ids"], "the stage", diags);
    merge_refs(rotation_ids, ids);
    o.finish(diags, "not part of a stage");
    Some(s)
}

fn target(v: View<'_>, diags: &mut Diags) -> Option<Target> {
    let mut o = Obj::new(v, "a target", diags)?;
    let mut t = Target {
        loc: o.loc(),
        ..Target::default()
    };
    if let Some(ct) = o.get_any(&["ContactTargetInfo", "contact_target_info"]) {
        let ct = ct.items().and_then(|i| i.into_iter().next()).unwrap_or(ct);
        if let Some(mut c) = Obj::new(ct, "a contact target", diags) {
            t.contact = c.reference_any(&["ContactId", "contact_id"], "the contact target", diags);
            t.essential = c.bool_any(
                &["IsEssential", "is_essential"],
                "the contact target",
                diags,
            );
            c.finish(diags, "not part of a contact target");
        }
    }
    if let Some(ch) = o.get_any(&["ChannelTargetInfo", "channel_target_info"]) {
        let ch = ch.items().and_then(|i| i.into_iter().next()).unwrap_or(ch);
        if let Some(mut c) = Obj::new(ch, "a channel target", diags) {
            t.channel = c.reference_any(
                &[
                    "ContactChannelId",
                    "ChannelId",
                    "contact_channel_id",
                    "channel_id",
                ],
                "the channel target",
                diags,
            );
            t.retry_minutes = c.int_any(
                &["RetryIntervalInMinutes", "retry_interval_in_minutes"],
                "the channel target",
                diags,
            );
            c.finish(diags, "not part of a channel target");
        }
    }
    o.finish(diags, "not part of a target");
    Some(t)
}

pub fn plan(key: String, mut obj: Obj<'_>, diags: &mut Diags) -> Plan {
    let mut p = Plan {
        key,
        loc: obj.loc(),
        ..Plan::default()
    };
    p.contact = obj.reference_any(&["ContactId", "contact_id"], "the plan", diags);
    if let Some((stages, _)) = obj.list_any(&["Stages", "stages", "stage"], "the plan", diags) {
        for s in stages {
            if let Some(st) = stage(s, &mut p.rotation_ids, diags) {
                p.stages.push(st);
            }
        }
    }
    let ids = obj.strings_any(&["RotationIds", "rotation_ids"], "the plan", diags);
    merge_refs(&mut p.rotation_ids, ids);
    obj.skip(&["id"]);
    obj.finish(diags, "not part of a plan");
    p
}

pub fn rotation(key: String, mut obj: Obj<'_>, diags: &mut Diags) -> Rotation {
    let what = "the rotation";
    let mut r = Rotation {
        key,
        loc: obj.loc(),
        ..Rotation::default()
    };
    r.name = obj.str_any(&["Name", "name"], what, diags);
    r.contact_ids = obj.strings_any(&["ContactIds", "contact_ids"], what, diags);
    r.start = match obj.get_any(&["StartTime", "start_time"]) {
        Some(v) => start(&v, "`StartTime` of the rotation", diags),
        None => Field::Absent,
    };
    r.time_zone = obj.str_any(&["TimeZoneId", "time_zone_id"], what, diags);
    if let Some(rec) = obj.get_any(&["Recurrence", "recurrence"]) {
        let rec = rec
            .items()
            .and_then(|i| i.into_iter().next())
            .unwrap_or(rec);
        r.recurrence = recurrence(rec, diags);
    }
    obj.skip(&["RotationArn", "arn", "id", "tags_all"]);
    obj.finish(diags, "not part of a rotation");
    r
}

fn recurrence(v: View<'_>, diags: &mut Diags) -> Option<Recurrence> {
    let what = "the recurrence";
    let mut o = Obj::new(v, what, diags)?;
    let mut r = Recurrence {
        loc: o.loc(),
        ..Recurrence::default()
    };
    r.number_of_on_calls = o.int_any(&["NumberOfOnCalls", "number_of_on_calls"], what, diags);
    r.multiplier = o.int_any(
        &["RecurrenceMultiplier", "recurrence_multiplier"],
        what,
        diags,
    );
    if let Some((items, _)) = o.list_any(&["DailySettings", "daily_settings"], what, diags) {
        for i in items {
            let at = i.loc();
            match clock(&i, "a daily hand-off time", diags) {
                Some(c) => r.daily.push((c, at)),
                None => r.broken = true,
            }
        }
    }
    if let Some((items, _)) = o.list_any(&["WeeklySettings", "weekly_settings"], what, diags) {
        for i in items {
            let at = i.loc();
            let Some(mut w) = Obj::new(i, "a weekly setting", diags) else {
                r.broken = true;
                continue;
            };
            let day = w.str_any(&["DayOfWeek", "day_of_week"], "the weekly setting", diags);
            let time = w
                .get_any(&["HandOffTime", "hand_off_time"])
                .and_then(|t| clock(&t, "`HandOffTime`", diags));
            w.finish(diags, "not part of a weekly setting");
            match (day.known().map(|(d, l)| (weekday(d), l)), time) {
                (Some((Some(d), _)), Some(t)) => r.weekly.push((d, t, at)),
                (Some((None, l)), _) => {
                    diags.push(
                        l.file,
                        Diagnostic::error(
                            "import-invalid-value",
                            l.span,
                            "`DayOfWeek` is one of MON, TUE, WED, THU, FRI, SAT, SUN",
                        ),
                    );
                    r.broken = true;
                }
                _ => r.broken = true,
            }
        }
    }
    if let Some((items, _)) = o.list_any(&["MonthlySettings", "monthly_settings"], what, diags) {
        for i in items {
            let at = i.loc();
            let Some(mut m) = Obj::new(i, "a monthly setting", diags) else {
                r.broken = true;
                continue;
            };
            let day = m.int_any(
                &["DayOfMonth", "day_of_month"],
                "the monthly setting",
                diags,
            );
            let time = m
                .get_any(&["HandOffTime", "hand_off_time"])
                .and_then(|t| clock(&t, "`HandOffTime`", diags));
            m.finish(diags, "not part of a monthly setting");
            match (day.known(), time) {
                (Some((d, _)), Some(t)) if (1..=31).contains(d) => {
                    r.monthly.push((*d as u32, t, at))
                }
                (Some((d, l)), _) if !(1..=31).contains(d) => {
                    diags.push(
                        l.file,
                        Diagnostic::error(
                            "import-invalid-value",
                            l.span,
                            format!("`DayOfMonth: {d}` is outside 1 to 31"),
                        ),
                    );
                    r.broken = true;
                }
                _ => r.broken = true,
            }
        }
    }
    if let Some(cov) = o.get_any(&["ShiftCoverages", "shift_coverages"]) {
        r.coverages = Some(coverages(cov, &mut r.broken, diags));
    }
    o.finish(diags, "not part of a recurrence");
    Some(r)
}

/// `ShiftCoverages`: a map by day (API), or a list of `{DayOfWeek,
/// CoverageTimes}` (CloudFormation, awscc, or the aws provider's
/// `shift_coverages { map_block_key ... }` blocks).
fn coverages(v: View<'_>, broken: &mut bool, diags: &mut Diags) -> Vec<Coverage> {
    let mut out = Vec::new();
    fn add(
        day_text: &str,
        day_at: Loc,
        times: View<'_>,
        out: &mut Vec<Coverage>,
        broken: &mut bool,
        diags: &mut Diags,
    ) {
        let Some(day) = weekday(day_text) else {
            diags.push(
                day_at.file,
                Diagnostic::error(
                    "import-invalid-value",
                    day_at.span,
                    format!("`{day_text}` is not a day like MON"),
                ),
            );
            *broken = true;
            return;
        };
        for t in times.items().unwrap_or_default() {
            let at = t.loc();
            let Some(mut o) = Obj::new(t, "a coverage time", diags) else {
                *broken = true;
                continue;
            };
            let s = o
                .get_any(&["Start", "StartTime", "start", "start_time"])
                .and_then(|x| clock(&x, "the coverage's start", diags));
            let e = o
                .get_any(&["End", "EndTime", "end", "end_time"])
                .and_then(|x| clock(&x, "the coverage's end", diags));
            o.finish(diags, "not part of a coverage time");
            match (s, e) {
                (Some(start), Some(end)) => out.push(Coverage {
                    day,
                    start,
                    end,
                    loc: at,
                }),
                _ => *broken = true,
            }
        }
    }
    if let Some(entries) = v.entries() {
        // The API: `{"MON": [{"Start": ..., "End": ...}]}`.
        if !entries.is_empty() && entries.iter().all(|e| weekday(&e.0).is_some()) {
            for (day, at, times) in entries {
                add(&day, at, times, &mut out, broken, diags);
            }
            return out;
        }
    }
    for item in v.items().unwrap_or_default() {
        let Some(mut o) = Obj::new(item, "a shift coverage", diags) else {
            *broken = true;
            continue;
        };
        let day = o.str_any(
            &["DayOfWeek", "day_of_week", "map_block_key"],
            "the shift coverage",
            diags,
        );
        let times = o.get_any(&["CoverageTimes", "coverage_times"]);
        o.finish(diags, "not part of a shift coverage");
        match (day.known(), times) {
            (Some((d, at)), Some(t)) => add(d, at, t, &mut out, broken, diags),
            _ => *broken = true,
        }
    }
    out
}

pub fn rotation_override(key: String, mut obj: Obj<'_>, diags: &mut Diags) -> Override {
    let what = "the rotation override";
    let mut o = Override {
        key,
        loc: obj.loc(),
        ..Override::default()
    };
    o.rotation = obj
        .str_any(&["RotationArn", "RotationId"], what, diags)
        .value()
        .cloned();
    o.new_contacts = obj.strings_any(&["NewContactIds", "new_contact_ids"], what, diags);
    o.start = match obj.get_any(&["StartTime", "start_time"]) {
        Some(v) => instant(&v, "`StartTime` of the override", diags),
        None => Field::Absent,
    };
    o.end = match obj.get_any(&["EndTime", "end_time"]) {
        Some(v) => instant(&v, "`EndTime` of the override", diags),
        None => Field::Absent,
    };
    obj.skip(&["RotationOverrideId", "CreateTime"]);
    obj.finish(diags, "not part of an override");
    o
}

pub fn channel(key: String, mut obj: Obj<'_>, diags: &mut Diags) -> Channel {
    let what = "the contact channel";
    let mut c = Channel {
        key,
        loc: obj.loc(),
        ..Channel::default()
    };
    c.contact = obj.reference_any(
        &["ContactArn", "ContactId", "contact_arn", "contact_id"],
        what,
        diags,
    );
    c.name = obj.str_any(
        &["Name", "ChannelName", "name", "channel_name"],
        what,
        diags,
    );
    c.kind = obj.str_any(
        &["Type", "ChannelType", "type", "channel_type"],
        what,
        diags,
    );
    c.address = obj.str_any(&["ChannelAddress", "channel_address"], what, diags);
    if let Some(d) = obj.get_any(&["DeliveryAddress", "delivery_address"]) {
        let d = d.items().and_then(|i| i.into_iter().next()).unwrap_or(d);
        if let Some(mut o) = Obj::new(d, "the delivery address", diags) {
            c.address = o.str_any(
                &["SimpleAddress", "simple_address"],
                "the delivery address",
                diags,
            );
            o.finish(diags, "not part of a delivery address");
        }
    }
    if let Field::Known(s, _) = obj.str_any(&["ActivationStatus", "activation_status"], what, diags)
    {
        c.activated = Some(s == "ACTIVATED");
    }
    if let Field::Known(true, _) =
        obj.bool_any(&["DeferActivation", "defer_activation"], what, diags)
    {
        c.activated = c.activated.or(Some(false));
    }
    obj.skip(&["ContactChannelArn", "arn", "id"]);
    obj.finish(diags, "not part of a contact channel");
    c
}
