//! Matching: which object of NEW is which object of OLD.
//!
//! People, schedules, policies, services, severities and vendors are paired
//! one to one, in rounds, each round only among the objects still unpaired:
//!
//! 1. `--map OLD_ID=NEW_ID` ([`MapEntry`]), which wins over everything;
//! 2. the same `id`;
//! 3. the same `source` (the reference an importer kept: `PSCH001`,
//!    `pagerduty_user.alice`, an e-mail...);
//! 4. the same `name` (case and runs of spaces ignored);
//! 5. for people, the same e-mail address (a `contact` whose `to` holds `@`,
//!    case ignored).
//!
//! A key shared by several unpaired objects on either side pairs nothing
//! (no guessing). Whatever is left is unmatched and listed.

use std::collections::HashMap;

use crate::error::QueryError;
use crate::model::{Model, PersonIdx, VendorIdx};
use crate::suggest::did_you_mean;

/// The kinds of object that are matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ObjectKind {
    Person,
    Schedule,
    Policy,
    Service,
    Severity,
    Vendor,
}

impl ObjectKind {
    /// Every kind, in the order reports list them.
    pub const ALL: [ObjectKind; 6] = [
        ObjectKind::Person,
        ObjectKind::Schedule,
        ObjectKind::Policy,
        ObjectKind::Service,
        ObjectKind::Severity,
        ObjectKind::Vendor,
    ];

    /// `person`, `schedule`, `policy`, `service`, `severity`, `vendor`.
    pub fn as_str(self) -> &'static str {
        match self {
            ObjectKind::Person => "person",
            ObjectKind::Schedule => "schedule",
            ObjectKind::Policy => "policy",
            ObjectKind::Service => "service",
            ObjectKind::Severity => "severity",
            ObjectKind::Vendor => "vendor",
        }
    }

    fn from_str(text: &str) -> Option<ObjectKind> {
        ObjectKind::ALL.into_iter().find(|k| k.as_str() == text)
    }

    /// The ids of this kind in a model, in document order.
    pub fn ids(self, model: &Model) -> Vec<&str> {
        fn ids<T>(list: &[T], id: impl Fn(&T) -> &str) -> Vec<&str> {
            list.iter().map(id).collect()
        }
        match self {
            ObjectKind::Person => ids(&model.people, |x| &x.id.value),
            ObjectKind::Schedule => ids(&model.schedules, |x| &x.id.value),
            ObjectKind::Policy => ids(&model.policies, |x| &x.id.value),
            ObjectKind::Service => ids(&model.services, |x| &x.id.value),
            ObjectKind::Severity => ids(&model.severities, |x| &x.id.value),
            ObjectKind::Vendor => ids(&model.vendors, |x| &x.id.value),
        }
    }

    /// The id of object `index` of this kind (empty if there is none).
    pub fn id(self, model: &Model, index: u32) -> &str {
        let i = index as usize;
        let id = match self {
            ObjectKind::Person => model.people.get(i).map(|x| &x.id.value),
            ObjectKind::Schedule => model.schedules.get(i).map(|x| &x.id.value),
            ObjectKind::Policy => model.policies.get(i).map(|x| &x.id.value),
            ObjectKind::Service => model.services.get(i).map(|x| &x.id.value),
            ObjectKind::Severity => model.severities.get(i).map(|x| &x.id.value),
            ObjectKind::Vendor => model.vendors.get(i).map(|x| &x.id.value),
        };
        id.map_or("", |s| s.as_str())
    }

    /// The display name of object `index` of this kind, if it has one.
    pub fn name(self, model: &Model, index: u32) -> Option<&str> {
        let i = index as usize;
        let name = match self {
            ObjectKind::Person => model.people.get(i).and_then(|x| x.name.as_ref()),
            ObjectKind::Schedule => model.schedules.get(i).and_then(|x| x.name.as_ref()),
            ObjectKind::Policy => model.policies.get(i).and_then(|x| x.name.as_ref()),
            ObjectKind::Service => model.services.get(i).and_then(|x| x.name.as_ref()),
            ObjectKind::Severity => None,
            ObjectKind::Vendor => model.vendors.get(i).and_then(|x| x.name.as_ref()),
        };
        name.map(|s| s.as_str())
    }
}

