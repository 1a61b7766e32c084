//! [`Draft`]: the Escalator document an import builds, one collection per
//! top-level key, written out as YAML at the end.

use super::detect::Vendor;
use super::yaml::Yaml;
use super::{DetectedFile, SourceFile};

/// The document under construction. Each object is a YAML mapping in the
/// document's own keys (`id`, `name`, `source`, ...), pushed in the order
/// the sources give them, so the same input gives the same document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Draft {
    /// The document's zone, when an importer knows one.
    pub timezone: Option<String>,
    pub people: Vec<Yaml>,
    pub schedules: Vec<Yaml>,
    pub policies: Vec<Yaml>,
    pub services: Vec<Yaml>,
    pub severities: Vec<Yaml>,
    pub triggers: Vec<Yaml>,
    pub vendors: Vec<Yaml>,
    pub actions: Vec<Yaml>,
}

/// How many objects of each kind a document holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub people: usize,
    pub schedules: usize,
    pub policies: usize,
    pub services: usize,
}

impl Draft {
    /// How many objects of each kind the draft holds.
    pub fn counts(&self) -> Counts {
        Counts {
            people: self.people.len(),
            schedules: self.schedules.len(),
            policies: self.policies.len(),
            services: self.services.len(),
        }
    }

    /// Sets the document's zone unless one is set already (the first
    /// importer to know one wins).
    pub fn suggest_timezone(&mut self, zone: &str) {
        if self.timezone.is_none() && !zone.is_empty() {
            self.timezone = Some(zone.to_string());
        }
    }

    /// The person whose `source` or `email`-like key is `key`, if imported.
    pub fn person_with_source(&self, source: &str) -> Option<&Yaml> {
        self.people
            .iter()
            .find(|p| matches!(p.get("source"), Some(Yaml::Str(s)) if s == source))
    }

    /// The whole document: `version`, `timezone` (`fallback_zone`, else
    /// the draft's, else UTC), then every non-empty collection.
    pub fn to_yaml(&self, fallback_zone: Option<&str>) -> Yaml {
        let zone = fallback_zone
            .map(str::to_string)
            .or_else(|| self.timezone.clone())
            .unwrap_or_else(|| "UTC".to_string());
        let mut doc = Yaml::map().with("version", 1i64).with("timezone", zone);
        for (key, items) in [
            ("people", &self.people),
            ("schedules", &self.schedules),
            ("policies", &self.policies),
            ("services", &self.services),
            ("severities", &self.severities),
            ("triggers", &self.triggers),
            ("vendors", &self.vendors),
            ("actions", &self.actions),
        ] {
            if !items.is_empty() {
                doc.set(key, Yaml::Seq(items.clone()));
            }
        }
        doc
    }
}

/// The comment at the top of an imported document: what it came from.
pub fn header(files: &[SourceFile], detected: &[DetectedFile]) -> Vec<String> {
    let mut lines = vec!["Imported by `escalator import` from:".to_string()];
    for d in detected {
        let Some(file) = files.get(d.file) else {
            continue;
        };
        let what = match (d.vendor, d.format) {
            (Some(Vendor::Escalator), _) => "Escalator document".to_string(),
            (Some(v), Some(super::Format::ICalendar)) => v.label().to_string(),
            (Some(v), Some(f)) => format!("{} {}", v.label(), f.label()),
            (None, Some(f)) => f.label().to_string(),
            (_, None) => "not recognised, skipped".to_string(),
        };
        lines.push(format!("  {} ({what})", file.name));
    }
    lines.push(
        "Each object keeps the source's name in `name` and its reference in `source`.".to_string(),
    );
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_writes_only_what_it_holds() {
        let mut draft = Draft::default();
        draft.suggest_timezone("Europe/London");
        draft.suggest_timezone("America/New_York");
        draft.people.push(
            Yaml::map()
                .with("id", "alice")
                .with("name", "Alice")
                .with("source", "pagerduty_user.alice"),
        );
        let text = draft.to_yaml(None).to_document(&[]);
        assert_eq!(
            text,
            "version: 1\ntimezone: Europe/London\npeople:\n  - {id: alice, name: Alice, source: pagerduty_user.alice}\n"
        );
        assert_eq!(draft.counts().people, 1);
        assert!(draft.person_with_source("pagerduty_user.alice").is_some());
    }
}
