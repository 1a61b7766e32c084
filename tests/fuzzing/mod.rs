//! Shared by `tests/fuzz_engine.rs` (proptest) and the cargo-fuzz targets
//! in `fuzz/`: a generator of random but plausible policy documents driven
//! by a stream of choices, and the battery of queries every evaluator must
//! answer without panicking, with cheap exact invariants checked on the way.
//!
//! The generator reads its decisions from a list of numbers: an exhausted
//! list answers 0, and choice 0 is always the simplest option, so shrinking
//! the list (shorter, smaller numbers) shrinks the document.

#![allow(dead_code)]

pub mod opsgenie;

use escalator::diagnostic::Diagnostic;
use escalator::output::simulation::{
    scenario_json, SimulationEvent, SimulationOutput, SimulationState,
};
use escalator::time::Timestamp;
use escalator::Evaluator;
use escalator::PolicyChoice;

/// Decisions read one at a time; 0 once the list runs out.
pub struct Choices<'a> {
    list: &'a [u32],
    at: usize,
}

impl<'a> Choices<'a> {
    pub fn new(list: &'a [u32]) -> Self {
        Choices { list, at: 0 }
    }

    /// A number in `0..n` (0 when `n` is 0 or the list is exhausted).
    pub fn pick(&mut self, n: usize) -> usize {
        let raw = self.list.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        if n == 0 {
            0
        } else {
            raw as usize % n
        }
    }

    /// True about one time in `n` (never on an exhausted list).
    pub fn one_in(&mut self, n: usize) -> bool {
        n > 0 && self.pick(n) == n - 1
    }

    /// One of `items` (the first on an exhausted list).
    pub fn of<'b>(&mut self, items: &[&'b str]) -> &'b str {
        items[self.pick(items.len())]
    }

    /// A raw 32-bit number.
    pub fn raw(&mut self) -> u32 {
        let raw = self.list.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        raw
    }
}

/// Zones with DST of every shape: none, 1 h, 30 min (Lord Howe), a skipped
/// day (Apia 2011), Ramadan flips (Casablanca), a 2 h jump (Troll).
pub const ZONES: &[&str] = &[
    "UTC",
    "Europe/Berlin",
    "America/New_York",
    "Australia/Lord_Howe",
    "Asia/Kathmandu",
    "Pacific/Chatham",
    "America/Santiago",
    "Europe/London",
    "Pacific/Apia",
    "Africa/Casablanca",
    "Antarctica/Troll",
    "America/St_Johns",
];

/// Local date-times around DST transitions (gaps and folds of the zones
/// above in 2026), plus ordinary and extreme ones.
const DATE_TIMES: &[&str] = &[
    "2026-01-05T09:00",
    "2026-03-29T02:30",
    "2026-10-25T02:30",
    "2026-03-08T02:30",
    "2026-11-01T01:30",
    "2026-04-05T01:45",
    "2026-10-04T02:15",
    "2026-03-29T01:00",
    "2011-12-30T00:00",
    "2026-02-28T23:59:59",
    "2026-01-01",
    "2026-03-29",
    "1970-01-01T00:00",
    "1900-01-01T00:00",
    "2100-12-31T23:59",
    "0001-01-01T00:00",
    "9999-12-31T23:59",
];

/// Absolute instants (compare as strings only among themselves).
const ABSOLUTE: &[&str] = &[
    "2026-06-15T12:00Z",
    "2026-03-29T02:30+02:00",
    "2026-11-01T01:30-04:00",
];

const BAD_DATE_TIMES: &[&str] = &[
    "2026-02-29T00:00",
    "2026-13-01",
    "2026-03-29T24:00",
    "tomorrow",
];

/// Durations from one second to a century (the longest allowed).
const DURATIONS: &[&str] = &[
    "1w", "1d", "12h", "8h", "15m", "1h30m", "2w", "52w", "1h", "90s", "1m", "1s", "36500d",
    "3d7h", "5m",
];

const BAD_DURATIONS: &[&str] = &["0s", "5218w", "99999999999w", "1x", "", "-1h"];

const WALL_TIMES: &[&str] = &[
    "09:00", "17:00", "00:00", "24:00", "02:30", "23:59", "01:30", "12:00", "02:00", "03:00",
    "09:00:30", "24:00:00", "02:30:15",
];

/// A daily window's `duration` (at most `1d`).
const DAILY_DURATIONS: &[&str] = &["12h", "8h", "1d", "30m", "1s", "86399s"];

/// A weekly window's `duration` (at most `1w`).
const WEEKLY_DURATIONS: &[&str] = &["64h", "1w", "12h", "3d", "90000s"];

const BAD_WINDOW_DURATIONS: &[&str] = &["0m", "8d", "-1h", "1x"];

const BAD_WALL_TIMES: &[&str] = &["25:00", "9:5", "24:01", "noon", "12:00:60", "24:00:01"];

