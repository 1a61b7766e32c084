//! Services and their routing, severities, triggers and vendors.

use chrono_tz::Tz;

use crate::document::{Node, NodeKind};
use crate::model::{Routing, Service, Severity, Spanned, Trigger, Vendor, VendorContact};

use super::reader::Cx;
use super::{all, items, schedules::windows, Tables};

pub(super) fn severities(cx: &mut Cx, list: &[Node]) -> Option<Vec<Severity>> {
    all(list
        .iter()
        .map(|node| {
            let obj = cx.object(node, "a severity", &["id", "ack_within", "comms_within"])?;
            let id = obj.id(cx);
            let ack = obj.get("ack_within").map(|n| cx.duration(n));
            let comms = obj.get("comms_within").map(|n| cx.duration(n));
            Some(Severity {
                id: id?,
                ack_within: match ack {
                    Some(a) => Some(a?.value),
                    None => None,
                },
                comms_within: match comms {
                    Some(c) => Some(c?.value),
                    None => None,
                },
                span: node.span,
            })
        })
        .collect::<Vec<_>>())
}

pub(super) fn services(cx: &mut Cx, tables: &Tables, list: &[Node]) -> Option<Vec<Service>> {
    all(list
        .iter()
        .map(|node| service(cx, tables, node))
        .collect::<Vec<_>>())
}

fn service(cx: &mut Cx, tables: &Tables, node: &Node) -> Option<Service> {
    let obj = cx.object(
        node,
        "a service",
        &["id", "name", "source", "owner", "escalation", "vendors"],
    )?;
    let id = obj.id(cx);
    let name = obj.opt_string(cx, "name");
    let source = obj.opt_string(cx, "source");
    let owner = obj.get("owner").map(|n| tables.person_at(cx, n, "owner"));
    let escalation = match obj.get("escalation") {
        None => Some(Routing::default()),
        Some(n) => routing(cx, tables, n),
    };
    let vendors = match obj.get("vendors") {
        None => Some(Vec::new()),
        Some(n) => cx.strings(n, "a vendor id").and_then(|ids| {
            all(ids
                .iter()
                .map(|id| tables.vendor_ref(cx, id))
                .collect::<Vec<_>>())
        }),
    };
    Some(Service {
        id: id?,
        name: name.map(|n| n.value),
        source: source.map(|n| n.value),
        owner: match owner {
            Some(o) => Some(o?),
            None => None,
        },
        escalation: escalation?,
        vendors: vendors?,
        span: node.span,
    })
}

/// `escalation: payments` or `escalation: {sev1: payments-urgent, default: payments}`.
fn routing(cx: &mut Cx, tables: &Tables, node: &Node) -> Option<Routing> {
    match &node.kind {
        NodeKind::Str(id) => {
            let policy = tables.policy_ref(cx, &Spanned::new(id.clone(), node.span))?;
            Some(Routing {
                by_severity: Vec::new(),
                default: Some(policy),
                span: node.span,
            })
        }
        NodeKind::Map(entries) => {
            let mut routing = Routing {
                by_severity: Vec::new(),
                default: None,
                span: node.span,
            };
            let mut ok = true;
            for entry in entries {
                let policy = cx
                    .string(&entry.value, "a policy id")
                    .and_then(|id| tables.policy_ref(cx, &id));
                if entry.key == "default" {
                    routing.default = policy;
                    ok &= routing.default.is_some();
                    continue;
                }
                let severity =
                    tables.severity_ref(cx, &Spanned::new(entry.key.clone(), entry.key_span));
                match (severity, policy) {
                    (Some(s), Some(p)) => routing.by_severity.push((s, p)),
                    _ => ok = false,
                }
            }
            ok.then_some(routing)
        }
        _ => {
            cx.wrong_type(node, "a policy id or a mapping of severity to policy id");
            None
        }
    }
}

pub(super) fn triggers(cx: &mut Cx, tables: &Tables, list: &[Node]) -> Option<Vec<Trigger>> {
    all(list
        .iter()
        .map(|node| {
            let obj = cx.object(node, "a trigger", &["id", "source", "service", "severity"])?;
            let id = obj.id(cx);
            let source = obj.req_string(cx, "source");
            let service = obj
                .req_string(cx, "service")
                .and_then(|s| tables.service_ref(cx, &s));
            let severity = obj
                .req_string(cx, "severity")
                .and_then(|s| tables.severity_ref(cx, &s));
            Some(Trigger {
                id: id?,
                source: source?.value,
                service: service?,
                severity: severity?,
                span: node.span,
            })
        })
        .collect::<Vec<_>>())
}

pub(super) fn vendors(
    cx: &mut Cx,
    tables: &Tables,
    zone: Tz,
    list: &[Node],
) -> Option<Vec<Vendor>> {
    all(list
        .iter()
        .map(|node| vendor(cx, tables, zone, node))
        .collect::<Vec<_>>())
}

fn vendor(cx: &mut Cx, tables: &Tables, zone: Tz, node: &Node) -> Option<Vendor> {
    let obj = cx.object(
        node,
        "a vendor",
        &[
            "id",
            "name",
            "source",
            "timezone",
            "sla",
            "support_hours",
            "contacts",
        ],
    )?;
    let id = obj.id(cx);
    let name = obj.opt_string(cx, "name");
    let source = obj.opt_string(cx, "source");
    let timezone = match obj.get("timezone") {
        Some(n) => cx.timezone(n),
        None => Some(zone),
    };
    let sla = match obj.get("sla") {
        None => Some(Vec::new()),
        Some(n) => match n.as_map() {
            None => {
                cx.wrong_type(
                    n,
                    "`sla` to be a mapping of severity to duration, like `{sev1: 30m}`",
                );
                None
            }
            Some(entries) => all(entries
                .iter()
                .map(|e| {
                    let severity =
                        tables.severity_ref(cx, &Spanned::new(e.key.clone(), e.key_span));
                    let within = cx.duration(&e.value);
                    Some((severity?, within?))
                })
                .collect::<Vec<_>>()),
        },
    };
    let support_hours = windows(cx, obj.get("support_hours"), "support_hours");
    let contacts = all(items(cx, obj.get("contacts"), "contacts")
        .iter()
        .map(|n| {
            let c = cx.object(n, "a vendor contact", &["via", "to"])?;
            let via = c.req_string(cx, "via");
            let to = c.req_string(cx, "to");
            Some(VendorContact {
                via: via?.value,
                to: to?.value,
            })
        })
        .collect::<Vec<_>>());
    Some(Vendor {
        id: id?,
        name: name.map(|n| n.value),
        source: source.map(|n| n.value),
        timezone: timezone?,
        sla: sla?,
        support_hours: support_hours?,
        contacts: contacts?,
        span: node.span,
    })
}
