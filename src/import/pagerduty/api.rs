//! PagerDuty REST API v2 JSON into the intermediate ([`super::objects`]).
//!
//! Accepted shapes, in any number of files:
//! - single objects, wrapped (`{"schedule": {...}}`, `{"escalation_policy":
//!   {...}}`, `{"service": {...}}`, `{"user": {...}}`, `{"team": {...}}`,
//!   `{"override": {...}}`) or bare (`{"id": "PSCH001", "type":
//!   "schedule", ...}`), and lists of bare objects;
//! - list responses: `{"schedules": [...], "limit", "offset", "more",
//!   "total"}` and the same for the other kinds;
//! - the overrides response `{"overrides": [...]}`, attributed to the
//!   schedule whose id the file name holds (`overrides-PSCH001.json`), or
//!   to the only schedule of the import.
//!
//! This reader only reads: it decides what only the format can tell (the
//! order of layers, the zone restriction times were rendered in) and leaves
//! every PagerDuty rule to [`super::map`]. Keys it does not read into the
//! structure go to each object's `extra` list, for the mapping to decide.

use chrono_tz::Tz;

use crate::diagnostic::{Diagnostic, Span};
use crate::document::{Entry, Node, NodeKind};
use crate::import::Cx;

use super::objects::{
    ContactMethod, Export, Extra, Field, Layer, Loc, NotificationRule, ObjectKindOfTeam, Override,
    Policy, Ref, Restriction, Rule, Schedule, Service, Target, Team, User,
};

/// Overrides read from a file that does not say which schedule they are
/// for (`{"overrides": [...]}`): attributed once every file is read.
#[derive(Clone, Debug)]
pub struct LooseOverrides {
    pub file: usize,
    /// Where the list is (for messages).
    pub loc: Loc,
    pub overrides: Vec<Override>,
}

/// The object kinds a file can hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Schedule,
    Policy,
    Service,
    User,
    Team,
    Member,
    Override,
}

/// Keys of a wrapper around objects, with the kind and whether it holds a
/// list.
const WRAPPERS: &[(&str, Kind, bool)] = &[
    ("schedule", Kind::Schedule, false),
    ("schedules", Kind::Schedule, true),
    ("escalation_policy", Kind::Policy, false),
    ("escalation_policies", Kind::Policy, true),
    ("service", Kind::Service, false),
    ("services", Kind::Service, true),
    ("user", Kind::User, false),
    ("users", Kind::User, true),
    ("team", Kind::Team, false),
    ("teams", Kind::Team, true),
    ("members", Kind::Member, true),
    ("override", Kind::Override, false),
    ("overrides", Kind::Override, true),
];

/// Pagination keys of list responses.
const PAGINATION: &[&str] = &["limit", "offset", "more", "total"];

/// Reads one API JSON file into `export`.
pub fn read(cx: &mut Cx<'_>, file: usize, export: &mut Export, loose: &mut Vec<LooseOverrides>) {
    let Some(source) = cx.files.get(file) else {
        return;
    };
    let parsed = crate::document::parse(&source.text);
    let had_errors = parsed
        .diagnostics
        .iter()
        .any(|d| d.severity == crate::diagnostic::Severity::Error);
    for d in parsed.diagnostics {
        cx.report(file, d);
    }
    let Some(root) = parsed.root else {
        return;
    };
    if had_errors && root.as_map().is_none() && root.as_seq().is_none() {
        return;
    }
    let mut r = Reader {
        cx,
        file,
        export,
        loose,
    };
    r.root(&root);
}

struct Reader<'c, 'a, 'e> {
    cx: &'c mut Cx<'a>,
    file: usize,
    export: &'e mut Export,
    loose: &'e mut Vec<LooseOverrides>,
}

/// A mapping whose keys are read one by one; the rest become [`Extra`]s.
struct Obj<'n> {
    file: usize,
    node: &'n Node,
    entries: &'n [Entry],
    used: Vec<bool>,
}

impl<'n> Obj<'n> {
    fn new(file: usize, node: &'n Node) -> Option<Obj<'n>> {
        let entries = node.as_map()?;
        Some(Obj {
            file,
            node,
            entries,
            used: vec![false; entries.len()],
        })
    }

    fn entry(&mut self, key: &str) -> Option<&'n Entry> {
        let entries = self.entries;
        let i = entries.iter().position(|e| e.key == key)?;
        if let Some(u) = self.used.get_mut(i) {
            *u = true;
        }
        entries.get(i)
    }

