//! Every example of RFC 5545 section 3.8.5.3 ("Recurrence Rule"), with the
//! RFC's own `DTSTART;TZID=America/New_York`, expanded and resolved to
//! instants with our zone code, compared with the instants the RFC lists
//! (its "9:00 AM EDT" is 13:00Z, "EST" 14:00Z).
//!
//! The expected lists are the RFC's text, with its "..." written out (the
//! window ends right after the last date the RFC lists). Examples given
//! with two equivalent rules are checked with both.
//!
//! One example is wrong in the RFC as published: "Every 3 hours from 9:00
//! AM to 5:00 PM on a specific day" has `UNTIL=19970902T170000Z`, which is
//! 13:00 EDT, yet lists 15:00. Verified erratum 3883 corrects `UNTIL` to
//! `19970902T210000Z`; both are checked (the published rule gives 09:00 and
//! 12:00, as its `UNTIL` says).

use chrono::{NaiveDate, NaiveDateTime};

use super::{Recurrence, RecurrenceSet};
use crate::time::{resolve_local, Zone};

struct Example {
    title: &'static str,
    dtstart: &'static str,
    rules: &'static [&'static str],
    exdate: Option<&'static str>,
    /// The window's end (local, exclusive); the window starts at DTSTART.
    end: &'static str,
    /// `YEAR ZONE Month d,d-d;Month d` (at DTSTART's 9:00) or
    /// `YYYY-MM-DD ZONE HH:MM,HH:MM`.
    expected: &'static [&'static str],
}

