//! A zone's offset transitions, decoded once and kept, so that resolving a
//! local time is a binary search instead of a walk through the database.
//!
//! The transitions come from [`super::tzdata`] (chrono-tz's, compactly):
//! every change of a zone's total offset, all of them between 1845 and 2099;
//! before the first the zone's first offset holds, after the last its last.
//! chrono-tz's own `TimeZone` implementation is not used here (in the wasm
//! module it is not linked at all).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use chrono::{DateTime, FixedOffset, NaiveDateTime};
use chrono_tz::Tz;

use super::{DstFoldClose, DstGap, Timestamp};

/// The first instant of the cursor-friendly range: 1800-01-01T00:00:00Z
/// (the first transition is in 1845).
const TABLE_START: i64 = -5_364_662_400;
/// The end of that range: 2101-01-01T00:00:00Z (chrono-tz has no
/// transitions after 2099). Outside the range the table still answers
/// offsets and resolutions; it has no transitions there.
const TABLE_END: i64 = 4_133_980_800;

/// Local readings are kept this far inside the table's range before the
/// table is trusted for them (more than any UTC offset).
const MARGIN: i64 = 2 * 86_400;

/// One change of a zone's offset from UTC.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Transition {
    /// The first instant (seconds since the epoch) of the new offset.
    pub at: i64,
    /// Offset from UTC in seconds before `at`.
    pub before: i32,
    /// Offset from UTC in seconds from `at` on.
    pub after: i32,
}

impl Transition {
    /// The first local reading (local seconds) that resolves with `after`:
    /// in a gap the later wall clock, in a fold the end of the repeated hour
    /// (the earlier occurrence wins while the reading is ambiguous).
    fn claim_start(&self) -> i64 {
        self.at + i64::from(self.before.max(self.after))
    }
    /// The first local reading that is in the gap or the fold.
    fn region_start(&self) -> i64 {
        self.at + i64::from(self.before.min(self.after))
    }
}

/// The offset from UTC (seconds) at an instant (seconds since the epoch);
/// 0 beyond chrono's range.
pub fn offset_at(tz: Tz, instant: i64) -> i32 {
    Zone::new(tz).offset_at(instant)
}

/// The wall-clock reading of an instant in `tz`.
pub fn local_naive(tz: Tz, t: Timestamp) -> NaiveDateTime {
    Zone::new(tz).local_naive(t)
}

fn in_chrono_range(instant: i64) -> bool {
    DateTime::from_timestamp(instant, 0).is_some()
}

/// The transitions between changes of total offset among a zone's periods.
fn offset_table(tz: Tz) -> (i32, Vec<Transition>) {
    let periods = super::tzdata::zone_periods(tz);
    let mut out = Vec::new();
    let mut before = periods.first.offset;
    for (at, p) in periods.changes {
        if p.offset != before {
            out.push(Transition {
                at,
                before,
                after: p.offset,
            });
            before = p.offset;
        }
    }
    (periods.first.offset, out)
}

/// How a local reading resolved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LocalHit {
    /// It exists once.
    Exact,
    /// It falls in a gap: moved forward by the transition's length.
    Gap(Transition),
    /// It occurs twice: the earlier occurrence was taken.
    Fold(Transition),
}

/// Where the last resolution was (see [`Zone::resolve_with`]).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Cursor {
    hint: usize,
    /// Readings in `[lo, hi)` resolve exactly with `offset`.
    lo: i64,
    hi: i64,
    offset: i64,
}

/// A zone with its transition table at hand: resolves local readings
/// (local seconds: a naive date-time counted as if it were UTC) quickly.
#[derive(Clone, Debug)]
pub struct Zone {
    tz: Tz,
    table: Arc<[Transition]>,
    first_offset: i32,
}

impl Zone {
    /// The zone, with its offset changes (decoded on first use in this
    /// process, a few microseconds, then shared).
    pub fn new(tz: Tz) -> Zone {
        static ZONES: OnceLock<Mutex<HashMap<Tz, Zone>>> = OnceLock::new();
        let zones = ZONES.get_or_init(|| Mutex::new(HashMap::new()));
        if let Ok(map) = zones.lock() {
            if let Some(zone) = map.get(&tz) {
                return zone.clone();
            }
        }
        let (first_offset, table) = offset_table(tz);
        let zone = Zone {
            tz,
            table: table.into(),
            first_offset,
        };
        if let Ok(mut map) = zones.lock() {
            map.insert(tz, zone.clone());
        }
        zone
    }

