use chrono::{NaiveDate, NaiveDateTime};

use super::*;

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .unwrap()
        .and_hms_opt(h, min, 0)
        .unwrap()
}

fn rule(text: &str) -> Recurrence {
    Recurrence::parse(text)
        .unwrap_or_else(|e| panic!("{text}: {e:?}"))
        .rule
}

fn expand(
    text: &str,
    dtstart: NaiveDateTime,
    from: NaiveDateTime,
    to: NaiveDateTime,
) -> Vec<NaiveDateTime> {
    rule(text)
        .occurrences(dtstart, from, to, &Floating)
        .collect::<Result<_, _>>()
        .unwrap()
}

/// `(code, start, end, message)` of each diagnostic.
fn errors(text: &str) -> Vec<(&'static str, u32, u32, String)> {
    let diagnostics = match Recurrence::parse(text) {
        Ok(p) => p.diagnostics,
        Err(e) => e,
    };
    diagnostics
        .into_iter()
        .map(|d| (d.code, d.span.start, d.span.end, d.message))
        .collect()
}

#[test]
fn every_malformed_part_has_a_diagnostic_at_its_span() {
    let e = errors("FREQ=WEEKLY;BYDAYS=MO");
    assert_eq!(
        e,
        [(
            "rrule-unknown-part",
            12,
            18,
            "`BYDAYS` is not a recurrence rule part".into()
        )]
    );
    let d = Recurrence::parse("FREQ=WEEKLY;BYDAYS=MO").unwrap_err();
    assert_eq!(d[0].help.as_deref(), Some("did you mean `BYDAY`?"));

    assert_eq!(
        errors("FREQ=DAILY;COUNT"),
        [(
            "rrule-invalid-part",
            11,
            16,
            "`COUNT` is not a rule part of the form `NAME=VALUE`".into()
        )]
    );
    assert_eq!(
        errors("FREQ=DAILY;COUNT=2;COUNT=3"),
        [(
            "rrule-duplicate-part",
            19,
            26,
            "`COUNT` is given twice".into()
        )]
    );
    assert_eq!(
        errors("INTERVAL=2"),
        [(
            "rrule-missing-freq",
            0,
            10,
            "recurrence rule has no `FREQ`".into()
        )]
    );
    assert_eq!(
        errors("FREQ=MONTHLY;BYMONTHDAY=32,-3,0"),
        [
            (
                "rrule-invalid-value",
                24,
                26,
                "`32` is out of range for `BYMONTHDAY` (1 to 31 or -31 to -1)".into()
            ),
            (
                "rrule-invalid-value",
                30,
                31,
                "`0` is out of range for `BYMONTHDAY` (1 to 31 or -31 to -1)".into()
            ),
        ]
    );
    assert_eq!(
        errors("FREQ=WEEKLY;BYDAY=MO,TUE"),
        [(
            "rrule-invalid-value",
            21,
            24,
            "`TUE` is not a weekday".into()
        )]
    );
    let d = Recurrence::parse("FREQ=WEEKLY;BYDAY=MO,TUE").unwrap_err();
    assert_eq!(d[0].help.as_deref(), Some("did you mean `TU`?"));
    assert_eq!(
        errors("FREQ=DAILY;INTERVAL=x"),
        [(
            "rrule-invalid-value",
            20,
            21,
            "`x` in `INTERVAL` is not a number".into()
        )]
    );
    assert_eq!(
        errors("FREQ=DAILY;UNTIL=2026-12-31"),
        [(
            "rrule-invalid-value",
            17,
            27,
            "`2026-12-31` is not a date or date-time".into()
        )]
    );
    assert_eq!(
        errors("FREQ=DAILY;BYHOUR=9,,10"),
        [(
            "rrule-invalid-value",
            20,
            20,
            "`BYHOUR` has an empty item".into()
        )]
    );
    assert_eq!(
        errors("FREQ=DAILY;WKST=XX"),
        [(
            "rrule-invalid-value",
            16,
            18,
            "`XX` is not a weekday".into()
        )]
    );
}

