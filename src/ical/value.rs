//! Property values (RFC 5545 section 3.3): TEXT with its escapes, DATE,
//! DATE-TIME, DURATION, PERIOD, UTC-OFFSET, CAL-ADDRESS, INTEGER.

use chrono::{NaiveDate, NaiveDateTime};

use crate::time::recurrence::parse::{parse_date, parse_date_time};

/// A length of time as RFC 5545 writes it: weeks and days count on the
/// wall clock (a day is 23 hours on a spring-forward day), hours, minutes
/// and seconds are exact (section 3.3.6).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Duration {
    pub negative: bool,
    /// Weeks and days, as days.
    pub days: u32,
    /// Hours, minutes and seconds, as seconds.
    pub seconds: u32,
}

impl Duration {
    /// Signed nominal days.
    pub fn nominal_days(self) -> i64 {
        let d = i64::from(self.days);
        if self.negative {
            -d
        } else {
            d
        }
    }

    /// Signed exact seconds.
    pub fn exact_seconds(self) -> i64 {
        let s = i64::from(self.seconds);
        if self.negative {
            -s
        } else {
            s
        }
    }

    /// An exact duration of `seconds` (negative allowed). It is written in
    /// hours, minutes and seconds (`PT24H`, never `P1D`), so a DST day
    /// does not change its length.
    pub fn exact(seconds: i64) -> Duration {
        Duration {
            negative: seconds < 0,
            days: 0,
            seconds: seconds.unsigned_abs().min(u64::from(u32::MAX)) as u32,
        }
    }
}

impl std::fmt::Display for Duration {
    /// `P1DT2H`, `-PT15M`, `P2W`, `PT0S`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.negative && (self.days > 0 || self.seconds > 0) {
            f.write_str("-")?;
        }
        f.write_str("P")?;
        if self.seconds == 0 && self.days > 0 && self.days % 7 == 0 {
            return write!(f, "{}W", self.days / 7);
        }
        if self.days > 0 {
            write!(f, "{}D", self.days)?;
        }
        if self.seconds > 0 || self.days == 0 {
            f.write_str("T")?;
            let (h, m, s) = (
                self.seconds / 3600,
                self.seconds / 60 % 60,
                self.seconds % 60,
            );
            if h > 0 {
                write!(f, "{h}H")?;
            }
            if m > 0 {
                write!(f, "{m}M")?;
            }
            if s > 0 || (h == 0 && m == 0) {
                write!(f, "{s}S")?;
            }
        }
        Ok(())
    }
}

/// The longest duration read: 100 years (as the document format).
const MAX_DAYS: u64 = 36_500;

/// Reads `[+-]P...`: `P1D`, `PT1H30M`, `-PT15M`, `P2W`, `P1DT12H`.
/// Weeks with days (`P1W2D`, ISO 8601 but not RFC 5545) are accepted.
pub fn parse_duration(s: &str) -> Option<Duration> {
    let (negative, rest) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let rest = rest.strip_prefix(['P', 'p'])?;
    if rest.is_empty() {
        return None;
    }
    let mut days: u64 = 0;
    let mut seconds: u64 = 0;
    let mut in_time = false;
    let mut number: Option<u64> = None;
    let mut any = false;
    let mut time_any = false;
    // Units must come in order: W D T H M S.
    let mut last_rank = 0;
    for c in rest.chars() {
        if let Some(d) = c.to_digit(10) {
            let n = number.unwrap_or(0);
            if n > 999_999_999 {
                return None;
            }
            number = Some(n * 10 + u64::from(d));
            continue;
        }
        let c = c.to_ascii_uppercase();
        if c == 'T' {
            if in_time || number.is_some() {
                return None;
            }
            in_time = true;
            last_rank = 3;
            continue;
        }
        let n = number.take()?;
        let (rank, factor, time) = match c {
            'W' => (1, 7, false),
            'D' => (2, 1, false),
            'H' => (4, 3600, true),
            'M' => (5, 60, true),
            'S' => (6, 1, true),
            _ => return None,
        };
        if time != in_time || rank <= last_rank {
            return None;
        }
        last_rank = rank;
        any = true;
        if time {
            time_any = true;
            seconds += n * factor;
        } else {
            days += n * factor;
        }
    }
    if number.is_some() || !any || (in_time && !time_any) {
        return None;
    }
    if days > MAX_DAYS || seconds > MAX_DAYS * 86_400 {
        return None;
    }
    Some(Duration {
        negative,
        days: days as u32,
        seconds: seconds as u32,
    })
}

