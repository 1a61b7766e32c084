//! Which vendor and format a file is, from its content (and its name only
//! where the content cannot tell: `.tfvars`).

use crate::document::{Node, NodeKind};

/// The tools Escalator imports from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Vendor {
    PagerDuty,
    Opsgenie,
    AwsIncidentManager,
    GrafanaOnCall,
    GoAlert,
    /// A shared calendar (RFC 5545).
    Calendar,
    /// Already an Escalator document.
    Escalator,
}

impl Vendor {
    /// Every vendor, in the order they are listed to users.
    pub const ALL: [Vendor; 7] = [
        Vendor::PagerDuty,
        Vendor::Opsgenie,
        Vendor::AwsIncidentManager,
        Vendor::GrafanaOnCall,
        Vendor::GoAlert,
        Vendor::Calendar,
        Vendor::Escalator,
    ];

    /// The name used on the command line and in JSON (`--from pagerduty`).
    pub fn key(self) -> &'static str {
        match self {
            Vendor::PagerDuty => "pagerduty",
            Vendor::Opsgenie => "opsgenie",
            Vendor::AwsIncidentManager => "aws",
            Vendor::GrafanaOnCall => "grafana",
            Vendor::GoAlert => "goalert",
            Vendor::Calendar => "ical",
            Vendor::Escalator => "escalator",
        }
    }

    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Vendor::PagerDuty => "PagerDuty",
            Vendor::Opsgenie => "Opsgenie",
            Vendor::AwsIncidentManager => "AWS Incident Manager",
            Vendor::GrafanaOnCall => "Grafana OnCall",
            Vendor::GoAlert => "GoAlert",
            Vendor::Calendar => "iCalendar",
            Vendor::Escalator => "Escalator",
        }
    }

    /// The vendor named `key` (`pagerduty`, `opsgenie`, ...).
    pub fn from_key(key: &str) -> Option<Vendor> {
        Vendor::ALL.into_iter().find(|v| v.key() == key)
    }
}

/// How a file is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// The vendor's REST or GraphQL API objects, as JSON (or YAML).
    Api,
    /// Terraform configuration (`.tf`, `.tf.json`).
    Terraform,
    /// Terraform variable values (`.tfvars`): read with the module.
    TerraformVars,
    /// An AWS CloudFormation template.
    CloudFormation,
    /// The YAML that community Terraform modules feed into the vendor's
    /// resources (the resources' own field names).
    ModuleYaml,
    /// An RFC 5545 calendar.
    ICalendar,
    /// An Escalator policy document.
    Document,
}

impl Format {
    /// The name used in JSON.
    pub fn key(self) -> &'static str {
        match self {
            Format::Api => "api",
            Format::Terraform => "terraform",
            Format::TerraformVars => "tfvars",
            Format::CloudFormation => "cloudformation",
            Format::ModuleYaml => "module-yaml",
            Format::ICalendar => "icalendar",
            Format::Document => "document",
        }
    }

    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Format::Api => "API",
            Format::Terraform => "Terraform",
            Format::TerraformVars => "Terraform variables",
            Format::CloudFormation => "CloudFormation",
            Format::ModuleYaml => "module YAML",
            Format::ICalendar => "iCalendar",
            Format::Document => "document",
        }
    }
}

/// What one file was recognised as. `vendor` is `None` for files that
/// belong to whatever they are read with (`.tfvars`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Detection {
    pub vendor: Option<Vendor>,
    pub format: Format,
}

