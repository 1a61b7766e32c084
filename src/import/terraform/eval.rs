//! The evaluator: module configurations, instances, and expressions.
//!
//! Everything shared is evaluated lazily and once: a local, a module
//! output, the instances of a block (its `count`/`for_each`), a module
//! call's child instances. Each has a slot that is busy while it is being
//! evaluated, so a reference back into it is a cycle, reported once.

use std::collections::{BTreeMap, HashMap};

use hcl_edit::expr::{
    BinaryOperator, Expression, ForExpr, FuncCall, Object, ObjectKey, Traversal, TraversalOperator,
    UnaryOperator,
};
use hcl_edit::structure::{Block as HBlock, Body as HBody, Structure};
use hcl_edit::template::{Directive, Element, Template};
use hcl_edit::Decorated;

use super::files::{self, FileKind};
use super::limits::*;
use super::types::{self, Ty};
use super::value::{equal, json_text, number_text, quoted, weight, whole, Kind, Source, Value};
use super::{
    Attribute, Block, Body, InstanceKey, Mode, Module, NeededVariable, OtherBlock, Resource,
};
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::import::{FileDiagnostic, SourceFile};
use crate::suggest::did_you_mean;

/// The byte span of a syntax node.
pub(super) fn span_of(node: &impl hcl_edit::Span) -> Span {
    match node.span() {
        Some(r) => Span::new(
            u32::try_from(r.start).unwrap_or(u32::MAX),
            u32::try_from(r.end).unwrap_or(u32::MAX),
        ),
        None => Span::default(),
    }
}

/// A block's header: its type keyword and labels.
fn header_span(b: &HBlock) -> Span {
    let start = span_of(&b.ident);
    let end = b.labels.last().map_or(start, span_of);
    Span::new(start.start, end.end.max(start.end))
}

/// Where the text being evaluated comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Origin {
    File(usize),
    Var(usize),
}

/// `each.key` and `each.value`, in a block with `for_each`.
type Each = Option<(Value, Value)>;

/// What an expression can see.
pub(super) struct Scope {
    pub(super) inst: usize,
    pub(super) origin: Origin,
    /// Literal only (tfvars, `--var`, variable defaults): no references, no
    /// function calls.
    pub(super) literal: bool,
    each: Each,
    count: Option<Value>,
    /// `for` and `dynamic` variables, innermost last.
    pub(super) bindings: Vec<(String, Value)>,
}

impl Scope {
    fn new(inst: usize, file: usize) -> Scope {
        Scope {
            inst,
            origin: Origin::File(file),
            literal: false,
            each: None,
            count: None,
            bindings: Vec::new(),
        }
    }

    pub(super) fn literal(origin: Origin) -> Scope {
        Scope {
            inst: 0,
            origin,
            literal: true,
            each: None,
            count: None,
            bindings: Vec::new(),
        }
    }

    pub(super) fn at(&self, span: Span) -> Source {
        match self.origin {
            Origin::File(file) => Source::File { file, span },
            Origin::Var(index) => Source::Var { index, span },
        }
    }
}

/// The instances of a block with or without `count`/`for_each`.
#[derive(Clone, Debug)]
enum Expansion {
    Single,
    Count(usize),
    /// Keys in order, with `each.value`.
    Keys(Vec<(String, Value)>),
    /// Not known (a diagnostic was given): the variables it needs.
    Unknown(Vec<String>),
    Failed,
}

enum Slot {
    Busy,
    Done(Value),
}

enum ExpSlot {
    Pending,
    Busy,
    Done(Expansion),
}

enum CallSlot {
    Pending,
    Busy,
    Done(Expansion, Vec<usize>),
}

struct VarDecl<'a> {
    name: String,
    file: usize,
    span: Span,
    ty: Ty<'a>,
    type_expr: Option<&'a Expression>,
    default: Option<&'a Expression>,
    description: Option<String>,
}

struct ResDecl<'a> {
    mode: Mode,
    kind: String,
    name: String,
    file: usize,
    block: &'a HBlock,
}

enum CallSource {
    Local(usize),
    Remote,
    Missing,
}

struct CallDecl<'a> {
    name: String,
    file: usize,
    block: &'a HBlock,
    source: CallSource,
}

