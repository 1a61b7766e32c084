//! Shared by `tests/terraform_never_panics.rs` (proptest) and the
//! `terraform` fuzz target: a generator of small, plausible but often wrong
//! Terraform modules, a splitter of raw bytes into module files, and the
//! invariants every answer of `import::terraform::read` keeps.
#![allow(dead_code)]

use escalator::import::terraform::{read, Body, Module, Source, Value};
use escalator::import::SourceFile;

/// A stream of choices.
pub struct Choices<'a> {
    list: &'a [u32],
    at: usize,
}

impl<'a> Choices<'a> {
    pub fn new(list: &'a [u32]) -> Self {
        Choices { list, at: 0 }
    }

    /// A number in `0..n` (0 once the list is exhausted).
    pub fn pick(&mut self, n: usize) -> usize {
        let raw = self.list.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        if n == 0 {
            0
        } else {
            raw as usize % n
        }
    }

    pub fn of<'b>(&mut self, items: &[&'b str]) -> &'b str {
        items[self.pick(items.len())]
    }

    fn exhausted(&self) -> bool {
        self.at >= self.list.len()
    }
}

const FUNCTIONS: [&str; 30] = [
    "upper",
    "lower",
    "length",
    "concat",
    "flatten",
    "merge",
    "lookup",
    "toset",
    "tolist",
    "keys",
    "values",
    "join",
    "split",
    "format",
    "element",
    "range",
    "timeadd",
    "formatdate",
    "try",
    "can",
    "jsonencode",
    "jsondecode",
    "yamldecode",
    "file",
    "coalesce",
    "zipmap",
    "setproduct",
    "sort",
    "nosuch",
    "regex",
];

const ATOMS: [&str; 24] = [
    "1",
    "-2.5",
    "1e300",
    "true",
    "null",
    "\"a\"",
    "\"b\"",
    "\"2026-03-02T09:00:00Z\"",
    "\"1h30m\"",
    "\"x,y\"",
    "[]",
    "{}",
    "var.v0",
    "var.v1",
    "local.l0",
    "local.l1",
    "local.l2",
    "each.key",
    "each.value",
    "count.index",
    "path.module",
    "t_r.n0.id",
    "module.m.out",
    "\"data.yaml\"",
];

/// An expression, at most `depth` levels deep.
pub fn expr(c: &mut Choices, depth: usize) -> String {
    if depth == 0 || c.exhausted() {
        return c.of(&ATOMS).to_string();
    }
    let d = depth - 1;
    match c.pick(12) {
        0 => format!("[{}, {}]", expr(c, d), expr(c, d)),
        1 => format!("{{ k = {}, \"q\" = {} }}", expr(c, d), expr(c, d)),
        2 => format!(
            "\"x-${{{}}}-%{{ if {} }}y%{{ else }}z%{{ endif }}\"",
            expr(c, d),
            expr(c, d)
        ),
        3 => {
            let f = c.of(&FUNCTIONS);
            let n = c.pick(4);
            let args: Vec<String> = (0..n).map(|_| expr(c, d)).collect();
            format!("{f}({})", args.join(", "))
        }
        4 => format!("[for k, v in {} : v if {}]", expr(c, d), expr(c, d)),
        5 => format!("{{ for k, v in {} : k => v... }}", expr(c, d)),
        6 => format!("{} ? {} : {}", expr(c, d), expr(c, d), expr(c, d)),
        7 => {
            let op = c.of(&["+", "-", "*", "/", "%", "==", "!=", "<", ">=", "&&", "||"]);
            format!("({} {op} {})", expr(c, d), expr(c, d))
        }
        8 => format!("{}[{}]", expr(c, d), expr(c, d)),
        9 => format!("{}[*].id", expr(c, d)),
        10 => format!(
            "<<-EOT\n  a ${{{}}}\n  %{{ for x in {} ~}}${{x}}%{{ endfor }}\n  EOT",
            expr(c, d),
            expr(c, d)
        ),
        _ => format!("!{}", expr(c, d)),
    }
}