/// The formats `escalator import` reads, for messages that list them.
pub const SUPPORTED: &[&str] = &[
    "PagerDuty REST API v2 JSON (schedules, escalation policies, services, users, overrides)",
    "PagerDuty Terraform (pagerduty_schedule, pagerduty_escalation_policy, pagerduty_service, pagerduty_user, pagerduty_team)",
    "Opsgenie REST API JSON (schedules, escalations, teams, routing rules)",
    "Opsgenie Terraform (opsgenie_schedule, opsgenie_schedule_rotation, opsgenie_escalation, opsgenie_team, opsgenie_team_routing_rule, opsgenie_user) and the YAML community modules feed them",
    "AWS Incident Manager API JSON (get-contact, list-contacts, get-rotation, list-rotations, list-rotation-overrides, get-contact-channel, list-contact-channels)",
    "AWS Incident Manager CloudFormation, YAML or JSON (AWS::SSMContacts::Contact, Rotation, ContactChannel, Plan)",
    "AWS Incident Manager Terraform (aws_ssmcontacts_contact, _rotation, _plan, _contact_channel and their awscc_ssmcontacts_ equivalents)",
    "Grafana OnCall Terraform (grafana_oncall_on_call_shift, grafana_oncall_schedule, grafana_oncall_escalation_chain, grafana_oncall_escalation, grafana_oncall_route, grafana_oncall_integration) and public API JSON (on_call_shifts, schedules, escalation_chains, escalation_policies, routes, integrations, users)",
    "GoAlert GraphQL API JSON, with or without the {\"data\": ...} envelope (rotations, schedules with rules and temporary schedules, user overrides, escalation policies, users)",
    "iCalendar (.ics, RFC 5545) calendars: Google, Outlook and any VTIMEZONE",
];

/// Recognises a file from its name and text. `tree` is the text read as
/// YAML/JSON when it could be (`None` otherwise).
pub fn detect(name: &str, text: &str, tree: Option<&Node>) -> Option<Detection> {
    let lower = name.to_ascii_lowercase();
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with("BEGIN:VCALENDAR") {
        return Some(Detection {
            vendor: Some(Vendor::Calendar),
            format: Format::ICalendar,
        });
    }
    if lower.ends_with(".tfvars") || lower.ends_with(".tfvars.json") {
        return Some(Detection {
            vendor: None,
            format: Format::TerraformVars,
        });
    }
    if lower.ends_with(".tf") || lower.ends_with(".tf.json") || looks_like_hcl(trimmed) {
        return Some(Detection {
            vendor: terraform_vendor(text),
            format: Format::Terraform,
        });
    }
    let Some(tree) = tree else {
        return broken_pagerduty(trimmed);
    };
    detect_tree(tree)
}

/// JSON that does not parse but is plainly a PagerDuty export: recognised,
/// so that the importer reports where it breaks instead of skipping it.
fn broken_pagerduty(text: &str) -> Option<Detection> {
    let json = text.starts_with('{') || text.starts_with('[');
    let marked = [
        "\"schedule_layers\"",
        "\"escalation_rules\"",
        "\"rotation_virtual_start\"",
        "pagerduty.com/",
    ]
    .iter()
    .any(|m| text.contains(m));
    (json && marked).then_some(Detection {
        vendor: Some(Vendor::PagerDuty),
        format: Format::Api,
    })
}

/// Whether text that is not YAML/JSON looks like HCL (`resource "x" "y" {`).
fn looks_like_hcl(text: &str) -> bool {
    text.lines().any(|line| {
        let line = line.trim_start();
        [
            "resource \"",
            "variable \"",
            "locals {",
            "module \"",
            "provider \"",
            "data \"",
        ]
        .iter()
        .any(|p| line.starts_with(p))
    })
}

/// The vendor whose resources a Terraform file declares most.
fn terraform_vendor(text: &str) -> Option<Vendor> {
    let prefixes = [
        ("\"pagerduty_", Vendor::PagerDuty),
        ("\"opsgenie_", Vendor::Opsgenie),
        ("\"aws_ssmcontacts_", Vendor::AwsIncidentManager),
        ("\"awscc_ssmcontacts_", Vendor::AwsIncidentManager),
        ("\"grafana_oncall_", Vendor::GrafanaOnCall),
    ];
    let mut best: Option<(usize, Vendor)> = None;
    for (prefix, vendor) in prefixes {
        let n = text.matches(prefix).count();
        if n > 0 && best.is_none_or(|(m, _)| n > m) {
            best = Some((n, vendor));
        }
    }
    best.map(|(_, v)| v)
}

