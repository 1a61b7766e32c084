//! [`import_document`]: an import whose completeness means validity. The
//! importers (`crate::import`) check the values they write against the
//! document's limits (durations of at most 100 years, `repeat` up to 20,
//! dates the document can write...) and report what they cannot write at
//! the source's span; they sit below the model and cannot read their
//! document back. This does, one layer up: each error of the written
//! document that slipped through becomes an `import-invalid-output` error,
//! so an import is never complete while its document is invalid. The
//! error is placed where the source names the object it is about (its
//! `source` reference, as written in an imported file), else at the start
//! of the first imported file.

use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::document::{Node, NodeKind};
use crate::import::{
    sort_diagnostics, DetectedFile, FileDiagnostic, Import, ImportError, ImportOptions, SourceFile,
    Vendor,
};

/// Imports `files` (as [`crate::import::import`]) and reads the document
/// back: a complete import is a document `escalator check` finds no error
/// in. What `escalator import` and the JS `importDocument` return.
pub fn import_document(
    files: &[SourceFile],
    options: &ImportOptions,
) -> Result<Import, ImportError> {
    let mut result = crate::import::import(files, options)?;
    let imported = result
        .detected
        .iter()
        .any(|d| d.vendor.is_some_and(|v| v != Vendor::Escalator));
    if imported {
        validate(
            &result.document,
            files,
            &result.detected,
            &mut result.diagnostics,
        );
        sort_diagnostics(&mut result.diagnostics);
    }
    Ok(result)
}

/// At most this many errors of the document are reported one by one.
const MAX_REPORTED: usize = 10;

/// Reads `document` back and reports each of its errors (see the module).
fn validate(
    document: &str,
    files: &[SourceFile],
    detected: &[DetectedFile],
    out: &mut Vec<FileDiagnostic>,
) {
    let (_, diagnostics) = super::read(document);
    let mut errors: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    if errors.is_empty() {
        return;
    }
    let parsed = crate::document::parse(document);
    errors.sort_by_key(|d| (d.span.start, d.code));
    // The files an importer read (not an Escalator document beside them).
    let imported: Vec<usize> = detected
        .iter()
        .filter(|d| d.format.is_some() && d.vendor.is_some_and(|v| v != Vendor::Escalator))
        .map(|d| d.file)
        .collect();
    let first = imported.first().copied().unwrap_or(0);
    let total = errors.len();
    for e in errors.iter().take(MAX_REPORTED) {
        let place = parsed
            .root
            .as_ref()
            .map(|root| Place::find(root, e.span.start))
            .unwrap_or_default();
        let (file, span) = place
            .source
            .as_deref()
            .and_then(|s| locate(s, files, &imported))
            .unwrap_or((first, Span::new(0, 0)));
        let mut about = place.path.clone();
        if let Some(id) = &place.id {
            about.push_str(&format!(" (`{id}`"));
            if let Some(s) = &place.source {
                about.push_str(&format!(", from `{s}`"));
            }
            about.push(')');
        }
        out.push(FileDiagnostic::new(
            file,
            Diagnostic::error(
                "import-invalid-output",
                span,
                format!(
                    "the imported document is not valid at `{about}`: {} [{}]",
                    e.message, e.code
                ),
            )
            .with_help("the source holds a value the document cannot state; change it in the source, or edit the document by hand"),
        ));
    }
    if total > MAX_REPORTED {
        out.push(FileDiagnostic::new(
            first,
            Diagnostic::error(
                "import-invalid-output",
                Span::new(0, 0),
                format!(
                    "the imported document has {} more errors; run `escalator check` on it",
                    total - MAX_REPORTED
                ),
            ),
        ));
    }
}

/// Where in the document an error is: the path to it, and the innermost
/// object on the way with an `id` (and its `source`).
#[derive(Default)]
struct Place {
    path: String,
    id: Option<String>,
    source: Option<String>,
}

