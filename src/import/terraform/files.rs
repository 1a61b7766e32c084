//! File names: paths normalised, folders, and what each file is.

/// What a file is to the reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum FileKind {
    /// `*.tf`: configuration.
    Tf,
    /// `*_override.tf` / `override.tf`: not merged (a diagnostic says so).
    Override,
    /// `*.tf.json`: not read (a diagnostic says so).
    TfJson,
    /// `terraform.tfvars`, `*.auto.tfvars`.
    Tfvars,
    /// `terraform.tfvars.json`, `*.auto.tfvars.json`.
    TfvarsJson,
    /// Anything else (`*.tfvars` not read automatically, data files read by
    /// `file()`).
    Other,
}

/// A path with `/` separators, without `.` components or a leading `./`,
/// and with `dir/..` folded.
pub(super) fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|p| *p != "..") {
                    parts.pop();
                } else {
                    parts.push("..");
                }
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// The folder of a normalised path (`""` at the top).
pub(super) fn dir_of(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..i])
}

/// The file name of a normalised path.
pub(super) fn base_of(path: &str) -> &str {
    path.rfind('/').map_or(path, |i| &path[i + 1..])
}

/// `dir` joined with a relative `path`, normalised.
pub(super) fn join(dir: &str, path: &str) -> String {
    if dir.is_empty() {
        normalize(path)
    } else {
        normalize(&format!("{dir}/{path}"))
    }
}

/// What a file is, from its name.
pub(super) fn kind_of(path: &str) -> FileKind {
    let base = base_of(path);
    if base.ends_with(".tf.json") {
        FileKind::TfJson
    } else if base == "override.tf" || base.ends_with("_override.tf") {
        FileKind::Override
    } else if base.ends_with(".tf") {
        FileKind::Tf
    } else if base == "terraform.tfvars" || base.ends_with(".auto.tfvars") {
        FileKind::Tfvars
    } else if base == "terraform.tfvars.json" || base.ends_with(".auto.tfvars.json") {
        FileKind::TfvarsJson
    } else {
        FileKind::Other
    }
}

/// `path` relative to `root` (`.` for the root itself), as Terraform's
/// `path.module` reads.
pub(super) fn relative(root: &str, path: &str) -> String {
    if path == root {
        return ".".to_string();
    }
    if root.is_empty() {
        return path.to_string();
    }
    match path.strip_prefix(root).and_then(|p| p.strip_prefix('/')) {
        Some(rest) => rest.to_string(),
        None => {
            let ups = root.split('/').count();
            let mut out = "../".repeat(ups);
            out.push_str(path);
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        assert_eq!(
            normalize("./infra//oncall/./main.tf"),
            "infra/oncall/main.tf"
        );
        assert_eq!(normalize("a/b/../c"), "a/c");
        assert_eq!(normalize("../x"), "../x");
        assert_eq!(normalize("a\\b.tf"), "a/b.tf");
        assert_eq!(dir_of("a/b/c.tf"), "a/b");
        assert_eq!(dir_of("c.tf"), "");
        assert_eq!(join("a/b", "./modules/x"), "a/b/modules/x");
        assert_eq!(join("", "../y"), "../y");
        assert_eq!(relative("infra", "infra/modules/t"), "modules/t");
        assert_eq!(relative("infra", "infra"), ".");
        assert_eq!(kind_of("x/prod.auto.tfvars"), FileKind::Tfvars);
        assert_eq!(kind_of("x/terraform.tfvars.json"), FileKind::TfvarsJson);
        assert_eq!(kind_of("main_override.tf"), FileKind::Override);
        assert_eq!(kind_of("main.tf.json"), FileKind::TfJson);
        assert_eq!(kind_of("dev.tfvars"), FileKind::Other);
    }
}
