//! The AWS Incident Manager importer (`ssm-contacts`): API JSON
//! ([`api`]), CloudFormation templates in YAML or JSON ([`cfn`]) and the
//! `aws`/`awscc` Terraform providers ([`terraform`]), read into one
//! intermediate of Incident Manager's own objects ([`objects`]; [`read`]
//! reads each object once whatever the format), then one mapping
//! ([`map`]): rotations as layers with several handoffs a period (E12),
//! coverage as restrictions, overrides on their rotation's layer (E13);
//! on-call schedules as the union of their rotations; escalation plans as
//! policies whose stages last their `DurationInMinutes`, non-essential
//! targets marked (E14); personal contacts' engagement plans as contact
//! plans. `docs/import-aws.md` names the source of each rule and each
//! reading where AWS is silent.

use crate::diagnostic::{Severity, Span};
use crate::import::view::Diags;
use crate::import::{Cx, Format};

pub mod api;
pub mod cfn;
pub mod map;
pub mod objects;
pub mod read;
pub mod terraform;

/// Imports the AWS files `files` (indices into `cx.files`, with their
/// formats) into the draft.
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
            Format::CloudFormation => cfn::read(cx, &mut export, file, &mut diags),
            Format::Terraform | Format::TerraformVars => {}
            other => diags.push(
                file,
                crate::diagnostic::Diagnostic::error(
                    "import-unsupported",
                    Span::new(0, 0),
                    format!("AWS Incident Manager has no {} format; import its API JSON, CloudFormation or Terraform", other.label()),
                ),
            ),
        }
    }
    map::map(cx, &export, &mut diags);
    cx.diagnostics.extend(diags.0);
}