    /// The value of `key` (null counts as absent), marked as read.
    fn get(&mut self, key: &str) -> Option<&'n Node> {
        self.entry(key)
            .map(|e| &e.value)
            .filter(|n| !matches!(n.kind, NodeKind::Null))
    }

    /// Whether the key is written (even as null), without reading it.
    fn has(&self, key: &str) -> bool {
        self.entries.iter().any(|e| e.key == key)
    }

    fn loc(&self, span: Span) -> Loc {
        Loc::new(self.file, span)
    }

    /// Where the object is, for messages: its `id`, else its `name`, else
    /// its first character.
    fn head(&self) -> Loc {
        for key in ["id", "name"] {
            if let Some(e) = self.entries.iter().find(|e| e.key == key) {
                if matches!(e.value.kind, NodeKind::Str(_)) {
                    return self.loc(e.value.span);
                }
            }
        }
        let start = self.node.span.start;
        self.loc(Span::new(
            start,
            start.saturating_add(1).min(self.node.span.end),
        ))
    }

    /// The keys not read, as extras.
    fn extras(self) -> Vec<Extra> {
        let file = self.file;
        self.entries
            .iter()
            .zip(self.used)
            .filter(|(_, used)| !used)
            // Nothing written: nothing to lose.
            .filter(|(e, _)| match &e.value.kind {
                NodeKind::Null => false,
                NodeKind::Seq(items) => !items.is_empty(),
                NodeKind::Map(entries) => !entries.is_empty(),
                NodeKind::Str(s) => !s.is_empty(),
                _ => true,
            })
            .map(|(e, _)| Extra {
                field: e.key.clone(),
                key: Loc::new(file, e.key_span),
                loc: Loc::new(file, e.value.span),
                shown: shown(&e.value),
                parts: e
                    .value
                    .as_map()
                    .unwrap_or(&[])
                    .iter()
                    .filter_map(|p| Some((p.key.clone(), shown(&p.value)?)))
                    .filter(|(_, v)| v.len() < 60)
                    .collect(),
            })
            .collect()
    }
}

/// A scalar's text for messages.
fn shown(node: &Node) -> Option<String> {
    match &node.kind {
        NodeKind::Null => Some("null".to_string()),
        NodeKind::Bool(b) => Some(b.to_string()),
        NodeKind::Int(n) => Some(n.to_string()),
        NodeKind::Float(f) => Some(f.to_string()),
        NodeKind::Str(s) => Some(s.chars().take(60).collect()),
        NodeKind::Seq(_) | NodeKind::Map(_) => None,
    }
}

