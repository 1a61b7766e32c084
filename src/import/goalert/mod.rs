//! The GoAlert importer: the JSON of GoAlert's GraphQL API (GoAlert keeps
//! its configuration in its database and has no definitions-as-code), read
//! into one intermediate of GoAlert's own objects ([`objects`], by
//! [`api`]), then one mapping to the document ([`map`]) that applies each
//! of GoAlert's rules once:
//!
//! - a rotation turns on its zone's wall clock, a handoff at a local time
//!   that does not exist happens at the transition instant, and the
//!   rotation moves one user per distinct handoff instant (schedule
//!   `dst_gap: transition`, layer `turn_count: instants`);
//! - a rotation is anchored on its current turn, from `activeUserIndex`
//!   and `nextHandoffTimes` (GoAlert stores the rotation's state);
//! - a schedule is the union of its targets' rules (`combine: union`), each
//!   rule a window on its opening weekdays; a window closing in a fold
//!   closes at the later occurrence (`dst_fold_close: later`);
//! - overrides add, remove or replace (only while the replaced user is on
//!   call); a temporary schedule replaces everything, overrides included;
//! - a policy's empty step waits its delay (`on_empty_step: wait`) and
//!   `repeat` counts extra passes.
//!
//! `docs/import-goalert.md` names the source of each rule.

use crate::diagnostic::Severity;
use crate::import::view::Diags;
use crate::import::{Cx, Format};

pub mod api;
pub mod map;
pub mod objects;

/// Imports the GoAlert files `files` (indices into `cx.files`, with their
/// formats) into the draft.
pub fn import(cx: &mut Cx<'_>, files: &[(usize, Format)]) {
    let mut diags = Diags::default();
    let mut export = objects::Export::default();
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
            Format::TerraformVars => {}
            other => diags.push(
                file,
                crate::diagnostic::Diagnostic::error(
                    "import-unsupported",
                    crate::diagnostic::Span::new(0, 0),
                    format!(
                        "GoAlert has no {} format; export its GraphQL API objects as JSON",
                        other.label()
                    ),
                ),
            ),
        }
    }
    map::map(cx, &export, &mut diags);
    cx.diagnostics.extend(diags.0);
}