    /// The IANA zone.
    pub fn tz(&self) -> Tz {
        self.tz
    }

    /// The offset changes known for this zone.
    pub fn table(&self) -> &[Transition] {
        &self.table
    }

    fn in_table(&self, instant_or_local: i64) -> bool {
        instant_or_local > TABLE_START + MARGIN && instant_or_local < TABLE_END - MARGIN
    }

    /// The offset (seconds) at an instant (0 beyond chrono's range).
    pub fn offset_at(&self, instant: i64) -> i32 {
        if !self.in_table(instant) && !in_chrono_range(instant) {
            return 0;
        }
        let i = self.table.partition_point(|t| t.at <= instant);
        match i.checked_sub(1).and_then(|j| self.table.get(j)) {
            Some(t) => t.after,
            None => self.first_offset,
        }
    }

    /// The latest offset change at or before `instant` (within the table).
    pub fn transition_at_or_before(&self, instant: i64) -> Option<Transition> {
        if !self.in_table(instant) {
            return None;
        }
        let i = self.table.partition_point(|t| t.at <= instant);
        i.checked_sub(1).and_then(|j| self.table.get(j)).copied()
    }

    /// The first offset change strictly after `instant` (within the table).
    pub fn transition_after(&self, instant: i64) -> Option<Transition> {
        if !self.in_table(instant) {
            return None;
        }
        let i = self.table.partition_point(|t| t.at <= instant);
        self.table.get(i).copied()
    }

    /// The wall-clock reading of an instant (clamped to years 1 to 9999).
    pub fn local_naive(&self, t: Timestamp) -> NaiveDateTime {
        let utc = t.to_naive_utc();
        let offset = self.offset_at(utc.and_utc().timestamp());
        FixedOffset::east_opt(offset)
            .and_then(|o| utc.checked_add_offset(o))
            .unwrap_or(utc)
    }

    /// The wall-clock reading (local seconds) of an instant.
    pub fn local_of(&self, instant: i64) -> i64 {
        instant + i64::from(self.offset_at(instant))
    }

    /// Resolves a local reading (RFC 5545: gap -> forward by its length,
    /// fold -> earlier occurrence): the instant and how it resolved.
    pub(crate) fn resolve(&self, local: i64) -> (i64, LocalHit) {
        if !self.in_table(local) {
            return self.slow_resolve(local);
        }
        // The claim holding `local`: the last transition whose claim starts
        // at or before it; its `after` offset applies.
        let i = self.table.partition_point(|t| t.claim_start() <= local);
        self.resolve_at(local, i)
    }

    /// [`Zone::resolve`] for readings that mostly increase: `cursor`
    /// remembers the stretch of readings with one offset and no gap or fold
    /// around the last one, so most readings resolve by a subtraction.
    pub(crate) fn resolve_with(&self, local: i64, cursor: &mut Cursor) -> (i64, LocalHit) {
        if local >= cursor.lo && local < cursor.hi {
            return (local - cursor.offset, LocalHit::Exact);
        }
        let r = self.resolve_hinted(local, &mut cursor.hint);
        if r.1 == LocalHit::Exact && self.in_table(local) {
            let i = cursor.hint;
            let lo = i
                .checked_sub(1)
                .and_then(|j| self.table.get(j))
                .map_or(i64::MIN, |t| t.claim_start());
            let hi = self.table.get(i).map_or(i64::MAX, |t| t.region_start());
            cursor.lo = lo.max(TABLE_START + MARGIN + 1);
            cursor.hi = hi.min(TABLE_END - MARGIN);
            cursor.offset = local - r.0;
        }
        r
    }

    /// [`Zone::resolve`] for readings that mostly increase: `hint` remembers
    /// where the last one was found in the table.
    pub(crate) fn resolve_hinted(&self, local: i64, hint: &mut usize) -> (i64, LocalHit) {
        if !self.in_table(local) {
            return self.slow_resolve(local);
        }
        let mut i = *hint;
        let after_prev = i == 0
            || self
                .table
                .get(i - 1)
                .is_some_and(|t| t.claim_start() <= local);
        if !after_prev {
            i = self.table.partition_point(|t| t.claim_start() <= local);
        } else {
            // Step forward a few entries before searching.
            let mut steps = 0;
            while self.table.get(i).is_some_and(|t| t.claim_start() <= local) && steps < 4 {
                i += 1;
                steps += 1;
            }
            if self.table.get(i).is_some_and(|t| t.claim_start() <= local) {
                i = self.table.partition_point(|t| t.claim_start() <= local);
            }
        }
        *hint = i;
        self.resolve_at(local, i)
    }