const EXAMPLES: &[Example] = &[
    Example {
        title: "Daily for 10 occurrences",
        dtstart: "19970902T090000",
        rules: &["FREQ=DAILY;COUNT=10"],
        exdate: None,
        end: "2000-01-01",
        expected: &["1997 EDT September 2-11"],
    },
    Example {
        title: "Daily until December 24, 1997",
        dtstart: "19970902T090000",
        rules: &["FREQ=DAILY;UNTIL=19971224T000000Z"],
        exdate: None,
        end: "2000-01-01",
        expected: &[
            "1997 EDT September 2-30;October 1-25",
            "1997 EST October 26-31;November 1-30;December 1-23",
        ],
    },
    Example {
        title: "Every other day - forever",
        dtstart: "19970902T090000",
        rules: &["FREQ=DAILY;INTERVAL=2"],
        exdate: None,
        end: "1997-12-04",
        expected: &[
            "1997 EDT September 2,4,6,8,10,12,14,16,18,20,22,24,26,28,30;October 2,4,6,8,10,12,14,16,18,20,22,24",
            "1997 EST October 26,28,30;November 1,3,5,7,9,11,13,15,17,19,21,23,25,27,29;December 1,3",
        ],
    },
    Example {
        title: "Every 10 days, 5 occurrences",
        dtstart: "19970902T090000",
        rules: &["FREQ=DAILY;INTERVAL=10;COUNT=5"],
        exdate: None,
        end: "2000-01-01",
        expected: &["1997 EDT September 2,12,22;October 2,12"],
    },
    Example {
        title: "Every day in January, for 3 years",
        dtstart: "19980101T090000",
        rules: &[
            "FREQ=YEARLY;UNTIL=20000131T140000Z;BYMONTH=1;BYDAY=SU,MO,TU,WE,TH,FR,SA",
            "FREQ=DAILY;UNTIL=20000131T140000Z;BYMONTH=1",
        ],
        exdate: None,
        end: "2003-01-01",
        expected: &[
            "1998 EST January 1-31",
            "1999 EST January 1-31",
            "2000 EST January 1-31",
        ],
    },
    Example {
        title: "Weekly for 10 occurrences",
        dtstart: "19970902T090000",
        rules: &["FREQ=WEEKLY;COUNT=10"],
        exdate: None,
        end: "2000-01-01",
        expected: &[
            "1997 EDT September 2,9,16,23,30;October 7,14,21",
            "1997 EST October 28;November 4",
        ],
    },
    Example {
        title: "Weekly until December 24, 1997",
        dtstart: "19970902T090000",
        rules: &["FREQ=WEEKLY;UNTIL=19971224T000000Z"],
        exdate: None,
        end: "2000-01-01",
        expected: &[
            "1997 EDT September 2,9,16,23,30;October 7,14,21",
            "1997 EST October 28;November 4,11,18,25;December 2,9,16,23",
        ],
    },
    Example {
        title: "Every other week - forever",
        dtstart: "19970902T090000",
        rules: &["FREQ=WEEKLY;INTERVAL=2;WKST=SU"],
        exdate: None,
        end: "1998-02-18",
        expected: &[
            "1997 EDT September 2,16,30;October 14",
            "1997 EST October 28;November 11,25;December 9,23",
            "1998 EST January 6,20;February 3,17",
        ],
    },
    Example {
        title: "Weekly on Tuesday and Thursday for five weeks",
        dtstart: "19970902T090000",
        rules: &[
            "FREQ=WEEKLY;UNTIL=19971007T000000Z;WKST=SU;BYDAY=TU,TH",
            "FREQ=WEEKLY;COUNT=10;WKST=SU;BYDAY=TU,TH",
        ],
        exdate: None,
        end: "2000-01-01",
        expected: &["1997 EDT September 2,4,9,11,16,18,23,25,30;October 2"],
    },
    Example {
        title: "Every other week on Monday, Wednesday, and Friday until December 24, 1997, starting on Monday, September 1, 1997",
        dtstart: "19970901T090000",
        rules: &["FREQ=WEEKLY;INTERVAL=2;UNTIL=19971224T000000Z;WKST=SU;BYDAY=MO,WE,FR"],
        exdate: None,
        end: "2000-01-01",
        expected: &[
            "1997 EDT September 1,3,5,15,17,19,29;October 1,3,13,15,17",
            "1997 EST October 27,29,31;November 10,12,14,24,26,28;December 8,10,12,22",
        ],
    },
    Example {
        title: "Every other week on Tuesday and Thursday, for 8 occurrences",
        dtstart: "19970902T090000",
        rules: &["FREQ=WEEKLY;INTERVAL=2;COUNT=8;WKST=SU;BYDAY=TU,TH"],
        exdate: None,
        end: "2000-01-01",
        expected: &["1997 EDT September 2,4,16,18,30;October 2,14,16"],
    },
    Example {
        title: "Monthly on the first Friday for 10 occurrences",
        dtstart: "19970905T090000",
        rules: &["FREQ=MONTHLY;COUNT=10;BYDAY=1FR"],
        exdate: None,
        end: "2000-01-01",
        expected: &[
            "1997 EDT September 5;October 3",
            "1997 EST November 7;December 5",
            "1998 EST January 2;February 6;March 6;April 3",
            "1998 EDT May 1;June 5",
        ],
    },
    Example {
        title: "Monthly on the first Friday until December 24, 1997",
        dtstart: "19970905T090000",
        rules: &["FREQ=MONTHLY;UNTIL=19971224T000000Z;BYDAY=1FR"],
        exdate: None,
        end: "2000-01-01",
        expected: &["1997 EDT September 5;October 3", "1997 EST November 7;December 5"],
    },
    Example {
        title: "Every other month on the first and last Sunday of the month for 10 occurrences",
        dtstart: "19970907T090000",
        rules: &["FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYDAY=1SU,-1SU"],
        exdate: None,
        end: "2000-01-01",
        expected: &[
            "1997 EDT September 7,28",
            "1997 EST November 2,30",
            "1998 EST January 4,25;March 1,29",
            "1998 EDT May 3,31",
        ],
    },
    Example {
        title: "Monthly on the second-to-last Monday of the month for 6 months",
        dtstart: "19970922T090000",
        rules: &["FREQ=MONTHLY;COUNT=6;BYDAY=-2MO"],
        exdate: None,
        end: "2000-01-01",
        expected: &[
            "1997 EDT September 22;October 20",
            "1997 EST November 17;December 22",
            "1998 EST January 19;February 16",
        ],
    },
    Example {
        title: "Monthly on the third-to-the-last day of the month, forever",
        dtstart: "19970928T090000",
        rules: &["FREQ=MONTHLY;BYMONTHDAY=-3"],
        exdate: None,
        end: "1998-02-27",
        expected: &[
            "1997 EDT September 28",
            "1997 EST October 29;November 28;December 29",
            "1998 EST January 29;February 26",
        ],
    },
    Example {
        title: "Monthly on the 2nd and 15th of the month for 10 occurrences",
        dtstart: "19970902T090000",
        rules: &["FREQ=MONTHLY;COUNT=10;BYMONTHDAY=2,15"],
        exdate: None,
        end: "2000-01-01",
        expected: &[
            "1997 EDT September 2,15;October 2,15",
            "1997 EST November 2,15;December 2,15",
            "1998 EST January 2,15",
        ],
    },
    Example {
        title: "Monthly on the first and last day of the month for 10 occurrences",
        dtstart: "19970930T090000",
        rules: &["FREQ=MONTHLY;COUNT=10;BYMONTHDAY=1,-1"],
        exdate: None,
        end: "2000-01-01",
        expected: &[
            "1997 EDT September 30;October 1",
            "1997 EST October 31;November 1,30;December 1,31",
            "1998 EST January 1,31;February 1",
        ],
    },
    Example {
        title: "Every 18 months on the 10th thru 15th of the month for 10 occurrences",
        dtstart: "19970910T090000",
        rules: &["FREQ=MONTHLY;INTERVAL=18;COUNT=10;BYMONTHDAY=10,11,12,13,14,15"],
        exdate: None,
        end: "2005-01-01",
        expected: &["1997 EDT September 10-15", "1999 EST March 10-13"],
    },
    Example {
        title: "Every Tuesday, every other month",
        dtstart: "19970902T090000",
        rules: &["FREQ=MONTHLY;INTERVAL=2;BYDAY=TU"],
        exdate: None,
        end: "1998-04-01",
        expected: &[
            "1997 EDT September 2,9,16,23,30",
            "1997 EST November 4,11,18,25",
            "1998 EST January 6,13,20,27;March 3,10,17,24,31",
        ],
    },
    Example {
        title: "Yearly in June and July for 10 occurrences",
        dtstart: "19970610T090000",
        rules: &["FREQ=YEARLY;COUNT=10;BYMONTH=6,7"],
        exdate: None,
        end: "2010-01-01",
        expected: &[
            "1997 EDT June 10;July 10",
            "1998 EDT June 10;July 10",
            "1999 EDT June 10;July 10",
            "2000 EDT June 10;July 10",
            "2001 EDT June 10;July 10",
        ],
    },
    Example {
        title: "Every other year on January, February, and March for 10 occurrences",
        dtstart: "19970310T090000",
        rules: &["FREQ=YEARLY;INTERVAL=2;COUNT=10;BYMONTH=1,2,3"],
        exdate: None,
        end: "2010-01-01",
        expected: &[
            "1997 EST March 10",
            "1999 EST January 10;February 10;March 10",
            "2001 EST January 10;February 10;March 10",
            "2003 EST January 10;February 10;March 10",
        ],
    },
    Example {
        title: "Every third year on the 1st, 100th, and 200th day for 10 occurrences",
        dtstart: "19970101T090000",
        rules: &["FREQ=YEARLY;INTERVAL=3;COUNT=10;BYYEARDAY=1,100,200"],
        exdate: None,
        end: "2010-01-01",
        expected: &[
            "1997 EST January 1",
            "1997 EDT April 10;July 19",
            "2000 EST January 1",
            "2000 EDT April 9;July 18",
            "2003 EST January 1",
            "2003 EDT April 10;July 19",
            "2006 EST January 1",
        ],
    },
    Example {
        title: "Every 20th Monday of the year, forever",
        dtstart: "19970519T090000",
        rules: &["FREQ=YEARLY;BYDAY=20MO"],
        exdate: None,
        end: "1999-05-18",
        expected: &["1997 EDT May 19", "1998 EDT May 18", "1999 EDT May 17"],
    },
    Example {
        title: "Monday of week number 20 (where the default start of the week is Monday), forever",
        dtstart: "19970512T090000",
        rules: &["FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO"],
        exdate: None,
        end: "1999-05-18",
        expected: &["1997 EDT May 12", "1998 EDT May 11", "1999 EDT May 17"],
    },
    Example {
        title: "Every Thursday in March, forever",
        dtstart: "19970313T090000",
        rules: &["FREQ=YEARLY;BYMONTH=3;BYDAY=TH"],
        exdate: None,
        end: "1999-03-26",
        expected: &[
            "1997 EST March 13,20,27",
            "1998 EST March 5,12,19,26",
            "1999 EST March 4,11,18,25",
        ],
    },
    Example {
        title: "Every Thursday, but only during June, July, and August, forever",
        dtstart: "19970605T090000",
        rules: &["FREQ=YEARLY;BYDAY=TH;BYMONTH=6,7,8"],
        exdate: None,
        end: "1999-08-27",
        expected: &[
            "1997 EDT June 5,12,19,26;July 3,10,17,24,31;August 7,14,21,28",
            "1998 EDT June 4,11,18,25;July 2,9,16,23,30;August 6,13,20,27",
            "1999 EDT June 3,10,17,24;July 1,8,15,22,29;August 5,12,19,26",
        ],
    },
    Example {
        title: "Every Friday the 13th, forever",
        dtstart: "19970902T090000",
        rules: &["FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13"],
        exdate: Some("19970902T090000"),
        end: "2000-10-14",
        expected: &[
            "1998 EST February 13;March 13;November 13",
            "1999 EDT August 13",
            "2000 EDT October 13",
        ],
    },
    Example {
        title: "The first Saturday that follows the first Sunday of the month, forever",
        dtstart: "19970913T090000",
        rules: &["FREQ=MONTHLY;BYDAY=SA;BYMONTHDAY=7,8,9,10,11,12,13"],
        exdate: None,
        end: "1998-06-14",
        expected: &[
            "1997 EDT September 13;October 11",
            "1997 EST November 8;December 13",
            "1998 EST January 10;February 7;March 7",
            "1998 EDT April 11;May 9;June 13",
        ],
    },
    Example {
        title: "Every 4 years, the first Tuesday after a Monday in November, forever (U.S. Presidential Election day)",
        dtstart: "19961105T090000",
        rules: &["FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8"],
        exdate: None,
        end: "2004-11-03",
        expected: &[
            "1996 EST November 5",
            "2000 EST November 7",
            "2004 EST November 2",
        ],
    },
    Example {
        title: "The third instance into the month of one of Tuesday, Wednesday, or Thursday, for the next 3 months",
        dtstart: "19970904T090000",
        rules: &["FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3"],
        exdate: None,
        end: "2000-01-01",
        expected: &["1997 EDT September 4;October 7", "1997 EST November 6"],
    },
    Example {
        title: "The second-to-last weekday of the month",
        dtstart: "19970929T090000",
        rules: &["FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2"],
        exdate: None,
        end: "1998-03-31",
        expected: &[
            "1997 EDT September 29",
            "1997 EST October 30;November 27;December 30",
            "1998 EST January 29;February 26;March 30",
        ],
    },
    Example {
        title: "Every 3 hours from 9:00 AM to 5:00 PM on a specific day (UNTIL as corrected by erratum 3883)",
        dtstart: "19970902T090000",
        rules: &["FREQ=HOURLY;INTERVAL=3;UNTIL=19970902T210000Z"],
        exdate: None,
        end: "1997-09-10",
        expected: &["1997-09-02 EDT 09:00,12:00,15:00"],
    },
    Example {
        title: "Every 3 hours from 9:00 AM to 5:00 PM on a specific day (UNTIL as published: 17:00Z is 13:00 EDT)",
        dtstart: "19970902T090000",
        rules: &["FREQ=HOURLY;INTERVAL=3;UNTIL=19970902T170000Z"],
        exdate: None,
        end: "1997-09-10",
        expected: &["1997-09-02 EDT 09:00,12:00"],
    },
    Example {
        title: "Every 15 minutes for 6 occurrences",
        dtstart: "19970902T090000",
        rules: &["FREQ=MINUTELY;INTERVAL=15;COUNT=6"],
        exdate: None,
        end: "1997-09-10",
        expected: &["1997-09-02 EDT 09:00,09:15,09:30,09:45,10:00,10:15"],
    },
    Example {
        title: "Every hour and a half for 4 occurrences",
        dtstart: "19970902T090000",
        rules: &["FREQ=MINUTELY;INTERVAL=90;COUNT=4"],
        exdate: None,
        end: "1997-09-10",
        expected: &["1997-09-02 EDT 09:00,10:30,12:00,13:30"],
    },
    Example {
        title: "Every 20 minutes from 9:00 AM to 4:40 PM every day",
        dtstart: "19970902T090000",
        rules: &[
            "FREQ=DAILY;BYHOUR=9,10,11,12,13,14,15,16;BYMINUTE=0,20,40",
            "FREQ=MINUTELY;INTERVAL=20;BYHOUR=9,10,11,12,13,14,15,16",
        ],
        exdate: None,
        end: "1997-09-04",
        expected: &[
            "1997-09-02 EDT 9:00,9:20,9:40,10:00,10:20,10:40,11:00,11:20,11:40,12:00,12:20,12:40,13:00,13:20,13:40,14:00,14:20,14:40,15:00,15:20,15:40,16:00,16:20,16:40",
            "1997-09-03 EDT 9:00,9:20,9:40,10:00,10:20,10:40,11:00,11:20,11:40,12:00,12:20,12:40,13:00,13:20,13:40,14:00,14:20,14:40,15:00,15:20,15:40,16:00,16:20,16:40",
        ],
    },
    Example {
        title: "An example where the days generated makes a difference because of WKST (WKST=MO)",
        dtstart: "19970805T090000",
        rules: &["FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO"],
        exdate: None,
        end: "2000-01-01",
        expected: &["1997 EDT August 5,10,19,24"],
    },
    Example {
        title: "Changing only WKST from MO to SU, yields different results",
        dtstart: "19970805T090000",
        rules: &["FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU"],
        exdate: None,
        end: "2000-01-01",
        expected: &["1997 EDT August 5,17,19,31"],
    },
    Example {
        title: "An example where an invalid date (i.e., February 30) is ignored",
        dtstart: "20070115T090000",
        rules: &["FREQ=MONTHLY;BYMONTHDAY=15,30;COUNT=5"],
        exdate: None,
        end: "2010-01-01",
        expected: &["2007 EST January 15,30", "2007 EST February 15", "2007 EDT March 15,30"],
    },
];

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

