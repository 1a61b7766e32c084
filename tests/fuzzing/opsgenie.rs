//! Generated Opsgenie exports for `tests/import_opsgenie.rs` (proptest) and
//! `fuzz/fuzz_targets/import_opsgenie.rs` (libFuzzer): valid API JSON and
//! module YAML files drawn from a stream of choices (choice 0 is the
//! simplest), plus line-level damage, and the importer run with its
//! invariants checked.

use escalator::import::{self, Import, ImportOptions, SourceFile};
use serde_json::{json, Value};

use super::Choices;

#[path = "../import_support/fuzzing.rs"]
mod import_fuzzing;

const ZONES: &[&str] = &[
    "UTC",
    "Europe/Berlin",
    "America/New_York",
    "Asia/Kathmandu",
    "Australia/Lord_Howe",
    "Europe/London",
];
const NAMES: &[&str] = &[
    "Amara Okafor",
    "Bastien Roux",
    "Elif Yılmaz",
    "Noor Haddad",
    "Zoë Ng",
    "Li Wei",
];
const DAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// One of `items` (the first on an exhausted list).
fn one<T: Copy>(c: &mut Choices, items: &[T]) -> T {
    items[c.pick(items.len())]
}

fn date(c: &mut Choices) -> String {
    let day = 1 + c.pick(28);
    let month = 1 + c.pick(12);
    let hour = c.pick(24);
    let minute = one(c, &[0, 30, 20, 45, 59, 15]);
    let offset = one(c, &["Z", "Z", "+02:00", "-05:00", "+05:45"]);
    format!("2026-{month:02}-{day:02}T{hour:02}:{minute:02}:00{offset}")
}

fn later(c: &mut Choices, start: &str) -> String {
    // The same time and offset, one to three months later (or a year).
    let m: usize = start.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(1);
    let next = (m + 1 + c.pick(3)).min(12);
    if next == m {
        return start.replacen("2026", "2027", 1);
    }
    format!("{}{next:02}{}", &start[..5], &start[7..])
}

fn restriction(c: &mut Choices) -> Value {
    if c.pick(2) == 0 {
        let sh = c.pick(24);
        let eh = c.pick(25);
        let em = if eh == 24 { 0 } else { one(c, &[0, 30]) };
        json!({"type": "time-of-day", "restriction": {"startHour": sh, "startMin": one(c, &[0, 30]), "endHour": eh, "endMin": em}})
    } else {
        let n = 1 + c.pick(3);
        let list: Vec<Value> = (0..n)
            .map(|_| {
                let eh = c.pick(25);
                json!({"startDay": c.of(DAYS), "startHour": c.pick(24), "startMin": one(c, &[0, 30]),
                       "endDay": c.of(DAYS), "endHour": eh, "endMin": if eh == 24 { 0 } else { one(c, &[0, 30]) }})
            })
            .collect();
        json!({"type": "weekday-and-time-of-day", "restrictions": list})
    }
}

fn envelope(data: Value) -> String {
    serde_json::to_string_pretty(&json!({"data": data, "took": 0.01, "requestId": "r"}))
        .unwrap_or_default()
}