/// Recognises a YAML/JSON tree by the keys the vendors use.
fn detect_tree(tree: &Node) -> Option<Detection> {
    let api = |vendor| {
        Some(Detection {
            vendor: Some(vendor),
            format: Format::Api,
        })
    };
    let keys = top_keys(tree);
    let has = |k: &str| keys.iter().any(|x| x == k);
    if has("version") && has("timezone") {
        return Some(Detection {
            vendor: Some(Vendor::Escalator),
            format: Format::Document,
        });
    }
    if (has("AWSTemplateFormatVersion") || has("Resources"))
        && mentions(tree, "AWS::SSMContacts::", 0)
    {
        return Some(Detection {
            vendor: Some(Vendor::AwsIncidentManager),
            format: Format::CloudFormation,
        });
    }
    if is_goalert(tree) {
        return api(Vendor::GoAlert);
    }
    if [
        "ContactArn",
        "RotationArn",
        "RotationOverrideId",
        "ContactChannelArn",
        "RecurrenceMultiplier",
    ]
    .iter()
    .any(|k| mentions_key(tree, k, 0))
    {
        return api(Vendor::AwsIncidentManager);
    }
    if is_grafana(tree) {
        return api(Vendor::GrafanaOnCall);
    }
    // PagerDuty: wrapped objects and lists, or bare objects.
    let pagerduty = [
        "schedule",
        "schedules",
        "escalation_policy",
        "escalation_policies",
        "service",
        "services",
        "overrides",
        "override",
        "users",
        "user",
        "teams",
        "team",
        "schedule_layers",
        "escalation_rules",
    ];
    if pagerduty.iter().any(|k| has(k)) && mentions_pagerduty(tree) {
        return api(Vendor::PagerDuty);
    }
    if is_bare_pagerduty_object(tree) {
        return api(Vendor::PagerDuty);
    }
    // Opsgenie: `{"data": ..., "took": ..., "requestId": ...}` or bare objects.
    if looks_opsgenie_api(tree, &has) {
        return api(Vendor::Opsgenie);
    }
    // The community modules' YAML: the Terraform resources' field names.
    let module_keys = [
        "schedules",
        "escalations",
        "teams",
        "users",
        "existing_users",
        "team_routing_rules",
        "schedule_rotations",
    ];
    if module_keys.iter().any(|k| has(k))
        && [
            "notify_type",
            "owner_team_name",
            "schedule_name",
            "start_date",
            "full_name",
            "username",
            "user_name",
            "team_name",
        ]
        .iter()
        .any(|k| mentions(tree, k, 0))
    {
        return Some(Detection {
            vendor: Some(Vendor::Opsgenie),
            format: Format::ModuleYaml,
        });
    }
    None
}

/// GoAlert: a GraphQL response (`{"data": {...}}` or its content, or bare
/// objects) with GoAlert's own field names.
fn is_goalert(tree: &Node) -> bool {
    let inner = match &tree.kind {
        NodeKind::Map(entries) => entries
            .iter()
            .find(|e| e.key == "data")
            .map_or(tree, |e| &e.value),
        _ => tree,
    };
    [
        "shiftLength",
        "activeUserIndex",
        "nextHandoffTimes",
        "temporarySchedules",
        "weekdayFilter",
        "delayMinutes",
        "stepNumber",
        "addUserID",
        "removeUserID",
        "contactMethodID",
        "notificationRules",
        "userIDs",
    ]
    .iter()
    .any(|k| mentions_key(inner, k, 0))
}

