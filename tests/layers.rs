//! The layers of the crate, and a check that they hold: no file under `src/`
//! names (`use crate::...`, or a `crate::` path anywhere in its code) a
//! module of a higher layer, or a module of its own layer other than itself.
//!
//! [`LAYERS`] is the order, lowest first; `src/lib.rs`'s module doc lists the
//! same order (checked below), so the two cannot drift apart. A new top-level
//! module must be added here before the test passes.
//!
//! Test code is not part of a layer: a test module (`#[cfg(test)]`, inline
//! or a file declared under it) may drive its layer through a higher one,
//! as a crate's tests may use a dev-dependency that depends on the crate.
//! Comments and string literals are ignored.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The layers, lowest first. A module may use the modules of lower layers
/// only; the modules of one layer are independent of each other.
const LAYERS: &[(&str, &[&str])] = &[
    (
        "what every layer reports with: spans and diagnostics, \"did you mean\", errors",
        &["diagnostic", "suggest", "error"],
    ),
    ("text (YAML or JSON) to a tree of spanned values", &["document"]),
    (
        "instants, zones, local times, and the value syntax (durations, date-times, windows, zone names)",
        &["time"],
    ),
    (
        "iCalendar: calendars read exactly, expanded, written",
        &["ical"],
    ),
    (
        "front ends beside `document`: other formats (calendars among them) read into documents",
        &["import"],
    ),
    (
        "the validated model, its reader (tree to model) and its shared lookups",
        &["model"],
    ),
    ("exact shifts and who is on call", &["schedule"]),
    ("paging plans", &["escalation"]),
    ("coverage, gaps, heatmaps", &["coverage"]),
    ("the practice's findings", &["findings"]),
    (
        "incidents run event by event; two documents compared",
        &["simulation", "compare"],
    ),
    ("the JSON shapes every surface prints, the debrief", &["output"]),
    ("the facade: a document read once, then queried", &["evaluator"]),
    ("the surfaces: command line, JS bindings", &["cli", "wasm", "wasm_migrate"]),
];

/// Constants defined in `src/lib.rs` itself, which any layer may name.
/// (The root's other items are re-exports, mapped to their module by
/// reading `src/lib.rs`.)
const ROOT_CONSTANTS: &[&str] = &["ENGINE_VERSION", "FORMAT_VERSION", "TZDB_VERSION"];

/// The layer index of a top-level module.
fn layer_of(module: &str) -> Option<usize> {
    LAYERS
        .iter()
        .position(|(_, modules)| modules.contains(&module))
}

/// One import that breaks the layering.
#[derive(Debug, PartialEq, Eq)]
struct Violation {
    file: String,
    from: String,
    to: String,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (a, b) = (layer_of(&self.from), layer_of(&self.to));
        let layer = |l: Option<usize>| l.map_or("?".to_string(), |l| (l + 1).to_string());
        write!(
            f,
            "{}: `{}` (layer {}) uses `{}` (layer {})",
            self.file,
            self.from,
            layer(a),
            self.to,
            layer(b)
        )
    }
}

