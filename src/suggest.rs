//! "Did you mean" suggestions: the closest candidate by edit distance.
//!
//! Used for unknown keys, unknown ids, time zones and enumerated values, in
//! document diagnostics and in query errors alike.

/// The optimal-string-alignment distance between two strings, in chars
/// (insertions, deletions, substitutions and swaps of neighbours count 1).
///
/// Inputs longer than 64 chars are compared as their first 64 chars, so the
/// work stays bounded.
///
/// ```
/// use escalator::suggest::edit_distance;
/// assert_eq!(edit_distance("alice", "alcie"), 1);
/// assert_eq!(edit_distance("shift", "shfit"), 1);
/// assert_eq!(edit_distance("kitten", "sitting"), 3);
/// ```
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().take(64).collect();
    let b: Vec<char> = b.chars().take(64).collect();
    let width = b.len() + 1;
    // Three rows: two back (for swaps), one back, current.
    let mut before: Vec<usize> = vec![0; width];
    let mut previous: Vec<usize> = (0..width).collect();
    let mut current: Vec<usize> = vec![0; width];
    for (i, ca) in a.iter().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            let mut best = (previous[j] + cost)
                .min(previous[j + 1] + 1)
                .min(current[j] + 1);
            if i > 0 && j > 0 && a.get(i - 1) == Some(cb) && b.get(j - 1) == Some(ca) {
                best = best.min(before[j - 1] + 1);
            }
            current[j + 1] = best;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

/// The candidate closest to `word`, if it is close enough to be a likely
/// typo (a case-insensitive match always is).
///
/// ```
/// use escalator::suggest::closest;
/// assert_eq!(closest("escalate_afer", ["escalate_after", "role", "notify"]), Some("escalate_after"));
/// assert_eq!(closest("zzz", ["escalate_after", "role"]), None);
/// ```
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_lowercase();
    let limit = (word.chars().count() / 3).max(1);
    let mut best: Option<(usize, &'a str)> = None;
    for candidate in candidates {
        let distance = if candidate.to_lowercase() == lower {
            0
        } else {
            edit_distance(word, candidate)
        };
        if distance <= limit && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// `did you mean `x`?` for the closest candidate, if any.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    closest(word, candidates).map(|c| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("abc", ""), 3);
        assert_eq!(edit_distance("zoë", "zoe"), 1);
        assert_eq!(edit_distance("ab", "ba"), 1);
    }

    #[test]
    fn suggestions() {
        assert_eq!(closest("Alice", ["alice", "bob"]), Some("alice"));
        assert_eq!(closest("bobb", ["alice", "bob"]), Some("bob"));
        assert_eq!(closest("x", Vec::<&str>::new()), None);
    }
}
