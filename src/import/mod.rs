//! Vendor files to an Escalator document: the importers.
//!
//! An importer reads what a team already has (a PagerDuty or Opsgenie API
//! export, a Terraform module, a calendar...) and writes one Escalator
//! document whose meaning under the SPEC is exactly the vendor's. Importers
//! sit beside [`crate::document`] at the front of the flow: they turn text
//! into document text, and the usual reader takes it from there.
//!
//! Three rules hold for every importer:
//! - **Faithful**: the document means what the vendor does; where the model
//!   cannot say it, the model is extended, never approximated.
//! - **Nothing lost**: every source element lands in the document or gets a
//!   [`FileDiagnostic`] at its span in its source file.
//! - **Traceable**: imported objects keep the source's `name` and its
//!   reference in `source`.
//!
//! [`import`] runs the whole pipeline: each file is recognised
//! ([`detect`]), the files of each vendor go to that vendor's importer, and
//! the importers fill one [`Draft`] that is written out as YAML.

use crate::diagnostic::{Diagnostic, Span};

pub mod aws;
pub mod calendar;
pub mod detect;
pub mod draft;
pub mod goalert;
pub mod grafana;
pub mod ids;
pub mod opsgenie;
pub mod pagerduty;
pub mod source;
pub mod terraform;
pub mod times;
pub mod view;
pub mod yaml;

pub use detect::{Detection, Format, Vendor};
pub use draft::Draft;
pub use source::{FileDiagnostic, SourceFile};

/// The most extra passes a document's policy may have (`repeat`): the
/// model's limit, which this layer cannot name (it sits below the model);
/// `tests/import_valid_output.rs` holds the two equal.
pub const MAX_REPEAT: i64 = 20;

/// What the caller chooses about an import.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Read every file as this vendor's (`--from`); detection still picks
    /// the format.
    pub from: Option<Vendor>,
    /// Values of Terraform variables (`--var NAME=VALUE`), in the order given.
    pub vars: Vec<(String, String)>,
    /// The document's zone when the sources name none.
    pub timezone: Option<String>,
    /// Calendars: where an event's person comes from (`--person-from`).
    pub person_from: calendar::PersonFrom,
    /// Calendars: the pattern that finds the person in a summary
    /// (`--person-pattern`, see [`calendar::PersonPattern`]).
    pub person_pattern: Option<String>,
    /// Calendars: the window a series the model cannot say as a rule is
    /// written out over (`--expand-from`, `--expand-to`; default: a year
    /// from the series' start).
    pub expand_window: Option<(crate::time::Timestamp, crate::time::Timestamp)>,
}

/// A value the import needs and no file gives (a Terraform variable with
/// no default, say).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValueNeeded {
    /// The name to pass: `--var NAME=VALUE`.
    pub name: String,
    /// What it is for, from the declaration's `description`.
    pub description: Option<String>,
    /// A value of the right shape, for the message and the page's field.
    pub example: Option<String>,
    /// Where it is declared or first needed.
    pub file: usize,
    pub span: Span,
}

/// What each file was recognised as.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DetectedFile {
    pub file: usize,
    /// `None` for files read along with others (`.tfvars`) and for files
    /// not recognised.
    pub vendor: Option<Vendor>,
    /// `None` when the file was not recognised.
    pub format: Option<Format>,
}

/// The result of an import: the document, what was recognised, and every
/// diagnostic about the source files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Import {
    /// The Escalator document (YAML).
    pub document: String,
    pub detected: Vec<DetectedFile>,
    /// Sorted by file, then position.
    pub diagnostics: Vec<FileDiagnostic>,
    /// Values to provide (`--var`) before the import is complete.
    pub needed: Vec<ValueNeeded>,
    /// How many objects of each kind the document holds.
    pub counts: draft::Counts,
}

impl Import {
    /// Whether the import is complete: nothing needs a value and nothing
    /// failed to import (no error diagnostic).
    pub fn is_complete(&self) -> bool {
        self.needed.is_empty()
            && !self
                .diagnostics
                .iter()
                .any(|d| d.diagnostic.severity == crate::diagnostic::Severity::Error)
    }

