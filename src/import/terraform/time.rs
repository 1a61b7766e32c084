//! Terraform's time functions: `timeadd` and `formatdate`, with Go's
//! RFC 3339 and duration syntax.

use chrono::{Datelike, NaiveDate, NaiveDateTime, TimeDelta, Timelike};

/// A timestamp as written: its local date-time and UTC offset in seconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Stamp {
    local: NaiveDateTime,
    offset: i32,
}

fn digits(s: &[u8], at: usize, n: usize) -> Option<u32> {
    let part = s.get(at..at + n)?;
    if !part.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(
        part.iter()
            .fold(0u32, |acc, d| acc * 10 + u32::from(d - b'0')),
    )
}

/// Parses RFC 3339 as Go's `time.Parse(time.RFC3339, ...)` does:
/// `2006-01-02T15:04:05Z`, `2006-01-02T15:04:05.123+01:00`.
pub(super) fn parse_rfc3339(s: &str) -> Result<Stamp, String> {
    let b = s.as_bytes();
    let err = |what: &str| Err(format!("not a valid RFC3339 timestamp: {what}"));
    let Some(year) = digits(b, 0, 4) else {
        return err("the year must be four digits");
    };
    if b.get(4) != Some(&b'-') {
        return err("expected `-` after the year");
    }
    let Some(month) = digits(b, 5, 2) else {
        return err("the month must be two digits");
    };
    if b.get(7) != Some(&b'-') {
        return err("expected `-` after the month");
    }
    let Some(day) = digits(b, 8, 2) else {
        return err("the day must be two digits");
    };
    if b.get(10) != Some(&b'T') {
        return err("missing required time introducer 'T'");
    }
    let Some(hour) = digits(b, 11, 2) else {
        return err("the hour must be two digits");
    };
    if b.get(13) != Some(&b':') {
        return err("expected `:` after the hour");
    }
    let Some(minute) = digits(b, 14, 2) else {
        return err("the minute must be two digits");
    };
    if b.get(16) != Some(&b':') {
        return err("expected `:` after the minute");
    }
    let Some(second) = digits(b, 17, 2) else {
        return err("the second must be two digits");
    };
    let mut i = 19;
    let mut nanos = 0u32;
    if b.get(i) == Some(&b'.') {
        let start = i + 1;
        let mut j = start;
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
        if j == start || j - start > 9 {
            return err("the fraction of a second must have 1 to 9 digits");
        }
        let frac = &s[start..j];
        nanos = frac.parse::<u32>().unwrap_or(0) * 10u32.pow(9 - (j - start) as u32);
        i = j;
    }
    let offset = match b.get(i) {
        Some(b'Z') => {
            i += 1;
            0
        }
        Some(sign @ (b'+' | b'-')) => {
            let (Some(oh), Some(b':'), Some(om)) =
                (digits(b, i + 1, 2), b.get(i + 3), digits(b, i + 4, 2))
            else {
                return err("the UTC offset must look like `+01:00`");
            };
            if oh > 23 || om > 59 {
                return err("the UTC offset is out of range");
            }
            i += 6;
            let o = (oh * 3600 + om * 60) as i32;
            if *sign == b'-' {
                -o
            } else {
                o
            }
        }
        _ => return err("missing the UTC offset (`Z` or `+01:00`)"),
    };
    if i != b.len() {
        return err("extra text after the timestamp");
    }
    let Some(date) = NaiveDate::from_ymd_opt(year as i32, month, day) else {
        return err("the date does not exist");
    };
    if hour > 23 || minute > 59 || second > 59 {
        return err("the time of day is out of range");
    }
    let Some(local) = date.and_hms_nano_opt(hour, minute, second, nanos) else {
        return err("the time of day is out of range");
    };
    Ok(Stamp { local, offset })
}

