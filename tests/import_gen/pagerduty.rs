//! A generator of valid PagerDuty REST API v2 exports, driven by a list of
//! choices: one generator for the property tests (`tests/import_pagerduty.rs`)
//! and the libFuzzer target (`fuzz/fuzz_targets/import_pagerduty.rs`).
//!
//! "Valid" means what PagerDuty itself accepts: turn lengths of at least an
//! hour, at least one user per layer, restrictions within their bounds,
//! layers and overrides that end after they start, rules with targets and
//! delays of at least a minute, `num_loops` 0 to 9, references to objects
//! of the export. The shapes vary: list responses and single GETs (layers
//! top first), request bodies (layers bottom first), bare lists, overrides
//! files named after their schedule, users with and without contact rules,
//! offsets `Z`, `+00:00` or the zone's own, virtual starts before and after
//! `start`, round robin, urgency rules.

#![allow(dead_code)]

use escalator::time::Timestamp;
use serde_json::{json, Value};

/// Choices from a list of numbers (0 once it runs out).
pub struct Choices<'a> {
    list: &'a [u32],
    at: usize,
}

impl<'a> Choices<'a> {
    pub fn new(list: &'a [u32]) -> Self {
        Choices { list, at: 0 }
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn pick(&mut self, n: usize) -> usize {
        let raw = self.list.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        if n == 0 {
            0
        } else {
            raw as usize % n
        }
    }

    pub fn one_in(&mut self, n: usize) -> bool {
        n > 0 && self.pick(n) == n - 1
    }

    pub fn of<'b>(&mut self, items: &[&'b str]) -> &'b str {
        items[self.pick(items.len())]
    }
}

const ZONES: &[(&str, i64)] = &[
    // (zone, its standard offset: used for the offsets written in times)
    ("Europe/London", 0),
    ("America/New_York", -5 * 3600),
    ("Europe/Berlin", 3600),
    ("Asia/Kolkata", 19_800),
    ("Australia/Lord_Howe", 37_800),
    ("UTC", 0),
];

const NAMES: &[&str] = &[
    "Alice Example",
    "Bob Example",
    "Carol Example",
    "Dan Example",
    "Erin Example",
    "Frank Example",
    "Zoë Example",
    "Ilse O'Brien",
    "Jun Example",
    "Kim Example",
];

/// 2026-01-05T00:00:00Z, a Monday.
const BASE: i64 = 1_767_571_200;

/// An instant written with `Z`, `+00:00` or a fixed offset.
fn time(c: &mut Choices, t: i64, offset: i64) -> String {
    let z = Timestamp(t).to_rfc3339();
    match c.pick(3) {
        0 => z,
        1 => z.replace('Z', "+00:00"),
        _ => {
            let local = Timestamp(t + offset).to_rfc3339();
            let sign = if offset < 0 { '-' } else { '+' };
            let a = offset.abs();
            local.replace(
                'Z',
                &format!("{sign}{:02}:{:02}", a / 3600, (a % 3600) / 60),
            )
        }
    }
}

