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
