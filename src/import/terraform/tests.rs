//! The reader, feature by feature, with exact values and spans.

use super::*;
use crate::diagnostic::LineIndex;

fn module(files: &[(&str, &str)], vars: &[(&str, &str)]) -> (Vec<SourceFile>, Module) {
    let files: Vec<SourceFile> = files.iter().map(|(n, t)| SourceFile::new(*n, *t)).collect();
    let vars: Vec<(String, String)> = vars
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect();
    let m = read(&files, &vars);
    (files, m)
}

/// 1-based line and column of a span's start.
fn at(files: &[SourceFile], file: usize, span: Span) -> (u32, u32) {
    let p = LineIndex::new(&files[file].text).position(span.start);
    (p.line, p.column)
}

/// The text a span covers.
fn text(files: &[SourceFile], file: usize, span: Span) -> &str {
    &files[file].text[span.start as usize..span.end as usize]
}

fn value<'m>(m: &'m Module, address: &str, name: &str) -> &'m Value {
    m.resource(address)
        .unwrap_or_else(|| panic!("no resource {address}"))
        .body
        .value(name)
        .unwrap_or_else(|| panic!("no attribute {name} in {address}"))
}

fn string<'m>(m: &'m Module, address: &str, name: &str) -> &'m str {
    value(m, address, name)
        .as_str()
        .unwrap_or_else(|| panic!("{address}.{name} is {:?}", value(m, address, name)))
}

fn addresses(m: &Module) -> Vec<&str> {
    m.resources.iter().map(|r| r.address.as_str()).collect()
}

fn messages(m: &Module) -> Vec<&str> {
    m.diagnostics
        .iter()
        .map(|d| d.diagnostic.message.as_str())
        .collect()
}

fn no_errors(m: &Module) {
    let errors: Vec<_> = m
        .diagnostics
        .iter()
        .filter(|d| d.diagnostic.severity == crate::diagnostic::Severity::Error)
        .map(|d| &d.diagnostic.message)
        .collect();
    assert!(errors.is_empty(), "unexpected errors: {errors:?}");
}