impl Reader<'_, '_, '_> {
    fn loc(&self, span: Span) -> Loc {
        Loc::new(self.file, span)
    }

    /// `node` as an object, or an error at it saying it should be one
    /// (`what`: "a restriction").
    fn open<'n>(&mut self, node: &'n Node, what: &str) -> Option<Obj<'n>> {
        let obj = Obj::new(self.file, node);
        if obj.is_none() {
            self.report(Diagnostic::error(
                "import-invalid-value",
                node.span,
                format!("{what} should be an object, not {}", node.type_name()),
            ));
        }
        obj
    }

    fn report(&mut self, d: Diagnostic) {
        self.cx.report(self.file, d);
    }

    fn root(&mut self, root: &Node) {
        match &root.kind {
            NodeKind::Map(entries) => {
                let wrapper = entries.iter().any(|e| wrapper_of(&e.key).is_some())
                    && entries.iter().all(|e| {
                        wrapper_of(&e.key).is_some() || PAGINATION.contains(&e.key.as_str())
                    });
                if wrapper {
                    self.wrapper(entries);
                } else {
                    self.bare(root, false);
                }
            }
            NodeKind::Seq(items) => {
                for item in items {
                    self.bare(item, true);
                }
            }
            _ => self.report(Diagnostic::error(
                "import-invalid-value",
                root.span,
                format!(
                    "a PagerDuty export is an object or a list of objects, not {}",
                    root.type_name()
                ),
            )),
        }
    }

    fn wrapper(&mut self, entries: &[Entry]) {
        let listed = entries
            .iter()
            .any(|e| matches!(wrapper_of(&e.key), Some((_, true))));
        // A list response is what a GET returns.
        let from_get = listed || entries.iter().any(|e| PAGINATION.contains(&e.key.as_str()));
        for e in entries {
            if e.key == "more" && matches!(e.value.kind, NodeKind::Bool(true)) {
                self.report(
                    Diagnostic::warning(
                        "import-more-pages",
                        e.value.span,
                        "this list continues on another page (`more: true`): objects on later pages are not in this file",
                    )
                    .with_help("fetch every page (`offset=0, 25, 50, ...` until `more` is false) and import all the files together"),
                );
            }
            let Some((kind, list)) = wrapper_of(&e.key) else {
                continue;
            };
            let items: Vec<&Node> = match (&e.value.kind, list) {
                (NodeKind::Seq(items), true) => items.iter().collect(),
                (NodeKind::Map(_), false) => vec![&e.value],
                (NodeKind::Null, _) => Vec::new(),
                _ => {
                    self.report(Diagnostic::error(
                        "import-invalid-value",
                        e.value.span,
                        format!(
                            "`{}` should be {}, not {}",
                            e.key,
                            if list {
                                "a list of objects"
                            } else {
                                "an object"
                            },
                            e.value.type_name()
                        ),
                    ));
                    continue;
                }
            };
            if kind == Kind::Override {
                let overrides = items
                    .iter()
                    .filter_map(|n| self.override_(n))
                    .collect::<Vec<_>>();
                let loc = self.loc(e.key_span);
                self.loose.push(LooseOverrides {
                    file: self.file,
                    loc,
                    overrides,
                });
                continue;
            }
            for item in items {
                self.object(kind, item, from_get);
            }
        }
    }

    /// An object without a wrapper: its kind from `type`, else its keys.
    fn bare(&mut self, node: &Node, in_list: bool) {
        let Some(entries) = node.as_map() else {
            self.report(Diagnostic::error(
                "import-invalid-value",
                node.span,
                format!("expected a PagerDuty object, not {}", node.type_name()),
            ));
            return;
        };
        let has = |k: &str| entries.iter().any(|e| e.key == k);
        let ty = node.get("type").and_then(Node::as_str).unwrap_or("");
        let kind = match ty {
            "schedule" => Some(Kind::Schedule),
            "escalation_policy" => Some(Kind::Policy),
            "service" => Some(Kind::Service),
            "user" => Some(Kind::User),
            "team" => Some(Kind::Team),
            "override" => Some(Kind::Override),
            _ if has("schedule_layers") => Some(Kind::Schedule),
            _ if has("escalation_rules") => Some(Kind::Policy),
            _ if has("escalation_policy") => Some(Kind::Service),
            _ if has("email") || has("contact_methods") => Some(Kind::User),
            _ if has("start") && has("end") && has("user") => Some(Kind::Override),
            _ => None,
        };
        match kind {
            Some(Kind::Override) => {
                let overrides: Vec<Override> = self.override_(node).into_iter().collect();
                let loc = self.loc(Span::new(node.span.start, node.span.start.saturating_add(1)));
                // Bare overrides of one file (a list of them) go together.
                match self.loose.last_mut() {
                    Some(last) if last.file == self.file => last.overrides.extend(overrides),
                    _ => self.loose.push(LooseOverrides {
                        file: self.file,
                        loc,
                        overrides,
                    }),
                }
            }
            Some(kind) => self.object(kind, node, in_list),
            None => self.report(
                Diagnostic::warning(
                    "import-not-imported",
                    Span::new(node.span.start, node.span.start.saturating_add(1)),
                    "this object is not a PagerDuty schedule, escalation policy, service, user, team or override; not imported",
                )
                .with_help("export objects with the REST API v2 (GET /schedules, /escalation_policies, /services, /users)"),
            ),
        }
    }

    fn object(&mut self, kind: Kind, node: &Node, from_get: bool) {
        let Some(entries) = node.as_map() else {
            self.report(Diagnostic::error(
                "import-invalid-value",
                node.span,
                format!("expected a PagerDuty object, not {}", node.type_name()),
            ));
            return;
        };
        // An object with none of the keys that make one of its kind.
        let marks: &[&str] = match kind {
            Kind::Schedule => &["id", "name", "schedule_layers"],
            Kind::Policy => &["id", "name", "escalation_rules"],
            Kind::Service => &["id", "name", "escalation_policy"],
            Kind::User => &["id", "name", "email"],
            Kind::Team => &["id", "name"],
            Kind::Member => &["user"],
            Kind::Override => &["start", "end", "user"],
        };
        if !entries.iter().any(|e| marks.contains(&e.key.as_str())) {
            self.report(
                Diagnostic::warning(
                    "import-not-imported",
                    Span::new(node.span.start, node.span.start.saturating_add(1)),
                    "this object is not a PagerDuty schedule, escalation policy, service, user, team or override; not imported",
                )
                .with_help("export objects with the REST API v2 (GET /schedules, /escalation_policies, /services, /users)"),
            );
            return;
        }
        match kind {
            Kind::Schedule => {
                if let Some(s) = self.schedule(node, from_get) {
                    self.export.schedules.push(s);
                }
            }
            Kind::Policy => {
                if let Some(p) = self.policy(node) {
                    self.export.policies.push(p);
                }
            }
            Kind::Service => {
                if let Some(s) = self.service(node) {
                    self.export.services.push(s);
                }
            }
            Kind::User => {
                if let Some(u) = self.user(node) {
                    self.export.users.push(u);
                }
            }
            Kind::Team | Kind::Member => {
                if let Some(t) = self.team(node, kind) {
                    self.export.teams.push(t);
                }
            }
            Kind::Override => {}
        }
    }

    // ---- fields --------------------------------------------------------

    fn string(&mut self, obj: &mut Obj<'_>, key: &str) -> Field<String> {
        match obj.get(key) {
            None => Field::Absent,
            Some(n) => match &n.kind {
                NodeKind::Str(s) => Field::Known(s.clone(), self.loc(n.span)),
                NodeKind::Int(i) => Field::Known(i.to_string(), self.loc(n.span)),
                _ => {
                    self.report(Diagnostic::error(
                        "import-invalid-value",
                        n.span,
                        format!("`{key}` should be a string, not {}", n.type_name()),
                    ));
                    Field::Unknown(self.loc(n.span))
                }
            },
        }
    }

    fn int(&mut self, obj: &mut Obj<'_>, key: &str) -> Field<i64> {
        match obj.get(key) {
            None => Field::Absent,
            Some(n) => match whole(n) {
                Some(i) => Field::Known(i, self.loc(n.span)),
                None => {
                    self.report(Diagnostic::error(
                        "import-invalid-value",
                        n.span,
                        format!("`{key}` should be a whole number, not {}", n.type_name()),
                    ));
                    Field::Unknown(self.loc(n.span))
                }
            },
        }
    }

    /// A reference: `{"id": "P...", "type": "..._reference", "summary": ...}`
    /// (a bare id string is accepted too).
    fn reference(&mut self, node: &Node, what: &str) -> Option<Ref> {
        match &node.kind {
            NodeKind::Str(s) if !s.is_empty() => Some(Ref {
                key: s.clone(),
                summary: None,
                loc: self.loc(node.span),
            }),
            NodeKind::Map(_) => match node.get("id") {
                Some(id) => match id.as_str() {
                    Some(s) if !s.is_empty() => Some(Ref {
                        key: s.to_string(),
                        summary: node
                            .get("summary")
                            .or_else(|| node.get("name"))
                            .and_then(Node::as_str)
                            .map(str::to_string),
                        loc: self.loc(id.span),
                    }),
                    _ => {
                        self.report(Diagnostic::error(
                            "import-invalid-value",
                            id.span,
                            format!("the {what}'s `id` should be a non-empty string"),
                        ));
                        None
                    }
                },
                None => {
                    self.report(Diagnostic::error(
                        "import-missing-key",
                        node.span,
                        format!("this {what} reference has no `id`"),
                    ));
                    None
                }
            },
            _ => {
                self.report(Diagnostic::error(
                    "import-invalid-value",
                    node.span,
                    format!(
                        "a {what} reference should be an object with an `id`, not {}",
                        node.type_name()
                    ),
                ));
                None
            }
        }
    }

    fn list<'n>(&mut self, obj: &mut Obj<'n>, key: &str) -> Option<&'n [Node]> {
        let n = obj.get(key)?;
        match n.as_seq() {
            Some(items) => Some(items),
            None => {
                self.report(Diagnostic::error(
                    "import-invalid-value",
                    n.span,
                    format!("`{key}` should be a list, not {}", n.type_name()),
                ));
                None
            }
        }
    }

    /// The object's id: its key in the intermediate.
    fn key(&mut self, obj: &mut Obj<'_>, fallback: &str) -> String {
        match self.string(obj, "id") {
            Field::Known(id, _) if !id.is_empty() => id,
            _ => {
                // Request bodies have no ids: a key from the name, else the
                // place in the file (unique, stable).
                let start = obj.node.span.start;
                format!("@{fallback}:{}:{start}", self.file)
            }
        }
    }

    // ---- objects -------------------------------------------------------

    fn schedule(&mut self, node: &Node, from_get: bool) -> Option<Schedule> {
        let mut obj = Obj::new(self.file, node)?;
        let head = obj.head();
        obj.entry("type");
        let key = self.key(&mut obj, "schedule");
        let name = self.string(&mut obj, "name");
        let time_zone = self.string(&mut obj, "time_zone");
        let layer_key = obj
            .entries
            .iter()
            .find(|e| e.key == "schedule_layers")
            .map(|e| e.key_span);
        let layer_nodes = self.list(&mut obj, "schedule_layers").unwrap_or(&[]);
        let mut layers: Vec<Layer> = layer_nodes.iter().filter_map(|n| self.layer(n)).collect();
        // Which order the layers are listed in: only the format can tell.
        let server_written = from_get
            || [
                "id",
                "self",
                "html_url",
                "summary",
                "final_schedule",
                "overrides_subschedule",
            ]
            .iter()
            .any(|k| obj.has(k))
            || layer_nodes.iter().any(|l| {
                [
                    "id",
                    "rendered_schedule_entries",
                    "rendered_coverage_percentage",
                ]
                .iter()
                .any(|k| l.get(k).is_some())
            });
        if layers.len() > 1 {
            let at = layer_key.unwrap_or(head.span);
            let names = layer_numbers(&layers);
            let shape = if server_written {
                "it is a GET response (it has fields only PagerDuty writes, such as `id` or `html_url`)"
            } else {
                "it is a request body (no field only PagerDuty writes)"
            };
            let first = layers
                .first()
                .and_then(|l| l.name.value())
                .cloned()
                .unwrap_or_default();
            let last = layers
                .last()
                .and_then(|l| l.name.value())
                .cloned()
                .unwrap_or_default();
            // The UI names layers `Layer 1` (bottom) upwards: names that say
            // an order win over the shape of the file.
            let top_first = names.map_or(server_written, |ascending| !ascending);
            let mut why = shape.to_string();
            if let Some(ascending) = names {
                let agree = ascending != server_written;
                why = format!(
                    "their names run {} from `{first}` to `{last}`{}",
                    if ascending { "up" } else { "down" },
                    if agree {
                        format!(", and {shape}")
                    } else {
                        format!(", although {shape}, which lists them the other way")
                    }
                );
            }
            let message = if top_first {
                format!("layers read top first, as PagerDuty's GET lists them, since {why}; written bottom first")
            } else {
                format!("layers read bottom first (Layer 1 first), as PagerDuty's POST and PUT take them, since {why}; kept in order")
            };
            let conflict = names.is_some_and(|ascending| ascending == server_written);
            let d = Diagnostic::new(
                "pagerduty-layer-order",
                if conflict {
                    crate::diagnostic::Severity::Warning
                } else {
                    crate::diagnostic::Severity::Info
                },
                at,
                message,
            )
            .with_help("PagerDuty's GET lists layers top first and POST/PUT bottom first (public-support-scripts PR #60); the last layer wins");
            self.report(d);
            if top_first {
                layers.reverse();
            }
        }
        if server_written {
            self.rendered_zone(&layers, &time_zone);
        }
        // The overrides layer a GET with `since`/`until` renders: read
        // when it has entries (the rest of it stays an extra).
        let subschedule = obj
            .entries
            .iter()
            .find(|e| e.key == "overrides_subschedule");
        let entries = subschedule
            .and_then(|e| e.value.get("rendered_schedule_entries"))
            .and_then(Node::as_seq)
            .unwrap_or(&[]);
        let mut rendered_overrides_at = None;
        let mut rendered_overrides = Vec::new();
        if let (Some(e), false) = (subschedule, entries.is_empty()) {
            rendered_overrides_at = Some(self.loc(e.key_span));
            rendered_overrides = entries.iter().filter_map(|n| self.override_(n)).collect();
            obj.entry("overrides_subschedule");
        }
        Some(Schedule {
            key,
            loc: head,
            name,
            time_zone,
            layers,
            overrides: Vec::new(),
            rendered_overrides,
            rendered_overrides_at,
            lookup: false,
            extra: obj.extras(),
        })
    }

    /// A GET renders every time (and restriction times) in the zone the
    /// request asked for (`time_zone=`), the schedule's by default. When
    /// every offset in the schedule is one fixed offset that the schedule's
    /// zone does not have at those instants, the export was rendered in
    /// another zone: restriction times would be read wrong.
    fn rendered_zone(&mut self, layers: &[Layer], zone: &Field<String>) {
        let Some((tz, zone_loc)) = zone
            .known()
            .and_then(|(z, loc)| Some((z.parse::<Tz>().ok()?, loc)))
        else {
            return;
        };
        if !layers.iter().any(|l| !l.restrictions.is_empty()) {
            return;
        }
        let mut texts: Vec<(&str, Loc)> = Vec::new();
        for l in layers {
            for f in [&l.start, &l.rotation_virtual_start] {
                if let Some((t, at)) = f.known() {
                    texts.push((t.as_str(), at));
                }
            }
            if let Some((Some(t), at)) = l.end.known() {
                texts.push((t.as_str(), at));
            }
        }
        let mut offsets = Vec::new();
        let mut mismatch: Option<(Loc, i64, i32)> = None;
        for (text, at) in texts {
            let Some((instant, offset)) = instant_and_offset(text) else {
                continue;
            };
            offsets.push(offset);
            let zone_offset = crate::time::zone::offset_at(tz, instant);
            if i64::from(zone_offset) != offset && mismatch.is_none() {
                mismatch = Some((at, offset, zone_offset));
            }
        }
        let fixed = offsets.windows(2).all(|w| w[0] == w[1]);
        let suspect = mismatch.is_some() && fixed;
        if !suspect {
            self.cx.report(
                zone_loc.file,
                Diagnostic::info(
                    "import-assumption",
                    zone_loc.span,
                    format!(
                        "restriction times are read in the schedule's zone `{}`: a GET renders them in the zone the request asked for (`time_zone=`), the schedule's by default",
                        tz.name()
                    ),
                )
                .with_help("if this export was fetched with `time_zone=`, export it again without"),
            );
        }
        if let (Some((at, offset, zone_offset)), true) = (mismatch, fixed) {
            self.cx.report(
                at.file,
                Diagnostic::warning(
                    "pagerduty-rendered-zone",
                    at.span,
                    format!(
                        "this export looks rendered in another zone: its times carry the offset {} where `{}` is at {}",
                        offset_text(offset),
                        tz.name(),
                        offset_text(i64::from(zone_offset))
                    ),
                )
                .with_help("restriction times are read in the schedule's zone and may be off by the difference; export again without the `time_zone` query parameter"),
            );
        }
    }

    fn layer(&mut self, node: &Node) -> Option<Layer> {
        let mut obj = self.open(node, "a schedule layer")?;
        let loc = obj.head();
        let key = match self.string(&mut obj, "id") {
            Field::Known(id, _) => Some(id),
            _ => None,
        };
        let name = self.string(&mut obj, "name");
        let start = self.string(&mut obj, "start");
        let end = match obj.entry("end") {
            None => Field::Absent,
            Some(e) => match &e.value.kind {
                NodeKind::Null => Field::Known(None, self.loc(e.value.span)),
                NodeKind::Str(s) if s.is_empty() => Field::Known(None, self.loc(e.value.span)),
                NodeKind::Str(s) => Field::Known(Some(s.clone()), self.loc(e.value.span)),
                _ => {
                    self.report(Diagnostic::error(
                        "import-invalid-value",
                        e.value.span,
                        format!(
                            "`end` should be a date-time or null, not {}",
                            e.value.type_name()
                        ),
                    ));
                    Field::Unknown(self.loc(e.value.span))
                }
            },
        };
        let rotation_virtual_start = self.string(&mut obj, "rotation_virtual_start");
        let rotation_turn_length_seconds = self.int(&mut obj, "rotation_turn_length_seconds");
        let users = match obj.get("users") {
            None => Field::Absent,
            Some(n) => match n.as_seq() {
                Some(items) => {
                    let refs = items
                        .iter()
                        .filter_map(|item| {
                            // `{"user": {...}}` (the API's form) or a bare reference.
                            let inner = item.get("user").unwrap_or(item);
                            self.reference(inner, "user")
                        })
                        .collect::<Vec<_>>();
                    if refs.len() == items.len() {
                        Field::Known(refs, self.loc(n.span))
                    } else {
                        Field::Unknown(self.loc(n.span))
                    }
                }
                None => {
                    self.report(Diagnostic::error(
                        "import-invalid-value",
                        n.span,
                        format!("`users` should be a list, not {}", n.type_name()),
                    ));
                    Field::Unknown(self.loc(n.span))
                }
            },
        };
        let restrictions = self
            .list(&mut obj, "restrictions")
            .unwrap_or(&[])
            .iter()
            .filter_map(|n| self.restriction(n))
            .collect();
        Some(Layer {
            key,
            loc,
            name,
            start,
            end,
            rotation_virtual_start,
            rotation_turn_length_seconds,
            users,
            restrictions,
            extra: obj.extras(),
        })
    }

    fn restriction(&mut self, node: &Node) -> Option<Restriction> {
        let mut obj = self.open(node, "a restriction")?;
        let loc = match obj.entries.iter().find(|e| e.key == "type") {
            Some(e) => self.loc(e.value.span),
            None => obj.head(),
        };
        Some(Restriction {
            loc,
            kind: self.string(&mut obj, "type"),
            start_time_of_day: self.string(&mut obj, "start_time_of_day"),
            duration_seconds: self.int(&mut obj, "duration_seconds"),
            start_day_of_week: self.int(&mut obj, "start_day_of_week"),
            extra: obj.extras(),
        })
    }

    fn override_(&mut self, node: &Node) -> Option<Override> {
        let mut obj = self.open(node, "an override")?;
        let loc = obj.head();
        obj.entry("type");
        let key = match self.string(&mut obj, "id") {
            Field::Known(id, _) => Some(id),
            _ => None,
        };
        let start = self.string(&mut obj, "start");
        let end = self.string(&mut obj, "end");
        let user = match obj.get("user") {
            Some(n) => self.reference(n, "user"),
            None => {
                self.report(Diagnostic::error(
                    "import-missing-key",
                    loc.span,
                    "this override has no `user`",
                ));
                None
            }
        };
        Some(Override {
            key,
            loc,
            start,
            end,
            user,
            extra: obj.extras(),
        })
    }

    fn policy(&mut self, node: &Node) -> Option<Policy> {
        let mut obj = Obj::new(self.file, node)?;
        let loc = obj.head();
        obj.entry("type");
        let key = self.key(&mut obj, "policy");
        let name = self.string(&mut obj, "name");
        let num_loops = self.int(&mut obj, "num_loops");
        let rules = self
            .list(&mut obj, "escalation_rules")
            .unwrap_or(&[])
            .iter()
            .filter_map(|n| self.rule(n))
            .collect();
        Some(Policy {
            key,
            loc,
            name,
            num_loops,
            rules,
            extra: obj.extras(),
        })
    }

    fn rule(&mut self, node: &Node) -> Option<Rule> {
        let mut obj = self.open(node, "an escalation rule")?;
        let loc = obj.head();
        let key = match self.string(&mut obj, "id") {
            Field::Known(id, _) => Some(id),
            _ => None,
        };
        let escalation_delay_in_minutes = self.int(&mut obj, "escalation_delay_in_minutes");
        let targets = self
            .list(&mut obj, "targets")
            .unwrap_or(&[])
            .iter()
            .filter_map(|n| {
                let mut t = Obj::new(self.file, n)?;
                let kind = self.string(&mut t, "type");
                Some(Target {
                    loc: t.head(),
                    kind,
                    reference: self.reference(n, "target"),
                })
            })
            .collect();
        let assignment_strategy = match obj.get("escalation_rule_assignment_strategy") {
            None => Field::Absent,
            Some(n) => match n.get("type") {
                Some(t) => match t.as_str() {
                    Some(s) => Field::Known(s.to_string(), self.loc(t.span)),
                    None => Field::Unknown(self.loc(t.span)),
                },
                None => match n.as_str() {
                    Some(s) => Field::Known(s.to_string(), self.loc(n.span)),
                    None => Field::Absent,
                },
            },
        };
        Some(Rule {
            key,
            loc,
            escalation_delay_in_minutes,
            targets,
            assignment_strategy,
            extra: obj.extras(),
        })
    }

    fn service(&mut self, node: &Node) -> Option<Service> {
        let mut obj = Obj::new(self.file, node)?;
        let loc = obj.head();
        obj.entry("type");
        let key = self.key(&mut obj, "service");
        let name = self.string(&mut obj, "name");
        let escalation_policy = match obj.get("escalation_policy") {
            Some(n) => self.reference(n, "escalation policy"),
            None => None,
        };
        Some(Service {
            key,
            loc,
            name,
            escalation_policy,
            extra: obj.extras(),
        })
    }

    fn user(&mut self, node: &Node) -> Option<User> {
        let mut obj = Obj::new(self.file, node)?;
        let loc = obj.head();
        obj.entry("type");
        let key = self.key(&mut obj, "user");
        let name = self.string(&mut obj, "name");
        let email = self.string(&mut obj, "email");
        let time_zone = self.string(&mut obj, "time_zone");
        let mut stub_lists = Vec::new();
        let mut contact_methods = Vec::new();
        let key_span = |obj: &Obj<'_>, k: &str| {
            obj.entries
                .iter()
                .find(|e| e.key == k)
                .map(|e| e.key_span)
                .unwrap_or_default()
        };
        let cm_key = key_span(&obj, "contact_methods");
        for n in self.list(&mut obj, "contact_methods").unwrap_or(&[]) {
            if is_reference_stub(n) {
                if !stub_lists.contains(&self.loc(cm_key)) {
                    stub_lists.push(self.loc(cm_key));
                }
                continue;
            }
            if let Some(cm) = self.contact_method(n) {
                contact_methods.push(cm);
            }
        }
        let nr_key = key_span(&obj, "notification_rules");
        let mut notification_rules = Vec::new();
        for n in self.list(&mut obj, "notification_rules").unwrap_or(&[]) {
            if is_reference_stub(n) {
                if !stub_lists.contains(&self.loc(nr_key)) {
                    stub_lists.push(self.loc(nr_key));
                }
                continue;
            }
            if let Some(r) = self.notification_rule(n) {
                notification_rules.push(r);
            }
        }
        Some(User {
            key,
            loc,
            name,
            email,
            time_zone,
            contact_methods,
            notification_rules,
            stub_lists,
            lookup: false,
            extra: obj.extras(),
        })
    }

    fn contact_method(&mut self, node: &Node) -> Option<ContactMethod> {
        let mut obj = Obj::new(self.file, node)?;
        let loc = obj.head();
        let key = match self.string(&mut obj, "id") {
            Field::Known(id, _) => id,
            _ => format!("@contact:{}:{}", self.file, node.span.start),
        };
        Some(ContactMethod {
            key,
            loc,
            kind: self.string(&mut obj, "type"),
            address: self.string(&mut obj, "address"),
            country_code: self.string(&mut obj, "country_code"),
            label: self.string(&mut obj, "label"),
            extra: obj.extras(),
        })
    }

    fn notification_rule(&mut self, node: &Node) -> Option<NotificationRule> {
        let mut obj = Obj::new(self.file, node)?;
        let loc = obj.head();
        obj.entry("type");
        let key = match self.string(&mut obj, "id") {
            Field::Known(id, _) => id,
            _ => format!("@rule:{}:{}", self.file, node.span.start),
        };
        let start_delay_in_minutes = self.int(&mut obj, "start_delay_in_minutes");
        let urgency = self.string(&mut obj, "urgency");
        let (contact_method, contact_method_kind) = match obj.get("contact_method") {
            Some(n) => {
                let kind = match n.get("type") {
                    Some(t) => match t.as_str() {
                        Some(s) => Field::Known(s.to_string(), self.loc(t.span)),
                        None => Field::Absent,
                    },
                    None => Field::Absent,
                };
                (self.reference(n, "contact method"), kind)
            }
            None => (None, Field::Absent),
        };
        Some(NotificationRule {
            key,
            loc,
            start_delay_in_minutes,
            urgency,
            contact_method,
            contact_method_kind,
            extra: obj.extras(),
        })
    }

    fn team(&mut self, node: &Node, kind: Kind) -> Option<Team> {
        let mut obj = Obj::new(self.file, node)?;
        let loc = obj.head();
        obj.entry("type");
        let (key, name, kind) = if kind == Kind::Member {
            // `{"user": {...}, "role": "manager"}`.
            let user = obj.get("user").and_then(|n| {
                n.get("summary")
                    .or_else(|| n.get("id"))
                    .and_then(Node::as_str)
                    .map(|s| (s.to_string(), self.loc(n.span)))
            });
            let key = format!("@member:{}:{}", self.file, node.span.start);
            let name = match user {
                Some((s, at)) => Field::Known(s, at),
                None => Field::Absent,
            };
            (key, name, ObjectKindOfTeam::Membership)
        } else {
            let key = self.key(&mut obj, "team");
            (key, self.string(&mut obj, "name"), ObjectKindOfTeam::Team)
        };
        Some(Team {
            key,
            loc,
            name,
            kind,
            extra: obj.extras(),
        })
    }
}