/// Formats as Go's `time.RFC3339` (no fraction of a second; `Z` for a zero
/// offset).
pub(super) fn format_rfc3339(t: &Stamp) -> String {
    let l = t.local;
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}",
        l.year(),
        l.month(),
        l.day(),
        l.hour(),
        l.minute(),
        l.second(),
        offset_text(t.offset, true, true)
    )
}

/// `Z`, `+05:00` or `+0500`.
fn offset_text(offset: i32, z: bool, colon: bool) -> String {
    if offset == 0 && z {
        return "Z".to_string();
    }
    let sign = if offset < 0 { '-' } else { '+' };
    let a = offset.unsigned_abs();
    let (h, m) = (a / 3600, (a % 3600) / 60);
    if colon {
        format!("{sign}{h:02}:{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}")
    }
}

/// Parses a Go duration (`1h30m`, `-10m`, `1.5h`, `300ms`) into nanoseconds.
pub(super) fn parse_duration(s: &str) -> Result<i64, String> {
    let bad = || Err(format!("time: invalid duration \"{s}\""));
    let mut rest = s;
    let mut negative = false;
    if let Some(r) = rest.strip_prefix('-') {
        negative = true;
        rest = r;
    } else if let Some(r) = rest.strip_prefix('+') {
        rest = r;
    }
    if rest == "0" {
        return Ok(0);
    }
    if rest.is_empty() {
        return bad();
    }
    let mut total: i128 = 0;
    while !rest.is_empty() {
        let int_len = rest.bytes().take_while(u8::is_ascii_digit).count();
        let int_part = &rest[..int_len];
        rest = &rest[int_len..];
        let mut frac_part = "";
        if let Some(r) = rest.strip_prefix('.') {
            let n = r.bytes().take_while(u8::is_ascii_digit).count();
            frac_part = &r[..n];
            rest = &r[n..];
        }
        if int_part.is_empty() && frac_part.is_empty() {
            return bad();
        }
        let unit_len = rest
            .char_indices()
            .find(|(_, c)| c.is_ascii_digit() || *c == '.')
            .map_or(rest.len(), |(i, _)| i);
        let unit = &rest[..unit_len];
        rest = &rest[unit_len..];
        let scale: i128 = match unit {
            "ns" => 1,
            "us" | "\u{b5}s" | "\u{3bc}s" => 1_000,
            "ms" => 1_000_000,
            "s" => 1_000_000_000,
            "m" => 60_000_000_000,
            "h" => 3_600_000_000_000,
            "" => return Err(format!("time: missing unit in duration \"{s}\"")),
            other => {
                return Err(format!(
                    "time: unknown unit \"{other}\" in duration \"{s}\""
                ))
            }
        };
        let int: i128 = if int_part.is_empty() {
            0
        } else if int_part.len() > 30 {
            return bad();
        } else {
            int_part
                .parse()
                .map_err(|_| ())
                .or_else(|()| bad().map(|_: i64| 0))?
        };
        let mut v = int
            .checked_mul(scale)
            .ok_or(())
            .or_else(|()| bad().map(|_: i64| 0))?;
        if !frac_part.is_empty() {
            let digits: String = frac_part.chars().take(18).collect();
            let f: i128 = digits.parse().unwrap_or(0);
            let div = 10i128.pow(digits.len() as u32);
            v += f * scale / div;
        }
        total += v;
        if total > i64::MAX as i128 {
            return bad();
        }
    }
    let total = if negative { -total } else { total };
    i64::try_from(total).or_else(|_| bad())
}

