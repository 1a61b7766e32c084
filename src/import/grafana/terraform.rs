//! Grafana OnCall's Terraform resources (the `grafana` provider): each
//! `grafana_oncall_*` resource instance is read by [`super::read`] under its
//! address (`grafana_oncall_on_call_shift.apac`), which is what references
//! such as `grafana_oncall_on_call_shift.apac.id` name.

use crate::diagnostic::Diagnostic;
use crate::import::terraform::{self, Mode};
use crate::import::view::{Diags, Loc, Obj, View};
use crate::import::Cx;

use super::objects::Export;
use super::read;

/// Reads the Terraform module of the import into `export`.
pub fn read(cx: &mut Cx<'_>, export: &mut Export, diags: &mut Diags) {
    let module = terraform::read(cx.files, &cx.options.vars);
    cx.report_terraform(&module);
    for res in &module.resources {
        let Some(kind) = res.kind.strip_prefix("grafana_oncall_") else {
            if res.kind.starts_with("grafana_") {
                continue; // Grafana's other resources (dashboards, folders...).
            }
            continue;
        };
        let at = Loc::new(res.file, res.span);
        let view = View::Body {
            body: &res.body,
            at,
        };
        let key = res.address.clone();
        let kind_label = match kind {
            "on_call_shift" => read::Kind::Shift,
            "schedule" => read::Kind::Schedule,
            "escalation_chain" => read::Kind::Chain,
            "escalation" => read::Kind::Escalation,
            "route" => read::Kind::Route,
            "integration" => read::Kind::Integration,
            "user" => read::Kind::User,
            other => {
                diags.push(
                    res.file,
                    Diagnostic::info(
                        "import-not-imported",
                        res.span,
                        format!("not imported: `grafana_oncall_{other}` (not part of who is on call or who is paged)"),
                    ),
                );
                continue;
            }
        };
        if res.mode == Mode::Data {
            match kind_label {
                read::Kind::User => {
                    if let Some(obj) = Obj::new(view, "a user", diags) {
                        export.users.push(read::user(key, obj, true, diags));
                    }
                }
                _ => diags.push(
                    res.file,
                    Diagnostic::info(
                        "import-lookup",
                        res.span,
                        format!("`{}` looks up an object OnCall already has; its content is not in the files", res.address),
                    ),
                ),
            }
            continue;
        }
        let Some(obj) = Obj::new(view, kind_label.label(), diags) else {
            continue;
        };
        match kind_label {
            read::Kind::Shift => export.shifts.push(read::shift(key, obj, diags)),
            read::Kind::Schedule => export.schedules.push(read::schedule(key, obj, diags)),
            read::Kind::Chain => export.chains.push(read::chain(key, obj, diags)),
            read::Kind::Escalation => export.steps.push(read::escalation(key, obj, diags)),
            read::Kind::Route => export.routes.push(read::route(key, obj, diags)),
            read::Kind::Integration => export.integrations.push(read::integration(key, obj, diags)),
            read::Kind::User => export.users.push(read::user(key, obj, false, diags)),
        }
    }
}
