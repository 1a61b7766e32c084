//! Importers on any input, never a panic: bytes made into vendor files
//! (raw text, or a fixture with byte edits), imported, and checked — every
//! diagnostic's span lies inside its file, the same input gives the same
//! result, a complete import reads back as YAML, and a complete import is
//! a document `escalator check` finds no error in. Used by the
//! `import_goalert`, `import_grafana` and `import_aws` fuzz targets and by
//! the property tests of the importer test files.
#![allow(dead_code)]

use escalator::import::{import, Import, ImportOptions, SourceFile, Vendor};

/// Files from bytes: with an even first byte, the rest as raw text cut at
/// NUL bytes into up to three files named from `names`; with an odd one,
/// the seed `seeds[second byte]` with edits (pairs of position and byte).
pub fn files_from_bytes(data: &[u8], names: &[&str], seeds: &[(&str, &str)]) -> Vec<SourceFile> {
    let Some((&mode, rest)) = data.split_first() else {
        return Vec::new();
    };
    if mode % 2 == 0 || seeds.is_empty() {
        let text = String::from_utf8_lossy(rest);
        return text
            .split('\0')
            .take(3)
            .enumerate()
            .map(|(i, t)| SourceFile::new(names[i % names.len()].to_string(), t))
            .collect();
    }
    let Some((&pick, edits)) = rest.split_first() else {
        return Vec::new();
    };
    let (name, seed) = seeds[pick as usize % seeds.len()];
    let mut bytes = seed.as_bytes().to_vec();
    for e in edits.chunks(3).take(16) {
        if bytes.is_empty() {
            break;
        }
        let at = (usize::from(e[0]) << 8 | usize::from(*e.get(1).unwrap_or(&0))) % bytes.len();
        let b = *e.get(2).unwrap_or(&b' ');
        // A few kinds of edits: replace, delete, insert.
        match b % 3 {
            0 => bytes[at] = b"0123456789-:\"{}[],nZT !."[usize::from(b) % 24],
            1 => {
                bytes.remove(at);
            }
            _ => bytes.insert(at, b"0123456789-:\"{}[],nZT !."[usize::from(b) % 24]),
        }
    }
    vec![SourceFile::new(
        name,
        String::from_utf8_lossy(&bytes).into_owned(),
    )]
}

/// Imports `files` (as `vendor`) twice and checks the invariants.
pub fn check(files: &[SourceFile], vendor: Vendor, vars: &[(String, String)]) {
    if files.is_empty() {
        return;
    }
    let options = ImportOptions {
        from: Some(vendor),
        vars: vars.to_vec(),
        ..ImportOptions::default()
    };
    let Ok(a) = import(files, &options) else {
        return;
    };
    for d in &a.diagnostics {
        let text = &files[d.file].text;
        let s = &d.diagnostic.span;
        assert!(
            s.start <= s.end && s.end as usize <= text.len(),
            "span {s:?} outside {}",
            files[d.file].name
        );
        assert!(text.is_char_boundary(s.start as usize) && text.is_char_boundary(s.end as usize));
    }
    for n in &a.needed {
        assert!(n.span.end as usize <= files[n.file].text.len());
    }
    let b = import(files, &options).expect("the same files are recognised again");
    assert_eq!(a.document, b.document);
    assert_eq!(a.diagnostics, b.diagnostics);
    assert_complete_is_valid(&a);
    let parsed = escalator::document::parse(&a.document);
    assert!(
        parsed
            .diagnostics
            .iter()
            .all(|d| d.severity != escalator::diagnostic::Severity::Error),
        "the imported document is not YAML: {:#?}\n{}",
        parsed.diagnostics,
        a.document
    );
}

/// A complete import (nothing needed, no error diagnostic) is a document
/// `escalator check` reports no error for: what the document cannot hold
/// is an error of the import, said by the importer itself at its span
/// (`escalator::import_document` would otherwise add an
/// `import-invalid-output` error). An Escalator document passed through
/// as it is is no import.
pub fn assert_complete_is_valid(result: &Import) {
    let passed_through = result
        .detected
        .iter()
        .all(|d| d.vendor == Some(Vendor::Escalator));
    if !result.is_complete() || passed_through {
        return;
    }
    let errors: Vec<_> = escalator::check(&result.document)
        .into_iter()
        .filter(|d| d.severity == escalator::diagnostic::Severity::Error)
        .map(|d| format!("{}: {}", d.code, d.message))
        .collect();
    assert!(
        errors.is_empty(),
        "a complete import with errors in its document: {errors:#?}\n{}",
        result.document
    );
}
