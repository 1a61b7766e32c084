//! PagerDuty's Terraform provider into the intermediate ([`super::objects`]).
//!
//! The Terraform reader ([`crate::import::terraform`]) evaluates the module:
//! every `resource` and `data` block instance with its attributes and nested
//! blocks, values with their spans, references as [`Kind::Ref`] and values
//! that need a variable as [`Kind::Unknown`]. This file only names the
//! provider's fields:
//!
//! - `pagerduty_user`, `pagerduty_user_contact_method`,
//!   `pagerduty_user_notification_rule` (attached to their user by
//!   `user_id`), `data.pagerduty_user`;
//! - `pagerduty_schedule` (`layer` blocks in order: the provider sends them
//!   as written, so the first block is Layer 1, the bottom), with
//!   `restriction` blocks; `data.pagerduty_schedule`;
//! - `pagerduty_escalation_policy` (`rule` blocks with `target` blocks and
//!   `escalation_rule_assignment_strategy`);
//! - `pagerduty_service`, `pagerduty_team`, `pagerduty_team_membership`.
//!
//! Objects are keyed by their Terraform address (`pagerduty_user.alice`,
//! `pagerduty_user.people["alice"]`, `data.pagerduty_schedule.secondary`),
//! which is what a reference such as `pagerduty_user.alice.id` names; that
//! address is each object's `source` in the document. Every PagerDuty rule
//! is applied in [`super::map`], the same for both formats.

use std::collections::HashMap;

use crate::diagnostic::Diagnostic;
use crate::import::terraform::{
    self, Attribute, Block, Body, Kind, Mode, Module, Resource, Source, Value,
};
use crate::import::Cx;

use super::objects::{
    ContactMethod, Export, Extra, Field, Layer, Loc, NotificationRule, ObjectKindOfTeam, Policy,
    Ref, Restriction, Rule, Schedule, Service, Target, Team, User,
};

/// Reads the Terraform module of the import into `export`.
pub fn read(cx: &mut Cx<'_>, export: &mut Export) {
    let module = terraform::read(cx.files, &cx.options.vars);
    cx.report_terraform(&module);
    let mut r = Reader {
        cx,
        module: &module,
    };
    let mut contact_methods: Vec<(Option<Ref>, ContactMethod)> = Vec::new();
    let mut notification_rules: Vec<(Option<Ref>, NotificationRule)> = Vec::new();
    for res in &module.resources {
        let Some(kind) = res.kind.strip_prefix("pagerduty_") else {
            continue;
        };
        match (res.mode, kind) {
            (Mode::Managed, "user") => export.users.push(r.user(res)),
            (Mode::Data, "user") => export.users.push(r.data_user(res)),
            (Mode::Managed, "user_contact_method") => contact_methods.push(r.contact_method(res)),
            (Mode::Managed, "user_notification_rule") => {
                notification_rules.push(r.notification_rule(res))
            }
            (Mode::Managed, "schedule") => export.schedules.push(r.schedule(res)),
            (Mode::Data, "schedule") => export.schedules.push(r.data_schedule(res)),
            (Mode::Managed, "escalation_policy") => export.policies.push(r.policy(res)),
            (Mode::Managed, "service") => export.services.push(r.service(res)),
            (Mode::Managed, "team") => export.teams.push(r.team(res)),
            (Mode::Managed, "team_membership") => {
                export.teams.push(r.membership(res, &export.users))
            }
            (Mode::Data, _) => r.data_other(res, kind),
            (Mode::Managed, _) => r.other(res, kind),
        }
    }
    // Contact methods and notification rules join their user.
    let mut index: HashMap<String, usize> = HashMap::new();
    for (i, u) in export.users.iter().enumerate() {
        index.entry(u.key.clone()).or_insert(i);
    }
    for (user, method) in contact_methods {
        match user_of(export, &index, user.as_ref()) {
            Some(u) => u.contact_methods.push(method),
            None => r.orphan(user.as_ref(), method.loc, "contact method"),
        }
    }
    for (user, rule) in notification_rules {
        match user_of(export, &index, user.as_ref()) {
            Some(u) => u.notification_rules.push(rule),
            None => r.orphan(user.as_ref(), rule.loc, "notification rule"),
        }
    }
}

fn user_of<'e>(
    export: &'e mut Export,
    index: &HashMap<String, usize>,
    user: Option<&Ref>,
) -> Option<&'e mut User> {
    let i = *index.get(&user?.key)?;
    export.users.get_mut(i)
}