#[test]
fn parts_that_do_not_go_with_the_frequency() {
    assert_eq!(
        errors("FREQ=MONTHLY;BYWEEKNO=20"),
        [(
            "rrule-part-not-allowed",
            13,
            24,
            "`BYWEEKNO` only goes with `FREQ=YEARLY`".into()
        )]
    );
    assert_eq!(
        errors("FREQ=DAILY;BYYEARDAY=1"),
        [(
            "rrule-part-not-allowed",
            11,
            22,
            "`BYYEARDAY` does not go with `FREQ=DAILY`".into()
        )]
    );
    assert_eq!(
        errors("FREQ=WEEKLY;BYMONTHDAY=1"),
        [(
            "rrule-part-not-allowed",
            12,
            24,
            "`BYMONTHDAY` does not go with `FREQ=WEEKLY`".into()
        )]
    );
    assert_eq!(
        errors("FREQ=WEEKLY;BYDAY=1MO"),
        [(
            "rrule-part-not-allowed",
            18,
            21,
            "`1MO` has an ordinal, which only monthly and yearly rules take".into()
        )]
    );
    assert_eq!(
        errors("FREQ=YEARLY;BYWEEKNO=1;BYDAY=-1SU"),
        [(
            "rrule-part-not-allowed",
            29,
            33,
            "`-1SU` has an ordinal, which a yearly rule with `BYWEEKNO` does not take".into()
        )]
    );
    assert_eq!(
        errors("FREQ=MONTHLY;BYSETPOS=1"),
        [(
            "rrule-part-not-allowed",
            13,
            23,
            "`BYSETPOS` needs another `BY` part to pick from".into()
        )]
    );
    // A warning: the rule is still read.
    let p = Recurrence::parse("FREQ=DAILY;COUNT=3;UNTIL=20260101").unwrap();
    assert_eq!(p.diagnostics[0].code, "rrule-count-and-until");
    assert_eq!(
        p.diagnostics[0].severity,
        crate::diagnostic::Severity::Warning
    );
    // An invalid frequency gives one diagnostic, not more about its parts.
    assert_eq!(errors("FREQ=FORTNIGHTLY;BYWEEKNO=2").len(), 1);
}

#[test]
fn lenient_where_harmless() {
    // Lowercase, a leading `RRULE:`, a trailing `;`, X- parts.
    let r = rule("RRULE:freq=weekly;byday=mo,fr;X-NAME=1;");
    assert_eq!(r.freq, Frequency::Weekly);
    assert_eq!(r.by_day.len(), 2);
    // Spans still point into the text after the prefix.
    assert_eq!(errors("RRULE:FREQ=DAYLY")[0].1, 11);
}

#[test]
fn display_round_trips() {
    for text in [
        "FREQ=YEARLY;INTERVAL=4;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8;BYMONTH=11",
        "FREQ=MONTHLY;UNTIL=19971224T000000Z;BYDAY=MO,-1FR;WKST=SU",
        "FREQ=DAILY;COUNT=3;UNTIL=20260101",
        "FREQ=HOURLY;UNTIL=20260101T120000;BYSECOND=0,30;BYMINUTE=5",
        "FREQ=MONTHLY;BYDAY=MO,TU;BYSETPOS=-1,2",
        "FREQ=YEARLY;BYYEARDAY=-1;BYWEEKNO=-53",
    ] {
        let r = rule(text);
        assert_eq!(r.to_string(), text);
    }
}

#[test]
fn invalid_dates_are_skipped_not_moved() {
    let got = expand(
        "FREQ=MONTHLY;BYMONTHDAY=31;COUNT=4",
        at(2026, 1, 31, 9, 0),
        at(2026, 1, 1, 0, 0),
        at(2027, 1, 1, 0, 0),
    );
    assert_eq!(
        got,
        [
            at(2026, 1, 31, 9, 0),
            at(2026, 3, 31, 9, 0),
            at(2026, 5, 31, 9, 0),
            at(2026, 7, 31, 9, 0)
        ]
    );
    // A yearly rule from February 29 recurs in leap years only.
    let got = expand(
        "FREQ=YEARLY;COUNT=3",
        at(2024, 2, 29, 0, 0),
        at(2024, 1, 1, 0, 0),
        at(2040, 1, 1, 0, 0),
    );
    assert_eq!(
        got,
        [
            at(2024, 2, 29, 0, 0),
            at(2028, 2, 29, 0, 0),
            at(2032, 2, 29, 0, 0)
        ]
    );
}

#[test]
fn dtstart_counts_even_when_the_rule_would_not_give_it() {
    // DTSTART on a Tuesday, the rule on Mondays: 3 occurrences in all.
    let got = expand(
        "FREQ=WEEKLY;BYDAY=MO;COUNT=3",
        at(2026, 3, 3, 9, 0),
        at(2026, 1, 1, 0, 0),
        at(2027, 1, 1, 0, 0),
    );
    assert_eq!(
        got,
        [
            at(2026, 3, 3, 9, 0),
            at(2026, 3, 9, 9, 0),
            at(2026, 3, 16, 9, 0)
        ]
    );
}

