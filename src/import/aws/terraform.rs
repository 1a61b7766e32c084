//! AWS Incident Manager's Terraform resources: the `aws` provider's
//! `aws_ssmcontacts_contact`, `_rotation`, `_plan`, `_contact_channel`
//! (nested blocks, API field names) and the `awscc` provider's
//! `awscc_ssmcontacts_*` (attributes, CloudFormation's shapes). Each
//! instance is read by [`super::read`] under its address, which is what
//! references such as `aws_ssmcontacts_contact.alice.arn` name.

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
        let kind = match res
            .kind
            .strip_prefix("aws_ssmcontacts_")
            .or_else(|| res.kind.strip_prefix("awscc_ssmcontacts_"))
        {
            Some(k) => k,
            None => continue,
        };
        let at = Loc::new(res.file, res.span);
        if res.mode == Mode::Data {
            diags.push(res.file, Diagnostic::info("import-lookup", res.span, format!("`{}` looks up an object Incident Manager already has; its content is not in the files", res.address)));
            continue;
        }
        let Some(obj) = Obj::new(
            View::Body {
                body: &res.body,
                at,
            },
            "a resource",
            diags,
        ) else {
            continue;
        };
        let key = res.address.clone();
        match kind {
            "contact" => export.contacts.push(read::contact(key, obj, diags)),
            "rotation" => export.rotations.push(read::rotation(key, obj, diags)),
            "plan" => export.plans.push(read::plan(key, obj, diags)),
            "contact_channel" => export.channels.push(read::channel(key, obj, diags)),
            other => diags.push(res.file, Diagnostic::info("import-not-imported", res.span, format!("not imported: `{}` (`{other}` is not part of who is on call or who is paged)", res.address))),
        }
    }
}
