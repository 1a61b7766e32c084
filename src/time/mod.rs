//! Time: instants, local wall-clock times and zones, with DST made explicit.
//!
//! Everything exact in Escalator is an integer number of seconds. An instant
//! is a [`Timestamp`] (seconds since the Unix epoch, UTC). Local times are
//! `chrono::NaiveDateTime`s resolved in a `chrono_tz::Tz` with RFC 5545's
//! rule (the "compatible" disambiguation): a time in a spring-forward gap
//! moves forward by the gap's length, a time in a fall-back fold is the
//! earlier occurrence.

use chrono::{DateTime, NaiveDateTime, Utc};

/// An instant, in whole seconds since 1970-01-01T00:00:00Z.
///
/// Ordering and arithmetic are plain integer ones; conversion to calendar
/// form is only done for input and output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Timestamp(pub i64);

impl Timestamp {
    /// The earliest instant the engine handles: 0001-01-01T00:00:00Z.
    pub const MIN: Timestamp = Timestamp(-62_135_596_800);
    /// The latest instant the engine handles: 9999-12-31T23:59:59Z.
    pub const MAX: Timestamp = Timestamp(253_402_300_799);

    /// Seconds since the epoch.
    pub const fn seconds(self) -> i64 {
        self.0
    }

    /// The instant `seconds` later, saturating at [`Timestamp::MIN`]/[`Timestamp::MAX`].
    pub fn add_seconds(self, seconds: i64) -> Timestamp {
        Timestamp(
            self.0
                .saturating_add(seconds)
                .clamp(Self::MIN.0, Self::MAX.0),
        )
    }

    /// From a chrono UTC date-time.
    pub fn from_datetime(dt: DateTime<Utc>) -> Timestamp {
        Timestamp(dt.timestamp())
    }

    /// To a chrono UTC date-time (clamped into the supported range).
    pub fn to_datetime(self) -> DateTime<Utc> {
        let s = self.0.clamp(Self::MIN.0, Self::MAX.0);
        DateTime::<Utc>::from_timestamp(s, 0).unwrap_or_default()
    }

    /// The UTC wall-clock reading of this instant.
    pub fn to_naive_utc(self) -> NaiveDateTime {
        self.to_datetime().naive_utc()
    }

    /// RFC 3339 in UTC with `Z`, to the second: `2026-03-29T00:30:00Z`.
    ///
    /// ```
    /// use escalator::time::Timestamp;
    /// assert_eq!(Timestamp(0).to_rfc3339(), "1970-01-01T00:00:00Z");
    /// ```
    pub fn to_rfc3339(self) -> String {
        self.to_datetime().format("%Y-%m-%dT%H:%M:%SZ").to_string()
    }
}

impl std::fmt::Display for Timestamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_rfc3339())
    }
}

impl serde::Serialize for Timestamp {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_rfc3339())
    }
}