/// `timeadd(timestamp, duration)`.
pub(super) fn timeadd(timestamp: &str, duration: &str) -> Result<String, String> {
    let t = parse_rfc3339(timestamp)?;
    let d = parse_duration(duration)?;
    let local = t
        .local
        .checked_add_signed(TimeDelta::nanoseconds(d))
        .ok_or_else(|| "the result is out of range".to_string())?;
    Ok(format_rfc3339(&Stamp {
        local,
        offset: t.offset,
    }))
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// `formatdate(spec, timestamp)`, with the sequences of Terraform's table.
pub(super) fn formatdate(spec: &str, timestamp: &str) -> Result<String, String> {
    let t = parse_rfc3339(timestamp)?;
    let l = t.local;
    let chars: Vec<char> = spec.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\'' {
            // '' is a quote; 'text' is literal, '' inside it a quote.
            if chars.get(i + 1) == Some(&'\'') {
                out.push('\'');
                i += 2;
                continue;
            }
            let mut j = i + 1;
            let mut closed = false;
            while j < chars.len() {
                if chars[j] == '\'' {
                    if chars.get(j + 1) == Some(&'\'') {
                        out.push('\'');
                        j += 2;
                        continue;
                    }
                    closed = true;
                    break;
                }
                out.push(chars[j]);
                j += 1;
            }
            if !closed {
                return Err("unterminated literal '".to_string());
            }
            i = j + 1;
            continue;
        }
        if !c.is_ascii_alphabetic() {
            out.push(c);
            i += 1;
            continue;
        }
        let mut n = 1;
        while chars.get(i + n) == Some(&c) {
            n += 1;
        }
        let tok: String = chars[i..i + n].iter().collect();
        let invalid = |rule: &str| Err(format!("invalid date format verb \"{tok}\": {rule}"));
        match (c, n) {
            ('Y', 2) => out.push_str(&format!("{:02}", l.year().rem_euclid(100))),
            ('Y', 4) => out.push_str(&format!("{:04}", l.year())),
            ('Y', _) => return invalid("year must either be \"YY\" or \"YYYY\""),
            ('M', 1) => out.push_str(&l.month().to_string()),
            ('M', 2) => out.push_str(&format!("{:02}", l.month())),
            ('M', 3) => out.push_str(&MONTHS[l.month0() as usize][..3]),
            ('M', 4) => out.push_str(MONTHS[l.month0() as usize]),
            ('M', _) => return invalid("month must be \"M\", \"MM\", \"MMM\", or \"MMMM\""),
            ('D', 1) => out.push_str(&l.day().to_string()),
            ('D', 2) => out.push_str(&format!("{:02}", l.day())),
            ('D', _) => return invalid("day of month must either be \"D\" or \"DD\""),
            ('E', 3) => out.push_str(&WEEKDAYS[l.weekday().num_days_from_monday() as usize][..3]),
            ('E', 4) => out.push_str(WEEKDAYS[l.weekday().num_days_from_monday() as usize]),
            ('E', _) => return invalid("day of week must either be \"EEE\" or \"EEEE\""),
            ('h', 1) => out.push_str(&l.hour().to_string()),
            ('h', 2) => out.push_str(&format!("{:02}", l.hour())),
            ('h', _) => return invalid("24-hour must either be \"h\" or \"hh\""),
            ('H', 1 | 2) => {
                let h = match l.hour() % 12 {
                    0 => 12,
                    h => h,
                };
                out.push_str(&if n == 1 {
                    h.to_string()
                } else {
                    format!("{h:02}")
                });
            }
            ('H', _) => return invalid("12-hour must either be \"H\" or \"HH\""),
            ('A' | 'a', 2) => {
                let pm = l.hour() >= 12;
                out.push_str(match (c, pm) {
                    ('A', false) => "AM",
                    ('A', true) => "PM",
                    (_, false) => "am",
                    (_, true) => "pm",
                });
            }
            ('A' | 'a', _) => return invalid(&format!("must be \"{c}{c}\"")),
            ('m', 1) => out.push_str(&l.minute().to_string()),
            ('m', 2) => out.push_str(&format!("{:02}", l.minute())),
            ('m', _) => return invalid("minute must either be \"m\" or \"mm\""),
            ('s', 1) => out.push_str(&l.second().to_string()),
            ('s', 2) => out.push_str(&format!("{:02}", l.second())),
            ('s', _) => return invalid("second must either be \"s\" or \"ss\""),
            ('Z', 1) => out.push_str(&offset_text(t.offset, true, true)),
            ('Z', 3) => {
                if t.offset == 0 {
                    out.push_str("UTC");
                } else {
                    out.push_str(&offset_text(t.offset, false, false));
                }
            }
            ('Z', 4) => out.push_str(&offset_text(t.offset, false, false)),
            ('Z', 5) => out.push_str(&offset_text(t.offset, false, true)),
            ('Z', _) => return invalid("timezone must be Z, ZZZZ, or ZZZZZ"),
            _ => return Err(format!("invalid date format verb \"{tok}\"")),
        }
        i += n;
    }
    Ok(out)
}