#[test]
fn until_forms() {
    let start = at(2026, 3, 1, 9, 0);
    let (a, b) = (at(2026, 1, 1, 0, 0), at(2027, 1, 1, 0, 0));
    // A date includes that whole day.
    assert_eq!(expand("FREQ=DAILY;UNTIL=20260303", start, a, b).len(), 3);
    // Floating: inclusive.
    assert_eq!(
        expand("FREQ=DAILY;UNTIL=20260303T090000", start, a, b).len(),
        3
    );
    assert_eq!(
        expand("FREQ=DAILY;UNTIL=20260303T085959", start, a, b).len(),
        2
    );
    // UTC, compared as instants in the zone: 09:00 in Berlin is 08:00Z.
    let berlin = crate::time::Zone::new(chrono_tz::Europe::Berlin);
    let r = rule("FREQ=DAILY;UNTIL=20260303T080000Z");
    let n = r.occurrences(start, a, b, &berlin).count();
    assert_eq!(n, 3);
    let r = rule("FREQ=DAILY;UNTIL=20260303T075959Z");
    assert_eq!(r.occurrences(start, a, b, &berlin).count(), 2);
}

#[test]
fn a_one_second_rule_over_a_century_is_refused() {
    let r = rule("FREQ=SECONDLY");
    let mut it = r.occurrences(
        at(2000, 1, 1, 0, 0),
        at(2000, 1, 1, 0, 0),
        at(2100, 1, 1, 0, 0),
        &Floating,
    );
    let mut n = 0u64;
    let err = loop {
        match it.next() {
            Some(Ok(_)) => n += 1,
            Some(Err(e)) => break e,
            None => panic!("expanded {n} occurrences of a century of seconds"),
        }
    };
    assert_eq!(err.limit, WORK_LIMIT);
    assert!(n < WORK_LIMIT);
    assert!(it.next().is_none());
    // With COUNT the same: counting to a window a century later is refused,
    // not walked second by second... unless whole days can be skipped:
    // a plain secondly rule repeats every day, so this is cheap and exact.
    let r = rule("FREQ=SECONDLY;COUNT=4000000000");
    let got: Vec<_> = r
        .occurrences(
            at(2000, 1, 1, 0, 0),
            at(2050, 1, 1, 0, 0),
            at(2050, 1, 1, 0, 0) + chrono::Duration::seconds(3),
            &Floating,
        )
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(got.len(), 3);
    // 4e9 seconds after 2000-01-01 is 2126-10-02: a window past it is empty.
    let got: Vec<_> = r
        .occurrences(
            at(2000, 1, 1, 0, 0),
            at(2127, 1, 1, 0, 0),
            at(2128, 1, 1, 0, 0),
            &Floating,
        )
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(got.is_empty());
    // A short window of a secondly rule is fine.
    assert_eq!(
        expand(
            "FREQ=SECONDLY;INTERVAL=7",
            at(2026, 1, 1, 0, 0),
            at(2026, 1, 1, 1, 0),
            at(2026, 1, 1, 2, 0)
        )
        .len(),
        514
    );
}

/// The occurrences of `text` in `[from, to)`, counted from DTSTART by
/// expanding everything from DTSTART (no skipping).
fn from_the_start(
    text: &str,
    dtstart: NaiveDateTime,
    from: NaiveDateTime,
    to: NaiveDateTime,
) -> Vec<NaiveDateTime> {
    let mut all = expand(text, dtstart, dtstart, to);
    all.retain(|t| *t >= from);
    all
}

