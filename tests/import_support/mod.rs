//! Helpers shared by the importer tests of issue 13 (AWS Incident Manager,
//! Grafana OnCall, GoAlert): reading fixture folders, importing, locating
//! diagnostics, and asking the imported document who is on call and who
//! is paged.
#![allow(dead_code)]

use std::path::Path;

use escalator::diagnostic::{LineIndex, Severity};
use escalator::import::{import, Import, ImportOptions, SourceFile};
use escalator::time::Timestamp;
use escalator::{Evaluator, PolicyChoice};

pub const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import");

/// The files of a fixture folder (`vendor/dir`), in name order, named by
/// their file name.
pub fn files(dir: &str) -> Vec<SourceFile> {
    let path = Path::new(FIXTURES).join(dir);
    let mut names: Vec<_> = std::fs::read_dir(&path)
        .unwrap_or_else(|e| panic!("fixture folder {}: {e}", path.display()))
        .map(|e| e.expect("entry").file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|n| {
            let text = std::fs::read_to_string(path.join(&n)).expect("fixture file");
            SourceFile::new(n, text)
        })
        .collect()
}

/// The text of one fixture file (`vendor/file`).
pub fn fixture(path: &str) -> String {
    std::fs::read_to_string(Path::new(FIXTURES).join(path)).expect("fixture file")
}

pub fn import_files(files: &[SourceFile], vars: &[(&str, &str)]) -> Import {
    let options = ImportOptions {
        vars: vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        ..ImportOptions::default()
    };
    import(files, &options).expect("recognised")
}

pub fn import_dir(dir: &str) -> (Vec<SourceFile>, Import) {
    let files = files(dir);
    let result = import_files(&files, &[]);
    (files, result)
}

pub fn import_dir_with(dir: &str, vars: &[(&str, &str)]) -> (Vec<SourceFile>, Import) {
    let files = files(dir);
    let result = import_files(&files, vars);
    (files, result)
}

pub fn import_text(name: &str, text: &str) -> (Vec<SourceFile>, Import) {
    let files = vec![SourceFile::new(name, text)];
    let result = import_files(&files, &[]);
    (files, result)
}

/// `file:line:col: severity[code]` for every diagnostic, in order.
pub fn located(files: &[SourceFile], result: &Import) -> Vec<String> {
    result
        .diagnostics
        .iter()
        .map(|d| {
            let f = &files[d.file];
            let p = LineIndex::new(&f.text).position(d.diagnostic.span.start);
            format!(
                "{}:{}:{}: {}[{}]",
                f.name,
                p.line,
                p.column,
                d.diagnostic.severity.as_str(),
                d.diagnostic.code
            )
        })
        .collect()
}

/// The messages of the diagnostics with `code`.
pub fn messages<'a>(result: &'a Import, code: &str) -> Vec<&'a str> {
    result
        .diagnostics
        .iter()
        .filter(|d| d.diagnostic.code == code)
        .map(|d| d.diagnostic.message.as_str())
        .collect()
}

/// `line:col` of the first diagnostic with `code` in file `name`.
pub fn position_of(
    files: &[SourceFile],
    result: &Import,
    name: &str,
    code: &str,
) -> Option<(u32, u32)> {
    let d = result
        .diagnostics
        .iter()
        .find(|d| files[d.file].name == name && d.diagnostic.code == code)?;
    let p = LineIndex::new(&files[d.file].text).position(d.diagnostic.span.start);
    Some((p.line, p.column))
}

pub fn t(text: &str) -> Timestamp {
    escalator::time::parse_instant(text, chrono_tz::UTC).expect("instant")
}

pub fn evaluator(result: &Import) -> Evaluator {
    match Evaluator::new(&result.document) {
        Ok(ev) => ev,
        Err(diagnostics) => panic!(
            "the imported document is not valid:\n{:#?}\n{}",
            diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .map(|d| (&d.code, &d.message))
                .collect::<Vec<_>>(),
            result.document
        ),
    }
}

/// Who is on call in `schedule` at `at` (ids, sorted).
pub fn on_call(ev: &Evaluator, schedule: &str, at: &str) -> Vec<String> {
    let out = ev.on_call(t(at), Some(schedule)).expect("on call");
    out.schedules[0].on_call.clone()
}

/// The shifts of `schedule` over `[from, to)` as `(start, end, on call)`.
pub fn shifts(
    ev: &Evaluator,
    schedule: &str,
    from: &str,
    to: &str,
) -> Vec<(String, String, Vec<String>)> {
    let out = ev.shifts(schedule, t(from), t(to)).expect("shifts");
    out.shifts
        .iter()
        .map(|s| (s.start.to_rfc3339(), s.end.to_rfc3339(), s.on_call.clone()))
        .collect()
}

/// A page: seconds after the start, pass, step, people.
pub type Page = (i64, u32, u32, Vec<String>);

/// The paging plan as pages, and when it is exhausted.
pub fn plan(ev: &Evaluator, policy: &str, at: &str) -> (Vec<Page>, i64) {
    let choice = PolicyChoice::Policy {
        policy: policy.to_string(),
        severity: None,
    };
    let out = ev.plan(&choice, t(at)).expect("plan");
    (
        out.plan
            .iter()
            .map(|p| (p.after_seconds, p.pass, p.step, p.people.clone()))
            .collect(),
        out.exhausted_after_seconds,
    )
}

pub fn people(ids: &[&str]) -> Vec<String> {
    ids.iter().map(|s| s.to_string()).collect()
}

/// Shifts written compactly: `(start, end, "a b")`.
pub fn shift(start: &str, end: &str, who: &str) -> (String, String, Vec<String>) {
    (
        start.to_string(),
        end.to_string(),
        who.split_whitespace().map(str::to_string).collect(),
    )
}

/// Error diagnostics of `escalator check` on the imported document.
pub fn check_errors(result: &Import) -> Vec<String> {
    escalator::check(&result.document)
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| format!("{}: {}", d.code, d.message))
        .collect()
}
