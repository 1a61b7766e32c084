//! Events layers: each event's occurrences over a window, and the layer's
//! on-call sets as segments (between consecutive starts and ends of
//! occurrences, the occurrences in force), for the sweep.
//!
//! An occurrence of event `e` starts at each local start of its `repeat`
//! (from `e.from`'s local reading, on the wall clock of `e.timezone`),
//! resolved as SPEC section 1 says, except the starts `except` names; a
//! one-off event occurs once, at `from`. Each occurrence lasts as long as
//! the first: on the wall clock when `from` and `to` are both local
//! readings (Monday 09:00 to Monday 09:00 stays so across a DST change),
//! else exactly `to - from`. Recurrences expand only over the window asked,
//! with the recurrence engine's work limit.

use super::sweep::instant_of;
use crate::model::LayerEvent;
use crate::time::recurrence::{TooMuchWork, WORK_LIMIT};
use crate::time::{local_seconds, naive_of_local, DateTimeSpec, DstGap, Zone};

const DAY: i64 = 86_400;

/// One occurrence of an event of a layer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Occ {
    pub start: i64,
    pub end: i64,
    /// Index into the layer's events.
    pub event: u32,
}

/// Why an events layer could not be computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Limit {
    /// More occurrences or segments than the budget.
    Intervals,
    /// A recurrence took more than its work limit.
    Recurrence(TooMuchWork),
}

/// How an event's occurrences end.
#[derive(Clone, Copy, Debug)]
enum Length {
    /// Local seconds after the start's local reading.
    Wall(i64),
    /// Elapsed seconds.
    Exact(i64),
}

/// An event read in its zone: first start, length, exceptions.
pub(crate) struct Prepared {
    zone: Zone,
    /// The first start: local reading and instant.
    from_local: i64,
    from: i64,
    length: Length,
    /// Excluded start instants, sorted.
    except: Vec<i64>,
}

impl Prepared {
    pub(crate) fn new(e: &LayerEvent) -> Prepared {
        let zone = Zone::new(e.timezone);
        let from = instant_of(&zone, &e.from.value, DstGap::Shift);
        let from_local = match e.from.value {
            DateTimeSpec::Local(l) => local_seconds(l),
            DateTimeSpec::Absolute(t) => zone.local_of(t.0),
        };
        let length = match (e.from.value, e.to.value) {
            (DateTimeSpec::Local(a), DateTimeSpec::Local(b)) => {
                Length::Wall(local_seconds(b) - local_seconds(a))
            }
            _ => Length::Exact(instant_of(&zone, &e.to.value, DstGap::Shift) - from),
        };
        let mut except: Vec<i64> = e
            .except
            .iter()
            .map(|x| instant_of(&zone, &x.value, DstGap::Shift))
            .collect();
        except.sort_unstable();
        Prepared {
            zone,
            from_local,
            from,
            length,
            except,
        }
    }

    /// The end of an occurrence starting at local `local` (instant `start`).
    fn end(&self, local: i64, start: i64) -> i64 {
        match self.length {
            Length::Wall(s) => self.zone.instant(local.saturating_add(s)),
            Length::Exact(s) => start.saturating_add(s),
        }
    }

    /// An upper bound of an occurrence's length, for looking back.
    fn bound(&self) -> i64 {
        match self.length {
            Length::Wall(s) => s.max(0) + 3 * 3600,
            Length::Exact(s) => s.max(0),
        }
    }

    /// The local starts of the event in `[la, lb)` (local seconds), with
    /// their instants, in order.
    pub(crate) fn starts(
        &self,
        e: &LayerEvent,
        la: i64,
        lb: i64,
        mut each: impl FnMut(i64, i64) -> Result<(), Limit>,
    ) -> Result<(), Limit> {
        let Some(rule) = &e.repeat else {
            if (la..lb).contains(&self.from_local) {
                each(self.from_local, self.from)?;
            }
            return Ok(());
        };
        let it = rule
            .value
            .occurrences(
                naive_of_local(self.from_local),
                naive_of_local(la),
                naive_of_local(lb),
                &self.zone,
            )
            .with_work_limit(WORK_LIMIT);
        for local in it {
            let local = local_seconds(local.map_err(Limit::Recurrence)?);
            // The first start keeps its own instant (an absolute `from` in
            // a fold is the one written).
            let start = if local == self.from_local {
                self.from
            } else {
                self.zone.instant(local)
            };
            if self.except.binary_search(&start).is_ok() {
                continue;
            }
            each(local, start)?;
        }
        Ok(())
    }
}

/// The occurrences of `events` that overlap `[a, b)` (lasting some time),
/// appended to `out` sorted by start; each costs one unit of `budget`.
pub(crate) fn occurrences(
    events: &[LayerEvent],
    a: i64,
    b: i64,
    budget: &mut usize,
    out: &mut Vec<Occ>,
) -> Result<(), Limit> {
    out.clear();
    for (i, e) in events.iter().enumerate() {
        let p = Prepared::new(e);
        let la = p
            .zone
            .local_of(a.saturating_sub(p.bound()))
            .saturating_sub(DAY);
        let lb = p.zone.local_of(b).saturating_add(DAY);
        p.starts(e, la, lb, |local, start| {
            let end = p.end(local, start);
            if end > start && end > a && start < b {
                if *budget == 0 {
                    return Err(Limit::Intervals);
                }
                *budget -= 1;
                out.push(Occ {
                    start,
                    end,
                    event: i as u32,
                });
            }
            Ok(())
        })?;
    }
    out.sort_unstable_by_key(|o| (o.start, o.end, o.event));
    Ok(())
}

/// An events layer's segments over a window: between consecutive starts
/// and ends of occurrences, the occurrences in force (`active` ranges).
#[derive(Clone, Debug, Default)]
pub(crate) struct Segments {
    pub occ: Vec<Occ>,
    /// Indices into `occ`, segment after segment.
    pub active: Vec<u32>,
    /// Per segment: `[start, end)` and its range in `active` (only
    /// segments with someone in force).
    pub list: Vec<(i64, i64, u32, u32)>,
}

impl Segments {
    /// Builds the segments of `occ` (sorted by start) clipped to `[a, b)`.
    pub(crate) fn build(&mut self, a: i64, b: i64, budget: &mut usize) -> Result<(), Limit> {
        self.active.clear();
        self.list.clear();
        let mut cuts: Vec<i64> = Vec::with_capacity(self.occ.len() * 2 + 2);
        for o in &self.occ {
            cuts.push(o.start.max(a));
            cuts.push(o.end.min(b));
        }
        cuts.sort_unstable();
        cuts.dedup();
        let mut live: Vec<u32> = Vec::new();
        let mut next = 0usize;
        for w in cuts.windows(2) {
            let (s, e) = (w[0], w[1]);
            while self.occ.get(next).is_some_and(|o| o.start.max(a) <= s) {
                live.push(next as u32);
                next += 1;
            }
            let occ = &self.occ;
            live.retain(|&i| occ.get(i as usize).is_some_and(|o| o.end > s));
            if live.is_empty() || s >= e {
                continue;
            }
            let cost = live.len() + 1;
            if *budget < cost {
                return Err(Limit::Intervals);
            }
            *budget -= cost;
            let first = self.active.len() as u32;
            self.active.extend_from_slice(&live);
            self.list.push((s, e, first, self.active.len() as u32));
        }
        Ok(())
    }
}
