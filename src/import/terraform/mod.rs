//! The Terraform reader: the resources of a Terraform module, with every
//! value evaluated and every value's source span.
//!
//! Importers (PagerDuty, Opsgenie...) call [`read`] with the files of a
//! module and the `--var` pairs, and get a [`Module`]: each `resource` and
//! `data` block expanded into its instances (`count`, `for_each`), each
//! instance's attributes evaluated, the variables that still need a value,
//! and diagnostics that point into the files.
//!
//! # The parser: `hcl-edit`
//!
//! HCL is parsed by [`hcl-edit`](https://docs.rs/hcl-edit) (0.10, from the
//! hcl-rs project), chosen because:
//! - every node of its syntax tree (attribute, block, label, expression,
//!   template element) carries its byte span, which is what a diagnostic in
//!   a `.tf` file needs; `hcl-rs`'s own `hcl` crate drops spans when it
//!   builds values;
//! - it is maintained (releases through 2026) and follows the HCL native
//!   syntax spec: heredocs with `<<-` indent stripping, template directives
//!   with strip markers, `for` expressions, splats, legacy `.0` indexes;
//! - it bounds its own work on hostile input: nesting depth (64) and chained
//!   operators (128) are limited while parsing, so a deep `[[[[...` is a
//!   parse error, not a stack overflow;
//! - it is pure Rust with small dependencies (`winnow`, `hcl-primitives`,
//!   `vecmap-rs`, `fnv`, `pratt`): no threads, no file system, no C, so it
//!   builds for `wasm32-unknown-unknown` as it does natively.
//!
//! The parser only parses. Evaluation is ours ([`eval`]): Terraform's
//! semantics (variable precedence, `count`/`for_each` ordering, its function
//! library, unknown values) are not HCL's and are written out here, each
//! against Terraform's documented rule.
//!
//! # What is evaluated
//!
//! Literals, templates (interpolation, `%{ if }`, `%{ for }`, strip markers,
//! heredocs), operators, conditionals, `for` expressions (list and map
//! forms, `if`, grouping `...`), splats, index and attribute access;
//! `var.*` (defaults, `terraform.tfvars`, `terraform.tfvars.json`,
//! `*.auto.tfvars[.json]` in lexical order, then `--var`), `locals` (any
//! order, cycles reported), `each.*`, `count.index`, `path.*`,
//! `terraform.workspace` (`"default"`), local `module` calls (addresses
//! prefixed `module.NAME.`), and the function library listed in
//! [`functions`]. A reference to a resource or data source is a
//! [`Kind::Ref`], never a guess at the provider's value. A value that
//! depends on a root variable without a value is a [`Kind::Unknown`] naming
//! it, and the variable is listed in [`Module::needed`].
//!
//! Not evaluated: `.tf.json` configuration files and override files
//! (a diagnostic says so), remote module sources (a warning at `source`),
//! `regex`/`regexall` and the functions outside that list (a diagnostic at
//! the call), provider-defined functions. `length` and `substr` count chars
//! where Terraform counts grapheme clusters (they differ only for combining
//! marks and emoji sequences).
//!
//! # Bounded work
//!
//! Whatever the input, [`read`] returns: expression nesting, collection
//! sizes, string lengths, instances per block, module nesting and the total
//! evaluation work are limited ([`limits`]), each limit a diagnostic at the
//! span where it was met.

use crate::diagnostic::Span;
use crate::import::{FileDiagnostic, SourceFile};

mod eval;
mod files;
pub mod functions;
mod json;
pub mod limits;
mod time;
mod types;
mod value;
mod yaml;

#[cfg(test)]
mod tests;

pub use value::{Kind, Source, Value};