/// OLD or NEW.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Side {
    Old,
    New,
}

impl Side {
    /// `old` or `new`.
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Old => "old",
            Side::New => "new",
        }
    }
}

/// How a pair was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MatchedBy {
    /// `--map`.
    Map,
    Id,
    Source,
    Name,
    Email,
}

impl MatchedBy {
    /// `map`, `id`, `source`, `name` or `email`.
    pub fn as_str(self) -> &'static str {
        match self {
            MatchedBy::Map => "map",
            MatchedBy::Id => "id",
            MatchedBy::Source => "source",
            MatchedBy::Name => "name",
            MatchedBy::Email => "email",
        }
    }
}

/// One pair: indices into OLD's and NEW's vector of the kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pair {
    pub old: u32,
    pub new: u32,
    pub by: MatchedBy,
}

/// The pairs of one kind, and the objects left over on each side.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    /// In OLD's order.
    pub pairs: Vec<Pair>,
    /// Indices into OLD's vector, in order.
    pub old_only: Vec<u32>,
    /// Indices into NEW's vector, in order.
    pub new_only: Vec<u32>,
    old_to_new: Vec<Option<u32>>,
    new_to_old: Vec<Option<u32>>,
}

impl Table {
    /// NEW's counterpart of OLD's object `old`.
    pub fn new_of(&self, old: u32) -> Option<u32> {
        self.old_to_new.get(old as usize).copied().flatten()
    }

    /// OLD's counterpart of NEW's object `new`.
    pub fn old_of(&self, new: u32) -> Option<u32> {
        self.new_to_old.get(new as usize).copied().flatten()
    }

    fn build(old_len: usize, new_len: usize, mut pairs: Vec<Pair>) -> Table {
        pairs.sort_by_key(|p| p.old);
        let mut old_to_new = vec![None; old_len];
        let mut new_to_old = vec![None; new_len];
        for p in &pairs {
            if let Some(x) = old_to_new.get_mut(p.old as usize) {
                *x = Some(p.new);
            }
            if let Some(x) = new_to_old.get_mut(p.new as usize) {
                *x = Some(p.old);
            }
        }
        let old_only = (0..old_len as u32)
            .filter(|i| old_to_new.get(*i as usize).is_some_and(|x| x.is_none()))
            .collect();
        let new_only = (0..new_len as u32)
            .filter(|i| new_to_old.get(*i as usize).is_some_and(|x| x.is_none()))
            .collect();
        Table {
            pairs,
            old_only,
            new_only,
            old_to_new,
            new_to_old,
        }
    }
}

/// A person as the comparison sees them: OLD's, NEW's, or both when
/// matched. Named by NEW's id when NEW has them, else OLD's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Who {
    pub old: Option<PersonIdx>,
    pub new: Option<PersonIdx>,
}

impl Who {
    /// The id reports use: NEW's, else OLD's.
    pub fn id<'a>(&self, old: &'a Model, new: &'a Model) -> &'a str {
        match (self.new, self.old) {
            (Some(p), _) => new.people.get(p.index()).map_or("", |x| &x.id.value),
            (None, Some(p)) => old.people.get(p.index()).map_or("", |x| &x.id.value),
            (None, None) => "",
        }
    }
}

/// Every kind's pairs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Matching {
    pub people: Table,
    pub schedules: Table,
    pub policies: Table,
    pub services: Table,
    pub severities: Table,
    pub vendors: Table,
}

impl Matching {
    /// The table of a kind.
    pub fn table(&self, kind: ObjectKind) -> &Table {
        match kind {
            ObjectKind::Person => &self.people,
            ObjectKind::Schedule => &self.schedules,
            ObjectKind::Policy => &self.policies,
            ObjectKind::Service => &self.services,
            ObjectKind::Severity => &self.severities,
            ObjectKind::Vendor => &self.vendors,
        }
    }