    /// Resolution outside the cursor-friendly range (no transitions there),
    /// and of readings beyond chrono's range (as UTC).
    fn slow_resolve(&self, local: i64) -> (i64, LocalHit) {
        if !in_chrono_range(local) {
            return (local, LocalHit::Exact);
        }
        let i = self.table.partition_point(|t| t.claim_start() <= local);
        self.resolve_at(local, i)
    }

    fn resolve_at(&self, local: i64, i: usize) -> (i64, LocalHit) {
        let offset = match i.checked_sub(1).and_then(|j| self.table.get(j)) {
            Some(t) => t.after,
            None => self.first_offset,
        };
        let hit = match self.table.get(i) {
            Some(next) if local >= next.region_start() => {
                if next.after > next.before {
                    LocalHit::Gap(*next)
                } else {
                    LocalHit::Fold(*next)
                }
            }
            _ => LocalHit::Exact,
        };
        (local - i64::from(offset), hit)
    }

    /// Resolves a local reading to an instant.
    pub fn instant(&self, local: i64) -> i64 {
        self.resolve(local).0
    }

    /// Resolves a local reading to an instant with a schedule's `dst_gap`
    /// (a reading in a gap at the transition with [`DstGap::Transition`]).
    pub fn instant_by(&self, local: i64, gap: DstGap) -> i64 {
        let r = self.resolve(local);
        by_rule(local, r, gap, DstFoldClose::Earlier)
    }

    /// The number of transitions at or before `instant`, starting the
    /// search from `hint` (the last answer) when instants mostly increase.
    fn count_at_or_before(&self, instant: i64, hint: &mut usize) -> usize {
        let table = &self.table;
        let mut i = *hint;
        let ok_low = |i: usize| i == 0 || table.get(i - 1).is_some_and(|t| t.at <= instant);
        if ok_low(i) {
            let mut steps = 0;
            while table.get(i).is_some_and(|t| t.at <= instant) && steps < 4 {
                i += 1;
                steps += 1;
            }
        }
        if !ok_low(i) || table.get(i).is_some_and(|t| t.at <= instant) {
            i = table.partition_point(|t| t.at <= instant);
        }
        *hint = i;
        i
    }

    /// Which local readings resolve at or before the instant `t` (see
    /// [`ReadingsBy`]); the search starts from `hint` (the last answer,
    /// or 0) and leaves this answer there.
    pub(crate) fn readings_by_hinted(&self, t: i64, hint: &mut usize) -> ReadingsBy {
        if !self.in_table(t) {
            let current = t + i64::from(self.offset_at(t));
            return ReadingsBy {
                current,
                claim_start: i64::MIN,
                before: current,
            };
        }
        let i = self.count_at_or_before(t, hint);
        match i.checked_sub(1).and_then(|j| self.table.get(j)) {
            Some(tr) => ReadingsBy {
                current: t + i64::from(tr.after),
                claim_start: tr.claim_start(),
                before: t + i64::from(tr.before),
            },
            None => {
                let current = t + i64::from(self.first_offset);
                ReadingsBy {
                    current,
                    claim_start: i64::MIN,
                    before: current,
                }
            }
        }
    }
}

/// The instant of a resolved reading under a schedule's rules: in a gap,
/// the transition with [`DstGap::Transition`]; in a fold, the later
/// occurrence with [`DstFoldClose::Later`] (closing window edges only).
pub(crate) fn by_rule(local: i64, r: (i64, LocalHit), gap: DstGap, fold: DstFoldClose) -> i64 {
    match r.1 {
        LocalHit::Gap(tr) if gap == DstGap::Transition => tr.at,
        LocalHit::Fold(tr) if fold == DstFoldClose::Later => local - i64::from(tr.after),
        _ => r.0,
    }
}