/// Reads the module made of `files` (with the `.tf` files of the root
/// module, those of local child modules, `*.tfvars` and any file that
/// `file()` reads, each named by its path) and the `--var NAME=VALUE`
/// pairs (`vars`, as `(NAME, VALUE)`).
///
/// The root module is the folder of `.tf` files nearest the top (fewest path
/// components; the first in lexical order among equals). Never panics.
///
/// ```
/// use escalator::import::SourceFile;
/// use escalator::import::terraform::{read, Kind};
///
/// let files = [SourceFile::new("main.tf", r#"
/// variable "teams" { type = set(string) }
/// resource "opsgenie_team" "t" {
///   for_each = var.teams
///   name     = upper(each.key)
/// }
/// "#)];
/// let vars = [("teams".to_string(), r#"["sre", "db"]"#.to_string())];
/// let module = read(&files, &vars);
/// let addresses: Vec<&str> = module.resources.iter().map(|r| r.address.as_str()).collect();
/// assert_eq!(addresses, [r#"opsgenie_team.t["db"]"#, r#"opsgenie_team.t["sre"]"#]);
/// let name = module.resources[0].body.attribute("name").unwrap();
/// assert_eq!(name.value.as_str(), Some("DB"));
///
/// // Without the variable, the instances cannot be known.
/// let module = read(&files, &[]);
/// assert!(module.resources.is_empty());
/// assert_eq!(module.needed[0].name, "teams");
/// assert_eq!(
///     module.diagnostics[0].diagnostic.message,
///     "`var.teams` has no value: the instances of `opsgenie_team.t` cannot be known",
/// );
/// ```
pub fn read(files: &[SourceFile], vars: &[(String, String)]) -> Module {
    eval::run(files, vars)
}

/// A Terraform module, read and evaluated.
#[derive(Clone, Debug, PartialEq)]
pub struct Module {
    /// Every instance of every `resource` and `data` block, of the root
    /// module and of local child modules: in declaration order (files in
    /// lexical order), a block's instances in key order, each child
    /// module's resources after its caller's.
    pub resources: Vec<Resource>,
    /// The other top-level blocks: `provider`, `terraform`, `output`,
    /// `moved`, `import`, `check`, `removed` (listed so an importer can say
    /// they were seen), and the `module` calls.
    pub blocks: Vec<OtherBlock>,
    /// The root variables with no value anywhere (no default, no tfvars, no
    /// `--var`), sorted by name.
    pub needed: Vec<NeededVariable>,
    /// Problems found, each in one of the files.
    pub diagnostics: Vec<FileDiagnostic>,
    /// Problems with the `--var` pairs: the pair's index and a diagnostic
    /// whose span is a byte range into the pair's `VALUE` (empty for a
    /// problem with its name).
    pub var_diagnostics: Vec<(usize, crate::diagnostic::Diagnostic)>,
    /// The root module's folder (`""` for files without a folder).
    pub root: String,
}

impl Module {
    /// The resource instance at a Terraform address
    /// (`pagerduty_schedule.primary`, `opsgenie_team.t["sre"]`).
    pub fn resource(&self, address: &str) -> Option<&Resource> {
        self.resources.iter().find(|r| r.address == address)
    }

    /// The resources of one type (`pagerduty_schedule`), data sources
    /// excluded.
    pub fn resources_of<'m>(&'m self, kind: &'m str) -> impl Iterator<Item = &'m Resource> + 'm {
        self.resources
            .iter()
            .filter(move |r| r.mode == Mode::Managed && r.kind == kind)
    }
}

/// A `resource` or a `data` block.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mode {
    /// `resource "type" "name"`.
    Managed,
    /// `data "type" "name"`.
    Data,
}

/// The key of one instance of a block with `count` or `for_each`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum InstanceKey {
    /// `count.index`.
    Index(usize),
    /// `each.key`.
    Key(String),
}

/// One instance of a `resource` or `data` block.
#[derive(Clone, Debug, PartialEq)]
pub struct Resource {
    pub mode: Mode,
    /// The resource type: `pagerduty_schedule`.
    pub kind: String,
    /// The block's name label: `primary`.
    pub name: String,
    /// `None` without `count` or `for_each`.
    pub key: Option<InstanceKey>,
    /// The address exactly as Terraform prints it: `pagerduty_schedule.primary`,
    /// `opsgenie_team.t["sre"]`, `aws_x.y[0]`, `data.pagerduty_user.bob`,
    /// `module.team.opsgenie_team.t["sre"]`.
    pub address: String,
    /// The module path, `""` for the root module, else `module.team` (with
    /// keys: `module.team["a"]`).
    pub module: String,
    /// The file with the block.
    pub file: usize,
    /// The block's header: from its type keyword to its last label.
    pub span: Span,
    /// Its evaluated body. Meta-arguments (`count`, `for_each`,
    /// `depends_on`, `provider`, `lifecycle`, `provisioner`, `connection`)
    /// are left out; `dynamic` blocks are expanded.
    pub body: Body,
}