    /// Everything unmatched: kind, side, index; by kind, OLD's first.
    pub fn unmatched(&self) -> Vec<(ObjectKind, Side, u32)> {
        let mut out = Vec::new();
        for kind in ObjectKind::ALL {
            let t = self.table(kind);
            out.extend(t.old_only.iter().map(|&i| (kind, Side::Old, i)));
            out.extend(t.new_only.iter().map(|&i| (kind, Side::New, i)));
        }
        out
    }

    /// OLD's person as the comparison sees them.
    pub fn who_old(&self, p: PersonIdx) -> Who {
        Who {
            old: Some(p),
            new: self.people.new_of(p.0).map(PersonIdx),
        }
    }

    /// NEW's person as the comparison sees them.
    pub fn who_new(&self, p: PersonIdx) -> Who {
        Who {
            old: self.people.old_of(p.0).map(PersonIdx),
            new: Some(p),
        }
    }

    /// Whether OLD's vendor `old` is NEW's vendor `new`.
    pub fn same_vendor(&self, old: VendorIdx, new: VendorIdx) -> bool {
        self.vendors.new_of(old.0) == Some(new.0)
    }

    /// Whether OLD's person `old` is NEW's person `new`.
    pub fn same_person(&self, old: PersonIdx, new: PersonIdx) -> bool {
        self.people.new_of(old.0) == Some(new.0)
    }
}

/// One `--map` entry: `OLD_ID=NEW_ID`, or `KIND:OLD_ID=NEW_ID` to say which
/// kind (`person`, `schedule`, `policy`, `service`, `severity`, `vendor`)
/// when an id names objects of several kinds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MapEntry {
    pub object: Option<ObjectKind>,
    pub old: String,
    pub new: String,
}

impl MapEntry {
    /// Reads `OLD_ID=NEW_ID` or `KIND:OLD_ID=NEW_ID`.
    ///
    /// ```
    /// use escalator::compare::{MapEntry, ObjectKind};
    /// let e = MapEntry::parse("person:alice=alice.nguyen").unwrap();
    /// assert_eq!((e.object, e.old.as_str(), e.new.as_str()), (Some(ObjectKind::Person), "alice", "alice.nguyen"));
    /// assert_eq!(MapEntry::parse("alice").unwrap_err().code, "invalid-map");
    /// assert_eq!(MapEntry::parse("persn:a=b").unwrap_err().help.as_deref(), Some("did you mean `person`?"));
    /// ```
    pub fn parse(text: &str) -> Result<MapEntry, QueryError> {
        let invalid = || {
            QueryError::new(
                "invalid-map",
                format!("`{}` is not `OLD_ID=NEW_ID`", text.trim()),
            )
            .with_help("write `--map alice=alice.nguyen`, or `--map person:alice=alice.nguyen`")
        };
        let (left, new) = text.split_once('=').ok_or_else(invalid)?;
        let (object, old) = match left.split_once(':') {
            Some((kind, old)) => {
                let kind = kind.trim();
                let object = ObjectKind::from_str(kind).ok_or_else(|| {
                    let e = QueryError::new(
                        "invalid-map",
                        format!("`{kind}` is not a kind of object that is matched"),
                    );
                    match did_you_mean(kind, ObjectKind::ALL.map(|k| k.as_str())) {
                        Some(help) => e.with_help(help),
                        None => e.with_help(
                            "the kinds are `person`, `schedule`, `policy`, `service`, `severity`, `vendor`",
                        ),
                    }
                })?;
                (Some(object), old)
            }
            None => (None, left),
        };
        let (old, new) = (old.trim(), new.trim());
        if old.is_empty() || new.is_empty() {
            return Err(invalid());
        }
        Ok(MapEntry {
            object,
            old: old.to_string(),
            new: new.to_string(),
        })
    }
}

/// What one object offers to be matched by.
struct Candidate {
    id: String,
    source: Option<String>,
    name: Option<String>,
    emails: Vec<String>,
}

