//! The Opsgenie importer: REST API JSON, the cloudposse module's YAML and
//! Terraform, read into one intermediate of Opsgenie's own objects
//! ([`og`]), linked across files ([`link`]), then written into the
//! document by one mapping ([`map`]) that applies each of Opsgenie's rules
//! once. `docs/import-opsgenie.md` lists the rules and their sources.

use crate::diagnostic::Diagnostic;
use crate::import::{Cx, Format};

mod api;
mod common;
pub mod dates;
mod link;
mod map;
mod module;
mod node;
pub mod og;
mod tf;

/// Diagnostics gathered while reading, one list for every file (every
/// importer's).
pub use super::view::Diags;

/// Imports the Opsgenie files `files` (indices into `cx.files`, with their
/// formats) into the draft.
pub fn import(cx: &mut Cx<'_>, files: &[(usize, Format)]) {
    let mut diags = Diags::default();
    let mut og = read(cx, files, &mut diags);
    if files.iter().any(|(_, f)| *f == Format::Terraform) {
        tf::read(&mut og, cx, &mut diags);
    }
    link::link(&mut og, cx.files, &mut diags);
    map::map(cx, &og, &mut diags);
    cx.diagnostics.extend(diags.0);
}

/// Reads every file into one intermediate.
fn read(cx: &Cx<'_>, files: &[(usize, Format)], diags: &mut Diags) -> og::Og {
    let mut og = og::Og::default();
    // Module YAML: the module merges the files' top-level keys with
    // `merge()` over `fileset()` (name order), so for each key the last
    // file that has it wins.
    let mut module_files: Vec<(usize, crate::document::Node)> = Vec::new();
    for &(file, format) in files {
        let Some(source) = cx.files.get(file) else {
            continue;
        };
        match format {
            Format::Api | Format::ModuleYaml => {
                let parsed = crate::document::parse(&source.text);
                for d in parsed.diagnostics {
                    if d.severity == crate::diagnostic::Severity::Error {
                        diags.push(file, d);
                    }
                }
                let Some(root) = parsed.root else {
                    continue;
                };
                if format == Format::Api {
                    api::read(&mut og, file, &root, diags);
                } else {
                    module_files.push((file, root));
                }
            }
            Format::Terraform => {
                let declares = source.text.contains("resource \"opsgenie_")
                    || source.text.contains("data \"opsgenie_");
                let has_yaml = files.iter().any(|(_, f)| *f == Format::ModuleYaml);
                let cloudposse = source.text.find("cloudposse/incident-management/opsgenie");
                if let (Some(at), true) = (cloudposse, has_yaml) {
                    let end = source.text[at..]
                        .find('"')
                        .map_or(source.text.len(), |e| at + e);
                    diags.push(
                        file,
                        Diagnostic::info(
                            "import-module-yaml",
                            crate::diagnostic::Span::new(at as u32, end as u32),
                            "the cloudposse module's YAML files are read directly: its resources are imported from them",
                        ),
                    );
                } else if !declares && source.text.contains("resource \"") {
                    // (A file of variables, locals or settings only is part
                    // of the module, nothing to say.)
                    diags.push(
                        file,
                        Diagnostic::info(
                            "import-not-imported",
                            crate::diagnostic::Span::new(0, 0),
                            "no Opsgenie resource is declared in this file",
                        ),
                    );
                }
            }
            _ => {}
        }
    }
    module_files.sort_by(|a, b| {
        let name = |i: usize| cx.files.get(i).map_or("", |f| f.name.as_str());
        name(a.0).cmp(name(b.0)).then(a.0.cmp(&b.0))
    });
    for (k, (file, root)) in module_files.iter().enumerate() {
        let mine = module::top_keys(root);
        let mut skip = Vec::new();
        for key in mine {
            if !module::KEYS.contains(&key.as_str()) {
                continue;
            }
            let later = module_files[k + 1..]
                .iter()
                .rev()
                .find(|(_, r)| module::top_keys(r).contains(&key));
            if let Some((lf, _)) = later {
                let name = cx.files.get(*lf).map_or(String::new(), |f| f.name.clone());
                skip.push((key, name));
            }
        }
        module::read(&mut og, *file, root, &skip, diags);
    }
    og
}