#[test]
fn counting_to_a_late_window_skips_exactly() {
    let cases = [
        ("FREQ=DAILY;COUNT=9000", at(2000, 1, 5, 9, 0)),
        (
            "FREQ=DAILY;INTERVAL=3;COUNT=5000;BYDAY=MO,WE,FR",
            at(2000, 1, 5, 9, 0),
        ),
        (
            "FREQ=WEEKLY;INTERVAL=2;COUNT=900;BYDAY=TU,TH;WKST=SU",
            at(2000, 1, 4, 9, 0),
        ),
        (
            "FREQ=WEEKLY;COUNT=3000;BYDAY=MO;BYMONTH=1,7",
            at(2000, 1, 3, 9, 0),
        ),
        (
            "FREQ=MONTHLY;COUNT=900;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2",
            at(2000, 1, 28, 9, 0),
        ),
        (
            "FREQ=MONTHLY;INTERVAL=7;COUNT=400;BYMONTHDAY=31,-10",
            at(2000, 1, 22, 9, 0),
        ),
        (
            "FREQ=YEARLY;COUNT=500;BYMONTH=2;BYMONTHDAY=29",
            at(2000, 2, 29, 9, 0),
        ),
        (
            "FREQ=HOURLY;INTERVAL=5;COUNT=90000;BYHOUR=1,9,17",
            at(2000, 1, 1, 9, 0),
        ),
        (
            "FREQ=MINUTELY;INTERVAL=7;COUNT=2000000;BYHOUR=9;BYMINUTE=0,10,20,30,40,50",
            at(2000, 1, 1, 9, 0),
        ),
        (
            "FREQ=DAILY;COUNT=200000;BYMONTH=3;BYMONTHDAY=29,30;BYHOUR=2;BYMINUTE=30",
            at(2000, 3, 29, 2, 30),
        ),
    ];
    for (text, dtstart) in cases {
        for year in [2003, 2010, 2024] {
            let (from, to) = (at(year, 1, 1, 0, 0), at(year + 1, 3, 1, 0, 0));
            let windowed = expand(text, dtstart, from, to);
            assert_eq!(
                windowed,
                from_the_start(text, dtstart, from, to),
                "{text} in {year}"
            );
        }
    }
}

#[test]
fn long_count_series_far_away_are_cheap() {
    // Four centuries of a weekly rule from Outlook's favourite DTSTART: one
    // 400-year cycle is counted, then skipped as a whole.
    let r = rule("FREQ=WEEKLY;COUNT=100000;BYDAY=MO;BYMONTH=1,2,3,4,5,6,7,8,9,10,11,12");
    let mut it = r.occurrences(
        at(1601, 1, 1, 2, 0),
        at(2026, 3, 1, 0, 0),
        at(2026, 3, 9, 0, 0),
        &Floating,
    );
    let got: Vec<_> = it.by_ref().collect::<Result<_, _>>().unwrap();
    assert_eq!(got, [at(2026, 3, 2, 2, 0)]);
    assert!(it.work() < 400_000, "work {}", it.work());
    // The same with a rule that cannot skip: counted period by period.
    let r = rule("FREQ=MINUTELY;COUNT=1000000000;BYMONTH=1");
    let mut it = r.occurrences(
        at(2000, 1, 1, 0, 0),
        at(2010, 1, 1, 0, 0),
        at(2010, 1, 1, 0, 2),
        &Floating,
    );
    let got: Vec<_> = it.by_ref().collect::<Result<_, _>>().unwrap();
    assert_eq!(got, [at(2010, 1, 1, 0, 0), at(2010, 1, 1, 0, 1)]);
    // Twice as far is more work than allowed.
    let mut it = r.occurrences(
        at(2000, 1, 1, 0, 0),
        at(2030, 1, 1, 0, 0),
        at(2030, 1, 1, 0, 2),
        &Floating,
    );
    assert!(matches!(it.next(), Some(Err(TooMuchWork { .. }))));
}

#[test]
fn an_impossible_rule_ends_at_the_window() {
    let got = expand(
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
        at(2026, 1, 1, 0, 0),
        at(2026, 1, 1, 0, 0),
        at(2400, 1, 1, 0, 0),
    );
    assert_eq!(got, [at(2026, 1, 1, 0, 0)]);
    // And at year 9999 at the latest.
    let got = expand(
        "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=31",
        at(9990, 1, 1, 0, 0),
        at(9998, 1, 1, 0, 0),
        NaiveDate::MAX.and_hms_opt(0, 0, 0).unwrap(),
    );
    assert_eq!(got, [at(9998, 12, 31, 0, 0), at(9999, 12, 31, 0, 0)]);
}

#[test]
fn set_merges_rules_rdates_and_exdates() {
    let mut set = RecurrenceSet::new(at(2026, 3, 2, 9, 0));
    set.rules.push(rule("FREQ=WEEKLY;BYDAY=MO;COUNT=3"));
    set.rules.push(rule("FREQ=WEEKLY;BYDAY=MO,WE;COUNT=3"));
    set.rdates.push(at(2026, 3, 10, 12, 0));
    set.rdates.push(at(2026, 3, 9, 9, 0));
    set.exdates.push(at(2026, 3, 4, 9, 0));
    let got: Vec<_> = set
        .occurrences(at(2026, 1, 1, 0, 0), at(2027, 1, 1, 0, 0), &Floating, None)
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        got,
        [
            at(2026, 3, 2, 9, 0),
            at(2026, 3, 9, 9, 0),
            at(2026, 3, 10, 12, 0),
            at(2026, 3, 16, 9, 0)
        ]
    );
}
