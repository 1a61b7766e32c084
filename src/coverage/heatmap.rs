//! Heatmaps: coverage folded into local hours of a display zone.
//!
//! Each interval of incident start time is cut at the local hour boundaries
//! of the display zone; each piece lands in its hour-of-week cell and its
//! calendar-day cell. A fall-back hour that occurs twice collects both; a
//! spring-forward hour that does not exist stays empty.

use chrono::{Datelike, NaiveDate, Timelike};
use chrono_tz::Tz;

use crate::time::{Timestamp, Zone};

use super::Interval;

/// The worst case over the incident start times that fall in one local hour.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cell {
    /// Seconds of the window that fall in this cell.
    pub seconds: i64,
    /// Fewest distinct people reached (within the target when the severity
    /// has one, else in the whole plan); `None` when the cell is empty.
    pub fewest_reached: Option<usize>,
    /// Longest delay to the first page, over the start times at which
    /// someone is paged; `None` when nobody ever is (or the cell is empty).
    pub longest_first_page: Option<i64>,
    /// Seconds in this cell at which an incident would page nobody.
    pub gap_seconds: i64,
}

impl Cell {
    fn add(&mut self, seconds: i64, reached: usize, first_page: Option<i64>) {
        self.seconds += seconds;
        self.fewest_reached = Some(self.fewest_reached.map_or(reached, |r| r.min(reached)));
        match first_page {
            Some(f) => {
                self.longest_first_page = Some(self.longest_first_page.map_or(f, |l| l.max(f)))
            }
            None => self.gap_seconds += seconds,
        }
    }
}

/// One calendar day of the window, in the display zone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DayRow {
    pub date: NaiveDate,
    /// Local hours 0..24.
    pub hours: [Cell; 24],
}

/// The hour-of-week and calendar-day heatmaps of a coverage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heatmap {
    /// The display zone.
    pub zone: Tz,
    /// Monday to Sunday, local hours 0..24.
    pub week: [[Cell; 24]; 7],
    /// Each local calendar day the window touches, in order.
    pub days: Vec<DayRow>,
}

/// Folds coverage intervals into heatmaps in `zone`.
pub fn heatmap(intervals: &[Interval], zone: Tz) -> Heatmap {
    let mut map = Heatmap {
        zone,
        week: [[Cell::default(); 24]; 7],
        days: Vec::new(),
    };
    let tz = Zone::new(zone);
    for interval in intervals {
        let reached = interval
            .reached_within_target
            .unwrap_or(interval.reached_total);
        let mut t = interval.start;
        while t < interval.end {
            let local = tz.local_naive(t);
            let into_hour = i64::from(local.minute()) * 60 + i64::from(local.second());
            let end = t.add_seconds(3600 - into_hour).min(interval.end);
            let seconds = end.0 - t.0;
            let hour = local.hour() as usize;
            let weekday = local.weekday().num_days_from_monday() as usize;
            if let Some(cell) = map.week.get_mut(weekday).and_then(|row| row.get_mut(hour)) {
                cell.add(seconds, reached, interval.first_page);
            }
            let date = local.date();
            if map.days.last().is_none_or(|row| row.date != date) {
                map.days.push(DayRow {
                    date,
                    hours: [Cell::default(); 24],
                });
            }
            if let Some(cell) = map.days.last_mut().and_then(|row| row.hours.get_mut(hour)) {
                cell.add(seconds, reached, interval.first_page);
            }
            if end <= t {
                break;
            }
            t = end;
        }
    }
    map
}

/// The local hour start of an instant in `zone` (for display).
pub fn local_hour(zone: Tz, t: Timestamp) -> (NaiveDate, u32) {
    let local = crate::time::zone::local_naive(zone, t);
    (local.date(), local.hour())
}