/// Reads a UTC offset `+HHMM` or `-HHMMSS` into seconds east of UTC.
pub fn parse_utc_offset(s: &str) -> Option<i32> {
    let sign = match s.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits = &s[1..];
    if !(digits.len() == 4 || digits.len() == 6) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let h: i32 = digits[0..2].parse().ok()?;
    let m: i32 = digits[2..4].parse().ok()?;
    let sec: i32 = if digits.len() == 6 {
        digits[4..6].parse().ok()?
    } else {
        0
    };
    if h > 23 || m > 59 || sec > 59 {
        return None;
    }
    Some(sign * (h * 3600 + m * 60 + sec))
}

/// Decodes a TEXT value: `\n` and `\N` are line breaks, `\,` `\;` `\\`
/// are themselves. A backslash before anything else is dropped (some
/// writers escape `:`).
pub fn unescape_text(s: &str) -> String {
    if !s.contains('\\') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') | Some('N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// A date or a local date-time as written (before any zone is applied).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Written {
    Date(NaiveDate),
    /// A local date-time; `true` when it ends in `Z` (UTC).
    DateTime(NaiveDateTime, bool),
}

/// Reads a DATE (`20260301`) or DATE-TIME (`20260301T090000`,
/// `20260301T090000Z`).
pub fn parse_written(s: &str) -> Option<Written> {
    if let Some(d) = parse_date(s) {
        return Some(Written::Date(d));
    }
    parse_date_time(s).map(|(t, utc)| Written::DateTime(t, utc))
}

/// Splits a list value on commas (DATE-TIME lists never hold escaped
/// commas), keeping byte offsets.
pub fn split_list(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut at = 0;
    s.split(',').map(move |piece| {
        let start = at;
        at += piece.len() + 1;
        (start, piece)
    })
}

/// The address of a CAL-ADDRESS: `mailto:` removed (any case).
pub fn mail_address(s: &str) -> Option<String> {
    let s = s.trim();
    let rest = match (s.get(..7), s.get(7..)) {
        (Some(scheme), Some(rest)) if scheme.eq_ignore_ascii_case("mailto:") => rest,
        _ => return None,
    };
    let rest = rest.trim();
    (!rest.is_empty()).then(|| rest.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        let d = |s: &str| parse_duration(s).map(|d| (d.negative, d.days, d.seconds));
        assert_eq!(d("P1DT2H"), Some((false, 1, 7200)));
        assert_eq!(d("-PT15M"), Some((true, 0, 900)));
        assert_eq!(d("+P2W"), Some((false, 14, 0)));
        assert_eq!(d("PT1H30M5S"), Some((false, 0, 5405)));
        assert_eq!(d("PT0S"), Some((false, 0, 0)));
        assert_eq!(d("P1W2D"), Some((false, 9, 0)));
        for bad in [
            "P",
            "PT",
            "1D",
            "P1H",
            "PT1D",
            "P1DT",
            "PT1M1H",
            "P-1D",
            "P99999999999D",
            "P36501D",
            "PT1H1H",
        ] {
            assert_eq!(d(bad), None, "{bad}");
        }
        for (text, shown) in [
            ("P1DT2H", "P1DT2H"),
            ("-PT15M", "-PT15M"),
            ("P14D", "P2W"),
            ("PT0S", "PT0S"),
            ("PT3600S", "PT1H"),
        ] {
            assert_eq!(parse_duration(text).unwrap().to_string(), shown);
        }
    }

    #[test]
    fn offsets_text_addresses() {
        assert_eq!(parse_utc_offset("+0100"), Some(3600));
        assert_eq!(parse_utc_offset("-0330"), Some(-12_600));
        assert_eq!(parse_utc_offset("+053000"), Some(19_800));
        assert_eq!(parse_utc_offset("0100"), None);
        assert_eq!(parse_utc_offset("+2500"), None);
        assert_eq!(unescape_text(r"a\, b\; c\\d\nE\NF\:"), "a, b; c\\d\nE\nF:");
        assert_eq!(
            mail_address("MAILTO:Alice@Example.com"),
            Some("Alice@Example.com".into())
        );
        assert_eq!(mail_address("urn:uuid:1"), None);
        // A multi-byte character where the scheme would end (found by the
        // mutation test).
        assert_eq!(mail_address("mail\u{e78f3}to:erin@example.com"), None);
    }
}
