//! Content lines to a tree of components (`BEGIN:VEVENT` ... `END:VEVENT`),
//! with bounded nesting and count, and a diagnostic for every `BEGIN`
//! without its `END` and every `END` without its `BEGIN`.

use super::lines::ContentLine;
use crate::diagnostic::{Diagnostic, Span};

/// The deepest nesting read (a calendar needs 3: `VCALENDAR` > `VEVENT` >
/// `VALARM`).
pub const MAX_DEPTH: usize = 16;
/// The most components read in one calendar.
pub const MAX_COMPONENTS: usize = 200_000;

/// One component and what it holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Component {
    /// Uppercased (`VEVENT`).
    pub name: String,
    /// From its `BEGIN` line to its `END` line (or its last line, when the
    /// `END` is missing).
    pub span: Span,
    /// The `BEGIN` line.
    pub begin_span: Span,
    pub properties: Vec<ContentLine>,
    pub children: Vec<Component>,
}

impl Component {
    fn new(name: String, begin: Span) -> Component {
        Component {
            name,
            span: begin,
            begin_span: begin,
            properties: Vec::new(),
            children: Vec::new(),
        }
    }

    /// The properties of this name.
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a ContentLine> + 'a {
        self.properties.iter().filter(move |p| p.name == name)
    }

    /// The first property of this name.
    pub fn first(&self, name: &str) -> Option<&ContentLine> {
        self.properties.iter().find(|p| p.name == name)
    }
}

fn close(stack: &mut Vec<Component>, roots: &mut Vec<Component>, end: Span) {
    if let Some(mut c) = stack.pop() {
        c.span = c.span.join(end);
        match stack.last_mut() {
            Some(parent) => {
                parent.span = parent.span.join(c.span);
                parent.children.push(c);
            }
            None => roots.push(c),
        }
    }
}

/// Builds the top-level components of a calendar text's lines.
pub fn components(lines: Vec<ContentLine>, diagnostics: &mut Vec<Diagnostic>) -> Vec<Component> {
    let mut roots: Vec<Component> = Vec::new();
    let mut stack: Vec<Component> = Vec::new();
    let mut count = 0usize;
    // Inside a component nested too deep (or past the count): its depth,
    // skipped until its END.
    let mut skipping: usize = 0;
    let mut warned_outside = false;
    for line in lines {
        let value = line.value.trim().to_ascii_uppercase();
        match line.name.as_str() {
            "BEGIN" => {
                if skipping > 0 {
                    skipping += 1;
                    continue;
                }
                if stack.len() >= MAX_DEPTH {
                    diagnostics.push(
                        Diagnostic::error(
                            "ical-too-deep",
                            line.span,
                            format!("components are nested more than {MAX_DEPTH} deep; `{value}` is not read"),
                        )
                        .with_help("a calendar nests `VCALENDAR`, `VEVENT` and `VALARM`"),
                    );
                    skipping = 1;
                    continue;
                }
                count += 1;
                if count > MAX_COMPONENTS {
                    if count == MAX_COMPONENTS + 1 {
                        diagnostics.push(
                            Diagnostic::error(
                                "ical-too-many-components",
                                line.span,
                                format!("the calendar has more than {MAX_COMPONENTS} components; the rest are not read"),
                            )
                            .with_help("split the calendar, or export a shorter period"),
                        );
                    }
                    skipping = 1;
                    continue;
                }
                if value.is_empty() {
                    diagnostics.push(Diagnostic::error(
                        "ical-invalid-line",
                        line.span,
                        "`BEGIN` names no component",
                    ));
                }
                stack.push(Component::new(value, line.span));
            }
            "END" => {
                if skipping > 0 {
                    skipping -= 1;
                    continue;
                }
                match stack.iter().rposition(|c| c.name == value) {
                    Some(i) => {
                        // Components opened inside it and never ended.
                        while stack.len() > i + 1 {
                            if let Some(c) = stack.last() {
                                diagnostics.push(
                                    Diagnostic::error(
                                        "ical-unclosed-component",
                                        c.begin_span,
                                        format!(
                                            "`{}` has no `END:{}` before `END:{value}`",
                                            c.name, c.name
                                        ),
                                    )
                                    .with_label(line.span, "its parent ends here"),
                                );
                            }
                            close(&mut stack, &mut roots, line.span);
                        }
                        close(&mut stack, &mut roots, line.span);
                    }
                    None => diagnostics.push(
                        Diagnostic::error(
                            "ical-unexpected-end",
                            line.span,
                            format!("`END:{value}` ends no open component"),
                        )
                        .with_help(match stack.last() {
                            Some(c) => format!("the open component is `{}`", c.name),
                            None => "no component is open here".to_string(),
                        }),
                    ),
                }
            }
            _ => {
                if skipping > 0 {
                    continue;
                }
                match stack.last_mut() {
                    Some(c) => {
                        c.span = c.span.join(line.span);
                        c.properties.push(line);
                    }
                    None => {
                        if !warned_outside {
                            warned_outside = true;
                            diagnostics.push(
                                Diagnostic::warning(
                                    "ical-outside-calendar",
                                    line.span,
                                    format!(
                                        "`{}` is outside any component and is ignored",
                                        line.name
                                    ),
                                )
                                .with_help(
                                    "properties go between `BEGIN:VCALENDAR` and `END:VCALENDAR`",
                                ),
                            );
                        }
                    }
                }
            }
        }
    }
    while let Some(c) = stack.last() {
        diagnostics.push(
            Diagnostic::error(
                "ical-unclosed-component",
                c.begin_span,
                format!("`{}` has no `END:{}`", c.name, c.name),
            )
            .with_help("the file may be cut short"),
        );
        let end = c.span;
        close(&mut stack, &mut roots, end);
    }
    roots
}
