//! AWS CloudFormation templates (YAML or JSON) with
//! `AWS::SSMContacts::Contact`, `Rotation`, `ContactChannel` and `Plan`
//! resources: each resource's `Properties` are read by [`super::read`]
//! under the resource's logical id. `!Ref` and `!GetAtt` (short or long
//! form) name other resources by logical id, or parameters, whose
//! `Default` or `--var NAME=VALUE` gives their value.

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Node;
use crate::import::view::{Cfn, Diags, Obj, Scalar, View};
use crate::import::{Cx, ValueNeeded};

use super::objects::Export;
use super::read;

/// CloudFormation's short-form tags (YAML `!Ref`, ...).
const TAGS: &[&str] = &[
    "!Ref",
    "!GetAtt",
    "!Sub",
    "!Join",
    "!Select",
    "!Split",
    "!If",
    "!Equals",
    "!And",
    "!Or",
    "!Not",
    "!FindInMap",
    "!Base64",
    "!Cidr",
    "!ImportValue",
    "!GetAZs",
    "!Condition",
    "!Transform",
    "!Length",
    "!ToJsonString",
];

/// Reads one template into `export`.
pub fn read(cx: &mut Cx<'_>, export: &mut Export, file: usize, diags: &mut Diags) {
    let Some(source) = cx.files.get(file) else {
        return;
    };
    let text = source.text.clone();
    let parsed = crate::document::parse(&text);
    for d in parsed.diagnostics {
        if d.severity != Severity::Error {
            continue;
        }
        // Short-form intrinsic functions are CloudFormation's, read below.
        if d.code == "unsupported-tag" && TAGS.iter().any(|t| d.message.contains(&format!("`{t}`")))
        {
            continue;
        }
        diags.push(file, d);
    }
    let Some(root) = parsed.root else {
        return;
    };
    let mut cfn = Cfn {
        text,
        ..Cfn::default()
    };
    let resources = root.get("Resources");
    if let Some(entries) = resources.and_then(Node::as_map) {
        for e in entries {
            cfn.resources.insert(e.key.clone());
        }
    }
    // Parameters: `--var NAME=VALUE`, else their `Default`.
    let mut needed: Vec<(String, crate::diagnostic::Span, Option<String>)> = Vec::new();
    if let Some(entries) = root.get("Parameters").and_then(Node::as_map) {
        for e in entries {
            let given = cx
                .options
                .vars
                .iter()
                .rev()
                .find(|(n, _)| n == &e.key)
                .map(|(_, v)| v.clone());
            let default = e.value.get("Default").and_then(|d| match &d.kind {
                crate::document::NodeKind::Str(s) => Some(s.clone()),
                crate::document::NodeKind::Int(n) => Some(n.to_string()),
                crate::document::NodeKind::Float(f) => Some(f.to_string()),
                crate::document::NodeKind::Bool(b) => Some(b.to_string()),
                _ => None,
            });
            let value = given.or(default);
            if value.is_none() {
                let description = e
                    .value
                    .get("Description")
                    .and_then(Node::as_str)
                    .map(str::to_string);
                needed.push((e.key.clone(), e.key_span, description));
            }
            cfn.params.insert(e.key.clone(), value);
        }
    }
    // A parameter is needed when a resource uses it.
    let used = refs_under_resources(&root, &cfn);
    for (name, span, description) in needed {
        if used.contains(&name) {
            cx.need(ValueNeeded {
                name: name.clone(),
                description,
                example: None,
                file,
                span,
            });
        }
    }
    let mut top = match Obj::new(View::node(&root, file), "a CloudFormation template", diags) {
        Some(o) => o,
        None => return,
    };
    top.skip(&[
        "AWSTemplateFormatVersion",
        "Description",
        "Parameters",
        "Metadata",
        "Transform",
        "Mappings",
    ]);
    for key in ["Outputs", "Conditions", "Rules"] {
        if let Some(v) = top.get(key) {
            let at = top.key_loc(key).unwrap_or(v.loc());
            diags.push(
                at.file,
                Diagnostic::info(
                    "import-not-imported",
                    at.span,
                    format!("not imported: `{key}` (not part of who is on call or who is paged)"),
                ),
            );
        }
    }
    top.skip(&["Resources"]);
    top.finish(diags, "not part of a CloudFormation template");
    let Some(entries) = resources.and_then(Node::as_map) else {
        return;
    };
    for e in entries {
        let Some(mut res) = Obj::new(
            View::Cfn {
                node: &e.value,
                file,
                cfn: &cfn,
            },
            "a resource",
            diags,
        ) else {
            continue;
        };
        let kind = res.get("Type").and_then(|t| match t.scalar() {
            Scalar::Str(s) => Some(s),
            _ => None,
        });
        let props = res.get("Properties");
        res.skip(&[
            "DependsOn",
            "DeletionPolicy",
            "UpdateReplacePolicy",
            "Metadata",
            "Condition",
            "UpdatePolicy",
            "CreationPolicy",
        ]);
        res.finish(diags, "not part of a resource");
        let Some(kind) = kind else {
            continue;
        };
        let key = e.key.clone();
        let Some(kind) = kind.strip_prefix("AWS::SSMContacts::") else {
            diags.push(
                file,
                Diagnostic::info(
                    "import-not-imported",
                    e.key_span,
                    format!(
                        "not imported: `{}` is a `{kind}`, not an Incident Manager resource",
                        e.key
                    ),
                ),
            );
            continue;
        };
        let Some(props) = props else {
            diags.push(
                file,
                Diagnostic::warning(
                    "import-missing-key",
                    e.key_span,
                    format!("`{}` has no `Properties`; not imported", e.key),
                ),
            );
            continue;
        };
        let Some(obj) = Obj::new(props, "the resource's properties", diags) else {
            continue;
        };
        match kind {
            "Contact" => export.contacts.push(read::contact(key, obj, diags)),
            "Rotation" => export.rotations.push(read::rotation(key, obj, diags)),
            "ContactChannel" => export.channels.push(read::channel(key, obj, diags)),
            "Plan" => export.plans.push(read::plan(key, obj, diags)),
            other => diags.push(
                file,
                Diagnostic::info(
                    "import-not-imported",
                    e.key_span,
                    format!("not imported: `AWS::SSMContacts::{other}`"),
                ),
            ),
        }
    }
}

