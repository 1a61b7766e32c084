//! Linking the objects read from every file: duplicates dropped, rotations,
//! overrides and routing rules read on their own given to their schedule or
//! team, and every reference resolved (by id, then by name or username)
//! across files. A reference to an object in no file makes a stub, with a
//! warning: it is never dropped silently.

use std::collections::HashMap;

use crate::diagnostic::Diagnostic;
use crate::import::SourceFile;

use super::og::{
    At, Escalation, Loose, Og, OverrideUser, Participant, Ref, Schedule, Team, User, F,
};
use super::Diags;

/// What a reference points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    User,
    Team,
    Schedule,
    Escalation,
}

impl Kind {
    fn word(self) -> &'static str {
        match self {
            Kind::User => "user",
            Kind::Team => "team",
            Kind::Schedule => "schedule",
            Kind::Escalation => "escalation",
        }
    }
}

/// Lookups by id and by name, per kind.
#[derive(Default)]
struct Tables {
    by_id: HashMap<(u8, String), usize>,
    by_name: HashMap<(u8, String), usize>,
}

fn k(kind: Kind) -> u8 {
    kind as u8
}

impl Tables {
    fn add(&mut self, kind: Kind, i: usize, id: Option<&str>, name: Option<&str>) {
        if let Some(id) = id {
            self.by_id.entry((k(kind), id.to_string())).or_insert(i);
        }
        if let Some(name) = name {
            self.by_name.entry((k(kind), fold(kind, name))).or_insert(i);
        }
    }

    fn find(&self, kind: Kind, r: &Ref) -> Option<usize> {
        if let Some(id) = &r.id {
            if let Some(i) = self.by_id.get(&(k(kind), id.clone())) {
                return Some(*i);
            }
        }
        let name = r.name.as_ref()?;
        self.by_name.get(&(k(kind), fold(kind, name))).copied()
    }
}

/// Usernames are e-mail addresses: compared without case.
fn fold(kind: Kind, name: &str) -> String {
    if kind == Kind::User {
        name.to_lowercase()
    } else {
        name.to_string()
    }
}

/// Links `og` in place.
pub fn link(og: &mut Og, files: &[SourceFile], diags: &mut Diags) {
    dedupe(og, diags);
    let mut t = Tables::default();
    for (i, u) in og.users.iter().enumerate() {
        t.add(
            Kind::User,
            i,
            u.id.as_deref(),
            u.username.as_ref().map(|n| n.v.as_str()),
        );
    }
    for (i, x) in og.teams.iter().enumerate() {
        t.add(Kind::Team, i, x.id.as_deref(), Some(&x.name.v));
    }
    for (i, x) in og.schedules.iter().enumerate() {
        t.add(Kind::Schedule, i, x.id.as_deref(), Some(&x.name.v));
    }
    for (i, x) in og.escalations.iter().enumerate() {
        t.add(Kind::Escalation, i, x.id.as_deref(), Some(&x.name.v));
    }
    let mut l = Linker {
        og,
        t,
        diags,
        by_path: HashMap::new(),
    };
    l.attach(files);
    l.resolve_all();
}

struct Linker<'a> {
    og: &'a mut Og,
    t: Tables,
    diags: &'a mut Diags,
    /// The owner a file's path names, per kind and file (looked for once).
    by_path: HashMap<(u8, usize), Option<usize>>,
}

