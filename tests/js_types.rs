//! One set of JS types, named as in Rust: every JSON shape the engine hands
//! to JS (`escalator::output`) and every decoded JS input
//! (`escalator::evaluator::input`) is declared in `src/wasm/escalator.d.ts`
//! under its Rust name, and every declaration there is one of them (or one
//! of the few argument types listed below). What the declarations say is
//! checked elsewhere: the npm consumer test type-checks real answers
//! against them with `tsc --strict`.

use std::collections::BTreeSet;

use escalator::evaluator::input;
use escalator::output;

const DECLARATIONS: &str = include_str!("../src/wasm/escalator.d.ts");

/// Declared in TypeScript only: argument types of the API, and the class
/// the wasm bindings declare (wasm32 only).
const TS_ONLY: &[(&str, &str)] = &[
    (
        "DocumentInput",
        "a document argument: text or a parsed object",
    ),
    (
        "Instant",
        "an instant argument: text or epoch milliseconds (input::InstantInput)",
    ),
    (
        "ScenarioInput",
        "the scenario file format, read by the model's scenario reader",
    ),
    (
        "InjectInput",
        "an injected event, read by the model's scenario reader",
    ),
    (
        "SimulationEventKind",
        "the `kind` strings of SimulationEvent",
    ),
    (
        "Evaluator",
        "overloads merged into the wasm-bindgen class `escalator::wasm::Evaluator`",
    ),
];

/// The last path segment of a type's name, without generics.
fn name<T: ?Sized>() -> &'static str {
    let full = std::any::type_name::<T>();
    let plain = full.split('<').next().unwrap_or(full);
    plain.rsplit("::").next().unwrap_or(plain)
}

/// The Rust shapes that cross to JS.
fn rust_names() -> BTreeSet<&'static str> {
    [
        name::<output::Answer<()>>(),
        name::<output::EscalatorError>(),
        name::<output::Version>(),
        name::<output::Diagnostic>(),
        name::<output::Span>(),
        name::<output::Position>(),
        name::<output::Label>(),
        name::<output::SummaryOutput>(),
        name::<output::OutlineOutput>(),
        name::<output::outline::PersonOutline>(),
        name::<output::outline::ScheduleOutline>(),
        name::<output::outline::PolicyOutline>(),
        name::<output::outline::ServiceOutline>(),
        name::<output::outline::RouteOutline>(),
        name::<output::outline::SeverityOutline>(),
        name::<output::LocalTime>(),
        name::<output::Why>(),
        name::<output::Shift>(),
        name::<output::ShiftsOutput>(),
        name::<output::ShiftsCompact>(),
        name::<output::OnCallSchedule>(),
        name::<output::OnCallOutput>(),
        name::<output::Load>(),
        name::<output::QualityOutput>(),
        name::<output::plan::PageWhy>(),
        name::<output::plan::Page>(),
        name::<output::plan::Level>(),
        name::<output::PlanOutput>(),
        name::<output::coverage::CoverageInterval>(),
        name::<output::CoveragePlan>(),
        name::<output::coverage::Gap>(),
        name::<output::coverage::HeatmapCell>(),
        name::<output::coverage::HeatmapWeekRow>(),
        name::<output::coverage::HeatmapDayRow>(),
        name::<output::coverage::Heatmaps>(),
        name::<output::CoverageOutput>(),
        name::<output::CoverageCompact>(),
        name::<output::simulation::ActionAvailable>(),
        name::<output::simulation::SimulationEvent>(),
        name::<output::simulation::SimulationState>(),
        name::<output::simulation::SimulationIncident>(),
        name::<output::simulation::SimulationOutput>(),
        name::<input::PolicyInput>(),
        name::<input::IncidentInput>(),
        name::<input::ShiftsOptions>(),
        name::<input::ExplainOptions>(),
        name::<input::CoverageOptions>(),
        name::<input::CalendarInput>(),
        name::<input::CalendarOptions>(),
    ]
    .into_iter()
    .collect()
}