/// Grafana OnCall: public API objects (paginated `results`, lists or
/// single objects) with OnCall's own field names.
fn is_grafana(tree: &Node) -> bool {
    // OnCall's pagination (Django REST framework's, with OnCall's page fields).
    if let NodeKind::Map(entries) = &tree.kind {
        let has = |k: &str| entries.iter().any(|e| e.key == k);
        if has("results") && (has("current_page_number") || has("total_pages")) {
            return true;
        }
    }
    [
        "rolling_users",
        "start_rotation_from_user_index",
        "escalation_chain_id",
        "notify_on_call_from_schedule",
        "persons_to_notify",
        "ical_url_primary",
        "ical_url_overrides",
        "routing_regex",
        "is_the_last_route",
        "on_call_now",
        "by_monthday",
        "inbound_email",
    ]
    .iter()
    .any(|k| mentions_key(tree, k, 0))
}

/// Whether `key` is a key anywhere in the tree (a few levels deep).
fn mentions_key(tree: &Node, key: &str, depth: usize) -> bool {
    if depth > 7 {
        return false;
    }
    match &tree.kind {
        NodeKind::Seq(items) => items
            .iter()
            .take(20)
            .any(|n| mentions_key(n, key, depth + 1)),
        NodeKind::Map(entries) => entries
            .iter()
            .any(|e| e.key == key || mentions_key(&e.value, key, depth + 1)),
        _ => false,
    }
}

/// Opsgenie's REST API objects: the response envelope around any of them,
/// or a bare schedule, rotation, override, escalation, team, routing rule
/// or user (their camelCase keys are Opsgenie's own).
fn looks_opsgenie_api(tree: &Node, has: &dyn Fn(&str) -> bool) -> bool {
    const KEYS: [&str; 12] = [
        "timeAmount",
        "rotations",
        "notifyType",
        "ownerTeam",
        "participants",
        "timeRestriction",
        "isDefault",
        "fullName",
        "startDate",
        "members",
        "_parent",
        "waitInterval",
    ];
    let envelope = has("data") && (has("took") || has("requestId"));
    if envelope {
        return KEYS.iter().any(|k| mentions(tree, k, 0))
            || mentions(tree, "username", 0)
            || mentions(tree, "app.opsgenie.com", 0)
            || mentions(tree, "api.opsgenie.com", 0);
    }
    has("rotations")
        || has("ownerTeam")
        || has("participants")
        || has("timeRestriction")
        || has("isDefault")
        || has("_parent")
        || (has("username") && has("fullName"))
        || (has("rules") && mentions(tree, "notifyType", 0))
}

