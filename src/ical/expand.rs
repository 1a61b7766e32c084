//! Event series to concrete occurrences over a window.
//!
//! A series is the events that share a `UID`: the master (no
//! `RECURRENCE-ID`) with its `RRULE`s and `RDATE`s, minus its `EXDATE`s,
//! and the instances (with `RECURRENCE-ID`) that replace one occurrence
//! each, or with `RANGE=THISANDFUTURE` that one and every later one. An
//! instance matches the master's occurrence whose start is the same
//! instant, whatever zone either is written in. `STATUS:CANCELLED` on an
//! instance removes its occurrence; on the master, the whole series.
//!
//! Lengths: with `DURATION`, its days and weeks count on the wall clock and
//! its hours, minutes and seconds exactly (RFC 5545 section 3.3.6); with
//! neither `DTEND` nor `DURATION`, an all-day event lasts one day and any
//! other no time at all (section 3.6.1). With `DTEND`, every occurrence
//! lasts as long as the first: all-day events the same number of days;
//! when `DTSTART` and `DTEND` are in one zone, the same wall-clock length
//! (a rota written Monday 09:00 to Monday 09:00 ends at 09:00 even in the
//! week the clocks change); otherwise the same exact length.
//!
//! The wall-clock reading is a deliberate difference from RFC 5545 section
//! 3.8.5.3, which asks for the first occurrence's exact length: with it, a
//! weekly rota would overlap the next person's turn by an hour (or leave an
//! hour's gap) twice a year, which is not what its author wrote. Calendar
//! apps show these events from 09:00 to 09:00, and so does Python's
//! `recurring-ical-events`.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use chrono_tz::Tz;

use super::read::{Calendar, Event, PeriodEnd, RDate, Time};
use super::value::Duration;
use super::zone::{too_complex, Clock, ZoneKind};
use crate::diagnostic::{Diagnostic, Span};
use crate::time::recurrence::{RecurrenceSet, TooMuchWork, WORK_LIMIT};
use crate::time::{local_seconds, naive_of_local, Timestamp};

const DAY: i64 = 86_400;

/// Why a series could not be expanded (boxed: a diagnostic is large).
type Failure = Box<Diagnostic>;

/// One concrete occurrence of an event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Occurrence<'a> {
    pub start: Timestamp,
    /// At or after `start`.
    pub end: Timestamp,
    /// The event whose fields this occurrence has: the series' master, or
    /// the instance that replaced it.
    pub event: &'a Event,
    /// For a recurring series, the start the rule gave this occurrence
    /// (the `RECURRENCE-ID` that would name it).
    pub recurrence_id: Option<Timestamp>,
    /// A whole-day (`VALUE=DATE`) occurrence.
    pub all_day: bool,
}

/// What [`expand`] needs besides the calendar.
#[derive(Clone, Copy, Debug)]
pub struct ExpandOptions {
    /// The zone of floating times and dates when the calendar has no
    /// `X-WR-TIMEZONE`.
    pub floating: Tz,
    /// The most work the whole expansion may do (recurrence steps and
    /// occurrences placed); a series that would go past it stops with
    /// `recurrence-too-much-work`.
    pub work_limit: u64,
}

impl ExpandOptions {
    /// Floating times in `floating`, the default work limit (four times
    /// [`WORK_LIMIT`] for the calendar, [`WORK_LIMIT`] per series).
    pub fn new(floating: Tz) -> ExpandOptions {
        ExpandOptions {
            floating,
            work_limit: 4 * WORK_LIMIT,
        }
    }
}

/// The events of one series: indexes into [`Calendar::events`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Series {
    pub uid: Option<String>,
    pub master: Option<usize>,
    pub instances: Vec<usize>,
}