const DAYS: &[&str] = &["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// One of `valid`, or rarely one of `invalid`.
fn valid_or<'b>(c: &mut Choices, valid: &[&'b str], invalid: &[&'b str]) -> &'b str {
    if c.one_in(40) {
        c.of(invalid)
    } else {
        c.of(valid)
    }
}

/// A random local date-time: a listed one, or one in 1900..2100.
fn date_time(c: &mut Choices) -> String {
    if c.one_in(3) {
        let year = 1900 + c.pick(200);
        let month = 1 + c.pick(12);
        let day = 1 + c.pick(28);
        let (h, m) = (c.pick(24), c.pick(60));
        format!("{year:04}-{month:02}-{day:02}T{h:02}:{m:02}")
    } else {
        valid_or(c, DATE_TIMES, BAD_DATE_TIMES).to_string()
    }
}

/// A date-time that may also be absolute.
fn instant(c: &mut Choices) -> String {
    if c.one_in(6) {
        c.of(ABSOLUTE).to_string()
    } else {
        date_time(c)
    }
}

/// A date `YYYY-MM-DD`.
fn date(c: &mut Choices) -> String {
    if c.one_in(40) {
        return "2026-02-30".to_string();
    }
    format!(
        "{:04}-{:02}-{:02}",
        2020 + c.pick(10),
        1 + c.pick(12),
        1 + c.pick(28)
    )
}

/// `[from, to)` as two local date-times, usually in order.
fn span_pair(c: &mut Choices) -> (String, String) {
    let (a, b) = (date_time(c), date_time(c));
    if a > b && !c.one_in(20) {
        (b, a)
    } else if a == b && !c.one_in(5) {
        (a, "9999-12-31T23:59".to_string())
    } else {
        (a, b)
    }
}

fn duration(c: &mut Choices) -> String {
    if c.one_in(5) {
        let unit = c.of(&["m", "h", "d", "w", "s"]);
        let limit = match unit {
            "s" => 3_000_000,
            "m" => 50_000,
            "h" => 800_000,
            "d" => 36_500,
            _ => 5_200,
        };
        format!("{}{unit}", 1 + c.raw() % limit)
    } else {
        valid_or(c, DURATIONS, BAD_DURATIONS).to_string()
    }
}

fn wall_time(c: &mut Choices) -> String {
    if c.one_in(4) {
        format!("{:02}:{:02}", c.pick(24), c.pick(60))
    } else {
        valid_or(c, WALL_TIMES, BAD_WALL_TIMES).to_string()
    }
}

fn quoted(s: &str) -> String {
    format!("\"{s}\"")
}

/// The ids a document defines, to reference (mostly) known ones.
struct Ids {
    people: usize,
    schedules: usize,
    policies: usize,
    services: usize,
    severities: usize,
    vendors: usize,
    triggers: usize,
}

/// An id of a kind: mostly one that exists, sometimes a stranger.
fn id(c: &mut Choices, prefix: &str, count: usize) -> String {
    if count == 0 || c.one_in(80) {
        format!("ghost-{prefix}")
    } else {
        format!("{prefix}{}", c.pick(count))
    }
}

fn person(c: &mut Choices, ids: &Ids) -> String {
    id(c, "p", ids.people)
}

/// A flow list of people ids (possibly empty).
fn people_list(c: &mut Choices, ids: &Ids, max: usize) -> String {
    let n = c.pick(max + 1);
    let items: Vec<String> = (0..n).map(|_| person(c, ids)).collect();
    format!("[{}]", items.join(", "))
}

/// How a window closes: `to: <end>`, or (one time in three) `duration`.
fn close(c: &mut Choices, end: String, weekly: bool) -> String {
    if c.one_in(3) {
        let valid = if weekly {
            WEEKLY_DURATIONS
        } else {
            DAILY_DURATIONS
        };
        format!("duration: {}", valid_or(c, valid, BAD_WINDOW_DURATIONS))
    } else {
        format!("to: {}", quoted(&end))
    }
}

/// One restriction (or support-hours window) in either form.
fn window(c: &mut Choices) -> String {
    if c.one_in(2) {
        let (d1, d2) = (c.of(DAYS), c.of(DAYS));
        let from = quoted(&format!("{d1} {}", opening(c)));
        let end = format!("{d2} {}", wall_time(c));
        format!("{{from: {from}, {}}}", close(c, end, true))
    } else {
        let days = if c.one_in(2) {
            let n = c.pick(8);
            let list: Vec<&str> = (0..n).map(|_| c.of(DAYS)).collect();
            format!("days: [{}], ", list.join(", "))
        } else {
            String::new()
        };
        let from = quoted(&opening(c));
        let end = wall_time(c);
        format!("{{{days}from: {from}, {}}}", close(c, end, false))
    }
}

/// A window's opening time: `24:00` only rarely (it is an error there).
fn opening(c: &mut Choices) -> String {
    let t = wall_time(c);
    if t.starts_with("24:00") && !c.one_in(10) {
        "00:00".to_string()
    } else {
        t
    }
}

fn windows(c: &mut Choices, max: usize) -> String {
    let n = c.pick(max + 1);
    let list: Vec<String> = (0..n).map(|_| window(c)).collect();
    format!("[{}]", list.join(", "))
}

/// `repeat` rules for events: common ones, heavy ones, broken ones.
const REPEATS: &[&str] = &[
    "FREQ=DAILY",
    "FREQ=WEEKLY;INTERVAL=2",
    "FREQ=HOURLY;INTERVAL=5;COUNT=40",
    "FREQ=MONTHLY;BYDAY=1MO,-1FR",
    "FREQ=WEEKLY;BYDAY=MO,WE,FR;UNTIL=20261231T000000Z",
    "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "FREQ=MINUTELY;INTERVAL=7",
    "FREQ=SECONDLY",
    "FREQ=DAILY;COUNT=100000000",
    "FREQ=MONTHLY;BYMONTHDAY=31;BYSETPOS=-1",
];

/// Broken `repeat` rules, now and then.
const BAD_REPEATS: &[&str] = &["FREQ=DAYLY", "BYDAY=MO", "FREQ=WEEKLY;BYDAY=1MO"];

/// An events layer: events of one or more people, some recurring.
fn events_layer(c: &mut Choices, ids: &Ids, out: &mut String) {
    out.push_str("        events:\n");
    for _ in 0..1 + c.pick(4) {
        let who = if c.one_in(3) {
            format!("people: [{}, {}]", person(c, ids), person(c, ids))
        } else {
            format!("person: {}", person(c, ids))
        };
        let (from, to) = span_pair(c);
        let mut extra = String::new();
        if c.one_in(2) {
            let rule = if c.one_in(12) {
                c.of(BAD_REPEATS)
            } else {
                c.of(REPEATS)
            };
            extra.push_str(&format!(", repeat: {}", quoted(rule)));
            if c.one_in(3) {
                extra.push_str(&format!(", except: [{}]", instant(c)));
            }
        }
        if c.one_in(4) {
            extra.push_str(&format!(", timezone: {}", c.of(ZONES)));
        }
        out.push_str(&format!(
            "          - {{{who}, from: {from}, to: {to}{extra}}}\n"
        ));
    }
}

/// Handoff points (model extension E12): daily, weekly or monthly, with
/// `every`; now and then a broken point or `every`.
fn handoffs(c: &mut Choices) -> String {
    let n = 1 + c.pick(3);
    let (kind, points): (&str, Vec<String>) = match c.pick(3) {
        0 => ("daily", (0..n).map(|_| quoted(&opening(c))).collect()),
        1 => (
            "weekly",
            (0..n)
                .map(|_| quoted(&format!("{} {}", c.of(DAYS), opening(c))))
                .collect(),
        ),
        _ => (
            "monthly",
            (0..n)
                .map(|_| {
                    let day = if c.one_in(20) { 32 } else { 1 + c.pick(31) };
                    quoted(&format!("{day} {}", opening(c)))
                })
                .collect(),
        ),
    };
    let every = if c.one_in(3) {
        format!(", every: {}", if c.one_in(20) { 0 } else { 1 + c.pick(4) })
    } else {
        String::new()
    };
    format!("{{{kind}: [{}]{every}}}", points.join(", "))
}

/// Keys of issue 13 any layer may carry: its own overrides (E13) and a
/// level (E15).
fn layer_extras(c: &mut Choices, ids: &Ids, out: &mut String) {
    if c.one_in(5) {
        let n = 1 + c.pick(3);
        let list: Vec<String> = (0..n).map(|_| override_(c, ids)).collect();
        out.push_str(&format!("        overrides: [{}]\n", list.join(", ")));
    }
    if c.one_in(4) {
        out.push_str(&format!("        level: {}\n", c.pick(5) as i64 - 1));
    }
}

fn layer(c: &mut Choices, ids: &Ids, index: usize, out: &mut String) {
    out.push_str(&format!("      - id: l{index}\n"));
    layer_extras(c, ids, out);
    if c.one_in(4) {
        events_layer(c, ids, out);
        if c.one_in(2) {
            out.push_str(&format!("        restrictions: {}\n", windows(c, 3)));
        }
        return;
    }
    let n = 1 + c.pick(4);
    let members: Vec<String> = (0..n)
        .map(|_| match c.pick(6) {
            4 => "[]".to_string(),
            5 => people_list(c, ids, 3),
            _ => person(c, ids),
        })
        .collect();
    out.push_str(&format!("        members: [{}]\n", members.join(", ")));
    // A shift; or whole months (E11); or handoff points (E12).
    let cadence = c.pick(8);
    match cadence {
        0 => out.push_str(&format!("        shift: {}mo\n", 1 + c.pick(13))),
        1 => out.push_str(&format!("        handoffs: {}\n", handoffs(c))),
        _ => out.push_str(&format!("        shift: {}\n", duration(c))),
    }
    if cadence < 2 && c.one_in(2) {
        out.push_str(&format!(
            "        month_overflow: {}\n",
            c.of(&["clamp", "normalize"])
        ));
    }
    if c.one_in(4) {
        out.push_str(&format!(
            "        turn_count: {}\n",
            c.of(&["grid", "instants"])
        ));
    }
    let handoff = instant(c);
    out.push_str(&format!("        handoff: {handoff}\n"));
    // Elapsed turns with months or points are an error: mostly not.
    if c.one_in(4) && (cadence >= 2 || c.one_in(10)) {
        out.push_str("        clock: elapsed\n");
    }
    let mut rotate = false;
    if c.one_in(4) {
        let before = c.of(&["rotate", "none"]);
        rotate = before == "rotate";
        out.push_str(&format!("        before_handoff: {before}\n"));
    }
    // An `until` after the handoff, mostly (before it, the layer ends
    // before it starts unless it rotates backwards).
    let after_handoff = |c: &mut Choices, until: String| {
        if !rotate && until <= handoff && !c.one_in(10) {
            "2100-12-31T23:59".to_string()
        } else {
            until
        }
    };
    match c.pick(6) {
        1 => out.push_str(&format!("        from: {}\n", instant(c))),
        2 => {
            let until = instant(c);
            let until = after_handoff(c, until);
            out.push_str(&format!("        until: {until}\n"));
        }
        3 => {
            let (from, until) = span_pair(c);
            let until = after_handoff(c, until);
            out.push_str(&format!("        from: {from}\n        until: {until}\n"));
        }
        _ => {}
    }
    if c.one_in(2) {
        out.push_str(&format!("        restrictions: {}\n", windows(c, 3)));
    }
}

fn override_(c: &mut Choices, ids: &Ids) -> String {
    let who = match c.pick(5) {
        0 => format!("person: {}", person(c, ids)),
        1 => format!("person: {}, replaces: {}", person(c, ids), person(c, ids)),
        2 => format!("add: {}", person(c, ids)),
        3 => format!("remove: [{}, {}]", person(c, ids), person(c, ids)),
        _ => format!("people: {}", people_list(c, ids, 3)),
    };
    let (from, to) = span_pair(c);
    format!("{{{who}, from: {from}, to: {to}}}")
}

fn schedule(c: &mut Choices, ids: &Ids, index: usize, out: &mut String) {
    out.push_str(&format!("  - id: s{index}\n"));
    if c.one_in(3) {
        out.push_str(&format!("    timezone: {}\n", c.of(ZONES)));
    }
    if c.one_in(3) {
        out.push_str(&format!("    combine: {}\n", c.of(&["top", "union"])));
    }
    if c.one_in(10) {
        out.push_str(&format!(
            "    enabled: {}\n    source: \"S{index}\"\n",
            c.of(&["false", "true"])
        ));
    }
    // How local times in a DST gap or fold resolve (E9).
    if c.one_in(3) {
        out.push_str(&format!(
            "    dst_gap: {}\n",
            c.of(&["shift", "transition"])
        ));
    }
    if c.one_in(4) {
        out.push_str(&format!(
            "    dst_fold_close: {}\n",
            c.of(&["earlier", "later"])
        ));
    }
    out.push_str("    layers:\n");
    for l in 0..1 + c.pick(3) {
        layer(c, ids, l, out);
    }
    if c.one_in(2) {
        let n = 1 + c.pick(4);
        let list: Vec<String> = (0..n).map(|_| override_(c, ids)).collect();
        out.push_str(&format!("    overrides: [{}]\n", list.join(", ")));
    }
}

fn target(c: &mut Choices, ids: &Ids) -> String {
    let t = plain_target(c, ids);
    // Non-essential people and schedules (E14), now and then.
    if c.one_in(6) && (t.starts_with("{person") || t.starts_with("{schedule")) {
        let flag = c.of(&["false", "false", "true"]);
        format!("{}, essential: {flag}}}", t.trim_end_matches('}'))
    } else {
        t
    }
}

fn plain_target(c: &mut Choices, ids: &Ids) -> String {
    match c.pick(5) {
        0 if ids.schedules > 0 && c.one_in(3) => format!(
            "{{schedule: {}, turn: {}}}",
            id(c, "s", ids.schedules),
            c.of(&["next", "previous", "current"])
        ),
        0 | 4 if ids.schedules > 0 => format!("{{schedule: {}}}", id(c, "s", ids.schedules)),
        2 if ids.vendors > 0 => format!("{{vendor: {}}}", id(c, "v", ids.vendors)),
        3 => "{stakeholders: status-page}".to_string(),
        _ => format!("{{person: {}}}", person(c, ids)),
    }
}

fn policy(c: &mut Choices, ids: &Ids, index: usize, out: &mut String) {
    out.push_str(&format!("  - id: q{index}\n"));
    if c.one_in(2) {
        out.push_str(&format!("    owner: {}\n", person(c, ids)));
    }
    if c.one_in(2) {
        let repeat = if c.one_in(40) { 21 } else { c.pick(21) };
        out.push_str(&format!("    repeat: {repeat}\n"));
    }
    if c.one_in(2) {
        out.push_str(&format!("    on_empty_step: {}\n", c.of(&["skip", "wait"])));
    }
    let n = if c.one_in(40) { 0 } else { 1 + c.pick(4) };
    if n == 0 {
        out.push_str("    steps: []\n");
        return;
    }
    out.push_str("    steps:\n");
    for _ in 0..n {
        if c.one_in(6) {
            // A step that only waits (Opsgenie delays, Grafana `wait`).
            out.push_str(&format!(
                "      - {{wait: {}, name: Delay, source: rule}}\n",
                c.of(&["5m", "0m", "1h", "30s"])
            ));
            continue;
        }
        let k = 1 + c.pick(3);
        let targets: Vec<String> = (0..k).map(|_| target(c, ids)).collect();
        out.push_str(&format!("      - notify: [{}]\n", targets.join(", ")));
        out.push_str(&format!("        escalate_after: {}\n", duration(c)));
        if c.one_in(3) {
            out.push_str("        role: First responder\n");
        }
        if c.one_in(3) {
            out.push_str(&format!("        owner: {}\n", person(c, ids)));
        }
    }
}

/// A random document from the choices, and the ids it defines.
pub fn document(c: &mut Choices) -> String {
    let ids = Ids {
        people: 1 + c.pick(6),
        schedules: c.pick(4),
        policies: 1 + c.pick(3),
        services: c.pick(3),
        severities: 1 + c.pick(3),
        vendors: c.pick(3),
        triggers: c.pick(3),
    };
    let mut out = String::from("version: 1\n");
    out.push_str(&format!("timezone: {}\n", c.of(ZONES)));
    out.push_str("people:\n");
    for i in 0..ids.people {
        let zone = c.of(ZONES);
        let contact = match c.pick(3) {
            0 => String::new(),
            1 => ", contact: [{via: push, after: 0m}, {via: phone, after: 5m}]".to_string(),
            _ => format!(", contact: [{{via: sms, after: {}}}]", duration(c)),
        };
        out.push_str(&format!(
            "  - {{id: p{i}, name: Person Nümber {i}, timezone: {zone}{contact}}}\n"
        ));
    }
    if ids.schedules > 0 {
        out.push_str("schedules:\n");
        for i in 0..ids.schedules {
            schedule(c, &ids, i, &mut out);
        }
    }
    if ids.policies > 0 {
        out.push_str("policies:\n");
        for i in 0..ids.policies {
            policy(c, &ids, i, &mut out);
        }
    }
    if ids.severities > 0 {
        out.push_str("severities:\n");
        for i in 0..ids.severities {
            let comms = if c.one_in(2) {
                format!(", comms_within: {}", duration(c))
            } else {
                String::new()
            };
            out.push_str(&format!(
                "  - {{id: sev{i}, ack_within: {}{comms}}}\n",
                duration(c)
            ));
        }
    }
    if ids.services > 0 {
        out.push_str("services:\n");
        for i in 0..ids.services {
            let escalation = if c.one_in(2) {
                format!(
                    "{{{}: {}, default: {}}}",
                    id(c, "sev", ids.severities),
                    id(c, "q", ids.policies),
                    id(c, "q", ids.policies)
                )
            } else {
                id(c, "q", ids.policies)
            };
            let vendors = if ids.vendors > 0 && c.one_in(2) {
                format!(", vendors: [{}]", id(c, "v", ids.vendors))
            } else {
                String::new()
            };
            out.push_str(&format!(
                "  - {{id: svc{i}, owner: {}, escalation: {escalation}{vendors}}}\n",
                person(c, &ids)
            ));
        }
    }
    if ids.triggers > 0 && ids.services > 0 {
        out.push_str("triggers:\n");
        for i in 0..ids.triggers {
            out.push_str(&format!(
                "  - {{id: t{i}, source: \"alarm {i}\", service: {}, severity: {}}}\n",
                id(c, "svc", ids.services),
                id(c, "sev", ids.severities)
            ));
        }
    }
    if ids.vendors > 0 {
        out.push_str("vendors:\n");
        for i in 0..ids.vendors {
            let hours = if c.one_in(2) {
                format!(", support_hours: {}", windows(c, 2))
            } else {
                String::new()
            };
            out.push_str(&format!(
                "  - {{id: v{i}, timezone: {}, sla: {{{}: {}}}{hours}, contacts: [{{via: phone, to: \"+1 555 0100\"}}]}}\n",
                c.of(ZONES),
                id(c, "sev", ids.severities),
                duration(c)
            ));
        }
    }
    if c.one_in(2) {
        out.push_str(&format!(
            "actions:\n  - {{id: a0, title: Roll back, services: [{}], severities: [{}], approved_by: {}, approved_until: {}}}\n",
            id(c, "svc", ids.services),
            id(c, "sev", ids.severities),
            person(c, &ids),
            date(c)
        ));
    }
    if c.one_in(2) {
        out.push_str(&format!(
            "drills:\n  - {{date: {}, scenario: Outage, participants: [{}, {}]}}\n",
            date(c),
            person(c, &ids),
            person(c, &ids)
        ));
    }
    if c.one_in(2) {
        out.push_str(&format!(
            "review: {{every: {}, last: {}}}\n",
            duration(c),
            date(c)
        ));
    }
    out
}

/// Line-level mutations of a text: delete, duplicate, swap lines, flip a
/// character, truncate.
pub fn mutate(text: &str, c: &mut Choices, edits: usize) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    for _ in 0..edits {
        if lines.is_empty() {
            break;
        }
        let i = c.pick(lines.len());
        let j = c.pick(lines.len());
        match c.pick(6) {
            0 => {
                lines.remove(i);
            }
            1 => {
                let copy = lines[i].clone();
                lines.insert(j, copy);
            }
            2 => lines.swap(i, j),
            3 => {
                let line = &mut lines[i];
                let chars: Vec<char> = line.chars().collect();
                if !chars.is_empty() {
                    let k = c.pick(chars.len());
                    let flips = [
                        ' ', ':', '-', '[', ']', '{', '}', '0', '9', 'é', '\t', '#', '"',
                    ];
                    let mut chars = chars;
                    chars[k] = flips[c.pick(flips.len())];
                    *line = chars.into_iter().collect();
                }
            }
            4 => {
                let line = &mut lines[i];
                let mut cut = c.pick(line.len() + 1);
                while !line.is_char_boundary(cut) {
                    cut -= 1;
                }
                line.truncate(cut);
            }
            _ => lines.truncate(i + 1),
        }
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

/// Diagnostics lie inside `text`, on char boundaries.
pub fn assert_spans(text: &str, diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        let (start, end) = (d.span.start as usize, d.span.end as usize);
        assert!(start <= end && end <= text.len(), "span out of text: {d:?}");
        assert!(
            text.is_char_boundary(start) && text.is_char_boundary(end),
            "span not on char boundaries: {d:?}"
        );
        for label in &d.labels {
            let (s, e) = (label.span.start as usize, label.span.end as usize);
            assert!(s <= e && e <= text.len(), "label out of text: {d:?}");
            assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
        }
    }
    // What the JS API and `--json` print (line/column conversion included).
    let json = escalator::output::diagnostics_json(text, diagnostics);
    serde_json::to_string(&json).expect("diagnostics serialize");
}

/// Seconds of interesting instants: the 2026 handoffs, DST days, the
/// engine's bounds and beyond.
const INSTANTS: &[i64] = &[
    1_767_571_200, // 2026-01-05
    1_774_744_200, // 2026-03-29T00:30Z (Berlin spring forward)
    1_792_890_000, // 2026-10-25T01:00Z (Berlin fall back)
    1_772_953_200, // 2026-03-08T07:00Z (New York)
    1_767_225_600, // 2026-01-01
    0,
    -2_208_988_800,  // 1900-01-01
    4_102_444_800,   // 2100-01-01
    -62_135_596_800, // Timestamp::MIN
    253_402_300_799, // Timestamp::MAX
    253_402_300_799 - 3_600,
    i64::MIN,
    i64::MAX,
    1_325_203_200, // 2011-12-30 (Apia skipped a day)
];

/// Window lengths: empty, reversed, tiny, ordinary, at and over the
/// engine's limits, absurd.
const LENGTHS: &[i64] = &[
    86_400,
    7 * 86_400,
    31 * 86_400,
    0,
    -3_600,
    1,
    3_600,
    366 * 86_400,
    731 * 86_400,
    732 * 86_400,
    100 * 365 * 86_400,
    i64::MAX,
    i64::MIN,
];

/// A random window `[from, to)` (possibly empty, reversed or huge).
pub fn window_of(c: &mut Choices) -> (Timestamp, Timestamp) {
    let base = INSTANTS[c.pick(INSTANTS.len())];
    let base = base.saturating_add(i64::from(c.raw() % 1_000_000) - 500_000);
    let length = LENGTHS[c.pick(LENGTHS.len())];
    (Timestamp(base), Timestamp(base.saturating_add(length)))
}

fn in_range(t: Timestamp) -> bool {
    Timestamp::MIN <= t && t <= Timestamp::MAX
}

/// A random scenario for the document's ids.
fn scenario_text(c: &mut Choices, m: &escalator::model::Model) -> String {
    let pick_id = |c: &mut Choices, ids: Vec<String>| -> String {
        if ids.is_empty() || c.one_in(20) {
            "ghost".to_string()
        } else {
            ids[c.pick(ids.len())].clone()
        }
    };
    let people: Vec<String> = m.people.iter().map(|p| p.id.value.clone()).collect();
    let policies: Vec<String> = m.policies.iter().map(|p| p.id.value.clone()).collect();
    let services: Vec<String> = m.services.iter().map(|p| p.id.value.clone()).collect();
    let severities: Vec<String> = m.severities.iter().map(|p| p.id.value.clone()).collect();
    let schedules: Vec<String> = m.schedules.iter().map(|p| p.id.value.clone()).collect();
    let vendors: Vec<String> = m.vendors.iter().map(|p| p.id.value.clone()).collect();
    let at = date_time(c);
    let mut out = match c.pick(3) {
        0 => format!(
            "incident: {{policy: {}, at: {at}}}\n",
            pick_id(c, policies.clone())
        ),
        1 => format!(
            "incident: {{policy: {}, severity: {}, at: {at}}}\n",
            pick_id(c, policies.clone()),
            pick_id(c, severities.clone())
        ),
        _ => format!(
            "incident: {{service: {}, severity: {}, at: {at}}}\n",
            pick_id(c, services.clone()),
            pick_id(c, severities.clone())
        ),
    };
    out.push_str("responders:\n");
    out.push_str(&format!(
        "  default: {}\n",
        c.of(&["never", "unavailable", "{ack_after: 7m}"])
    ));
    let mut everyone = people.clone();
    everyone.extend(vendors.iter().cloned());
    for who in everyone.iter().take(c.pick(everyone.len() + 1)) {
        let behaviour = match c.pick(3) {
            0 => "never".to_string(),
            1 => "unavailable".to_string(),
            _ => format!("{{ack_after: {}}}", duration(c)),
        };
        out.push_str(&format!("  {who}: {behaviour}\n"));
    }
    let n = c.pick(6);
    if n > 0 {
        out.push_str("inject:\n");
    }
    for _ in 0..n {
        out.push_str(&format!(
            "  - {{after: {}, {}}}\n",
            duration(c),
            inject_body(c, &people, &schedules)
        ));
    }
    out
}

fn inject_body(c: &mut Choices, people: &[String], schedules: &[String]) -> String {
    let one = |c: &mut Choices, ids: &[String]| -> String {
        if ids.is_empty() || c.one_in(20) {
            "ghost".to_string()
        } else {
            ids[c.pick(ids.len())].clone()
        }
    };
    match c.pick(8) {
        0 => "note: \"the vendor does not pick up\"".to_string(),
        1 => format!("unavailable: {}", one(c, people)),
        2 => format!("available: {}", one(c, people)),
        3 => format!("ack: {}", one(c, people)),
        4 => "ack: true".to_string(),
        5 => "resolve: true".to_string(),
        6 => "escalate: true".to_string(),
        _ => format!(
            "override: {{schedule: {}, person: {}, from: {}, to: {}}}",
            one(c, schedules),
            one(c, people),
            date_time(c),
            date_time(c)
        ),
    }
}

/// Every query of an evaluator over random arguments: each answers Ok or
/// a query error, never panics, and its answer keeps its invariants.
pub fn query_everything(ev: &Evaluator, c: &mut Choices) {
    let m = ev.model();
    assert_spans(ev.text(), ev.diagnostics());
    serde_json::to_string(&ev.summary()).expect("summary");
    serde_json::to_string(&ev.outline()).expect("outline");

    let schedules: Vec<String> = m.schedules.iter().map(|s| s.id.value.clone()).collect();
    let policies: Vec<String> = m.policies.iter().map(|p| p.id.value.clone()).collect();
    let services: Vec<String> = m.services.iter().map(|p| p.id.value.clone()).collect();
    let severities: Vec<String> = m.severities.iter().map(|p| p.id.value.clone()).collect();

    for _ in 0..1 + c.pick(3) {
        let (from, to) = window_of(c);
        let schedule = if schedules.is_empty() || c.one_in(15) {
            "ghost".to_string()
        } else {
            schedules[c.pick(schedules.len())].clone()
        };
        shifts(ev, &schedule, from, to);
        if let Ok(q) = ev.quality(&schedule, from, to) {
            assert!((0.0..=1.0).contains(&q.coverage), "coverage {}", q.coverage);
            assert!((0.0..=1.0).contains(&q.balance), "balance {}", q.balance);
            serde_json::to_string(&q).expect("quality");
        }
        let at = if c.one_in(2) { from } else { to };
        let one = if c.one_in(3) {
            None
        } else {
            Some(schedule.as_str())
        };
        if let Ok(o) = ev.on_call(at, one) {
            if in_range(at) {
                for s in &o.schedules {
                    assert!(s.since <= at, "since {} after {at}", s.since);
                    if let Some(next) = s.next_handoff {
                        assert!(next > at);
                    }
                }
            }
            serde_json::to_string(&o).expect("on call");
        }

        let choice = policy_choice(c, &policies, &services, &severities);
        plan(ev, &choice, if c.one_in(2) { from } else { to });
        let zone = match c.pick(4) {
            0 => Some(ZONES[c.pick(ZONES.len())]),
            1 => Some("Mars/Olympus_Mons"),
            _ => None,
        };
        coverage(ev, &choice, from, to, zone);

        let findings = ev.findings(from, to);
        assert_spans(ev.text(), &findings);
    }
    simulate(ev, c);
}

fn policy_choice(
    c: &mut Choices,
    policies: &[String],
    services: &[String],
    severities: &[String],
) -> PolicyChoice {
    let one = |c: &mut Choices, ids: &[String]| -> String {
        if ids.is_empty() || c.one_in(15) {
            "ghost".to_string()
        } else {
            ids[c.pick(ids.len())].clone()
        }
    };
    match c.pick(3) {
        0 => PolicyChoice::Policy {
            policy: one(c, policies),
            severity: None,
        },
        1 => PolicyChoice::Policy {
            policy: one(c, policies),
            severity: Some(one(c, severities)),
        },
        _ => PolicyChoice::Service {
            service: one(c, services),
            severity: one(c, severities),
        },
    }
}

/// Shifts cover `[from, to)` exactly, without overlap, and adjacent
/// on-call sets differ.
pub fn shifts(ev: &Evaluator, schedule: &str, from: Timestamp, to: Timestamp) {
    let Ok(out) = ev.shifts(schedule, from, to) else {
        return;
    };
    // Windows past the supported years are clamped to them.
    let from = from.clamp(Timestamp::MIN, Timestamp::MAX);
    let to = to.clamp(Timestamp::MIN, Timestamp::MAX);
    assert!(from < to, "shifts over an empty window");
    let list = &out.shifts;
    assert_eq!(
        list.first().map(|s| s.start),
        Some(from),
        "first shift start"
    );
    assert_eq!(list.last().map(|s| s.end), Some(to), "last shift end");
    for s in list {
        assert!(s.start < s.end, "empty shift {} .. {}", s.start, s.end);
        assert!(s.on_call.windows(2).all(|w| w[0] < w[1]), "on_call sorted");
    }
    for w in list.windows(2) {
        assert_eq!(w[0].end, w[1].start, "shifts not contiguous");
        assert_ne!(w[0].on_call, w[1].on_call, "adjacent shifts with one set");
    }
    serde_json::to_string(&out).expect("shifts");
}

fn pages_sorted(plan: &[escalator::output::plan::Page], exhausted: i64) {
    for p in plan {
        assert!(p.after_seconds >= 0 && p.pass >= 1 && p.step >= 1, "{p:?}");
        assert!(p.after_seconds <= exhausted, "page after exhaustion");
    }
    assert!(
        plan.windows(2)
            .all(|w| (w[0].after_seconds, w[0].pass, w[0].step)
                < (w[1].after_seconds, w[1].pass, w[1].step)),
        "pages not sorted by offset"
    );
}

pub fn plan(ev: &Evaluator, choice: &PolicyChoice, at: Timestamp) {
    let Ok(out) = ev.plan(choice, at) else {
        return;
    };
    pages_sorted(&out.plan, out.exhausted_after_seconds);
    assert!(out
        .levels
        .windows(2)
        .all(|w| w[0].after_seconds <= w[1].after_seconds));
    serde_json::to_string(&out).expect("plan");
}

/// Coverage intervals cover the window exactly; heatmap cells add up to it.
pub fn coverage(
    ev: &Evaluator,
    choice: &PolicyChoice,
    from: Timestamp,
    to: Timestamp,
    zone: Option<&str>,
) {
    let Ok(out) = ev.coverage(choice, from, to, zone) else {
        return;
    };
    assert!(from < to, "coverage over an empty window");
    let list = &out.intervals;
    assert_eq!(list.first().map(|s| s.start), Some(from));
    assert_eq!(list.last().map(|s| s.end), Some(to));
    for i in list {
        assert!(i.start < i.end);
        pages_sorted(&i.plan, i.exhausted_after_seconds);
    }
    for w in list.windows(2) {
        assert_eq!(w[0].end, w[1].start, "coverage not contiguous");
    }
    for g in &out.gaps {
        assert!(from <= g.start && g.start < g.end && g.end <= to, "{g:?}");
    }
    let total = to.0 - from.0;
    let heatmaps = out.heatmaps.as_ref().expect("heatmaps");
    let week: i64 = heatmaps
        .hour_of_week
        .iter()
        .flat_map(|r| r.hours.iter())
        .map(|h| h.seconds)
        .sum();
    let calendar: i64 = heatmaps
        .calendar
        .iter()
        .flat_map(|r| r.hours.iter())
        .map(|h| h.seconds)
        .sum();
    assert_eq!(week, total, "hour-of-week seconds");
    assert_eq!(calendar, total, "calendar seconds");
    serde_json::to_string(&out).expect("coverage");
}

/// A random scenario run, stepped, injected into while paused and seeked.
pub fn simulate(ev: &Evaluator, c: &mut Choices) {
    let m = ev.model();
    let text = scenario_text(c, m);
    let scenario = match ev.scenario(&text, None) {
        Ok(s) => s,
        Err(d) => {
            assert_spans(&text, &d);
            return;
        }
    };
    let Ok(mut sim) = ev.simulate(scenario) else {
        return;
    };
    check_events(&sim);
    for _ in 0..c.pick(5) {
        sim.next_event();
    }
    if c.one_in(3) {
        sim.previous_event();
    }
    let people: Vec<String> = m.people.iter().map(|p| p.id.value.clone()).collect();
    let schedules: Vec<String> = m.schedules.iter().map(|p| p.id.value.clone()).collect();
    for _ in 0..c.pick(3) {
        let body = format!("{{{}}}", inject_body(c, &people, &schedules));
        match ev.inject_event(&body) {
            Ok(inject) => {
                if sim.inject(inject).is_ok() {
                    check_events(&sim);
                }
            }
            Err(d) => assert_spans(&body, &d),
        }
        sim.next_event();
    }
    sim.seek(c.raw() as usize);
    let (at, _) = window_of(c);
    sim.seek_time(at);
    serde_json::to_string(&SimulationState::new(sim.model(), &sim.state())).expect("state");
    sim.run_to_end();
    assert!(sim.at_end());
    serde_json::to_string(&SimulationOutput::new(&sim)).expect("simulation");
    serde_json::to_string(&scenario_json(sim.model(), sim.scenario())).expect("scenario");
    let zone: chrono_tz::Tz = ZONES[c.pick(ZONES.len())].parse().unwrap_or(chrono_tz::UTC);
    escalator::output::debrief::markdown(&sim, zone, c.one_in(2));
    sim.reset();
    assert_eq!(sim.shown(), 0);
}

/// Events are sorted by instant, numbered in order, and bounded.
fn check_events(sim: &escalator::simulation::Simulation) {
    let events = sim.events();
    assert!(events.len() <= escalator::simulation::run::MAX_EVENTS + 1);
    for (i, e) in events.iter().enumerate() {
        assert_eq!(e.index, i, "event numbering");
        serde_json::to_string(&SimulationEvent::new(sim.model(), e)).expect("event");
    }
    assert!(
        events.windows(2).all(|w| w[0].at <= w[1].at),
        "events not sorted by instant"
    );
}

/// `check` and `check_at` over a random window: spans inside the text.
pub fn check_text(text: &str, c: &mut Choices) {
    assert_spans(text, &escalator::check(text));
    let (from, to) = window_of(c);
    assert_spans(text, &escalator::check_at(text, from, to));
}