/// The files of one export: `(name, text)`.
pub fn export(c: &mut Choices) -> Vec<(String, String)> {
    let mut files = Vec::new();
    let n_users = 1 + c.pick(6);
    let users: Vec<(String, &str)> = (0..n_users)
        .map(|i| (format!("PUSR{:03}", i + 1), NAMES[i % NAMES.len()]))
        .collect();
    let (zone, offset) = ZONES[c.pick(ZONES.len())];

    // Users (sometimes left out: references become stubs).
    if !c.one_in(5) {
        let list: Vec<Value> = users
            .iter()
            .map(|(id, name)| user(c, id, name, zone))
            .collect();
        let text = if c.one_in(3) {
            serde_json::to_string_pretty(&Value::Array(list))
        } else {
            serde_json::to_string_pretty(
                &json!({"users": list, "limit": 25, "offset": 0, "more": false, "total": null}),
            )
        };
        files.push(("users.json".to_string(), text.unwrap_or_default()));
    }

    // Schedules.
    let n_schedules = 1 + c.pick(3);
    let mut schedule_ids = Vec::new();
    let mut listed = Vec::new();
    for s in 0..n_schedules {
        let id = format!("PSCH{:03}", s + 1);
        let get = !c.one_in(4);
        let n_layers = 1 + c.pick(3);
        let mut layers: Vec<Value> = (0..n_layers)
            .map(|l| layer(c, l, get, &users, offset))
            .collect();
        if get {
            // GET lists layers top first.
            layers.reverse();
        }
        let mut schedule = json!({
            "type": "schedule",
            "name": format!("Schedule {}", s + 1),
            "time_zone": zone,
            "schedule_layers": layers,
        });
        if get {
            schedule["id"] = json!(id);
            schedule["html_url"] = json!(format!("https://acme.pagerduty.com/schedules/{id}"));
            schedule["description"] = json!(null);
            if c.one_in(2) {
                schedule["teams"] = json!([{"id": "PTEAM01", "type": "team_reference"}]);
            }
            schedule_ids.push(id.clone());
            if c.one_in(2) {
                listed.push(schedule);
            } else {
                let text = serde_json::to_string_pretty(&json!({"schedule": schedule}))
                    .unwrap_or_default();
                files.push((format!("schedule-{id}.json"), text));
            }
            // Overrides of this schedule, in a file named after it.
            if c.one_in(2) {
                let n = 1 + c.pick(4);
                let overrides: Vec<Value> = (0..n)
                    .map(|o| {
                        let start = BASE + (c.pick(24 * 60) as i64) * 3600;
                        let end = start + (1 + c.pick(72) as i64) * 3600;
                        let (uid, uname) = &users[c.pick(users.len())];
                        json!({
                            "id": format!("PQ{id}{o}"),
                            "start": time(c, start, offset),
                            "end": time(c, end, offset),
                            "user": {"id": uid, "type": "user_reference", "summary": uname},
                        })
                    })
                    .collect();
                let text = serde_json::to_string_pretty(&json!({"overrides": overrides}))
                    .unwrap_or_default();
                files.push((format!("overrides-{id}.json"), text));
            }
        } else {
            // A request body: no id, layers bottom first, a file of its own.
            let text =
                serde_json::to_string_pretty(&json!({"schedule": schedule})).unwrap_or_default();
            files.push((format!("post-{s}.json"), text));
        }
    }
    if !listed.is_empty() {
        let text = serde_json::to_string_pretty(
            &json!({"schedules": listed, "limit": 25, "offset": 0, "more": false, "total": null}),
        )
        .unwrap_or_default();
        files.push(("schedules.json".to_string(), text));
    }

    // Escalation policies.
    let n_policies = 1 + c.pick(3);
    let mut policy_ids = Vec::new();
    let mut policies = Vec::new();
    for p in 0..n_policies {
        let id = format!("PEP{:04}", p + 1);
        let n_rules = 1 + c.pick(4);
        let rules: Vec<Value> = (0..n_rules)
            .map(|r| {
                let n_targets = 1 + c.pick(3);
                let targets: Vec<Value> = (0..n_targets)
                    .map(|_| {
                        if !schedule_ids.is_empty() && c.one_in(2) {
                            let s = &schedule_ids[c.pick(schedule_ids.len())];
                            json!({"id": s, "type": c.of(&["schedule_reference", "schedule"])})
                        } else {
                            let (u, name) = &users[c.pick(users.len())];
                            json!({"id": u, "type": c.of(&["user_reference", "user"]), "summary": name})
                        }
                    })
                    .collect();
                let mut rule = json!({
                    "id": format!("PRULE{p}{r}"),
                    "escalation_delay_in_minutes": 1 + c.pick(60),
                    "targets": targets,
                });
                if c.one_in(4) {
                    rule["escalation_rule_assignment_strategy"] =
                        json!({"type": c.of(&["assign_to_everyone", "round_robin"])});
                }
                rule
            })
            .collect();
        policies.push(json!({
            "id": id,
            "type": "escalation_policy",
            "name": format!("Policy {}", p + 1),
            "num_loops": c.pick(10),
            "on_call_handoff_notifications": c.of(&["if_has_services", "always"]),
            "escalation_rules": rules,
            "html_url": format!("https://acme.pagerduty.com/escalation_policies/{id}"),
        }));
        policy_ids.push(id);
    }
    let text =
        serde_json::to_string_pretty(&json!({"escalation_policies": policies, "more": false}))
            .unwrap_or_default();
    files.push(("escalation_policies.json".to_string(), text));

    // Services.
    let n_services = c.pick(3);
    let services: Vec<Value> = (0..n_services)
        .map(|s| {
            let policy = &policy_ids[c.pick(policy_ids.len())];
            let mut service = json!({
                "id": format!("PSVC{:03}", s + 1),
                "type": "service",
                "name": format!("Service {}", s + 1),
                "escalation_policy": {"id": policy, "type": "escalation_policy_reference"},
                "acknowledgement_timeout": 1800,
                "html_url": "https://acme.pagerduty.com/service-directory/PSVC",
            });
            if c.one_in(2) {
                service["incident_urgency_rule"] = json!({
                    "type": "use_support_hours",
                    "during_support_hours": {"type": "constant", "urgency": "high"},
                    "outside_support_hours": {"type": "constant", "urgency": "low"}
                });
                service["support_hours"] = json!({"type": "fixed_time_per_day", "time_zone": zone,
                    "days_of_week": [1, 2, 3, 4, 5], "start_time": "09:00:00", "end_time": "17:00:00"});
            }
            service
        })
        .collect();
    if !services.is_empty() {
        let text = serde_json::to_string_pretty(&json!({"services": services})).unwrap_or_default();
        files.push(("services.json".to_string(), text));
    }
    files.sort();
    files
}

