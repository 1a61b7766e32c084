//! The YAML parser counts positions in chars; spans are byte offsets.

/// Converts char indices into byte offsets in bounded time per lookup.
pub(super) struct CharOffsets<'a> {
    /// `None` for ASCII text (char index = byte offset).
    every: Option<Vec<u32>>,
    text_len: u32,
    text: &'a str,
}

/// Chars between two stored byte offsets.
const STRIDE: usize = 128;

impl<'a> CharOffsets<'a> {
    pub(super) fn new(text: &'a str) -> CharOffsets<'a> {
        let text_len = text.len() as u32;
        if text.is_ascii() {
            return CharOffsets {
                every: None,
                text_len,
                text: "",
            };
        }
        let every = text
            .char_indices()
            .step_by(STRIDE)
            .map(|(i, _)| i as u32)
            .collect();
        CharOffsets {
            every: Some(every),
            text_len,
            text,
        }
    }

    /// The byte offset of char `index` (the text's length past the end).
    pub(super) fn byte(&self, index: usize) -> u32 {
        let Some(every) = &self.every else {
            return (index as u32).min(self.text_len);
        };
        let Some(&base) = every.get(index / STRIDE) else {
            return self.text_len;
        };
        let rest = self.text.get(base as usize..).unwrap_or("");
        match rest.char_indices().nth(index % STRIDE) {
            Some((i, _)) => base + i as u32,
            None => self.text_len,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::CharOffsets;

    #[test]
    fn maps_chars_to_bytes() {
        let text = "aé😀b".repeat(100);
        let offsets = CharOffsets::new(&text);
        for (ci, (bi, _)) in text.char_indices().enumerate() {
            assert_eq!(offsets.byte(ci), bi as u32);
        }
        assert_eq!(offsets.byte(400), text.len() as u32);
        assert_eq!(offsets.byte(100_000), text.len() as u32);
        let ascii = CharOffsets::new("abc");
        assert_eq!((ascii.byte(2), ascii.byte(9)), (2, 3));
    }
}