/// The keys of a mapping (empty for anything else).
fn top_keys(tree: &Node) -> Vec<String> {
    match &tree.kind {
        NodeKind::Map(entries) => entries.iter().map(|e| e.key.clone()).collect(),
        NodeKind::Seq(items) => items.first().map(top_keys).unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// PagerDuty objects carry `"type": "schedule"`-style tags, `self`/`html_url`
/// links or PagerDuty-only keys.
fn mentions_pagerduty(tree: &Node) -> bool {
    [
        "schedule_layers",
        "escalation_rules",
        "rotation_turn_length_seconds",
        "escalation_delay_in_minutes",
        "html_url",
        "user_reference",
        "schedule_reference",
        "escalation_policy_reference",
        "notification_rules",
        "_contact_method",
    ]
    .iter()
    .any(|k| mentions(tree, k, 0))
}

/// A bare PagerDuty object (or a list of them), as a single GET without its
/// wrapper: `{"id": "PUSR001", "type": "user", ..., "html_url":
/// "https://acme.pagerduty.com/users/PUSR001"}`.
fn is_bare_pagerduty_object(tree: &Node) -> bool {
    let object = match &tree.kind {
        NodeKind::Seq(items) => match items.first() {
            Some(first) => first,
            None => return false,
        },
        _ => tree,
    };
    let kind = object.get("type").and_then(Node::as_str);
    let pagerduty_type = matches!(
        kind,
        Some("schedule" | "escalation_policy" | "service" | "user" | "team" | "override")
    );
    let link = ["self", "html_url"].iter().any(|k| {
        object
            .get(k)
            .and_then(Node::as_str)
            .is_some_and(|u| u.contains("pagerduty.com"))
    });
    pagerduty_type && (link || mentions_pagerduty(object))
}

/// Whether `needle` appears as a key or string value anywhere in the tree
/// (a few levels deep is enough to recognise a vendor).
fn mentions(tree: &Node, needle: &str, depth: usize) -> bool {
    if depth > 6 {
        return false;
    }
    match &tree.kind {
        NodeKind::Str(s) => s.contains(needle),
        NodeKind::Seq(items) => items
            .iter()
            .take(50)
            .any(|n| mentions(n, needle, depth + 1)),
        NodeKind::Map(entries) => entries
            .iter()
            .any(|e| e.key.contains(needle) || mentions(&e.value, needle, depth + 1)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detect_text(name: &str, text: &str) -> Option<Detection> {
        let parsed = crate::document::parse(text);
        detect(name, text, parsed.root.as_ref())
    }

    #[test]
    fn vendors_and_formats_are_recognised_from_content() {
        let pd = r#"{"schedules": [{"id": "P1", "type": "schedule", "schedule_layers": []}], "more": false}"#;
        assert_eq!(
            detect_text("export.json", pd),
            Some(Detection {
                vendor: Some(Vendor::PagerDuty),
                format: Format::Api
            })
        );
        let og = r#"{"data": {"name": "ops", "rotations": []}, "took": 0.1, "requestId": "x"}"#;
        assert_eq!(
            detect_text("s.json", og).map(|d| d.vendor),
            Some(Some(Vendor::Opsgenie))
        );
        let tf = "resource \"pagerduty_schedule\" \"a\" {\n}\n";
        assert_eq!(
            detect_text("main.tf", tf),
            Some(Detection {
                vendor: Some(Vendor::PagerDuty),
                format: Format::Terraform
            })
        );
        assert_eq!(
            detect_text("x.txt", tf).map(|d| d.format),
            Some(Format::Terraform)
        );
        assert_eq!(
            detect_text("terraform.tfvars", "a = 1\n").map(|d| d.format),
            Some(Format::TerraformVars)
        );
        assert_eq!(
            detect_text("rota.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n").map(|d| d.vendor),
            Some(Some(Vendor::Calendar))
        );
        assert_eq!(
            detect_text("doc.yaml", "version: 1\ntimezone: UTC\n").map(|d| d.format),
            Some(Format::Document)
        );
        let module = "schedules:\n  - name: ops\n    owner_team_name: ops\n";
        assert_eq!(
            detect_text("config.yaml", module).map(|d| d.format),
            Some(Format::ModuleYaml)
        );
        let bare_user = r#"{"id": "PUSR001", "type": "user", "name": "Alice", "email": "a@example.com",
            "html_url": "https://acme.pagerduty.com/users/PUSR001"}"#;
        assert_eq!(
            detect_text("alice.json", bare_user).map(|d| d.vendor),
            Some(Some(Vendor::PagerDuty))
        );
        let bare_service = r#"[{"id": "PSVC001", "type": "service", "name": "Checkout",
            "escalation_policy": {"id": "PEP0001", "type": "escalation_policy_reference"}}]"#;
        assert_eq!(
            detect_text("services.json", bare_service).map(|d| d.vendor),
            Some(Some(Vendor::PagerDuty))
        );
        assert_eq!(
            detect_text("x.json", r#"{"type": "user", "name": "x"}"#),
            None
        );
        assert_eq!(detect_text("notes.md", "# hello\n"), None);
        assert_eq!(detect_text("x.json", "{\"a\": 1}"), None);
    }
}