/// A small module: the root, maybe a child module, maybe data files, and
/// `--var` pairs.
pub fn module(c: &mut Choices) -> (Vec<SourceFile>, Vec<(String, String)>) {
    let mut main = String::new();
    for i in 0..2 {
        match c.pick(3) {
            0 => main.push_str(&format!("variable \"v{i}\" {{}}\n")),
            1 => main.push_str(&format!(
                "variable \"v{i}\" {{\n  type = {}\n  default = {}\n}}\n",
                c.of(&[
                    "string",
                    "number",
                    "list(string)",
                    "set(string)",
                    "map(any)",
                    "object({ a = optional(string, \"d\") })",
                    "any"
                ]),
                expr(c, 1)
            )),
            _ => {}
        }
    }
    main.push_str("locals {\n");
    for i in 0..3 {
        main.push_str(&format!("  l{i} = {}\n", expr(c, 3)));
    }
    main.push_str("}\n");
    for i in 0..c.pick(4) {
        let meta = match c.pick(4) {
            0 => format!("  count = {}\n", expr(c, 2)),
            1 => format!("  for_each = {}\n", expr(c, 2)),
            2 => "  for_each = toset([\"a\", \"b\"])\n".to_string(),
            _ => String::new(),
        };
        main.push_str(&format!(
            "resource \"t_r\" \"n{i}\" {{\n{meta}  a = {}\n  dynamic \"d\" {{\n    for_each = {}\n    content {{ v = d.value }}\n  }}\n  nested {{ b = {} }}\n}}\n",
            expr(c, 3),
            expr(c, 2),
            expr(c, 2)
        ));
    }
    let mut files = vec![];
    if c.pick(2) == 0 {
        main.push_str(&format!(
            "module \"m\" {{\n  source = \"./mod\"\n  x = {}\n}}\n",
            expr(c, 2)
        ));
        let child = format!(
            "variable \"x\" {{}}\nresource \"t_r\" \"c\" {{ a = var.x }}\noutput \"out\" {{ value = {} }}\n{}",
            expr(c, 2),
            if c.pick(4) == 0 { "module \"again\" { source = \"../mod\" }\n" } else { "" }
        );
        files.push(SourceFile::new("mod/main.tf", child));
    }
    if c.pick(2) == 0 {
        files.push(SourceFile::new(
            "data.yaml",
            c.of(&[
                "a: [1, 2]\nb: yes\n",
                "x: &a [1]\ny: *a\n",
                "- ",
                ": :",
                "{}",
            ])
            .to_string(),
        ));
    }
    if c.pick(2) == 0 {
        files.push(SourceFile::new(
            "terraform.tfvars",
            format!("v0 = {}\n", expr(c, 1)),
        ));
    }
    files.insert(0, SourceFile::new("main.tf", main));
    let mut vars = Vec::new();
    if c.pick(2) == 0 {
        vars.push((
            "v1".to_string(),
            c.of(&["[\"a\"]", "1", "{", "x"]).to_string(),
        ));
    }
    (files, vars)
}

/// Raw bytes as a module of one or two files.
pub fn files_from_bytes(data: &[u8]) -> Vec<SourceFile> {
    let (first, rest) = match data.split_first() {
        Some((f, r)) => (*f, r),
        None => (0, data),
    };
    let names = [
        "b.tf",
        "terraform.tfvars",
        "x.yaml",
        "m/main.tf",
        "a.auto.tfvars.json",
    ];
    let cut = if rest.is_empty() {
        0
    } else {
        first as usize % (rest.len() + 1)
    };
    let (a, b) = rest.split_at(cut.min(rest.len()));
    let mut files = vec![SourceFile::new(
        "main.tf",
        String::from_utf8_lossy(a).into_owned(),
    )];
    if first & 0x80 != 0 {
        files.push(SourceFile::new(
            names[first as usize % names.len()],
            String::from_utf8_lossy(b).into_owned(),
        ));
    }
    files
}

/// Reads a module and checks the answer's invariants.
pub fn check(files: &[SourceFile], vars: &[(String, String)]) -> Module {
    let m = read(files, vars);
    for d in &m.diagnostics {
        let text = &files.get(d.file).expect("a diagnostic's file exists").text;
        span_in(text, d.diagnostic.span.start, d.diagnostic.span.end);
        assert!(!d.diagnostic.message.is_empty());
        assert!(
            !d.diagnostic.message.contains('\n'),
            "one line: {}",
            d.diagnostic.message
        );
    }
    for (i, d) in &m.var_diagnostics {
        let text = &vars.get(*i).expect("a --var diagnostic's pair exists").1;
        span_in(text, d.span.start, d.span.end);
    }
    for r in &m.resources {
        let text = &files[r.file].text;
        span_in(text, r.span.start, r.span.end);
        body(files, vars, &r.body);
    }
    for b in &m.blocks {
        body(files, vars, &b.body);
    }
    for n in &m.needed {
        span_in(&files[n.file].text, n.span.start, n.span.end);
        for (f, s) in &n.uses {
            span_in(&files[*f].text, s.start, s.end);
        }
    }
    m
}

fn span_in(text: &str, start: u32, end: u32) {
    let (s, e) = (start as usize, end as usize);
    assert!(
        s <= e && e <= text.len(),
        "span {s}..{e} outside a text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(s) && text.is_char_boundary(e),
        "span {s}..{e} splits a char"
    );
}

fn body(files: &[SourceFile], vars: &[(String, String)], b: &Body) {
    for a in &b.attributes {
        span_in(&files[a.file].text, a.span.start, a.span.end);
        value(files, vars, &a.value, 0);
    }
    for inner in &b.blocks {
        span_in(&files[inner.file].text, inner.span.start, inner.span.end);
        body(files, vars, &inner.body);
    }
}

fn value(files: &[SourceFile], vars: &[(String, String)], v: &Value, depth: usize) {
    assert!(depth < 200, "values nest too deeply");
    match v.source {
        Source::File { file, span } => span_in(&files[file].text, span.start, span.end),
        Source::Var { index, span } => span_in(&vars[index].1, span.start, span.end),
    }
    if let Some(items) = v.as_list() {
        items
            .iter()
            .take(50)
            .for_each(|x| value(files, vars, x, depth + 1));
    }
    if let Some(map) = v.as_map() {
        map.values()
            .take(50)
            .for_each(|x| value(files, vars, x, depth + 1));
    }
}