/// The candidates of a kind in a model.
fn candidates(model: &Model, kind: ObjectKind) -> Vec<Candidate> {
    let plain = |id: &str, name: Option<&String>, source: Option<&String>| Candidate {
        id: id.to_string(),
        source: source
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()),
        name: name.map(|n| normal_name(n)),
        emails: Vec::new(),
    };
    match kind {
        ObjectKind::Person => model
            .people
            .iter()
            .map(|p| Candidate {
                emails: p
                    .contact
                    .iter()
                    .filter_map(|c| c.to.as_deref())
                    .filter(|to| to.contains('@'))
                    .map(|to| to.trim().to_lowercase())
                    .collect(),
                ..plain(&p.id.value, p.name.as_ref(), p.source.as_ref())
            })
            .collect(),
        ObjectKind::Schedule => model
            .schedules
            .iter()
            .map(|x| plain(&x.id.value, x.name.as_ref(), x.source.as_ref()))
            .collect(),
        ObjectKind::Policy => model
            .policies
            .iter()
            .map(|x| plain(&x.id.value, x.name.as_ref(), x.source.as_ref()))
            .collect(),
        ObjectKind::Service => model
            .services
            .iter()
            .map(|x| plain(&x.id.value, x.name.as_ref(), x.source.as_ref()))
            .collect(),
        ObjectKind::Severity => model
            .severities
            .iter()
            .map(|x| plain(&x.id.value, None, None))
            .collect(),
        ObjectKind::Vendor => model
            .vendors
            .iter()
            .map(|x| plain(&x.id.value, x.name.as_ref(), x.source.as_ref()))
            .collect(),
    }
}