/// An evaluated block body.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Body {
    /// Attributes in source order.
    pub attributes: Vec<Attribute>,
    /// Nested blocks in source order (a `dynamic` block's blocks where it was).
    pub blocks: Vec<Block>,
}

impl Body {
    /// The attribute with this name.
    pub fn attribute(&self, name: &str) -> Option<&Attribute> {
        self.attributes.iter().find(|a| a.name == name)
    }

    /// The value of the attribute with this name.
    pub fn value(&self, name: &str) -> Option<&Value> {
        self.attribute(name).map(|a| &a.value)
    }

    /// The nested blocks of one type (`layer`, `rotation`), in order.
    pub fn blocks<'b>(&'b self, kind: &'b str) -> impl Iterator<Item = &'b Block> + 'b {
        self.blocks.iter().filter(move |b| b.kind == kind)
    }
}

/// `name = expression`, evaluated.
#[derive(Clone, Debug, PartialEq)]
pub struct Attribute {
    pub name: String,
    pub value: Value,
    /// The file with the attribute.
    pub file: usize,
    /// The span of the expression (the value's own [`Value::source`] may be
    /// elsewhere: a variable's value points at its tfvars line).
    pub span: Span,
    /// The span of the name.
    pub name_span: Span,
}

/// A nested block, evaluated.
#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    /// Its type: `layer`.
    pub kind: String,
    pub labels: Vec<String>,
    pub body: Body,
    pub file: usize,
    /// The block's header (its type keyword and labels); for a block made by
    /// `dynamic`, the header of the `dynamic` block.
    pub span: Span,
}

/// A top-level block other than `resource`, `data`, `variable` and `locals`.
#[derive(Clone, Debug, PartialEq)]
pub struct OtherBlock {
    /// `provider`, `terraform`, `output`, `module`, `moved`, `import`, ...
    pub kind: String,
    pub labels: Vec<String>,
    /// The module path it is in (`""` for the root module).
    pub module: String,
    pub file: usize,
    /// The block's header.
    pub span: Span,
    /// Evaluated for `provider`, `terraform` and `output`; empty for the
    /// others (a `module` call's inputs are evaluated into the child's
    /// variables).
    pub body: Body,
}

/// A root variable that has no value anywhere.
#[derive(Clone, Debug, PartialEq)]
pub struct NeededVariable {
    pub name: String,
    /// The declared type as written (`list(string)`), if any.
    pub type_text: Option<String>,
    /// The declared `description`, if any.
    pub description: Option<String>,
    /// The file with the `variable` block.
    pub file: usize,
    /// The `variable "name"` header.
    pub span: Span,
    /// Where it is used: `(file, span of var.name)`, in evaluation order,
    /// without duplicates.
    pub uses: Vec<(usize, Span)>,
}

/// The diagnostic an importer gives for a value it needs but that is not
/// known: "`var.start` has no value: `start` of `pagerduty_schedule.x`
/// cannot be known", with help "pass `--var start=...`". `what` names the
/// thing ("`start` of `pagerduty_schedule.x`"); `example` is shown after
/// `--var start=` (default `...`). The diagnostic is at the value's span
/// when it is in a file, else at `fallback`.
pub fn unknown_diagnostic(
    value: &Value,
    what: &str,
    example: Option<&str>,
    fallback: (usize, Span),
) -> FileDiagnostic {
    let needs = value.needs();
    let (file, span) = match value.source {
        Source::File { file, span } => (file, span),
        Source::Var { .. } => fallback,
    };
    let d = eval::unknown_message(&needs, what, example, span);
    FileDiagnostic::new(file, d)
}
