//! `escalator plan FILE (--policy ID | --service ID --severity SEV) --at T [--json]`.

use std::process::ExitCode;

use clap::Args;

use escalator::output::PlanOutput;
use escalator::time::values::format_duration;
use escalator::time::Seconds;
use escalator::PolicyChoice;

use super::io::{load, print_json, query_error};

/// Which policy: `--policy ID [--severity SEV]`, `--service ID --severity SEV`
/// or `--trigger ID`.
#[derive(Args, Debug)]
pub struct PolicyArgs {
    /// The policy, by id.
    #[arg(long, conflicts_with_all = ["service", "trigger"], required_unless_present_any = ["service", "trigger"])]
    pub policy: Option<String>,
    /// The trigger (id or `source`) whose service and severity give the policy.
    #[arg(long, conflicts_with_all = ["service", "severity"])]
    pub trigger: Option<String>,
    /// The service whose route for `--severity` gives the policy.
    #[arg(long, requires = "severity")]
    pub service: Option<String>,
    /// The incident's severity (its `ack_within` sets the coverage targets).
    #[arg(long)]
    pub severity: Option<String>,
}

impl PolicyArgs {
    /// The engine's form of the choice.
    pub fn choice(&self) -> PolicyChoice {
        choice_of(&self.policy, &self.service, &self.severity, &self.trigger).unwrap_or(
            PolicyChoice::Service {
                service: String::new(),
                severity: String::new(),
            },
        )
    }
}

/// The policy choice the flags name (`None` when they name none): a
/// trigger, a policy (with an optional severity), or a service and severity.
pub fn choice_of(
    policy: &Option<String>,
    service: &Option<String>,
    severity: &Option<String>,
    trigger: &Option<String>,
) -> Option<PolicyChoice> {
    match (trigger, policy, service) {
        (Some(trigger), _, _) => Some(PolicyChoice::Trigger {
            trigger: trigger.clone(),
        }),
        (None, Some(policy), _) => Some(PolicyChoice::Policy {
            policy: policy.clone(),
            severity: severity.clone(),
        }),
        (None, None, Some(service)) => Some(PolicyChoice::Service {
            service: service.clone(),
            severity: severity.clone().unwrap_or_default(),
        }),
        (None, None, None) => None,
    }
}

/// Arguments of `escalator plan`.
#[derive(Args, Debug)]
pub struct PlanArgs {
    /// The document (YAML or JSON); `-` reads stdin.
    pub file: String,
    #[command(flatten)]
    pub which: PolicyArgs,
    /// When the incident opens: RFC 3339, or a local date-time or date in the document's zone.
    #[arg(long)]
    pub at: String,
    /// Print the plan as JSON (SPEC section 6).
    #[arg(long)]
    pub json: bool,
}

/// Prints the paging plan.
pub fn run(args: &PlanArgs) -> ExitCode {
    let (_, evaluator) = match load(&args.file) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let result = escalator::time::parse_instant(&args.at, evaluator.model().timezone)
        .and_then(|at| evaluator.plan(&args.which.choice(), at));
    match result {
        Ok(plan) if args.json => print_json(&plan),
        Ok(plan) => {
            super::io::print_out(&readable(&plan));
            ExitCode::SUCCESS
        }
        Err(e) => query_error(&e),
    }
}

/// `+1h30m`.
pub fn offset(seconds: i64) -> String {
    format!("+{}", format_duration(Seconds(seconds)))
}

/// The plan as text, one line per step fired.
pub fn readable(plan: &PlanOutput) -> String {
    let mut out = format!("policy `{}` for an incident at {}", plan.policy, plan.at);
    if let (Some(service), Some(severity)) = (&plan.service, &plan.severity) {
        out.push_str(&format!(" (service `{service}`, {severity})"));
    }
    out.push('\n');
    for level in &plan.levels {
        let head = format!(
            "  {:>8}  pass {} step {}",
            offset(level.after_seconds),
            level.pass,
            level.step
        );
        let page = plan
            .plan
            .iter()
            .find(|p| p.pass == level.pass && p.step == level.step);
        match page {
            None if level.kind == "wait" => {
                let wait = level.wait_seconds.unwrap_or(0);
                out.push_str(&format!(
                    "{head}  waits {} (pages nobody)\n",
                    format_duration(Seconds(wait))
                ));
            }
            Some(page) => {
                let mut who: Vec<String> = page.people.clone();
                who.extend(page.vendors.iter().map(|v| format!("vendor {v}")));
                out.push_str(&format!("{head}  pages {}\n", who.join(", ")));
                for why in &page.why {
                    let name = why
                        .person
                        .as_deref()
                        .or(why.vendor.as_deref())
                        .unwrap_or("");
                    let detail = match (&why.schedule, &why.detail) {
                        (Some(s), Some(d)) if why.turn.is_some() => format!("{d} in `{s}`"),
                        (Some(s), Some(d)) => format!("on call in `{s}`: {d}"),
                        (Some(s), None) => format!("on call in `{s}`"),
                        _ if why.via == "vendor" => "vendor inside its support hours".to_string(),
                        _ => "named by the step".to_string(),
                    };
                    out.push_str(&format!("              {name}: {detail}\n"));
                }
            }
            None => {
                let mut why = vec!["pages nobody (level skipped)".to_string()];
                if !level.vendors_closed.is_empty() {
                    why.push(format!(
                        "outside support hours: {}",
                        level.vendors_closed.join(", ")
                    ));
                }
                out.push_str(&format!("{head}  {}\n", why.join("; ")));
            }
        }
        if !level.stakeholders.is_empty() {
            out.push_str(&format!(
                "              informs {}\n",
                level.stakeholders.join(", ")
            ));
        }
    }
    if plan.plan.is_empty() {
        out.push_str("nobody is ever paged\n");
    } else {
        out.push_str(&format!(
            "exhausted {}\n",
            offset(plan.exhausted_after_seconds)
        ));
    }
    out
}