/// Which local readings resolve at or before an instant `t` (see
/// [`Zone::readings_by_hinted`]): readings `>= claim_start` when `<= current`,
/// readings `< claim_start` when `<= before` (the claim before the latest
/// transition; anything earlier resolves long before `t`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct ReadingsBy {
    pub current: i64,
    pub claim_start: i64,
    pub before: i64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{LocalResult, Offset, TimeZone};

    /// chrono-tz's offset at an instant.
    fn chrono_offset(tz: Tz, instant: i64) -> i32 {
        let naive = DateTime::from_timestamp(instant, 0).unwrap().naive_utc();
        tz.offset_from_utc_datetime(&naive).fix().local_minus_utc()
    }

    #[test]
    fn table_matches_chrono_tz_hourly() {
        // Every hour of 2011 in Apia and 2026 in Lord Howe and Berlin: the
        // table's offset equals chrono-tz's.
        for (tz, year_start) in [
            (chrono_tz::Pacific::Apia, 1_293_840_000i64),
            (chrono_tz::Australia::Lord_Howe, 1_767_225_600),
            (chrono_tz::Europe::Berlin, 1_767_225_600),
            (chrono_tz::America::Sao_Paulo, 1_230_768_000),
        ] {
            let zone = Zone::new(tz);
            for h in 0..(366 * 24) {
                let t = year_start + h * 3600 + 1799;
                assert_eq!(zone.offset_at(t), chrono_offset(tz, t), "{tz} at {t}");
            }
        }
    }

    #[test]
    fn transitions_found_to_the_second() {
        // Berlin 2026-03-29T01:00:00Z and 2026-10-25T01:00:00Z.
        let zone = Zone::new(chrono_tz::Europe::Berlin);
        let t = zone.transition_after(1_767_225_600).unwrap();
        assert_eq!((t.at, t.before, t.after), (1_774_746_000, 3600, 7200));
        let t = zone.transition_after(t.at).unwrap();
        assert_eq!((t.at, t.before, t.after), (1_792_890_000, 7200, 3600));
    }

    /// Every zone: around each transition, and far before and after the
    /// table, offsets and local readings resolve as chrono-tz resolves them
    /// (a fold: the earlier occurrence; a gap: forward by its length).
    /// tzdata's own test checks every change against chrono-tz to the second.
    #[test]
    fn every_zone_resolves_as_chrono_tz() {
        for &tz in chrono_tz::TZ_VARIANTS.iter() {
            let zone = Zone::new(tz);
            let mut instants = vec![
                -9_000_000_000i64,
                -5_364_662_400,
                0,
                4_133_980_800,
                9_000_000_000,
            ];
            for tr in zone.table().iter() {
                for d in [-86_400, -3601, -1, 0, 1, 3599, 86_400] {
                    instants.push(tr.at + d);
                }
            }
            for &t in &instants {
                assert_eq!(
                    zone.offset_at(t),
                    chrono_offset(tz, t),
                    "{tz} offset at {t}"
                );
            }
            for tr in zone.table().iter() {
                for d in [-7201, -3600, -1800, -1, 0, 1, 1800, 3599, 3600, 5400, 7200] {
                    let local = tr.at + i64::from(tr.before) + d;
                    let naive = DateTime::from_timestamp(local, 0).unwrap().naive_utc();
                    let (got, hit) = zone.resolve(local);
                    match tz.offset_from_local_datetime(&naive) {
                        LocalResult::Single(o) => {
                            assert_eq!(
                                got,
                                local - i64::from(o.fix().local_minus_utc()),
                                "{tz} {local}"
                            );
                            assert_eq!(hit, LocalHit::Exact, "{tz} {local}");
                        }
                        LocalResult::Ambiguous(a, b) => {
                            let early = a.fix().local_minus_utc().max(b.fix().local_minus_utc());
                            assert_eq!(got, local - i64::from(early), "{tz} {local}");
                            assert!(matches!(hit, LocalHit::Fold(_)), "{tz} {local}");
                        }
                        LocalResult::None => {
                            assert!(matches!(hit, LocalHit::Gap(_)), "{tz} {local}");
                            let LocalHit::Gap(g) = hit else {
                                unreachable!()
                            };
                            assert_eq!(got, local - i64::from(g.before), "{tz} {local}");
                            assert_eq!(chrono_offset(tz, got), g.after, "{tz} {local}");
                        }
                    }
                }
            }
        }
    }
}
