//! Time queries that need no document: every zone the engine knows, the
//! wall clock of instants in a zone, and the instants of local times. The
//! playground draws every instant in its display zone through these, in
//! one call per drawing, so the page and the CLI read the same time zone
//! database.

use super::input::InstantInput;
use super::QueryError;
use crate::output::LocalTime;
use crate::time::{parse_zone, Timestamp, Zone};

/// Every IANA zone name the engine knows, sorted (chrono-tz lists them so).
///
/// ```
/// let zones = escalator::evaluator::time::zones();
/// assert!(zones.contains(&"Australia/Lord_Howe") && zones.contains(&"UTC"));
/// assert!(zones.windows(2).all(|w| w[0] < w[1]));
/// ```
pub fn zones() -> Vec<&'static str> {
    chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name()).collect()
}

/// The wall clock of each instant (epoch milliseconds, floored to the
/// second) in `zone`.
///
/// ```
/// use escalator::evaluator::time::local_times;
/// // Lord Howe moves its clocks by half an hour: 02:00 became 01:30 on 2026-04-05.
/// let l = local_times("Australia/Lord_Howe", &[1_775_313_000_000.0, 1_775_316_600_000.0]).unwrap();
/// assert_eq!((l[0].hour, l[0].minute, l[0].offset_seconds), (1, 30, 39_600));
/// assert_eq!((l[1].hour, l[1].minute, l[1].offset_seconds), (2, 0, 37_800));
/// ```
pub fn local_times(zone: &str, instants: &[f64]) -> Result<Vec<LocalTime>, QueryError> {
    let zone = Zone::new(parse_zone(zone)?);
    instants
        .iter()
        .map(|&ms| {
            Ok(LocalTime::new(
                &zone,
                InstantInput::Millis(ms).resolve(zone.tz())?,
            ))
        })
        .collect()
}

/// The instant of each local date-time or date (`2026-03-29T02:30`,
/// `2026-03-29`) in `zone`, by SPEC section 1's rule (a time in a gap moves
/// forward by the gap, a repeated time is the earlier); text with an offset
/// or `Z` is that instant.
///
/// ```
/// use escalator::evaluator::time::instants;
/// let t = instants("Europe/Berlin", &["2026-03-29T02:30".into(), "2026-03-29".into()]).unwrap();
/// assert_eq!((t[0].to_rfc3339(), t[1].to_rfc3339()), ("2026-03-29T01:30:00Z".into(), "2026-03-28T23:00:00Z".into()));
/// ```
pub fn instants(zone: &str, locals: &[String]) -> Result<Vec<Timestamp>, QueryError> {
    let tz = parse_zone(zone)?;
    locals
        .iter()
        .map(|text| crate::time::parse_instant(text, tz))
        .collect()
}