/// A generated export: users, teams (with routing rules), schedules with
/// rotations, overrides and escalations, as API JSON files; sometimes
/// module YAML instead.
pub fn export(c: &mut Choices) -> Vec<SourceFile> {
    let nu = 1 + c.pick(5);
    let users: Vec<Value> = (0..nu)
        .map(|i| {
            json!({"id": format!("u{i}"), "username": format!("user{i}@example.com"),
                   "fullName": NAMES[(i + c.pick(NAMES.len())) % NAMES.len()], "timeZone": c.of(ZONES)})
        })
        .collect();
    let user_ref = |c: &mut Choices| {
        let i = c.pick(nu);
        json!({"type": "user", "id": format!("u{i}"), "username": format!("user{i}@example.com")})
    };
    let nt = c.pick(3);
    let ns = 1 + c.pick(3);
    let ne = c.pick(3);
    let teams: Vec<Value> = (0..nt)
        .map(|i| {
            let members: Vec<Value> = (0..1 + c.pick(nu))
                .map(|_| json!({"user": user_ref(c), "role": one(c, &["admin", "user"])}))
                .collect();
            json!({"id": format!("t{i}"), "name": format!("team-{i}"), "members": members})
        })
        .collect();
    let schedules: Vec<Value> = (0..ns)
        .map(|i| {
            let rotations: Vec<Value> = (0..c.pick(4))
                .map(|r| {
                    let start = date(c);
                    let mut rot = json!({"name": format!("rot-{r}"), "type": c.of(&["weekly", "daily", "hourly"]),
                                         "startDate": start});
                    if c.pick(2) == 1 {
                        rot["length"] = json!(1 + c.pick(4));
                    }
                    if c.one_in(4) {
                        rot["endDate"] = json!(later(c, &start));
                    }
                    let parts: Vec<Value> = (0..1 + c.pick(4))
                        .map(|_| match c.pick(8) {
                            0 => json!({"type": "none"}),
                            1 if nt > 0 => json!({"type": "team", "id": "t0", "name": "team-0"}),
                            _ => user_ref(c),
                        })
                        .collect();
                    rot["participants"] = json!(parts);
                    if c.pick(2) == 1 {
                        rot["timeRestriction"] = restriction(c);
                    }
                    rot
                })
                .collect();
            let mut s = json!({"id": format!("s{i}"), "name": format!("sched-{i}"), "timezone": c.of(ZONES),
                               "enabled": !c.one_in(5), "rotations": rotations});
            if nt > 0 && c.pick(2) == 1 {
                s["ownerTeam"] = json!({"id": "t0", "name": "team-0"});
            }
            s
        })
        .collect();
    let overrides: Vec<Value> = (0..c.pick(4))
        .map(|k| {
            let start = date(c);
            let end = later(c, &start);
            let mut o = json!({"_parent": {"id": format!("s{}", c.pick(ns))}, "alias": format!("o{k}"),
                               "user": if c.one_in(3) { json!({"type": "none"}) } else { user_ref(c) },
                               "startDate": start, "endDate": end});
            if c.one_in(6) {
                o["rotations"] = json!([{"name": "rot-0"}]);
            }
            o
        })
        .collect();
    let escalations: Vec<Value> = (0..ne)
        .map(|i| {
            let rules: Vec<Value> = (0..1 + c.pick(4))
                .map(|_| {
                    let delay = one(c, &[0, 5, 10, 30, 60, 1]);
                    let unit = if delay == 1 { "hours" } else { "minutes" };
                    let (nt_, rec) = match c.pick(4) {
                        0 => ("default", user_ref(c)),
                        1 if nt > 0 => (
                            c.of(&["users", "admins", "all", "default", "random"]),
                            json!({"type": "team", "id": "t0", "name": "team-0"}),
                        ),
                        _ => (
                            c.of(&["default", "next", "previous"]),
                            json!({"type": "schedule", "id": format!("s{}", c.pick(ns))}),
                        ),
                    };
                    json!({"condition": c.of(&["if-not-acked", "if-not-closed"]), "notifyType": nt_,
                           "delay": {"timeAmount": delay, "timeUnit": unit}, "recipient": rec})
                })
                .collect();
            let mut e = json!({"id": format!("e{i}"), "name": format!("esc-{i}"), "rules": rules});
            if c.pick(2) == 1 {
                e["repeat"] = json!({"waitInterval": one(c, &[0, 5, 10]), "count": 1 + c.pick(25),
                                     "resetRecipientStates": c.one_in(2), "closeAlertAfterAll": c.one_in(2)});
            }
            e
        })
        .collect();
    let mut files = vec![
        SourceFile::new("users.json", envelope(json!(users))),
        SourceFile::new("schedules.json", envelope(json!(schedules))),
    ];
    if !overrides.is_empty() {
        files.push(SourceFile::new(
            "overrides.json",
            envelope(json!(overrides)),
        ));
    }
    if !escalations.is_empty() {
        files.push(SourceFile::new(
            "escalations.json",
            envelope(json!(escalations)),
        ));
    }
    for (i, t) in teams.iter().enumerate() {
        files.push(SourceFile::new(
            format!("teams/t{i}.json"),
            envelope(t.clone()),
        ));
        let mut rules = Vec::new();
        if c.one_in(2) {
            rules.push(json!({"name": "p1", "order": 0, "criteria": {"type": "match-any-condition", "conditions": []},
                              "notify": {"type": "schedule", "id": "s0"}}));
        }
        let notify = match c.pick(3) {
            0 if ne > 0 => json!({"type": "escalation", "id": format!("e{}", c.pick(ne))}),
            1 => json!({"type": "none"}),
            _ => json!({"type": "schedule", "id": format!("s{}", c.pick(ns))}),
        };
        rules.push(
            json!({"name": "Default Rule", "isDefault": true, "order": rules.len(),
                          "criteria": {"type": "match-all"}, "notify": notify}),
        );
        files.push(SourceFile::new(
            format!("teams/t{i}/routing-rules.json"),
            envelope(json!(rules)),
        ));
    }
    if c.one_in(4) {
        files.push(SourceFile::new("resources/module.yaml", module_yaml(c)));
    }
    files
}