impl Linker<'_> {
    /// The index of the object `r` names, making a stub when no file has it.
    fn resolve(&mut self, kind: Kind, r: &mut Ref) {
        if r.is_empty() {
            return;
        }
        if let Some(i) = self.t.find(kind, r) {
            r.to = Some(i);
            return;
        }
        let shown = r.shown();
        // As real objects: a user by username, the rest by id.
        let source = match kind {
            Kind::User => shown.clone(),
            _ => r.id.clone().unwrap_or_else(|| shown.clone()),
        };
        let at = r.at;
        let i = match kind {
            Kind::User => {
                self.og.users.push(User {
                    id: r.id.clone(),
                    username: r.name.clone().map(|n| F::new(n, at)),
                    full_name: None,
                    timezone: None,
                    source,
                    at,
                    stub: true,
                });
                self.og.users.len() - 1
            }
            Kind::Team => {
                self.og.teams.push(Team {
                    id: r.id.clone(),
                    name: F::new(shown.clone(), at),
                    members: None,
                    routing: Vec::new(),
                    delete_default_resources: None,
                    source,
                    at,
                    stub: true,
                });
                self.og.teams.len() - 1
            }
            Kind::Schedule => {
                let mut s = stub_schedule(r, at);
                s.source = source;
                self.og.schedules.push(s);
                self.og.schedules.len() - 1
            }
            Kind::Escalation => {
                self.og.escalations.push(Escalation {
                    id: r.id.clone(),
                    name: F::new(shown.clone(), at),
                    owner_team: None,
                    rules: Vec::new(),
                    rules_at: at,
                    repeat: None,
                    source,
                    at,
                    stub: true,
                });
                self.og.escalations.len() - 1
            }
        };
        self.t.add(kind, i, r.id.as_deref(), r.name.as_deref());
        let made = match kind {
            Kind::User => "a person with only this reference",
            Kind::Team => "a team with no members",
            Kind::Schedule => "a schedule with no rotations",
            Kind::Escalation => "nothing (an escalation needs its rules)",
        };
        self.diags.push(
            at.file,
            Diagnostic::warning(
                "import-stub",
                at.span,
                format!(
                    "{} `{shown}` is in no file; imported as {made}",
                    kind.word()
                ),
            )
            .with_help(format!(
                "import the file that holds the {} too",
                kind.word()
            )),
        );
        r.to = Some(i);
    }

    /// Gives rotations, overrides and routing rules read on their own to
    /// their schedule or team.
    fn attach(&mut self, files: &[SourceFile]) {
        let rotations = std::mem::take(&mut self.og.rotations);
        for Loose { owner, item } in rotations {
            if let Some(i) = self.owner(Kind::Schedule, owner, item.at, files, "rotation") {
                self.og.schedules[i].rotations.push(item);
                self.og.schedules[i].has_rotations = true;
            }
        }
        let overrides = std::mem::take(&mut self.og.overrides);
        for Loose { owner, item } in overrides {
            if let Some(i) = self.owner(Kind::Schedule, owner, item.at, files, "override") {
                self.og.schedules[i].overrides.push(item);
            }
        }
        let routing = std::mem::take(&mut self.og.routing);
        for Loose { owner, item } in routing {
            if let Some(i) = self.owner(Kind::Team, owner, item.at, files, "routing rule") {
                self.og.teams[i].routing.push(item);
            }
        }
    }

    /// The schedule or team something read on its own belongs to: named by
    /// reference, else the one whose id or name the file's path carries
    /// (`teams/<id>/routing-rules.json`, `payments-overrides.json`), else
    /// the only one there is.
    fn owner(
        &mut self,
        kind: Kind,
        owner: Option<Ref>,
        at: At,
        files: &[SourceFile],
        what: &str,
    ) -> Option<usize> {
        if let Some(mut r) = owner {
            self.resolve(kind, &mut r);
            return r.to;
        }
        if let Some(found) = self.by_path.get(&(k(kind), at.file)) {
            return *found;
        }
        let found = self.owner_by_path(kind, at, files, what);
        self.by_path.insert((k(kind), at.file), found);
        found
    }

    fn owner_by_path(
        &mut self,
        kind: Kind,
        at: At,
        files: &[SourceFile],
        what: &str,
    ) -> Option<usize> {
        let path = files.get(at.file).map(|f| f.name.as_str()).unwrap_or("");
        let candidates: Vec<(usize, Option<&str>, &str, bool)> = match kind {
            Kind::Schedule => self
                .og
                .schedules
                .iter()
                .enumerate()
                .map(|(i, s)| (i, s.id.as_deref(), s.name.v.as_str(), s.stub))
                .collect(),
            _ => self
                .og
                .teams
                .iter()
                .enumerate()
                .map(|(i, s)| (i, s.id.as_deref(), s.name.v.as_str(), s.stub))
                .collect(),
        };
        let in_path: Vec<usize> = candidates
            .iter()
            .filter(|(_, id, name, _)| path_names(path, *id, name))
            .map(|c| c.0)
            .collect();
        if let [only] = in_path.as_slice() {
            return Some(*only);
        }
        let real: Vec<usize> = candidates.iter().filter(|c| !c.3).map(|c| c.0).collect();
        if let ([only], true) = (real.as_slice(), in_path.is_empty()) {
            let name = candidates.iter().find(|c| c.0 == *only).map_or("", |c| c.2);
            self.diags.push(
                at.file,
                Diagnostic::info(
                    "import-assumption",
                    at.span,
                    format!(
                        "the {what}s of `{path}` name no {}; given to {} `{name}`, the only one in these files",
                        kind.word(),
                        kind.word()
                    ),
                ),
            );
            return Some(*only);
        }
        self.diags.push(
            at.file,
            Diagnostic::warning(
                "import-no-owner",
                at.span,
                format!(
                    "not imported: the {what}s of `{path}` name no {}, and the path does not say which",
                    kind.word()
                ),
            )
            .with_help(format!(
                "put the {}'s id or name in the file's path, like `{}s/<id>/{}.json`",
                kind.word(),
                kind.word(),
                if kind == Kind::Team { "routing-rules" } else { "overrides" }
            )),
        );
        None
    }

    fn resolve_all(&mut self) {
        // Team members.
        for ti in 0..self.og.teams.len() {
            let mut members = self.og.teams[ti].members.take();
            if let Some(ms) = members.as_mut() {
                for m in ms.iter_mut() {
                    self.resolve(Kind::User, &mut m.user);
                }
            }
            self.og.teams[ti].members = members;
        }
        // Schedules: owner team, participants, override users.
        for si in 0..self.og.schedules.len() {
            let mut s = std::mem::replace(&mut self.og.schedules[si], placeholder());
            if let Some(r) = s.owner_team.as_mut() {
                self.resolve(Kind::Team, r);
            }
            for rot in s.rotations.iter_mut() {
                for p in rot.participants.iter_mut() {
                    match p {
                        Participant::User(r) => self.resolve(Kind::User, r),
                        Participant::Team(r) => self.resolve(Kind::Team, r),
                        Participant::Escalation(r) => self.resolve(Kind::Escalation, r),
                        Participant::None(_) | Participant::Other(_) => {}
                    }
                }
            }
            for o in s.overrides.iter_mut() {
                if let Some(OverrideUser::User(r)) = o.user.as_mut() {
                    self.resolve(Kind::User, r);
                }
            }
            self.og.schedules[si] = s;
        }
        // Escalations: owner team, recipients.
        for ei in 0..self.og.escalations.len() {
            let mut e = std::mem::replace(&mut self.og.escalations[ei], placeholder_escalation());
            if let Some(r) = e.owner_team.as_mut() {
                self.resolve(Kind::Team, r);
            }
            for rule in e.rules.iter_mut() {
                if let Some(rec) = rule.recipient.as_mut() {
                    let kind = match rec.kind.v.as_str() {
                        "user" => Some(Kind::User),
                        "team" => Some(Kind::Team),
                        "schedule" => Some(Kind::Schedule),
                        "escalation" => Some(Kind::Escalation),
                        _ => None,
                    };
                    if let Some(kind) = kind {
                        self.resolve(kind, &mut rec.target);
                    }
                }
            }
            self.og.escalations[ei] = e;
        }
        // Routing rules' targets.
        for ti in 0..self.og.teams.len() {
            let mut routing = std::mem::take(&mut self.og.teams[ti].routing);
            for rule in routing.iter_mut() {
                if let Some(n) = rule.notify.as_mut() {
                    match n.kind.v.as_str() {
                        "schedule" => self.resolve(Kind::Schedule, &mut n.target),
                        "escalation" => self.resolve(Kind::Escalation, &mut n.target),
                        _ => {}
                    }
                }
            }
            self.og.teams[ti].routing = routing;
        }
    }
}

