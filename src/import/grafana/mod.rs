//! The Grafana OnCall importer: the Terraform provider's `grafana_oncall_*`
//! resources and the public API's JSON, read into one intermediate of
//! OnCall's own objects ([`objects`]; both formats share field names, so
//! [`read`] reads each object once, [`api`] and [`terraform`] only find
//! them), then one mapping ([`map`]) that writes each shift as the series
//! OnCall generates for its calendar, and each escalation chain with
//! OnCall's timing. `docs/import-grafana.md` names the source of each rule.

use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::import::view::Diags;
use crate::import::{Cx, Format};

pub mod api;
pub mod map;
pub mod objects;
pub mod read;
pub mod rrule;
pub mod terraform;

/// Imports the Grafana OnCall files `files` (indices into `cx.files`, with
/// their formats) into the draft.
pub fn import(cx: &mut Cx<'_>, files: &[(usize, Format)]) {
    let mut diags = Diags::default();
    let mut export = objects::Export::default();
    if files.iter().any(|(_, f)| *f == Format::Terraform) {
        terraform::read(cx, &mut export, &mut diags);
    }
    for &(file, format) in files {
        let Some(source) = cx.files.get(file) else {
            continue;
        };
        match format {
            Format::Api => {
                let parsed = crate::document::parse(&source.text);
                for d in parsed.diagnostics {
                    if d.severity == Severity::Error {
                        diags.push(file, d);
                    }
                }
                if let Some(root) = parsed.root {
                    api::read(&mut export, file, &root, &mut diags);
                }
            }
            Format::Terraform | Format::TerraformVars => {}
            other => diags.push(
                file,
                Diagnostic::error(
                    "import-unsupported",
                    Span::new(0, 0),
                    format!(
                        "Grafana OnCall has no {} format; import its Terraform or its API JSON",
                        other.label()
                    ),
                ),
            ),
        }
    }
    map::map(cx, &export, &mut diags);
    cx.diagnostics.extend(diags.0);
}
