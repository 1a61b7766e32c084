//! The tz database, compactly: every zone's changes of offset and
//! abbreviation, read from `tzdata.bin` instead of chrono-tz's tables.
//!
//! chrono-tz keeps each change as a 24-byte record (~110 KB of the gzipped
//! wasm module, with the code that reads them); this file holds the same
//! changes as varints (~16 KB gzipped), and [`zone_periods`] decodes one
//! zone on demand ([`super::Zone`] keeps what it decoded). chrono-tz still
//! names and parses the zones ([`Tz`]); its `TimeZone` implementation is not
//! used by the engine, so its tables are not linked into the wasm module.
//!
//! `tzdata.bin` is written from chrono-tz itself, by probing every zone
//! (see the tests below, which check it against the chrono-tz in
//! Cargo.lock for every zone, and rewrite it with
//! `ESCALATOR_WRITE_TZDATA=1 cargo test --lib tzdata`). chrono-tz has no
//! change before 1800 nor after 2100, so the changes are complete.
//!
//! Layout (varints are LEB128; signed ones zigzag-encoded first):
//!
//! ```text
//! zones     count, then per chrono-tz zone (TZ_VARIANTS order) its list
//! periods   count, then per period: signed offset (s), name (0: none, k: names[k-1])
//! names     count, then per name: length byte, ASCII
//! lists     count, then per list: changes, first period, bytes of its
//!           instants, bytes of its periods
//! instants  per list: its first change (signed), then the gaps between changes
//! periods   per list: the period each change starts
//! ```

use chrono_tz::Tz;

static DATA: &[u8] = include_bytes!("tzdata.bin");

/// A stretch of a zone's time: its offset from UTC and its abbreviation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    /// Offset from UTC in seconds.
    pub offset: i32,
    /// The abbreviation (`CEST`), or none where the database writes the
    /// offset (`+03`).
    pub name: Option<&'static str>,
}

impl std::fmt::Display for Period {
    /// The abbreviation, or the offset as chrono-tz writes it (`+03`, `-0930`).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(name) = self.name {
            return f.write_str(name);
        }
        let sign = if self.offset < 0 { '-' } else { '+' };
        let minutes = self.offset.unsigned_abs() / 60;
        let (hours, mins) = (minutes / 60, minutes % 60);
        if mins == 0 {
            write!(f, "{sign}{hours:02}")
        } else {
            write!(f, "{sign}{hours:02}{mins:02}")
        }
    }
}

/// A zone's periods: the first (before any change), then each change
/// (its first instant, seconds since the epoch) with the period it starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ZonePeriods {
    pub first: Period,
    pub changes: Vec<(i64, Period)>,
}

impl ZonePeriods {
    /// The period at an instant.
    pub fn at(&self, instant: i64) -> Period {
        let i = self.changes.partition_point(|c| c.0 <= instant);
        match i.checked_sub(1).and_then(|j| self.changes.get(j)) {
            Some(c) => c.1,
            None => self.first,
        }
    }
}

struct Reader {
    pos: usize,
}

impl Reader {
    fn varint(&mut self) -> u64 {
        let mut out = 0u64;
        let mut shift = 0;
        while let Some(&b) = DATA.get(self.pos) {
            self.pos += 1;
            out |= u64::from(b & 0x7f) << shift;
            shift += 7;
            if b < 0x80 || shift >= 64 {
                break;
            }
        }
        out
    }
    fn signed(&mut self) -> i64 {
        let v = self.varint();
        ((v >> 1) as i64) ^ -((v & 1) as i64)
    }
    fn index(&mut self) -> usize {
        self.varint() as usize
    }
}

