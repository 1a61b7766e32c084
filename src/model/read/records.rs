//! People, pre-approved actions, drills and the review cadence.

use crate::diagnostic::Diagnostic;
use crate::document::Node;
use crate::model::{Action, ContactRule, Drill, Participant, Person, PersonIdx, Review, VendorIdx};
use crate::time::Seconds;

use super::reader::Cx;
use super::{all, items, Tables};

pub(super) fn people(cx: &mut Cx, list: &[Node]) -> Option<Vec<Person>> {
    all(list.iter().map(|node| person(cx, node)).collect::<Vec<_>>())
}

fn person(cx: &mut Cx, node: &Node) -> Option<Person> {
    let obj = cx.object(
        node,
        "a person",
        &["id", "name", "source", "timezone", "contact"],
    )?;
    let id = obj.id(cx);
    let name = obj.opt_string(cx, "name");
    let source = obj.opt_string(cx, "source");
    let timezone = obj.get("timezone").map(|n| cx.timezone(n));
    let contact = all(items(cx, obj.get("contact"), "contact")
        .iter()
        .map(|n| contact_rule(cx, n))
        .collect::<Vec<_>>());
    Some(Person {
        id: id?,
        name: name.map(|n| n.value),
        source: source.map(|n| n.value),
        timezone: match timezone {
            Some(tz) => Some(tz?),
            None => None,
        },
        contact: contact?,
        span: node.span,
    })
}

fn contact_rule(cx: &mut Cx, node: &Node) -> Option<ContactRule> {
    let obj = cx.object(node, "a contact rule", &["via", "after", "to"])?;
    let via = obj.req_string(cx, "via");
    let after = match obj.get("after") {
        Some(n) => Some(cx.duration(n)?.value),
        None => Some(Seconds(0)),
    };
    let to = obj.opt_string(cx, "to");
    Some(ContactRule {
        via: via?.value,
        after: after?,
        to: to.map(|t| t.value),
        span: node.span,
    })
}

pub(super) fn actions(cx: &mut Cx, tables: &Tables, list: &[Node]) -> Option<Vec<Action>> {
    all(list
        .iter()
        .map(|node| action(cx, tables, node))
        .collect::<Vec<_>>())
}

fn action(cx: &mut Cx, tables: &Tables, node: &Node) -> Option<Action> {
    let keys = [
        "id",
        "title",
        "runbook",
        "services",
        "severities",
        "approved_by",
        "approved_until",
    ];
    let obj = cx.object(node, "an action", &keys)?;
    let id = obj.id(cx);
    let title = obj.req_string(cx, "title");
    let runbook = obj.opt_string(cx, "runbook");
    let services = obj.required(cx, "services").and_then(|n| {
        let ids = cx.strings(n, "a service id")?;
        all(ids
            .iter()
            .map(|id| tables.service_ref(cx, id))
            .collect::<Vec<_>>())
    });
    let severities = match obj.get("severities") {
        None => Some(Vec::new()),
        Some(n) => cx.strings(n, "a severity id").and_then(|ids| {
            all(ids
                .iter()
                .map(|id| tables.severity_ref(cx, id))
                .collect::<Vec<_>>())
        }),
    };
    let approved_by = obj
        .get("approved_by")
        .map(|n| tables.person_at(cx, n, "approved_by"));
    let approved_until = obj.get("approved_until").map(|n| cx.date_time(n));
    Some(Action {
        id: id?,
        title: title?.value,
        runbook: runbook.map(|r| r.value),
        services: services?,
        severities: severities?,
        approved_by: match approved_by {
            Some(p) => Some(p?),
            None => None,
        },
        approved_until: match approved_until {
            Some(t) => Some(t?),
            None => None,
        },
        span: node.span,
    })
}

pub(super) fn drills(cx: &mut Cx, tables: &Tables, list: &[Node]) -> Option<Vec<Drill>> {
    all(list
        .iter()
        .map(|node| drill(cx, tables, node))
        .collect::<Vec<_>>())
}

fn drill(cx: &mut Cx, tables: &Tables, node: &Node) -> Option<Drill> {
    let obj = cx.object(node, "a drill", &["date", "scenario", "participants"])?;
    let date = obj.required(cx, "date").and_then(|n| cx.date(n));
    let scenario = obj.req_string(cx, "scenario");
    let participants = obj.required(cx, "participants").and_then(|n| {
        let ids = cx.strings(n, "a person or vendor id")?;
        all(ids
            .iter()
            .map(|id| {
                if let Some(p) = tables.people.find(&id.value) {
                    return Some(Participant::Person(PersonIdx(p)));
                }
                if let Some(v) = tables.vendors.find(&id.value) {
                    return Some(Participant::Vendor(VendorIdx(v)));
                }
                let mut d = Diagnostic::error(
                    "unknown-reference",
                    id.span,
                    format!("unknown person or vendor `{}`", id.value),
                );
                let names: Vec<&str> = tables
                    .people
                    .names()
                    .chain(tables.vendors.names())
                    .collect();
                if let Some(help) = crate::suggest::did_you_mean(&id.value, names) {
                    d = d.with_help(help);
                }
                cx.push(d);
                None
            })
            .collect::<Vec<_>>())
    });
    Some(Drill {
        date: date?,
        scenario: scenario?.value,
        participants: participants?,
        span: node.span,
    })
}

pub(super) fn review(cx: &mut Cx, node: &Node) -> Option<Review> {
    let obj = cx.object(node, "the review", &["every", "last"])?;
    let every = obj.required(cx, "every").and_then(|n| cx.duration(n));
    let last = obj.get("last").map(|n| cx.date(n));
    Some(Review {
        every: every?,
        last: match last {
            Some(d) => Some(d?),
            None => None,
        },
        span: node.span,
    })
}
