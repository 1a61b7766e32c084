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

/// Most alternatives a `{a,b}` pattern expands to.
const MAX_ALTERNATIVES: usize = 64;

/// Whether `path` (a relative path with `/` separators) matches a
/// `fileset` pattern, as Terraform's `fileset` reads it: `*` any run of
/// characters but `/`, `**` any run including `/` (and `**/` also none),
/// `?` one character but `/`, `[abc]`, `[a-z]`, `[^abc]` one character of
/// a class, `{a,b}` alternatives, `\\` escapes the next character. Work is
/// bounded: patterns are matched by dynamic programming, and brace
/// alternatives are capped. `Err` for a malformed pattern.
pub(super) fn glob(pattern: &str, path: &str) -> Result<bool, String> {
    let patterns = expand_braces(pattern)?;
    let text: Vec<char> = path.chars().collect();
    for p in patterns {
        let tokens = tokens(&p)?;
        if matches(&tokens, &text) {
            return Ok(true);
        }
    }
    Ok(false)
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Char(char),
    /// `?`
    One,
    /// `*`
    Star,
    /// `**`, and `**/` (which may also match nothing)
    Any {
        slash: bool,
    },
    Class {
        negated: bool,
        ranges: Vec<(char, char)>,
    },
}

fn expand_braces(pattern: &str) -> Result<Vec<String>, String> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut depth = 0usize;
    let mut open = None;
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 1,
            '{' => {
                if depth == 0 {
                    open = Some(i);
                }
                depth += 1;
            }
            '}' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    let start = open.unwrap_or(0);
                    let head: String = chars[..start].iter().collect();
                    let tail: String = chars[i + 1..].iter().collect();
                    let mut out = Vec::new();
                    for alt in split_alternatives(&chars[start + 1..i]) {
                        for rest in expand_braces(&format!("{head}{alt}{tail}"))? {
                            out.push(rest);
                            if out.len() > MAX_ALTERNATIVES {
                                return Err(format!("the pattern expands to more than {MAX_ALTERNATIVES} alternatives"));
                            }
                        }
                    }
                    return Ok(out);
                }
            }
            _ => {}
        }
        i += 1;
    }
    if depth > 0 {
        return Err("the pattern has an unclosed `{`".to_string());
    }
    Ok(vec![pattern.to_string()])
}

/// The comma-separated alternatives of a brace group (nested groups kept).
fn split_alternatives(chars: &[char]) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut depth = 0usize;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' => {
                if let Some(last) = out.last_mut() {
                    last.push(c);
                    if let Some(n) = chars.get(i + 1) {
                        last.push(*n);
                    }
                }
                i += 2;
                continue;
            }
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                out.push(String::new());
                i += 1;
                continue;
            }
            _ => {}
        }
        if let Some(last) = out.last_mut() {
            last.push(c);
        }
        i += 1;
    }
    out
}

fn tokens(pattern: &str) -> Result<Vec<Tok>, String> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '\\' => {
                let c = *chars.get(i + 1).ok_or("the pattern ends with `\\`")?;
                out.push(Tok::Char(c));
                i += 2;
            }
            '?' => {
                out.push(Tok::One);
                i += 1;
            }
            '*' if chars.get(i + 1) == Some(&'*') => {
                let slash = chars.get(i + 2) == Some(&'/');
                out.push(Tok::Any { slash });
                i += if slash { 3 } else { 2 };
            }
            '*' => {
                out.push(Tok::Star);
                i += 1;
            }
            '[' => {
                let mut j = i + 1;
                let negated = matches!(chars.get(j), Some('^' | '!'));
                if negated {
                    j += 1;
                }
                let mut ranges = Vec::new();
                let mut first = true;
                loop {
                    let c = *chars.get(j).ok_or("the pattern has an unclosed `[`")?;
                    if c == ']' && !first {
                        break;
                    }
                    first = false;
                    let c = if c == '\\' {
                        j += 1;
                        *chars.get(j).ok_or("the pattern has an unclosed `[`")?
                    } else {
                        c
                    };
                    if chars.get(j + 1) == Some(&'-') && chars.get(j + 2).is_some_and(|e| *e != ']')
                    {
                        ranges.push((c, chars[j + 2]));
                        j += 3;
                    } else {
                        ranges.push((c, c));
                        j += 1;
                    }
                }
                out.push(Tok::Class { negated, ranges });
                i = j + 1;
            }
            c => {
                out.push(Tok::Char(c));
                i += 1;
            }
        }
    }
    Ok(out)
}

/// Dynamic programming over (token, character): O(tokens x characters).
fn matches(tokens: &[Tok], text: &[char]) -> bool {
    let n = text.len();
    // ok[j]: the tokens so far match text[..j].
    let mut ok = vec![false; n + 1];
    ok[0] = true;
    for t in tokens {
        let mut next = vec![false; n + 1];
        match t {
            Tok::Char(c) => {
                for j in 0..n {
                    next[j + 1] = ok[j] && text[j] == *c;
                }
            }
            Tok::One => {
                for j in 0..n {
                    next[j + 1] = ok[j] && text[j] != '/';
                }
            }
            Tok::Class { negated, ranges } => {
                for j in 0..n {
                    let inside = ranges.iter().any(|(a, b)| *a <= text[j] && text[j] <= *b);
                    next[j + 1] = ok[j] && text[j] != '/' && inside != *negated;
                }
            }
            Tok::Star => {
                for j in 0..=n {
                    next[j] = ok[j] || (j > 0 && next[j - 1] && text[j - 1] != '/');
                }
            }
            Tok::Any { slash } => {
                // `**` any run; `**/` nothing, or any run ending in `/`.
                let mut seen = false;
                for j in 0..=n {
                    seen = seen || ok[j];
                    next[j] = if *slash {
                        ok[j] || (seen && j > 0 && text[j - 1] == '/')
                    } else {
                        seen
                    };
                }
            }
        }
        ok = next;
    }
    ok[n]
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

    #[test]
    fn fileset_patterns() {
        let m = |p: &str, s: &str| glob(p, s).unwrap();
        assert!(m("resources/*.yaml", "resources/users.yaml"));
        assert!(!m("resources/*.yaml", "resources/squads/a.yaml"));
        assert!(m("resources/**/*.yaml", "resources/users.yaml"));
        assert!(m("resources/**/*.yaml", "resources/squads/a/teams.yaml"));
        assert!(m("**", "a/b/c"));
        assert!(m("?.tf", "a.tf"));
        assert!(!m("?.tf", "ab.tf"));
        assert!(m("[a-c]*.yaml", "b1.yaml"));
        assert!(!m("[^a-c]*.yaml", "b1.yaml"));
        assert!(m("*.{yaml,yml}", "x.yml"));
        assert!(m("a\\*", "a*"));
        assert!(!m("a\\*", "ab"));
        assert!(glob("{a,b", "a").is_err());
        assert!(glob("[ab", "a").is_err());
        // Bounded: many stars on a long name stay linear per token.
        let long = "a".repeat(5000);
        assert!(!m(&"*a".repeat(200).replace("a", "b"), &long));
    }
}
