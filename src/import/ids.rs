//! Readable, unique ids for imported objects, made from the source's names.

use std::collections::{BTreeMap, BTreeSet};

/// A readable id from a display name: lowercase letters and digits, other
/// runs of characters become one `-` (`"Payments – Primary (EU)"` gives
/// `payments-primary-eu`). Letters outside ASCII are kept (ids accept any
/// letter). Empty when the name has no letter or digit.
///
/// ```
/// use escalator::import::ids::slug;
/// assert_eq!(slug("Payments – Primary (EU)"), "payments-primary-eu");
/// assert_eq!(slug("alice@example.com"), "alice");
/// assert_eq!(slug("Zoë O'Brien"), "zoë-o-brien");
/// assert_eq!(slug("!!!"), "");
/// ```
pub fn slug(name: &str) -> String {
    // An e-mail address gives its local part.
    let name = match name.split_once('@') {
        Some((local, domain)) if !local.is_empty() && domain.contains('.') => local,
        _ => name,
    };
    let mut out = String::new();
    let mut dash = false;
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else {
            dash = true;
        }
        if out.len() >= 60 {
            break;
        }
    }
    out
}

/// An e-mail address as people are matched by it: without `mailto:`,
/// trimmed, in lower case (addresses are compared ignoring case, as mail
/// systems do in practice); `None` for what is no address (no `@`).
pub fn email_key(email: &str) -> Option<String> {
    let e = email.trim();
    let e = e
        .get(..7)
        .filter(|p| p.eq_ignore_ascii_case("mailto:"))
        .map_or(e, |_| &e[7..]);
    let e = e.trim();
    e.contains('@').then(|| e.to_lowercase())
}

/// Hands out unique ids per kind of object, in the order asked: the first
/// `alice` is `alice`, the next `alice-2`, and so on. The same source key
/// always gets the same id, so importing the same input twice gives the
/// same document.
#[derive(Clone, Debug, Default)]
pub struct Ids {
    /// Ids given per kind.
    taken: BTreeMap<&'static str, BTreeSet<String>>,
    /// Ids already given per kind and source key.
    given: BTreeMap<(&'static str, String), String>,
    /// Per kind and base, the suffix to try next: ids are never taken
    /// back, so every smaller suffix is still taken (many objects with one
    /// name cost one step each, not a scan).
    next: BTreeMap<(&'static str, String), usize>,
}

impl Ids {
    /// A new, empty set of ids.
    pub fn new() -> Ids {
        Ids::default()
    }

    /// The id of the object of `kind` known in its source as `key`, made
    /// from `name` (or from `key` when the name has no letter or digit, or
    /// from `kind` itself). An empty `key` names no object of the source (one without an id):
    /// each such object gets an id of its own.
    pub fn id(&mut self, kind: &'static str, key: &str, name: &str) -> String {
        if let Some(id) = self.given.get(&(kind, key.to_string())) {
            return id.clone();
        }
        let mut base = slug(name);
        if base.is_empty() {
            base = slug(key);
        }
        if base.is_empty() {
            base = kind.to_string();
        }
        let taken = self.taken.entry(kind).or_default();
        let next = self.next.entry((kind, base.clone())).or_insert(2);
        let mut id = base.clone();
        if taken.contains(&id) {
            loop {
                id = format!("{base}-{next}");
                *next += 1;
                if !taken.contains(&id) {
                    break;
                }
            }
        }
        taken.insert(id.clone());
        if !key.is_empty() {
            self.given.insert((kind, key.to_string()), id.clone());
        }
        id
    }

    /// The id already given to `key`, if any.
    pub fn get(&self, kind: &'static str, key: &str) -> Option<&str> {
        self.given.get(&(kind, key.to_string())).map(String::as_str)
    }

    /// Records the e-mail address of person `id`, so that any importer
    /// finds the person by it (the first person with an address keeps it).
    pub fn person_email(&mut self, email: &str, id: &str) {
        if let Some(key) = email_key(email) {
            self.given
                .entry(("person-email", key))
                .or_insert_with(|| id.to_string());
        }
    }

    /// The person with this e-mail address, however it is written
    /// (`mailto:`, case, spaces around).
    pub fn person_by_email(&self, email: &str) -> Option<&str> {
        self.get("person-email", &email_key(email)?)
    }

    /// Reserves an id as it is (an object that keeps its own id).
    pub fn reserve(&mut self, kind: &'static str, key: &str, id: &str) {
        self.taken.entry(kind).or_default().insert(id.to_string());
        self.given.insert((kind, key.to_string()), id.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_per_kind_and_stable_per_key() {
        let mut ids = Ids::new();
        assert_eq!(ids.id("person", "P1", "Alice"), "alice");
        assert_eq!(ids.id("person", "P2", "alice"), "alice-2");
        assert_eq!(ids.id("person", "P1", "whatever"), "alice");
        assert_eq!(ids.id("schedule", "S1", "Alice"), "alice");
        assert_eq!(ids.id("schedule", "S2", "???"), "s2");
        assert_eq!(ids.id("schedule", "", "???"), "schedule");
        // Objects without a key are two objects.
        assert_eq!(ids.id("schedule", "", "???"), "schedule-2");
        assert_eq!(ids.id("policy", "", "Payments"), "payments");
        assert_eq!(ids.id("policy", "", "Payments"), "payments-2");
        assert_eq!(ids.get("person", "P2"), Some("alice-2"));
        // A name whose slug is another's suffixed id is skipped over.
        assert_eq!(ids.id("person", "P3", "Alice 3"), "alice-3");
        assert_eq!(ids.id("person", "P4", "Alice"), "alice-4");
    }

    #[test]
    fn people_are_found_by_e_mail_however_it_is_written() {
        let mut ids = Ids::new();
        ids.person_email("Ann.Lee@Example.com", "ann");
        ids.person_email("ann.lee@example.com", "other");
        ids.person_email("not an address", "x");
        assert_eq!(
            ids.person_by_email("mailto:ann.lee@EXAMPLE.COM"),
            Some("ann")
        );
        assert_eq!(
            ids.person_by_email(" MAILTO:Ann.Lee@example.com "),
            Some("ann")
        );
        assert_eq!(ids.person_by_email("bob@example.com"), None);
        assert_eq!(ids.person_by_email("not an address"), None);
    }

    #[test]
    fn many_objects_with_one_name_cost_one_step_each() {
        let mut ids = Ids::new();
        for i in 0..20_000 {
            ids.id("person", &format!("P{i}"), "Alice");
        }
        assert_eq!(ids.get("person", "P19999"), Some("alice-20000"));
    }
}
