//! Vendors on escalation paths: contractual response slower than the
//! severity's target, and support hours that leave the path without them.

use crate::diagnostic::{Diagnostic, Span};
use crate::model::{Model, PolicyIdx, ServiceIdx, SeverityIdx, Target, VendorIdx};

use super::duration;

/// Where a vendor is relied on: (policy, step number from 1, target span).
fn steps_engaging(model: &Model, policy: PolicyIdx, vendor: VendorIdx) -> Vec<(usize, Span)> {
    let mut out = Vec::new();
    for (i, step) in model.policy(policy).steps.iter().enumerate() {
        for t in &step.targets {
            if t.value == Target::Vendor(vendor) {
                out.push((i + 1, t.span));
            }
        }
    }
    out
}

/// SLA slower than `ack_within` on a routed path; vendors outside support hours.
pub fn findings(model: &Model) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut seen: Vec<(VendorIdx, SeverityIdx, PolicyIdx)> = Vec::new();
    for si in 0..model.services.len() {
        for (vi, severity) in model.severities.iter().enumerate() {
            let sev = SeverityIdx(vi as u32);
            let Some(ack) = severity.ack_within else {
                continue;
            };
            let Some(policy) = model.policy_for(ServiceIdx(si as u32), sev) else {
                continue;
            };
            for (di, vendor) in model.vendors.iter().enumerate() {
                let vendor_idx = VendorIdx(di as u32);
                let Some((_, sla)) = vendor.sla.iter().find(|(s, _)| *s == sev) else {
                    if let Some((step, target)) =
                        steps_engaging(model, policy, vendor_idx).into_iter().next()
                    {
                        if !seen.contains(&(vendor_idx, sev, policy)) {
                            seen.push((vendor_idx, sev, policy));
                            out.push(no_sla(model, vendor_idx, sev, policy, step, target));
                        }
                    }
                    continue;
                };
                if sla.value <= ack || seen.contains(&(vendor_idx, sev, policy)) {
                    continue;
                }
                let Some((step, target)) =
                    steps_engaging(model, policy, vendor_idx).into_iter().next()
                else {
                    continue;
                };
                seen.push((vendor_idx, sev, policy));
                let (v, s, p) = (
                    &vendor.id.value,
                    &severity.id.value,
                    &model.policy(policy).id.value,
                );
                out.push(
                    Diagnostic::warning(
                        "vendor-sla-too-slow",
                        sla.span,
                        format!("vendor `{v}` answers `{s}` within {}, slower than its target of {}", duration(sla.value.0), duration(ack.0)),
                    )
                    .with_why(format!(
                        "vendor `{v}` answers {s} within {} by contract, but {s} must be acknowledged within {}, and step {step} of policy `{p}` relies on `{v}`",
                        duration(sla.value.0),
                        duration(ack.0)
                    ))
                    .with_label(target, format!("policy `{p}` relies on `{v}` here"))
                    .with_help("add a responder of your own before the vendor, or negotiate a faster SLA"),
                );
            }
        }
    }
    for (di, vendor) in model.vendors.iter().enumerate() {
        let (Some(first), Some(last)) = (vendor.support_hours.first(), vendor.support_hours.last())
        else {
            continue;
        };
        if always_open(vendor) {
            continue;
        }
        let engaging = (0..model.policies.len()).find_map(|pi| {
            steps_engaging(model, PolicyIdx(pi as u32), VendorIdx(di as u32))
                .first()
                .map(|(step, span)| (pi, *step, *span))
        });
        let Some((pi, step, target)) = engaging else {
            continue;
        };
        let p = &model
            .policies
            .get(pi)
            .map(|p| p.id.value.clone())
            .unwrap_or_default();
        let v = &vendor.id.value;
        // Whether the vendor is the step's only paging target.
        let alone = model
            .policies
            .get(pi)
            .and_then(|p| p.steps.get(step.saturating_sub(1)))
            .is_some_and(|s| {
                s.targets
                    .iter()
                    .all(|t| matches!(t.value, Target::Vendor(_) | Target::Stakeholders(_)))
            });
        out.push(
            Diagnostic::warning(
                "vendor-outside-support-hours",
                first.span.join(last.span),
                format!("vendor `{v}` cannot be reached outside its support hours"),
            )
            .with_why(if alone {
                format!("outside these hours step {step} of policy `{p}` engages nobody through `{v}`, and the incident escalates past it")
            } else {
                format!("outside these hours step {step} of policy `{p}` pages its other targets without `{v}`")
            })
            .with_label(target, format!("policy `{p}` relies on `{v}` here"))
            .with_help("add an on-call responder to this step for the hours the vendor is closed"),
        );
    }
    out
}

/// A vendor relied on for a severity its contract says nothing about.
fn no_sla(
    model: &Model,
    vendor: VendorIdx,
    severity: SeverityIdx,
    policy: PolicyIdx,
    step: usize,
    target: Span,
) -> Diagnostic {
    let (v, s, p) = (
        &model.vendor(vendor).id.value,
        &model.severity(severity).id.value,
        &model.policy(policy).id.value,
    );
    Diagnostic::warning("vendor-without-sla", model.vendor(vendor).id.span, format!("vendor `{v}` has no SLA for `{s}`"))
        .with_why(format!("step {step} of policy `{p}` relies on `{v}` in {s} incidents, but nothing says how fast it must answer"))
        .with_label(target, format!("policy `{p}` relies on `{v}` here"))
        .with_help(format!("add `{s}: <duration>` to the vendor's `sla`"))
}

/// Whether support hours cover every hour of a week (`{from: "00:00", to:
/// "24:00"}` every day, say): such a vendor is never out of hours.
fn always_open(vendor: &crate::model::Vendor) -> bool {
    use crate::time::Timestamp;
    // Two weeks from Monday 2026-01-05 (UTC), so a window opening the week
    // before is seen too; the second week is checked.
    let from = Timestamp(1_767_571_200);
    let to = from.add_seconds(14 * 86_400);
    let windows: Vec<crate::time::Window> = vendor.support_hours.iter().map(|w| w.value).collect();
    let open = crate::time::window::open_intervals(&windows, vendor.timezone, from, to);
    let week = (from.add_seconds(7 * 86_400), to);
    let mut reached = week.0;
    for (start, end) in open {
        if start > reached {
            break;
        }
        reached = reached.max(end);
    }
    reached >= week.1
}
