//! What the migration surfaces share: `escalator import` and `escalator
//! compare` on the command line, `importDocument` and `compare` in the JS
//! module `escalator-migrate` (`src/wasm_migrate.rs`). Each surface reads
//! its arguments its own way (clap, or a JS value through
//! [`super::input`]) into the requests here; what happens next is written
//! once.
//!
//! ```
//! use escalator::evaluator::migrate::{import_output, ImportRequest};
//! use escalator::import::SourceFile;
//! let text = r#"{"schedule": {"id": "PS1", "name": "Primary", "time_zone": "Europe/London",
//!   "schedule_layers": [{"id": "L1", "name": "Weekly", "start": "2026-03-02T09:00:00Z",
//!   "rotation_virtual_start": "2026-03-02T09:00:00Z", "rotation_turn_length_seconds": 604800,
//!   "users": [{"user": {"id": "PU1", "summary": "Ann"}}]}]}}"#;
//! let out = import_output(&[SourceFile::new("schedule.json", text)], &ImportRequest::default()).unwrap();
//! assert_eq!(out.detected.label, "PagerDuty API");
//! assert!(out.document.contains("Primary"));
//! // Text nothing reads is an error listing what is read.
//! let e = import_output(&[SourceFile::new("notes.txt", "hello")], &ImportRequest::default()).unwrap_err();
//! assert_eq!(e.code, "unsupported-format");
//! assert!(e.help.unwrap().contains("PagerDuty REST API v2 JSON"));
//! ```

use serde::de::{self, MapAccess, Visitor};
use serde::Deserialize;

use super::input::{decode_tree, Node, Tree};
use super::{CompareOptions, Evaluator, QueryError};
use crate::import::{self, detect, Import, ImportError, ImportOptions, SourceFile, Vendor};
use crate::output::{CompareOutput, ImportOutput};
use crate::suggest::did_you_mean;
use crate::time::{parse_instant, Timestamp};

/// What an import is asked: the options of `escalator import` (`--from`,
/// `--var`, `--timezone`, `--person-from`, `--person-pattern`,
/// `--expand-from`, `--expand-to`) and of the JS `importDocument` (`from`,
/// `vars`, `timezone`, `personFrom`, `personPattern`, `expandFrom`,
/// `expandTo`), as text; [`ImportRequest::options`] reads them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase", expecting = "an object")]
pub struct ImportRequest {
    pub from: Option<String>,
    #[serde(default, deserialize_with = "pairs")]
    pub vars: Vec<(String, String)>,
    pub timezone: Option<String>,
    pub person_from: Option<String>,
    pub person_pattern: Option<String>,
    pub expand_from: Option<String>,
    pub expand_to: Option<String>,
}

/// The vendors `from` may name.
fn vendor_keys() -> impl Iterator<Item = &'static str> {
    Vendor::ALL
        .into_iter()
        .filter(|v| *v != Vendor::Escalator)
        .map(Vendor::key)
}

impl ImportRequest {
    /// Decodes the JS `options` argument (absent or `null`: the defaults).
    pub fn decode<V: Tree>(value: &V) -> Result<ImportRequest, QueryError> {
        if matches!(value.node(), Node::Null) {
            return Ok(ImportRequest::default());
        }
        decode_tree("options", value)
    }

    /// The importers' options. An unknown vendor or person source is an
    /// error with a "did you mean"; a window bound is read in `timezone`
    /// (else UTC); one bound alone spans a year from (or to) it.
    pub fn options(&self) -> Result<ImportOptions, QueryError> {
        let from = match self.from.as_deref() {
            None => None,
            Some(key) => Some(
                Vendor::from_key(key)
                    .filter(|v| *v != Vendor::Escalator)
                    .ok_or_else(|| {
                        let e = QueryError::new(
                            "unknown-vendor",
                            format!("`{key}` is not a vendor the importers read"),
                        );
                        let all: Vec<String> = vendor_keys().map(|k| format!("`{k}`")).collect();
                        e.with_help(
                            did_you_mean(key, vendor_keys())
                                .unwrap_or_else(|| format!("vendors: {}", all.join(", "))),
                        )
                    })?,
            ),
        };
        let person_from = match self.person_from.as_deref() {
            None => import::calendar::PersonFrom::default(),
            Some(key) => import::calendar::PersonFrom::from_key(key).ok_or_else(|| {
                let keys = ["auto", "summary", "attendee"];
                QueryError::new(
                    "invalid-person-from",
                    format!("`{key}` is not where a person comes from"),
                )
                .with_help(
                    did_you_mean(key, keys)
                        .unwrap_or_else(|| "one of `auto`, `summary`, `attendee`".to_string()),
                )
            })?,
        };
        for (name, _) in &self.vars {
            if name.trim().is_empty() {
                return Err(QueryError::new("invalid-var", "a variable's name is empty"));
            }
        }
        let zone = self
            .timezone
            .as_deref()
            .and_then(|z| z.parse::<chrono_tz::Tz>().ok())
            .unwrap_or(chrono_tz::UTC);
        let instant = |text: &Option<String>| -> Result<Option<Timestamp>, QueryError> {
            text.as_deref().map(|t| parse_instant(t, zone)).transpose()
        };
        let year = 366 * 86_400;
        let expand_window = match (instant(&self.expand_from)?, instant(&self.expand_to)?) {
            (None, None) => None,
            (Some(a), None) => Some((a, a.add_seconds(year))),
            (None, Some(b)) => Some((b.add_seconds(-year), b)),
            (Some(a), Some(b)) => Some((a, b)),
        };
        Ok(ImportOptions {
            from,
            vars: self
                .vars
                .iter()
                .map(|(n, v)| (n.trim().to_string(), v.clone()))
                .collect(),
            timezone: self.timezone.clone(),
            person_from,
            person_pattern: self.person_pattern.clone(),
            expand_window,
        })
    }
}