/// A name compared without case and with runs of spaces as one.
fn normal_name(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The keys a candidate offers in a round.
fn keys(c: &Candidate, by: MatchedBy) -> Vec<&str> {
    match by {
        MatchedBy::Map => Vec::new(),
        MatchedBy::Id => vec![c.id.as_str()],
        MatchedBy::Source => c.source.iter().map(|s| s.as_str()).collect(),
        MatchedBy::Name => c
            .name
            .iter()
            .map(|s| s.as_str())
            .filter(|s| !s.is_empty())
            .collect(),
        MatchedBy::Email => c.emails.iter().map(|s| s.as_str()).collect(),
    }
}

/// Pairs two lists of candidates, starting from the forced pairs.
fn pair_up(old: &[Candidate], new: &[Candidate], forced: &[(u32, u32)]) -> Table {
    let mut old_done = vec![false; old.len()];
    let mut new_done = vec![false; new.len()];
    let mut pairs = Vec::new();
    for &(o, n) in forced {
        if let (Some(a), Some(b)) = (old_done.get_mut(o as usize), new_done.get_mut(n as usize)) {
            *a = true;
            *b = true;
            pairs.push(Pair {
                old: o,
                new: n,
                by: MatchedBy::Map,
            });
        }
    }
    for by in [
        MatchedBy::Id,
        MatchedBy::Source,
        MatchedBy::Name,
        MatchedBy::Email,
    ] {
        // Each key's unpaired holders on both sides.
        let mut new_by_key: HashMap<&str, Vec<u32>> = HashMap::new();
        for (i, c) in new.iter().enumerate() {
            if new_done.get(i) == Some(&false) {
                for k in keys(c, by) {
                    let list = new_by_key.entry(k).or_default();
                    if list.last() != Some(&(i as u32)) {
                        list.push(i as u32);
                    }
                }
            }
        }
        if new_by_key.is_empty() {
            continue;
        }
        let mut old_by_key: HashMap<&str, usize> = HashMap::new();
        for (i, c) in old.iter().enumerate() {
            if old_done.get(i) == Some(&false) {
                let mut own = keys(c, by);
                own.sort_unstable();
                own.dedup();
                for k in own {
                    *old_by_key.entry(k).or_default() += 1;
                }
            }
        }
        for (i, c) in old.iter().enumerate() {
            if old_done.get(i) != Some(&false) {
                continue;
            }
            let mut found: Vec<u32> = Vec::new();
            for k in keys(c, by) {
                if let Some(list) = new_by_key.get(k) {
                    if let [only] = list.as_slice() {
                        if old_by_key.get(k) == Some(&1) && !found.contains(only) {
                            found.push(*only);
                        }
                    }
                }
            }
            if let [n] = found.as_slice() {
                if new_done.get(*n as usize) == Some(&false) {
                    if let (Some(a), Some(b)) = (old_done.get_mut(i), new_done.get_mut(*n as usize))
                    {
                        *a = true;
                        *b = true;
                        pairs.push(Pair {
                            old: i as u32,
                            new: *n,
                            by,
                        });
                    }
                }
            }
        }
    }
    Table::build(old.len(), new.len(), pairs)
}

/// Pairs the objects of two models (see the module doc).
///
/// Fails when a `--map` entry names an id that does not exist on its side
/// (with a "did you mean"), or pairs an object twice.
pub fn match_models(old: &Model, new: &Model, map: &[MapEntry]) -> Result<Matching, QueryError> {
    let mut forced: HashMap<ObjectKind, Vec<(u32, u32)>> = HashMap::new();
    for entry in map {
        let kinds: Vec<ObjectKind> = match entry.object {
            Some(k) => vec![k],
            None => ObjectKind::ALL.to_vec(),
        };
        let mut hits = Vec::new();
        for kind in &kinds {
            let o = index_of(old, *kind, &entry.old);
            let n = index_of(new, *kind, &entry.new);
            if let (Some(o), Some(n)) = (o, n) {
                hits.push((*kind, o, n));
            }
        }
        if hits.is_empty() {
            return Err(map_miss(old, new, entry, &kinds));
        }
        for (kind, o, n) in hits {
            let list = forced.entry(kind).or_default();
            if list.iter().any(|(a, b)| *a == o || *b == n) {
                return Err(QueryError::new(
                    "invalid-map",
                    format!(
                        "`--map {}={}` pairs a {} that another `--map` already pairs",
                        entry.old,
                        entry.new,
                        kind.as_str()
                    ),
                )
                .with_help("give each object one `--map`"));
            }
            list.push((o, n));
        }
    }
    let table = |kind: ObjectKind| {
        pair_up(
            &candidates(old, kind),
            &candidates(new, kind),
            forced.get(&kind).map_or(&[][..], |v| v.as_slice()),
        )
    };
    Ok(Matching {
        people: table(ObjectKind::Person),
        schedules: table(ObjectKind::Schedule),
        policies: table(ObjectKind::Policy),
        services: table(ObjectKind::Service),
        severities: table(ObjectKind::Severity),
        vendors: table(ObjectKind::Vendor),
    })
}

fn index_of(model: &Model, kind: ObjectKind, id: &str) -> Option<u32> {
    kind.ids(model)
        .iter()
        .position(|x| *x == id)
        .map(|i| i as u32)
}

/// The error of a `--map` entry that pairs nothing.
fn map_miss(old: &Model, new: &Model, entry: &MapEntry, kinds: &[ObjectKind]) -> QueryError {
    let what = match entry.object {
        Some(k) => k.as_str(),
        None => "object",
    };
    let in_old: Vec<ObjectKind> = kinds
        .iter()
        .copied()
        .filter(|k| index_of(old, *k, &entry.old).is_some())
        .collect();
    let (side, id, model, search): (&str, &str, &Model, Vec<ObjectKind>) = if in_old.is_empty() {
        ("OLD", &entry.old, old, kinds.to_vec())
    } else {
        ("NEW", &entry.new, new, in_old.clone())
    };
    let what = if in_old.is_empty() {
        what
    } else if let [k] = in_old.as_slice() {
        k.as_str()
    } else {
        what
    };
    let ids: Vec<&str> = search.iter().flat_map(|k| k.ids(model)).collect();
    let e = QueryError::new(
        "unknown-id",
        format!(
            "`--map {}={}`: no {what} `{id}` in {side}",
            entry.old, entry.new
        ),
    );
    match did_you_mean(id, ids) {
        Some(help) => e.with_help(help),
        None => e,
    }
}