    /// The vendors and formats recognised, as people say it: "PagerDuty
    /// Terraform", "Opsgenie API and PagerDuty Terraform".
    pub fn label(&self) -> String {
        let mut seen: Vec<(Vendor, Format)> = Vec::new();
        for d in &self.detected {
            if let (Some(v), Some(f)) = (d.vendor, d.format) {
                if !seen.contains(&(v, f)) {
                    seen.push((v, f));
                }
            }
        }
        let parts: Vec<String> = seen
            .iter()
            .map(|(v, f)| match f {
                Format::Document | Format::ICalendar => v.label().to_string(),
                _ => format!("{} {}", v.label(), f.label()),
            })
            .collect();
        match parts.len() {
            0 => "nothing recognised".to_string(),
            1 => parts[0].clone(),
            _ => {
                let (last, rest) = parts.split_last().unwrap_or((&parts[0], &[]));
                format!("{} and {last}", rest.join(", "))
            }
        }
    }

    /// One line for the CLI and the page: "PagerDuty Terraform, 3 files: 5
    /// schedules, 3 policies, 2 values needed".
    pub fn summary(&self) -> String {
        let files = self.detected.iter().filter(|d| d.format.is_some()).count();
        let mut parts = Vec::new();
        let c = &self.counts;
        for (n, one, many) in [
            (c.people, "person", "people"),
            (c.schedules, "schedule", "schedules"),
            (c.policies, "policy", "policies"),
            (c.services, "service", "services"),
        ] {
            if n > 0 {
                parts.push(format!("{n} {}", if n == 1 { one } else { many }));
            }
        }
        if !self.needed.is_empty() {
            let n = self.needed.len();
            parts.push(format!("{n} value{} needed", if n == 1 { "" } else { "s" }));
        }
        let files = format!("{files} file{}", if files == 1 { "" } else { "s" });
        if parts.is_empty() {
            format!("{}, {files}: nothing to import", self.label())
        } else {
            format!("{}, {files}: {}", self.label(), parts.join(", "))
        }
    }
}

/// Why nothing could be imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    /// No file was given.
    NoFiles,
    /// No file is in a supported format; the names of the files.
    NotRecognised(Vec<String>),
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportError::NoFiles => f.write_str("no file to import"),
            ImportError::NotRecognised(names) => {
                write!(
                    f,
                    "no supported format recognised in {}; escalator import reads:",
                    names
                        .iter()
                        .map(|n| format!("`{n}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )?;
                for format in detect::SUPPORTED {
                    write!(f, "\n  - {format}")?;
                }
                Ok(())
            }
        }
    }
}

/// Everything an importer works with: the files, the options, the
/// document being built, the ids handed out and the diagnostics so far.
pub struct Cx<'a> {
    pub files: &'a [SourceFile],
    pub options: &'a ImportOptions,
    pub draft: Draft,
    pub ids: ids::Ids,
    pub diagnostics: Vec<FileDiagnostic>,
    pub needed: Vec<ValueNeeded>,
}

impl Cx<'_> {
    /// Records a diagnostic about file `file`.
    pub fn report(&mut self, file: usize, diagnostic: Diagnostic) {
        self.diagnostics.push(FileDiagnostic::new(file, diagnostic));
    }

    /// Records a value that is needed (once per name).
    pub fn need(&mut self, value: ValueNeeded) {
        if !self.needed.iter().any(|v| v.name == value.name) {
            self.needed.push(value);
        }
    }

    /// Records a Terraform module's own diagnostics, the variables it
    /// needs, and the problems of `--var` values (which have no file: they
    /// are said on the first Terraform file, naming the variable).
    pub fn report_terraform(&mut self, module: &terraform::Module) {
        for d in &module.diagnostics {
            self.diagnostics.push(d.clone());
        }
        for v in &module.needed {
            self.need(ValueNeeded {
                name: v.name.clone(),
                description: v.description.clone(),
                example: example_value(v.type_text.as_deref(), &v.name),
                file: v.file,
                span: v.span,
            });
        }
        let first = module
            .resources
            .first()
            .map(|r| r.file)
            .or_else(|| module.needed.first().map(|v| v.file))
            .unwrap_or(0);
        for (index, d) in &module.var_diagnostics {
            let name = self
                .options
                .vars
                .get(*index)
                .map(|(n, _)| n.as_str())
                .unwrap_or("?");
            // A name with a dot is no Terraform variable: it answers another
            // importer's question (`WeekdayRotation.StartTime`).
            if name.contains('.') {
                continue;
            }
            let mut d = d.clone();
            d.message = format!("`--var {name}=...`: {}", d.message);
            d.span = Span::new(0, 0);
            d.labels.clear();
            self.report(first, d);
        }
    }
}