fn stub_schedule(r: &Ref, at: At) -> Schedule {
    let shown = r.shown();
    Schedule {
        id: r.id.clone(),
        name: F::new(shown.clone(), at),
        timezone: None,
        enabled: None,
        owner_team: None,
        rotations: Vec::new(),
        has_rotations: true,
        overrides: Vec::new(),
        source: shown,
        at,
        stub: true,
    }
}

fn placeholder() -> Schedule {
    stub_schedule(&Ref::default(), At::default())
}

fn placeholder_escalation() -> Escalation {
    Escalation {
        id: None,
        name: F::new(String::new(), At::default()),
        owner_team: None,
        rules: Vec::new(),
        rules_at: At::default(),
        repeat: None,
        source: String::new(),
        at: At::default(),
        stub: true,
    }
}

/// Whether a file path names an object: a folder or the file's stem is
/// its id or name, or the stem starts with it and a separator.
fn path_names(path: &str, id: Option<&str>, name: &str) -> bool {
    let parts: Vec<&str> = path.split(['/', '\\']).collect();
    let Some((file, dirs)) = parts.split_last() else {
        return false;
    };
    let stem = file.split('.').next().unwrap_or(file);
    let matches = |key: &str| {
        if key.is_empty() {
            return false;
        }
        let key_l = key.to_lowercase();
        let stem_l = stem.to_lowercase();
        dirs.iter().any(|d| d.eq_ignore_ascii_case(key))
            || stem_l == key_l
            || ["-", "_", "."]
                .iter()
                .any(|sep| stem_l.starts_with(&format!("{key_l}{sep}")))
    };
    id.is_some_and(matches) || matches(name) || matches(&crate::import::ids::slug(name))
}