struct Reader<'c, 'a, 'm> {
    cx: &'c mut Cx<'a>,
    module: &'m Module,
}

/// A body whose attributes and blocks are read one by one; the rest become
/// [`Extra`]s.
struct Fields<'b> {
    body: &'b Body,
    used_attributes: Vec<bool>,
    used_blocks: Vec<bool>,
}

impl<'b> Fields<'b> {
    fn new(body: &'b Body) -> Fields<'b> {
        Fields {
            body,
            used_attributes: vec![false; body.attributes.len()],
            used_blocks: vec![false; body.blocks.len()],
        }
    }

    fn attribute(&mut self, name: &str) -> Option<&'b Attribute> {
        let i = self.body.attributes.iter().position(|a| a.name == name)?;
        if let Some(u) = self.used_attributes.get_mut(i) {
            *u = true;
        }
        self.body.attributes.get(i)
    }

    fn blocks(&mut self, kind: &str) -> Vec<&'b Block> {
        let mut out = Vec::new();
        for (i, b) in self.body.blocks.iter().enumerate() {
            if b.kind == kind {
                if let Some(u) = self.used_blocks.get_mut(i) {
                    *u = true;
                }
                out.push(b);
            }
        }
        out
    }

    fn extras(self) -> Vec<Extra> {
        let mut out = Vec::new();
        for (a, used) in self.body.attributes.iter().zip(&self.used_attributes) {
            if *used || matches!(a.value.kind, Kind::Null) {
                continue;
            }
            if let Kind::List(items) | Kind::Set(items) = &a.value.kind {
                if items.is_empty() {
                    continue;
                }
            }
            let parts = match &a.value.kind {
                Kind::Map(map) => map
                    .iter()
                    .filter_map(|(k, v)| Some((k.clone(), shown(v)?)))
                    .collect(),
                _ => Vec::new(),
            };
            out.push(Extra {
                field: a.name.clone(),
                key: Loc::new(a.file, a.name_span),
                loc: Loc::new(a.file, a.span),
                shown: shown(&a.value),
                parts,
            });
        }
        for (b, used) in self.body.blocks.iter().zip(&self.used_blocks) {
            if *used {
                continue;
            }
            out.push(Extra {
                field: b.kind.clone(),
                key: Loc::new(b.file, b.span),
                loc: Loc::new(b.file, b.span),
                shown: None,
                parts: b
                    .body
                    .attributes
                    .iter()
                    .filter_map(|a| Some((a.name.clone(), shown(&a.value)?)))
                    .collect(),
            });
        }
        out
    }
}

/// A scalar's text for messages.
fn shown(v: &Value) -> Option<String> {
    match &v.kind {
        Kind::Null => Some("null".to_string()),
        Kind::Bool(b) => Some(b.to_string()),
        Kind::Number(_) => v
            .as_i64()
            .map(|n| n.to_string())
            .or_else(|| v.as_number().map(|n| n.to_string())),
        Kind::String(s) => Some(s.chars().take(60).collect()),
        _ => None,
    }
}

