//! Opsgenie Terraform: the `opsgenie_*` resources of a module evaluated by
//! [`crate::import::terraform`], read into the intermediate ([`og`]).
//!
//! References between resources (`opsgenie_user.alice.id`) become
//! references by Terraform address; data sources (`data.opsgenie_user.x`,
//! objects outside the configuration) become references by their name or
//! username, so they resolve against an API export given with the module,
//! or make a stub. The provider's quirks are applied here, where it sends
//! Opsgenie something other than the configuration says (notes Q7): an
//! unset `enabled` sends `false`, only the last `restriction` block and the
//! last `recipient` of a rule are sent, a `count` or `length` of 0 is left
//! out.
//!
//! [`og`]: super::og

use std::collections::HashMap;

use crate::diagnostic::Diagnostic;
use crate::import::terraform::{self, Block, Body, Kind, Mode, Module, Resource, Value};
use crate::import::Cx;

use super::module::zero_count;
use super::og::{
    At, DailyWindow, Escalation, Loose, Member, Notify, Og, Participant, Recipient, Ref, Repeat,
    Restriction, Rotation, RoutingRule, Rule, Schedule, Team, User, WeeklyWindow, F,
};
use super::Diags;

/// Reads the module the import's files make into `og`.
pub fn read(og: &mut Og, cx: &mut Cx<'_>, diags: &mut Diags) {
    let module = terraform::read(cx.files, &cx.options.vars);
    cx.report_terraform(&module);
    let data = data_sources(&module, diags);
    let mut r = Reader {
        data: &data,
        module: &module,
        diags,
    };
    for res in &module.resources {
        if !res.kind.starts_with("opsgenie_") {
            continue;
        }
        if res.mode == Mode::Data {
            continue;
        }
        r.resource(og, res);
    }
}

/// What a data source names: its kind (`opsgenie_user`) and its name or
/// username, by address.
fn data_sources(module: &Module, diags: &mut Diags) -> HashMap<String, (String, Option<String>)> {
    let mut out = HashMap::new();
    for res in &module.resources {
        if res.mode != Mode::Data || !res.kind.starts_with("opsgenie_") {
            continue;
        }
        let key = if res.kind == "opsgenie_user" {
            "username"
        } else {
            "name"
        };
        let name = match res.body.attribute(key) {
            Some(a) => match &a.value.kind {
                Kind::String(s) => Some(s.clone()),
                Kind::Unknown { .. } => {
                    diags.0.push(terraform::unknown_diagnostic(
                        &a.value,
                        &format!("`{key}` of `{}`", res.address),
                        None,
                        (a.file, a.span),
                    ));
                    None
                }
                _ => None,
            },
            None => None,
        };
        out.insert(res.address.clone(), (res.kind.clone(), name));
    }
    out
}

struct Reader<'a> {
    data: &'a HashMap<String, (String, Option<String>)>,
    module: &'a Module,
    diags: &'a mut Diags,
}

/// A body being read, every attribute and block accounted for.
struct Obj<'b> {
    body: &'b Body,
    /// Where the block is (its header).
    at: At,
    /// The resource's address, for messages.
    address: String,
    attrs: Vec<bool>,
    blocks: Vec<bool>,
}