/// A YAML timestamp (`2001-12-14`, `2001-12-14T21:59:43.1Z`,
/// `2001-12-14 21:59:43`) as `yamldecode` returns it: RFC 3339 text.
pub(super) fn yaml_timestamp(s: &str) -> Option<String> {
    let b = s.as_bytes();
    if b.len() < 5 || !b[..4].iter().all(u8::is_ascii_digit) || b[4] != b'-' {
        return None;
    }
    // year-month-day with one- or two-digit month and day.
    let mut i = 5;
    let num = |i: &mut usize, max: usize| -> Option<u32> {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() && *i - start < max {
            *i += 1;
        }
        if *i == start {
            return None;
        }
        s[start..*i].parse().ok()
    };
    let year: i32 = s[..4].parse().ok()?;
    let month = num(&mut i, 2)?;
    if b.get(i) != Some(&b'-') {
        return None;
    }
    i += 1;
    let day = num(&mut i, 2)?;
    let date = NaiveDate::from_ymd_opt(year, month, day)?;
    if i == b.len() {
        let local = date.and_hms_opt(0, 0, 0)?;
        return Some(format_rfc3339(&Stamp { local, offset: 0 }));
    }
    let spaced = match b[i] {
        b'T' | b't' => false,
        b' ' => true,
        _ => return None,
    };
    i += 1;
    let hour = num(&mut i, 2)?;
    if b.get(i) != Some(&b':') {
        return None;
    }
    i += 1;
    let minute = num(&mut i, 2)?;
    if b.get(i) != Some(&b':') {
        return None;
    }
    i += 1;
    let second = num(&mut i, 2)?;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == start || i - start > 9 {
            return None;
        }
    }
    let local = date.and_hms_opt(hour, minute, second)?;
    let offset = if spaced {
        if i != b.len() {
            return None;
        }
        0
    } else {
        match b.get(i) {
            Some(b'Z') if i + 1 == b.len() => 0,
            Some(sign @ (b'+' | b'-')) => {
                let oh: i32 = s.get(i + 1..i + 3)?.parse().ok()?;
                if b.get(i + 3) != Some(&b':') || i + 6 != b.len() {
                    return None;
                }
                let om: i32 = s.get(i + 4..i + 6)?.parse().ok()?;
                let o = oh * 3600 + om * 60;
                if *sign == b'-' {
                    -o
                } else {
                    o
                }
            }
            _ => return None,
        }
    };
    Some(format_rfc3339(&Stamp { local, offset }))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The examples of Terraform's `formatdate` documentation.
    #[test]
    fn formatdate_documented_examples() {
        assert_eq!(
            formatdate("DD MMM YYYY hh:mm ZZZ", "2018-01-02T23:12:01Z").unwrap(),
            "02 Jan 2018 23:12 UTC"
        );
        assert_eq!(
            formatdate("EEEE, DD-MMM-YY hh:mm:ss ZZZ", "2018-01-02T23:12:01Z").unwrap(),
            "Tuesday, 02-Jan-18 23:12:01 UTC"
        );
        assert_eq!(
            formatdate("EEE, DD MMM YYYY hh:mm:ss ZZZ", "2018-01-02T23:12:01-08:00").unwrap(),
            "Tue, 02 Jan 2018 23:12:01 -0800"
        );
        assert_eq!(
            formatdate("MMM DD, YYYY", "2018-01-02T23:12:01Z").unwrap(),
            "Jan 02, 2018"
        );
        assert_eq!(
            formatdate("HH:mmaa", "2018-01-02T23:12:01Z").unwrap(),
            "11:12pm"
        );
        // Quoted literals and the other sequences.
        assert_eq!(
            formatdate("h 'o''clock' ''", "2018-01-02T09:05:07+05:30").unwrap(),
            "9 o'clock '"
        );
        assert_eq!(
            formatdate("Z ZZZZ ZZZZZ", "2018-01-02T09:05:07+05:30").unwrap(),
            "+05:30 +0530 +05:30"
        );
        assert_eq!(formatdate("Z", "2018-01-02T09:05:07Z").unwrap(), "Z");
        assert_eq!(
            formatdate("M/D h:m:s H AA", "2018-01-02T00:05:07Z").unwrap(),
            "1/2 0:5:7 12 AM"
        );
        assert!(formatdate("YYY", "2018-01-02T00:05:07Z")
            .unwrap_err()
            .contains("year must either"));
        assert!(formatdate("'abc", "2018-01-02T00:05:07Z")
            .unwrap_err()
            .contains("unterminated"));
        assert!(formatdate("YYYY", "2018-01-02")
            .unwrap_err()
            .contains("'T'"));
    }

    /// The examples of Terraform's `timeadd` documentation, and Go's
    /// duration syntax.
    #[test]
    fn timeadd_documented_examples() {
        assert_eq!(
            timeadd("2017-11-22T00:00:00Z", "10m").unwrap(),
            "2017-11-22T00:10:00Z"
        );
        assert_eq!(
            timeadd("2017-11-22T00:00:00Z", "-10m").unwrap(),
            "2017-11-21T23:50:00Z"
        );
        assert_eq!(
            timeadd("2026-03-02T09:00:00+01:00", "1h30m").unwrap(),
            "2026-03-02T10:30:00+01:00"
        );
        assert_eq!(
            timeadd("2026-03-02T09:00:00Z", "1.5h").unwrap(),
            "2026-03-02T10:30:00Z"
        );
        assert_eq!(
            timeadd("2026-03-02T09:00:00.5Z", "500ms").unwrap(),
            "2026-03-02T09:00:01Z"
        );
        assert_eq!(
            timeadd("2026-03-02T09:00:00Z", "168h").unwrap(),
            "2026-03-09T09:00:00Z"
        );
        assert_eq!(parse_duration("0"), Ok(0));
        assert_eq!(parse_duration("1h2m3s4ms5us6ns"), Ok(3_723_004_005_006));
        assert_eq!(parse_duration(".5s"), Ok(500_000_000));
        assert!(parse_duration("1d")
            .unwrap_err()
            .contains("unknown unit \"d\""));
        assert!(parse_duration("10").unwrap_err().contains("missing unit"));
        assert!(parse_duration("").is_err());
        assert!(parse_duration("9999999999999h").is_err());
        assert!(timeadd("2017-02-30T00:00:00Z", "1h").is_err());
    }

    #[test]
    fn yaml_timestamps() {
        assert_eq!(
            yaml_timestamp("2026-03-02").as_deref(),
            Some("2026-03-02T00:00:00Z")
        );
        assert_eq!(
            yaml_timestamp("2026-3-2T9:00:00Z").as_deref(),
            Some("2026-03-02T09:00:00Z")
        );
        assert_eq!(
            yaml_timestamp("2026-03-02 09:00:00.25").as_deref(),
            Some("2026-03-02T09:00:00Z")
        );
        assert_eq!(
            yaml_timestamp("2026-03-02T09:00:00+02:00").as_deref(),
            Some("2026-03-02T09:00:00+02:00")
        );
        assert_eq!(yaml_timestamp("2026-03-02x"), None);
        assert_eq!(yaml_timestamp("20260302"), None);
    }
}