fn local(s: &str) -> NaiveDateTime {
    super::parse::parse_date_time(s).unwrap().0
}

/// UTC seconds of a New York wall-clock reading labelled EDT or EST.
fn labelled(date: NaiveDate, h: u32, m: u32, zone: &str) -> i64 {
    let offset = match zone {
        "EDT" => -4 * 3600,
        "EST" => -5 * 3600,
        other => panic!("zone label {other}"),
    };
    date.and_hms_opt(h, m, 0).unwrap().and_utc().timestamp() - offset
}

/// The instants a line of the RFC's expected text lists.
fn expected_instants(line: &str, dtstart: NaiveDateTime) -> Vec<i64> {
    let (head, rest) = line.split_once(' ').unwrap();
    let (zone, rest) = rest.split_once(' ').unwrap();
    let mut out = Vec::new();
    if head.len() == 10 {
        // A date and times of day.
        let date = NaiveDate::parse_from_str(head, "%Y-%m-%d").unwrap();
        for t in rest.split(',') {
            let (h, m) = t.split_once(':').unwrap();
            out.push(labelled(date, h.parse().unwrap(), m.parse().unwrap(), zone));
        }
        return out;
    }
    let year: i32 = head.parse().unwrap();
    use chrono::Timelike;
    let (h, m) = (dtstart.hour(), dtstart.minute());
    for segment in rest.split(';') {
        let (month, days) = segment.trim().split_once(' ').unwrap();
        let month = MONTHS.iter().position(|x| *x == month).unwrap() as u32 + 1;
        for item in days.split(',') {
            let (a, b) = match item.split_once('-') {
                Some((a, b)) => (a.parse::<u32>().unwrap(), b.parse::<u32>().unwrap()),
                None => (item.parse().unwrap(), item.parse().unwrap()),
            };
            for d in a..=b {
                let date = NaiveDate::from_ymd_opt(year, month, d).unwrap();
                out.push(labelled(date, h, m, zone));
            }
        }
    }
    out
}