/// Drops objects listed twice (a schedule in the list response and again
/// by id, say), keeping the fuller copy; an info says which.
fn dedupe(og: &mut Og, diags: &mut Diags) {
    /// Drops the later copies of objects with the same id, or (when either
    /// has no id) the same name; hashed, so linear in the list.
    fn run<T>(
        list: &mut Vec<T>,
        key: impl Fn(&T) -> (Option<String>, String),
        richness: impl Fn(&T) -> usize,
        at: impl Fn(&T) -> At,
        what: &str,
        diags: &mut Diags,
    ) {
        let items = std::mem::take(list);
        let mut kept: Vec<T> = Vec::with_capacity(items.len());
        let mut by_id: HashMap<String, usize> = HashMap::new();
        let mut by_name: HashMap<String, usize> = HashMap::new();
        let mut by_name_no_id: HashMap<String, usize> = HashMap::new();
        for item in items {
            let (id, name) = key(&item);
            let named = |m: &HashMap<String, usize>| {
                (!name.is_empty()).then(|| m.get(&name).copied()).flatten()
            };
            let found = match &id {
                Some(id) => by_id.get(id).copied().or_else(|| named(&by_name_no_id)),
                None => named(&by_name),
            };
            if found.is_none() {
                let i = kept.len();
                match &id {
                    Some(id) => {
                        by_id.entry(id.clone()).or_insert(i);
                    }
                    None => {
                        if !name.is_empty() {
                            by_name_no_id.entry(name.clone()).or_insert(i);
                        }
                    }
                }
                if !name.is_empty() {
                    by_name.entry(name.clone()).or_insert(i);
                }
            }
            match found {
                None => kept.push(item),
                Some(i) => {
                    let (drop_at, keep_at) = if richness(&item) > richness(&kept[i]) {
                        let old = std::mem::replace(&mut kept[i], item);
                        (at(&old), at(&kept[i]))
                    } else {
                        (at(&item), at(&kept[i]))
                    };
                    let shown = if name.is_empty() {
                        id.unwrap_or_default()
                    } else {
                        name
                    };
                    let mut d = Diagnostic::info(
                        "import-duplicate",
                        drop_at.span,
                        format!("{what} `{shown}` is listed again; the fuller copy is imported"),
                    );
                    if keep_at.file == drop_at.file {
                        d = d.with_label(keep_at.span, "imported from here");
                    }
                    diags.push(drop_at.file, d);
                }
            }
        }
        *list = kept;
    }
    run(
        &mut og.users,
        |u| {
            (
                u.id.clone(),
                u.username
                    .as_ref()
                    .map(|n| n.v.to_lowercase())
                    .unwrap_or_default(),
            )
        },
        |u| usize::from(u.full_name.is_some()) + usize::from(u.timezone.is_some()),
        |u| u.at,
        "user",
        diags,
    );
    run(
        &mut og.teams,
        |t| (t.id.clone(), t.name.v.clone()),
        |t| t.members.as_ref().map_or(0, |m| m.len() + 1) + t.routing.len(),
        |t| t.at,
        "team",
        diags,
    );
    run(
        &mut og.schedules,
        |s| (s.id.clone(), s.name.v.clone()),
        |s| usize::from(s.has_rotations) + s.rotations.len() + s.overrides.len(),
        |s| s.at,
        "schedule",
        diags,
    );
    run(
        &mut og.escalations,
        |e| (e.id.clone(), e.name.v.clone()),
        |e| e.rules.len(),
        |e| e.at,
        "escalation",
        diags,
    );
}

#[cfg(test)]
mod tests {
    use super::path_names;

    #[test]
    fn a_files_path_names_its_owner_by_folder_or_stem() {
        let id = Some("4a1c7e20-5b3d");
        assert!(path_names(
            "export/teams/4a1c7e20-5b3d/routing-rules.json",
            id,
            "payments"
        ));
        assert!(path_names(
            "export/teams/payments/routing-rules.json",
            None,
            "payments"
        ));
        assert!(path_names("payments-routing-rules.json", None, "payments"));
        assert!(path_names("Payments_overrides.json", None, "payments"));
        assert!(path_names(
            "teams/payments-eu/rules.json",
            None,
            "Payments EU"
        ));
        assert!(!path_names("opsgenie/routing-rules.json", None, "ops"));
        assert!(!path_names("paymentsx.json", None, "payments"));
        assert!(!path_names("teams/db/routing-rules.json", id, ""));
    }
}
