//! [`ImportOutput`]: the JSON shape of an import, for CLI `--json` and the
//! JS `importDocument` alike.

use serde::Serialize;

use crate::diagnostic::LineIndex;
use crate::import::{Import, SourceFile};

use super::diagnostic::{Diagnostic, Span};

/// An import as printed and returned to JS.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ImportOutput {
    /// The Escalator document (YAML).
    pub document: String,
    /// True when nothing needs a value and nothing failed to import.
    pub complete: bool,
    /// "PagerDuty Terraform, 3 files: 5 schedules, 3 policies, 2 values needed".
    pub summary: String,
    pub detected: DetectedJson,
    pub counts: CountsJson,
    /// Values to pass (`--var NAME=VALUE`, or the page's fields).
    pub needed: Vec<NeededJson>,
    /// Diagnostics about the source files, each naming its file.
    pub diagnostics: Vec<FileDiagnosticJson>,
}

/// What the files were recognised as.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DetectedJson {
    /// "PagerDuty Terraform", "Opsgenie API and PagerDuty Terraform".
    pub label: String,
    pub files: Vec<DetectedFileJson>,
}

/// One file and what it was recognised as (`null`: not recognised, or
/// read along with others, as `.tfvars` are).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DetectedFileJson {
    pub name: String,
    pub vendor: Option<&'static str>,
    pub format: Option<&'static str>,
}

/// How many objects of each kind the document holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct CountsJson {
    pub people: usize,
    pub schedules: usize,
    pub policies: usize,
    pub services: usize,
}

/// A value the import needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NeededJson {
    pub name: String,
    pub description: Option<String>,
    pub example: Option<String>,
    pub file: String,
    pub span: Span,
}

/// A diagnostic about one of the source files.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FileDiagnosticJson {
    /// The file's name as given.
    pub file: String,
    #[serde(flatten)]
    pub diagnostic: Diagnostic,
}

impl ImportOutput {
    /// The JSON shape of an import of `files`.
    pub fn new(files: &[SourceFile], import: &Import) -> ImportOutput {
        let indexes: Vec<LineIndex<'_>> = files.iter().map(|f| LineIndex::new(&f.text)).collect();
        let name = |i: usize| files.get(i).map_or_else(String::new, |f| f.name.clone());
        let empty = LineIndex::new("");
        let index = |i: usize| indexes.get(i).unwrap_or(&empty);
        ImportOutput {
            document: import.document.clone(),
            complete: import.is_complete(),
            summary: import.summary(),
            detected: DetectedJson {
                label: import.label(),
                files: import
                    .detected
                    .iter()
                    .map(|d| DetectedFileJson {
                        name: name(d.file),
                        vendor: d.vendor.map(|v| v.key()),
                        format: d.format.map(|f| f.key()),
                    })
                    .collect(),
            },
            counts: CountsJson {
                people: import.counts.people,
                schedules: import.counts.schedules,
                policies: import.counts.policies,
                services: import.counts.services,
            },
            needed: import
                .needed
                .iter()
                .map(|n| NeededJson {
                    name: n.name.clone(),
                    description: n.description.clone(),
                    example: n.example.clone(),
                    file: name(n.file),
                    span: super::diagnostic::span_json(index(n.file), n.span),
                })
                .collect(),
            diagnostics: import
                .diagnostics
                .iter()
                .map(|d| FileDiagnosticJson {
                    file: name(d.file),
                    diagnostic: Diagnostic::new(index(d.file), &d.diagnostic),
                })
                .collect(),
        }
    }
}