impl<'b> Obj<'b> {
    fn new(body: &'b Body, at: At, address: &str) -> Obj<'b> {
        Obj {
            body,
            at,
            address: address.to_string(),
            attrs: vec![false; body.attributes.len()],
            blocks: vec![false; body.blocks.len()],
        }
    }

    fn of_block(b: &'b Block, address: &str) -> Obj<'b> {
        Obj::new(&b.body, At::new(b.file, b.span), address)
    }

    /// The attribute's value and where it is, marked as read; null is
    /// absent.
    fn value(&mut self, name: &str) -> Option<(&'b Value, At)> {
        let i = self.body.attributes.iter().position(|a| a.name == name)?;
        self.attrs[i] = true;
        let a = &self.body.attributes[i];
        if a.value.is_null() {
            return None;
        }
        let at = match a.value.source {
            terraform::Source::File { file, span } => At::new(file, span),
            terraform::Source::Var { .. } => At::new(a.file, a.span),
        };
        Some((&a.value, at))
    }

    fn blocks(&mut self, kind: &str) -> Vec<&'b Block> {
        let mut out = Vec::new();
        for (i, b) in self.body.blocks.iter().enumerate() {
            if b.kind == kind {
                self.blocks[i] = true;
                out.push(b);
            }
        }
        out
    }

    fn skip(&mut self, names: &[&str]) {
        for (i, a) in self.body.attributes.iter().enumerate() {
            if names.contains(&a.name.as_str()) {
                self.attrs[i] = true;
            }
        }
        for (i, b) in self.body.blocks.iter().enumerate() {
            if names.contains(&b.kind.as_str()) {
                self.blocks[i] = true;
            }
        }
    }

    /// One info for everything not read.
    fn finish(self, diags: &mut Diags, why: &str) {
        let mut spans: Vec<(At, String)> = Vec::new();
        for (a, used) in self.body.attributes.iter().zip(&self.attrs) {
            if !used {
                spans.push((At::new(a.file, a.name_span), format!("`{}`", a.name)));
            }
        }
        for (b, used) in self.body.blocks.iter().zip(&self.blocks) {
            if !used {
                spans.push((At::new(b.file, b.span), format!("`{}`", b.kind)));
            }
        }
        let Some((first, _)) = spans.first().cloned() else {
            return;
        };
        let names: Vec<&str> = spans.iter().map(|(_, n)| n.as_str()).collect();
        let mut d = Diagnostic::info(
            "import-not-imported",
            first.span,
            format!("not imported: {} ({why})", names.join(", ")),
        );
        for (at, _) in spans.iter().skip(1) {
            if at.file == first.file {
                d = d.with_label(at.span, "not imported");
            }
        }
        diags.push(first.file, d);
    }
}

impl Reader<'_> {
    /// The value if it is known; a diagnostic when it is unknown (it needs a
    /// variable, or is known only once applied).
    fn known<'v>(
        &mut self,
        v: &'v Value,
        at: At,
        what: &str,
        example: Option<&str>,
    ) -> Option<&'v Value> {
        match &v.kind {
            Kind::Unknown { .. } => {
                self.diags.0.push(terraform::unknown_diagnostic(
                    v,
                    what,
                    example,
                    (at.file, at.span),
                ));
                None
            }
            Kind::Error => None,
            _ => Some(v),
        }
    }

    /// A resource attribute that a reference names, when the configuration
    /// gives it literally (`opsgenie_team.t.name`).
    fn deref<'v>(&'v self, v: &'v Value) -> &'v Value {
        if let Kind::Ref { address, attribute } = &v.kind {
            if !attribute.is_empty() && !attribute.contains(['.', '[']) {
                if let Some(target) = self.module.resource(address) {
                    if let Some(val) = target.body.value(attribute) {
                        if !matches!(val.kind, Kind::Ref { .. }) {
                            return val;
                        }
                    }
                }
            }
        }
        v
    }

    fn str(&mut self, o: &mut Obj, name: &str, example: Option<&str>) -> Option<F<String>> {
        let (v, at) = o.value(name)?;
        let what = format!("`{name}` of `{}`", o.address);
        let v = self.deref(v).clone();
        let v = self.known(&v, at, &what, example)?;
        match &v.kind {
            Kind::String(s) => Some(F::new(s.clone(), at)),
            Kind::Number(n) => Some(F::new(number(*n), at)),
            Kind::Bool(b) => Some(F::new(b.to_string(), at)),
            Kind::Ref { address, attribute } => {
                self.diags.push(
                    at.file,
                    Diagnostic::error(
                        "unknown-value",
                        at.span,
                        format!("{what} is `{address}.{attribute}`, which only Opsgenie knows; not imported"),
                    ),
                );
                None
            }
            _ => {
                self.wrong(at, &what, "a string", v);
                None
            }
        }
    }

    fn int(&mut self, o: &mut Obj, name: &str) -> Option<F<i64>> {
        let (v, at) = o.value(name)?;
        let what = format!("`{name}` of `{}`", o.address);
        let v = self.deref(v).clone();
        let v = self.known(&v, at, &what, None)?;
        let n = match &v.kind {
            Kind::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => Some(*n as i64),
            Kind::String(s) => s.trim().parse().ok(),
            _ => None,
        };
        match n {
            Some(n) => Some(F::new(n, at)),
            None => {
                self.wrong(at, &what, "a whole number", v);
                None
            }
        }
    }

    fn bool(&mut self, o: &mut Obj, name: &str) -> Option<F<bool>> {
        let (v, at) = o.value(name)?;
        let what = format!("`{name}` of `{}`", o.address);
        let v = self.deref(v).clone();
        let v = self.known(&v, at, &what, None)?;
        match &v.kind {
            Kind::Bool(b) => Some(F::new(*b, at)),
            Kind::String(s) if s == "true" || s == "false" => Some(F::new(s == "true", at)),
            _ => {
                self.wrong(at, &what, "true or false", v);
                None
            }
        }
    }

    fn wrong(&mut self, at: At, what: &str, expected: &str, v: &Value) {
        self.diags.push(
            at.file,
            Diagnostic::error(
                "import-wrong-type",
                at.span,
                format!("{what} should be {expected}, found {}", v.kind.type_name()),
            ),
        );
    }

    /// A reference: a resource (`opsgenie_user.a.id`) by address, a data
    /// source by the name it looks up, a literal as an Opsgenie id (or a
    /// name, with `by_name`).
    fn reference(&mut self, o: &mut Obj, name: &str, by_name: bool) -> Option<Ref> {
        let (v, at) = o.value(name)?;
        let what = format!("`{name}` of `{}`", o.address);
        let v = self.known(v, at, &what, None)?.clone();
        match &v.kind {
            Kind::Ref { address, .. } => {
                if let Some((_, data_name)) = self.data.get(address) {
                    return Some(match data_name {
                        Some(n) => Ref::new(None, Some(n.clone()), at),
                        None => Ref::new(Some(address.clone()), None, at),
                    });
                }
                Some(Ref::new(Some(address.clone()), None, at))
            }
            Kind::String(s) if by_name => Some(Ref::new(None, Some(s.clone()), at)),
            Kind::String(s) => Some(Ref::new(Some(s.clone()), None, at)),
            _ => {
                self.wrong(at, &what, "a reference", &v);
                None
            }
        }
    }

    fn resource(&mut self, og: &mut Og, res: &Resource) {
        let at = At::new(res.file, res.span);
        let mut o = Obj::new(&res.body, at, &res.address);
        match res.kind.as_str() {
            "opsgenie_user" => {
                let username = self.str(&mut o, "username", None);
                let full_name = self.str(&mut o, "full_name", None);
                let mut timezone = self.str(&mut o, "timezone", Some("Europe/Berlin"));
                if timezone.is_none() && o.value("timezone").is_none() {
                    // The provider's documented default.
                    timezone = Some(F::new("America/New_York".to_string(), at));
                    self.diags.push(
                        at.file,
                        Diagnostic::info(
                            "import-provider-quirk",
                            at.span,
                            "this user has no `timezone`: the provider's default `America/New_York` is imported",
                        ),
                    );
                }
                o.skip(&[
                    "role",
                    "locale",
                    "tags",
                    "skype_username",
                    "user_address",
                    "user_details",
                ]);
                o.finish(self.diags, "no meaning for on-call paths");
                og.users.push(User {
                    id: Some(res.address.clone()),
                    username,
                    full_name,
                    timezone,
                    source: res.address.clone(),
                    at,
                    stub: false,
                });
            }
            "opsgenie_team" => {
                let name = self.str(&mut o, "name", None);
                let ignore = self.bool(&mut o, "ignore_members");
                let delete_default = self.bool(&mut o, "delete_default_resources");
                let mut members = Vec::new();
                for b in o.blocks("member") {
                    let mut m = Obj::of_block(b, &res.address);
                    let user = self.reference(&mut m, "id", false);
                    let role = self
                        .str(&mut m, "role", None)
                        .unwrap_or_else(|| F::new("user".to_string(), m.at));
                    let mat = m.at;
                    m.finish(self.diags, "not part of a team member");
                    match user {
                        Some(user) => members.push(Member { user, role }),
                        None => self.diags.push(
                            mat.file,
                            Diagnostic::warning(
                                "import-missing-key",
                                mat.span,
                                "this member names no user; not imported",
                            ),
                        ),
                    }
                }
                if let Some(i) = ignore.filter(|i| i.v) {
                    self.diags.push(
                        i.at.file,
                        Diagnostic::info(
                            "import-assumption",
                            i.at.span,
                            "`ignore_members = true`: the members listed are imported, though the provider neither sends nor reads them",
                        ),
                    );
                }
                o.skip(&[]);
                o.finish(self.diags, "no meaning for on-call paths");
                let name = name.unwrap_or_else(|| F::new(res.address.clone(), at));
                og.teams.push(Team {
                    id: Some(res.address.clone()),
                    name,
                    members: Some(members),
                    routing: Vec::new(),
                    delete_default_resources: delete_default,
                    source: res.address.clone(),
                    at,
                    stub: false,
                });
            }
            "opsgenie_schedule" => {
                let name = self.str(&mut o, "name", None);
                let timezone = self.str(&mut o, "timezone", Some("Europe/Berlin"));
                let mut enabled = self.bool(&mut o, "enabled");
                if enabled.is_none() && o.value("enabled").is_none() {
                    // `d.Get("enabled").(bool)`: unset is false.
                    self.diags.push(
                        at.file,
                        Diagnostic::warning(
                            "import-provider-quirk",
                            at.span,
                            "this schedule has no `enabled`: the provider sends `enabled: false`, so it is disabled",
                        )
                        .with_help("add `enabled = true` if the schedule should notify"),
                    );
                    enabled = Some(F::new(false, at));
                }
                let owner = self.reference(&mut o, "owner_team_id", false);
                o.finish(self.diags, "no meaning for on-call paths");
                let name = name.unwrap_or_else(|| F::new(res.address.clone(), at));
                og.schedules.push(Schedule {
                    id: Some(res.address.clone()),
                    name,
                    timezone,
                    enabled,
                    owner_team: owner,
                    rotations: Vec::new(),
                    has_rotations: true,
                    overrides: Vec::new(),
                    source: res.address.clone(),
                    at,
                    stub: false,
                });
            }
            "opsgenie_schedule_rotation" => {
                let schedule = self.reference(&mut o, "schedule_id", false);
                let rotation = self.rotation(&mut o, &res.address, at);
                o.finish(self.diags, "not part of a rotation");
                og.rotations.push(Loose {
                    owner: schedule,
                    item: rotation,
                });
            }
            "opsgenie_escalation" => {
                let e = self.escalation(&mut o, &res.address, at);
                o.finish(self.diags, "no meaning for on-call paths");
                og.escalations.push(e);
            }
            "opsgenie_team_routing_rule" => {
                let team = self.reference(&mut o, "team_id", false);
                let r = self.routing(&mut o, &res.address, at);
                o.finish(self.diags, "not part of a routing rule");
                og.routing.push(Loose {
                    owner: team,
                    item: r,
                });
            }
            other => {
                self.diags.push(
                    at.file,
                    Diagnostic::info(
                        "import-not-imported",
                        at.span,
                        format!("not imported: `{other}` (not part of on-call schedules and escalation paths)"),
                    ),
                );
            }
        }
    }

    fn rotation(&mut self, o: &mut Obj, address: &str, at: At) -> Rotation {
        let name = self.str(o, "name", None);
        let kind = self.str(o, "type", None);
        let length = self.int(o, "length");
        let start = self.str(o, "start_date", Some("2026-03-02T09:00:00Z"));
        let end = self.str(o, "end_date", Some("2026-12-31T09:00:00Z"));
        for d in [&start, &end].into_iter().flatten() {
            // The provider parses dates with the layout `2006-01-02T15:04:05Z`.
            if !d.v.ends_with('Z') {
                self.diags.push(
                    d.at.file,
                    Diagnostic::warning(
                        "import-provider-quirk",
                        d.at.span,
                        format!("`{}` is not a UTC date ending in `Z`: the provider refuses it (it parses `2006-01-02T15:04:05Z` only); imported as written", d.v),
                    ),
                );
            }
        }
        let enabled = self.bool(o, "enabled");
        let mut participants = Vec::new();
        for b in o.blocks("participant") {
            let mut p = Obj::of_block(b, address);
            let kind = self.str(&mut p, "type", None);
            let r = self.reference(&mut p, "id", false);
            let pat = p.at;
            p.finish(self.diags, "not part of a participant");
            let r = r.unwrap_or_else(|| Ref::new(None, None, pat));
            participants.push(match kind.as_ref().map(|k| k.v.as_str()) {
                Some("user") => Participant::User(r),
                Some("none") => Participant::None(pat),
                Some("team") => Participant::Team(r),
                Some("escalation") => Participant::Escalation(r),
                _ => Participant::Other(kind.unwrap_or_else(|| F::new(String::new(), pat))),
            });
        }
        let restriction = self.time_restriction(o, address);
        Rotation {
            id: Some(address.to_string()),
            name,
            kind,
            length,
            start,
            end,
            participants,
            participants_at: at,
            restriction,
            enabled,
            source: address.to_string(),
            at,
        }
    }

    /// The last `time_restriction` block (one is sent).
    fn time_restriction(&mut self, o: &mut Obj, address: &str) -> Option<(Restriction, At)> {
        let blocks = o.blocks("time_restriction");
        let (last, dropped) = blocks.split_last()?;
        for d in dropped {
            self.diags.push(
                d.file,
                Diagnostic::warning(
                    "import-not-imported",
                    d.span,
                    "not imported: only the last `time_restriction` block is sent",
                ),
            );
        }
        let mut t = Obj::of_block(last, address);
        let tat = t.at;
        let kind = self.str(&mut t, "type", None);
        let daily = t.blocks("restriction");
        let weekly = t.blocks("restrictions");
        // Blocks of the other type's form: `restriction` "can be used only
        // if time restriction type is `time-of-day`", `restrictions` "only
        // if ... `weekday-and-time-of-day`" (provider docs); and
        // `expandTimeRestrictions` sends the `restrictions` list whenever
        // one exists, else the `restriction` (notes Q3).
        let unused: Vec<(&Block, &str)> = match kind.as_ref().map(|k| k.v.as_str()) {
            Some("time-of-day") => weekly
                .iter()
                .map(|b| (*b, "not imported: a `restrictions` block belongs to a `weekday-and-time-of-day` restriction, and this one is `time-of-day`; the provider sends the `restrictions` blocks instead of the `restriction` block whenever there is one, and Opsgenie documents no `time-of-day` restriction of that form"))
                .collect(),
            Some("weekday-and-time-of-day") => daily
                .iter()
                .map(|b| (*b, "not imported: a `restriction` block belongs to a `time-of-day` restriction, and this one is `weekday-and-time-of-day`; the provider does not send it when there are `restrictions` blocks"))
                .collect(),
            _ => Vec::new(),
        };
        for (b, message) in unused {
            self.diags.push(
                b.file,
                Diagnostic::warning("import-not-imported", b.span, message),
            );
        }
        let out = match kind.as_ref().map(|k| k.v.as_str()) {
            Some("time-of-day") => match daily.split_last() {
                Some((last, dropped)) => {
                    for d in dropped {
                        self.diags.push(
                            d.file,
                            Diagnostic::warning(
                                "import-not-imported",
                                d.span,
                                "not imported: the provider sends only the last `restriction` block",
                            ),
                        );
                    }
                    match self.daily(last, address) {
                        Some(w) => Restriction::TimeOfDay(w),
                        None => Restriction::Invalid(
                            kind.clone().unwrap_or_else(|| F::new(String::new(), tat)),
                        ),
                    }
                }
                None => {
                    self.diags.push(
                        tat.file,
                        Diagnostic::error(
                            "import-missing-key",
                            tat.span,
                            "this `time-of-day` restriction has no `restriction` block",
                        ),
                    );
                    Restriction::Invalid(kind.clone().unwrap_or_else(|| F::new(String::new(), tat)))
                }
            },
            Some("weekday-and-time-of-day") => {
                let windows: Vec<Option<WeeklyWindow>> =
                    weekly.iter().map(|b| self.weekly(b, address)).collect();
                if windows.is_empty() || windows.iter().any(Option::is_none) {
                    if windows.is_empty() {
                        self.diags.push(
                            tat.file,
                            Diagnostic::error("import-missing-key", tat.span, "this `weekday-and-time-of-day` restriction has no `restrictions` block"),
                        );
                    }
                    Restriction::Invalid(kind.clone().unwrap_or_else(|| F::new(String::new(), tat)))
                } else {
                    Restriction::Weekly(windows.into_iter().flatten().collect())
                }
            }
            other => {
                let k = kind.clone().unwrap_or_else(|| F::new(String::new(), tat));
                self.diags.push(
                    k.at.file,
                    Diagnostic::error(
                        "import-invalid-value",
                        k.at.span,
                        format!("time restriction type `{}` is not `time-of-day` or `weekday-and-time-of-day`", other.unwrap_or("")),
                    ),
                );
                Restriction::Invalid(k)
            }
        };
        t.finish(self.diags, "not part of a time restriction");
        Some((out, tat))
    }

    fn need_int(&mut self, o: &mut Obj, name: &str) -> Option<F<i64>> {
        let v = self.int(o, name);
        if v.is_none() && o.value(name).is_none() {
            self.diags.push(
                o.at.file,
                Diagnostic::error(
                    "import-missing-key",
                    o.at.span,
                    format!("this restriction has no `{name}`"),
                ),
            );
        }
        v
    }

    fn need_str(&mut self, o: &mut Obj, name: &str) -> Option<F<String>> {
        let v = self.str(o, name, None);
        if v.is_none() && o.value(name).is_none() {
            self.diags.push(
                o.at.file,
                Diagnostic::error(
                    "import-missing-key",
                    o.at.span,
                    format!("this restriction has no `{name}`"),
                ),
            );
        }
        v
    }

    fn daily(&mut self, b: &Block, address: &str) -> Option<DailyWindow> {
        let mut o = Obj::of_block(b, address);
        let sh = self.need_int(&mut o, "start_hour");
        let sm = self.need_int(&mut o, "start_min");
        let eh = self.need_int(&mut o, "end_hour");
        let em = self.need_int(&mut o, "end_min");
        let at = o.at;
        o.finish(self.diags, "not part of a restriction");
        Some(DailyWindow {
            start_hour: sh?,
            start_min: sm?,
            end_hour: eh?,
            end_min: em?,
            at,
        })
    }

    fn weekly(&mut self, b: &Block, address: &str) -> Option<WeeklyWindow> {
        let mut o = Obj::of_block(b, address);
        let sd = self.need_str(&mut o, "start_day");
        let sh = self.need_int(&mut o, "start_hour");
        let sm = self.need_int(&mut o, "start_min");
        let ed = self.need_str(&mut o, "end_day");
        let eh = self.need_int(&mut o, "end_hour");
        let em = self.need_int(&mut o, "end_min");
        let at = o.at;
        o.finish(self.diags, "not part of a restriction");
        Some(WeeklyWindow {
            start_day: sd?,
            start_hour: sh?,
            start_min: sm?,
            end_day: ed?,
            end_hour: eh?,
            end_min: em?,
            at,
        })
    }

    fn escalation(&mut self, o: &mut Obj, address: &str, at: At) -> Escalation {
        let name = self.str(o, "name", None);
        let owner = self.reference(o, "owner_team_id", false);
        let mut rules = Vec::new();
        let blocks = o.blocks("rules");
        let rules_at = blocks.first().map_or(at, |b| At::new(b.file, b.span));
        for (i, b) in blocks.into_iter().enumerate() {
            let mut r = Obj::of_block(b, address);
            let rat = r.at;
            let condition = self.str(&mut r, "condition", None);
            let notify_type = self
                .str(&mut r, "notify_type", None)
                .unwrap_or_else(|| F::new("default".to_string(), rat));
            let delay = self.int(&mut r, "delay").unwrap_or_else(|| F::new(0, rat));
            let recs = r.blocks("recipient");
            let recipient = recs.split_last().map(|(last, dropped)| {
                for d in dropped {
                    self.diags.push(
                        d.file,
                        Diagnostic::warning(
                            "import-not-imported",
                            d.span,
                            "not imported: a rule has one recipient, and the provider sends only the last one",
                        ),
                    );
                }
                let mut ro = Obj::of_block(last, address);
                let kind = self.str(&mut ro, "type", None);
                let target = self.reference(&mut ro, "id", false);
                let roat = ro.at;
                ro.finish(self.diags, "not part of a recipient");
                Recipient {
                    kind: kind.unwrap_or_else(|| F::new(String::new(), roat)),
                    target: target.unwrap_or_else(|| Ref::new(None, None, roat)),
                }
            });
            r.finish(self.diags, "not part of an escalation rule");
            rules.push(Rule {
                condition,
                notify_type,
                delay,
                recipient,
                source: format!("{address}.rules[{i}]"),
                at: rat,
            });
        }
        let repeats = o.blocks("repeat");
        let repeat = repeats.split_last().map(|(last, _)| {
            let mut ro = Obj::of_block(last, address);
            let rat = ro.at;
            let wait = self
                .int(&mut ro, "wait_interval")
                .unwrap_or_else(|| F::new(0, rat));
            let count = self.int(&mut ro, "count").unwrap_or_else(|| F::new(0, rat));
            let reset = self.bool(&mut ro, "reset_recipient_states");
            let close = self.bool(&mut ro, "close_alert_after_all");
            ro.finish(self.diags, "not part of a repeat");
            let count = if wait.v > 0 {
                zero_count(count, rat.file, self.diags)
            } else {
                count
            };
            Repeat {
                wait_interval: wait,
                count,
                reset_recipient_states: reset,
                close_alert_after_all: close,
                at: rat,
            }
        });
        let name = name.unwrap_or_else(|| F::new(address.to_string(), at));
        Escalation {
            id: Some(address.to_string()),
            name,
            owner_team: owner,
            rules,
            rules_at,
            repeat,
            source: address.to_string(),
            at,
            stub: false,
        }
    }

    fn routing(&mut self, o: &mut Obj, address: &str, at: At) -> RoutingRule {
        let name = self.str(o, "name", None);
        let order = self.int(o, "order");
        let is_default = self.bool(o, "is_default");
        let criteria = o.blocks("criteria").last().map(|b| {
            let mut c = Obj::of_block(b, address);
            let cat = c.at;
            let kind = self.str(&mut c, "type", None);
            c.skip(&["conditions"]);
            c.finish(self.diags, "not part of criteria");
            kind.unwrap_or_else(|| F::new("match-all".to_string(), cat))
        });
        let restriction = self.time_restriction(o, address);
        let notify = o.blocks("notify").last().map(|b| {
            let mut n = Obj::of_block(b, address);
            let nat = n.at;
            let kind = self.str(&mut n, "type", None);
            let target = self
                .reference(&mut n, "id", false)
                .or_else(|| self.reference(&mut n, "name", true));
            n.finish(self.diags, "not part of a notify target");
            Notify {
                kind: kind.unwrap_or_else(|| F::new(String::new(), nat)),
                target: target.unwrap_or_else(|| Ref::new(None, None, nat)),
            }
        });
        o.skip(&["timezone"]);
        RoutingRule {
            name,
            order,
            is_default,
            criteria,
            restriction,
            notify,
            source: address.to_string(),
            at,
        }
    }
}

fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}