/// The names `!Ref` (or `${name}` in a `!Sub`) uses under `Resources`, in
/// one walk of the tree.
fn refs_under_resources(root: &Node, cfn: &Cfn) -> std::collections::BTreeSet<String> {
    fn walk(n: &Node, cfn: &Cfn, out: &mut std::collections::BTreeSet<String>, depth: usize) {
        if depth > 64 {
            return;
        }
        if let Some(crate::import::view::Intrinsic::Ref(r)) = cfn.intrinsic(n) {
            out.insert(r);
        }
        match &n.kind {
            crate::document::NodeKind::Seq(items) => {
                items.iter().for_each(|i| walk(i, cfn, out, depth + 1))
            }
            crate::document::NodeKind::Map(entries) => entries
                .iter()
                .for_each(|e| walk(&e.value, cfn, out, depth + 1)),
            crate::document::NodeKind::Str(s) => {
                let mut rest = s.as_str();
                while let Some(i) = rest.find("${") {
                    rest = &rest[i + 2..];
                    if let Some(j) = rest.find('}') {
                        out.insert(rest[..j].to_string());
                        rest = &rest[j + 1..];
                    } else {
                        break;
                    }
                }
            }
            _ => {}
        }
    }
    let mut out = std::collections::BTreeSet::new();
    if let Some(r) = root.get("Resources") {
        walk(r, cfn, &mut out, 0);
    }
    out
}
