use super::*;
use crate::diagnostic::LineIndex;

fn show(m: &Module) {
    for r in &m.resources {
        println!("{} {:?}", r.address, r.body.attributes.iter().map(|a| (&a.name, &a.value.kind)).collect::<Vec<_>>());
    }
    for d in &m.diagnostics {
        println!("diag {} {:?} {} {:?}", d.file, d.diagnostic.span, d.diagnostic.message, d.diagnostic.help);
    }
}

#[test]
fn smoke() {
    let files = [SourceFile::new("main.tf", r#"
variable "teams" { type = set(string) }
locals {
  b = "${local.a}-x"
  a = upper("sre")
  m = { for t in ["x", "y"] : t => "${t}!" }
  s = "%{ for t in ["a","b"] ~} ${t}, %{ endfor ~}"
}
resource "opsgenie_team" "t" {
  for_each = var.teams
  name     = upper(each.key)
  desc = local.b
  m = local.m
  s = local.s
  r = pagerduty_user.alice.id
  w = "${pagerduty_user.alice.id}"
  f = formatdate("DD MMM YYYY", timeadd("2026-03-02T09:00:00Z", "48h"))
}
resource "pagerduty_user" "alice" {
  name = "Alice"
}
"#)];
    let vars = [("teams".to_string(), r#"["sre", "db"]"#.to_string())];
    let m = read(&files, &vars);
    show(&m);
    let _ = LineIndex::new("");
}
