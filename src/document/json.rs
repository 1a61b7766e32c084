//! JSON's `\uD83D\uDE92` surrogate-pair escapes, which YAML 1.2 does not
//! accept (its `\u` escapes name code points, and surrogates are none).
//!
//! Tools that write ASCII-only JSON (Python's `json.dumps` by default)
//! escape every emoji this way. Before parsing a JSON text, each surrogate
//! escape is rewritten, with the same length so every span stays right,
//! to a private-use code point (`\uD83D` -> `\uE03D`, 0x800 higher); after
//! parsing, pairs of those in double-quoted strings are decoded back.

/// How far surrogates are moved: D800..=DFFF to E000..=E7FF.
const SHIFT: u32 = 0x800;

/// The text with its surrogate escapes moved, if it is JSON (starts with
/// `{` or `[`) and has any.
pub(super) fn move_surrogates(text: &str) -> Option<String> {
    if !matches!(text.trim_start().chars().next(), Some('{' | '[')) || !text.contains("\\u") {
        return None;
    }
    let bytes = text.as_bytes();
    let mut out: Option<Vec<u8>> = None;
    let mut i = 0;
    while i < bytes.len() {
        if bytes.get(i) != Some(&b'\\') {
            i += 1;
            continue;
        }
        if bytes.get(i + 1) == Some(&b'u') {
            let hex = text
                .get(i + 2..i + 6)
                .and_then(|h| u32::from_str_radix(h, 16).ok());
            if let Some(unit @ 0xD800..=0xDFFF) = hex {
                let moved = format!("{:04X}", unit + SHIFT);
                let buffer = out.get_or_insert_with(|| bytes.to_vec());
                if let Some(slot) = buffer.get_mut(i + 2..i + 6) {
                    slot.copy_from_slice(moved.as_bytes());
                }
            }
        }
        i += 2; // the escaped character, whatever it is
    }
    out.and_then(|b| String::from_utf8(b).ok())
}

/// Decodes moved surrogate pairs back into the characters they spell; a
/// lone one becomes U+FFFD.
pub(super) fn restore_surrogates(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        let code = c as u32;
        match code {
            0xE000..=0xE3FF => {
                let next = chars.peek().map(|n| *n as u32);
                match next {
                    Some(low @ 0xE400..=0xE7FF) => {
                        chars.next();
                        let point = 0x10000 + ((code - 0xE000) << 10) + (low - 0xE400);
                        out.push(char::from_u32(point).unwrap_or('\u{FFFD}'));
                    }
                    _ => out.push('\u{FFFD}'),
                }
            }
            0xE400..=0xE7FF => out.push('\u{FFFD}'),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let text = r#"{"name": "\ud83d\ude92 crew", "path": "C:\\ud83d", "lone": "\udc00"}"#;
        let moved = move_surrogates(text).unwrap();
        assert_eq!(moved.len(), text.len());
        assert!(moved.contains(r"\uE03D\uEE92") || moved.contains(r"\uE03D\uE692"));
        // An escaped backslash is not an escape.
        assert!(moved.contains(r#""C:\\ud83d""#));
        assert_eq!(restore_surrogates("\u{E03D}\u{E692} crew"), "🚒 crew");
        assert_eq!(restore_surrogates("\u{E400}x"), "\u{FFFD}x");
        assert_eq!(move_surrogates("name: \"\\ud83d\""), None); // YAML, not JSON
    }
}