/// A small module YAML file (both escalation shapes).
fn module_yaml(c: &mut Choices) -> String {
    let mut s = String::from(
        "users:\n  - {username: mod0@example.com, full_name: Mod Zero, timezone: UTC}\n",
    );
    s.push_str("teams:\n  - name: modteam\n    members:\n      - {username: mod0@example.com, role: admin}\n");
    s.push_str("schedules:\n  - {name: modsched, timezone: Europe/Berlin}\n");
    s.push_str(&format!(
        "schedule_rotations:\n  - name: r\n    schedule_name: modsched\n    start_date: \"2026-0{}-02T08:00:00Z\"\n    type: {}\n    participants:\n      - {{type: user, username: mod0@example.com}}\n",
        1 + c.pick(9),
        c.of(&["daily", "weekly", "hourly"])
    ));
    if c.pick(2) == 0 {
        s.push_str("escalations:\n  - name: modesc\n    rules:\n      - {delay: 5, recipient: {type: schedule, schedule_name: modsched}}\n");
    } else {
        s.push_str("escalations:\n  - name: modesc\n    rule:\n      delay: 0\n      recipients:\n        - {type: team, team_name: modteam}\n      notify_type: admins\n");
    }
    s.push_str("team_routing_rules:\n  - name: d\n    owner_team_name: modteam\n    notify: [{type: escalation, name: modesc}]\n");
    s
}

/// Damages some files line by line: deletes, duplicates or truncates a
/// line, or swaps a digit.
pub fn damage(mut files: Vec<SourceFile>, c: &mut Choices, edits: usize) -> Vec<SourceFile> {
    for _ in 0..edits {
        if files.is_empty() {
            break;
        }
        let f = c.pick(files.len());
        let mut lines: Vec<String> = files[f].text.lines().map(str::to_string).collect();
        if lines.is_empty() {
            continue;
        }
        let l = c.pick(lines.len());
        match c.pick(4) {
            0 => {
                lines.remove(l);
            }
            1 => {
                let dup = lines[l].clone();
                lines.insert(l, dup);
            }
            2 => {
                let cut = lines[l]
                    .char_indices()
                    .nth(c.pick(lines[l].chars().count() + 1))
                    .map_or(lines[l].len(), |(i, _)| i);
                lines[l].truncate(cut);
            }
            _ => {
                lines[l] =
                    lines[l].replace(['0', '1', '2'], one(c, &["9", "-1", "24", "99999999999"]));
            }
        }
        files[f].text = lines.join("\n");
    }
    files
}

/// Imports `files` as Opsgenie's and checks the invariants: no panic,
/// every diagnostic's spans lie inside its file on character boundaries,
/// and a complete import is a valid document.
pub fn import_checked(files: &[SourceFile]) -> Option<Import> {
    let options = ImportOptions {
        from: Some(import::Vendor::Opsgenie),
        ..ImportOptions::default()
    };
    let result = import::import(files, &options).ok()?;
    for d in &result.diagnostics {
        let text = &files[d.file].text;
        let spans =
            std::iter::once(d.diagnostic.span).chain(d.diagnostic.labels.iter().map(|l| l.span));
        for s in spans {
            assert!(s.start <= s.end && s.end as usize <= text.len(), "{d:?}");
            assert!(
                text.is_char_boundary(s.start as usize) && text.is_char_boundary(s.end as usize),
                "{d:?}"
            );
        }
    }
    import_fuzzing::assert_complete_is_valid(&result);
    // The document reads back as YAML.
    let parsed = escalator::document::parse(&result.document);
    assert!(parsed.root.is_some(), "{}", result.document);
    Some(result)
}
