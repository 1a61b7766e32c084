//! A small ordered YAML tree and its writer: how importers write the
//! Escalator document they build.
//!
//! The writer is deterministic (the same tree gives the same bytes), keeps
//! keys in the order they were added, and quotes every string that YAML 1.2
//! could read as something else (`"09:00"`, `"yes"`, `"1e3"`, `"#x"`), so the
//! document reads back to exactly the tree that was written. Short lists and
//! mappings of scalars are written in flow style on one line
//! (`members: [alice, bob]`), everything else in block style.

/// A YAML value with ordered mappings.
#[derive(Clone, Debug, PartialEq)]
pub enum Yaml {
    Null,
    Bool(bool),
    Int(i64),
    Str(String),
    Seq(Vec<Yaml>),
    /// Entries in the order they are written.
    Map(Vec<(String, Yaml)>),
}

impl Yaml {
    /// An empty mapping, to fill with [`Yaml::set`].
    pub fn map() -> Yaml {
        Yaml::Map(Vec::new())
    }

    /// A string.
    pub fn str(s: impl Into<String>) -> Yaml {
        Yaml::Str(s.into())
    }

    /// A list of strings.
    pub fn strs<I, S>(items: I) -> Yaml
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Yaml::Seq(items.into_iter().map(|s| Yaml::Str(s.into())).collect())
    }

    /// Adds (or replaces) `key` in a mapping; does nothing on other values.
    pub fn set(&mut self, key: &str, value: impl Into<Yaml>) -> &mut Yaml {
        if let Yaml::Map(entries) = self {
            let value = value.into();
            match entries.iter_mut().find(|(k, _)| k == key) {
                Some(entry) => entry.1 = value,
                None => entries.push((key.to_string(), value)),
            }
        }
        self
    }

    /// Adds `key` when `value` is `Some`.
    pub fn set_opt<T: Into<Yaml>>(&mut self, key: &str, value: Option<T>) -> &mut Yaml {
        if let Some(value) = value {
            self.set(key, value);
        }
        self
    }

    /// Chained form of [`Yaml::set`].
    pub fn with(mut self, key: &str, value: impl Into<Yaml>) -> Yaml {
        self.set(key, value);
        self
    }

    /// Chained form of [`Yaml::set_opt`].
    pub fn with_opt<T: Into<Yaml>>(mut self, key: &str, value: Option<T>) -> Yaml {
        self.set_opt(key, value);
        self
    }

    /// The value of `key` in a mapping.
    pub fn get(&self, key: &str) -> Option<&Yaml> {
        match self {
            Yaml::Map(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Pushes onto a list; does nothing on other values.
    pub fn push(&mut self, value: impl Into<Yaml>) {
        if let Yaml::Seq(items) = self {
            items.push(value.into());
        }
    }

    /// Whether the value is a list or mapping with no entries.
    pub fn is_empty_collection(&self) -> bool {
        match self {
            Yaml::Seq(items) => items.is_empty(),
            Yaml::Map(entries) => entries.is_empty(),
            _ => false,
        }
    }

    /// The document text: a header of comment lines, then the tree.
    pub fn to_document(&self, header: &[String]) -> String {
        let mut out = String::new();
        for line in header {
            if line.is_empty() {
                out.push_str("#\n");
            } else {
                out.push_str("# ");
                out.push_str(line);
                out.push('\n');
            }
        }
        write_block(&mut out, self, 0);
        if !out.ends_with('\n') {
            out.push('\n');
        }
        out
    }
}

impl From<&str> for Yaml {
    fn from(s: &str) -> Yaml {
        Yaml::Str(s.to_string())
    }
}
impl From<String> for Yaml {
    fn from(s: String) -> Yaml {
        Yaml::Str(s)
    }
}
impl From<&String> for Yaml {
    fn from(s: &String) -> Yaml {
        Yaml::Str(s.clone())
    }
}
impl From<bool> for Yaml {
    fn from(b: bool) -> Yaml {
        Yaml::Bool(b)
    }
}
impl From<i64> for Yaml {
    fn from(n: i64) -> Yaml {
        Yaml::Int(n)
    }
}
impl From<u32> for Yaml {
    fn from(n: u32) -> Yaml {
        Yaml::Int(i64::from(n))
    }
}
impl From<Vec<Yaml>> for Yaml {
    fn from(items: Vec<Yaml>) -> Yaml {
        Yaml::Seq(items)
    }
}

/// Widest flow-style line the writer produces (indentation excluded).
const FLOW_WIDTH: usize = 96;

/// Writes `value` as the content of a block at `indent` spaces: a mapping's
/// entries, a list's items, or a scalar on its own.
fn write_block(out: &mut String, value: &Yaml, indent: usize) {
    match value {
        Yaml::Map(entries) if !entries.is_empty() => {
            for (key, v) in entries {
                pad(out, indent);
                write_key(out, key);
                write_after_key(out, v, indent);
            }
        }
        Yaml::Seq(items) if !items.is_empty() => {
            for item in items {
                pad(out, indent);
                out.push('-');
                write_after_dash(out, item, indent);
            }
        }
        other => {
            pad(out, indent);
            out.push_str(&flow(other).unwrap_or_default());
            out.push('\n');
        }
    }
}

/// After `key:`: a scalar or short flow collection on the same line, or a
/// nested block on the next lines.
fn write_after_key(out: &mut String, value: &Yaml, indent: usize) {
    match fits_flow(value) {
        Some(text) => {
            out.push(' ');
            out.push_str(&text);
            out.push('\n');
        }
        None => {
            out.push('\n');
            // Lists sit at the key's indentation plus two, like mappings.
            write_block(out, value, indent + 2);
        }
    }
}

/// After `-`: a scalar or flow collection, or a mapping whose first entry
/// shares the dash's line.
fn write_after_dash(out: &mut String, value: &Yaml, indent: usize) {
    if let Some(text) = fits_flow(value) {
        out.push(' ');
        out.push_str(&text);
        out.push('\n');
        return;
    }
    match value {
        Yaml::Map(entries) => {
            for (i, (key, v)) in entries.iter().enumerate() {
                if i == 0 {
                    out.push(' ');
                } else {
                    pad(out, indent + 2);
                }
                write_key(out, key);
                write_after_key(out, v, indent + 2);
            }
        }
        Yaml::Seq(_) => {
            out.push('\n');
            write_block(out, value, indent + 2);
        }
        _ => {
            out.push(' ');
            out.push_str(&flow(value).unwrap_or_default());
            out.push('\n');
        }
    }
}

/// The one-line form of a value, when it is a scalar, or a collection of
/// scalars (or of such collections) short enough for one line.
fn fits_flow(value: &Yaml) -> Option<String> {
    // A list of mappings is a block: one object a line.
    if let Yaml::Seq(items) = value {
        if items.iter().any(|i| matches!(i, Yaml::Map(_))) {
            return None;
        }
    }
    let text = flow(value)?;
    let collection = matches!(value, Yaml::Seq(_) | Yaml::Map(_));
    if collection && text.len() > FLOW_WIDTH && !value.is_empty_collection() {
        return None;
    }
    Some(text)
}

/// The flow form of a value; `None` when it holds a mapping inside a
/// mapping or list more than one level deep (kept in block style).
fn flow(value: &Yaml) -> Option<String> {
    flow_at(value, 0)
}

fn flow_at(value: &Yaml, depth: usize) -> Option<String> {
    Some(match value {
        Yaml::Null => "null".to_string(),
        Yaml::Bool(b) => b.to_string(),
        Yaml::Int(n) => n.to_string(),
        Yaml::Str(s) => scalar(s),
        Yaml::Seq(items) => {
            if depth > 1 {
                return None;
            }
            let parts: Option<Vec<String>> = items.iter().map(|i| flow_at(i, depth + 1)).collect();
            format!("[{}]", parts?.join(", "))
        }
        Yaml::Map(entries) => {
            if depth > 1 {
                return None;
            }
            let parts: Option<Vec<String>> = entries
                .iter()
                .map(|(k, v)| Some(format!("{}: {}", key_text(k), flow_at(v, depth + 1)?)))
                .collect();
            format!("{{{}}}", parts?.join(", "))
        }
    })
}

fn pad(out: &mut String, indent: usize) {
    out.extend(std::iter::repeat_n(' ', indent));
}

fn write_key(out: &mut String, key: &str) {
    out.push_str(&key_text(key));
    out.push(':');
}

fn key_text(key: &str) -> String {
    scalar(key)
}

/// A string as a YAML scalar: plain when it cannot be read as anything but
/// this string, double-quoted (JSON escapes) otherwise.
pub fn scalar(s: &str) -> String {
    if is_plain_safe(s) {
        s.to_string()
    } else {
        quoted(s)
    }
}

/// Double-quoted with JSON's escapes, which YAML's double-quoted style reads.
fn quoted(s: &str) -> String {
    // serde_json writes exactly JSON's string escapes; YAML 1.2 double-quoted
    // scalars accept all of them.
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
}

/// Whether `s` can be written plain in both block and flow context and read
/// back as the same string under the YAML 1.2 core schema.
fn is_plain_safe(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    if !(first.is_alphabetic() || first == '_' || first.is_ascii_digit()) {
        return false;
    }
    if s.ends_with(' ') {
        return false;
    }
    let allowed = |c: char| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '/' | '@' | ' ');
    if !s.chars().all(allowed) {
        return false;
    }
    // Times like 09:00 never get here (':' is not allowed); numbers, bools
    // and nulls of the core schema (and YAML 1.1's yes/no/on/off, which
    // other tools still read as booleans) do.
    let lower = s.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "null" | "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n" | "~"
    ) {
        return false;
    }
    if first.is_ascii_digit() {
        // Numbers (1, 1.5, 1e3, 0x1f, 0o7) and dates are quoted: a date
        // stays a string in YAML 1.2, but quoting keeps other readers
        // honest. Durations (`1w`, `1h30m`) are plain.
        return s.chars().all(|c| c.is_ascii_digit() || "smhdw".contains(c))
            && s.chars().any(|c| c.is_ascii_alphabetic());
    }
    if lower == ".inf" || lower == ".nan" {
        return false;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_are_quoted_when_yaml_could_misread_them() {
        assert_eq!(scalar("alice"), "alice");
        assert_eq!(scalar("Alice Nguyen"), "Alice Nguyen");
        assert_eq!(scalar("pagerduty_user.alice"), "pagerduty_user.alice");
        assert_eq!(scalar("a@example.com"), "a@example.com");
        assert_eq!(scalar("09:00"), "\"09:00\"");
        assert_eq!(scalar("2026-01-05T09:00"), "\"2026-01-05T09:00\"");
        assert_eq!(scalar("yes"), "\"yes\"");
        assert_eq!(scalar("Off"), "\"Off\"");
        assert_eq!(scalar("1e3"), "\"1e3\"");
        assert_eq!(scalar("1h30m"), "1h30m");
        assert_eq!(scalar("12"), "\"12\"");
        assert_eq!(scalar(""), "\"\"");
        assert_eq!(scalar("#x"), "\"#x\"");
        assert_eq!(scalar("a: b"), "\"a: b\"");
        assert_eq!(scalar("trailing "), "\"trailing \"");
        assert_eq!(scalar("say \"hi\"\n"), "\"say \\\"hi\\\"\\n\"");
        assert_eq!(scalar("Zoë"), "Zoë");
        assert_eq!(
            scalar("pagerduty_user.a[\"x\"]"),
            "\"pagerduty_user.a[\\\"x\\\"]\""
        );
    }

    #[test]
    fn documents_use_flow_for_short_collections_and_blocks_otherwise() {
        let doc = Yaml::map()
            .with("version", 1i64)
            .with("timezone", "Europe/London")
            .with(
                "people",
                vec![Yaml::map().with("id", "alice").with("name", "Alice")],
            )
            .with(
                "schedules",
                vec![Yaml::map().with("id", "primary").with(
                    "layers",
                    vec![Yaml::map()
                        .with("members", Yaml::strs(["alice", "bob"]))
                        .with("shift", "1w")
                        .with("handoff", "2026-01-05T09:00")
                        .with(
                            "restrictions",
                            vec![Yaml::map()
                                .with("days", Yaml::strs(["mon", "tue"]))
                                .with("from", "09:00")
                                .with("to", "17:00")],
                        )],
                )],
            );
        let text = doc.to_document(&["imported".to_string()]);
        assert_eq!(
            text,
            "# imported\n\
             version: 1\n\
             timezone: Europe/London\n\
             people:\n  \
               - {id: alice, name: Alice}\n\
             schedules:\n  \
               - id: primary\n    \
                 layers:\n      \
                   - members: [alice, bob]\n        \
                     shift: 1w\n        \
                     handoff: \"2026-01-05T09:00\"\n        \
                     restrictions:\n          \
                       - {days: [mon, tue], from: \"09:00\", to: \"17:00\"}\n"
        );
        // It reads back to the same values.
        let parsed = crate::document::parse(&text);
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
    }

    #[test]
    fn set_replaces_in_place_and_empty_collections_are_flow() {
        let mut m = Yaml::map().with("a", 1i64).with("b", Yaml::Seq(vec![]));
        m.set("a", 2i64);
        assert_eq!(m.to_document(&[]), "a: 2\nb: []\n");
    }
}
