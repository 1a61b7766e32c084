//! The YAML parser counts positions in chars; spans are byte offsets.

/// Converts char indices into byte offsets in bounded time per lookup.
pub(super) struct CharOffsets<'a> {
    /// `None` for ASCII text (char index = byte offset).
    every: Option<Vec<u32>>,
    text_len: u32,
    text: &'a str,
    /// The last lookup `(char index, byte offset)`: lookups come mostly in
    /// increasing order, so walking on from there is short.
    last: std::cell::Cell<(usize, u32)>,
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
                last: Default::default(),
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
            last: Default::default(),
        }
    }

    /// The byte offset of char `index` (the text's length past the end).
    pub(super) fn byte(&self, index: usize) -> u32 {
        let Some(every) = &self.every else {
            return (index as u32).min(self.text_len);
        };
        let (last_index, last_byte) = self.last.get();
        let (from_index, from_byte) = if index >= last_index && index - last_index < STRIDE {
            (last_index, last_byte)
        } else {
            match every.get(index / STRIDE) {
                Some(&base) => (index / STRIDE * STRIDE, base),
                None => return self.text_len,
            }
        };
        let rest = self.text.get(from_byte as usize..).unwrap_or("");
        let byte = match rest.char_indices().nth(index - from_index) {
            Some((i, _)) => from_byte + i as u32,
            None => return self.text_len,
        };
        self.last.set((index, byte));
        byte
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
        // Out of order too.
        let all: Vec<(usize, usize)> = text.char_indices().map(|(b, _)| b).enumerate().collect();
        for &(ci, bi) in all.iter().rev().step_by(7) {
            assert_eq!(offsets.byte(ci), bi as u32);
            assert_eq!(
                offsets.byte(ci / 2),
                text.char_indices().nth(ci / 2).unwrap().0 as u32
            );
        }
        assert_eq!(offsets.byte(400), text.len() as u32);
        assert_eq!(offsets.byte(100_000), text.len() as u32);
        let ascii = CharOffsets::new("abc");
        assert_eq!((ascii.byte(2), ascii.byte(9)), (2, 3));
    }
}
