//! The wall clock of an instant in a zone, as the JS API gives it (the
//! playground shows every instant in its display zone this way, with the
//! engine's time zone database, never the browser's).

use chrono::{Datelike, Timelike};
use serde::Serialize;

use crate::time::{naive_of_local, Timestamp, Zone};

/// The local reading of an instant in a zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct LocalTime {
    pub year: i32,
    /// 1 to 12.
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
    /// 1 (Monday) to 7 (Sunday), as ISO 8601 and `Temporal` count.
    pub weekday: u32,
    /// The zone's offset from UTC then, in seconds (east positive).
    pub offset_seconds: i32,
}

impl LocalTime {
    /// The wall clock of `t` in `zone`.
    ///
    /// ```
    /// use escalator::{output::LocalTime, time::{Timestamp, Zone}};
    /// let berlin = Zone::new(chrono_tz::Europe::Berlin);
    /// // 2026-03-29 01:00Z: clocks in Berlin have just jumped to 03:00 CEST.
    /// let l = LocalTime::new(&berlin, Timestamp(1_774_746_000));
    /// assert_eq!((l.day, l.hour, l.weekday, l.offset_seconds), (29, 3, 7, 7200));
    /// ```
    pub fn new(zone: &Zone, t: Timestamp) -> LocalTime {
        let offset = zone.offset_at(t.0);
        let local = naive_of_local(t.0 + i64::from(offset));
        LocalTime {
            year: local.year(),
            month: local.month(),
            day: local.day(),
            hour: local.hour(),
            minute: local.minute(),
            second: local.second(),
            weekday: local.weekday().number_from_monday(),
            offset_seconds: offset,
        }
    }
}