/// `vars`: an object of names to text values, in the order given.
fn pairs<'de, D: de::Deserializer<'de>>(d: D) -> Result<Vec<(String, String)>, D::Error> {
    struct Pairs;
    impl<'de> Visitor<'de> for Pairs {
        type Value = Vec<(String, String)>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an object of names to text values")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some((k, v)) = map.next_entry::<String, String>()? {
                out.push((k, v));
            }
            Ok(out)
        }
    }
    d.deserialize_map(Pairs)
}

/// An import failure as a query error: no file, or nothing recognised
/// (the help lists every format the importers read).
pub fn import_error(e: &ImportError) -> QueryError {
    match e {
        ImportError::NoFiles => QueryError::new("no-files", "no file to import"),
        ImportError::NotRecognised(names) => {
            let names: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
            QueryError::new(
                "unsupported-format",
                format!("no supported format recognised in {}", names.join(", ")),
            )
            .with_help(format!(
                "the importers read: {}",
                detect::SUPPORTED.join("; ")
            ))
        }
    }
}

/// Imports `files` as asked: the JSON of `escalator import --json` and the
/// JS `importDocument`.
pub fn import_output(
    files: &[SourceFile],
    request: &ImportRequest,
) -> Result<ImportOutput, QueryError> {
    let options = request.options()?;
    let result = super::import_document(files, &options).map_err(|e| import_error(&e))?;
    Ok(ImportOutput::new(files, &result))
}

/// One side of a comparison, read: the document's name and text, with
/// the import that wrote it when the side was vendor files.
pub struct Side {
    pub name: String,
    pub text: String,
    pub import: Option<Import>,
}

/// Why a side could not be read.
pub enum SideError {
    /// Nothing to import, or nothing recognised.
    Import(ImportError),
    /// An import that needs values or failed in part: comparing its
    /// document would compare something else than the source.
    Incomplete(Box<Import>),
}

/// Reads one side of a comparison: a single file that is an Escalator
/// document (or that nothing recognises: the document reader then says
/// what is wrong with it) as is, anything else imported with default
/// options. `name` names the side (a path); `folder`: the files are a
/// folder's, imported whatever they are (as `escalator import` reads it).
pub fn compare_side(name: &str, files: &[SourceFile], folder: bool) -> Result<Side, SideError> {
    if let (false, [file]) = (folder, files) {
        let tree = crate::document::parse(&file.text).root;
        let found = detect::detect(&file.name, &file.text, tree.as_ref());
        if found.is_none_or(|d| d.vendor == Some(Vendor::Escalator)) {
            return Ok(Side {
                name: file.name.clone(),
                text: file.text.clone(),
                import: None,
            });
        }
    }
    let result =
        super::import_document(files, &ImportOptions::default()).map_err(SideError::Import)?;
    if !result.is_complete() {
        return Err(SideError::Incomplete(Box::new(result)));
    }
    Ok(Side {
        name: format!("{name} (imported)"),
        text: result.document.clone(),
        import: Some(result),
    })
}

/// What `compare` is asked in JS: `{from, to, zone?, map?, allow?}`, `map`
/// an object of OLD ids to NEW ids (`"person:ann": "anna"` where an id
/// names several kinds), `allow` a list of kinds of difference.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, expecting = "an object")]
struct CompareInput {
    from: String,
    to: String,
    zone: Option<String>,
    #[serde(default, deserialize_with = "pairs")]
    map: Vec<(String, String)>,
    #[serde(default)]
    allow: Vec<String>,
}

impl CompareOptions {
    /// Decodes the JS `options` argument of `compare` (`from` and `to` required).
    pub fn decode<V: Tree>(value: &V) -> Result<CompareOptions, QueryError> {
        let c: CompareInput = decode_tree("options", value)?;
        Ok(CompareOptions {
            from: c.from,
            to: c.to,
            zone: c.zone,
            map: c.map.into_iter().map(|(o, n)| format!("{o}={n}")).collect(),
            allow: c.allow,
        })
    }
}

