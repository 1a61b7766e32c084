//! The PagerDuty importer: REST API v2 JSON and Terraform, into one
//! intermediate of PagerDuty's own objects ([`objects`]), then one mapping
//! to the document ([`map`]), so each vendor rule is written once.
//!
//! - [`api`] reads API JSON (single objects, list responses, the overrides
//!   response, users with contact methods and notification rules; any
//!   number of files, references resolved across them);
//! - [`map`] applies PagerDuty's semantics: layers bottom to top with
//!   `combine: top`, `rotation_virtual_start` as the handoff, restrictions
//!   as windows with a `duration`, overrides replacing everyone, rules as
//!   steps with `on_empty_step: skip`, `num_loops` as `repeat`, high-urgency
//!   notification rules as contact plans. Every field of every object lands
//!   in the document or gets a diagnostic at its span.
//!
//! `docs/import-pagerduty.md` lists each rule with its source and the
//! choices made where PagerDuty is silent.

use crate::diagnostic::{Diagnostic, Span};
use crate::import::{Cx, Format};

pub mod api;
pub mod map;
pub mod objects;
pub mod terraform;

use objects::{Export, Field, Schedule};

/// Reads the PagerDuty files of an import (`files`: index and format) into
/// the draft document.
pub fn import(cx: &mut Cx<'_>, files: &[(usize, Format)]) {
    let mut export = Export::default();
    let mut loose = Vec::new();
    // The Terraform module is read once, whatever number of files it has
    // (`.tfvars` files and files read by `file()` go with it).
    if files.iter().any(|(_, f)| *f == Format::Terraform) {
        terraform::read(cx, &mut export);
    }
    for &(file, format) in files {
        match format {
            Format::Api | Format::ModuleYaml => api::read(cx, file, &mut export, &mut loose),
            Format::Terraform | Format::TerraformVars => {}
            _ => cx.report(
                file,
                Diagnostic::error(
                    "import-unsupported",
                    Span::new(0, 0),
                    format!("PagerDuty {} files are not read yet", format.label()),
                ),
            ),
        }
    }
    map::dedupe(cx, &mut export);
    attribute_overrides(cx, &mut export, loose);
    map::map(cx, export);
}

/// Gives each overrides response (`{"overrides": [...]}` says nothing of
/// its schedule) to the schedule whose id the file name holds
/// (`overrides-PSCH001.json`), else to the only schedule of the import.
fn attribute_overrides(cx: &mut Cx<'_>, export: &mut Export, loose: Vec<api::LooseOverrides>) {
    for list in loose {
        if list.overrides.is_empty() {
            continue;
        }
        let name = cx
            .files
            .get(list.file)
            .map(|f| f.name.clone())
            .unwrap_or_default();
        let base = name.rsplit(['/', '\\']).next().unwrap_or(&name).to_string();
        let by_name = export
            .schedules
            .iter()
            .enumerate()
            .filter(|(_, s)| !s.key.is_empty() && base.contains(s.key.as_str()))
            .max_by_key(|(_, s)| s.key.len())
            .map(|(i, _)| i);
        let target = match by_name {
            Some(i) => Some(i),
            None => match pagerduty_id_in(&base) {
                Some(id) => {
                    cx.report(
                        list.file,
                        Diagnostic::warning(
                            "import-missing-object",
                            list.loc.span,
                            format!("these overrides are for schedule `{id}` (from the file name), which is in no file: imported on a schedule with no layers"),
                        )
                        .with_help("add the schedule's export (GET /schedules/ID) to the files"),
                    );
                    export.schedules.push(Schedule {
                        key: id,
                        loc: list.loc,
                        time_zone: Field::Unknown(list.loc),
                        ..Schedule::default()
                    });
                    Some(export.schedules.len() - 1)
                }
                None if export.schedules.len() == 1 => {
                    cx.report(
                        list.file,
                        Diagnostic::info(
                            "import-assumption",
                            list.loc.span,
                            "these overrides do not say their schedule: given to the only schedule of the import",
                        )
                        .with_help("name the file after the schedule's id (`overrides-PSCH001.json`) to say it"),
                    );
                    Some(0)
                }
                None => None,
            },
        };
        match target.and_then(|i| export.schedules.get_mut(i)) {
            Some(schedule) => schedule.overrides.extend(list.overrides),
            None => cx.report(
                list.file,
                Diagnostic::error(
                    "import-missing-object",
                    list.loc.span,
                    match list.overrides.len() {
                        1 => "cannot tell which schedule this override is for; not imported"
                            .to_string(),
                        n => format!(
                            "cannot tell which schedule these {n} overrides are for; not imported"
                        ),
                    },
                )
                .with_help("name the file after the schedule's id, like `overrides-PSCH001.json` (GET /schedules/PSCH001/overrides)"),
            ),
        }
    }
}

/// A PagerDuty-style id (`P` and six or more capitals or digits) among the
/// words of a file name.
fn pagerduty_id_in(name: &str) -> Option<String> {
    name.split(|c: char| !c.is_ascii_alphanumeric())
        .find(|w| {
            w.len() >= 7
                && w.starts_with('P')
                && w.chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        })
        .map(str::to_string)
}