impl Place {
    fn find(root: &Node, offset: u32) -> Place {
        let mut place = Place::default();
        let mut node = root;
        loop {
            if let Some(entries) = node.as_map() {
                if let Some(id) = node.get("id").and_then(Node::as_str) {
                    place.id = Some(id.to_string());
                    place.source = node
                        .get("source")
                        .and_then(Node::as_str)
                        .map(str::to_string);
                }
                let Some(e) = entries
                    .iter()
                    .find(|e| contains(e.value.span, offset) || contains(e.key_span, offset))
                else {
                    break;
                };
                if !place.path.is_empty() {
                    place.path.push('.');
                }
                place.path.push_str(&e.key);
                node = &e.value;
            } else if let NodeKind::Seq(items) = &node.kind {
                let Some((i, item)) = items
                    .iter()
                    .enumerate()
                    .find(|(_, n)| contains(n.span, offset))
                else {
                    break;
                };
                place.path.push_str(&format!("[{i}]"));
                node = item;
            } else {
                break;
            }
        }
        if place.path.is_empty() {
            place.path = "the document".to_string();
        }
        place
    }
}

fn contains(span: Span, offset: u32) -> bool {
    span.start <= offset && offset < span.end.max(span.start + 1)
}

/// The first place an imported file names `source` (quoted first, as JSON
/// writes ids).
fn locate(source: &str, files: &[SourceFile], imported: &[usize]) -> Option<(usize, Span)> {
    if source.is_empty() {
        return None;
    }
    let quoted = format!("\"{source}\"");
    for needle in [quoted.as_str(), source] {
        for &f in imported {
            let text = &files.get(f)?.text;
            if let Some(at) = text.find(needle) {
                let (start, end) = if needle.starts_with('"') {
                    (at + 1, at + needle.len() - 1)
                } else {
                    (at, at + needle.len())
                };
                return Some((f, Span::new(start as u32, end as u32)));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::Format;

    #[test]
    fn an_invalid_document_is_an_error_where_the_source_names_the_object() {
        let source = r#"{"escalation_policies": [{"id": "PEP1", "num_loops": 50}]}"#;
        let files = [SourceFile::new("policies.json", source)];
        let detected = [DetectedFile {
            file: 0,
            vendor: Some(Vendor::PagerDuty),
            format: Some(Format::Api),
        }];
        let document = "version: 1\ntimezone: UTC\npeople: [{id: ann}]\npolicies:\n  - id: p\n    source: PEP1\n    repeat: 50\n    steps: [{notify: [{person: ann}], escalate_after: 5m}]\n";
        let mut out = Vec::new();
        validate(document, &files, &detected, &mut out);
        assert_eq!(out.len(), 1, "{out:#?}");
        let d = &out[0].diagnostic;
        assert_eq!(
            (d.code, d.severity),
            ("import-invalid-output", Severity::Error)
        );
        assert_eq!(&source[d.span.start as usize..d.span.end as usize], "PEP1");
        assert!(
            d.message.contains("policies[0].repeat (`p`, from `PEP1`)"),
            "{}",
            d.message
        );
        // A valid document: nothing.
        let mut out = Vec::new();
        validate(
            &document.replace("repeat: 50", "repeat: 2"),
            &files,
            &detected,
            &mut out,
        );
        assert!(out.is_empty(), "{out:#?}");
    }

    #[test]
    fn an_object_the_files_do_not_name_is_reported_at_the_first_file() {
        let files = [SourceFile::new("a.json", "{}")];
        let detected = [DetectedFile {
            file: 0,
            vendor: Some(Vendor::Opsgenie),
            format: Some(Format::Api),
        }];
        let mut out = Vec::new();
        validate(
            "version: 1\ntimezone: Nowhere/City\n",
            &files,
            &detected,
            &mut out,
        );
        assert_eq!(out.len(), 1, "{out:#?}");
        assert_eq!(out[0].diagnostic.span, Span::new(0, 0));
        assert!(
            out[0].diagnostic.message.contains("at `timezone`"),
            "{}",
            out[0].diagnostic.message
        );
    }
}
