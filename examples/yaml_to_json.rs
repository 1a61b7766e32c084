//! Prints a policy document (YAML or JSON) as JSON, keeping key order:
//! `cargo run --example yaml_to_json -- examples/midsize-company.yaml`.
//!
//! Used to write `examples/json/*.json`; the tests check that each JSON
//! file gives the same model as its YAML original.

use escalator::document::{parse, Node, NodeKind};

/// Writes a node as pretty JSON, objects in document order; lists of
/// scalars and small objects stay on one line.
fn write_json(node: &Node, indent: usize, out: &mut String) {
    let quote = |s: &str| serde_json::to_string(s).unwrap_or_default();
    match &node.kind {
        NodeKind::Null => out.push_str("null"),
        NodeKind::Bool(b) => out.push_str(&b.to_string()),
        NodeKind::Int(i) => out.push_str(&i.to_string()),
        NodeKind::Float(f) => out.push_str(&f.to_string()),
        NodeKind::Str(s) => out.push_str(&quote(s)),
        NodeKind::Seq(items) if items.is_empty() => out.push_str("[]"),
        NodeKind::Map(entries) if entries.is_empty() => out.push_str("{}"),
        NodeKind::Seq(_) | NodeKind::Map(_) if is_flat(node) => {
            let mut one = String::new();
            match &node.kind {
                NodeKind::Seq(_) => {
                    one.push('[');
                    for (i, item) in items_of(node).iter().enumerate() {
                        if i > 0 {
                            one.push_str(", ");
                        }
                        write_json(item, indent, &mut one);
                    }
                    one.push(']');
                }
                _ => {
                    one.push('{');
                    for (i, e) in node.as_map().unwrap_or(&[]).iter().enumerate() {
                        if i > 0 {
                            one.push_str(", ");
                        }
                        one.push_str(&quote(&e.key));
                        one.push_str(": ");
                        write_json(&e.value, indent, &mut one);
                    }
                    one.push('}');
                }
            }
            out.push_str(&one);
        }
        NodeKind::Seq(items) => {
            out.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                out.push_str(&"  ".repeat(indent + 1));
                write_json(item, indent + 1, out);
                out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
            }
            out.push_str(&"  ".repeat(indent));
            out.push(']');
        }
        NodeKind::Map(entries) => {
            out.push_str("{\n");
            for (i, e) in entries.iter().enumerate() {
                out.push_str(&"  ".repeat(indent + 1));
                out.push_str(&quote(&e.key));
                out.push_str(": ");
                write_json(&e.value, indent + 1, out);
                out.push_str(if i + 1 < entries.len() { ",\n" } else { "\n" });
            }
            out.push_str(&"  ".repeat(indent));
            out.push('}');
        }
    }
}

fn items_of(node: &Node) -> &[Node] {
    node.as_seq().unwrap_or(&[])
}

/// A collection of scalars, or of flat maps of scalars, short enough for one line.
fn is_flat(node: &Node) -> bool {
    let scalar = |n: &Node| !matches!(n.kind, NodeKind::Seq(_) | NodeKind::Map(_));
    let flat = match &node.kind {
        NodeKind::Seq(items) => items
            .iter()
            .all(|n| scalar(n) || (n.as_map().is_some() && is_flat(n))),
        NodeKind::Map(entries) => entries
            .iter()
            .all(|e| scalar(&e.value) || (e.value.as_seq().is_some_and(|s| s.iter().all(scalar)))),
        _ => true,
    };
    flat && node.span.end - node.span.start < 110
}

fn main() -> std::process::ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: yaml_to_json FILE");
        return std::process::ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    let document = parse(&text);
    match document.root {
        Some(root) if document.diagnostics.is_empty() => {
            let mut out = String::new();
            write_json(&root, 0, &mut out);
            println!("{out}");
            std::process::ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{path} has problems; run `escalator check {path}`");
            std::process::ExitCode::from(1)
        }
    }
}