struct Config<'a> {
    dir: String,
    variables: Vec<VarDecl<'a>>,
    locals: BTreeMap<String, (usize, &'a Expression, Span)>,
    resources: Vec<ResDecl<'a>>,
    calls: Vec<CallDecl<'a>>,
    outputs: BTreeMap<String, (usize, &'a HBlock)>,
    /// Other top-level blocks, with their file.
    others: Vec<(usize, &'a HBlock)>,
}

struct Instance {
    config: usize,
    /// The module path: `""` or `module.a` or `module.a["k"].module.b`.
    path: String,
    depth: usize,
    vars: BTreeMap<String, Value>,
    locals: HashMap<String, Slot>,
    outputs: HashMap<String, Slot>,
    resources: Vec<ExpSlot>,
    calls: Vec<CallSlot>,
}

impl Instance {
    fn prefix(&self) -> String {
        if self.path.is_empty() {
            String::new()
        } else {
            format!("{}.", self.path)
        }
    }
}

/// The top-level block types Terraform knows.
const TOP_BLOCKS: [&str; 12] = [
    "resource",
    "data",
    "variable",
    "locals",
    "module",
    "output",
    "provider",
    "terraform",
    "moved",
    "import",
    "check",
    "removed",
];

/// Meta-arguments left out of a resource's body.
const META_ATTRIBUTES: [&str; 4] = ["count", "for_each", "depends_on", "provider"];
const META_BLOCKS: [&str; 3] = ["lifecycle", "provisioner", "connection"];

pub(super) struct Evaluator<'a> {
    pub(super) files: &'a [SourceFile],
    pub(super) paths: &'a [String],
    vars: &'a [(String, String)],
    bodies: &'a [Option<HBody>],
    kinds: &'a [FileKind],
    root_dir: String,
    configs: Vec<Config<'a>>,
    config_by_dir: HashMap<String, usize>,
    instances: Vec<Instance>,
    pub(super) diags: Vec<FileDiagnostic>,
    pub(super) var_diags: Vec<(usize, Diagnostic)>,
    dropped: usize,
    /// Inside `try`/`can`: diagnostics are not kept, only noted.
    muted: u32,
    failed: bool,
    work: u64,
    exhausted: bool,
    depth: u32,
    /// Locals and outputs being evaluated, for cycle messages.
    stack: Vec<(usize, String)>,
    uses: BTreeMap<String, Vec<(usize, Span)>>,
    /// The address whose body is being evaluated, for messages.
    context: String,
    resources: Vec<Resource>,
    others: Vec<OtherBlock>,
}

pub(super) fn run(files: &[SourceFile], vars: &[(String, String)]) -> Module {
    let paths: Vec<String> = files.iter().map(|f| files::normalize(&f.name)).collect();
    let kinds: Vec<FileKind> = paths.iter().map(|p| files::kind_of(p)).collect();
    let mut diags = Vec::new();
    let bodies: Vec<Option<HBody>> = files
        .iter()
        .zip(&kinds)
        .enumerate()
        .map(|(i, (f, kind))| match kind {
            FileKind::Tf | FileKind::Tfvars => match hcl_edit::parser::parse_body(&f.text) {
                Ok(body) => Some(body),
                Err(e) => {
                    let mut d = syntax_diagnostic(&f.text, &e);
                    d.span = clamp_span(&f.text, d.span);
                    diags.push(FileDiagnostic::new(i, d));
                    None
                }
            },
            _ => None,
        })
        .collect();
    let var_exprs: Vec<Option<Result<Expression, String>>> = vars
        .iter()
        .map(|(_, v)| Some(hcl_edit::parser::parse_expr(v).map_err(|e| e.message().to_string())))
        .collect();

    // The root: the folder of configuration files nearest the top.
    let root_dir = paths
        .iter()
        .zip(&kinds)
        .filter(|(_, k)| matches!(k, FileKind::Tf | FileKind::TfJson | FileKind::Override))
        .map(|(p, _)| files::dir_of(p).to_string())
        .min_by(|a, b| {
            let depth = |s: &str| {
                if s.is_empty() {
                    0
                } else {
                    s.split('/').count()
                }
            };
            depth(a).cmp(&depth(b)).then(a.cmp(b))
        })
        .unwrap_or_default();

    let mut ev = Evaluator {
        files,
        paths: &paths,
        vars,
        bodies: &bodies,
        kinds: &kinds,
        root_dir: root_dir.clone(),
        configs: Vec::new(),
        config_by_dir: HashMap::new(),
        instances: Vec::new(),
        diags,
        var_diags: Vec::new(),
        dropped: 0,
        muted: 0,
        failed: false,
        work: 0,
        exhausted: false,
        depth: 0,
        stack: Vec::new(),
        uses: BTreeMap::new(),
        context: String::new(),
        resources: Vec::new(),
        others: Vec::new(),
    };
    let root = ev.load_config(&root_dir);
    ev.note_unread_files();
    let (root_vars, missing) = ev.root_vars(root, vars, &var_exprs);
    ev.instances.push(Instance::new(
        root,
        String::new(),
        0,
        root_vars,
        &ev.configs[root],
    ));
    ev.emit(0);

    let needed = missing
        .into_iter()
        .map(|i| {
            let d = &ev.configs[root].variables[i];
            let type_text = d.type_expr.map(|e| {
                let s = span_of(e);
                files[d.file]
                    .text
                    .get(s.start as usize..s.end as usize)
                    .unwrap_or("")
                    .to_string()
            });
            NeededVariable {
                name: d.name.clone(),
                type_text,
                description: d.description.clone(),
                file: d.file,
                span: d.span,
                uses: ev.uses.get(&d.name).cloned().unwrap_or_default(),
            }
        })
        .collect::<Vec<_>>();
    let mut needed = needed;
    needed.sort_by(|a, b| a.name.cmp(&b.name));

    if ev.dropped > 0 {
        let file = ev.diags.last().map_or(0, |d| d.file);
        let span = ev
            .diags
            .last()
            .map_or(Span::default(), |d| d.diagnostic.span);
        ev.diags.push(FileDiagnostic::new(
            file,
            Diagnostic::error(
                "too-many-diagnostics",
                span,
                format!("{} more problems are not shown", ev.dropped),
            )
            .with_help(format!("only the first {MAX_DIAGNOSTICS} are listed")),
        ));
    }
    Module {
        resources: ev.resources,
        blocks: ev.others,
        needed,
        diagnostics: ev.diags,
        var_diagnostics: ev.var_diags,
        root: root_dir,
    }
}

/// A parse error as a diagnostic at its position.
fn syntax_diagnostic(text: &str, e: &hcl_edit::parser::Error) -> Diagnostic {
    let at = e.location().offset().min(text.len());
    let mut end = at;
    if let Some(c) = text.get(at..).and_then(|s| s.chars().next()) {
        end = at + c.len_utf8();
    }
    Diagnostic::error(
        "hcl-syntax",
        Span::new(at as u32, end as u32),
        format!("invalid HCL: {}", e.message().replace('\n', " ")),
    )
}

/// A span moved onto char boundaries inside `text`.
pub(super) fn clamp_span(text: &str, span: Span) -> Span {
    let mut start = (span.start as usize).min(text.len());
    while start > 0 && !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (span.end as usize).clamp(start, text.len());
    while end < text.len() && !text.is_char_boundary(end) {
        end += 1;
    }
    Span::new(start as u32, end as u32)
}

/// The message for something that is not known: which variables it needs.
pub(super) fn unknown_message(
    needs: &[String],
    what: &str,
    example: Option<&str>,
    span: Span,
) -> Diagnostic {
    if needs.is_empty() {
        return Diagnostic::error(
            "unknown-value",
            span,
            format!("{what} cannot be known before `terraform apply`"),
        )
        .with_help("it depends on a resource attribute or a value like `timestamp()` that only exists once applied");
    }
    let names: Vec<String> = needs.iter().map(|n| format!("`var.{n}`")).collect();
    let verb = if needs.len() == 1 { "has" } else { "have" };
    let pass: Vec<String> = needs
        .iter()
        .map(|n| format!("`--var {n}={}`", example.unwrap_or("...")))
        .collect();
    Diagnostic::error(
        "unknown-value",
        span,
        format!(
            "{} {verb} no value: {what} cannot be known",
            names.join(" and ")
        ),
    )
    .with_help(format!("pass {}", pass.join(" and ")))
}

impl Instance {
    fn new(
        config: usize,
        path: String,
        depth: usize,
        vars: BTreeMap<String, Value>,
        c: &Config,
    ) -> Instance {
        Instance {
            config,
            path,
            depth,
            vars,
            locals: HashMap::new(),
            outputs: HashMap::new(),
            resources: c.resources.iter().map(|_| ExpSlot::Pending).collect(),
            calls: c.calls.iter().map(|_| CallSlot::Pending).collect(),
        }
    }
}

impl<'a> Evaluator<'a> {
    // ------------------------------------------------------------ diagnostics

    pub(super) fn push(&mut self, origin: Origin, mut d: Diagnostic) {
        let text = match origin {
            Origin::File(file) => self.files.get(file).map(|f| f.text.as_str()),
            Origin::Var(index) => self.vars.get(index).map(|(_, v)| v.as_str()),
        };
        if let Some(text) = text {
            d.span = clamp_span(text, d.span);
        }
        if d.message.contains(['\n', '\r']) {
            d.message = d.message.replace('\n', "\\n").replace('\r', "\\r");
        }
        if self.muted > 0 {
            if d.severity == Severity::Error {
                self.failed = true;
            }
            return;
        }
        if self.diags.len() + self.var_diags.len() >= MAX_DIAGNOSTICS {
            self.dropped += 1;
            return;
        }
        match origin {
            Origin::File(file) => self.diags.push(FileDiagnostic::new(file, d)),
            Origin::Var(index) => self.var_diags.push((index, d)),
        }
    }

    /// Reports an error and gives the invalid value at `span`.
    pub(super) fn fail(
        &mut self,
        sc: &Scope,
        span: Span,
        code: &'static str,
        message: impl Into<String>,
    ) -> Value {
        self.push(sc.origin, Diagnostic::error(code, span, message));
        Value::new(Kind::Error, sc.at(span))
    }

    pub(super) fn fail_help(
        &mut self,
        sc: &Scope,
        span: Span,
        code: &'static str,
        message: impl Into<String>,
        help: Option<String>,
    ) -> Value {
        let mut d = Diagnostic::error(code, span, message);
        if let Some(h) = help {
            d = d.with_help(h);
        }
        self.push(sc.origin, d);
        Value::new(Kind::Error, sc.at(span))
    }

    /// Counts work; false (with one diagnostic) once the budget is spent.
    pub(super) fn tick(&mut self, sc: &Scope, span: Span, units: u64) -> bool {
        self.work = self.work.saturating_add(units);
        if self.work <= MAX_WORK {
            return true;
        }
        if !self.exhausted {
            self.exhausted = true;
            let muted = std::mem::replace(&mut self.muted, 0);
            self.push(
                sc.origin,
                Diagnostic::error(
                    "limit-exceeded",
                    span,
                    format!("evaluation stopped here: the module needs more than {MAX_WORK} steps"),
                )
                .with_help("the values of the remaining expressions are left invalid"),
            );
            self.muted = muted;
        }
        false
    }

    /// A copy of a value, its size counted as work.
    pub(super) fn copy(&mut self, sc: &Scope, span: Span, v: &Value) -> Value {
        let w = weight(v, MAX_WORK);
        if self.tick(sc, span, w) {
            v.clone()
        } else {
            Value::new(Kind::Error, sc.at(span))
        }
    }

    /// Reports a limit met.
    pub(super) fn limit(&mut self, sc: &Scope, span: Span, message: String) -> Value {
        self.fail(sc, span, "limit-exceeded", message)
    }

    /// Checks a collection's length against [`MAX_ITEMS`].
    pub(super) fn check_items(&mut self, sc: &Scope, span: Span, n: usize) -> bool {
        if n > MAX_ITEMS {
            self.limit(
                sc,
                span,
                format!("a collection of {n} elements is more than the limit of {MAX_ITEMS}"),
            );
            return false;
        }
        self.tick(sc, span, n as u64)
    }

    /// Checks a string's length against [`MAX_STRING`].
    pub(super) fn check_string(&mut self, sc: &Scope, span: Span, n: usize) -> bool {
        if n > MAX_STRING {
            self.limit(
                sc,
                span,
                format!("a string of {n} bytes is longer than the limit of {MAX_STRING}"),
            );
            return false;
        }
        self.tick(sc, span, (n / 64) as u64)
    }

    /// Evaluates `f` with diagnostics muted: the value, and whether an error
    /// happened.
    pub(super) fn muted<T>(&mut self, f: impl FnOnce(&mut Self) -> T) -> (T, bool) {
        let old = std::mem::replace(&mut self.failed, false);
        self.muted += 1;
        let out = f(self);
        self.muted -= 1;
        let failed = std::mem::replace(&mut self.failed, old);
        (out, failed)
    }

    /// Evaluates `f` with diagnostics kept (shared values: a local, an
    /// output), even inside `try`.
    fn unmuted<T>(&mut self, f: impl FnOnce(&mut Self) -> T) -> T {
        let muted = std::mem::replace(&mut self.muted, 0);
        let failed = std::mem::replace(&mut self.failed, false);
        let out = f(self);
        self.muted = muted;
        self.failed = failed;
        out
    }

    // ------------------------------------------------------------ configs

    /// The configuration of the module in `dir`, loaded once.
    fn load_config(&mut self, dir: &str) -> usize {
        if let Some(&i) = self.config_by_dir.get(dir) {
            return i;
        }
        let index = self.configs.len();
        self.config_by_dir.insert(dir.to_string(), index);
        self.configs.push(Config {
            dir: dir.to_string(),
            variables: Vec::new(),
            locals: BTreeMap::new(),
            resources: Vec::new(),
            calls: Vec::new(),
            outputs: BTreeMap::new(),
            others: Vec::new(),
        });
        let mut order: Vec<usize> = (0..self.files.len())
            .filter(|&i| files::dir_of(&self.paths[i]) == dir)
            .collect();
        order.sort_by(|&a, &b| self.paths[a].cmp(&self.paths[b]));
        let mut calls_to_load = Vec::new();
        for file in order {
            match self.kinds[file] {
                FileKind::TfJson => {
                    let d = Diagnostic::warning(
                        "unread-file",
                        Span::default(),
                        format!(
                            "`{}` is not read: JSON configuration files are not supported",
                            self.files[file].name
                        ),
                    )
                    .with_help("its resources are not imported; convert it to a `.tf` file");
                    self.push(Origin::File(file), d);
                    continue;
                }
                FileKind::Override => {
                    let d = Diagnostic::warning(
                        "unread-file",
                        Span::default(),
                        format!(
                            "`{}` is an override file, which is not merged",
                            self.files[file].name
                        ),
                    )
                    .with_help("move its settings into the blocks it overrides");
                    self.push(Origin::File(file), d);
                    continue;
                }
                FileKind::Tf => {}
                _ => continue,
            }
            let Some(body) = &self.bodies[file] else {
                continue;
            };
            for s in body.iter() {
                match s {
                    Structure::Attribute(a) => {
                        let d = Diagnostic::error(
                            "unexpected-attribute",
                            span_of(&a.key),
                            format!(
                                "`{}` cannot be set at the top level of a module",
                                a.key.as_str()
                            ),
                        )
                        .with_help("only blocks (`resource`, `variable`, `locals`, ...) go here");
                        self.push(Origin::File(file), d);
                    }
                    Structure::Block(b) => {
                        if let Some(call) = self.declare(index, file, b) {
                            calls_to_load.push(call);
                        }
                    }
                }
            }
        }
        // Child module configurations, once this one is complete.
        for (call, child_dir) in calls_to_load {
            let child = if self.configs.len() >= MAX_MODULES {
                None
            } else {
                Some(self.load_config(&child_dir))
            };
            if let Some(child) = child {
                let has_files = (0..self.files.len()).any(|i| {
                    files::dir_of(&self.paths[i]) == child_dir
                        && matches!(self.kinds[i], FileKind::Tf | FileKind::TfJson)
                });
                self.configs[index].calls[call].source = if has_files {
                    CallSource::Local(child)
                } else {
                    CallSource::Missing
                };
            }
        }
        index
    }

    /// Records one top-level block; a local module call gives its index and
    /// folder.
    fn declare(&mut self, config: usize, file: usize, b: &'a HBlock) -> Option<(usize, String)> {
        let kind = b.ident.as_str();
        let labels: Vec<&str> = b.labels.iter().map(|l| l.as_str()).collect();
        let want = match kind {
            "resource" | "data" => 2,
            "variable" | "module" | "output" => 1,
            "locals" | "terraform" | "moved" | "import" | "removed" => 0,
            "provider" | "check" => 1,
            _ => {
                let help = did_you_mean(kind, TOP_BLOCKS);
                let d = Diagnostic::error(
                    "unknown-block",
                    span_of(&b.ident),
                    format!("`{kind}` is not a Terraform block type"),
                );
                self.push(
                    Origin::File(file),
                    match help {
                        Some(h) => d.with_help(h),
                        None => d,
                    },
                );
                return None;
            }
        };
        if labels.len() != want {
            let d = Diagnostic::error(
                "invalid-block",
                header_span(b),
                format!(
                    "a `{kind}` block takes {want} label{}, this one has {}",
                    if want == 1 { "" } else { "s" },
                    labels.len()
                ),
            );
            self.push(Origin::File(file), d);
            return None;
        }
        let dir = self.configs[config].dir.clone();
        match kind {
            "variable" => {
                let name = labels[0].to_string();
                if let Some(prev) = self.configs[config]
                    .variables
                    .iter()
                    .find(|v| v.name == name)
                {
                    let (pf, ps) = (prev.file, prev.span);
                    self.duplicate(file, header_span(b), pf, ps, format!("variable `{name}`"));
                    return None;
                }
                let type_expr = b.body.get_attribute("type").map(|a| &a.value);
                let ty = match type_expr {
                    Some(e) => match types::parse(e, file) {
                        Ok(t) => t,
                        Err((span, msg)) => {
                            self.push(
                                Origin::File(file),
                                Diagnostic::error("invalid-type", span, msg),
                            );
                            Ty::Any
                        }
                    },
                    None => Ty::Unset,
                };
                let description = b
                    .body
                    .get_attribute("description")
                    .and_then(|a| a.value.as_str())
                    .map(str::to_string);
                self.configs[config].variables.push(VarDecl {
                    name,
                    file,
                    span: header_span(b),
                    ty,
                    type_expr,
                    default: b.body.get_attribute("default").map(|a| &a.value),
                    description,
                });
            }
            "locals" => {
                for s in b.body.iter() {
                    match s {
                        Structure::Attribute(a) => {
                            let name = a.key.as_str().to_string();
                            let key_span = span_of(&a.key);
                            if let Some(&(pf, _, ps)) = self.configs[config].locals.get(&name) {
                                self.duplicate(file, key_span, pf, ps, format!("local `{name}`"));
                                continue;
                            }
                            self.configs[config]
                                .locals
                                .insert(name, (file, &a.value, key_span));
                        }
                        Structure::Block(inner) => {
                            let d = Diagnostic::error(
                                "invalid-block",
                                header_span(inner),
                                "a `locals` block holds only `name = value` attributes",
                            );
                            self.push(Origin::File(file), d);
                        }
                    }
                }
            }
            "resource" | "data" => {
                let mode = if kind == "data" {
                    Mode::Data
                } else {
                    Mode::Managed
                };
                let (t, n) = (labels[0].to_string(), labels[1].to_string());
                if let Some(prev) = self.configs[config]
                    .resources
                    .iter()
                    .find(|r| r.mode == mode && r.kind == t && r.name == n)
                {
                    let (pf, ps) = (prev.file, header_span(prev.block));
                    let what = if mode == Mode::Data {
                        format!("data source `data.{t}.{n}`")
                    } else {
                        format!("resource `{t}.{n}`")
                    };
                    self.duplicate(file, header_span(b), pf, ps, what);
                    return None;
                }
                self.configs[config].resources.push(ResDecl {
                    mode,
                    kind: t,
                    name: n,
                    file,
                    block: b,
                });
            }
            "module" => {
                let name = labels[0].to_string();
                if let Some(prev) = self.configs[config].calls.iter().find(|c| c.name == name) {
                    let (pf, ps) = (prev.file, header_span(prev.block));
                    self.duplicate(file, header_span(b), pf, ps, format!("module `{name}`"));
                    return None;
                }
                self.others_push(config, file, b);
                let source = b.body.get_attribute("source");
                let text = source.and_then(|a| a.value.as_str());
                let call = self.configs[config].calls.len();
                let mut local = None;
                let source_kind = match (source, text) {
                    (None, _) => {
                        let d = Diagnostic::error(
                            "invalid-block",
                            header_span(b),
                            format!("module `{name}` has no `source`"),
                        );
                        self.push(Origin::File(file), d);
                        CallSource::Missing
                    }
                    (Some(a), None) => {
                        let d = Diagnostic::error(
                            "invalid-block",
                            span_of(&a.value),
                            "a module `source` must be a literal string",
                        );
                        self.push(Origin::File(file), d);
                        CallSource::Missing
                    }
                    (Some(a), Some(t)) => {
                        if t.starts_with("./") || t.starts_with("../") {
                            local = Some((call, files::join(&dir, t)));
                            CallSource::Missing
                        } else {
                            let d = Diagnostic::warning(
                                "remote-module",
                                span_of(&a.value),
                                format!("module `{name}` comes from `{t}`, which is not read: its resources are not imported"),
                            )
                            .with_help("only local modules (`./path`) whose files are given are read");
                            self.push(Origin::File(file), d);
                            CallSource::Remote
                        }
                    }
                };
                self.configs[config].calls.push(CallDecl {
                    name,
                    file,
                    block: b,
                    source: source_kind,
                });
                return local;
            }
            "output" => {
                let name = labels[0].to_string();
                if let Some(&(pf, pb)) = self.configs[config].outputs.get(&name) {
                    let ps = header_span(pb);
                    self.duplicate(file, header_span(b), pf, ps, format!("output `{name}`"));
                    return None;
                }
                self.configs[config].outputs.insert(name, (file, b));
                self.others_push(config, file, b);
            }
            _ => self.others_push(config, file, b),
        }
        None
    }

    fn others_push(&mut self, config: usize, file: usize, b: &'a HBlock) {
        self.configs[config].others.push((file, b));
    }

    fn duplicate(
        &mut self,
        file: usize,
        span: Span,
        prev_file: usize,
        prev_span: Span,
        what: String,
    ) {
        let mut d = Diagnostic::error(
            "duplicate-declaration",
            span,
            format!("{what} is declared twice"),
        );
        if prev_file == file {
            d = d.with_label(prev_span, "first declared here");
        } else {
            d = d.with_help(format!(
                "first declared in `{}`",
                self.files[prev_file].name
            ));
        }
        self.push(Origin::File(file), d);
    }

    /// Notes configuration folders that no module call reads, and tfvars
    /// outside the root folder.
    fn note_unread_files(&mut self) {
        for i in 0..self.files.len() {
            let dir = files::dir_of(&self.paths[i]).to_string();
            let message = match self.kinds[i] {
                FileKind::Tf if !self.config_by_dir.contains_key(&dir) => format!(
                    "`{}` is not read: no module block calls its folder `{dir}`",
                    self.files[i].name
                ),
                FileKind::Tfvars | FileKind::TfvarsJson if dir != self.root_dir => format!(
                    "`{}` is not read: variable files apply only in the root module's folder",
                    self.files[i].name
                ),
                _ => continue,
            };
            self.push(
                Origin::File(i),
                Diagnostic::info("unread-file", Span::default(), message),
            );
        }
    }

    // ------------------------------------------------------------ variables

    /// The root variables' values, in Terraform's order of precedence, and
    /// the indexes of the variables without any.
    fn root_vars(
        &mut self,
        root: usize,
        vars: &[(String, String)],
        var_exprs: &'a [Option<Result<Expression, String>>],
    ) -> (BTreeMap<String, Value>, Vec<usize>) {
        let mut values: BTreeMap<String, Value> = BTreeMap::new();
        // Defaults.
        for i in 0..self.configs[root].variables.len() {
            let (file, default, name) = {
                let d = &self.configs[root].variables[i];
                (d.file, d.default, d.name.clone())
            };
            if let Some(e) = default {
                let mut sc = Scope::literal(Origin::File(file));
                let v = self.eval(&mut sc, e);
                let v = self.convert_var(root, i, v);
                values.insert(name, v);
            }
        }
        // Variable files: terraform.tfvars, terraform.tfvars.json, then
        // *.auto.tfvars[.json] in lexical order of their names.
        let mut var_files: Vec<usize> = (0..self.files.len())
            .filter(|&i| {
                matches!(self.kinds[i], FileKind::Tfvars | FileKind::TfvarsJson)
                    && files::dir_of(&self.paths[i]) == self.root_dir
            })
            .collect();
        var_files.sort_by_key(|&i| {
            let base = files::base_of(&self.paths[i]).to_string();
            let rank = match base.as_str() {
                "terraform.tfvars" => 0,
                "terraform.tfvars.json" => 1,
                _ => 2,
            };
            (rank, base)
        });
        for file in var_files {
            let entries = self.var_file_entries(file);
            for (name, v, name_span) in entries {
                let Some(i) = self.configs[root]
                    .variables
                    .iter()
                    .position(|d| d.name == name)
                else {
                    let help = did_you_mean(
                        &name,
                        self.configs[root].variables.iter().map(|d| d.name.as_str()),
                    );
                    let mut d = Diagnostic::warning(
                        "undeclared-variable",
                        name_span,
                        format!(
                            "`{name}` is given a value but no `variable \"{name}\"` is declared"
                        ),
                    );
                    if let Some(h) = help {
                        d = d.with_help(h);
                    }
                    self.push(Origin::File(file), d);
                    continue;
                };
                let v = self.convert_var(root, i, v);
                values.insert(name, v);
            }
        }
        // --var, in order.
        for (index, (name, text)) in vars.iter().enumerate() {
            let Some(i) = self.configs[root]
                .variables
                .iter()
                .position(|d| &d.name == name)
            else {
                let mut d = Diagnostic::error(
                    "undeclared-variable",
                    Span::default(),
                    format!("`--var {name}=...` names no declared variable"),
                );
                if let Some(h) = did_you_mean(
                    name,
                    self.configs[root].variables.iter().map(|d| d.name.as_str()),
                ) {
                    d = d.with_help(h);
                }
                self.push(Origin::Var(index), d);
                continue;
            };
            let mut sc = Scope::literal(Origin::Var(index));
            let v = if self.configs[root].variables[i].ty.parses_literally() {
                let len = text.len() as u32;
                Value::new(Kind::String(text.clone()), sc.at(Span::new(0, len)))
            } else {
                match &var_exprs[index] {
                    Some(Ok(e)) => self.eval(&mut sc, e),
                    Some(Err(message)) => {
                        let len = text.len() as u32;
                        self.fail(
                            &sc,
                            Span::new(0, len),
                            "invalid-var",
                            format!(
                                "the value of `--var {name}` is not valid HCL: {}",
                                message.replace('\n', " ")
                            ),
                        )
                    }
                    None => continue,
                }
            };
            let v = self.convert_var(root, i, v);
            values.insert(name.clone(), v);
        }
        // The rest need a value.
        let mut missing = Vec::new();
        for (i, d) in self.configs[root].variables.iter().enumerate() {
            if !values.contains_key(&d.name) {
                missing.push(i);
                let v = Value::new(
                    Kind::Unknown {
                        needs: vec![d.name.clone()],
                    },
                    Source::File {
                        file: d.file,
                        span: d.span,
                    },
                );
                values.insert(d.name.clone(), v);
            }
        }
        (values, missing)
    }

    /// Converts a variable's value to its declared type.
    fn convert_var(&mut self, config: usize, var: usize, v: Value) -> Value {
        let ty = self.configs[config].variables[var].ty.clone();
        let name = self.configs[config].variables[var].name.clone();
        match types::convert(v, &ty, self) {
            Ok(v) => v,
            Err((source, msg)) => {
                let span = source.span();
                let origin = match source {
                    Source::File { file, .. } => Origin::File(file),
                    Source::Var { index, .. } => Origin::Var(index),
                };
                self.push(
                    origin,
                    Diagnostic::error(
                        "invalid-value",
                        span,
                        format!("the value of `var.{name}` is not valid: {msg}"),
                    ),
                );
                Value::new(Kind::Error, source)
            }
        }
    }

    /// The `name = value` entries of a variable file.
    fn var_file_entries(&mut self, file: usize) -> Vec<(String, Value, Span)> {
        let mut out = Vec::new();
        if self.kinds[file] == FileKind::TfvarsJson {
            let text = &self.files[file].text;
            let source = Source::File {
                file,
                span: Span::new(0, text.len() as u32),
            };
            match super::json::decode(text, source) {
                Ok((v, keys)) => {
                    if let Kind::Map(map) = v.kind {
                        for (k, v) in map {
                            let span = keys.get(&k).copied().unwrap_or(v.span());
                            out.push((k, v, span));
                        }
                    } else {
                        let d = Diagnostic::error(
                            "invalid-value",
                            v.source.span(),
                            "a variable file in JSON holds one object",
                        );
                        self.push(Origin::File(file), d);
                    }
                }
                Err((span, message)) => {
                    self.push(
                        Origin::File(file),
                        Diagnostic::error("json-syntax", span, format!("invalid JSON: {message}")),
                    );
                }
            }
            return out;
        }
        let Some(body) = &self.bodies[file] else {
            return out;
        };
        for s in body.iter() {
            match s {
                Structure::Attribute(a) => {
                    let mut sc = Scope::literal(Origin::File(file));
                    let v = self.eval(&mut sc, &a.value);
                    out.push((a.key.as_str().to_string(), v, span_of(&a.key)));
                }
                Structure::Block(b) => {
                    let d = Diagnostic::error(
                        "invalid-block",
                        header_span(b),
                        "a variable file holds only `name = value` lines",
                    );
                    self.push(Origin::File(file), d);
                }
            }
        }
        out
    }

    // ------------------------------------------------------------ output

    /// Evaluates every block of an instance, then of its child instances.
    fn emit(&mut self, inst: usize) {
        let config = self.instances[inst].config;
        let path = self.instances[inst].path.clone();
        let prefix = self.instances[inst].prefix();
        for idx in 0..self.configs[config].resources.len() {
            let (mode, kind, name, file, block) = {
                let r = &self.configs[config].resources[idx];
                (r.mode, r.kind.clone(), r.name.clone(), r.file, r.block)
            };
            let base = match mode {
                Mode::Managed => format!("{prefix}{kind}.{name}"),
                Mode::Data => format!("{prefix}data.{kind}.{name}"),
            };
            let exp = self.resource_expansion(inst, idx);
            let keys: Vec<(Option<InstanceKey>, Each, Option<Value>)> = match exp {
                Expansion::Single => vec![(None, None, None)],
                Expansion::Count(n) => (0..n)
                    .map(|i| {
                        let v = Value::new(
                            Kind::Number(i as f64),
                            Source::File {
                                file,
                                span: header_span(block),
                            },
                        );
                        (Some(InstanceKey::Index(i)), None, Some(v))
                    })
                    .collect(),
                Expansion::Keys(keys) => keys
                    .into_iter()
                    .map(|(k, v)| {
                        let key = Value::new(Kind::String(k.clone()), v.source);
                        (Some(InstanceKey::Key(k)), Some((key, v)), None)
                    })
                    .collect(),
                Expansion::Unknown(_) | Expansion::Failed => Vec::new(),
            };
            for (key, each, count) in keys {
                let address = match &key {
                    None => base.clone(),
                    Some(InstanceKey::Index(i)) => format!("{base}[{i}]"),
                    Some(InstanceKey::Key(k)) => format!("{base}[{}]", quoted(k)),
                };
                let mut sc = Scope::new(inst, file);
                sc.each = each;
                sc.count = count;
                self.context = address.clone();
                let body = self.eval_body(&mut sc, &block.body, file, true);
                self.resources.push(Resource {
                    mode,
                    kind: kind.clone(),
                    name: name.clone(),
                    key,
                    address,
                    module: path.clone(),
                    file,
                    span: header_span(block),
                    body,
                });
            }
        }
        for i in 0..self.configs[config].others.len() {
            let (file, b) = self.configs[config].others[i];
            let kind = b.ident.as_str().to_string();
            let labels: Vec<String> = b.labels.iter().map(|l| l.as_str().to_string()).collect();
            let body = if matches!(kind.as_str(), "provider" | "terraform" | "output") {
                let mut sc = Scope::new(inst, file);
                self.context = format!("{kind} block");
                self.eval_body(&mut sc, &b.body, file, false)
            } else {
                Body::default()
            };
            self.others.push(OtherBlock {
                kind,
                labels,
                module: path.clone(),
                file,
                span: header_span(b),
                body,
            });
        }
        for call in 0..self.configs[config].calls.len() {
            let (_, children) = self.call_expansion(inst, call);
            for child in children {
                self.emit(child);
            }
        }
    }

    /// Evaluates a body: attributes, then nested blocks, `dynamic` expanded.
    fn eval_body(&mut self, sc: &mut Scope, body: &HBody, file: usize, top: bool) -> Body {
        let mut out = Body::default();
        if self.depth >= MAX_DEPTH {
            self.limit(
                sc,
                Span::default(),
                format!("blocks are nested more than {MAX_DEPTH} deep"),
            );
            return out;
        }
        self.depth += 1;
        for s in body.iter() {
            match s {
                Structure::Attribute(a) => {
                    let name = a.key.as_str();
                    if top && META_ATTRIBUTES.contains(&name) {
                        continue;
                    }
                    let value = self.eval(sc, &a.value);
                    out.attributes.push(Attribute {
                        name: name.to_string(),
                        value,
                        file,
                        span: span_of(&a.value),
                        name_span: span_of(&a.key),
                    });
                }
                Structure::Block(b) => {
                    let kind = b.ident.as_str();
                    if top && META_BLOCKS.contains(&kind) {
                        continue;
                    }
                    if kind == "dynamic" {
                        self.expand_dynamic(sc, b, file, &mut out.blocks);
                        continue;
                    }
                    let inner = self.eval_body(sc, &b.body, file, false);
                    out.blocks.push(Block {
                        kind: kind.to_string(),
                        labels: b.labels.iter().map(|l| l.as_str().to_string()).collect(),
                        body: inner,
                        file,
                        span: header_span(b),
                    });
                }
            }
        }
        self.depth -= 1;
        out
    }

    /// `dynamic "x" { for_each = ...; iterator = it; labels = [...]; content { ... } }`.
    fn expand_dynamic(&mut self, sc: &mut Scope, b: &HBlock, file: usize, out: &mut Vec<Block>) {
        let header = header_span(b);
        if b.labels.len() != 1 {
            self.fail(
                sc,
                header,
                "invalid-block",
                "a `dynamic` block takes one label: the type of the blocks it makes",
            );
            return;
        }
        let kind = b.labels[0].as_str().to_string();
        let Some(for_each) = b.body.get_attribute("for_each") else {
            self.fail(
                sc,
                header,
                "invalid-block",
                format!("the `dynamic \"{kind}\"` block has no `for_each`"),
            );
            return;
        };
        let iterator = match b.body.get_attribute("iterator") {
            None => kind.clone(),
            Some(a) => match &a.value {
                Expression::Variable(v) => v.as_str().to_string(),
                other => {
                    self.fail(
                        sc,
                        span_of(other),
                        "invalid-block",
                        "`iterator` must be a plain name",
                    );
                    return;
                }
            },
        };
        let contents: Vec<&HBlock> = b.body.get_blocks("content").collect();
        let [content] = contents.as_slice() else {
            self.fail(
                sc,
                header,
                "invalid-block",
                format!("the `dynamic \"{kind}\"` block needs exactly one `content` block"),
            );
            return;
        };
        let coll = self.eval(sc, &for_each.value);
        let span = span_of(&for_each.value);
        let items = match self.items(sc, &coll, span, "`for_each`") {
            Items::List(items) => items,
            Items::Unknown(needs) => {
                let what = format!("the `{kind}` blocks of `{}`", self.context);
                let d = unknown_message(&needs, &what, None, span);
                self.push(sc.origin, d);
                return;
            }
            Items::Failed => return,
        };
        let labels_expr = b.body.get_attribute("labels").map(|a| &a.value);
        for (key, value) in items {
            let mut it = BTreeMap::new();
            it.insert("key".to_string(), key);
            it.insert("value".to_string(), value);
            sc.bindings
                .push((iterator.clone(), Value::new(Kind::Map(it), sc.at(span))));
            let labels = match labels_expr {
                None => Vec::new(),
                Some(e) => {
                    let v = self.eval(sc, e);
                    match v.as_list() {
                        Some(items) => items.iter().filter_map(|l| self.text_of(l)).collect(),
                        None => Vec::new(),
                    }
                }
            };
            let body = self.eval_body(sc, &content.body, file, false);
            sc.bindings.pop();
            out.push(Block {
                kind: kind.clone(),
                labels,
                body,
                file,
                span: header,
            });
        }
    }

    fn text_of(&self, v: &Value) -> Option<String> {
        match &v.kind {
            Kind::String(s) => Some(s.clone()),
            Kind::Number(n) => Some(number_text(*n)),
            Kind::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    // ------------------------------------------------------------ instances

    /// The instances of resource `idx` of an instance, computed once.
    fn resource_expansion(&mut self, inst: usize, idx: usize) -> Expansion {
        match &self.instances[inst].resources[idx] {
            ExpSlot::Done(e) => return e.clone(),
            ExpSlot::Busy => {
                let config = self.instances[inst].config;
                let r = &self.configs[config].resources[idx];
                let (file, span) = (r.file, header_span(r.block));
                let d = Diagnostic::error(
                    "reference-cycle",
                    span,
                    format!(
                        "the `count` or `for_each` of `{}.{}` refers to the block itself",
                        r.kind, r.name
                    ),
                );
                self.push(Origin::File(file), d);
                return Expansion::Failed;
            }
            ExpSlot::Pending => {}
        }
        self.instances[inst].resources[idx] = ExpSlot::Busy;
        let config = self.instances[inst].config;
        let (file, block, what) = {
            let r = &self.configs[config].resources[idx];
            let prefix = self.instances[inst].prefix();
            let what = match r.mode {
                Mode::Managed => format!("{prefix}{}.{}", r.kind, r.name),
                Mode::Data => format!("{prefix}data.{}.{}", r.kind, r.name),
            };
            (r.file, r.block, what)
        };
        let exp = self.unmuted(|ev| ev.expansion(inst, file, block, &what));
        self.instances[inst].resources[idx] = ExpSlot::Done(exp.clone());
        exp
    }

    /// Evaluates `count` / `for_each` of a block.
    fn expansion(&mut self, inst: usize, file: usize, block: &HBlock, what: &str) -> Expansion {
        let count = block.body.get_attribute("count");
        let for_each = block.body.get_attribute("for_each");
        let mut sc = Scope::new(inst, file);
        match (count, for_each) {
            (None, None) => Expansion::Single,
            (Some(c), Some(_)) => {
                self.fail(
                    &sc,
                    span_of(&c.key),
                    "invalid-block",
                    format!("`{what}` sets both `count` and `for_each`"),
                );
                Expansion::Failed
            }
            (Some(c), None) => {
                let span = span_of(&c.value);
                let v = self.eval(&mut sc, &c.value);
                match &v.kind {
                    Kind::Unknown { needs } => {
                        let d = unknown_message(
                            needs,
                            &format!("the instances of `{what}`"),
                            None,
                            span,
                        );
                        self.push(sc.origin, d);
                        Expansion::Unknown(needs.clone())
                    }
                    Kind::Ref { .. } => {
                        let d =
                            unknown_message(&[], &format!("the instances of `{what}`"), None, span);
                        self.push(sc.origin, d);
                        Expansion::Unknown(Vec::new())
                    }
                    Kind::Error => Expansion::Failed,
                    _ => match types::to_number(&v).and_then(whole) {
                        Some(n) if n < 0 => {
                            self.fail(
                                &sc,
                                span,
                                "invalid-value",
                                format!("`count` must not be negative, got {n}"),
                            );
                            Expansion::Failed
                        }
                        Some(n) if n as usize > MAX_INSTANCES => {
                            self.limit(&sc, span, format!("`count` is {n}, more than the limit of {MAX_INSTANCES} instances"));
                            Expansion::Failed
                        }
                        Some(n) => Expansion::Count(n as usize),
                        None => {
                            self.fail(
                                &sc,
                                span,
                                "invalid-value",
                                format!("`count` must be a whole number, got {}", describe(&v)),
                            );
                            Expansion::Failed
                        }
                    },
                }
            }
            (None, Some(f)) => {
                let span = span_of(&f.value);
                let v = self.eval(&mut sc, &f.value);
                self.for_each_keys(&sc, v, span, what)
            }
        }
    }

    /// The keys and values of a `for_each` value: a map, or a set of strings.
    fn for_each_keys(&mut self, sc: &Scope, v: Value, span: Span, what: &str) -> Expansion {
        let unknown = |ev: &mut Self, needs: Vec<String>| {
            let d = unknown_message(&needs, &format!("the instances of `{what}`"), None, span);
            ev.push(sc.origin, d);
            Expansion::Unknown(needs)
        };
        match v.kind {
            Kind::Unknown { needs } => unknown(self, needs),
            Kind::Ref { .. } => unknown(self, Vec::new()),
            Kind::Error => Expansion::Failed,
            Kind::Map(map) => {
                if map.len() > MAX_INSTANCES {
                    self.limit(sc, span, format!("`for_each` has {} keys, more than the limit of {MAX_INSTANCES} instances", map.len()));
                    return Expansion::Failed;
                }
                Expansion::Keys(map.into_iter().collect())
            }
            Kind::Set(items) => {
                if items.len() > MAX_INSTANCES {
                    self.limit(sc, span, format!("`for_each` has {} elements, more than the limit of {MAX_INSTANCES} instances", items.len()));
                    return Expansion::Failed;
                }
                let mut keys = Vec::new();
                for item in items {
                    match &item.kind {
                        Kind::String(s) => keys.push((s.clone(), item.clone())),
                        Kind::Unknown { .. } | Kind::Ref { .. } => {
                            return unknown(self, item.needs())
                        }
                        Kind::Error => return Expansion::Failed,
                        _ => {
                            self.fail(
                                sc,
                                span,
                                "invalid-value",
                                format!(
                                    "`for_each` over a set needs strings, and this set holds a {}",
                                    item.type_name()
                                ),
                            );
                            return Expansion::Failed;
                        }
                    }
                }
                Expansion::Keys(keys)
            }
            Kind::List(_) => {
                self.fail_help(
                    sc,
                    span,
                    "invalid-value",
                    "`for_each` must be a map or a set of strings, not a list",
                    Some("wrap it in `toset(...)`".to_string()),
                );
                Expansion::Failed
            }
            other => {
                self.fail(
                    sc,
                    span,
                    "invalid-value",
                    format!(
                        "`for_each` must be a map or a set of strings, not {}",
                        other.type_name()
                    ),
                );
                Expansion::Failed
            }
        }
    }

    /// The child instances of module call `call` of an instance, made once.
    fn call_expansion(&mut self, inst: usize, call: usize) -> (Expansion, Vec<usize>) {
        match &self.instances[inst].calls[call] {
            CallSlot::Done(e, c) => return (e.clone(), c.clone()),
            CallSlot::Busy => {
                let config = self.instances[inst].config;
                let c = &self.configs[config].calls[call];
                let (file, span, name) = (c.file, header_span(c.block), c.name.clone());
                let d = Diagnostic::error(
                    "reference-cycle",
                    span,
                    format!("the inputs of module `{name}` depend on the module itself"),
                );
                self.push(Origin::File(file), d);
                return (Expansion::Failed, Vec::new());
            }
            CallSlot::Pending => {}
        }
        self.instances[inst].calls[call] = CallSlot::Busy;
        let result = self.unmuted(|ev| ev.make_children(inst, call));
        self.instances[inst].calls[call] = CallSlot::Done(result.0.clone(), result.1.clone());
        result
    }

    fn make_children(&mut self, inst: usize, call: usize) -> (Expansion, Vec<usize>) {
        let config = self.instances[inst].config;
        let (name, file, block, source) = {
            let c = &self.configs[config].calls[call];
            let source = match c.source {
                CallSource::Local(i) => Some(i),
                CallSource::Remote => None,
                CallSource::Missing => Some(usize::MAX),
            };
            (c.name.clone(), c.file, c.block, source)
        };
        let child_config = match source {
            Some(usize::MAX) => {
                if let Some(a) = block.body.get_attribute("source") {
                    if let Some(t) = a.value.as_str() {
                        if t.starts_with("./") || t.starts_with("../") {
                            let d = Diagnostic::error(
                                "missing-module",
                                span_of(&a.value),
                                format!("no `.tf` files were given for module source `{t}`"),
                            )
                            .with_help("give the module's files too, with their paths");
                            self.push(Origin::File(file), d);
                        }
                    }
                }
                None
            }
            other => other,
        };
        let Some(child_config) = child_config else {
            return (Expansion::Failed, Vec::new());
        };
        let depth = self.instances[inst].depth + 1;
        if depth > MAX_MODULE_DEPTH {
            let d = Diagnostic::error(
                "limit-exceeded",
                header_span(block),
                format!("module `{name}` is nested more than {MAX_MODULE_DEPTH} calls deep (does it call itself?)"),
            );
            self.push(Origin::File(file), d);
            return (Expansion::Failed, Vec::new());
        }
        let path_base = {
            let p = &self.instances[inst].path;
            if p.is_empty() {
                format!("module.{name}")
            } else {
                format!("{p}.module.{name}")
            }
        };
        let exp = self.expansion(inst, file, block, &path_base);
        let keyed: Vec<(String, Each, Option<Value>)> = match &exp {
            Expansion::Single => vec![(path_base.clone(), None, None)],
            Expansion::Count(n) => (0..*n)
                .map(|i| {
                    let v = Value::new(
                        Kind::Number(i as f64),
                        Source::File {
                            file,
                            span: header_span(block),
                        },
                    );
                    (format!("{path_base}[{i}]"), None, Some(v))
                })
                .collect(),
            Expansion::Keys(keys) => keys
                .iter()
                .map(|(k, v)| {
                    let key = Value::new(Kind::String(k.clone()), v.source);
                    (
                        format!("{path_base}[{}]", quoted(k)),
                        Some((key, v.clone())),
                        None,
                    )
                })
                .collect(),
            Expansion::Unknown(_) | Expansion::Failed => Vec::new(),
        };
        let mut children = Vec::new();
        for (path, each, count) in keyed {
            if self.instances.len() >= MAX_MODULES {
                let d = Diagnostic::error(
                    "limit-exceeded",
                    header_span(block),
                    format!("more than {MAX_MODULES} module instances"),
                );
                self.push(Origin::File(file), d);
                break;
            }
            let mut sc = Scope::new(inst, file);
            sc.each = each;
            sc.count = count;
            let vars = self.child_vars(&mut sc, block, child_config, &name);
            let instance =
                Instance::new(child_config, path, depth, vars, &self.configs[child_config]);
            self.instances.push(instance);
            children.push(self.instances.len() - 1);
        }
        (exp, children)
    }

    /// The inputs of a child module instance, evaluated in the caller.
    fn child_vars(
        &mut self,
        sc: &mut Scope,
        block: &HBlock,
        child: usize,
        name: &str,
    ) -> BTreeMap<String, Value> {
        let mut values = BTreeMap::new();
        for a in block.body.attributes() {
            let key = a.key.as_str();
            if matches!(
                key,
                "source" | "version" | "count" | "for_each" | "providers" | "depends_on"
            ) {
                continue;
            }
            if !self.configs[child].variables.iter().any(|d| d.name == key) {
                let help = did_you_mean(
                    key,
                    self.configs[child]
                        .variables
                        .iter()
                        .map(|d| d.name.as_str()),
                );
                self.fail_help(
                    sc,
                    span_of(&a.key),
                    "undeclared-variable",
                    format!("module `{name}` has no variable `{key}`"),
                    help,
                );
            }
        }
        for i in 0..self.configs[child].variables.len() {
            let (var_name, default, var_file) = {
                let d = &self.configs[child].variables[i];
                (d.name.clone(), d.default, d.file)
            };
            let v = if let Some(a) = block.body.get_attribute(&var_name) {
                self.eval(sc, &a.value)
            } else if let Some(e) = default {
                let mut dsc = Scope::literal(Origin::File(var_file));
                self.eval(&mut dsc, e)
            } else {
                self.fail(
                    sc,
                    header_span(block),
                    "missing-input",
                    format!("module `{name}` needs a value for its variable `{var_name}`"),
                )
            };
            let v = self.convert_var(child, i, v);
            values.insert(var_name, v);
        }
        values
    }

    // ------------------------------------------------------------ expressions

    /// Evaluates an expression.
    pub(super) fn eval(&mut self, sc: &mut Scope, e: &Expression) -> Value {
        let span = span_of(e);
        if self.exhausted || !self.tick(sc, span, 1) {
            return Value::new(Kind::Error, sc.at(span));
        }
        if self.depth >= MAX_DEPTH {
            return self.limit(
                sc,
                span,
                format!("expressions are nested more than {MAX_DEPTH} deep here"),
            );
        }
        self.depth += 1;
        let v = self.eval_inner(sc, e, span);
        self.depth -= 1;
        v
    }

    fn eval_inner(&mut self, sc: &mut Scope, e: &Expression, span: Span) -> Value {
        let kind = match e {
            Expression::Null(_) => Kind::Null,
            Expression::Bool(b) => Kind::Bool(*b.value()),
            Expression::Number(n) => match n.value().as_f64() {
                Some(f) if f.is_finite() => Kind::Number(f),
                _ => return self.fail(sc, span, "invalid-value", "this number is out of range"),
            },
            Expression::String(s) => Kind::String(s.value().clone()),
            Expression::Array(a) => {
                if !self.check_items(sc, span, a.len()) {
                    return Value::new(Kind::Error, sc.at(span));
                }
                let items: Vec<Value> = a.iter().map(|x| self.eval(sc, x)).collect();
                Kind::List(items)
            }
            Expression::Object(o) => return self.eval_object(sc, o, span),
            Expression::StringTemplate(t) => return self.eval_quoted(sc, t, span),
            Expression::HeredocTemplate(h) => return self.eval_template(sc, &h.template, span),
            Expression::Parenthesis(p) => return self.eval(sc, p.inner()),
            Expression::Variable(v) => {
                let (value, _) = self.eval_root(sc, v.as_str(), span, &[]);
                return value;
            }
            Expression::Conditional(c) => {
                let cond = self.eval(sc, &c.cond_expr);
                return match self.truth(sc, &cond, span_of(&c.cond_expr), "the condition") {
                    Truth::Yes => self.eval(sc, &c.true_expr),
                    Truth::No => self.eval(sc, &c.false_expr),
                    Truth::Unknown(needs) => Value::new(Kind::Unknown { needs }, sc.at(span)),
                    Truth::Failed => Value::new(Kind::Error, sc.at(span)),
                };
            }
            Expression::FuncCall(f) => return self.eval_call(sc, f, span),
            Expression::Traversal(t) => return self.eval_traversal(sc, t, span),
            Expression::UnaryOp(u) => {
                let v = self.eval(sc, &u.expr);
                return self.unary(sc, *u.operator.value(), v, span);
            }
            Expression::BinaryOp(b) => {
                let l = self.eval(sc, &b.lhs_expr);
                let r = self.eval(sc, &b.rhs_expr);
                return self.binary(sc, *b.operator.value(), l, r, span);
            }
            Expression::ForExpr(f) => return self.eval_for(sc, f, span),
        };
        Value::new(kind, sc.at(span))
    }

    fn eval_object(&mut self, sc: &mut Scope, o: &Object, span: Span) -> Value {
        if !self.check_items(sc, span, o.len()) {
            return Value::new(Kind::Error, sc.at(span));
        }
        let mut map = BTreeMap::new();
        let mut unknown: Option<Vec<String>> = None;
        for (k, v) in o.iter() {
            let key = match k {
                ObjectKey::Ident(id) => id.as_str().to_string(),
                ObjectKey::Expression(e) => {
                    let kv = self.eval(sc, e);
                    match &kv.kind {
                        Kind::Unknown { .. } | Kind::Ref { .. } => {
                            unknown.get_or_insert_with(Vec::new).extend(kv.needs());
                            continue;
                        }
                        Kind::Error => return Value::new(Kind::Error, sc.at(span)),
                        _ => match self.text_of(&kv) {
                            Some(s) => s,
                            None => {
                                return self.fail(
                                    sc,
                                    span_of(e),
                                    "invalid-value",
                                    format!(
                                        "an object key must be a string, not {}",
                                        kv.type_name()
                                    ),
                                );
                            }
                        },
                    }
                }
            };
            let value = self.eval(sc, v.expr());
            if map.insert(key.clone(), value).is_some() {
                return self.fail(
                    sc,
                    span_of(k),
                    "invalid-value",
                    format!("the key `{key}` is given twice in this object"),
                );
            }
        }
        if let Some(mut needs) = unknown {
            needs.sort();
            needs.dedup();
            return Value::new(Kind::Unknown { needs }, sc.at(span));
        }
        Value::new(Kind::Map(map), sc.at(span))
    }

    // ------------------------------------------------------------ templates

    /// A quoted template: `"${x}"` alone is `x` itself, not its text.
    fn eval_quoted(&mut self, sc: &mut Scope, t: &Template, span: Span) -> Value {
        if t.len() == 1 {
            if let Some(Element::Interpolation(i)) = t.get(0) {
                return self.eval(sc, &i.expr);
            }
        }
        self.eval_template(sc, t, span)
    }

    fn eval_template(&mut self, sc: &mut Scope, t: &Template, span: Span) -> Value {
        let mut out = Rendered::default();
        self.render(sc, t, false, false, &mut out, span);
        if out.failed {
            Value::new(Kind::Error, sc.at(span))
        } else if out.unknown {
            out.needs.sort();
            out.needs.dedup();
            Value::new(Kind::Unknown { needs: out.needs }, sc.at(span))
        } else {
            Value::new(Kind::String(out.text), sc.at(span))
        }
    }

    /// Renders a template's elements into `out`; `strip_first`/`strip_last`
    /// say whether the enclosing directive's strip markers trim the first or
    /// last literal.
    fn render(
        &mut self,
        sc: &mut Scope,
        t: &Template,
        strip_first: bool,
        strip_last: bool,
        out: &mut Rendered,
        span: Span,
    ) {
        let elements: Vec<&Element> = t.iter().collect();
        let n = elements.len();
        for (i, el) in elements.iter().enumerate() {
            if out.failed {
                return;
            }
            match el {
                Element::Literal(s) => {
                    let mut text: &str = s.value();
                    let trim_start = if i == 0 {
                        strip_first
                    } else {
                        strips_after(elements[i - 1])
                    };
                    let trim_end = if i + 1 == n {
                        strip_last
                    } else {
                        strips_before(elements[i + 1])
                    };
                    if trim_start {
                        text = text.trim_start();
                    }
                    if trim_end {
                        text = text.trim_end();
                    }
                    out.text.push_str(text);
                }
                Element::Interpolation(ip) => {
                    let v = self.eval(sc, &ip.expr);
                    self.append(sc, v, span_of(&ip.expr), out);
                }
                Element::Directive(d) => match &**d {
                    Directive::If(ifd) => {
                        let cond = self.eval(sc, &ifd.if_expr.cond_expr);
                        let after_if = ifd
                            .else_expr
                            .as_ref()
                            .map_or(ifd.endif_expr.strip.strip_start(), |e| {
                                e.strip.strip_start()
                            });
                        match self.truth(
                            sc,
                            &cond,
                            span_of(&ifd.if_expr.cond_expr),
                            "the `%{if}` condition",
                        ) {
                            Truth::Yes => self.render(
                                sc,
                                &ifd.if_expr.template,
                                ifd.if_expr.strip.strip_end(),
                                after_if,
                                out,
                                span,
                            ),
                            Truth::No => {
                                if let Some(e) = &ifd.else_expr {
                                    self.render(
                                        sc,
                                        &e.template,
                                        e.strip.strip_end(),
                                        ifd.endif_expr.strip.strip_start(),
                                        out,
                                        span,
                                    );
                                }
                            }
                            Truth::Unknown(needs) => {
                                out.unknown = true;
                                out.needs.extend(needs);
                            }
                            Truth::Failed => out.failed = true,
                        }
                    }
                    Directive::For(fd) => {
                        let f = &fd.for_expr;
                        let coll = self.eval(sc, &f.collection_expr);
                        let cspan = span_of(&f.collection_expr);
                        match self.items(sc, &coll, cspan, "a `%{for}` directive") {
                            Items::List(items) => {
                                for (k, v) in items {
                                    let pushed = bind(
                                        sc,
                                        f.key_var.as_deref().map(|k| k.as_str()),
                                        k,
                                        f.value_var.as_str(),
                                        v,
                                    );
                                    self.render(
                                        sc,
                                        &f.template,
                                        f.strip.strip_end(),
                                        fd.endfor_expr.strip.strip_start(),
                                        out,
                                        span,
                                    );
                                    sc.bindings.truncate(sc.bindings.len() - pushed);
                                    if out.failed {
                                        return;
                                    }
                                    if out.text.len() > MAX_STRING {
                                        break;
                                    }
                                }
                            }
                            Items::Unknown(needs) => {
                                out.unknown = true;
                                out.needs.extend(needs);
                            }
                            Items::Failed => out.failed = true,
                        }
                    }
                },
            }
            if out.text.len() > MAX_STRING {
                self.limit(
                    sc,
                    span,
                    format!(
                        "this template makes a string longer than the limit of {MAX_STRING} bytes"
                    ),
                );
                out.failed = true;
                return;
            }
        }
    }

    /// Appends an interpolated value.
    fn append(&mut self, sc: &Scope, v: Value, span: Span, out: &mut Rendered) {
        match &v.kind {
            Kind::String(s) => out.text.push_str(s),
            Kind::Number(n) => out.text.push_str(&number_text(*n)),
            Kind::Bool(b) => out.text.push_str(if *b { "true" } else { "false" }),
            Kind::Unknown { needs } => {
                out.unknown = true;
                out.needs.extend(needs.iter().cloned());
            }
            Kind::Ref { .. } => out.unknown = true,
            Kind::Error => out.failed = true,
            Kind::Null => {
                self.fail(
                    sc,
                    span,
                    "invalid-value",
                    "a null value cannot be part of a string",
                );
                out.failed = true;
            }
            other => {
                let name = other.type_name();
                self.fail_help(
                    sc,
                    span,
                    "invalid-value",
                    format!("a {name} cannot be part of a string"),
                    Some("use `join(...)` or `jsonencode(...)` to make it text".to_string()),
                );
                out.failed = true;
            }
        }
    }

    // ------------------------------------------------------------ for

    fn eval_for(&mut self, sc: &mut Scope, f: &ForExpr, span: Span) -> Value {
        let coll = self.eval(sc, &f.intro.collection_expr);
        let cspan = span_of(&f.intro.collection_expr);
        let items = match self.items(sc, &coll, cspan, "a `for` expression") {
            Items::List(items) => items,
            Items::Unknown(needs) => return Value::new(Kind::Unknown { needs }, sc.at(span)),
            Items::Failed => return Value::new(Kind::Error, sc.at(span)),
        };
        let key_var = f.intro.key_var.as_deref().map(|k| k.as_str().to_string());
        let value_var = f.intro.value_var.as_str().to_string();
        let mut list = Vec::new();
        let mut map: BTreeMap<String, Value> = BTreeMap::new();
        let mut groups: BTreeMap<String, Vec<Value>> = BTreeMap::new();
        let mut needs: Option<Vec<String>> = None;
        for (k, v) in items {
            let pushed = bind(sc, key_var.as_deref(), k, &value_var, v);
            let result = self.for_item(sc, f, &mut list, &mut map, &mut groups, &mut needs);
            sc.bindings.truncate(sc.bindings.len() - pushed);
            if let Err(v) = result {
                return v;
            }
        }
        if let Some(mut needs) = needs {
            needs.sort();
            needs.dedup();
            return Value::new(Kind::Unknown { needs }, sc.at(span));
        }
        let kind = if f.key_expr.is_none() {
            Kind::List(list)
        } else if f.grouping {
            let src = sc.at(span);
            Kind::Map(
                groups
                    .into_iter()
                    .map(|(k, vs)| (k, Value::new(Kind::List(vs), src)))
                    .collect(),
            )
        } else {
            Kind::Map(map)
        };
        Value::new(kind, sc.at(span))
    }

    /// One element of a `for` expression; `Err` ends the whole expression.
    fn for_item(
        &mut self,
        sc: &mut Scope,
        f: &ForExpr,
        list: &mut Vec<Value>,
        map: &mut BTreeMap<String, Value>,
        groups: &mut BTreeMap<String, Vec<Value>>,
        needs: &mut Option<Vec<String>>,
    ) -> Result<(), Value> {
        if let Some(cond) = &f.cond {
            let c = self.eval(sc, &cond.expr);
            match self.truth(sc, &c, span_of(&cond.expr), "the `if` condition") {
                Truth::Yes => {}
                Truth::No => return Ok(()),
                Truth::Unknown(n) => {
                    needs.get_or_insert_with(Vec::new).extend(n);
                    return Ok(());
                }
                Truth::Failed => return Err(Value::new(Kind::Error, sc.at(span_of(f)))),
            }
        }
        let Some(key_expr) = &f.key_expr else {
            let v = self.eval(sc, &f.value_expr);
            list.push(v);
            return Ok(());
        };
        let k = self.eval(sc, key_expr);
        let kspan = span_of(key_expr);
        let key = match &k.kind {
            Kind::Unknown { .. } | Kind::Ref { .. } => {
                needs.get_or_insert_with(Vec::new).extend(k.needs());
                return Ok(());
            }
            Kind::Error => return Err(Value::new(Kind::Error, sc.at(span_of(f)))),
            _ => match self.text_of(&k) {
                Some(s) => s,
                None => {
                    return Err(self.fail(
                        sc,
                        kspan,
                        "invalid-value",
                        format!("a `for` key must be a string, not {}", k.type_name()),
                    ))
                }
            },
        };
        let v = self.eval(sc, &f.value_expr);
        if f.grouping {
            groups.entry(key).or_default().push(v);
        } else {
            match map.entry(key) {
                std::collections::btree_map::Entry::Occupied(e) => {
                    let key = e.key().clone();
                    return Err(self.fail_help(
                        sc,
                        kspan,
                        "invalid-value",
                        format!("the key `{key}` is made twice by this `for` expression"),
                        Some(
                            "add `...` after the value to group the values of equal keys"
                                .to_string(),
                        ),
                    ));
                }
                std::collections::btree_map::Entry::Vacant(e) => {
                    e.insert(v);
                }
            }
        }
        if !self.check_items(sc, kspan, list.len() + map.len() + groups.len()) {
            return Err(Value::new(Kind::Error, sc.at(span_of(f))));
        }
        Ok(())
    }

    /// The `(key, value)` pairs of a collection to iterate over: a list's
    /// indexes, a set's elements, a map's keys.
    pub(super) fn items(&mut self, sc: &Scope, v: &Value, span: Span, what: &str) -> Items {
        match &v.kind {
            Kind::List(items) => {
                if !self.check_items(sc, span, items.len()) {
                    return Items::Failed;
                }
                let w = weight(v, MAX_WORK);
                if !self.tick(sc, span, w) {
                    return Items::Failed;
                }
                Items::List(
                    items
                        .iter()
                        .enumerate()
                        .map(|(i, x)| (Value::new(Kind::Number(i as f64), x.source), x.clone()))
                        .collect(),
                )
            }
            Kind::Set(items) => {
                let w = weight(v, MAX_WORK);
                if !self.tick(sc, span, w.saturating_mul(2)) {
                    return Items::Failed;
                }
                Items::List(items.iter().map(|x| (x.clone(), x.clone())).collect())
            }
            Kind::Map(map) => {
                let w = weight(v, MAX_WORK);
                if !self.tick(sc, span, w) {
                    return Items::Failed;
                }
                Items::List(
                    map.iter()
                        .map(|(k, x)| (Value::new(Kind::String(k.clone()), x.source), x.clone()))
                        .collect(),
                )
            }
            Kind::Unknown { needs } => Items::Unknown(needs.clone()),
            Kind::Ref { .. } => Items::Unknown(Vec::new()),
            Kind::Error => Items::Failed,
            Kind::Null => {
                self.fail(
                    sc,
                    span,
                    "invalid-value",
                    format!("{what} cannot iterate over null"),
                );
                Items::Failed
            }
            other => {
                let name = other.type_name();
                self.fail(
                    sc,
                    span,
                    "invalid-value",
                    format!("{what} iterates over a list, set or map, not a {name}"),
                );
                Items::Failed
            }
        }
    }

    // ------------------------------------------------------------ operators

    /// A condition's truth.
    pub(super) fn truth(&mut self, sc: &Scope, v: &Value, span: Span, what: &str) -> Truth {
        match &v.kind {
            Kind::Bool(b) => {
                if *b {
                    Truth::Yes
                } else {
                    Truth::No
                }
            }
            Kind::String(s) if s == "true" => Truth::Yes,
            Kind::String(s) if s == "false" => Truth::No,
            Kind::Unknown { needs } => Truth::Unknown(needs.clone()),
            Kind::Ref { .. } => Truth::Unknown(Vec::new()),
            Kind::Error => Truth::Failed,
            Kind::Null => {
                self.fail(
                    sc,
                    span,
                    "invalid-value",
                    format!("{what} is null; it must be true or false"),
                );
                Truth::Failed
            }
            other => {
                let name = other.type_name();
                self.fail(
                    sc,
                    span,
                    "invalid-value",
                    format!("{what} must be true or false, not a {name}"),
                );
                Truth::Failed
            }
        }
    }

    fn unary(&mut self, sc: &Scope, op: UnaryOperator, v: Value, span: Span) -> Value {
        if let Some(u) = not_known(&[&v]) {
            return Value::new(u, sc.at(span));
        }
        match op {
            UnaryOperator::Neg => match types::to_number(&v) {
                Some(n) => Value::new(Kind::Number(-n), sc.at(span)),
                None => self.fail(
                    sc,
                    span,
                    "invalid-value",
                    format!("`-` needs a number, not {}", describe(&v)),
                ),
            },
            UnaryOperator::Not => match self.truth(sc, &v, span, "the operand of `!`") {
                Truth::Yes => Value::new(Kind::Bool(false), sc.at(span)),
                Truth::No => Value::new(Kind::Bool(true), sc.at(span)),
                Truth::Unknown(needs) => Value::new(Kind::Unknown { needs }, sc.at(span)),
                Truth::Failed => Value::new(Kind::Error, sc.at(span)),
            },
        }
    }

    fn binary(&mut self, sc: &Scope, op: BinaryOperator, l: Value, r: Value, span: Span) -> Value {
        use BinaryOperator as B;
        let at = sc.at(span);
        match op {
            B::And | B::Or => {
                let lt = self.truth(
                    sc,
                    &l,
                    l.span(),
                    &format!("the left side of `{}`", op.as_str()),
                );
                let rt = self.truth(
                    sc,
                    &r,
                    r.span(),
                    &format!("the right side of `{}`", op.as_str()),
                );
                let decisive = if op == B::And { Truth::No } else { Truth::Yes };
                let kind = match (lt, rt) {
                    (Truth::Failed, _) | (_, Truth::Failed) => Kind::Error,
                    (a, b) if a == decisive || b == decisive => Kind::Bool(op == B::Or),
                    (Truth::Unknown(mut x), Truth::Unknown(y)) => {
                        x.extend(y);
                        x.sort();
                        x.dedup();
                        Kind::Unknown { needs: x }
                    }
                    (Truth::Unknown(x), _) | (_, Truth::Unknown(x)) => Kind::Unknown { needs: x },
                    _ => Kind::Bool(op == B::And),
                };
                Value::new(kind, at)
            }
            B::Eq | B::NotEq => {
                if matches!(l.kind, Kind::Error) || matches!(r.kind, Kind::Error) {
                    return Value::new(Kind::Error, at);
                }
                match equal(&l, &r) {
                    Some(e) => Value::new(Kind::Bool(e == (op == B::Eq)), at),
                    None => {
                        let mut needs = l.needs();
                        needs.extend(r.needs());
                        needs.sort();
                        needs.dedup();
                        Value::new(Kind::Unknown { needs }, at)
                    }
                }
            }
            _ => {
                if let Some(u) = not_known(&[&l, &r]) {
                    return Value::new(u, at);
                }
                let (Some(a), Some(b)) = (types::to_number(&l), types::to_number(&r)) else {
                    let bad = if types::to_number(&l).is_none() {
                        &l
                    } else {
                        &r
                    };
                    return self.fail(
                        sc,
                        bad.span(),
                        "invalid-value",
                        format!("`{}` needs numbers, not {}", op.as_str(), describe(bad)),
                    );
                };
                let kind = match op {
                    B::Less => Kind::Bool(a < b),
                    B::LessEq => Kind::Bool(a <= b),
                    B::Greater => Kind::Bool(a > b),
                    B::GreaterEq => Kind::Bool(a >= b),
                    B::Plus => Kind::Number(a + b),
                    B::Minus => Kind::Number(a - b),
                    B::Mul => Kind::Number(a * b),
                    B::Div | B::Mod if b == 0.0 => {
                        return self.fail(sc, span, "invalid-value", "division by zero");
                    }
                    B::Div => Kind::Number(a / b),
                    B::Mod => Kind::Number(a % b),
                    _ => Kind::Error,
                };
                if let Kind::Number(n) = kind {
                    if !n.is_finite() {
                        return self.fail(sc, span, "invalid-value", "the result is out of range");
                    }
                }
                Value::new(kind, at)
            }
        }
    }

    // ------------------------------------------------------------ references

    fn eval_traversal(&mut self, sc: &mut Scope, t: &Traversal, span: Span) -> Value {
        let ops = &t.operators;
        let start = span.start;
        let (value, used) = match &t.expr {
            Expression::Variable(v) => self.eval_root(sc, v.as_str(), span_of(v), ops),
            other => (self.eval(sc, other), 0),
        };
        self.apply_ops(sc, value, &ops[used.min(ops.len())..], start)
    }

    /// Applies traversal operators (`.x`, `[i]`, `[*]`, `.*`) to a value.
    fn apply_ops(
        &mut self,
        sc: &mut Scope,
        mut v: Value,
        ops: &[Decorated<TraversalOperator>],
        start: u32,
    ) -> Value {
        let mut i = 0;
        while i < ops.len() {
            let op_span = span_of(&ops[i]);
            let whole = Span::new(start, op_span.end.max(start));
            match ops[i].value() {
                TraversalOperator::GetAttr(name) => {
                    v = self.get_attr(sc, v, name.as_str(), whole, op_span)
                }
                TraversalOperator::Index(e) => {
                    let k = self.eval(sc, e);
                    v = self.index(sc, v, k, whole, op_span);
                }
                TraversalOperator::LegacyIndex(n) => {
                    let k = Value::new(Kind::Number(*n.value() as f64), sc.at(op_span));
                    v = self.index(sc, v, k, whole, op_span);
                }
                TraversalOperator::FullSplat(_) => {
                    return self.splat(sc, v, &ops[i + 1..], start, whole);
                }
                TraversalOperator::AttrSplat(_) => {
                    let n = ops[i + 1..]
                        .iter()
                        .take_while(|o| matches!(o.value(), TraversalOperator::GetAttr(_)))
                        .count();
                    v = self.splat(sc, v, &ops[i + 1..i + 1 + n], start, whole);
                    i += n;
                }
            }
            i += 1;
        }
        v
    }

    fn splat(
        &mut self,
        sc: &mut Scope,
        v: Value,
        rest: &[Decorated<TraversalOperator>],
        start: u32,
        whole: Span,
    ) -> Value {
        match v.kind {
            Kind::List(items) | Kind::Set(items) => {
                let out: Vec<Value> = items
                    .into_iter()
                    .map(|x| self.apply_ops(sc, x, rest, start))
                    .collect();
                Value::new(Kind::List(out), sc.at(whole))
            }
            Kind::Null => Value::new(Kind::List(Vec::new()), sc.at(whole)),
            Kind::Ref { address, attribute } => {
                let attribute = format!("{attribute}[*]");
                let r = Value::new(Kind::Ref { address, attribute }, sc.at(whole));
                self.apply_ops(sc, r, rest, start)
            }
            Kind::Unknown { .. } | Kind::Error => v,
            _ => {
                let one = self.apply_ops(sc, v, rest, start);
                Value::new(Kind::List(vec![one]), sc.at(whole))
            }
        }
    }

    fn get_attr(&mut self, sc: &Scope, v: Value, name: &str, whole: Span, op_span: Span) -> Value {
        match v.kind {
            Kind::Map(mut map) => match map.remove(name) {
                Some(x) => x,
                None => {
                    let help = did_you_mean(name, map.keys().map(String::as_str));
                    self.fail_help(
                        sc,
                        op_span,
                        "invalid-reference",
                        format!("this object has no attribute `{name}`"),
                        help,
                    )
                }
            },
            Kind::Ref { address, attribute } => {
                let attribute = if attribute.is_empty() {
                    name.to_string()
                } else {
                    format!("{attribute}.{name}")
                };
                Value::new(Kind::Ref { address, attribute }, sc.at(whole))
            }
            Kind::Unknown { needs } => Value::new(Kind::Unknown { needs }, sc.at(whole)),
            Kind::Error => v,
            Kind::Null => self.fail(
                sc,
                op_span,
                "invalid-reference",
                format!("cannot read `{name}` of a null value"),
            ),
            Kind::List(_) | Kind::Set(_) => self.fail_help(
                sc,
                op_span,
                "invalid-reference",
                format!("a {} has no attribute `{name}`", v.kind.type_name()),
                Some(format!("use `[*].{name}` to read it from each element")),
            ),
            other => self.fail(
                sc,
                op_span,
                "invalid-reference",
                format!("a {} has no attribute `{name}`", other.type_name()),
            ),
        }
    }

    fn index(&mut self, sc: &Scope, v: Value, k: Value, whole: Span, op_span: Span) -> Value {
        match (&v.kind, &k.kind) {
            (Kind::Error, _) | (_, Kind::Error) => return Value::new(Kind::Error, sc.at(whole)),
            _ => {}
        }
        if let Kind::Ref { address, attribute } = &v.kind {
            let key = match &k.kind {
                Kind::String(s) => quoted(s),
                Kind::Number(n) => number_text(*n),
                _ => return Value::new(Kind::Unknown { needs: k.needs() }, sc.at(whole)),
            };
            let attribute = format!("{attribute}[{key}]");
            return Value::new(
                Kind::Ref {
                    address: address.clone(),
                    attribute,
                },
                sc.at(whole),
            );
        }
        if let Some(u) = not_known(&[&v, &k]) {
            return Value::new(u, sc.at(whole));
        }
        match v.kind {
            Kind::List(mut items) => {
                let Some(i) = types::to_number(&k).and_then(super::value::whole) else {
                    return self.fail(
                        sc,
                        op_span,
                        "invalid-reference",
                        format!("a list index must be a whole number, not {}", describe(&k)),
                    );
                };
                if i < 0 || i as usize >= items.len() {
                    return self.fail(
                        sc,
                        op_span,
                        "invalid-reference",
                        format!(
                            "index {i} is out of range for a list of {} elements",
                            items.len()
                        ),
                    );
                }
                items.swap_remove(i as usize)
            }
            Kind::Map(mut map) => {
                let Some(key) = self.text_of(&k) else {
                    return self.fail(
                        sc,
                        op_span,
                        "invalid-reference",
                        format!("a map key must be a string, not {}", describe(&k)),
                    );
                };
                match map.remove(&key) {
                    Some(x) => x,
                    None => {
                        let help = did_you_mean(&key, map.keys().map(String::as_str));
                        self.fail_help(
                            sc,
                            op_span,
                            "invalid-reference",
                            format!("the map has no key `{key}`"),
                            help,
                        )
                    }
                }
            }
            Kind::Set(_) => self.fail_help(
                sc,
                op_span,
                "invalid-reference",
                "a set has no order, so it cannot be indexed",
                Some("convert it with `tolist(...)`".to_string()),
            ),
            Kind::Null => self.fail(
                sc,
                op_span,
                "invalid-reference",
                "cannot index a null value",
            ),
            other => self.fail(
                sc,
                op_span,
                "invalid-reference",
                format!("a {} cannot be indexed", other.type_name()),
            ),
        }
    }

    /// A name at the start of a reference, with the operators it takes:
    /// the value and how many operators it used.
    fn eval_root(
        &mut self,
        sc: &mut Scope,
        name: &str,
        name_span: Span,
        ops: &[Decorated<TraversalOperator>],
    ) -> (Value, usize) {
        if let Some(pos) = sc.bindings.iter().rposition(|(n, _)| n == name) {
            let v = sc.bindings[pos].1.clone();
            let v = self.copy(sc, name_span, &v);
            return (v, 0);
        }
        let attr = |i: usize| -> Option<(&str, Span)> {
            match ops.get(i).map(|o| o.value()) {
                Some(TraversalOperator::GetAttr(a)) => Some((a.as_str(), span_of(&ops[i]))),
                _ => None,
            }
        };
        let through = |i: usize| -> Span {
            ops.get(i).map_or(name_span, |o| {
                Span::new(name_span.start, span_of(o).end.max(name_span.start))
            })
        };
        if sc.literal {
            let v = self.fail(
                sc,
                through(0),
                "invalid-reference",
                format!("references like `{name}` cannot be used here: only literal values"),
            );
            return (v, ops.len());
        }
        match name {
            "var" | "local" | "path" | "terraform" | "each" | "count" | "module" | "data"
                if attr(0).is_none() =>
            {
                let v = self.fail(
                    sc,
                    through(0),
                    "invalid-reference",
                    format!("`{name}` must be followed by `.` and a name"),
                );
                (v, ops.len())
            }
            "var" => {
                let (a, _) = attr(0).unwrap_or(("", name_span));
                (self.var_value(sc, a, through(0)), 1)
            }
            "local" => {
                let (a, _) = attr(0).unwrap_or(("", name_span));
                (self.local_value(sc, a, through(0)), 1)
            }
            "each" => {
                let (a, _) = attr(0).unwrap_or(("", name_span));
                let span = through(0);
                let v = match (&sc.each, a) {
                    (Some((k, _)), "key") => k.clone(),
                    (Some((_, v)), "value") => {
                        let v = v.clone();
                        self.copy(sc, span, &v)
                    }
                    (Some(_), other) => self.fail(
                        sc,
                        span,
                        "invalid-reference",
                        format!("`each` has `key` and `value`, not `{other}`"),
                    ),
                    (None, _) => self.fail(
                        sc,
                        span,
                        "invalid-reference",
                        "`each` exists only in a block with `for_each`",
                    ),
                };
                (v, 1)
            }
            "count" => {
                let (a, _) = attr(0).unwrap_or(("", name_span));
                let span = through(0);
                let v = match (&sc.count, a) {
                    (Some(c), "index") => c.clone(),
                    (Some(_), other) => self.fail(
                        sc,
                        span,
                        "invalid-reference",
                        format!("`count` has `index`, not `{other}`"),
                    ),
                    (None, _) => self.fail(
                        sc,
                        span,
                        "invalid-reference",
                        "`count.index` exists only in a block with `count`",
                    ),
                };
                (v, 1)
            }
            "path" => {
                let (a, _) = attr(0).unwrap_or(("", name_span));
                let span = through(0);
                let v = match a {
                    "module" => {
                        let config = self.instances[sc.inst].config;
                        let dir = files::relative(&self.root_dir, &self.configs[config].dir);
                        Value::new(Kind::String(dir), sc.at(span))
                    }
                    "root" | "cwd" => Value::new(Kind::String(".".to_string()), sc.at(span)),
                    other => self.fail(
                        sc,
                        span,
                        "invalid-reference",
                        format!("`path` has `module`, `root` and `cwd`, not `{other}`"),
                    ),
                };
                (v, 1)
            }
            "terraform" => {
                let (a, _) = attr(0).unwrap_or(("", name_span));
                let span = through(0);
                let v = match a {
                    "workspace" => Value::new(Kind::String("default".to_string()), sc.at(span)),
                    other => self.fail(
                        sc,
                        span,
                        "invalid-reference",
                        format!("`terraform.{other}` is not known here"),
                    ),
                };
                (v, 1)
            }
            "module" => self.module_ref(sc, ops, name_span),
            "data" => {
                let (Some((t, _)), Some((n, _))) = (attr(0), attr(1)) else {
                    let v = self.fail(
                        sc,
                        through(1),
                        "invalid-reference",
                        "a data source is referred to as `data.TYPE.NAME`",
                    );
                    return (v, ops.len());
                };
                (self.resource_ref(sc, Mode::Data, t, n, through(1)), 2)
            }
            "self" => {
                let v = self.fail(
                    sc,
                    name_span,
                    "invalid-reference",
                    "`self` is not supported here",
                );
                (v, ops.len())
            }
            _ => {
                if let Some((n, _)) = attr(0) {
                    let config = self.instances[sc.inst].config;
                    if self.configs[config]
                        .resources
                        .iter()
                        .any(|r| r.mode == Mode::Managed && r.kind == name)
                        || name.contains('_')
                    {
                        return (self.resource_ref(sc, Mode::Managed, name, n, through(0)), 1);
                    }
                }
                let mut candidates: Vec<&str> = vec![
                    "var",
                    "local",
                    "each",
                    "count",
                    "path",
                    "module",
                    "data",
                    "terraform",
                ];
                candidates.extend(sc.bindings.iter().map(|(n, _)| n.as_str()));
                let help = did_you_mean(name, candidates);
                let v = self.fail_help(
                    sc,
                    name_span,
                    "invalid-reference",
                    format!("`{name}` is not declared here"),
                    help,
                );
                (v, ops.len())
            }
        }
    }

    fn var_value(&mut self, sc: &Scope, name: &str, span: Span) -> Value {
        let inst = sc.inst;
        let Some(v) = self.instances[inst].vars.get(name) else {
            let help = did_you_mean(name, self.instances[inst].vars.keys().map(String::as_str));
            return self.fail_help(
                sc,
                span,
                "undeclared-reference",
                format!("`var.{name}` is not declared"),
                help,
            );
        };
        if let Kind::Unknown { needs } = &v.kind {
            let needs = needs.clone();
            if inst == 0 && needs.iter().any(|n| n == name) {
                if let Origin::File(file) = sc.origin {
                    let uses = self.uses.entry(name.to_string()).or_default();
                    if !uses.contains(&(file, span)) {
                        uses.push((file, span));
                    }
                }
            }
            return Value::new(Kind::Unknown { needs }, sc.at(span));
        }
        let v = v.clone();
        self.copy(sc, span, &v)
    }

    fn local_value(&mut self, sc: &Scope, name: &str, span: Span) -> Value {
        let inst = sc.inst;
        let config = self.instances[inst].config;
        let Some(&(file, expr, key_span)) = self.configs[config].locals.get(name) else {
            let help = did_you_mean(name, self.configs[config].locals.keys().map(String::as_str));
            return self.fail_help(
                sc,
                span,
                "undeclared-reference",
                format!("`local.{name}` is not declared"),
                help,
            );
        };
        match self.instances[inst].locals.get(name) {
            Some(Slot::Done(v)) => {
                let v = v.clone();
                return self.copy(sc, span, &v);
            }
            Some(Slot::Busy) => {
                let from = self
                    .stack
                    .iter()
                    .position(|(i, n)| *i == inst && n == name)
                    .unwrap_or(0);
                let mut chain: Vec<String> = self.stack[from..]
                    .iter()
                    .map(|(_, n)| format!("`{n}`"))
                    .collect();
                chain.push(format!("`{name}`"));
                let d = Diagnostic::error(
                    "reference-cycle",
                    span,
                    format!("local `{name}` depends on itself: {}", chain.join(" -> ")),
                );
                let d = if Origin::File(file) == sc.origin {
                    d.with_label(key_span, "defined here")
                } else {
                    d
                };
                self.unmuted(|ev| ev.push(sc.origin, d));
                return Value::new(Kind::Error, sc.at(span));
            }
            None => {}
        }
        self.instances[inst]
            .locals
            .insert(name.to_string(), Slot::Busy);
        self.stack.push((inst, name.to_string()));
        let v = self.unmuted(|ev| {
            let mut inner = Scope::new(inst, file);
            ev.eval(&mut inner, expr)
        });
        self.stack.pop();
        let v = self.bounded(v, file, key_span, &format!("local `{name}`"));
        self.instances[inst]
            .locals
            .insert(name.to_string(), Slot::Done(v.clone()));
        v
    }

    /// `TYPE.NAME` or `data.TYPE.NAME`: a reference per instance.
    fn resource_ref(
        &mut self,
        sc: &Scope,
        mode: Mode,
        kind: &str,
        name: &str,
        span: Span,
    ) -> Value {
        let inst = sc.inst;
        let config = self.instances[inst].config;
        let Some(idx) = self.configs[config]
            .resources
            .iter()
            .position(|r| r.mode == mode && r.kind == kind && r.name == name)
        else {
            let addresses: Vec<String> = self.configs[config]
                .resources
                .iter()
                .filter(|r| r.mode == mode)
                .map(|r| format!("{}.{}", r.kind, r.name))
                .collect();
            let help = did_you_mean(
                &format!("{kind}.{name}"),
                addresses.iter().map(String::as_str),
            );
            let what = match mode {
                Mode::Managed => format!("resource `{kind}.{name}`"),
                Mode::Data => format!("data source `data.{kind}.{name}`"),
            };
            return self.fail_help(
                sc,
                span,
                "undeclared-reference",
                format!("{what} is not declared"),
                help,
            );
        };
        let prefix = self.instances[inst].prefix();
        let base = match mode {
            Mode::Managed => format!("{prefix}{kind}.{name}"),
            Mode::Data => format!("{prefix}data.{kind}.{name}"),
        };
        let at = sc.at(span);
        let reference = |address: String| {
            Value::new(
                Kind::Ref {
                    address,
                    attribute: String::new(),
                },
                at,
            )
        };
        match self.resource_expansion(inst, idx) {
            Expansion::Single => reference(base),
            Expansion::Count(n) => Value::new(
                Kind::List((0..n).map(|i| reference(format!("{base}[{i}]"))).collect()),
                at,
            ),
            Expansion::Keys(keys) => Value::new(
                Kind::Map(
                    keys.into_iter()
                        .map(|(k, _)| {
                            let r = reference(format!("{base}[{}]", quoted(&k)));
                            (k, r)
                        })
                        .collect(),
                ),
                at,
            ),
            Expansion::Unknown(needs) => Value::new(Kind::Unknown { needs }, at),
            Expansion::Failed => Value::new(Kind::Error, at),
        }
    }

    /// `module.NAME` (`.OUTPUT`).
    fn module_ref(
        &mut self,
        sc: &Scope,
        ops: &[Decorated<TraversalOperator>],
        name_span: Span,
    ) -> (Value, usize) {
        let Some(TraversalOperator::GetAttr(call_name)) = ops.first().map(|o| o.value()) else {
            let v = self.fail(
                sc,
                name_span,
                "invalid-reference",
                "`module` must be followed by `.` and a module name",
            );
            return (v, ops.len());
        };
        let call_name = call_name.as_str();
        let span1 = Span::new(name_span.start, span_of(&ops[0]).end.max(name_span.start));
        let inst = sc.inst;
        let config = self.instances[inst].config;
        let Some(call) = self.configs[config]
            .calls
            .iter()
            .position(|c| c.name == call_name)
        else {
            let help = did_you_mean(
                call_name,
                self.configs[config].calls.iter().map(|c| c.name.as_str()),
            );
            let v = self.fail_help(
                sc,
                span1,
                "undeclared-reference",
                format!("module `{call_name}` is not declared"),
                help,
            );
            return (v, ops.len());
        };
        if matches!(self.configs[config].calls[call].source, CallSource::Remote) {
            return (
                Value::new(Kind::Unknown { needs: Vec::new() }, sc.at(span1)),
                ops.len(),
            );
        }
        let (exp, children) = self.call_expansion(inst, call);
        let at = sc.at(span1);
        match exp {
            Expansion::Single => {
                let Some(&child) = children.first() else {
                    return (Value::new(Kind::Error, at), 1);
                };
                if let Some(TraversalOperator::GetAttr(out)) = ops.get(1).map(|o| o.value()) {
                    let span2 =
                        Span::new(name_span.start, span_of(&ops[1]).end.max(name_span.start));
                    return (self.output_value(sc, child, out.as_str(), span2), 2);
                }
                (self.all_outputs(sc, child, span1), 1)
            }
            Expansion::Count(_) => {
                let items = children
                    .iter()
                    .map(|&c| self.all_outputs(sc, c, span1))
                    .collect();
                (Value::new(Kind::List(items), at), 1)
            }
            Expansion::Keys(keys) => {
                let map = keys
                    .iter()
                    .zip(&children)
                    .map(|((k, _), &c)| (k.clone(), self.all_outputs(sc, c, span1)))
                    .collect();
                (Value::new(Kind::Map(map), at), 1)
            }
            Expansion::Unknown(needs) => (Value::new(Kind::Unknown { needs }, at), 1),
            Expansion::Failed => (Value::new(Kind::Error, at), 1),
        }
    }

    fn all_outputs(&mut self, sc: &Scope, child: usize, span: Span) -> Value {
        let config = self.instances[child].config;
        let names: Vec<String> = self.configs[config].outputs.keys().cloned().collect();
        let map = names
            .into_iter()
            .map(|n| {
                let v = self.output_value(sc, child, &n, span);
                (n, v)
            })
            .collect();
        Value::new(Kind::Map(map), sc.at(span))
    }

    fn output_value(&mut self, sc: &Scope, child: usize, name: &str, span: Span) -> Value {
        let config = self.instances[child].config;
        let Some(&(file, block)) = self.configs[config].outputs.get(name) else {
            let help = did_you_mean(
                name,
                self.configs[config].outputs.keys().map(String::as_str),
            );
            let path = self.instances[child].path.clone();
            return self.fail_help(
                sc,
                span,
                "undeclared-reference",
                format!("`{path}` has no output `{name}`"),
                help,
            );
        };
        match self.instances[child].outputs.get(name) {
            Some(Slot::Done(v)) => {
                let v = v.clone();
                return self.copy(sc, span, &v);
            }
            Some(Slot::Busy) => {
                return self.fail(
                    sc,
                    span,
                    "reference-cycle",
                    format!("output `{name}` depends on itself"),
                );
            }
            None => {}
        }
        self.instances[child]
            .outputs
            .insert(name.to_string(), Slot::Busy);
        let v = self.unmuted(|ev| {
            let mut inner = Scope::new(child, file);
            match block.body.get_attribute("value") {
                Some(a) => ev.eval(&mut inner, &a.value),
                None => ev.fail(
                    &inner,
                    header_span(block),
                    "invalid-block",
                    format!("output `{name}` has no `value`"),
                ),
            }
        });
        let v = self.bounded(v, file, header_span(block), &format!("output `{name}`"));
        self.instances[child]
            .outputs
            .insert(name.to_string(), Slot::Done(v.clone()));
        v
    }

    /// A shared value, unless it nests deeper than [`MAX_VALUE_DEPTH`].
    fn bounded(&mut self, v: Value, file: usize, span: Span, what: &str) -> Value {
        if super::value::depth(&v, MAX_VALUE_DEPTH + 1) <= MAX_VALUE_DEPTH {
            return v;
        }
        let d = Diagnostic::error(
            "limit-exceeded",
            span,
            format!("the value of {what} nests more than {MAX_VALUE_DEPTH} levels deep"),
        );
        self.unmuted(|ev| ev.push(Origin::File(file), d));
        Value::new(Kind::Error, v.source)
    }

    // ------------------------------------------------------------ calls

    fn eval_call(&mut self, sc: &mut Scope, f: &FuncCall, span: Span) -> Value {
        let name = f.name.name.as_str();
        if f.name.is_namespaced() {
            return self.fail(
                sc,
                span_of(&f.name.name),
                "unsupported-function",
                format!("provider functions like `{name}` are not supported"),
            );
        }
        if sc.literal {
            return self.fail(
                sc,
                span,
                "invalid-reference",
                format!("functions like `{name}` cannot be called here: only literal values"),
            );
        }
        let args: Vec<&Expression> = f.args.iter().collect();
        match name {
            "try" => return self.call_try(sc, &args, span),
            "can" => return self.call_can(sc, &args, span),
            _ => {}
        }
        let mut values = Vec::with_capacity(args.len());
        for a in &args {
            values.push(self.eval(sc, a));
        }
        if f.args.expand_final() {
            if let Some(last) = values.pop() {
                match last.kind {
                    Kind::List(items) | Kind::Set(items) => values.extend(items),
                    Kind::Unknown { needs } => {
                        return Value::new(Kind::Unknown { needs }, sc.at(span))
                    }
                    Kind::Error => return Value::new(Kind::Error, sc.at(span)),
                    _ => {
                        return self.fail(
                            sc,
                            last.source.span(),
                            "invalid-value",
                            "`...` expands a list, and this is not one",
                        )
                    }
                }
            }
        }
        let name_span = span_of(&f.name.name);
        self.builtin(sc, name, name_span, values, span)
    }

    fn call_try(&mut self, sc: &mut Scope, args: &[&Expression], span: Span) -> Value {
        if args.is_empty() {
            return self.fail(
                sc,
                span,
                "function-error",
                "`try` needs at least one argument",
            );
        }
        for a in args {
            let (v, failed) = self.muted(|ev| ev.eval(sc, a));
            if matches!(v.kind, Kind::Unknown { .. }) {
                return v;
            }
            if !failed && !matches!(v.kind, Kind::Error) {
                return v;
            }
        }
        self.fail(
            sc,
            span,
            "function-error",
            "no argument of `try` could be evaluated",
        )
    }

    fn call_can(&mut self, sc: &mut Scope, args: &[&Expression], span: Span) -> Value {
        let [a] = args else {
            return self.fail(sc, span, "function-error", "`can` takes one argument");
        };
        let (v, failed) = self.muted(|ev| ev.eval(sc, a));
        if let Kind::Unknown { needs } = v.kind {
            return Value::new(Kind::Unknown { needs }, sc.at(span));
        }
        Value::new(
            Kind::Bool(!failed && !matches!(v.kind, Kind::Error)),
            sc.at(span),
        )
    }

    /// The text of a file of the import, by path relative to the root.
    pub(super) fn file_text(&self, path: &str) -> Option<(usize, &'a str)> {
        let want = files::join(&self.root_dir, path);
        self.paths
            .iter()
            .position(|p| *p == want)
            .map(|i| (i, self.files[i].text.as_str()))
    }

    /// `fileset(dir, pattern)`: the import's files below `dir` (relative to
    /// the root module) whose path relative to `dir` matches `pattern`,
    /// sorted.
    pub(super) fn fileset(&self, dir: &str, pattern: &str) -> Result<Vec<String>, String> {
        let base = files::join(&self.root_dir, dir);
        let mut out = Vec::new();
        for p in self.paths {
            let rel = if base.is_empty() {
                Some(p.as_str())
            } else {
                p.strip_prefix(base.as_str())
                    .and_then(|r| r.strip_prefix('/'))
            };
            if let Some(rel) = rel {
                if files::glob(pattern, rel)? {
                    out.push(rel.to_string());
                }
            }
        }
        out.sort();
        out.dedup();
        Ok(out)
    }

    /// File names relative to the root, for "did you mean".
    pub(super) fn file_names(&self) -> Vec<String> {
        self.paths
            .iter()
            .map(|p| files::relative(&self.root_dir, p))
            .collect()
    }

    /// Encodes a value as JSON.
    pub(super) fn json(&self, v: &Value) -> Option<String> {
        let mut out = String::new();
        json_text(v, &mut out).ok().map(|()| out)
    }
}

/// The result of rendering a template.
#[derive(Default)]
struct Rendered {
    text: String,
    needs: Vec<String>,
    unknown: bool,
    failed: bool,
}

/// Whether an element's end strip marker (`~}`) trims the literal after it.
fn strips_after(el: &Element) -> bool {
    match el {
        Element::Literal(_) => false,
        Element::Interpolation(i) => i.strip.strip_end(),
        Element::Directive(d) => match &**d {
            Directive::If(i) => i.endif_expr.strip.strip_end(),
            Directive::For(f) => f.endfor_expr.strip.strip_end(),
        },
    }
}

/// Whether an element's start strip marker (`{~`) trims the literal before it.
fn strips_before(el: &Element) -> bool {
    match el {
        Element::Literal(_) => false,
        Element::Interpolation(i) => i.strip.strip_start(),
        Element::Directive(d) => match &**d {
            Directive::If(i) => i.if_expr.strip.strip_start(),
            Directive::For(f) => f.for_expr.strip.strip_start(),
        },
    }
}

/// Binds a `for`'s variables; how many were pushed.
fn bind(sc: &mut Scope, key_var: Option<&str>, key: Value, value_var: &str, value: Value) -> usize {
    let mut n = 0;
    if let Some(k) = key_var {
        sc.bindings.push((k.to_string(), key));
        n += 1;
    }
    sc.bindings.push((value_var.to_string(), value));
    n + 1
}

/// What to iterate over.
pub(super) enum Items {
    List(Vec<(Value, Value)>),
    Unknown(Vec<String>),
    Failed,
}

/// A condition's value.
#[derive(Debug, PartialEq)]
pub(super) enum Truth {
    Yes,
    No,
    Unknown(Vec<String>),
    Failed,
}

/// If any value is not known (or invalid), the kind of the result.
pub(super) fn not_known(values: &[&Value]) -> Option<Kind> {
    if values.iter().any(|v| matches!(v.kind, Kind::Error)) {
        return Some(Kind::Error);
    }
    let mut needs = Vec::new();
    let mut unknown = false;
    for v in values {
        match &v.kind {
            Kind::Unknown { needs: n } => {
                unknown = true;
                needs.extend(n.iter().cloned());
            }
            Kind::Ref { .. } => unknown = true,
            _ => {}
        }
    }
    if unknown {
        needs.sort();
        needs.dedup();
        Some(Kind::Unknown { needs })
    } else {
        None
    }
}

/// A value described for a message: `a string ("abc")`.
pub(super) fn describe(v: &Value) -> String {
    match &v.kind {
        Kind::String(s) => {
            let short: String = s.chars().take(40).collect();
            format!("the string `{short}`")
        }
        Kind::Number(n) => format!("the number {}", number_text(*n)),
        Kind::Bool(b) => format!("`{b}`"),
        Kind::Null => "null".to_string(),
        other => format!("a {}", other.type_name()),
    }
}