/// Rust source with comments and the contents of string and char literals
/// blanked out (lengths and lines kept), so only code is searched.
fn code_only(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let at = |i: usize| chars.get(i).copied();
    let ident = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    while let Some(c) = at(i) {
        // Line comment.
        if c == '/' && at(i + 1) == Some('/') {
            while at(i).is_some_and(|c| c != '\n') {
                i += 1;
            }
            continue;
        }
        // Block comment (they nest).
        if c == '/' && at(i + 1) == Some('*') {
            let mut depth = 0;
            while let Some(c) = at(i) {
                if c == '/' && at(i + 1) == Some('*') {
                    depth += 1;
                    i += 2;
                } else if c == '*' && at(i + 1) == Some('/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    if c == '\n' {
                        out.push('\n');
                    }
                    i += 1;
                }
            }
            continue;
        }
        // Raw string: r"..", r#".."#, br#".."#.
        if (c == 'r' || (c == 'b' && at(i + 1) == Some('r')))
            && !ident(i.checked_sub(1).and_then(at))
        {
            let mut j = if c == 'b' { i + 2 } else { i + 1 };
            let mut hashes = 0;
            while at(j) == Some('#') {
                hashes += 1;
                j += 1;
            }
            if at(j) == Some('"') {
                j += 1;
                loop {
                    match at(j) {
                        None => break,
                        Some('"') if (1..=hashes).all(|h| at(j + h) == Some('#')) => {
                            j += 1 + hashes;
                            break;
                        }
                        Some('\n') => {
                            out.push('\n');
                            j += 1;
                        }
                        Some(_) => j += 1,
                    }
                }
                out.push_str("\"\"");
                i = j;
                continue;
            }
        }
        // String.
        if c == '"' {
            i += 1;
            while let Some(c) = at(i) {
                i += 1;
                match c {
                    '\\' => i += 1,
                    '"' => break,
                    '\n' => out.push('\n'),
                    _ => {}
                }
            }
            out.push_str("\"\"");
            continue;
        }
        // Char literal (a lifetime has no closing quote).
        if c == '\'' {
            if at(i + 1) == Some('\\') {
                let mut j = i + 2;
                while at(j).is_some_and(|c| c != '\'') {
                    j += 1;
                }
                out.push_str("' '");
                i = j + 1;
                continue;
            }
            if at(i + 2) == Some('\'') {
                out.push_str("' '");
                i += 3;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    out
}

/// The code with every `#[cfg(test)]` item removed (up to its `;`, or its
/// braces' end).
fn without_test_items(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut rest = code;
    while let Some(i) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..i]);
        let after = &rest[i..];
        let mut depth = 0usize;
        let mut end = after.len();
        for (j, c) in after.char_indices().skip("#[cfg(test)]".len()) {
            match c {
                ';' if depth == 0 => {
                    end = j + 1;
                    break;
                }
                '{' => depth += 1,
                '}' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        end = j + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// The names of the modules a file declares under `#[cfg(test)]`
/// (`#[cfg(test)] mod tests;`): files of test code.
fn test_module_names(code: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find("#[cfg(test)]") {
        rest = &rest[i + "#[cfg(test)]".len()..];
        let item = rest.trim_start();
        let item = item
            .strip_prefix("pub(crate) ")
            .or_else(|| item.strip_prefix("pub(super) "))
            .or_else(|| item.strip_prefix("pub "))
            .unwrap_or(item);
        if let Some(decl) = item.strip_prefix("mod ") {
            let name: String = decl
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if decl[name.len()..].trim_start().starts_with(';') {
                names.push(name);
            }
        }
    }
    names
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The first segments of the crate paths in `code`, as seen from a file of
/// module path `module` (`["schedule", "sweep"]`): `crate::x::...` gives
/// `x`, `crate::{x::.., y}` gives `x` and `y`, `super::` goes up from
/// `module`. `root` is the crate's own name in this file (`crate`, or
/// `escalator` in the binary). Paths that stay in the crate root give its
/// item (`Evaluator` in `crate::Evaluator`).
fn crate_paths(code: &str, module: &[String], root: &str) -> Vec<String> {
    let mut out = Vec::new();
    let bytes: Vec<char> = code.chars().collect();
    let text: String = bytes.iter().collect();
    let starts_at = |i: usize, word: &str| {
        text.get(i..).is_some_and(|t| t.starts_with(word))
            && !i
                .checked_sub(1)
                .and_then(|p| text.get(p..).and_then(|t| t.chars().next()))
                .is_some_and(|c| is_ident(c) || c == '$' || c == ':')
    };
    let ident_at = |i: usize| -> String {
        text.get(i..)
            .unwrap_or("")
            .chars()
            .take_while(|c| is_ident(*c))
            .collect()
    };
    let mut i = 0;
    while i < text.len() {
        if !text.is_char_boundary(i) {
            i += 1;
            continue;
        }
        let (base, mut j): (Vec<String>, usize) = if starts_at(i, &format!("{root}::")) {
            (Vec::new(), i + root.len() + 2)
        } else if starts_at(i, "super::") {
            let mut up = module.len();
            let mut j = i;
            while text.get(j..).is_some_and(|t| t.starts_with("super::")) {
                up = up.saturating_sub(1);
                j += "super::".len();
            }
            (module[..up].to_vec(), j)
        } else {
            i += 1;
            continue;
        };
        j += text.get(j..).map_or(0, |t| t.len() - t.trim_start().len());
        let firsts: Vec<String> = if text.get(j..).is_some_and(|t| t.starts_with('{')) {
            // A group: the first identifier of each top-level item.
            let mut depth = 0;
            let mut items = Vec::new();
            let mut expect = true;
            for (k, c) in text.get(j..).unwrap_or("").char_indices() {
                match c {
                    '{' => {
                        depth += 1;
                        expect = depth == 1;
                    }
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    ',' if depth == 1 => expect = true,
                    c if expect && is_ident(c) => {
                        items.push(ident_at(j + k));
                        expect = false;
                    }
                    _ => {}
                }
            }
            items
        } else {
            vec![ident_at(j)]
        };
        for first in firsts {
            if first.is_empty() || first == "self" {
                continue;
            }
            // The top-level module (or root item) the path names.
            out.push(base.first().cloned().unwrap_or(first));
        }
        i = j.max(i + 1);
    }
    out
}

/// The module path of a file under `src/`, and its layer's module name:
/// `src/schedule/sweep.rs` is `["schedule", "sweep"]`; `src/main.rs` and
/// `src/cli/**` are the binary (`cli`).
fn module_path(relative: &Path) -> Vec<String> {
    let mut parts: Vec<String> = relative
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    if let Some(last) = parts.pop() {
        let stem = last.trim_end_matches(".rs").to_string();
        if stem != "mod" && stem != "lib" {
            parts.push(stem);
        }
    }
    if parts == ["main"] {
        return vec!["cli".to_string()];
    }
    parts
}

/// The violations of one file's code (comments and strings already
/// blanked), for a file of module path `module`; `root_items` maps crate
/// root items (re-exports) to the module they come from. Unknown modules and
/// root items are violations too (`to` says so).
fn check_file(
    file: &str,
    code: &str,
    module: &[String],
    root_items: &BTreeMap<String, String>,
) -> Vec<Violation> {
    let Some(own) = module.first() else {
        return Vec::new(); // lib.rs: declares and re-exports
    };
    let binary = own == "cli";
    let code = without_test_items(code);
    let mut paths = crate_paths(&code, module, if binary { "escalator" } else { "crate" });
    if binary {
        // In the binary, `crate::` and `super::` stay in `cli`.
        paths.extend(
            crate_paths(&code, module, "crate")
                .into_iter()
                .filter(|p| p != "cli")
                .map(|p| format!("{p} (not in the binary)")),
        );
    }
    let mut out = Vec::new();
    let from = layer_of(own);
    for path in paths {
        let target = match root_items.get(&path) {
            Some(module) => module.clone(),
            None => path,
        };
        if &target == own || ROOT_CONSTANTS.contains(&target.as_str()) {
            continue;
        }
        let ok = match (from, layer_of(&target)) {
            (Some(a), Some(b)) => b < a,
            _ => false,
        };
        if !ok {
            out.push(Violation {
                file: file.to_string(),
                from: own.clone(),
                to: target,
            });
        }
    }
    out.dedup();
    out
}

/// The crate root's re-exports (`pub use evaluator::{check, ...}`), each
/// mapped to the module it comes from.
fn root_items(lib: &str) -> BTreeMap<String, String> {
    let mut items = BTreeMap::new();
    for line in code_only(lib).lines() {
        let Some(rest) = line.trim().strip_prefix("pub use ") else {
            continue;
        };
        let rest = rest.trim_end_matches(';');
        let Some((module, names)) = rest.split_once("::") else {
            continue;
        };
        let names = names.trim_start_matches('{').trim_end_matches('}');
        for name in names.split(',') {
            let name = name.rsplit("::").next().unwrap_or("").trim();
            let name = name.rsplit(" as ").next().unwrap_or(name).trim();
            if !name.is_empty() {
                items.insert(name.to_string(), module.trim().to_string());
            }
        }
    }
    items
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_file_uses_only_lower_layers() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let lib = std::fs::read_to_string(src.join("lib.rs")).expect("src/lib.rs");
    let items = root_items(&lib);
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    // Files of test code: declared under `#[cfg(test)]` by their parent.
    let mut test_files: Vec<PathBuf> = Vec::new();
    for path in &files {
        let code = code_only(&std::fs::read_to_string(path).expect("read"));
        let dir = match path.file_name().and_then(|n| n.to_str()) {
            Some("mod.rs" | "lib.rs" | "main.rs") => path.parent().map(Path::to_path_buf),
            _ => Some(path.with_extension("")),
        };
        for name in test_module_names(&code) {
            if let Some(dir) = &dir {
                test_files.push(dir.join(format!("{name}.rs")));
                test_files.push(dir.join(&name));
            }
        }
    }
    let mut violations = Vec::new();
    let mut checked = 0;
    for path in &files {
        if test_files.iter().any(|t| path.starts_with(t)) {
            continue;
        }
        let relative = path.strip_prefix(&src).expect("under src");
        let module = module_path(relative);
        if let Some(top) = module.first() {
            assert!(
                layer_of(top).is_some(),
                "src/{} is in module `{top}`, which has no layer: add it to LAYERS in tests/layers.rs and to lib.rs's doc",
                relative.display()
            );
        }
        let code = code_only(&std::fs::read_to_string(path).expect("read"));
        let file = format!("src/{}", relative.display());
        violations.extend(check_file(&file, &code, &module, &items));
        checked += 1;
    }
    assert!(checked > 50, "only {checked} files found under src/");
    let list: Vec<String> = violations.iter().map(|v| format!("  {v}")).collect();
    assert!(
        violations.is_empty(),
        "lower layers use higher ones (order in tests/layers.rs):\n{}",
        list.join("\n")
    );
}

#[test]
fn lib_rs_lists_the_same_layers() {
    let lib = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs"))
        .expect("src/lib.rs");
    // The numbered list of the module doc: `//! 3. [`time`]: ...`.
    let mut listed: Vec<Vec<String>> = Vec::new();
    for line in lib.lines() {
        let Some(item) = line.strip_prefix("//! ") else {
            continue;
        };
        let Some((number, rest)) = item.split_once(". ") else {
            continue;
        };
        if number.parse::<usize>().is_err() {
            continue;
        }
        let head = rest.split(':').next().unwrap_or("");
        let names: Vec<String> = head
            .split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect();
        listed.push(names);
    }
    let wanted: Vec<Vec<String>> = LAYERS
        .iter()
        .map(|(_, m)| m.iter().map(|s| s.to_string()).collect())
        .collect();
    assert_eq!(
        listed, wanted,
        "src/lib.rs's numbered list of layers differs from LAYERS in tests/layers.rs"
    );
}

/// The checker itself, on made-up files: it must be able to fail.
#[test]
fn the_checker_finds_made_up_violations() {
    let items = root_items("pub use evaluator::{check, Evaluator};\npub use error::QueryError;\n");
    let module = |m: &[&str]| m.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let run = |module: &[String], text: &str| -> Vec<String> {
        check_file("src/x.rs", &code_only(text), module, &items)
            .into_iter()
            .map(|v| v.to_string())
            .collect()
    };
    let sweep = module(&["schedule", "sweep"]);
    // An engine using the facade: the cycle issue 16 cut.
    assert_eq!(
        run(&sweep, "use crate::evaluator::QueryError;\n"),
        ["src/x.rs: `schedule` (layer 7) uses `evaluator` (layer 13)"]
    );
    // Through a root re-export, and in a group.
    assert_eq!(
        run(&sweep, "fn f() { crate::Evaluator::new(\"\"); }").len(),
        1
    );
    assert_eq!(
        run(&sweep, "use crate::{time::Timestamp, output::PlanOutput};"),
        ["src/x.rs: `schedule` (layer 7) uses `output` (layer 12)"]
    );
    // `super::super` out of the module, into a higher one.
    let deep = module(&["time", "zone", "inner"]);
    assert_eq!(run(&deep, "use super::super::model::Model;").len(), 0); // still `time`
    let shallow = module(&["time", "zone"]);
    assert_eq!(
        run(&shallow, "use super::super::model::Model;"),
        ["src/x.rs: `time` (layer 3) uses `model` (layer 6)"]
    );
    // Siblings of one layer are independent.
    assert_eq!(
        run(&module(&["diagnostic"]), "use crate::suggest::closest;").len(),
        1
    );
    // Downward is fine; the error type is at the bottom.
    assert!(run(
        &sweep,
        "use crate::time::Timestamp;\nuse crate::QueryError;\nuse super::Why;"
    )
    .is_empty());
    // Comments, strings, chars and test code do not count.
    let quiet = "// crate::evaluator\n/* crate::output */\nconst S: &str = \"crate::cli\";\n\
                 const R: &str = r#\"crate::wasm\"#;\nconst C: char = '{';\nfn f<'a>(x: &'a str) {}\n\
                 #[cfg(test)]\nmod tests { use crate::Evaluator; fn g() { let _ = '}'; } }\n";
    assert!(run(&sweep, quiet).is_empty(), "{:?}", run(&sweep, quiet));
    // Unknown modules are reported, so the table stays complete.
    assert_eq!(run(&sweep, "use crate::newthing::X;").len(), 1);
    // The front ends sit under the model.
    assert_eq!(
        run(
            &module(&["import", "pagerduty"]),
            "use crate::model::Model;"
        )
        .len(),
        1
    );
    assert!(run(
        &module(&["ical"]),
        "use crate::document::parse; use crate::time::Zone;"
    )
    .is_empty());
    // The binary names the library `escalator`.
    assert!(run(
        &module(&["cli", "check"]),
        "use escalator::evaluator::CheckWindow; use super::io;"
    )
    .is_empty());
}

#[test]
fn test_modules_are_found() {
    let code = code_only("mod a;\n#[cfg(test)]\nmod tests;\n#[cfg(test)]\npub(crate) mod fixture;\n#[cfg(test)]\nmod inline { }\n");
    assert_eq!(test_module_names(&code), ["tests", "fixture"]);
}