/// `export interface X` and `export type X` in the declarations.
fn declared() -> BTreeSet<&'static str> {
    DECLARATIONS
        .lines()
        .filter_map(|line| {
            let rest = line
                .strip_prefix("export interface ")
                .or_else(|| line.strip_prefix("export type "))?;
            let end = rest.find(|c: char| !c.is_ascii_alphanumeric() && c != '_')?;
            Some(&rest[..end])
        })
        .collect()
}

#[test]
fn every_shape_is_declared_under_its_rust_name() {
    let declared = declared();
    let missing: Vec<_> = rust_names()
        .into_iter()
        .filter(|n| !declared.contains(n))
        .collect();
    assert!(
        missing.is_empty(),
        "not declared in src/wasm/escalator.d.ts: {missing:?}"
    );
}

#[test]
fn every_declaration_is_a_rust_shape_or_an_argument_type() {
    let rust = rust_names();
    let extra: Vec<_> = declared()
        .into_iter()
        .filter(|n| !rust.contains(n) && !TS_ONLY.iter().any(|(t, _)| t == n))
        .collect();
    assert!(
        extra.is_empty(),
        "declared in TypeScript with no Rust shape of that name: {extra:?}"
    );
}

/// The keys of each `| { ... }` member of `export type NAME =` in the
/// declarations.
fn union_members(name: &str) -> Vec<BTreeSet<String>> {
    let head = format!("export type {name} =");
    let mut lines = DECLARATIONS.lines().skip_while(|l| !l.starts_with(&head));
    lines.next().expect("the union is declared");
    lines
        .map_while(|l| l.trim().strip_prefix("| {"))
        .map(|member| {
            let body = member.trim_end_matches(';').trim_end_matches('}');
            body.split(';')
                .filter_map(|field| {
                    let key = field.split(':').next()?.trim().trim_end_matches('?');
                    (!key.is_empty()).then(|| key.to_string())
                })
                .collect()
        })
        .collect()
}

/// The JSON keys of a value that serializes as an object.
fn keys(value: &impl serde::Serialize) -> BTreeSet<String> {
    match serde_json::to_value(value).unwrap() {
        serde_json::Value::Object(map) => map.keys().cloned().collect(),
        other => panic!("not an object: {other}"),
    }
}

/// Every variant of `output::Why` (an untagged enum: a union in
/// TypeScript) is one member of the declared union, key for key. A new
/// variant fails to compile here until it is given an example, and then
/// fails until the declarations list it.
#[test]
fn every_why_variant_is_a_member_of_the_declared_union() {
    use escalator::time::Timestamp;
    let examples = [
        output::Why::Turn {
            person: "a".into(),
            layer: "l".into(),
            turn: 0,
            turn_start: Timestamp(0),
            turn_end: Timestamp(1),
        },
        output::Why::Event {
            person: "a".into(),
            layer: "l".into(),
            event: 0,
            uid: None,
            event_start: Timestamp(0),
            event_end: Timestamp(1),
        },
        output::Why::Override {
            person: "a".into(),
            index: 0,
            kind: "add",
        },
        output::Why::LayerOverride {
            person: "a".into(),
            layer: "l".into(),
            index: 0,
            kind: "add",
        },
    ];
    for why in &examples {
        match why {
            output::Why::Turn { .. }
            | output::Why::Event { .. }
            | output::Why::Override { .. }
            | output::Why::LayerOverride { .. } => {}
        }
    }
    let declared = union_members("Why");
    let mut rust: Vec<_> = examples.iter().map(keys).collect();
    let mut ts = declared.clone();
    rust.sort();
    ts.sort();
    assert_eq!(
        rust, ts,
        "the variants of output::Why (left) and the members of `Why` in src/wasm/escalator.d.ts (right)"
    );
}
