//! Reading shared by the API JSON and module YAML readers: time
//! restrictions, whose fields are the same in camelCase (API) and
//! snake_case (module, Terraform).

use crate::diagnostic::Diagnostic;
use crate::document::Node;

use super::node::Obj;
use super::og::{At, DailyWindow, Restriction, WeeklyWindow, F};
use super::Diags;

/// How a format spells field names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// `startHour` (API JSON).
    Camel,
    /// `start_hour` (module YAML, Terraform).
    Snake,
}

impl Style {
    /// `snake` in this style (`start_hour` -> `startHour`).
    pub fn key(self, snake: &str) -> String {
        match self {
            Style::Snake => snake.to_string(),
            Style::Camel => {
                let mut out = String::new();
                let mut up = false;
                for c in snake.chars() {
                    if c == '_' {
                        up = true;
                    } else if up {
                        out.extend(c.to_uppercase());
                        up = false;
                    } else {
                        out.push(c);
                    }
                }
                out
            }
        }
    }
}

/// A required whole number of a window; reported when absent.
fn need_int(obj: &mut Obj, style: Style, snake: &str, diags: &mut Diags) -> Option<F<i64>> {
    let key = style.key(snake);
    match obj.int(&key, diags) {
        Some(v) => Some(v),
        None => {
            if !obj.has(&key) {
                let at = obj.head();
                diags.push(
                    at.file,
                    Diagnostic::error(
                        "import-missing-key",
                        obj.node.span,
                        format!("this restriction has no `{key}`; not imported"),
                    ),
                );
            }
            None
        }
    }
}

fn need_str(obj: &mut Obj, style: Style, snake: &str, diags: &mut Diags) -> Option<F<String>> {
    let key = style.key(snake);
    match obj.str(&key, diags) {
        Some(v) => Some(v),
        None => {
            if !obj.has(&key) {
                diags.push(
                    obj.file,
                    Diagnostic::error(
                        "import-missing-key",
                        obj.node.span,
                        format!("this restriction has no `{key}`; not imported"),
                    ),
                );
            }
            None
        }
    }
}

/// One `time-of-day` window: `{startHour, startMin, endHour, endMin}`.
pub fn daily(node: &Node, file: usize, style: Style, diags: &mut Diags) -> Option<DailyWindow> {
    let mut obj = Obj::new(node, file, "a restriction", diags)?;
    let start_hour = need_int(&mut obj, style, "start_hour", diags);
    let start_min = need_int(&mut obj, style, "start_min", diags);
    let end_hour = need_int(&mut obj, style, "end_hour", diags);
    let end_min = need_int(&mut obj, style, "end_min", diags);
    let at = obj.at();
    obj.finish(diags, "not part of a time-of-day restriction");
    Some(DailyWindow {
        start_hour: start_hour?,
        start_min: start_min?,
        end_hour: end_hour?,
        end_min: end_min?,
        at,
    })
}

/// One `weekday-and-time-of-day` window.
pub fn weekly(node: &Node, file: usize, style: Style, diags: &mut Diags) -> Option<WeeklyWindow> {
    let mut obj = Obj::new(node, file, "a restriction", diags)?;
    let start_day = need_str(&mut obj, style, "start_day", diags);
    let start_hour = need_int(&mut obj, style, "start_hour", diags);
    let start_min = need_int(&mut obj, style, "start_min", diags);
    let end_day = need_str(&mut obj, style, "end_day", diags);
    let end_hour = need_int(&mut obj, style, "end_hour", diags);
    let end_min = need_int(&mut obj, style, "end_min", diags);
    let at = obj.at();
    obj.finish(diags, "not part of a weekday-and-time-of-day restriction");
    Some(WeeklyWindow {
        start_day: start_day?,
        start_hour: start_hour?,
        start_min: start_min?,
        end_day: end_day?,
        end_hour: end_hour?,
        end_min: end_min?,
        at,
    })
}

/// A time restriction from its type and the window nodes the format gives.
///
/// `daily` lists the `time-of-day` windows the source holds; Opsgenie
/// takes one, and where a format lets several be written (the module's
/// list, Terraform's repeated `restriction` blocks) only the last is sent
/// (the provider overwrites one variable in a loop): `several` is the
/// warning given at each dropped window.
pub fn restriction(
    kind: Option<F<String>>,
    daily_nodes: &[&Node],
    weekly_nodes: &[&Node],
    at: At,
    style: Style,
    several: &str,
    diags: &mut Diags,
) -> Option<(Restriction, At)> {
    let file = at.file;
    let Some(kind) = kind else {
        diags.push(
            file,
            Diagnostic::error(
                "import-missing-key",
                at.span,
                "this time restriction has no `type`",
            ),
        );
        return Some((Restriction::Invalid(F::new(String::new(), at)), at));
    };
    match kind.v.as_str() {
        "time-of-day" => {
            let Some((last, dropped)) = daily_nodes.split_last() else {
                diags.push(
                    file,
                    Diagnostic::error(
                        "import-missing-key",
                        at.span,
                        format!(
                            "this `time-of-day` restriction has no `{}`; not imported",
                            style.key("restriction")
                        ),
                    ),
                );
                return Some((Restriction::Invalid(kind), at));
            };
            for d in dropped {
                diags.push(
                    file,
                    Diagnostic::warning("import-not-imported", d.span, several.to_string()),
                );
            }
            match daily(last, file, style, diags) {
                Some(w) => Some((Restriction::TimeOfDay(w), at)),
                None => Some((Restriction::Invalid(kind), at)),
            }
        }
        "weekday-and-time-of-day" => {
            if weekly_nodes.is_empty() {
                diags.push(
                    file,
                    Diagnostic::error(
                        "import-missing-key",
                        at.span,
                        format!(
                            "this `weekday-and-time-of-day` restriction has no `{}`; not imported",
                            style.key("restrictions")
                        ),
                    ),
                );
                return Some((Restriction::Invalid(kind), at));
            }
            let mut windows = Vec::new();
            let mut ok = true;
            for n in weekly_nodes {
                match weekly(n, file, style, diags) {
                    Some(w) => windows.push(w),
                    None => ok = false,
                }
            }
            if ok {
                Some((Restriction::Weekly(windows), at))
            } else {
                Some((Restriction::Invalid(kind), at))
            }
        }
        _ => {
            diags.push(
                file,
                Diagnostic::error(
                    "import-invalid-value",
                    kind.at.span,
                    format!(
                        "time restriction type `{}` is not `time-of-day` or `weekday-and-time-of-day`; not imported",
                        kind.v
                    ),
                ),
            );
            Some((Restriction::Invalid(kind), at))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Style;

    #[test]
    fn field_names_in_either_style() {
        assert_eq!(Style::Camel.key("start_hour"), "startHour");
        assert_eq!(Style::Camel.key("restrictions"), "restrictions");
        assert_eq!(Style::Snake.key("start_hour"), "start_hour");
    }
}