impl Reader<'_, '_, '_> {
    /// Where a value was written: in a file, or (for a `--var` value) at
    /// the attribute that uses it.
    fn loc(&self, v: &Value, attribute: &Attribute) -> Loc {
        match v.source {
            Source::File { file, span } => Loc::new(file, span),
            Source::Var { .. } => Loc::new(attribute.file, attribute.span),
        }
    }

    /// An attribute whose value is not known: said once, where it is.
    fn unknown(&mut self, v: &Value, attribute: &Attribute, what: &str) -> Field<()> {
        let loc = self.loc(v, attribute);
        match &v.kind {
            Kind::Error => {}
            Kind::Ref {
                address,
                attribute: path,
            } => {
                let d = Diagnostic::error(
                    "unknown-value",
                    loc.span,
                    format!("{what} is `{address}.{path}`, which only PagerDuty knows once Terraform applies"),
                )
                .with_help("write the value itself, or import the object's API JSON with the Terraform files");
                self.cx.report(loc.file, d);
            }
            _ => {
                let example = if attribute.name.contains("start") || attribute.name == "end" {
                    Some("2026-03-02T09:00:00Z")
                } else {
                    None
                };
                let d = terraform::unknown_diagnostic(
                    v,
                    what,
                    example,
                    (attribute.file, attribute.span),
                );
                self.cx.diagnostics.push(d);
            }
        }
        Field::Unknown(loc)
    }

    /// A string attribute (numbers and booleans read as their text).
    fn string(&mut self, f: &mut Fields<'_>, name: &str, owner: &str) -> Field<String> {
        let Some(a) = f.attribute(name) else {
            return Field::Absent;
        };
        let v = &a.value;
        match &v.kind {
            Kind::Null => Field::Absent,
            Kind::String(s) => Field::Known(s.clone(), self.loc(v, a)),
            Kind::Number(_) | Kind::Bool(_) => match shown(v) {
                Some(s) => Field::Known(s, self.loc(v, a)),
                None => Field::Absent,
            },
            Kind::Unknown { .. } | Kind::Ref { .. } | Kind::Error => {
                match self.unknown(v, a, &format!("`{name}` of `{owner}`")) {
                    Field::Unknown(loc) => Field::Unknown(loc),
                    _ => Field::Absent,
                }
            }
            _ => {
                let loc = self.loc(v, a);
                self.cx.report(
                    loc.file,
                    Diagnostic::error(
                        "import-invalid-value",
                        loc.span,
                        format!(
                            "`{name}` of `{owner}` should be a string, not {}",
                            kind_name(&v.kind)
                        ),
                    ),
                );
                Field::Unknown(loc)
            }
        }
    }

    fn int(&mut self, f: &mut Fields<'_>, name: &str, owner: &str) -> Field<i64> {
        let Some(a) = f.attribute(name) else {
            return Field::Absent;
        };
        let v = &a.value;
        let number = match &v.kind {
            Kind::String(s) => s.trim().parse::<i64>().ok(),
            _ => v.as_i64(),
        };
        match (&v.kind, number) {
            (Kind::Null, _) => Field::Absent,
            (_, Some(n)) => Field::Known(n, self.loc(v, a)),
            (Kind::Unknown { .. } | Kind::Ref { .. } | Kind::Error, _) => {
                match self.unknown(v, a, &format!("`{name}` of `{owner}`")) {
                    Field::Unknown(loc) => Field::Unknown(loc),
                    _ => Field::Absent,
                }
            }
            _ => {
                let loc = self.loc(v, a);
                self.cx.report(
                    loc.file,
                    Diagnostic::error(
                        "import-invalid-value",
                        loc.span,
                        format!(
                            "`{name}` of `{owner}` should be a whole number, not {}",
                            kind_name(&v.kind)
                        ),
                    ),
                );
                Field::Unknown(loc)
            }
        }
    }

    /// A reference: `pagerduty_user.alice.id` (the address is the key), or
    /// a literal PagerDuty id.
    fn reference(&mut self, v: &Value, a: &Attribute, what: &str) -> Option<Ref> {
        let loc = self.loc(v, a);
        match &v.kind {
            Kind::Ref { address, .. } => Some(Ref {
                key: address.clone(),
                summary: self.name_of(address),
                loc,
            }),
            Kind::String(s) if !s.is_empty() => Some(Ref {
                key: s.clone(),
                summary: None,
                loc,
            }),
            Kind::Null => None,
            Kind::Unknown { .. } | Kind::Error => {
                self.unknown(v, a, what);
                None
            }
            _ => {
                self.cx.report(
                    loc.file,
                    Diagnostic::error(
                        "import-invalid-value",
                        loc.span,
                        format!("{what} should be an id or a reference like `pagerduty_user.alice.id`, not {}", kind_name(&v.kind)),
                    ),
                );
                None
            }
        }
    }

    fn reference_attribute(&mut self, f: &mut Fields<'_>, name: &str, owner: &str) -> Option<Ref> {
        let a = f.attribute(name)?;
        self.reference(&a.value, a, &format!("`{name}` of `{owner}`"))
    }

    /// The `name` (or `email`) of the resource at `address`, when known.
    fn name_of(&self, address: &str) -> Option<String> {
        let r = self.module.resource(address)?;
        ["name", "email"]
            .iter()
            .find_map(|k| r.body.value(k).and_then(Value::as_str).map(str::to_string))
    }

    fn head(res: &Resource) -> Loc {
        Loc::new(res.file, res.span)
    }

    // ---- users -----------------------------------------------------------

    fn user(&mut self, res: &Resource) -> User {
        let mut f = Fields::new(&res.body);
        let owner = &res.address;
        User {
            key: res.address.clone(),
            loc: Self::head(res),
            name: self.string(&mut f, "name", owner),
            email: self.string(&mut f, "email", owner),
            time_zone: self.string(&mut f, "time_zone", owner),
            contact_methods: Vec::new(),
            notification_rules: Vec::new(),
            stub_lists: Vec::new(),
            lookup: false,
            extra: f.extras(),
        }
    }

    fn data_user(&mut self, res: &Resource) -> User {
        let mut f = Fields::new(&res.body);
        let owner = &res.address;
        let email = self.string(&mut f, "email", owner);
        User {
            key: res.address.clone(),
            loc: Self::head(res),
            name: Field::Absent,
            email,
            time_zone: Field::Absent,
            contact_methods: Vec::new(),
            notification_rules: Vec::new(),
            stub_lists: Vec::new(),
            lookup: true,
            extra: f.extras(),
        }
    }

    fn contact_method(&mut self, res: &Resource) -> (Option<Ref>, ContactMethod) {
        let mut f = Fields::new(&res.body);
        let owner = &res.address;
        let user = self.reference_attribute(&mut f, "user_id", owner);
        let method = ContactMethod {
            key: res.address.clone(),
            loc: Self::head(res),
            kind: self.string(&mut f, "type", owner),
            address: self.string(&mut f, "address", owner),
            country_code: self.string(&mut f, "country_code", owner),
            label: self.string(&mut f, "label", owner),
            extra: f.extras(),
        };
        (user, method)
    }

    fn notification_rule(&mut self, res: &Resource) -> (Option<Ref>, NotificationRule) {
        let mut f = Fields::new(&res.body);
        let owner = res.address.clone();
        let user = self.reference_attribute(&mut f, "user_id", &owner);
        let start_delay_in_minutes = self.int(&mut f, "start_delay_in_minutes", &owner);
        let urgency = self.string(&mut f, "urgency", &owner);
        // `contact_method = { id, type }` (a map, as the docs write it) or a
        // `contact_method { ... }` block.
        let (mut contact_method, mut contact_method_kind) = (None, Field::Absent);
        if let Some(a) = f.attribute("contact_method") {
            if let Some(id) = a.value.get("id") {
                contact_method = self.reference(id, a, &format!("the contact method of `{owner}`"));
            }
            if let Some(t) = a.value.get("type").and_then(Value::as_str) {
                contact_method_kind = Field::Known(t.to_string(), self.loc(&a.value, a));
            }
        }
        for b in f.blocks("contact_method") {
            let mut bf = Fields::new(&b.body);
            contact_method = self.reference_attribute(&mut bf, "id", &owner);
            contact_method_kind = self.string(&mut bf, "type", &owner);
        }
        let rule = NotificationRule {
            key: res.address.clone(),
            loc: Self::head(res),
            start_delay_in_minutes,
            urgency,
            contact_method,
            contact_method_kind,
            extra: f.extras(),
        };
        (user, rule)
    }

    fn orphan(&mut self, user: Option<&Ref>, loc: Loc, what: &str) {
        let d = match user {
            Some(u) => Diagnostic::warning(
                "import-missing-object",
                u.loc.span,
                format!(
                    "this {what} is for user `{}`, which is not in the files; not imported",
                    u.key
                ),
            ),
            None => Diagnostic::warning(
                "import-missing-key",
                loc.span,
                format!("this {what} names no user (`user_id`); not imported"),
            ),
        };
        let file = user.map_or(loc.file, |u| u.loc.file);
        self.cx.report(file, d);
    }

    // ---- schedules -------------------------------------------------------

    fn schedule(&mut self, res: &Resource) -> Schedule {
        let mut f = Fields::new(&res.body);
        let owner = res.address.clone();
        let name = self.string(&mut f, "name", &owner);
        let time_zone = self.string(&mut f, "time_zone", &owner);
        let blocks = f.blocks("layer");
        let layers: Vec<Layer> = blocks
            .iter()
            .enumerate()
            .map(|(i, b)| self.layer(b, &format!("{owner}.layer[{i}]")))
            .collect();
        if layers.len() > 1 {
            if let Some(first) = blocks.first() {
                self.cx.report(
                    first.file,
                    Diagnostic::info(
                        "pagerduty-layer-order",
                        first.span,
                        "layers read bottom first, in block order, as the provider sends them (the first `layer` block is Layer 1); the last layer wins",
                    ),
                );
            }
        }
        Schedule {
            key: res.address.clone(),
            loc: Self::head(res),
            name,
            time_zone,
            layers,
            overrides: Vec::new(),
            rendered_overrides: Vec::new(),
            rendered_overrides_at: None,
            lookup: false,
            extra: f.extras(),
        }
    }

    fn data_schedule(&mut self, res: &Resource) -> Schedule {
        let mut f = Fields::new(&res.body);
        let owner = res.address.clone();
        Schedule {
            key: res.address.clone(),
            loc: Self::head(res),
            name: self.string(&mut f, "name", &owner),
            time_zone: Field::Absent,
            layers: Vec::new(),
            overrides: Vec::new(),
            rendered_overrides: Vec::new(),
            rendered_overrides_at: None,
            lookup: true,
            extra: f.extras(),
        }
    }

    fn layer(&mut self, b: &Block, key: &str) -> Layer {
        let mut f = Fields::new(&b.body);
        let name = self.string(&mut f, "name", key);
        let start = self.string(&mut f, "start", key);
        let end = match self.string(&mut f, "end", key) {
            Field::Known(s, loc) if s.is_empty() => Field::Known(None, loc),
            Field::Known(s, loc) => Field::Known(Some(s), loc),
            Field::Unknown(loc) => Field::Unknown(loc),
            Field::Absent => Field::Absent,
        };
        let rotation_virtual_start = self.string(&mut f, "rotation_virtual_start", key);
        let rotation_turn_length_seconds = self.int(&mut f, "rotation_turn_length_seconds", key);
        let users = match f.attribute("users") {
            None => Field::Absent,
            Some(a) => match a.value.as_list() {
                Some(items) => {
                    let mut refs = Vec::new();
                    let mut all = true;
                    for item in items {
                        match self.reference(item, a, &format!("a user of `{key}`")) {
                            Some(r) => refs.push(r),
                            None => all = false,
                        }
                    }
                    if all {
                        Field::Known(refs, self.loc(&a.value, a))
                    } else {
                        Field::Unknown(self.loc(&a.value, a))
                    }
                }
                None => match &a.value.kind {
                    Kind::Unknown { .. } | Kind::Error | Kind::Ref { .. } => {
                        self.unknown(&a.value, a, &format!("`users` of `{key}`"));
                        Field::Unknown(self.loc(&a.value, a))
                    }
                    _ => {
                        let loc = self.loc(&a.value, a);
                        self.cx.report(
                            loc.file,
                            Diagnostic::error(
                                "import-invalid-value",
                                loc.span,
                                format!(
                                    "`users` of `{key}` should be a list of user ids, not {}",
                                    kind_name(&a.value.kind)
                                ),
                            ),
                        );
                        Field::Unknown(loc)
                    }
                },
            },
        };
        let restrictions = f
            .blocks("restriction")
            .into_iter()
            .map(|r| {
                let mut rf = Fields::new(&r.body);
                Restriction {
                    loc: Loc::new(r.file, r.span),
                    kind: self.string(&mut rf, "type", key),
                    start_time_of_day: self.string(&mut rf, "start_time_of_day", key),
                    duration_seconds: self.int(&mut rf, "duration_seconds", key),
                    start_day_of_week: self.int(&mut rf, "start_day_of_week", key),
                    extra: rf.extras(),
                }
            })
            .collect();
        Layer {
            key: Some(key.to_string()),
            loc: Loc::new(b.file, b.span),
            name,
            start,
            end,
            rotation_virtual_start,
            rotation_turn_length_seconds,
            users,
            restrictions,
            extra: f.extras(),
        }
    }

    // ---- policies, services, teams ---------------------------------------

    fn policy(&mut self, res: &Resource) -> Policy {
        let mut f = Fields::new(&res.body);
        let owner = res.address.clone();
        let name = self.string(&mut f, "name", &owner);
        let num_loops = self.int(&mut f, "num_loops", &owner);
        let rules = f
            .blocks("rule")
            .into_iter()
            .enumerate()
            .map(|(i, b)| self.rule(b, &format!("{owner}.rule[{i}]")))
            .collect();
        Policy {
            key: res.address.clone(),
            loc: Self::head(res),
            name,
            num_loops,
            rules,
            extra: f.extras(),
        }
    }

    fn rule(&mut self, b: &Block, key: &str) -> Rule {
        let mut f = Fields::new(&b.body);
        let escalation_delay_in_minutes = self.int(&mut f, "escalation_delay_in_minutes", key);
        let targets = f
            .blocks("target")
            .into_iter()
            .map(|t| {
                let mut tf = Fields::new(&t.body);
                let kind = self.string(&mut tf, "type", key);
                // The provider's default type.
                let kind = match kind {
                    Field::Absent => {
                        Field::Known("user_reference".to_string(), Loc::new(t.file, t.span))
                    }
                    other => other,
                };
                let reference = self.reference_attribute(&mut tf, "id", key);
                Target {
                    loc: Loc::new(t.file, t.span),
                    kind,
                    reference,
                }
            })
            .collect();
        let mut assignment_strategy = Field::Absent;
        for s in f.blocks("escalation_rule_assignment_strategy") {
            let mut sf = Fields::new(&s.body);
            assignment_strategy = self.string(&mut sf, "type", key);
        }
        Rule {
            key: Some(key.to_string()),
            loc: Loc::new(b.file, b.span),
            escalation_delay_in_minutes,
            targets,
            assignment_strategy,
            extra: f.extras(),
        }
    }

    fn service(&mut self, res: &Resource) -> Service {
        let mut f = Fields::new(&res.body);
        let owner = res.address.clone();
        let name = self.string(&mut f, "name", &owner);
        let escalation_policy = self.reference_attribute(&mut f, "escalation_policy", &owner);
        Service {
            key: res.address.clone(),
            loc: Self::head(res),
            name,
            escalation_policy,
            extra: f.extras(),
        }
    }

    fn team(&mut self, res: &Resource) -> Team {
        let mut f = Fields::new(&res.body);
        let owner = res.address.clone();
        Team {
            key: res.address.clone(),
            loc: Self::head(res),
            name: self.string(&mut f, "name", &owner),
            kind: ObjectKindOfTeam::Team,
            extra: f.extras(),
        }
    }

    fn membership(&mut self, res: &Resource, users: &[User]) -> Team {
        let mut f = Fields::new(&res.body);
        let owner = res.address.clone();
        let user = self.reference_attribute(&mut f, "user_id", &owner);
        f.attribute("team_id");
        let name = match user {
            Some(u) => {
                let shown = users
                    .iter()
                    .find(|x| x.key == u.key)
                    .and_then(|x| x.name.value().cloned())
                    .unwrap_or(u.key);
                Field::Known(shown, u.loc)
            }
            None => Field::Absent,
        };
        Team {
            key: res.address.clone(),
            loc: Self::head(res),
            name,
            kind: ObjectKindOfTeam::Membership,
            extra: f.extras(),
        }
    }

    fn data_other(&mut self, res: &Resource, kind: &str) {
        let loc = Self::head(res);
        let what = match kind {
            "escalation_policy" => "its rules are not in the files, so services that use it are imported without escalation",
            _ => "it is looked up outside the files",
        };
        self.cx.report(
            loc.file,
            Diagnostic::warning(
                "import-lookup",
                loc.span,
                format!("`{}` is not imported: {what}", res.address),
            )
            .with_help("import the object's API JSON with the Terraform files"),
        );
    }

    fn other(&mut self, res: &Resource, kind: &str) {
        let loc = Self::head(res);
        let d = match kind {
            "maintenance_window" => Diagnostic::warning(
                "import-not-evaluated",
                loc.span,
                format!("`{}` is not evaluated: PagerDuty opens no incidents for its services during the window", res.address),
            ),
            _ => Diagnostic::info(
                "import-not-imported",
                loc.span,
                format!("`{}` is not imported: a `pagerduty_{kind}` does not change who is on call or who is paged for an incident", res.address),
            ),
        };
        self.cx.report(loc.file, d);
    }
}

/// A kind's name for messages (`a string`, `a list`).
fn kind_name(kind: &Kind) -> &'static str {
    {
        match kind {
            Kind::Null => "null",
            Kind::Bool(_) => "a boolean",
            Kind::Number(_) => "a number",
            Kind::String(_) => "a string",
            Kind::List(_) => "a list",
            Kind::Set(_) => "a set",
            Kind::Map(_) => "a map",
            Kind::Ref { .. } => "a reference",
            Kind::Unknown { .. } => "an unknown value",
            Kind::Error => "an error",
        }
    }
}