/// The calendar's series, in the order their first event appears, with a
/// diagnostic for each event that repeats a master or an instance (the one
/// with the highest `SEQUENCE` is kept, the first of equals).
pub fn series(cal: &Calendar) -> (Vec<Series>, Vec<Diagnostic>) {
    let mut out: Vec<Series> = Vec::new();
    let mut by_uid: HashMap<&str, usize> = HashMap::new();
    let mut diagnostics = Vec::new();
    for (i, e) in cal.events.iter().enumerate() {
        let s = match e.uid.as_ref().map(|u| u.value.as_str()) {
            Some(uid) => *by_uid.entry(uid).or_insert_with(|| {
                out.push(Series {
                    uid: Some(uid.to_string()),
                    master: None,
                    instances: Vec::new(),
                });
                out.len() - 1
            }),
            None => {
                out.push(Series {
                    uid: None,
                    master: None,
                    instances: Vec::new(),
                });
                out.len() - 1
            }
        };
        let series = &mut out[s];
        if e.recurrence_id.is_some() {
            series.instances.push(i);
            continue;
        }
        match series.master {
            None => series.master = Some(i),
            Some(m) => {
                let keep_new = e.sequence() > cal.events[m].sequence();
                let (kept, dropped) = if keep_new { (i, m) } else { (m, i) };
                series.master = Some(kept);
                let uid = series.uid.clone().unwrap_or_default();
                diagnostics.push(
                    Diagnostic::warning(
                        "ical-duplicate-uid",
                        cal.events[dropped].span,
                        format!("two events share the `UID` `{uid}`; the one with the higher `SEQUENCE` is used"),
                    )
                    .with_label(cal.events[kept].span, "this one is used"),
                );
            }
        }
    }
    (out, diagnostics)
}

/// How an occurrence's end follows from its start.
#[derive(Clone, Copy, Debug)]
enum Length {
    /// Exactly this many seconds.
    Exact(i64),
    /// This many seconds on the wall clock (local end minus local start).
    Wall(i64),
    /// Days on the wall clock, then exact seconds.
    Nominal(i64, i64),
    /// All-day: this many days, midnight to midnight.
    Days(i64),
}

impl Length {
    /// An upper bound of the length in seconds, for looking back.
    fn bound(self) -> i64 {
        match self {
            Length::Exact(s) => s.max(0),
            Length::Wall(s) => s.max(0) + 3 * 3600,
            Length::Nominal(d, s) => (d * DAY + s).max(0) + 3 * 3600,
            Length::Days(d) => d.max(0) * DAY + 3 * 3600,
        }
    }
}

/// The starts a series' `EXDATE`s and changed instances take out of the
/// master's occurrences.
#[derive(Default)]
struct Removed {
    /// Date-time `EXDATE`s.
    instants: HashSet<Timestamp>,
    /// Date `EXDATE`s: every occurrence starting that local day.
    dates: HashSet<NaiveDate>,
    /// The `RECURRENCE-ID`s of changed (or cancelled) instances.
    replaced: HashSet<Timestamp>,
    /// Their dates, which name a whole-day occurrence of an all-day series.
    replaced_dates: HashSet<NaiveDate>,
    /// The series is all-day.
    all_day: bool,
}

impl Removed {
    /// Whether the occurrence at `start` (local reading `local` on the
    /// series' clock) is taken out.
    fn removes(&self, start: Timestamp, local: i64) -> bool {
        let date = date_of_local(local);
        self.instants.contains(&start)
            || self.dates.contains(&date)
            || self.replaced.contains(&start)
            || (self.all_day && self.replaced_dates.contains(&date))
    }
}

/// Zones ready to use, for one expansion.
struct Clocks<'c> {
    cal: &'c Calendar,
    floating: Clock,
    /// Local seconds each custom table must reach.
    through: i64,
    cache: HashMap<usize, Clock>,
}