/// Why a JS comparison failed: a query error, or (with the side's name,
/// `OLD` or `NEW`) a document with errors.
pub enum CompareFailure {
    Query(QueryError),
    Document {
        side: &'static str,
        text: String,
        diagnostics: Vec<crate::diagnostic::Diagnostic>,
    },
}

/// Compares two inputs (documents, or vendor files imported with default
/// options), as the JS `compare` does: `escalator compare --json`'s JSON.
pub fn compare_files(
    old: &[SourceFile],
    new: &[SourceFile],
    options: &CompareOptions,
) -> Result<CompareOutput, CompareFailure> {
    let load = |side: &'static str, files: &[SourceFile]| -> Result<Evaluator, CompareFailure> {
        let read = compare_side(side, files, false).map_err(|e| {
            CompareFailure::Query(match e {
                SideError::Import(e) => {
                    let mut q = import_error(&e);
                    q.message = format!("{side}: {}", q.message);
                    q
                }
                SideError::Incomplete(import) => {
                    let needed: Vec<String> =
                        import.needed.iter().map(|n| format!("`{}`", n.name)).collect();
                    let what = if needed.is_empty() {
                        "errors".to_string()
                    } else {
                        format!("values needed ({})", needed.join(", "))
                    };
                    QueryError::new(
                        "import-incomplete",
                        format!("{side} did not import completely ({}): {what}", import.summary()),
                    )
                    .with_help("import it with `importDocument`, give the values, and compare the document")
                }
            })
        })?;
        Evaluator::new(&read.text).map_err(|diagnostics| CompareFailure::Document {
            side,
            text: read.text,
            diagnostics,
        })
    };
    let old = load("OLD", old)?;
    let new = load("NEW", new)?;
    old.compare(&new, options).map_err(CompareFailure::Query)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(t: &str) -> serde_json::Value {
        serde_json::from_str(t).unwrap()
    }

    #[test]
    fn import_options_are_strict_with_suggestions() {
        let e = ImportRequest::decode(&json(r#"{"form": "pagerduty"}"#)).unwrap_err();
        assert_eq!(
            (e.code, e.help.as_deref()),
            ("unknown-key", Some("did you mean `from`?"))
        );
        let e = ImportRequest::decode(&json(r#"{"from": "pagerdty"}"#))
            .unwrap()
            .options()
            .unwrap_err();
        assert_eq!(
            (e.code, e.help.as_deref()),
            ("unknown-vendor", Some("did you mean `pagerduty`?"))
        );
        let e = ImportRequest::decode(&json(r#"{"vars": {"start": 3}}"#)).unwrap_err();
        assert_eq!(e.code, "wrong-type");
        let r = ImportRequest::decode(&json(
            r#"{"vars": {"b": "2", "a": "1"}, "personFrom": "summary"}"#,
        ))
        .unwrap();
        // (serde_json's objects are sorted; JS objects keep their order.)
        assert_eq!(r.vars.len(), 2);
        assert_eq!(
            r.options().unwrap().person_from,
            import::calendar::PersonFrom::Summary
        );
        assert_eq!(
            ImportRequest::decode(&serde_json::Value::Null).unwrap(),
            ImportRequest::default()
        );
    }

    #[test]
    fn compare_options_take_a_map_object_and_a_list_of_kinds() {
        let o = CompareOptions::decode(&json(r#"{"from": "2026-03-02", "to": "2026-03-09", "map": {"ann": "anna"}, "allow": ["later-first-page"]}"#)).unwrap();
        assert_eq!(
            (o.map, o.allow),
            (
                vec!["ann=anna".to_string()],
                vec!["later-first-page".to_string()]
            )
        );
        let e = CompareOptions::decode(&json(r#"{"from": "2026-03-02"}"#)).unwrap_err();
        assert_eq!(e.code, "missing-key");
        let e =
            CompareOptions::decode(&json(r#"{"from": "a", "to": "b", "alow": []}"#)).unwrap_err();
        assert_eq!(e.help.as_deref(), Some("did you mean `allow`?"));
    }

    #[test]
    fn a_document_side_is_read_as_is_and_a_vendor_side_is_imported() {
        let doc = "version: 1\ntimezone: UTC\npeople: [{id: ann}]\n";
        let side = compare_side("OLD", &[SourceFile::new("a.yaml", doc)], false)
            .ok()
            .unwrap();
        assert!(side.import.is_none());
        assert_eq!(side.text, doc);
        let bad = compare_files(
            &[SourceFile::new("a.txt", "hello: [")],
            &[SourceFile::new("b.yaml", doc)],
            &CompareOptions::default(),
        );
        assert!(matches!(
            bad,
            Err(CompareFailure::Document { side: "OLD", .. })
        ));
    }
}
