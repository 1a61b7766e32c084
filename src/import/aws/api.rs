//! AWS Incident Manager API JSON (`aws ssm-contacts get-contact`,
//! `list-contacts`, `get-rotation`, `list-rotations`,
//! `list-rotation-overrides`, `get-rotation-override`,
//! `get-contact-channel`, `list-contact-channels`): finds each object and
//! gives it to [`super::read`] with its ARN as key.

use crate::diagnostic::Diagnostic;
use crate::document::Node;
use crate::import::view::{Diags, Obj, Scalar, View};

use super::objects::Export;
use super::read;

/// The kinds of objects the API returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Contact,
    Rotation,
    Override,
    Channel,
}

fn kind_of(node: &Node) -> Option<(Kind, &'static str)> {
    let has = |k: &str| node.get(k).is_some();
    if has("ContactChannelArn") {
        Some((Kind::Channel, "ContactChannelArn"))
    } else if has("RotationOverrideId") || has("NewContactIds") {
        Some((Kind::Override, "RotationOverrideId"))
    } else if has("RotationArn") && (has("ContactIds") || has("Recurrence")) {
        Some((Kind::Rotation, "RotationArn"))
    } else if has("ContactArn") && (has("Alias") || has("Type") || has("Plan")) {
        Some((Kind::Contact, "ContactArn"))
    } else {
        None
    }
}

/// The list responses and what they hold.
const LISTS: &[&str] = &[
    "Contacts",
    "Rotations",
    "RotationOverrides",
    "ContactChannels",
];

/// Reads one file's tree into `export`.
pub fn read(export: &mut Export, file: usize, root: &Node, diags: &mut Diags) {
    if let Some(items) = root.as_seq() {
        for item in items {
            object(export, file, item, None, diags);
        }
        return;
    }
    if kind_of(root).is_some() {
        object(export, file, root, None, diags);
        return;
    }
    let Some(mut obj) = Obj::new(
        View::node(root, file),
        "an Incident Manager API response",
        diags,
    ) else {
        return;
    };
    if let Some(next) = obj.get("NextToken") {
        if let Scalar::Str(_) = next.scalar() {
            let at = next.loc();
            diags.push(at.file, Diagnostic::warning("aws-more-pages", at.span, "the response has a `NextToken`: more objects exist than this page holds; only this page is imported").with_help("call again with `--starting-token` (or let the CLI paginate) and import every page"));
        }
    }
    // `get-rotation-override` and `list-rotation-overrides` of one rotation
    // may say which rotation at the top.
    let rotation = obj.get("RotationArn").and_then(|v| match v.scalar() {
        Scalar::Str(s) => Some(s),
        _ => None,
    });
    for key in LISTS {
        if let Some(list) = obj.get(key) {
            for item in list.items().unwrap_or_default() {
                if let View::Node { node, file } = item {
                    object(export, file, node, rotation.clone(), diags);
                }
            }
        }
    }
    obj.finish(diags, "not an Incident Manager object the importer reads");
}

fn object(
    export: &mut Export,
    file: usize,
    node: &Node,
    rotation: Option<String>,
    diags: &mut Diags,
) {
    let Some((kind, key_name)) = kind_of(node) else {
        diags.push(file, Diagnostic::warning("import-not-recognised", node.span, "not an Incident Manager contact, rotation, override or contact channel; not imported"));
        return;
    };
    let key = node
        .get(key_name)
        .and_then(Node::as_str)
        .unwrap_or_default()
        .to_string();
    let Some(obj) = Obj::new(View::node(node, file), "an Incident Manager object", diags) else {
        return;
    };
    match kind {
        Kind::Contact => export.contacts.push(read::contact(key, obj, diags)),
        Kind::Rotation => export.rotations.push(read::rotation(key, obj, diags)),
        Kind::Override => {
            let mut o = read::rotation_override(key, obj, diags);
            if o.rotation.is_none() {
                o.rotation = rotation.or_else(|| rotation_of_override(&o.key));
            }
            export.overrides.push(o);
        }
        Kind::Channel => export.channels.push(read::channel(key, obj, diags)),
    }
}

/// The rotation ARN inside an override's ARN:
/// `arn:aws:ssm-contacts:R:A:rotation-override/NAME/ID` belongs to
/// `arn:aws:ssm-contacts:R:A:rotation/NAME`.
pub fn rotation_of_override(id: &str) -> Option<String> {
    let (head, rest) = id.split_once(":rotation-override/")?;
    let name = rest.split('/').next().filter(|n| !n.is_empty())?;
    Some(format!("{head}:rotation/{name}"))
}