impl Clocks<'_> {
    /// The clock a time is read on.
    fn of(&mut self, time: &Time) -> Result<Clock, Failure> {
        match time {
            Time::Utc(_) => Ok(Clock::Utc),
            Time::Date(_) | Time::Floating(_) => Ok(self.floating.clone()),
            Time::Zoned(local, id) => {
                let need = local_seconds(*local).max(self.through);
                if let Some(c) = self.cache.get(&id.0) {
                    let fresh = match c {
                        Clock::Custom(t) => t.through > need,
                        _ => true,
                    };
                    if fresh {
                        return Ok(c.clone());
                    }
                }
                let clock = match self.cal.zone(*id).map(|z| &z.kind) {
                    Some(ZoneKind::Iana(tz) | ZoneKind::Windows(tz)) => Clock::iana(*tz),
                    Some(ZoneKind::Custom(z)) => {
                        Clock::Custom(z.table(need).map_err(|e| Box::new(too_complex(z, e)))?)
                    }
                    Some(ZoneKind::Unknown) | None => self.floating.clone(),
                };
                self.cache.insert(id.0, clock.clone());
                Ok(clock)
            }
        }
    }

    /// The local reading a time is written as (dates: midnight).
    fn local(time: &Time) -> i64 {
        match time {
            Time::Date(d) => local_seconds(d.and_hms_opt(0, 0, 0).unwrap_or_default()),
            Time::Utc(t) => t.0,
            Time::Zoned(l, _) | Time::Floating(l) => local_seconds(*l),
        }
    }

    /// The instant of a time.
    fn instant(&mut self, time: &Time) -> Result<Timestamp, Failure> {
        Ok(self.of(time)?.resolve(Self::local(time)).instant)
    }
}

fn date_of_local(local: i64) -> NaiveDate {
    naive_of_local(local).date()
}

/// The expansion of one series into `out`; `work` counts down.
struct SeriesRun<'a, 'c> {
    cal: &'a Calendar,
    clocks: Clocks<'c>,
    from: Timestamp,
    to: Timestamp,
    work: u64,
    out: Vec<Occurrence<'a>>,
    diagnostics: Vec<Diagnostic>,
}