#[test]
fn variables_follow_terraforms_precedence() {
    let main = r#"
variable "a" { default = "default" }
variable "b" { default = "default" }
variable "c" { default = "default" }
variable "d" { default = "default" }
variable "e" { default = "default" }
variable "count" { type = number }
variable "teams" { type = list(string) }
variable "owner" {
  type = object({ name = string, role = optional(string, "user") })
}
resource "x_y" "z" {
  a = var.a
  b = var.b
  c = var.c
  d = var.d
  e = var.e
  n = var.count + 1
  t = var.teams
  o = var.owner
}
"#;
    let (files, m) = module(
        &[
            ("infra/main.tf", main),
            (
                "infra/terraform.tfvars",
                "b = \"tfvars\"\nc = \"tfvars\"\nd = \"tfvars\"\n",
            ),
            ("infra/b.auto.tfvars", "d = \"b.auto\"\n"),
            ("infra/a.auto.tfvars", "c = \"a.auto\"\nd = \"a.auto\"\n"),
            (
                "infra/terraform.tfvars.json",
                r#"{"e": "json", "owner": {"name": "ann"}}"#,
            ),
        ],
        &[("e", "cli"), ("count", "41"), ("teams", r#"["sre", "db"]"#)],
    );
    no_errors(&m);
    assert_eq!(m.root, "infra");
    let z = "x_y.z";
    assert_eq!(string(&m, z, "a"), "default");
    assert_eq!(string(&m, z, "b"), "tfvars");
    // *.auto.tfvars in lexical order: b.auto.tfvars is read last.
    assert_eq!(string(&m, z, "c"), "a.auto");
    assert_eq!(string(&m, z, "d"), "b.auto");
    assert_eq!(string(&m, z, "e"), "cli");
    // A primitive type takes the text as is, then converts it.
    assert_eq!(value(&m, z, "n").as_number(), Some(42.0));
    // A complex type parses the text as HCL.
    let teams: Vec<&str> = value(&m, z, "t")
        .as_list()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(teams, ["sre", "db"]);
    // An optional attribute takes its default.
    let owner = value(&m, z, "o");
    assert_eq!(owner.get("role").unwrap().as_str(), Some("user"));
    assert_eq!(owner.get("name").unwrap().as_str(), Some("ann"));
    // A value keeps its source: the tfvars line, the --var text.
    let d = value(&m, z, "d");
    assert_eq!(d.file(), Some(2));
    assert_eq!(at(&files, 2, d.span()), (1, 5));
    assert_eq!(
        value(&m, z, "e").source,
        Source::Var {
            index: 0,
            span: Span::new(0, 3)
        }
    );
    let sre = &value(&m, z, "t").as_list().unwrap()[0];
    assert_eq!(
        sre.source,
        Source::Var {
            index: 2,
            span: Span::new(1, 6)
        }
    );
    // The attribute's span is its expression.
    let attr = m.resource(z).unwrap().body.attribute("d").unwrap();
    assert_eq!(text(&files, 0, attr.span), "var.d");
    assert!(m.needed.is_empty());
}

#[test]
fn var_problems_are_reported_per_pair() {
    let (_, m) = module(
        &[(
            "main.tf",
            "variable \"teams\" { type = list(string) }\nvariable \"n\" { type = number }\n",
        )],
        &[("tems", "x"), ("teams", "[\"a\""), ("n", "many")],
    );
    let got: Vec<(usize, &str)> = m
        .var_diagnostics
        .iter()
        .map(|(i, d)| (*i, d.message.as_str()))
        .collect();
    assert_eq!(got[0], (0, "`--var tems=...` names no declared variable"));
    assert_eq!(
        m.var_diagnostics[0].1.help.as_deref(),
        Some("did you mean `teams`?")
    );
    assert_eq!(got[1].0, 1);
    assert!(
        got[1]
            .1
            .starts_with("the value of `--var teams` is not valid HCL"),
        "{}",
        got[1].1
    );
    assert_eq!(
        got[2],
        (
            2,
            "the value of `var.n` is not valid: a number is required, got `many`"
        )
    );
}

#[test]
fn locals_refer_to_locals_in_any_order() {
    let (_, m) = module(
        &[(
            "main.tf",
            r#"
resource "x_y" "z" { v = local.greeting }
locals { greeting = "${local.hello}, ${local.name}!" }
locals {
  hello = title(local.word)
  word  = "hello"
  name  = join(" ", [for p in local.parts : upper(p)])
  parts = ["on", "call"]
}
"#,
        )],
        &[],
    );
    no_errors(&m);
    assert_eq!(string(&m, "x_y.z", "v"), "Hello, ON CALL!");
}

#[test]
fn a_cycle_in_locals_is_reported_once_with_its_chain() {
    let (files, m) = module(
        &[("main.tf", "locals {\n  a = local.b\n  b = \"${local.c}x\"\n  c = local.a\n}\nresource \"x_y\" \"z\" { v = local.a }\n")],
        &[],
    );
    assert_eq!(
        messages(&m),
        ["local `a` depends on itself: `a` -> `b` -> `c` -> `a`"]
    );
    let d = &m.diagnostics[0].diagnostic;
    assert_eq!(d.code, "reference-cycle");
    assert_eq!(text(&files, 0, d.span), "local.a");
    assert_eq!(at(&files, 0, d.span), (4, 7));
    assert_eq!(value(&m, "x_y.z", "v").kind, Kind::Error);
}

#[test]
fn for_each_over_a_set_iterates_in_lexical_order() {
    let (files, m) = module(
        &[(
            "main.tf",
            r#"
resource "opsgenie_team" "t" {
  for_each = toset(["b", "a", "b"])
  name     = "team-${each.key}"
  same     = each.value == each.key
}
"#,
        )],
        &[],
    );
    no_errors(&m);
    assert_eq!(
        addresses(&m),
        [r#"opsgenie_team.t["a"]"#, r#"opsgenie_team.t["b"]"#]
    );
    let r = &m.resources[0];
    assert_eq!(r.key, Some(InstanceKey::Key("a".to_string())));
    assert_eq!(
        (r.kind.as_str(), r.name.as_str(), r.mode),
        ("opsgenie_team", "t", Mode::Managed)
    );
    assert_eq!(text(&files, 0, r.span), r#"resource "opsgenie_team" "t""#);
    assert_eq!(at(&files, 0, r.span), (2, 1));
    assert_eq!(string(&m, r#"opsgenie_team.t["b"]"#, "name"), "team-b");
    assert_eq!(
        value(&m, r#"opsgenie_team.t["a"]"#, "same").as_bool(),
        Some(true)
    );
}

#[test]
fn for_each_over_a_map_gives_each_value() {
    let (files, m) = module(
        &[(
            "main.tf",
            r#"
locals {
  users = {
    zoe   = { email = "zoe@example.com", role = "admin" }
    alice = { email = "alice@example.com", role = "user" }
  }
}
resource "pagerduty_user" "u" {
  for_each = local.users
  name     = each.key
  email    = each.value.email
  role     = each.value["role"]
}
"#,
        )],
        &[],
    );
    no_errors(&m);
    assert_eq!(
        addresses(&m),
        [r#"pagerduty_user.u["alice"]"#, r#"pagerduty_user.u["zoe"]"#]
    );
    let email = value(&m, r#"pagerduty_user.u["zoe"]"#, "email");
    assert_eq!(email.as_str(), Some("zoe@example.com"));
    // each.value.email keeps the span of the literal in the locals block.
    assert_eq!(text(&files, 0, email.span()), "\"zoe@example.com\"");
    assert_eq!(at(&files, 0, email.span()), (4, 23));
    assert_eq!(string(&m, r#"pagerduty_user.u["alice"]"#, "role"), "user");
}

#[test]
fn count_instances_and_splats() {
    let (_, m) = module(
        &[(
            "main.tf",
            r#"
variable "names" { default = ["ann", "bo", "cy"] }
resource "aws_x" "y" {
  count = length(var.names)
  name  = "${var.names[count.index]}-${count.index}"
}
resource "aws_z" "all" {
  ids   = aws_x.y[*].id
  first = aws_x.y[0].arn
  legacy = aws_x.y.*.id
  names = [for i, n in var.names : "${i}:${n}"]
}
"#,
        )],
        &[],
    );
    no_errors(&m);
    assert_eq!(
        addresses(&m),
        ["aws_x.y[0]", "aws_x.y[1]", "aws_x.y[2]", "aws_z.all"]
    );
    assert_eq!(m.resources[1].key, Some(InstanceKey::Index(1)));
    assert_eq!(string(&m, "aws_x.y[2]", "name"), "cy-2");
    let ids = value(&m, "aws_z.all", "ids").as_list().unwrap();
    assert_eq!(
        ids.iter().map(|v| v.as_ref().unwrap()).collect::<Vec<_>>(),
        [
            ("aws_x.y[0]", "id"),
            ("aws_x.y[1]", "id"),
            ("aws_x.y[2]", "id")
        ]
    );
    assert_eq!(
        value(&m, "aws_z.all", "first").as_ref(),
        Some(("aws_x.y[0]", "arn"))
    );
    assert_eq!(value(&m, "aws_z.all", "legacy").as_list().unwrap().len(), 3);
    let names: Vec<&str> = value(&m, "aws_z.all", "names")
        .as_list()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(names, ["0:ann", "1:bo", "2:cy"]);
}

#[test]
fn dynamic_blocks_are_expanded() {
    let (files, m) = module(
        &[(
            "main.tf",
            r#"
locals {
  layers = [
    { name = "day", users = ["a", "b"] },
    { name = "night", users = ["c"] },
  ]
}
resource "pagerduty_schedule" "s" {
  name = "primary"
  dynamic "layer" {
    for_each = local.layers
    iterator = l
    content {
      name  = l.value.name
      index = l.key
      users = l.value.users
      dynamic "restriction" {
        for_each = l.value.name == "day" ? [1] : []
        content { type = "daily_restriction" }
      }
    }
  }
  layer { name = "static" }
}
"#,
        )],
        &[],
    );
    no_errors(&m);
    let body = &m.resource("pagerduty_schedule.s").unwrap().body;
    let layers: Vec<&Block> = body.blocks("layer").collect();
    assert_eq!(layers.len(), 3);
    assert_eq!(layers[0].body.value("name").unwrap().as_str(), Some("day"));
    assert_eq!(
        layers[1].body.value("index").unwrap().as_number(),
        Some(1.0)
    );
    assert_eq!(layers[0].body.blocks("restriction").count(), 1);
    assert_eq!(layers[1].body.blocks("restriction").count(), 0);
    assert_eq!(
        layers[2].body.value("name").unwrap().as_str(),
        Some("static")
    );
    assert_eq!(text(&files, 0, layers[0].span), "dynamic \"layer\"");
    assert_eq!(text(&files, 0, layers[2].span), "layer");
}

#[test]
fn for_expressions_build_maps_with_filters_and_groups() {
    let (_, m) = module(
        &[(
            "main.tf",
            r#"
locals {
  people = [
    { name = "ann", team = "sre", on_call = true },
    { name = "bo", team = "db", on_call = false },
    { name = "cy", team = "sre", on_call = true },
  ]
}
resource "x_y" "z" {
  by_name = { for p in local.people : p.name => p.team if p.on_call }
  by_team = { for p in local.people : p.team => p.name... }
  upper   = { for k, v in { a = 1, b = 2 } : upper(k) => v * 10 }
  keys    = [for k, v in { b = 1, a = 2 } : k]
}
"#,
        )],
        &[],
    );
    no_errors(&m);
    let by_name = value(&m, "x_y.z", "by_name").as_map().unwrap();
    assert_eq!(by_name.keys().collect::<Vec<_>>(), ["ann", "cy"]);
    assert_eq!(by_name["cy"].as_str(), Some("sre"));
    let by_team = value(&m, "x_y.z", "by_team").as_map().unwrap();
    let sre: Vec<&str> = by_team["sre"]
        .as_list()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(sre, ["ann", "cy"]);
    assert_eq!(
        value(&m, "x_y.z", "upper").get("B").unwrap().as_number(),
        Some(20.0)
    );
    let keys: Vec<&str> = value(&m, "x_y.z", "keys")
        .as_list()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(keys, ["a", "b"]);
}

#[test]
fn duplicate_keys_in_a_for_expression_are_an_error() {
    let (files, m) = module(&[("main.tf", "locals { m = { for x in [\"a\", \"a\"] : x => 1 } }\nresource \"x_y\" \"z\" { v = local.m }\n")], &[]);
    assert_eq!(
        messages(&m),
        ["the key `a` is made twice by this `for` expression"]
    );
    assert_eq!(text(&files, 0, m.diagnostics[0].diagnostic.span), "x");
}

#[test]
fn time_functions_match_terraforms_documented_examples() {
    let (_, m) = module(
        &[(
            "main.tf",
            r#"
resource "x_y" "z" {
  a = formatdate("DD MMM YYYY hh:mm ZZZ", "2018-01-02T23:12:01Z")
  b = formatdate("EEEE, DD-MMM-YY hh:mm:ss ZZZ", "2018-01-02T23:12:01Z")
  c = formatdate("EEE, DD MMM YYYY hh:mm:ss ZZZ", "2018-01-02T23:12:01-08:00")
  d = formatdate("MMM DD, YYYY", "2018-01-02T23:12:01Z")
  e = formatdate("HH:mmaa", "2018-01-02T23:12:01Z")
  f = timeadd("2017-11-22T00:00:00Z", "10m")
  g = timeadd("2026-03-02T09:00:00+01:00", "1h30m")
  h = formatdate("YYYY-MM-DD'T'hh:mm:ssZ", timeadd("2026-03-28T23:00:00Z", "168h"))
}
"#,
        )],
        &[],
    );
    no_errors(&m);
    let z = "x_y.z";
    assert_eq!(string(&m, z, "a"), "02 Jan 2018 23:12 UTC");
    assert_eq!(string(&m, z, "b"), "Tuesday, 02-Jan-18 23:12:01 UTC");
    assert_eq!(string(&m, z, "c"), "Tue, 02 Jan 2018 23:12:01 -0800");
    assert_eq!(string(&m, z, "d"), "Jan 02, 2018");
    assert_eq!(string(&m, z, "e"), "11:12pm");
    assert_eq!(string(&m, z, "f"), "2017-11-22T00:10:00Z");
    assert_eq!(string(&m, z, "g"), "2026-03-02T10:30:00+01:00");
    assert_eq!(string(&m, z, "h"), "2026-04-04T23:00:00Z");
}

#[test]
fn timestamp_is_unknown_and_says_so() {
    let (files, m) = module(
        &[(
            "main.tf",
            "resource \"x_y\" \"z\" { t = timeadd(timestamp(), \"1h\") }\n",
        )],
        &[],
    );
    assert_eq!(
        value(&m, "x_y.z", "t").kind,
        Kind::Unknown { needs: vec![] }
    );
    let d = &m.diagnostics[0].diagnostic;
    assert_eq!(
        (d.code, d.severity),
        ("known-after-apply", crate::diagnostic::Severity::Info)
    );
    assert_eq!(text(&files, 0, d.span), "timestamp()");
}

#[test]
fn references_between_resources_are_refs_with_spans() {
    let (files, m) = module(
        &[(
            "main.tf",
            r#"
data "pagerduty_user" "bob" { email = "bob@example.com" }
resource "pagerduty_user" "alice" { name = "Alice" }
resource "pagerduty_schedule" "x" {
  layer { users = [pagerduty_user.alice.id, data.pagerduty_user.bob.id] }
}
resource "pagerduty_escalation_policy" "p" {
  name = "Primary (${pagerduty_schedule.x.name})"
  rule {
    escalation_delay_in_minutes = 10
    target {
      type = "schedule_reference"
      id   = pagerduty_schedule.x.id
    }
    target { id = "${pagerduty_schedule.x.id}" }
  }
}
"#,
        )],
        &[],
    );
    no_errors(&m);
    assert_eq!(
        addresses(&m),
        [
            "data.pagerduty_user.bob",
            "pagerduty_user.alice",
            "pagerduty_schedule.x",
            "pagerduty_escalation_policy.p"
        ]
    );
    assert_eq!(m.resources[0].mode, Mode::Data);
    let p = &m.resource("pagerduty_escalation_policy.p").unwrap().body;
    let rule = p.blocks("rule").next().unwrap();
    let targets: Vec<&Block> = rule.body.blocks("target").collect();
    let id = targets[0].body.value("id").unwrap();
    assert_eq!(id.as_ref(), Some(("pagerduty_schedule.x", "id")));
    assert_eq!(text(&files, 0, id.span()), "pagerduty_schedule.x.id");
    assert_eq!(at(&files, 0, id.span()), (13, 14));
    // "${ref}" alone is the reference itself.
    assert_eq!(
        targets[1].body.value("id").unwrap().as_ref(),
        Some(("pagerduty_schedule.x", "id"))
    );
    // Inside a longer string, it is unknown until apply.
    assert_eq!(
        p.value("name").unwrap().kind,
        Kind::Unknown { needs: vec![] }
    );
    let users = m
        .resource("pagerduty_schedule.x")
        .unwrap()
        .body
        .blocks("layer")
        .next()
        .unwrap()
        .body
        .value("users")
        .unwrap();
    let refs: Vec<_> = users
        .as_list()
        .unwrap()
        .iter()
        .map(|v| v.as_ref().unwrap())
        .collect();
    assert_eq!(
        refs,
        [
            ("pagerduty_user.alice", "id"),
            ("data.pagerduty_user.bob", "id")
        ]
    );
    assert_eq!(
        value(&m, "pagerduty_escalation_policy.p", "name").needs(),
        Vec::<String>::new()
    );
}

#[test]
fn references_into_for_each_instances() {
    let (_, m) = module(
        &[(
            "main.tf",
            r#"
resource "opsgenie_schedule" "s" {
  for_each = toset(["sre", "db"])
  name     = each.key
}
resource "opsgenie_schedule_rotation" "r" {
  for_each    = toset(["sre", "db"])
  schedule_id = opsgenie_schedule.s[each.key].id
}
resource "x_y" "all" {
  ids = [for k, s in opsgenie_schedule.s : s.id]
}
"#,
        )],
        &[],
    );
    no_errors(&m);
    assert_eq!(
        value(&m, r#"opsgenie_schedule_rotation.r["sre"]"#, "schedule_id").as_ref(),
        Some((r#"opsgenie_schedule.s["sre"]"#, "id"))
    );
    let ids = value(&m, "x_y.all", "ids").as_list().unwrap();
    assert_eq!(
        ids[0].as_ref(),
        Some((r#"opsgenie_schedule.s["db"]"#, "id"))
    );
}

/// In the style of cloudposse/terraform-opsgenie-incident-management: the
/// configuration lives in YAML, read with `yamldecode(file(...))`.
#[test]
fn yaml_driven_opsgenie_module() {
    let yaml = "\
teams:
  - name: sre
    description: Site reliability
    members:
      - username: alice@example.com
        role: admin
      - username: bob@example.com
schedules:
  - name: sre-primary
    owner_team_name: sre
    timezone: Europe/London
    enabled: yes
schedule_rotations:
  - name: sre-weekly
    schedule_name: sre-primary
    start_date: 2026-03-02T09:00:00Z
    end_date: 2026-12-31
    type: weekly
    length: 1
    participants:
      - type: user
        username: alice@example.com
      - type: none
";
    let main = r#"
locals {
  config    = yamldecode(file("${path.module}/config/oncall.yaml"))
  teams     = { for t in local.config.teams : t.name => t }
  schedules = { for s in local.config.schedules : s.name => s }
  rotations = { for r in local.config.schedule_rotations : r.name => r }
}
resource "opsgenie_team" "this" {
  for_each    = local.teams
  name        = each.value.name
  description = try(each.value.description, null)
  dynamic "member" {
    for_each = try(each.value.members, [])
    content {
      id   = member.value.username
      role = try(member.value.role, "user")
    }
  }
}
resource "opsgenie_schedule" "this" {
  for_each      = local.schedules
  name          = each.value.name
  timezone      = each.value.timezone
  enabled       = each.value.enabled
  owner_team_id = opsgenie_team.this[each.value.owner_team_name].id
}
resource "opsgenie_schedule_rotation" "this" {
  for_each    = local.rotations
  schedule_id = opsgenie_schedule.this[each.value.schedule_name].id
  name        = each.value.name
  start_date  = each.value.start_date
  end_date    = each.value.end_date
  type        = each.value.type
  length      = each.value.length
  dynamic "participant" {
    for_each = each.value.participants
    content {
      type = participant.value.type
      id   = try(participant.value.username, null)
    }
  }
}
"#;
    let (files, m) = module(&[("main.tf", main), ("config/oncall.yaml", yaml)], &[]);
    no_errors(&m);
    assert_eq!(
        addresses(&m),
        [
            r#"opsgenie_team.this["sre"]"#,
            r#"opsgenie_schedule.this["sre-primary"]"#,
            r#"opsgenie_schedule_rotation.this["sre-weekly"]"#
        ]
    );
    let team = &m.resource(r#"opsgenie_team.this["sre"]"#).unwrap().body;
    let members: Vec<(&str, &str)> = team
        .blocks("member")
        .map(|b| {
            (
                b.body.value("id").unwrap().as_str().unwrap(),
                b.body.value("role").unwrap().as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        members,
        [("alice@example.com", "admin"), ("bob@example.com", "user")]
    );
    // Values point into the YAML file, where they were written.
    let tz = value(&m, r#"opsgenie_schedule.this["sre-primary"]"#, "timezone");
    assert_eq!(tz.file(), Some(1));
    assert_eq!(text(&files, 1, tz.span()), "Europe/London");
    assert_eq!(at(&files, 1, tz.span()), (11, 15));
    // YAML 1.1 as Terraform reads it: `yes` is true, a bare date a timestamp.
    assert_eq!(
        value(&m, r#"opsgenie_schedule.this["sre-primary"]"#, "enabled").as_bool(),
        Some(true)
    );
    let r = r#"opsgenie_schedule_rotation.this["sre-weekly"]"#;
    assert_eq!(string(&m, r, "start_date"), "2026-03-02T09:00:00Z");
    assert_eq!(string(&m, r, "end_date"), "2026-12-31T00:00:00Z");
    assert_eq!(value(&m, r, "length").as_number(), Some(1.0));
    assert_eq!(
        value(&m, r, "schedule_id").as_ref(),
        Some((r#"opsgenie_schedule.this["sre-primary"]"#, "id"))
    );
    let parts: Vec<&Block> = m.resource(r).unwrap().body.blocks("participant").collect();
    assert_eq!(parts.len(), 2);
    assert!(parts[1].body.value("id").unwrap().is_null());
    assert_eq!(
        value(
            &m,
            r#"opsgenie_schedule.this["sre-primary"]"#,
            "owner_team_id"
        )
        .as_ref(),
        Some((r#"opsgenie_team.this["sre"]"#, "id"))
    );
}

#[test]
fn local_module_calls_prefix_addresses() {
    let root = r#"
module "team" {
  for_each = toset(["db", "sre"])
  source   = "./modules/team"
  name     = each.key
  members  = ["ann"]
}
module "solo" {
  source = "./modules/team"
  name   = "solo"
}
resource "x_y" "z" {
  ids  = module.solo.schedule_id
  path = module.solo.where
  all  = [for k, t in module.team : t.schedule_id]
}
"#;
    let child = r#"
variable "name" { type = string }
variable "members" {
  type    = list(string)
  default = []
}
resource "opsgenie_schedule" "s" {
  name  = "${var.name}-primary"
  count = length(var.members) > 0 ? 1 : 0
}
resource "opsgenie_team" "t" { name = var.name }
output "schedule_id" { value = opsgenie_team.t.id }
output "where" { value = path.module }
"#;
    let (_, m) = module(
        &[
            ("oncall/main.tf", root),
            ("oncall/modules/team/main.tf", child),
        ],
        &[],
    );
    no_errors(&m);
    assert_eq!(
        addresses(&m),
        [
            "x_y.z",
            r#"module.team["db"].opsgenie_schedule.s[0]"#,
            r#"module.team["db"].opsgenie_team.t"#,
            r#"module.team["sre"].opsgenie_schedule.s[0]"#,
            r#"module.team["sre"].opsgenie_team.t"#,
            "module.solo.opsgenie_team.t",
        ]
    );
    let r = m.resource(r#"module.team["sre"].opsgenie_team.t"#).unwrap();
    assert_eq!(r.module, r#"module.team["sre"]"#);
    assert_eq!(r.file, 1);
    assert_eq!(
        string(&m, r#"module.team["db"].opsgenie_schedule.s[0]"#, "name"),
        "db-primary"
    );
    assert_eq!(
        value(&m, "x_y.z", "ids").as_ref(),
        Some(("module.solo.opsgenie_team.t", "id"))
    );
    assert_eq!(string(&m, "x_y.z", "path"), "modules/team");
    let all = value(&m, "x_y.z", "all").as_list().unwrap();
    assert_eq!(
        all[1].as_ref(),
        Some((r#"module.team["sre"].opsgenie_team.t"#, "id"))
    );
    let kinds: Vec<&str> = m.blocks.iter().map(|b| b.kind.as_str()).collect();
    assert_eq!(
        kinds,
        ["module", "module", "output", "output", "output", "output", "output", "output"]
    );
}

#[test]
fn remote_and_missing_modules_are_reported() {
    let (files, m) = module(
        &[("main.tf", "module \"a\" { source = \"cloudposse/incident-management/opsgenie\" }\nmodule \"b\" { source = \"./modules/b\" }\nresource \"x_y\" \"z\" { v = module.a.id }\n")],
        &[],
    );
    assert_eq!(
        messages(&m),
        [
            "module `a` comes from `cloudposse/incident-management/opsgenie`, which is not read: its resources are not imported",
            "no `.tf` files were given for module source `./modules/b`",
        ]
    );
    assert_eq!(
        m.diagnostics[0].diagnostic.severity,
        crate::diagnostic::Severity::Warning
    );
    assert_eq!(
        text(&files, 0, m.diagnostics[0].diagnostic.span),
        "\"cloudposse/incident-management/opsgenie\""
    );
    assert_eq!(
        value(&m, "x_y.z", "v").kind,
        Kind::Unknown { needs: vec![] }
    );
}

#[test]
fn a_module_calling_itself_stops_at_the_depth_limit() {
    let (_, m) = module(
        &[(
            "main.tf",
            "module \"me\" { source = \"./\" }\nresource \"x_y\" \"z\" {}\n",
        )],
        &[],
    );
    assert!(
        messages(&m)
            .iter()
            .any(|s| s.contains("nested more than 8 calls deep")),
        "{:?}",
        messages(&m)
    );
    assert!(m.resources.len() <= 9);
}

#[test]
fn an_unknown_for_each_is_a_diagnostic_and_no_instances() {
    let (files, m) = module(
        &[(
            "main.tf",
            r#"
variable "teams" {
  type        = set(string)
  description = "Team names"
}
variable "start" {}
resource "opsgenie_team" "t" {
  for_each = var.teams
  name     = each.key
}
resource "pagerduty_schedule" "s" {
  layer { start = var.start }
  layer { start = timeadd(var.start, "1h") }
}
"#,
        )],
        &[],
    );
    assert_eq!(addresses(&m), ["pagerduty_schedule.s"]);
    let d = &m.diagnostics[0].diagnostic;
    assert_eq!(
        d.message,
        "`var.teams` has no value: the instances of `opsgenie_team.t` cannot be known"
    );
    assert_eq!(d.help.as_deref(), Some("pass `--var teams=...`"));
    assert_eq!(text(&files, 0, d.span), "var.teams");
    assert_eq!(at(&files, 0, d.span), (8, 14));
    // Values that need a variable are unknown and name it; the reader
    // leaves the diagnostic to the importer that needs them.
    let layers: Vec<&Block> = m.resources[0].body.blocks("layer").collect();
    let start = layers[1].body.value("start").unwrap();
    assert_eq!(
        start.kind,
        Kind::Unknown {
            needs: vec!["start".to_string()]
        }
    );
    let fd = unknown_diagnostic(
        start,
        "`start` of `pagerduty_schedule.s`",
        Some("2026-03-02T09:00:00Z"),
        (0, Span::default()),
    );
    assert_eq!(
        fd.diagnostic.message,
        "`var.start` has no value: `start` of `pagerduty_schedule.s` cannot be known"
    );
    assert_eq!(
        fd.diagnostic.help.as_deref(),
        Some("pass `--var start=2026-03-02T09:00:00Z`")
    );
    assert_eq!(
        text(&files, 0, fd.diagnostic.span),
        "timeadd(var.start, \"1h\")"
    );
    // The needed variables, with their declarations and uses.
    assert_eq!(m.needed.len(), 2);
    let start = &m.needed[0];
    assert_eq!(start.name, "start");
    assert_eq!(text(&files, 0, start.span), "variable \"start\"");
    let uses: Vec<(u32, u32)> = start.uses.iter().map(|(f, s)| at(&files, *f, *s)).collect();
    assert_eq!(uses, [(12, 19), (13, 27)]);
    let teams = &m.needed[1];
    assert_eq!(teams.type_text.as_deref(), Some("set(string)"));
    assert_eq!(teams.description.as_deref(), Some("Team names"));
}

#[test]
fn an_unresolvable_expression_is_reported_where_it_is() {
    let (files, m) = module(
        &[("main.tf", "locals { schedule = \"x\" }\nresource \"x_y\" \"z\" {\n  a = local.shedule\n  b = lookup({ a = 1 }, \"b\")\n  c = pagerduty_user.nobody.id\n  d = lenght([])\n  e = regex(\"a+\", \"aa\")\n}\n")],
        &[],
    );
    type Seen<'d> = (&'d str, &'d str, Option<&'d str>, (u32, u32));
    let got: Vec<Seen> = m
        .diagnostics
        .iter()
        .map(|d| {
            let d2 = &d.diagnostic;
            (
                d2.code,
                d2.message.as_str(),
                d2.help.as_deref(),
                at(&files, 0, d2.span),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("undeclared-reference", "`local.shedule` is not declared", Some("did you mean `schedule`?"), (3, 7)),
            ("function-error", "`lookup`: the map has no key `b` and no default was given", None, (4, 7)),
            ("undeclared-reference", "resource `pagerduty_user.nobody` is not declared", None, (5, 7)),
            ("unknown-function", "`lenght` is not a Terraform function", Some("did you mean `length`?"), (6, 7)),
            ("unsupported-function", "the function `regex` is not supported", Some("regular expressions are not supported; use `startswith`, `endswith`, `split` or `replace` with plain text"), (7, 7)),
        ]
    );
    assert_eq!(
        text(&files, 0, m.diagnostics[0].diagnostic.span),
        "local.shedule"
    );
    assert_eq!(value(&m, "x_y.z", "a").kind, Kind::Error);
}

#[test]
fn templates_directives_heredocs_and_operators() {
    let (_, m) = module(
        &[(
            "main.tf",
            r#"
variable "on" { default = true }
resource "x_y" "z" {
  a = "%{ if var.on }yes%{ else }no%{ endif }"
  b = <<-EOT
    Hello
      %{~ for n in ["a", "b"] ~}
      ${n}
      %{~ endfor ~}
    !
    EOT
  c = "$${not} %%{this}"
  d = 7 % 3 + 2 * 3 - 10 / 4
  e = !var.on || (1 < 2 && "a" == "a")
  f = var.on ? "t" : "f"
  g = [1, "2"] == [1, "2"]
  h = -(3)
  i = "${1.5}/${true}/${10}"
  j = coalesce("", null, "x")
  k = try(local.nothing, "fallback")
  l = can(tonumber("x"))
  m = jsonencode({ b = [1, "<"], a = null })
  n = jsondecode("{\"k\": [1, 2]}").k[1]
  o = merge({ a = 1, b = 1 }, null, { b = 2 })
  p = flatten([[1, [2]], [], 3])
  q = element(["a", "b", "c"], 4)
  r = distinct(concat(["a"], ["b", "a"]))
  s = sort(["b", "a", "10", "9"])
  t = keys({ z = 1, a = 2 })
  u = format("%s has %03d pages", "ann", 7)
  v = split(",", "a,b,,c")
  w = one([])
  x = setproduct(["a", "b"], [1])
  y = zipmap(["a", "b"], [1, 2])
  z = slice([1, 2, 3, 4], 1, 3)
}
"#,
        )],
        &[],
    );
    no_errors(&m);
    let z = "x_y.z";
    let json = |name: &str| {
        let mut s = String::new();
        value::json_text(value(&m, z, name), &mut s).unwrap();
        s
    };
    assert_eq!(string(&m, z, "a"), "yes");
    // `%{~` trims the newline after "Hello", `~}` the indentation after.
    assert_eq!(string(&m, z, "b"), "Helloab!\n");
    assert_eq!(string(&m, z, "c"), "${not} %{this}");
    assert_eq!(value(&m, z, "d").as_number(), Some(4.5));
    assert_eq!(value(&m, z, "e").as_bool(), Some(true));
    assert_eq!(string(&m, z, "f"), "t");
    assert_eq!(value(&m, z, "g").as_bool(), Some(true));
    assert_eq!(value(&m, z, "h").as_number(), Some(-3.0));
    assert_eq!(string(&m, z, "i"), "1.5/true/10");
    assert_eq!(string(&m, z, "j"), "x");
    assert_eq!(string(&m, z, "k"), "fallback");
    assert_eq!(value(&m, z, "l").as_bool(), Some(false));
    assert_eq!(string(&m, z, "m"), r#"{"a":null,"b":[1,"\u003c"]}"#);
    assert_eq!(value(&m, z, "n").as_number(), Some(2.0));
    assert_eq!(json("o"), r#"{"a":1,"b":2}"#);
    assert_eq!(json("p"), "[1,2,3]");
    assert_eq!(string(&m, z, "q"), "b");
    assert_eq!(json("r"), r#"["a","b"]"#);
    assert_eq!(json("s"), r#"["10","9","a","b"]"#);
    assert_eq!(json("t"), r#"["a","z"]"#);
    assert_eq!(string(&m, z, "u"), "ann has 007 pages");
    assert_eq!(json("v"), r#"["a","b","","c"]"#);
    assert!(value(&m, z, "w").is_null());
    assert_eq!(json("x"), r#"[["a",1],["b",1]]"#);
    assert_eq!(json("y"), r#"{"a":1,"b":2}"#);
    assert_eq!(json("z"), "[2,3]");
}

#[test]
fn unknown_values_propagate_through_operators_and_functions() {
    let (_, m) = module(
        &[(
            "main.tf",
            r#"
variable "a" {}
variable "b" {}
resource "x_y" "z" {
  sum   = var.a + 1
  both  = "${var.a}-${var.b}"
  upper = upper(var.b)
  list  = concat([var.a], ["x"])
  len   = length([var.a, var.b])
  cond  = var.a == "x" ? 1 : 2
  short = false && var.a
}
"#,
        )],
        &[],
    );
    no_errors(&m);
    let needs = |n: &str| value(&m, "x_y.z", n).needs();
    assert_eq!(needs("sum"), ["a"]);
    assert_eq!(needs("both"), ["a", "b"]);
    assert_eq!(needs("upper"), ["b"]);
    assert_eq!(needs("list"), ["a"]);
    assert_eq!(
        value(&m, "x_y.z", "list").as_list().unwrap()[1].as_str(),
        Some("x")
    );
    assert_eq!(value(&m, "x_y.z", "len").as_number(), Some(2.0));
    assert_eq!(needs("cond"), ["a"]);
    assert_eq!(value(&m, "x_y.z", "short").as_bool(), Some(false));
}

#[test]
fn other_blocks_are_listed() {
    let (_, m) = module(
        &[(
            "main.tf",
            r#"
terraform {
  required_providers {
    pagerduty = { source = "PagerDuty/pagerduty", version = ">= 3.0" }
  }
}
provider "pagerduty" { token = "x" }
output "o" { value = 1 + 1 }
moved {
  from = x_y.a
  to   = x_y.b
}
"#,
        )],
        &[],
    );
    no_errors(&m);
    let kinds: Vec<(&str, Vec<&str>)> = m
        .blocks
        .iter()
        .map(|b| {
            (
                b.kind.as_str(),
                b.labels.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            ("terraform", vec![]),
            ("provider", vec!["pagerduty"]),
            ("output", vec!["o"]),
            ("moved", vec![])
        ]
    );
    let tf = &m.blocks[0].body;
    let source = tf
        .blocks("required_providers")
        .next()
        .unwrap()
        .body
        .value("pagerduty")
        .unwrap()
        .get("source")
        .unwrap();
    assert_eq!(source.as_str(), Some("PagerDuty/pagerduty"));
    assert_eq!(
        m.blocks[2].body.value("value").unwrap().as_number(),
        Some(2.0)
    );
}

#[test]
fn syntax_errors_and_unread_files_are_reported() {
    let (files, m) = module(
        &[
            ("main.tf", "resource \"x_y\" \"z\" {\n  a = [1, 2\n}\n"),
            ("other/stray.tf", "resource \"x_y\" \"w\" {}\n"),
            ("main.tf.json", "{}"),
            ("resourc.tf", "resourc \"x_y\" \"v\" {}\n"),
        ],
        &[],
    );
    let got: Vec<(usize, &str)> = m
        .diagnostics
        .iter()
        .map(|d| (d.file, d.diagnostic.code))
        .collect();
    assert_eq!(
        got,
        [
            (0, "hcl-syntax"),
            (2, "unread-file"),
            (3, "unknown-block"),
            (1, "unread-file")
        ]
    );
    assert_eq!(at(&files, 0, m.diagnostics[0].diagnostic.span).0, 3);
    assert_eq!(
        m.diagnostics[2].diagnostic.help.as_deref(),
        Some("did you mean `resource`?")
    );
    assert!(m.resources.is_empty());
}

#[test]
fn limits_give_diagnostics_not_hangs() {
    let (_, m) = module(
        &[(
            "main.tf",
            r#"
locals {
  big = range(1000000000)
  l0  = ["x", "x", "x", "x", "x", "x", "x", "x"]
  l1  = [local.l0, local.l0, local.l0, local.l0, local.l0, local.l0, local.l0, local.l0]
  l2  = [local.l1, local.l1, local.l1, local.l1, local.l1, local.l1, local.l1, local.l1]
  l3  = [local.l2, local.l2, local.l2, local.l2, local.l2, local.l2, local.l2, local.l2]
  l4  = [local.l3, local.l3, local.l3, local.l3, local.l3, local.l3, local.l3, local.l3]
  l5  = [local.l4, local.l4, local.l4, local.l4, local.l4, local.l4, local.l4, local.l4]
  l6  = [local.l5, local.l5, local.l5, local.l5, local.l5, local.l5, local.l5, local.l5]
  l7  = [local.l6, local.l6, local.l6, local.l6, local.l6, local.l6, local.l6, local.l6]
}
resource "x_y" "many" { count = 5000 }
resource "x_y" "z" {
  a = local.big
  b = local.l7
}
"#,
        )],
        &[],
    );
    let msgs = messages(&m);
    assert!(msgs.contains(&"`range`: more than 1024 values were generated; either decrease the difference between start and end or use a smaller step"), "{msgs:?}");
    assert!(
        msgs.contains(&"`count` is 5000, more than the limit of 1000 instances"),
        "{msgs:?}"
    );
    assert!(
        msgs.iter()
            .any(|s| s.starts_with("evaluation stopped here")),
        "{msgs:?}"
    );
    assert!(!value(&m, "x_y.z", "b").is_wholly_known());
}

#[test]
fn deep_nesting_is_bounded() {
    // Parenthesised nesting past the parser's limit is a syntax error; a
    // chain of locals past ours is a limit.
    let deep = format!("locals {{ x = {}1{} }}\n", "(".repeat(200), ")".repeat(200));
    let (_, m) = module(&[("main.tf", &deep)], &[]);
    assert_eq!(m.diagnostics[0].diagnostic.code, "hcl-syntax");
    let mut chain = String::from("locals {\n");
    for i in 0..300 {
        chain.push_str(&format!("  l{i} = [local.l{}]\n", i + 1));
    }
    chain.push_str("  l300 = 1\n}\nresource \"x_y\" \"z\" { v = local.l0 }\n");
    let (_, m) = module(&[("main.tf", &chain)], &[]);
    assert!(
        messages(&m).iter().any(|s| s.contains("nested more than")),
        "{:?}",
        messages(&m)
    );
}

#[test]
fn values_built_through_many_locals_stay_shallow() {
    // Each local wraps the one before; evaluated in order, each evaluation is
    // shallow, but the values would nest without end.
    let mut text = String::from("locals {\n  l0 = 1\n");
    let mut refs = String::new();
    for i in 1..300 {
        text.push_str(&format!("  l{i} = [local.l{}]\n", i - 1));
        refs.push_str(&format!("  a{i} = local.l{i}\n"));
    }
    text.push_str(&format!("}}\nresource \"x_y\" \"z\" {{\n{refs}}}\n"));
    let (_, m) = module(&[("main.tf", &text)], &[]);
    assert_eq!(
        messages(&m)[0],
        "the value of local `l128` nests more than 128 levels deep"
    );
    assert_eq!(
        value(&m, "x_y.z", "a127").as_list().map(<[Value]>::len),
        Some(1)
    );
    // Past it, the chain goes on from the invalid value, which nests no deeper.
    assert!(!value(&m, "x_y.z", "a200").is_wholly_known());
    assert_eq!(m.diagnostics.len(), 2);
}

/// The deepest evaluation the limits allow fits in 1 MiB of stack (the
/// wasm default), even in a debug build.
#[test]
fn evaluation_fits_a_small_stack() {
    let run = || {
        let mut text = String::from("locals {\n");
        for i in 0..120 {
            text.push_str(&format!(
                "  l{i} = [local.l{}, {}1{}]\n",
                i + 1,
                "(".repeat(60),
                ")".repeat(60)
            ));
        }
        text.push_str(&format!("  l120 = {}\n}}\n", vec!["1"; 120].join(" + ")));
        text.push_str("resource \"x_y\" \"z\" {\n  v = local.l0\n  w = local.l100\n}\n");
        let (_, m) = module(&[("main.tf", &text)], &[]);
        assert!(messages(&m).iter().any(|s| s.contains("nested more than")));
        m.resources.len()
    };
    let handle = std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(run)
        .unwrap();
    assert_eq!(handle.join().unwrap(), 1);
}

/// The cloudposse example: every `resources/*.yaml` merged with
/// `fileset`, `yamldecode(file(...))` and `merge(...)`.
#[test]
fn fileset_lists_the_imports_files() {
    let main = r#"
locals {
  resources = merge([
    for f in fileset(path.module, "resources/*.yaml") : {
      for k, v in yamldecode(file("${path.module}/${f}")) : k => v
    }
  ]...)
  all_yaml = fileset(path.cwd, "**/*.{yaml,yml}")
}
resource "opsgenie_team" "t" {
  for_each = { for t in local.resources.teams : t.name => t }
  name     = each.value.name
}
output "files" { value = local.all_yaml }
"#;
    let (_, m) = module(
        &[
            ("infra/main.tf", main),
            ("infra/resources/b.yaml", "teams:\n  - name: sre\n"),
            (
                "infra/resources/a.yaml",
                "users: []\nteams:\n  - name: ignored\n",
            ),
            ("infra/resources/nested/c.yml", "x: 1\n"),
            ("other/d.yaml", "y: 2\n"),
        ],
        &[],
    );
    no_errors(&m);
    // `merge` keeps the later file's `teams` (b.yaml after a.yaml).
    assert_eq!(addresses(&m), [r#"opsgenie_team.t["sre"]"#]);
    let files = m
        .blocks
        .iter()
        .find(|b| b.kind == "output")
        .and_then(|b| b.body.value("value"))
        .expect("output");
    let names: Vec<&str> = files
        .as_list()
        .expect("a set")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(
        names,
        [
            "resources/a.yaml",
            "resources/b.yaml",
            "resources/nested/c.yml"
        ]
    );
}