/// The wrapper key's kind and whether it holds a list.
fn wrapper_of(key: &str) -> Option<(Kind, bool)> {
    WRAPPERS
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, kind, list)| (*kind, *list))
}

/// A whole number (an integer, or a float with no fraction).
fn whole(node: &Node) -> Option<i64> {
    match node.kind {
        NodeKind::Int(i) => Some(i),
        NodeKind::Float(f) if f.is_finite() && f.fract() == 0.0 && f.abs() < 9.0e15 => {
            Some(f as i64)
        }
        _ => None,
    }
}

/// `{"id": "PCM0001", "type": "phone_contact_method_reference"}`: a list item
/// of an export without `include[]`.
fn is_reference_stub(node: &Node) -> bool {
    node.get("type")
        .and_then(Node::as_str)
        .is_some_and(|t| t.ends_with("_reference"))
}

/// Whether every layer is named `Layer <n>` with distinct numbers in a
/// strict order: `Some(true)` upwards (Layer 1 first), `Some(false)`
/// downwards.
fn layer_numbers(layers: &[Layer]) -> Option<bool> {
    let numbers: Option<Vec<u32>> = layers
        .iter()
        .map(|l| {
            l.name
                .value()
                .and_then(|n| n.strip_prefix("Layer "))
                .and_then(|n| n.trim().parse().ok())
        })
        .collect();
    let numbers = numbers?;
    if numbers.windows(2).all(|w| w[0] < w[1]) {
        Some(true)
    } else if numbers.windows(2).all(|w| w[0] > w[1]) {
        Some(false)
    } else {
        None
    }
}

/// The instant (seconds) and offset (seconds east) of an RFC 3339 text with
/// an offset.
pub(super) fn instant_and_offset(text: &str) -> Option<(i64, i64)> {
    let spec = crate::time::values::parse_date_time(text).ok()?;
    let crate::time::DateTimeSpec::Absolute(t) = spec else {
        return None;
    };
    let tail = text.get(text.len().saturating_sub(6)..)?;
    let offset = if text.ends_with(['Z', 'z']) {
        0
    } else {
        let b = tail.as_bytes();
        let sign = match b.first() {
            Some(b'+') => 1,
            Some(b'-') => -1,
            _ => return None,
        };
        let h: i64 = tail.get(1..3)?.parse().ok()?;
        let m: i64 = tail.get(4..6)?.parse().ok()?;
        sign * (h * 3600 + m * 60)
    };
    Some((t.0, offset))
}

/// `+01:00`, `-04:00`.
fn offset_text(offset: i64) -> String {
    let sign = if offset < 0 { '-' } else { '+' };
    let a = offset.abs();
    format!("{sign}{:02}:{:02}", a / 3600, (a % 3600) / 60)
}