/// Decodes one zone's periods from `tzdata.bin`.
pub fn zone_periods(tz: Tz) -> ZonePeriods {
    let mut r = Reader { pos: 0 };
    let zones = r.index();
    let mut list = 0;
    for i in 0..zones {
        let l = r.index();
        if i == tz as usize {
            list = l;
        }
    }
    let raw: Vec<(i32, usize)> = (0..r.index())
        .map(|_| (r.signed() as i32, r.index()))
        .collect();
    let names: Vec<&'static str> = (0..r.index())
        .map(|_| {
            let len = DATA.get(r.pos).map_or(0, |&b| usize::from(b));
            let name = DATA.get(r.pos + 1..r.pos + 1 + len).unwrap_or_default();
            r.pos += 1 + len;
            std::str::from_utf8(name).unwrap_or_default()
        })
        .collect();
    let period = |p: usize| -> Period {
        let (offset, name) = raw.get(p).copied().unwrap_or_default();
        Period {
            offset,
            name: name.checked_sub(1).and_then(|k| names.get(k)).copied(),
        }
    };
    // This list's place in the two streams: the instants of every list,
    // then the periods of every list.
    let (mut n, mut first, mut instants, mut periods, mut all_instants) = (0, 0, 0, 0, 0);
    for l in 0..r.index() {
        let (count, first_period, ibytes, pbytes) = (r.index(), r.index(), r.index(), r.index());
        if l == list {
            (n, first) = (count, first_period);
        } else if l < list {
            instants += ibytes;
            periods += pbytes;
        }
        all_instants += ibytes;
    }
    let mut t = Reader {
        pos: r.pos + instants,
    };
    let mut p = Reader {
        pos: r.pos + all_instants + periods,
    };
    let mut changes = Vec::with_capacity(n);
    let mut at = 0i64;
    for i in 0..n {
        at = if i == 0 {
            t.signed()
        } else {
            at + t.varint() as i64
        };
        changes.push((at, period(p.index())));
    }
    ZonePeriods {
        first: period(first),
        changes,
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use chrono::{DateTime, Offset, TimeZone};
    use chrono_tz::{OffsetName, TZ_VARIANTS};
    use std::collections::HashMap;

    /// Seconds between probes: shorter than the closest two changes of any
    /// zone in chrono-tz's tables (601 200 s apart at the least).
    const STEP: i64 = 6 * 86_400;
    /// 1800-01-01T00:00:00Z and 2101-01-01T00:00:00Z.
    const START: i64 = -5_364_662_400;
    const END: i64 = 4_133_980_800;

    type Probed = (i32, Option<String>);

    fn probe(tz: Tz, t: i64) -> Probed {
        let naive = DateTime::from_timestamp(t, 0).unwrap().naive_utc();
        let o = tz.offset_from_utc_datetime(&naive);
        (
            o.fix().local_minus_utc(),
            o.abbreviation().map(str::to_owned),
        )
    }

    /// A zone's periods straight from chrono-tz: probed every [`STEP`],
    /// bisected to the second where two probes differ.
    fn probed(tz: Tz) -> (Probed, Vec<(i64, Probed)>) {
        let first = probe(tz, START);
        let mut changes = Vec::new();
        let (mut a, mut pa) = (START, first.clone());
        while a < END {
            let b = (a + STEP).min(END);
            let pb = probe(tz, b);
            if pb != pa {
                let (mut lo, mut hi) = (a, b);
                while hi - lo > 1 {
                    let mid = lo + (hi - lo) / 2;
                    if probe(tz, mid) == pa {
                        lo = mid;
                    } else {
                        hi = mid;
                    }
                }
                // One change per step: the period after it lasts to `b`.
                assert_eq!(
                    probe(tz, hi),
                    pb,
                    "{tz}: two changes within {STEP} s near {hi}"
                );
                changes.push((hi, pb.clone()));
            }
            (a, pa) = (b, pb);
        }
        // Nothing changes outside the probed range.
        let far = |t: i64| probe(tz, t);
        assert_eq!(far(-60_000_000_000), first, "{tz} before 1800");
        assert_eq!(far(END), far(200_000_000_000), "{tz} after 2100");
        (first, changes)
    }

    fn varint(out: &mut Vec<u8>, mut v: u64) {
        loop {
            let b = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                out.push(b);
                return;
            }
            out.push(b | 0x80);
        }
    }

    fn signed(out: &mut Vec<u8>, v: i64) {
        varint(out, ((v << 1) ^ (v >> 63)) as u64);
    }

    /// `tzdata.bin` as the chrono-tz in Cargo.lock has it.
    fn encode(zones: &[(Probed, Vec<(i64, Probed)>)]) -> Vec<u8> {
        let mut lists: Vec<&(Probed, Vec<(i64, Probed)>)> = Vec::new();
        let mut list_of = Vec::new();
        for z in zones {
            let l = lists.iter().position(|&l| l == z).unwrap_or_else(|| {
                lists.push(z);
                lists.len() - 1
            });
            list_of.push(l);
        }
        let mut periods: Vec<&Probed> = Vec::new();
        let mut names: Vec<&str> = Vec::new();
        let mut index: HashMap<&Probed, usize> = HashMap::new();
        let mut pidx = |p| -> usize {
            *index.entry(p).or_insert_with(|| {
                periods.push(p);
                periods.len() - 1
            })
        };
        let mut instants = Vec::new();
        let mut pstream = Vec::new();
        let mut header = Vec::new();
        for (first, changes) in &lists {
            let f = pidx(first);
            let (i0, p0) = (instants.len(), pstream.len());
            let mut prev = 0;
            for (k, (at, p)) in changes.iter().enumerate() {
                if k == 0 {
                    signed(&mut instants, *at);
                } else {
                    varint(&mut instants, (at - prev) as u64);
                }
                prev = *at;
                varint(&mut pstream, pidx(p) as u64);
            }
            header.push((changes.len(), f, instants.len() - i0, pstream.len() - p0));
        }
        let mut out = Vec::new();
        varint(&mut out, zones.len() as u64);
        for l in list_of {
            varint(&mut out, l as u64);
        }
        varint(&mut out, periods.len() as u64);
        for (offset, name) in &periods {
            signed(&mut out, i64::from(*offset));
            let k = name.as_deref().map_or(0, |n| {
                names.iter().position(|&m| m == n).unwrap_or_else(|| {
                    names.push(n);
                    names.len() - 1
                }) + 1
            });
            varint(&mut out, k as u64);
        }
        varint(&mut out, names.len() as u64);
        for n in &names {
            out.push(u8::try_from(n.len()).unwrap());
            out.extend_from_slice(n.as_bytes());
        }
        varint(&mut out, lists.len() as u64);
        for (n, f, ib, pb) in header {
            for v in [n, f, ib, pb] {
                varint(&mut out, v as u64);
            }
        }
        out.extend_from_slice(&instants);
        out.extend_from_slice(&pstream);
        out
    }

    fn all_probed() -> Vec<(Probed, Vec<(i64, Probed)>)> {
        // Two threads: about 11 million chrono-tz look-ups.
        let half = TZ_VARIANTS.len() / 2;
        let (a, b) = TZ_VARIANTS.split_at(half);
        std::thread::scope(|s| {
            let h = s.spawn(|| a.iter().map(|&tz| probed(tz)).collect::<Vec<_>>());
            let mut rest: Vec<_> = b.iter().map(|&tz| probed(tz)).collect();
            let mut out = h.join().unwrap();
            out.append(&mut rest);
            out
        })
    }

    #[test]
    fn zones_index_in_variant_order() {
        for (i, tz) in TZ_VARIANTS.iter().enumerate() {
            assert_eq!(*tz as usize, i);
        }
    }

    /// Every zone's every change of offset or abbreviation, 1800 to 2100,
    /// decodes as chrono-tz has it, to the second; and `tzdata.bin` is what
    /// the chrono-tz in Cargo.lock gives.
    #[test]
    fn tzdata_matches_chrono_tz_for_every_zone() {
        let zones = all_probed();
        let bytes = encode(&zones);
        if bytes != DATA && std::env::var_os("ESCALATOR_WRITE_TZDATA").is_some() {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/time/tzdata.bin");
            std::fs::write(path, &bytes).unwrap();
            panic!("wrote {path}: run the tests again");
        }
        assert!(
            bytes == DATA,
            "src/time/tzdata.bin is stale: ESCALATOR_WRITE_TZDATA=1 cargo test --lib tzdata"
        );
        for (tz, (first, changes)) in TZ_VARIANTS.iter().zip(&zones) {
            let got = zone_periods(*tz);
            let own = |p: Period| (p.offset, p.name.map(str::to_owned));
            assert_eq!(own(got.first), *first, "{tz}: first period");
            let got: Vec<_> = got.changes.iter().map(|&(at, p)| (at, own(p))).collect();
            assert_eq!(&got, changes, "{tz}: changes");
        }
    }

    #[test]
    fn periods_display_as_chrono_tz() {
        for tz in [
            chrono_tz::Europe::Berlin,
            chrono_tz::Asia::Dubai,
            chrono_tz::America::St_Johns,
            chrono_tz::Australia::Eucla,
        ] {
            let zone = zone_periods(tz);
            for t in [
                -3_000_000_000i64,
                0,
                1_774_746_000,
                1_792_890_000,
                4_000_000_000,
            ] {
                let naive = DateTime::from_timestamp(t, 0).unwrap().naive_utc();
                let want = tz.offset_from_utc_datetime(&naive).to_string();
                assert_eq!(zone.at(t).to_string(), want, "{tz} at {t}");
            }
        }
    }
}