#[test]
fn every_rfc_5545_example_expands_exactly() {
    let ny = chrono_tz::America::New_York;
    let zone = Zone::new(ny);
    let mut checked = 0;
    for ex in EXAMPLES {
        let dtstart = local(ex.dtstart);
        let end = NaiveDate::parse_from_str(ex.end, "%Y-%m-%d")
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap();
        let expected: Vec<i64> = ex
            .expected
            .iter()
            .flat_map(|line| expected_instants(line, dtstart))
            .collect();
        for text in ex.rules {
            let parsed =
                Recurrence::parse(text).unwrap_or_else(|e| panic!("{}: {text}: {e:?}", ex.title));
            assert!(parsed.diagnostics.is_empty(), "{}", ex.title);
            let mut set = RecurrenceSet::new(dtstart);
            set.rules.push(parsed.rule.clone());
            set.exdates.extend(ex.exdate.map(local));
            let got: Vec<i64> = set
                .occurrences(dtstart, end, &zone, None)
                .map(|t| resolve_local(ny, t.unwrap()).instant.0)
                .collect();
            let show = |v: &[i64]| {
                v.iter()
                    .map(|t| crate::time::Timestamp(*t).to_rfc3339())
                    .collect::<Vec<_>>()
            };
            assert_eq!(show(&got), show(&expected), "{} ({text})", ex.title);
            // The rule prints back to text that reads as the same rule.
            let again = Recurrence::parse(&parsed.rule.to_string()).unwrap().rule;
            assert_eq!(again, parsed.rule, "{text} -> {}", parsed.rule);
            checked += 1;
        }
    }
    // The RFC's 38 examples (the WKST pair counted as two), plus the
    // published reading of the erratum's example; 3 are given with two rules.
    assert_eq!(EXAMPLES.len(), 40);
    assert_eq!(checked, 43);
}