fn user(c: &mut Choices, id: &str, name: &str, zone: &str) -> Value {
    let slug: String = name.split(' ').next().unwrap_or("x").to_lowercase();
    let mut u = json!({
        "id": id,
        "type": "user",
        "name": name,
        "email": format!("{slug}@example.com"),
        "time_zone": zone,
        "role": "user",
        "html_url": format!("https://acme.pagerduty.com/users/{id}"),
    });
    if c.one_in(3) {
        return u;
    }
    let kinds = [
        "phone_contact_method",
        "sms_contact_method",
        "email_contact_method",
        "push_notification_contact_method",
    ];
    let n = 1 + c.pick(3);
    let methods: Vec<Value> = (0..n)
        .map(|i| {
            let kind = kinds[c.pick(kinds.len())];
            let mut m = json!({"id": format!("{id}C{i}"), "type": kind, "label": "Mobile",
                "address": if kind == "email_contact_method" { format!("{slug}@example.com") } else { format!("77009{:05}", c.pick(100_000)) }});
            if kind == "phone_contact_method" || kind == "sms_contact_method" {
                m["country_code"] = json!(44);
            }
            m
        })
        .collect();
    let rules: Vec<Value> = (0..1 + c.pick(4))
        .map(|r| {
            let m = &methods[c.pick(methods.len())];
            json!({
                "id": format!("{id}N{r}"),
                "type": "assignment_notification_rule",
                "start_delay_in_minutes": c.pick(30),
                "urgency": c.of(&["high", "high", "low"]),
                "contact_method": {"id": m["id"], "type": m["type"]},
            })
        })
        .collect();
    u["contact_methods"] = Value::Array(methods);
    u["notification_rules"] = Value::Array(rules);
    u
}

fn layer(c: &mut Choices, index: usize, get: bool, users: &[(String, &str)], offset: i64) -> Value {
    let turn: i64 = match c.pick(6) {
        0 => 3600,
        1 => 28_800,
        2 => 43_200,
        3 => 86_400,
        4 => 604_800,
        _ => 3600 * (1 + c.pick(24 * 14) as i64),
    };
    let start = BASE + (c.pick(24 * 30) as i64) * 3600;
    // The virtual start before `start` (the usual case) or after it.
    let rvs = if c.one_in(4) {
        start + (c.pick(24 * 8) as i64) * 3600
    } else {
        start - (c.pick(24 * 30) as i64) * 3600
    };
    let n = 1 + c.pick(users.len());
    let members: Vec<Value> = (0..n)
        .map(|_| {
            let (id, name) = &users[c.pick(users.len())];
            json!({"user": {"id": id, "type": "user_reference", "summary": name}})
        })
        .collect();
    let end = if c.one_in(3) {
        let end = start + (1 + c.pick(24 * 60) as i64) * 3600;
        json!(time(c, end, offset))
    } else {
        json!(null)
    };
    let restrictions: Vec<Value> = (0..c.pick(4))
        .map(|_| {
            let at = format!(
                "{:02}:{:02}:{:02}",
                c.pick(24),
                c.of(&["00", "30", "15"]),
                c.of(&["00", "00", "30"])
            );
            if c.one_in(2) {
                json!({"type": "daily_restriction", "start_time_of_day": at,
                       "duration_seconds": 1 + c.pick(86_399)})
            } else {
                json!({"type": "weekly_restriction", "start_time_of_day": at,
                       "start_day_of_week": 1 + c.pick(7),
                       "duration_seconds": 1 + c.pick(604_799)})
            }
        })
        .collect();
    let mut l = json!({
        "name": format!("Layer {}", index + 1),
        "start": time(c, start, offset),
        "end": end,
        "rotation_virtual_start": time(c, rvs, offset),
        "rotation_turn_length_seconds": turn,
        "users": members,
        "restrictions": restrictions,
    });
    if get {
        l["id"] = json!(format!("PLAYR{index}"));
        l["rendered_coverage_percentage"] = json!(50.0);
    }
    l
}
