//! `escalator plan FILE (--policy ID | --service ID --severity SEV) --at T [--json]`.

use std::process::ExitCode;

use clap::Args;

use escalator::escalation::query::PolicyChoice;
use escalator::model::values::format_duration;
use escalator::model::Seconds;
use escalator::output::PlanOutput;

use super::io::load;

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
        if let Some(trigger) = &self.trigger {
            return PolicyChoice::Trigger {
                trigger: trigger.clone(),
            };
        }
        match (&self.policy, &self.service) {
            (Some(policy), _) => PolicyChoice::Policy {
                policy: policy.clone(),
                severity: self.severity.clone(),
            },
            (None, service) => PolicyChoice::Service {
                service: service.clone().unwrap_or_default(),
                severity: self.severity.clone().unwrap_or_default(),
            },
        }
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
            print!("{}", readable(&plan));
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

/// Prints a query error (`error[code]: message`, then help) and returns exit code 2.
pub fn query_error(e: &escalator::evaluator::QueryError) -> ExitCode {
    eprintln!("error[{}]: {}", e.code, e.message);
    if let Some(help) = &e.help {
        eprintln!("   = help: {help}");
    }
    ExitCode::from(2)
}

/// Prints a value as pretty JSON (what the JS API returns).
pub fn print_json(value: &impl serde::Serialize) -> ExitCode {
    match serde_json::to_string_pretty(value) {
        Ok(text) => {
            println!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