/// A value of the right shape for a variable, for messages and the page's
/// fields: an instant for names about time, else by declared type.
fn example_value(type_text: Option<&str>, name: &str) -> Option<String> {
    let lower = name.to_ascii_lowercase();
    if lower.contains("start") || lower.contains("time") || lower.contains("date") {
        return Some("2026-03-02T09:00:00Z".to_string());
    }
    match type_text {
        Some("number") => Some("1".to_string()),
        Some(t) if t.starts_with("list") || t.starts_with("set") => {
            Some("[\"a\", \"b\"]".to_string())
        }
        Some("bool") => Some("true".to_string()),
        _ => None,
    }
}

/// A vendor's importer: reads the files recognised as that vendor's (their
/// indices, with their formats) into the draft.
type Importer = fn(&mut Cx<'_>, &[(usize, Format)]);

/// The importer of each vendor (`None` for an Escalator document: it needs none).
fn importer(vendor: Vendor) -> Option<Importer> {
    match vendor {
        Vendor::PagerDuty => Some(pagerduty::import),
        Vendor::AwsIncidentManager => Some(aws::import),
        Vendor::GoAlert => Some(goalert::import),
        Vendor::GrafanaOnCall => Some(grafana::import),
        Vendor::Escalator => None,
        Vendor::Opsgenie => Some(opsgenie::import),
        Vendor::Calendar => Some(calendar::run),
    }
}

/// Imports vendor files into one Escalator document.
///
/// Files are recognised by content; `options.from` forces the vendor.
/// Files that belong to a vendor's Terraform module (`.tfvars`, files read
/// by `file()`) go with it. A single Escalator document is returned as is.
pub fn import(files: &[SourceFile], options: &ImportOptions) -> Result<Import, ImportError> {
    if files.is_empty() {
        return Err(ImportError::NoFiles);
    }
    let mut detected = Vec::with_capacity(files.len());
    for (i, file) in files.iter().enumerate() {
        let tree = if looks_structured(&file.text) {
            crate::document::parse(&file.text).root
        } else {
            None
        };
        let found = detect::detect(&file.name, &file.text, tree.as_ref());
        let (vendor, format) = match options.from {
            Some(from) => forced(from, found),
            None => (found.and_then(|d| d.vendor), found.map(|d| d.format)),
        };
        detected.push(DetectedFile {
            file: i,
            vendor,
            format,
        });
    }
    // A Terraform file that declares no vendor's resource (`variables.tf`,
    // `locals.tf`) belongs to the module: it takes the vendor of the other
    // Terraform files when they name exactly one.
    let mut tf_vendors: Vec<Vendor> = detected
        .iter()
        .filter(|d| d.format == Some(Format::Terraform))
        .filter_map(|d| d.vendor)
        .collect();
    tf_vendors.sort();
    tf_vendors.dedup();
    if let [only] = tf_vendors.as_slice() {
        for d in detected.iter_mut() {
            if d.format == Some(Format::Terraform) && d.vendor.is_none() {
                d.vendor = Some(*only);
            }
        }
    }
    let recognised = detected.iter().any(|d| {
        d.vendor
            .is_some_and(|v| v == Vendor::Escalator || importer(v).is_some())
    });
    if !recognised {
        return Err(ImportError::NotRecognised(
            files.iter().map(|f| f.name.clone()).collect(),
        ));
    }
    // A lone Escalator document needs no import.
    if let [only] = detected.as_slice() {
        if only.vendor == Some(Vendor::Escalator) {
            return Ok(Import {
                document: files[0].text.clone(),
                detected,
                diagnostics: Vec::new(),
                needed: Vec::new(),
                counts: draft::Counts::default(),
            });
        }
    }

    let mut cx = Cx {
        files,
        options,
        draft: Draft::default(),
        ids: ids::Ids::new(),
        diagnostics: Vec::new(),
        needed: Vec::new(),
    };
    let mut vendors: Vec<Vendor> = detected.iter().filter_map(|d| d.vendor).collect();
    vendors.sort();
    vendors.dedup();
    for vendor in vendors {
        let mine: Vec<(usize, Format)> = detected
            .iter()
            .filter(|d| {
                d.vendor == Some(vendor)
                    || (d.vendor.is_none() && d.format == Some(Format::TerraformVars))
            })
            .filter_map(|d| d.format.map(|f| (d.file, f)))
            .collect();
        match importer(vendor) {
            Some(run) => run(&mut cx, &mine),
            None => {
                for (file, _) in mine {
                    if matches!(detected[file].format, Some(Format::TerraformVars)) {
                        continue;
                    }
                    cx.report(
                        file,
                        Diagnostic::error(
                            "import-unsupported",
                            Span::new(0, 0),
                            format!(
                                "{} files cannot be combined with others yet",
                                vendor.label()
                            ),
                        ),
                    );
                }
            }
        }
    }
    for d in &detected {
        if d.format.is_none() {
            cx.report(
                d.file,
                Diagnostic::warning(
                    "import-not-recognised",
                    Span::new(0, 0),
                    format!(
                        "`{}` is in no supported format; it was skipped",
                        files[d.file].name
                    ),
                ),
            );
        }
    }
    let header = draft::header(files, &detected);
    let counts = cx.draft.counts();
    let document = cx
        .draft
        .to_yaml(options.timezone.as_deref())
        .to_document(&header);
    let mut diagnostics = cx.diagnostics;
    sort_diagnostics(&mut diagnostics);
    Ok(Import {
        document,
        detected,
        diagnostics,
        needed: cx.needed,
        counts,
    })
}

/// Sorts an import's diagnostics by file, then position and code, and
/// drops repeats.
pub fn sort_diagnostics(diagnostics: &mut Vec<FileDiagnostic>) {
    diagnostics.sort_by(|a, b| {
        (
            a.file,
            a.diagnostic.span.start,
            a.diagnostic.span.end,
            a.diagnostic.code,
        )
            .cmp(&(
                b.file,
                b.diagnostic.span.start,
                b.diagnostic.span.end,
                b.diagnostic.code,
            ))
    });
    diagnostics.dedup();
}

/// The vendor and format of a file read `--from` a vendor: that vendor's,
/// whatever detection says (another vendor, or nothing), in the format
/// detection found when the vendor has it, else the vendor's first (its
/// API JSON; iCalendar for calendars), so that a file that is not what it
/// is said to be is reported by that vendor's reader, never skipped.
/// Terraform variables stay variables (they go with the module), and an
/// Escalator document stays a document (it is no vendor's file).
fn forced(from: Vendor, found: Option<Detection>) -> (Option<Vendor>, Option<Format>) {
    let detected = found.map(|d| d.format);
    match detected {
        Some(Format::TerraformVars) => return (None, detected),
        Some(Format::Document) => return (Some(Vendor::Escalator), detected),
        _ => {}
    }
    let formats: &[Format] = match from {
        Vendor::PagerDuty | Vendor::GrafanaOnCall => &[Format::Api, Format::Terraform],
        Vendor::Opsgenie => &[Format::Api, Format::Terraform, Format::ModuleYaml],
        Vendor::AwsIncidentManager => &[Format::Api, Format::Terraform, Format::CloudFormation],
        Vendor::GoAlert => &[Format::Api],
        Vendor::Calendar => &[Format::ICalendar],
        Vendor::Escalator => &[Format::Document],
    };
    let format = match detected {
        Some(f) if formats.contains(&f) => f,
        _ => formats[0],
    };
    (Some(from), Some(format))
}

/// Whether a text could be YAML or JSON worth parsing for detection (HCL
/// and calendars are recognised without it).
fn looks_structured(text: &str) -> bool {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    !(t.starts_with("BEGIN:") || t.starts_with("resource ") || t.starts_with("variable "))
}
