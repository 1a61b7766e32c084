//! Schedule quality over a window, scored the way Grafana OnCall does, so
//! users can compare: coverage, balance, and who carries more than average.

use super::{timeline, Timeline};
use crate::error::QueryError;
use crate::model::{Model, PersonIdx, ScheduleIdx};
use crate::time::Timestamp;

/// How well a schedule covers and shares a window.
#[derive(Clone, Debug, PartialEq)]
pub struct Quality {
    pub from: Timestamp,
    pub to: Timestamp,
    /// Share of the window with someone on call, `0.0..=1.0`.
    pub coverage: f64,
    /// Mean over pairs of people of shorter / longer total on-call time,
    /// `0.0..=1.0` (1 with one person or none).
    pub balance: f64,
    /// Everyone in the schedule's rotations or on call in the window, by id.
    pub people: Vec<Load>,
    /// Those above the average, most loaded first.
    pub overloaded: Vec<Load>,
}

/// One person's total on-call time in the window.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Load {
    pub person: PersonIdx,
    pub seconds: i64,
    /// Seconds above the average (negative: below).
    pub above_average_seconds: i64,
    /// The same as a share of the average (0.25: a quarter more).
    pub above_average: f64,
}

/// Scores a schedule over `[from, to)`.
///
/// A person is counted for every second they are on call, also when they
/// share a shift. The people compared are the rotations' members plus anyone
/// on call in the window (overrides included).
pub fn quality(
    model: &Model,
    schedule: ScheduleIdx,
    from: Timestamp,
    to: Timestamp,
) -> Result<Quality, QueryError> {
    let mut list = Timeline::new();
    timeline(model, schedule, from, to, &mut list)?;
    let mut seconds = vec![0i64; model.people.len()];
    let mut involved = vec![false; model.people.len()];
    if let Some(s) = model.schedules.get(schedule.index()) {
        for layer in &s.layers {
            for p in layer.people() {
                if let Some(x) = involved.get_mut(p.index()) {
                    *x = true;
                }
            }
        }
    }
    let mut covered = 0i64;
    for shift in list.iter() {
        let len = shift.end.0 - shift.start.0;
        if !shift.on_call.is_empty() {
            covered += len;
        }
        for p in shift.on_call {
            if let (Some(s), Some(i)) = (seconds.get_mut(p.index()), involved.get_mut(p.index())) {
                *s += len;
                *i = true;
            }
        }
    }
    let total = (to.0 - from.0).max(1);
    let mut people: Vec<(PersonIdx, i64)> = involved
        .iter()
        .enumerate()
        .filter(|(_, &i)| i)
        .map(|(n, _)| (PersonIdx(n as u32), seconds.get(n).copied().unwrap_or(0)))
        .collect();
    people.sort_by(|a, b| {
        let id = |p: PersonIdx| {
            model
                .people
                .get(p.index())
                .map(|x| x.id.value.as_str())
                .unwrap_or("")
        };
        id(a.0).cmp(id(b.0))
    });
    let balance = balance(&people.iter().map(|p| p.1).collect::<Vec<_>>());
    let average = if people.is_empty() {
        0.0
    } else {
        people.iter().map(|p| p.1 as f64).sum::<f64>() / people.len() as f64
    };
    let loads: Vec<Load> = people
        .iter()
        .map(|&(person, s)| Load {
            person,
            seconds: s,
            above_average_seconds: (s as f64 - average).round() as i64,
            above_average: if average > 0.0 {
                (s as f64 - average) / average
            } else {
                0.0
            },
        })
        .collect();
    let mut overloaded: Vec<Load> = loads
        .iter()
        .copied()
        .filter(|l| l.above_average_seconds > 0)
        .collect();
    overloaded.sort_by_key(|l| std::cmp::Reverse(l.seconds));
    Ok(Quality {
        from,
        to,
        coverage: covered as f64 / total as f64,
        balance,
        people: loads,
        overloaded,
    })
}

/// Mean over pairs of `min/max` of the totals; 1 with fewer than two, and a
/// pair where both are 0 counts as balanced.
///
/// ```
/// use escalator::schedule::quality::balance;
/// assert_eq!(balance(&[]), 1.0);
/// assert_eq!(balance(&[10]), 1.0);
/// assert_eq!(balance(&[10, 10]), 1.0);
/// assert_eq!(balance(&[10, 5, 0]), (0.5 + 0.0 + 0.0) / 3.0);
/// ```
pub fn balance(totals: &[i64]) -> f64 {
    if totals.len() < 2 {
        return 1.0;
    }
    let mut sum = 0.0;
    let mut pairs = 0u64;
    for (i, &a) in totals.iter().enumerate() {
        for &b in totals.iter().skip(i + 1) {
            let (lo, hi) = (a.min(b), a.max(b));
            sum += if hi == 0 { 1.0 } else { lo as f64 / hi as f64 };
            pairs += 1;
        }
    }
    sum / pairs as f64
}
