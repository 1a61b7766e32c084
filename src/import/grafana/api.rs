//! Grafana OnCall's public API JSON: finds the objects of each response
//! (paginated lists `{count, next, previous, results}`, plain lists, single
//! objects, or a file holding several endpoints' answers under their names)
//! and gives each to [`super::read`] with its `id` as key.

use crate::diagnostic::Diagnostic;
use crate::document::Node;
use crate::import::view::{Diags, Obj, Scalar, View};

use super::objects::Export;
use super::read::{self, Kind};

/// The kind of an API object, from its keys.
pub fn kind_of(node: &Node) -> Option<Kind> {
    let has = |k: &str| node.get(k).is_some();
    let str_of = |k: &str| node.get(k).and_then(Node::as_str).unwrap_or("");
    let shift_types = [
        "rolling_users",
        "recurrent_event",
        "single_event",
        "override",
    ];
    if has("rolling_users")
        || has("start_rotation_from_user_index")
        || has("frequency")
        || has("by_day")
        || (shift_types.contains(&str_of("type")) && has("start"))
    {
        return Some(Kind::Shift);
    }
    if has("routing_regex") || has("is_the_last_route") {
        return Some(Kind::Route);
    }
    if has("escalation_chain_id") && (has("position") || has("type")) {
        return Some(Kind::Escalation);
    }
    if has("default_route") || has("inbound_email") {
        return Some(Kind::Integration);
    }
    if ["calendar", "ical", "web"].contains(&str_of("type"))
        && (has("time_zone") || has("shifts") || has("ical_url_primary") || has("on_call_now"))
    {
        return Some(Kind::Schedule);
    }
    if has("username") {
        return Some(Kind::User);
    }
    let keys: Vec<&str> = node.as_map()?.iter().map(|e| e.key.as_str()).collect();
    if has("name") && keys.iter().all(|k| ["id", "name", "team_id"].contains(k)) {
        return Some(Kind::Chain);
    }
    None
}

/// Endpoint names a combined file may use as keys.
const ENDPOINTS: &[&str] = &[
    "on_call_shifts",
    "shifts",
    "schedules",
    "escalation_chains",
    "escalation_policies",
    "escalations",
    "routes",
    "integrations",
    "users",
];

/// Reads one file's tree into `export`.
pub fn read(export: &mut Export, file: usize, root: &Node, diags: &mut Diags) {
    match &root.kind {
        crate::document::NodeKind::Seq(items) => {
            for item in items {
                object(export, file, item, diags);
            }
        }
        crate::document::NodeKind::Map(_) => {
            if kind_of(root).is_some() {
                object(export, file, root, diags);
                return;
            }
            let Some(mut obj) = Obj::new(View::node(root, file), "an OnCall API response", diags)
            else {
                return;
            };
            if let Some(results) = obj.get("results") {
                if let Some(next) = obj.get("next") {
                    if let Scalar::Str(url) = next.scalar() {
                        let at = next.loc();
                        diags.push(
                            at.file,
                            Diagnostic::warning(
                                "grafana-more-pages",
                                at.span,
                                format!("OnCall has more results than this page holds (next: `{url}`); only this page is imported"),
                            )
                            .with_help("fetch the next pages and import them with this file"),
                        );
                    }
                }
                obj.skip(&[
                    "count",
                    "previous",
                    "current_page_number",
                    "page_size",
                    "total_pages",
                ]);
                list(export, results, diags);
            }
            for key in ENDPOINTS {
                if let Some(v) = obj.get(key) {
                    match v.entries() {
                        Some(entries) if entries.iter().any(|e| e.0 == "results") => {
                            if let Some(mut o) = Obj::new(v, "a page of results", diags) {
                                if let Some(r) = o.get("results") {
                                    list(export, r, diags);
                                }
                                o.skip(&[
                                    "count",
                                    "next",
                                    "previous",
                                    "current_page_number",
                                    "page_size",
                                    "total_pages",
                                ]);
                                o.finish(diags, "pagination");
                            }
                        }
                        _ => list(export, v, diags),
                    }
                }
            }
            obj.finish(diags, "not an OnCall object the importer reads");
        }
        _ => diags.push(
            file,
            Diagnostic::warning(
                "import-not-recognised",
                root.span,
                "not an OnCall API response; not imported",
            ),
        ),
    }
}

fn list(export: &mut Export, v: View<'_>, diags: &mut Diags) {
    for item in v.items().unwrap_or_default() {
        if let View::Node { node, file } = item {
            object(export, file, node, diags);
        }
    }
}

fn object(export: &mut Export, file: usize, node: &Node, diags: &mut Diags) {
    let Some(kind) = kind_of(node) else {
        diags.push(
            file,
            Diagnostic::warning(
                "import-not-recognised",
                node.span,
                "not an OnCall shift, schedule, escalation chain or step, route, integration or user; not imported",
            ),
        );
        return;
    };
    let Some(mut obj) = Obj::new(View::node(node, file), kind.label(), diags) else {
        return;
    };
    let key = match obj.str("id", kind.label(), diags).value() {
        Some(id) => id.clone(),
        None => {
            let at = obj.head();
            diags.push(
                at.file,
                Diagnostic::warning(
                    "import-missing-key",
                    at.span,
                    format!(
                        "{} without `id`: references to it cannot be followed",
                        kind.label()
                    ),
                ),
            );
            String::new()
        }
    };
    match kind {
        Kind::Shift => export.shifts.push(read::shift(key, obj, diags)),
        Kind::Schedule => export.schedules.push(read::schedule(key, obj, diags)),
        Kind::Chain => export.chains.push(read::chain(key, obj, diags)),
        Kind::Escalation => export.steps.push(read::escalation(key, obj, diags)),
        Kind::Route => export.routes.push(read::route(key, obj, diags)),
        Kind::Integration => export.integrations.push(read::integration(key, obj, diags)),
        Kind::User => export.users.push(read::user(key, obj, false, diags)),
    }
}
