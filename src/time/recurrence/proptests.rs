//! The fast expander against the literal reference on random small rules.

use chrono::{Duration, NaiveDate, NaiveDateTime, Weekday};
use proptest::prelude::*;

use super::{reference, ByDay, Floating, Frequency, Recurrence, Until};

const WEEKDAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

#[derive(Clone, Debug)]
struct Case {
    rule: Recurrence,
    dtstart: NaiveDateTime,
    from: NaiveDateTime,
    to: NaiveDateTime,
}

fn freq() -> impl Strategy<Value = Frequency> {
    prop_oneof![
        3 => Just(Frequency::Yearly),
        4 => Just(Frequency::Monthly),
        4 => Just(Frequency::Weekly),
        4 => Just(Frequency::Daily),
        2 => Just(Frequency::Hourly),
        2 => Just(Frequency::Minutely),
        1 => Just(Frequency::Secondly),
    ]
}

fn nonzero(range: i32) -> impl Strategy<Value = i32> {
    (1..=range, any::<bool>()).prop_map(|(n, neg)| if neg { -n } else { n })
}

fn case() -> impl Strategy<Value = Case> {
    (
        freq(),
        1u32..=4,
        (
            1999i32..2030,
            1u32..=12,
            1u32..=31,
            0u32..24,
            0u32..60,
            0u32..60,
        ),
        prop::option::weighted(0.3, 1u32..40),
        (0u8..8, 0i64..1000),
        (
            prop::collection::vec(1u8..=12, 0..3),
            prop::collection::vec(nonzero(31), 0..3),
            prop::collection::vec(nonzero(366), 0..2),
            prop::collection::vec(nonzero(53), 0..2),
            prop::collection::vec(
                (
                    0usize..7,
                    prop_oneof![2 => Just(0i32), 2 => nonzero(5), 1 => nonzero(53)],
                ),
                1..4,
            ),
        ),
        (
            prop::collection::vec(0u8..24, 0..3),
            prop::collection::vec(0u8..60, 0..3),
            prop::collection::vec(0u8..60, 0..2),
            prop::collection::vec(nonzero(10), 0..2),
            0usize..7,
        ),
        (0u32..1000, 1u32..1000),
        any::<u32>(),
        prop::bool::weighted(0.3),
    )
        .prop_filter_map(
            "a valid rule",
            |(
                freq,
                interval,
                (y, mo, d, h, mi, s),
                count,
                (until_kind, until_off),
                days,
                times,
                (from_off, len),
                gate,
                focus,
            )| {
                // A third of the cases: monthly or yearly rules with weekdays
                // and ordinals, and often BYSETPOS.
                let freq = match (focus, gate % 2) {
                    (true, 0) => Frequency::Monthly,
                    (true, _) => Frequency::Yearly,
                    _ => freq,
                };
                let dtstart = NaiveDate::from_ymd_opt(y, mo, d)?.and_hms_opt(h, mi, s)?;
                let (months, monthdays, yeardays, weeknos, bydays) = days;
                let (hours, minutes, seconds, setpos, wkst) = times;
                let mut r = Recurrence::new(freq);
                r.interval = interval;
                r.count = count;
                r.week_start = WEEKDAYS[wkst];
                // Each day part with some probability, where the frequency
                // allows it.
                // Each part one time in four (two bits of `gate` each).
                let on = |i: u32| (gate >> (2 * i)) & 3 == 0;
                let (g1, g2, g3) = (on(0), on(1), on(2));
                if g1 {
                    r.by_month = months;
                }
                if g2 && freq != Frequency::Weekly {
                    r.by_month_day = monthdays.iter().map(|&n| n as i8).collect();
                }
                if g3
                    && matches!(
                        freq,
                        Frequency::Yearly
                            | Frequency::Hourly
                            | Frequency::Minutely
                            | Frequency::Secondly
                    )
                {
                    r.by_year_day = yeardays.iter().map(|&n| n as i16).collect();
                }
                if freq == Frequency::Yearly && !g1 && !g2 && !g3 && on(9) {
                    r.by_week_no = weeknos.iter().map(|&n| n as i8).collect();
                }
                let ordinals_ok = matches!(freq, Frequency::Monthly | Frequency::Yearly)
                    && r.by_week_no.is_empty();
                let bydays = if focus || on(3) || on(4) {
                    bydays
                } else {
                    Vec::new()
                };
                r.by_day = bydays
                    .iter()
                    .map(|&(w, n)| ByDay {
                        ordinal: if ordinals_ok {
                            if freq == Frequency::Monthly {
                                (n.clamp(-5, 5)) as i8
                            } else {
                                n as i8
                            }
                        } else {
                            0
                        },
                        weekday: WEEKDAYS[w],
                    })
                    .collect();
                // Times: small products for day-based rules.
                if on(5) {
                    r.by_hour = hours;
                }
                if on(6) {
                    r.by_minute = minutes;
                }
                if on(7) {
                    r.by_second = seconds;
                }
                let has_other = !(r.by_month.is_empty()
                    && r.by_month_day.is_empty()
                    && r.by_year_day.is_empty()
                    && r.by_week_no.is_empty()
                    && r.by_day.is_empty()
                    && r.by_hour.is_empty()
                    && r.by_minute.is_empty()
                    && r.by_second.is_empty());
                if has_other && (focus || (gate >> 30) & 1 == 0) {
                    r.by_set_pos = setpos.iter().map(|&n| n as i16).collect();
                }
                // Windows sized so the reference stays quick.
                let (unit, span) = match freq {
                    Frequency::Yearly => (Duration::days(1), 4 * 365),
                    Frequency::Monthly => (Duration::days(1), 500),
                    Frequency::Weekly => (Duration::days(1), 150),
                    Frequency::Daily => (Duration::days(1), 60),
                    Frequency::Hourly => (Duration::hours(1), 150),
                    Frequency::Minutely => (Duration::minutes(1), 1500),
                    Frequency::Secondly => (Duration::seconds(1), 5000),
                };
                let from = dtstart + unit * (i64::from(from_off) % (span / 3)) as i32;
                let to = from + unit * (i64::from(len) % span) as i32;
                let until = from + unit * (until_off % span) as i32;
                r.until = match until_kind {
                    5 => Some(Until::Floating(until)),
                    6 => Some(Until::Date(until.date())),
                    7 => Some(Until::Utc(crate::time::Timestamp(
                        until.and_utc().timestamp(),
                    ))),
                    _ => None,
                };
                // Keep only rules the parser accepts (it knows what goes with what).
                let text = r.to_string();
                let parsed = Recurrence::parse(&text).ok()?.rule;
                Some(Case {
                    rule: parsed,
                    dtstart,
                    from,
                    to,
                })
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn fast_expansion_equals_the_literal_reference(c in case()) {
        let fast: Vec<NaiveDateTime> = c
            .rule
            .occurrences(c.dtstart, c.from, c.to, &Floating)
            .collect::<Result<_, _>>()
            .map_err(|e| TestCaseError::fail(format!("{e}")))?;
        let slow = reference::expand(&c.rule, c.dtstart, c.from, c.to);
        prop_assert_eq!(&fast, &slow, "rule {} from {} in [{}, {})", c.rule, c.dtstart, c.from, c.to);
        // In order, each once.
        for pair in fast.windows(2) {
            prop_assert!(pair[0] < pair[1]);
        }
    }
}