impl<'a> SeriesRun<'a, '_> {
    fn length(&mut self, e: &Event) -> Result<Length, Failure> {
        if let Some(end) = &e.end {
            return Ok(match (e.start.value, end.value) {
                (Time::Date(a), Time::Date(b)) => Length::Days((b - a).num_days().max(0)),
                (Time::Zoned(a, za), Time::Zoned(b, zb)) if za == zb => {
                    Length::Wall((local_seconds(b) - local_seconds(a)).max(0))
                }
                (Time::Floating(a), Time::Floating(b)) => {
                    Length::Wall((local_seconds(b) - local_seconds(a)).max(0))
                }
                (s, en) => {
                    let a = self.clocks.instant(&s)?;
                    let b = self.clocks.instant(&en)?;
                    Length::Exact((b.0 - a.0).max(0))
                }
            });
        }
        if let Some(d) = &e.duration {
            let d: Duration = d.value;
            if d.negative {
                return Ok(Length::Exact(0));
            }
            return Ok(if e.start.value.is_date() && d.seconds == 0 {
                Length::Days(d.nominal_days())
            } else {
                Length::Nominal(d.nominal_days(), d.exact_seconds())
            });
        }
        Ok(if e.start.value.is_date() {
            Length::Days(1)
        } else {
            Length::Exact(0)
        })
    }

    /// The end of an occurrence starting at local `local` (instant `start`)
    /// on `clock`.
    fn end(clock: &Clock, local: i64, start: Timestamp, length: Length) -> Timestamp {
        let end = match length {
            Length::Exact(s) => start.0.saturating_add(s),
            Length::Wall(s) => clock.resolve(local.saturating_add(s)).instant.0,
            Length::Nominal(d, s) => clock
                .resolve(local.saturating_add(d.saturating_mul(DAY)))
                .instant
                .0
                .saturating_add(s),
            Length::Days(d) => {
                let midnight = local.div_euclid(DAY) * DAY;
                clock
                    .resolve(midnight.saturating_add(d.saturating_mul(DAY)))
                    .instant
                    .0
            }
        };
        Timestamp(end.clamp(start.0, Timestamp::MAX.0))
    }

    fn in_window(&self, start: Timestamp, end: Timestamp) -> bool {
        start < self.to && (end > self.from || (end == start && start >= self.from))
    }

    fn spend(&mut self, n: u64, span: Span) -> Result<(), Failure> {
        if n > self.work {
            self.work = 0;
            return Err(Box::new(TooMuchWork { limit: WORK_LIMIT }.diagnostic(span)));
        }
        self.work -= n;
        Ok(())
    }

    /// The occurrence an instance (with its own start and length) gives.
    fn explicit(&mut self, e: &'a Event, rid: Option<Timestamp>) -> Result<(), Failure> {
        let clock = self.clocks.of(&e.start.value)?;
        let local = Clocks::local(&e.start.value);
        let start = clock.resolve(local).instant;
        let length = self.length(e)?;
        let end = Self::end(&clock, local, start, length);
        self.spend(1, e.start.span)?;
        if self.in_window(start, end) {
            self.out.push(Occurrence {
                start,
                end,
                event: e,
                recurrence_id: rid,
                all_day: e.start.value.is_date(),
            });
        }
        Ok(())
    }

    fn run(&mut self, s: &Series) -> Result<(), Failure> {
        let events = &self.cal.events;
        let chosen = self.chosen(s)?;
        let master = s.master.map(|m| &events[m]);
        if master.is_some_and(|m| m.is_cancelled()) {
            return Ok(());
        }
        if let Some(m) = master {
            self.master(m, &chosen)?;
        }
        for &(rid, _, e) in &chosen {
            if e.is_cancelled() {
                continue;
            }
            self.explicit(e, master.map(|_| rid))?;
        }
        Ok(())
    }

    /// The series' changed instances, one per `RECURRENCE-ID` (the highest
    /// `SEQUENCE` wins), by the instant they name (and its date, for a
    /// date), sorted.
    #[allow(clippy::type_complexity)]
    fn chosen(
        &mut self,
        s: &Series,
    ) -> Result<Vec<(Timestamp, Option<NaiveDate>, &'a Event)>, Failure> {
        let events = &self.cal.events;
        let mut chosen: Vec<(Timestamp, Option<NaiveDate>, &'a Event)> = Vec::new();
        for &i in &s.instances {
            let e = &events[i];
            let Some(rid) = &e.recurrence_id else {
                continue;
            };
            let at = self.clocks.instant(&rid.value.time)?;
            let date = match rid.value.time {
                Time::Date(d) => Some(d),
                _ => None,
            };
            match chosen.iter_mut().find(|c| c.0 == at) {
                Some(c) => {
                    let keep_new = e.sequence() > c.2.sequence();
                    let (kept, dropped) = if keep_new { (e, c.2) } else { (c.2, e) };
                    self.diagnostics.push(
                        Diagnostic::warning(
                            "ical-duplicate-instance",
                            dropped.span,
                            format!(
                                "two changed occurrences of `{}` replace the one at {}; the one with the higher `SEQUENCE` is used",
                                s.uid.as_deref().unwrap_or(""),
                                at
                            ),
                        )
                        .with_label(kept.span, "this one is used"),
                    );
                    c.2 = kept;
                }
                None => chosen.push((at, date, e)),
            }
        }
        chosen.sort_by_key(|c| c.0);
        Ok(chosen)
    }

    /// Whether the master's rules (with `DTSTART`) give an occurrence
    /// starting at `at`.
    fn rule_gives(&mut self, m: &Event, clock: &Clock, at: Timestamp) -> Result<bool, Failure> {
        let local = clock.local_of(at.0);
        // A start in a gap resolves forward by the gap: when the clock
        // keeps its offset over the day before, the start can only be
        // `local` itself.
        let steady = clock.local_of(at.0.saturating_sub(DAY)) == local.saturating_sub(DAY);
        let (from, to) = if steady {
            (local, local + 1)
        } else {
            (local - DAY, local + DAY + 1)
        };
        let found = self.rule_starts(m, clock, from, to)?;
        Ok(found.iter().any(|&l| clock.resolve(l).instant == at))
    }

    /// The local readings of the master's rule occurrences (with
    /// `DTSTART`) in `[from, to)` local seconds.
    fn rule_starts(
        &mut self,
        m: &Event,
        clock: &Clock,
        from: i64,
        to: i64,
    ) -> Result<Vec<i64>, Failure> {
        let mut set = RecurrenceSet::new(naive_of_local(Clocks::local(&m.start.value)));
        set.rules = m.rules.iter().map(|r| r.value.clone()).collect();
        let span = m.rules.first().map_or(m.start.span, |r| r.span);
        let limit = self.work.min(WORK_LIMIT);
        let mut it = set.occurrences(naive_of_local(from), naive_of_local(to), clock, Some(limit));
        let mut out = Vec::new();
        for t in it.by_ref() {
            let t = t.map_err(|e| Box::new(e.diagnostic(span)))?;
            out.push(local_seconds(t));
        }
        self.spend(it.work(), span)?;
        Ok(out)
    }

    /// See [`master_starts`].
    fn master_starts(&mut self, s: &Series) -> Result<MasterStarts, Failure> {
        let chosen = self.chosen(s)?;
        let cal = self.cal;
        let instances: Vec<usize> = chosen
            .iter()
            .filter_map(|c| {
                s.instances
                    .iter()
                    .copied()
                    .find(|&i| std::ptr::eq(&cal.events[i], c.2))
            })
            .collect();
        let Some(m) = s.master.map(|m| &cal.events[m]) else {
            return Ok(MasterStarts {
                instances,
                diagnostics: std::mem::take(&mut self.diagnostics),
                ..MasterStarts::default()
            });
        };
        let clock = self.clocks.of(&m.start.value)?;
        let length = self.length(m)?;
        let removed = self.removed(m, &chosen)?;
        let dtstart_local = Clocks::local(&m.start.value);
        let dtstart_at = clock.resolve(dtstart_local).instant;
        let recurring = !m.rules.is_empty();
        let mut placed: HashSet<Timestamp> = HashSet::new();
        if !recurring {
            placed.insert(dtstart_at);
        }
        let mut rdates = Vec::with_capacity(m.rdates.len());
        for r in &m.rdates {
            let (at, len) = self.rdate(r.value, length)?;
            let local = clock.local_of(at.0);
            self.spend(1, r.span)?;
            let own = placed.insert(at) && !(recurring && self.rule_gives(m, &clock, at)?);
            rdates.push((own && !removed.removes(at, local)).then(|| {
                let end = Self::end(&clock, local, at, len);
                (at, end)
            }));
        }
        let mut excluded_by_date = Vec::new();
        if recurring && !removed.all_day {
            let mut dates: Vec<NaiveDate> = removed.dates.iter().copied().collect();
            dates.sort_unstable();
            for d in dates {
                let from = local_seconds(d.and_hms_opt(0, 0, 0).unwrap_or_default());
                for l in self.rule_starts(m, &clock, from, from + DAY)? {
                    excluded_by_date.push(naive_of_local(l));
                }
            }
        }
        Ok(MasterStarts {
            dtstart: !removed.removes(dtstart_at, dtstart_local),
            rdates,
            excluded_by_date,
            instances,
            diagnostics: std::mem::take(&mut self.diagnostics),
        })
    }

    /// An `RDATE`'s start, and its length: its period's, else the series'.
    fn rdate(&mut self, r: RDate, series: Length) -> Result<(Timestamp, Length), Failure> {
        Ok(match r {
            RDate::Start(t) => (self.clocks.instant(&t)?, series),
            RDate::Period(t, end) => {
                let at = self.clocks.instant(&t)?;
                let len = match end {
                    PeriodEnd::End(e) => Length::Exact((self.clocks.instant(&e)?.0 - at.0).max(0)),
                    PeriodEnd::Duration(d) => Length::Nominal(d.nominal_days(), d.exact_seconds()),
                };
                (at, len)
            }
        })
    }

    /// What the master's `EXDATE`s and the series' changed instances
    /// (`chosen`: their `RECURRENCE-ID`s) take out.
    fn removed(
        &mut self,
        m: &Event,
        chosen: &[(Timestamp, Option<NaiveDate>, &'a Event)],
    ) -> Result<Removed, Failure> {
        let mut r = Removed {
            all_day: m.start.value.is_date(),
            ..Removed::default()
        };
        for x in &m.exdates {
            match x.value {
                Time::Date(d) => {
                    r.dates.insert(d);
                }
                t => {
                    r.instants.insert(self.clocks.instant(&t)?);
                }
            }
        }
        r.replaced = chosen.iter().map(|c| c.0).collect();
        r.replaced_dates = chosen.iter().filter_map(|c| c.1).collect();
        Ok(r)
    }

    fn master(
        &mut self,
        m: &'a Event,
        chosen: &[(Timestamp, Option<NaiveDate>, &'a Event)],
    ) -> Result<(), Failure> {
        let clock = self.clocks.of(&m.start.value)?;
        let length = self.length(m)?;
        let all_day = m.start.value.is_date();
        let removed = self.removed(m, chosen)?;
        // THISANDFUTURE instances: (rid, instance, shift on the master's wall clock).
        let mut future: Vec<(Timestamp, &'a Event, i64)> = Vec::new();
        for &(rid, _, e) in chosen {
            if e.recurrence_id
                .as_ref()
                .is_some_and(|r| r.value.this_and_future)
            {
                let new_start = self.clocks.instant(&e.start.value)?;
                let shift = clock.local_of(new_start.0) - clock.local_of(rid.0);
                future.push((rid, e, shift));
            }
        }
        let lookback = length.bound();
        let mut starts: Vec<(i64, Option<(Timestamp, Length)>)> = Vec::new();
        // The rule's occurrences (local readings) over the window.
        let dtstart_local = Clocks::local(&m.start.value);
        if m.rules.is_empty() {
            starts.push((dtstart_local, None));
        } else {
            let from_local = clock.local_of(self.from.0.saturating_sub(lookback)) - DAY;
            let to_local = clock.local_of(self.to.0) + DAY;
            let mut set = RecurrenceSet::new(naive_of_local(dtstart_local));
            set.rules = m.rules.iter().map(|r| r.value.clone()).collect();
            let limit = self.work.min(WORK_LIMIT);
            let span = m.rules.first().map_or(m.start.span, |r| r.span);
            let mut it = set.occurrences(
                naive_of_local(from_local),
                naive_of_local(to_local),
                &clock,
                Some(limit),
            );
            for t in it.by_ref() {
                let t = t.map_err(|e| Box::new(e.diagnostic(span)))?;
                starts.push((local_seconds(t), None));
            }
            self.spend(it.work(), span)?;
        }
        // RDATEs, each with its own length when it is a period.
        for r in &m.rdates {
            let (at, len) = self.rdate(r.value, length)?;
            starts.push((clock.local_of(at.0), Some((at, len))));
        }
        self.spend(starts.len() as u64, m.start.span)?;
        let mut placed: HashSet<Timestamp> = HashSet::new();
        for (local, given) in starts {
            let (start, len) = match given {
                Some((at, len)) => (at, len),
                None => (clock.resolve(local).instant, length),
            };
            if !placed.insert(start) || removed.removes(start, local) {
                continue;
            }
            // The latest THISANDFUTURE change at or before this occurrence.
            let change = future.iter().rev().find(|f| f.0 <= start);
            let (event, start_at, end_at) = match change {
                Some(&(_, e, shift)) => {
                    let new_local = local + shift;
                    let s = clock.resolve(new_local).instant;
                    let l = self.length(e)?;
                    (e, s, Self::end(&clock, new_local, s, l))
                }
                None => (m, start, Self::end(&clock, local, start, len)),
            };
            if self.in_window(start_at, end_at) {
                self.out.push(Occurrence {
                    start: start_at,
                    end: end_at,
                    event,
                    recurrence_id: (!m.rules.is_empty() || !m.rdates.is_empty()).then_some(start),
                    all_day,
                });
            }
        }
        Ok(())
    }
}

/// Every occurrence of the calendar's events that overlaps `[from, to)`
/// (an occurrence lasting no time counts when it starts in the window), in
/// order of start, end and `UID`, with the diagnostics of series that could
/// not be expanded (their occurrences are left out).
///
/// ```
/// use escalator::ical::{expand, read, ExpandOptions};
/// use escalator::time::parse_instant;
/// let text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nSUMMARY:alice\r\n\
///     DTSTART;TZID=America/New_York:20260306T023000\r\nDURATION:PT8H\r\n\
///     RRULE:FREQ=DAILY;COUNT=3\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
/// let (cal, diagnostics) = read(text);
/// assert!(diagnostics.is_empty());
/// let utc = chrono_tz::UTC;
/// let (from, to) = (parse_instant("2026-03-01", utc).unwrap(), parse_instant("2026-04-01", utc).unwrap());
/// let (occurrences, _) = expand(&cal, from, to, ExpandOptions::new(utc));
/// let starts: Vec<_> = occurrences.iter().map(|o| o.start.to_rfc3339()).collect();
/// // 02:30 does not exist on 2026-03-08 in New York: it is read with the
/// // offset before the gap (EST), which is 03:30 EDT.
/// assert_eq!(starts, ["2026-03-06T07:30:00Z", "2026-03-07T07:30:00Z", "2026-03-08T07:30:00Z"]);
/// ```
pub fn expand(
    cal: &Calendar,
    from: Timestamp,
    to: Timestamp,
    options: ExpandOptions,
) -> (Vec<Occurrence<'_>>, Vec<Diagnostic>) {
    let (all, mut diagnostics) = series(cal);
    let mut out = Vec::new();
    let mut budget = options.work_limit;
    for (i, s) in all.iter().enumerate() {
        if budget == 0 {
            let first = s
                .master
                .or(s.instances.first().copied())
                .map_or(Span::default(), |e| cal.events[e].span);
            diagnostics.push(
                Diagnostic::error(
                    "recurrence-too-much-work",
                    first,
                    format!(
                        "expanding the calendar over the window takes more than {} steps; {} series from here on are left out",
                        options.work_limit,
                        all.len() - i
                    ),
                )
                .with_help("ask for a shorter window"),
            );
            break;
        }
        let e = expand_series(cal, s, from, to, options.floating, budget);
        out.extend(e.occurrences);
        diagnostics.extend(e.diagnostics);
        budget = budget.saturating_sub(e.work);
    }
    sort(&mut out);
    (out, diagnostics)
}

/// Sorts occurrences by start, end and `UID`.
fn sort(out: &mut [Occurrence<'_>]) {
    out.sort_by(|a, b| {
        (a.start, a.end, a.event.uid.as_ref().map(|u| &u.value)).cmp(&(
            b.start,
            b.end,
            b.event.uid.as_ref().map(|u| &u.value),
        ))
    });
}

/// One series expanded over a window (see [`expand_series`]).
#[derive(Clone, Debug)]
pub struct SeriesExpansion<'a> {
    /// Its occurrences overlapping the window, sorted; none when the
    /// series could not be expanded.
    pub occurrences: Vec<Occurrence<'a>>,
    /// Warnings found on the way, and the error when it could not be
    /// expanded (a zone too complex, too much work).
    pub diagnostics: Vec<Diagnostic>,
    /// The work done.
    pub work: u64,
    /// Expanded in full (no error).
    pub complete: bool,
}

/// The occurrences of one series overlapping `[from, to)` (an occurrence
/// lasting no time counts when it starts in the window): the master's
/// rules and `RDATE`s minus its `EXDATE`s, each changed or cancelled
/// instance in place of the occurrence its `RECURRENCE-ID` names. At most
/// `work_limit` work is done (and at most [`WORK_LIMIT`] on the rules).
pub fn expand_series<'a>(
    cal: &'a Calendar,
    series: &Series,
    from: Timestamp,
    to: Timestamp,
    floating: Tz,
    work_limit: u64,
) -> SeriesExpansion<'a> {
    let floating_tz = cal.floating_zone(floating);
    let mut run = SeriesRun {
        cal,
        clocks: Clocks {
            cal,
            floating: Clock::iana(floating_tz),
            through: to.0.saturating_add(2 * DAY),
            cache: HashMap::new(),
        },
        from,
        to,
        work: work_limit,
        out: Vec::new(),
        diagnostics: Vec::new(),
    };
    let result = run.run(series);
    let work = work_limit - run.work;
    let mut diagnostics = run.diagnostics;
    match result {
        Ok(()) => {
            let mut occurrences = run.out;
            sort(&mut occurrences);
            SeriesExpansion {
                occurrences,
                diagnostics,
                work,
                complete: true,
            }
        }
        Err(e) => {
            diagnostics.push(*e);
            SeriesExpansion {
                occurrences: Vec::new(),
                diagnostics,
                // A failed series counts as a full series' work.
                work: work.max(WORK_LIMIT.min(work_limit)),
                complete: false,
            }
        }
    }
}

/// Which of a series master's own starts are occurrences, as
/// [`expand_series`] reads them: for a writer that keeps the series' rule
/// as a rule and writes the rest out (the calendar importer).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MasterStarts {
    /// `DTSTART` is an occurrence: no `EXDATE` or changed instance takes
    /// it out.
    pub dtstart: bool,
    /// Each `RDATE`, in order: its occurrence (start, end), or `None` when
    /// it is no occurrence of its own: an `EXDATE` or a changed instance
    /// takes its start out, or the rule (with `DTSTART`) or an earlier
    /// `RDATE` already starts an occurrence then.
    pub rdates: Vec<Option<(Timestamp, Timestamp)>>,
    /// The local starts of the rule (with `DTSTART`) that date `EXDATE`s
    /// take out (every occurrence starting that day on the series' clock),
    /// in order; empty for an all-day series, whose dates are its starts.
    pub excluded_by_date: Vec<chrono::NaiveDateTime>,
    /// The changed (or cancelled) instances that count, one per
    /// `RECURRENCE-ID` (of two, the higher `SEQUENCE`; see
    /// `ical-duplicate-instance`), as indices into [`Calendar::events`],
    /// in the order of the occurrences they name.
    pub instances: Vec<usize>,
    /// What reading the series found on the way (`ical-duplicate-instance`
    /// for a changed instance that does not count).
    pub diagnostics: Vec<Diagnostic>,
}

/// The fate of each start a series' master gives itself (see
/// [`MasterStarts`]), or the error that stops its expansion. Bounded like
/// [`expand_series`]: at most `work_limit` work.
pub fn master_starts(
    cal: &Calendar,
    series: &Series,
    floating: Tz,
    work_limit: u64,
) -> Result<MasterStarts, Box<Diagnostic>> {
    let floating_tz = cal.floating_zone(floating);
    // Custom zones' tables must reach the latest start named.
    let through = series
        .master
        .map(|m| &cal.events[m])
        .into_iter()
        .flat_map(|m| {
            let rdates = m.rdates.iter().map(|r| match r.value {
                RDate::Start(t) | RDate::Period(t, _) => t,
            });
            let exdates = m.exdates.iter().map(|x| x.value);
            std::iter::once(m.start.value).chain(rdates).chain(exdates)
        })
        .map(|t| Clocks::local(&t))
        .max()
        .unwrap_or(0)
        .saturating_add(2 * DAY);
    let mut run = SeriesRun {
        cal,
        clocks: Clocks {
            cal,
            floating: Clock::iana(floating_tz),
            through,
            cache: HashMap::new(),
        },
        from: Timestamp::MIN,
        to: Timestamp::MAX,
        work: work_limit,
        out: Vec::new(),
        diagnostics: Vec::new(),
    };
    run.master_starts(series)
}

/// The instant a time means in a calendar (floating times and dates in
/// `X-WR-TIMEZONE`, else `floating`), resolved with the gap and fold rule.
///
/// A local time that occurs twice is the first of the two (RFC 5545
/// section 3.3.5):
///
/// ```
/// use escalator::ical::{instant_of, read};
/// let text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\n\
///     DTSTART;TZID=America/New_York:20261101T013000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
/// let (cal, _) = read(text);
/// let start = instant_of(&cal, &cal.events[0].start.value, chrono_tz::UTC).unwrap();
/// // New York repeats 01:00-02:00 on 2026-11-01: 01:30 is 01:30 EDT.
/// assert_eq!(start.to_rfc3339(), "2026-11-01T05:30:00Z");
/// ```
pub fn instant_of(cal: &Calendar, time: &Time, floating: Tz) -> Result<Timestamp, Box<Diagnostic>> {
    let mut clocks = Clocks {
        cal,
        floating: Clock::iana(cal.floating_zone(floating)),
        through: 0,
        cache: HashMap::new(),
    };
    clocks.instant(time)
}
