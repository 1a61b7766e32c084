//! The JS API's query inputs (a policy choice, an incident, the options of
//! each query), decoded with serde, strictly: a key the input does not have
//! is an `unknown-key` error with a "did you mean", a value of the wrong
//! type is a `wrong-type` error naming the key, a required key that is
//! absent is `missing-key`. Nothing is silently dropped:
//! `{policy: "p", severity: 3}` is an error, not a plan without a severity.
//!
//! The decoder walks any JSON-like [`Tree`]: the JS value itself in the wasm
//! bindings (no JSON text written or parsed), `serde_json` values here, so
//! it is tested natively. The errors are [`QueryError`]s, the shape every
//! query fails with.
//!
//! ```
//! use escalator::evaluator::input::PolicyInput;
//! let json = |t: &str| serde_json::from_str::<serde_json::Value>(t).unwrap();
//! let typo = PolicyInput::decode("which", &json(r#"{"policy": "p", "sevrity": "sev1"}"#)).unwrap_err();
//! assert_eq!((typo.code, typo.help.as_deref()), ("unknown-key", Some("did you mean `severity`?")));
//! let wrong = PolicyInput::decode("which", &json(r#"{"policy": "p", "severity": 3}"#)).unwrap_err();
//! assert_eq!(wrong.code, "wrong-type");
//! assert_eq!(wrong.message, "`severity` in `which` must be a string, not the number `3`");
//! ```

use std::fmt;

use serde::de::{self, DeserializeOwned, DeserializeSeed, Visitor};
use serde::Deserialize;

use super::{PolicyChoice, QueryError};
use crate::suggest::did_you_mean;
use crate::time::Timestamp;

/// Decodes a JSON-like value (a [`Tree`]) into `T`: what the wasm bindings
/// call with the JS value itself, so no JSON text is written or parsed.
pub fn decode_tree<T: DeserializeOwned, V: Tree>(what: &str, value: &V) -> Result<T, QueryError> {
    T::deserialize(Input(value.node())).map_err(|e| e.into_query_error(what, None))
}

/// [`decode_tree`] for a decoder shared by several inputs: an unknown key
/// at the top is suggested among `keys`, the keys of this input.
fn decode_keys<T: DeserializeOwned, V: Tree>(
    what: &str,
    value: &V,
    keys: &[&str],
) -> Result<T, QueryError> {
    T::deserialize(Input(value.node())).map_err(|e| e.into_query_error(what, Some(keys)))
}

/// A JSON-like value the decoder walks: [`serde_json::Value`] here, a JS
/// value in the wasm bindings.
pub trait Tree: Sized {
    /// What the value is, with its items or entries.
    fn node(&self) -> Node<Self>;
}

/// One level of a [`Tree`].
#[derive(Clone, Debug, PartialEq)]
pub enum Node<V> {
    Null,
    Bool(bool),
    Number(f64),
    Text(String),
    List(Vec<V>),
    Object(Vec<(String, V)>),
    /// A value JSON has no form for (a function, a symbol), named.
    Other(&'static str),
}

impl Tree for serde_json::Value {
    fn node(&self) -> Node<Self> {
        use serde_json::Value;
        match self {
            Value::Null => Node::Null,
            Value::Bool(b) => Node::Bool(*b),
            Value::Number(n) => Node::Number(n.as_f64().unwrap_or(f64::NAN)),
            Value::String(s) => Node::Text(s.clone()),
            Value::Array(items) => Node::List(items.clone()),
            Value::Object(entries) => Node::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect(),
            ),
        }
    }
}

/// Which policy a query is about: `{policy, severity?}`, `{service,
/// severity}` or `{trigger}` (the JS `PolicyInput`); read with
/// [`PolicyInput::decode`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PolicyInput {
    pub policy: Option<String>,
    pub service: Option<String>,
    pub severity: Option<String>,
    pub trigger: Option<String>,
}

/// The keys of a policy choice and of an incident, decoded in one go (one
/// decoder for both keeps the wasm module small); which keys apply is
/// checked after.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, expecting = "an object")]
struct Choice {
    policy: Option<String>,
    service: Option<String>,
    severity: Option<String>,
    trigger: Option<String>,
    at: Option<InstantInput>,
}

impl Choice {
    fn split(self) -> (PolicyInput, Option<InstantInput>) {
        let which = PolicyInput {
            policy: self.policy,
            service: self.service,
            severity: self.severity,
            trigger: self.trigger,
        };
        (which, self.at)
    }
}

impl PolicyInput {
    /// The keys of a policy choice.
    pub const KEYS: [&'static str; 4] = ["policy", "service", "severity", "trigger"];

    /// Decodes the argument `what` (a JSON-like value).
    ///
    /// ```
    /// use escalator::evaluator::input::PolicyInput;
    /// let json = |t: &str| serde_json::from_str::<serde_json::Value>(t).unwrap();
    /// let which = PolicyInput::decode("which", &json(r#"{"service": "checkout", "severity": "sev1"}"#)).unwrap();
    /// assert!(which.choice().is_ok());
    /// let at = PolicyInput::decode("which", &json(r#"{"policy": "p", "at": "2026-03-01"}"#)).unwrap_err();
    /// assert_eq!((at.code, at.message.as_str()), ("unknown-key", "unknown key `at` in `which`"));
    /// ```
    pub fn decode<V: Tree>(what: &str, value: &V) -> Result<PolicyInput, QueryError> {
        let (which, at) = decode_keys::<Choice, V>(what, value, &Self::KEYS)?.split();
        match at {
            None => Ok(which),
            Some(_) => Err(unknown_key("at", what, &Self::KEYS)),
        }
    }

    /// The choice it names: exactly one of `policy`, `service` (with a
    /// `severity`) and `trigger` (whose severity is its own).
    pub fn choice(self) -> Result<PolicyChoice, QueryError> {
        let named: Vec<&str> = [
            ("policy", self.policy.is_some()),
            ("service", self.service.is_some()),
            ("trigger", self.trigger.is_some()),
        ]
        .iter()
        .filter(|(_, given)| *given)
        .map(|(key, _)| *key)
        .collect();
        match (self.policy, self.service, self.trigger) {
            (Some(policy), None, None) => Ok(PolicyChoice::Policy {
                policy,
                severity: self.severity,
            }),
            (None, Some(service), None) => match self.severity {
                Some(severity) => Ok(PolicyChoice::Service { service, severity }),
                None => Err(QueryError::new(
                    "missing-key",
                    format!(
                        "`severity` is missing: service `{service}` routes a policy per severity"
                    ),
                )
                .with_help("add `severity`, or name a `policy` instead")),
            },
            (None, None, Some(trigger)) => match self.severity {
                None => Ok(PolicyChoice::Trigger { trigger }),
                Some(severity) => Err(QueryError::new(
                    "invalid-input",
                    format!("a trigger opens its own severity, so `severity` (`{severity}`) does not go with `trigger`"),
                )
                .with_help("leave `severity` out")),
            },
            (None, None, None) => Err(QueryError::new(
                "missing-key",
                "name a `policy`, a `service` and a `severity`, or a `trigger`",
            )),
            _ => Err(QueryError::new(
                "invalid-input",
                format!(
                    "name one of `policy`, `service` and `trigger`, not {}",
                    list(&named)
                ),
            )),
        }
    }
}

/// An incident to simulate without a scenario's own: a [`PolicyInput`] and
/// `at` (the JS `IncidentInput`).
#[derive(Clone, Debug, PartialEq)]
pub struct IncidentInput {
    pub which: PolicyInput,
    pub at: InstantInput,
}

impl IncidentInput {
    /// Decodes the argument `what`; `at` is required.
    pub fn decode<V: Tree>(what: &str, value: &V) -> Result<IncidentInput, QueryError> {
        let keys = ["policy", "service", "severity", "trigger", "at"];
        match decode_keys::<Choice, V>(what, value, &keys)?.split() {
            (which, Some(at)) => Ok(IncidentInput { which, at }),
            (_, None) => Err(QueryError::new(
                "missing-key",
                format!("`at` is missing from `{what}`"),
            )),
        }
    }
}

/// An instant as JS gives it: RFC 3339 or local text (the `Instant` type),
/// or epoch milliseconds (`Date.now()`, `date.getTime()`).
#[derive(Clone, Debug, PartialEq)]
pub enum InstantInput {
    Text(String),
    Millis(f64),
}

impl<'de> Deserialize<'de> for InstantInput {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = InstantInput;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an instant (text, or epoch milliseconds)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<InstantInput, E> {
                Ok(InstantInput::Text(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<InstantInput, E> {
                Ok(InstantInput::Millis(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<InstantInput, E> {
                Ok(InstantInput::Millis(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<InstantInput, E> {
                Ok(InstantInput::Millis(v as f64))
            }
        }
        d.deserialize_any(V)
    }
}

impl InstantInput {
    /// The instant: text read as a query instant (local text in `zone`),
    /// milliseconds floored to the second.
    pub fn resolve(&self, zone: chrono_tz::Tz) -> Result<Timestamp, QueryError> {
        match self {
            InstantInput::Text(text) => crate::time::parse_instant(text, zone),
            InstantInput::Millis(ms) => {
                let seconds = (ms / 1000.0).floor();
                if seconds.is_finite()
                    && seconds > Timestamp::MIN.0 as f64
                    && seconds < Timestamp::MAX.0 as f64
                {
                    Ok(Timestamp(seconds as i64))
                } else {
                    Err(QueryError::new(
                        "invalid-instant",
                        format!("`{ms}` milliseconds is not an instant the engine handles"),
                    )
                    .with_help("instants run from year 1 to year 9999"))
                }
            }
        }
    }
}

/// Every option a query takes, decoded in one go (one decoder keeps the wasm
/// module small); each query then takes the ones that apply to it, and a
/// key that does not apply is an `unknown-key` error like any other.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, expecting = "an object")]
struct Options {
    explain: Option<bool>,
    compact: Option<bool>,
    heatmaps: Option<bool>,
    zone: Option<String>,
    alarm: Option<String>,
    dtstamp: Option<InstantInput>,
    // A calendar's `which` (`{schedule, person}`), decoded by the same decoder.
    schedule: Option<String>,
    person: Option<String>,
}

impl Options {
    /// The options in `value` (absent: none), checked to be among `keys`.
    fn decode<V: Tree>(value: &V, keys: &[&'static str]) -> Result<Options, QueryError> {
        Self::decode_as("options", value, keys)
    }

    /// [`Options::decode`] of the argument `what`.
    fn decode_as<V: Tree>(
        what: &str,
        value: &V,
        keys: &[&'static str],
    ) -> Result<Options, QueryError> {
        if matches!(value.node(), Node::Null) {
            return Ok(Options {
                explain: None,
                compact: None,
                heatmaps: None,
                zone: None,
                alarm: None,
                dtstamp: None,
                schedule: None,
                person: None,
            });
        }
        let o: Options = decode_keys(what, value, keys)?;
        let given = [
            ("explain", o.explain.is_some()),
            ("compact", o.compact.is_some()),
            ("heatmaps", o.heatmaps.is_some()),
            ("zone", o.zone.is_some()),
            ("alarm", o.alarm.is_some()),
            ("dtstamp", o.dtstamp.is_some()),
            ("schedule", o.schedule.is_some()),
            ("person", o.person.is_some()),
        ];
        match given.iter().find(|(k, g)| *g && !keys.contains(k)) {
            Some((key, _)) => Err(unknown_key(key, what, keys)),
            None => Ok(o),
        }
    }
}

/// The options of `shifts` (the JS `ShiftsOptions`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ShiftsOptions {
    /// Each shift's `why` (which layer and turn, or which override).
    pub explain: bool,
    /// The columnar shape ([`crate::output::ShiftsCompact`]).
    pub compact: bool,
}

impl ShiftsOptions {
    /// Decodes the `options` argument (`null` or absent: the defaults).
    pub fn decode<V: Tree>(value: &V) -> Result<ShiftsOptions, QueryError> {
        let o = Options::decode(value, &["explain", "compact"])?;
        Ok(ShiftsOptions {
            explain: o.explain.unwrap_or(false),
            compact: o.compact.unwrap_or(false),
        })
    }
}

/// The options of `onCall` and `plan` (the JS `ExplainOptions`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ExplainOptions {
    /// Why each person is on call, or paged.
    pub explain: bool,
}

impl ExplainOptions {
    /// Decodes the `options` argument (`null` or absent: the defaults).
    pub fn decode<V: Tree>(value: &V) -> Result<ExplainOptions, QueryError> {
        let o = Options::decode(value, &["explain"])?;
        Ok(ExplainOptions {
            explain: o.explain.unwrap_or(false),
        })
    }
}

/// The options of `coverage` (the JS `CoverageOptions`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CoverageOptions {
    /// The hour-of-week and calendar heatmaps.
    pub heatmaps: bool,
    /// The heatmaps' display zone (default: the document's).
    pub zone: Option<String>,
    /// The compact shape ([`crate::output::CoverageCompact`]).
    pub compact: bool,
}

impl CoverageOptions {
    /// Decodes the `options` argument (`null` or absent: the defaults).
    pub fn decode<V: Tree>(value: &V) -> Result<CoverageOptions, QueryError> {
        let o = Options::decode(value, &["heatmaps", "zone", "compact"])?;
        Ok(CoverageOptions {
            heatmaps: o.heatmaps.unwrap_or(false),
            zone: o.zone,
            compact: o.compact.unwrap_or(false),
        })
    }
}

/// Whose calendar `ics` writes (the JS `CalendarInput`, or a schedule's id
/// as text): a schedule's shifts, or one person's in every schedule ("my
/// on-call"), or with both, that person's in that schedule only.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CalendarInput {
    pub schedule: Option<String>,
    pub person: Option<String>,
}

impl CalendarInput {
    /// Decodes the argument `what`: a schedule's id, or `{schedule?, person?}`
    /// with at least one of them (`null` names neither).
    ///
    /// ```
    /// use escalator::evaluator::input::CalendarInput;
    /// let json = |t: &str| serde_json::from_str::<serde_json::Value>(t).unwrap();
    /// let mine = CalendarInput::decode("which", &json(r#"{"person": "alice"}"#)).unwrap();
    /// assert_eq!((mine.schedule, mine.person.as_deref()), (None, Some("alice")));
    /// let by_id = CalendarInput::decode("which", &json(r#""primary""#)).unwrap();
    /// assert_eq!(by_id.schedule.as_deref(), Some("primary"));
    /// let none = CalendarInput::decode("which", &json("{}")).unwrap_err();
    /// assert_eq!(none.code, "missing-key");
    /// ```
    pub fn decode<V: Tree>(what: &str, value: &V) -> Result<CalendarInput, QueryError> {
        if let Node::Text(id) = value.node() {
            return Ok(CalendarInput {
                schedule: Some(id),
                person: None,
            });
        }
        // Not text: an object (any other value is a `wrong-type` error).
        let o = Options::decode_as(what, value, &["schedule", "person"])?;
        if o.schedule.is_none() && o.person.is_none() {
            return Err(QueryError::new(
                "missing-key",
                format!("`{what}` names no `schedule` and no `person`"),
            )
            .with_help("a calendar is a schedule's shifts, or a person's (\"my on-call\")"));
        }
        Ok(CalendarInput {
            schedule: o.schedule,
            person: o.person,
        })
    }
}

/// The options of `ics` (the JS `CalendarOptions`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CalendarOptions {
    /// A reminder this long before each shift (a duration: `15m`, `1h`).
    pub alarm: Option<String>,
    /// When the calendar is made (`DTSTAMP`; default: the window's start).
    pub dtstamp: Option<InstantInput>,
}

impl CalendarOptions {
    /// Decodes the `options` argument (`null` or absent: the defaults).
    pub fn decode<V: Tree>(value: &V) -> Result<CalendarOptions, QueryError> {
        let o = Options::decode(value, &["alarm", "dtstamp"])?;
        Ok(CalendarOptions {
            alarm: o.alarm,
            dtstamp: o.dtstamp,
        })
    }
}

/// The `unknown-key` error of `key` in the argument `what`, whose keys are `known`.
fn unknown_key(key: &str, what: &str, known: &[&str]) -> QueryError {
    let e = QueryError::new("unknown-key", format!("unknown key `{key}` in `{what}`"));
    match did_you_mean(key, known.iter().copied()) {
        Some(help) => e.with_help(help),
        None => e.with_help(format!("known keys: {}", list(known))),
    }
}

/// `` `a`, `b` and `c` ``.
fn list(keys: &[&str]) -> String {
    let quoted: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => quoted.join(""),
    }
}

// ---------------------------------------------------------------- decoding

/// Why an input did not decode, with the path of keys to the value.
#[derive(Debug)]
pub struct InputError {
    path: Vec<String>,
    kind: Kind,
}

#[derive(Debug)]
enum Kind {
    UnknownKey {
        key: String,
        known: &'static [&'static str],
    },
    WrongType {
        found: String,
        expected: String,
    },
    MissingKey(&'static str),
    Other(String),
}

impl InputError {
    fn new(kind: Kind) -> Self {
        InputError {
            path: Vec::new(),
            kind,
        }
    }

    /// The same error one key further out.
    fn at(mut self, key: String) -> Self {
        self.path.insert(0, key);
        self
    }

    /// The error as a query error about the argument `what` (whose keys are
    /// `keys`, when the decoder is shared).
    fn into_query_error(self, what: &str, keys: Option<&[&str]>) -> QueryError {
        let place = if self.path.is_empty() {
            format!("`{what}`")
        } else {
            format!("`{what}.{}`", self.path.join("."))
        };
        match self.kind {
            Kind::UnknownKey { key, known } => {
                let known = match keys {
                    Some(keys) if self.path.is_empty() => keys,
                    _ => known,
                };
                let mut e = unknown_key(&key, what, known);
                e.message = format!("unknown key `{key}` in {place}");
                e
            }
            Kind::WrongType { found, expected } => {
                let message = match self.path.split_last() {
                    Some((key, [])) => {
                        format!("`{key}` in `{what}` must be {expected}, not {found}")
                    }
                    _ => format!("{place} must be {expected}, not {found}"),
                };
                QueryError::new("wrong-type", message)
            }
            Kind::MissingKey(key) => {
                QueryError::new("missing-key", format!("`{key}` is missing from {place}"))
            }
            Kind::Other(message) => QueryError::new("invalid-input", format!("{place}: {message}")),
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Only serde's own plumbing shows this; callers read `into_query_error`.
        write!(f, "the input at `{}` does not decode", self.path.join("."))
    }
}

impl std::error::Error for InputError {}

impl de::Error for InputError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        InputError::new(Kind::Other(msg.to_string()))
    }
    fn invalid_type(unexp: de::Unexpected, exp: &dyn de::Expected) -> Self {
        InputError::new(Kind::WrongType {
            found: found(&unexp),
            expected: exp.to_string(),
        })
    }
    fn invalid_value(unexp: de::Unexpected, exp: &dyn de::Expected) -> Self {
        InputError::new(Kind::Other(format!(
            "expected {exp}, found {}",
            found(&unexp)
        )))
    }
    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        InputError::new(Kind::UnknownKey {
            key: field.to_string(),
            known: expected,
        })
    }
    fn missing_field(field: &'static str) -> Self {
        InputError::new(Kind::MissingKey(field))
    }
}

/// How a JSON value is named in a message.
fn found(unexp: &de::Unexpected) -> String {
    use de::Unexpected as U;
    match unexp {
        U::Bool(b) => format!("`{b}`"),
        U::Unsigned(n) => format!("the number `{n}`"),
        U::Signed(n) => format!("the number `{n}`"),
        U::Float(n) => format!("the number `{n}`"),
        U::Str(s) => format!("the text `{s}`"),
        U::Unit | U::Option => "`null`".to_string(),
        U::Seq => "a list".to_string(),
        U::Map => "an object".to_string(),
        other => other.to_string(),
    }
}

/// One level of a tree as a serde deserializer whose errors are [`InputError`]s.
struct Input<V>(Node<V>);

impl<'de, X: Tree> de::Deserializer<'de> for Input<X> {
    type Error = InputError;

    fn deserialize_any<W: Visitor<'de>>(self, visitor: W) -> Result<W::Value, InputError> {
        match self.0 {
            Node::Null => visitor.visit_unit(),
            Node::Bool(b) => visitor.visit_bool(b),
            Node::Number(n) if n.fract() == 0.0 && (0.0..1.8e19).contains(&n) => {
                visitor.visit_u64(n as u64)
            }
            Node::Number(n) if n.fract() == 0.0 && n < 0.0 && n > -9.2e18 => {
                visitor.visit_i64(n as i64)
            }
            Node::Number(n) => visitor.visit_f64(n),
            Node::Text(s) => visitor.visit_string(s),
            Node::List(items) => visitor.visit_seq(Seq {
                items: items.into_iter().enumerate(),
            }),
            Node::Object(entries) => visitor.visit_map(Map {
                entries: entries.into_iter(),
                value: None,
            }),
            Node::Other(what) => Err(de::Error::invalid_type(
                de::Unexpected::Other(what),
                &visitor,
            )),
        }
    }

    fn deserialize_option<W: Visitor<'de>>(self, visitor: W) -> Result<W::Value, InputError> {
        match self.0 {
            Node::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

struct Seq<V> {
    items: std::iter::Enumerate<std::vec::IntoIter<V>>,
}

impl<'de, V: Tree> de::SeqAccess<'de> for Seq<V> {
    type Error = InputError;
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, InputError> {
        match self.items.next() {
            Some((i, v)) => seed
                .deserialize(Input(v.node()))
                .map(Some)
                .map_err(|e| e.at(i.to_string())),
            None => Ok(None),
        }
    }
}

struct Map<V> {
    entries: std::vec::IntoIter<(String, V)>,
    value: Option<(String, V)>,
}

impl<'de, V: Tree> de::MapAccess<'de> for Map<V> {
    type Error = InputError;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, InputError> {
        match self.entries.next() {
            Some((k, v)) => {
                let key = seed.deserialize(de::value::StrDeserializer::<InputError>::new(&k));
                self.value = Some((k, v));
                key.map(Some)
            }
            None => Ok(None),
        }
    }
    fn next_value_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<T::Value, InputError> {
        match self.value.take() {
            Some((k, v)) => seed.deserialize(Input(v.node())).map_err(|e| e.at(k)),
            None => Err(de::Error::custom("a value without its key")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(text: &str) -> serde_json::Value {
        serde_json::from_str(text).unwrap()
    }

    fn which(text: &str) -> Result<PolicyInput, QueryError> {
        PolicyInput::decode("which", &json(text))
    }

    #[test]
    fn a_policy_choice_names_one_policy() {
        let choice = |text| which(text).and_then(PolicyInput::choice);
        assert_eq!(
            choice(r#"{"policy": "p"}"#),
            Ok(PolicyChoice::Policy {
                policy: "p".into(),
                severity: None
            })
        );
        assert_eq!(
            choice(r#"{"trigger": "t"}"#),
            Ok(PolicyChoice::Trigger {
                trigger: "t".into()
            })
        );
        assert_eq!(choice("{}").unwrap_err().code, "missing-key");
        assert_eq!(
            choice(r#"{"service": "s"}"#).unwrap_err().code,
            "missing-key"
        );
        let both = choice(r#"{"policy": "p", "trigger": "t"}"#).unwrap_err();
        assert_eq!(
            both.message,
            "name one of `policy`, `service` and `trigger`, not `policy` and `trigger`"
        );
        assert_eq!(
            choice(r#"{"trigger": "t", "severity": "sev1"}"#)
                .unwrap_err()
                .code,
            "invalid-input"
        );
    }

    #[test]
    fn unknown_keys_get_a_suggestion_or_the_list() {
        let e = which(r#"{"polcy": "p"}"#).unwrap_err();
        assert_eq!(e.message, "unknown key `polcy` in `which`");
        assert_eq!(e.help.as_deref(), Some("did you mean `policy`?"));
        let e = which(r#"{"colour": "red"}"#).unwrap_err();
        assert_eq!(
            e.help.as_deref(),
            Some("known keys: `policy`, `service`, `severity` and `trigger`")
        );
        let e = CoverageOptions::decode(&json(r#"{"heatmap": true}"#)).unwrap_err();
        assert_eq!(e.help.as_deref(), Some("did you mean `heatmaps`?"));
        // A key of another query's options is not one of these.
        let e = ExplainOptions::decode(&json(r#"{"compact": true}"#)).unwrap_err();
        assert_eq!(
            (e.message.as_str(), e.help.as_deref()),
            (
                "unknown key `compact` in `options`",
                Some("known keys: `explain`")
            )
        );
        let e = ShiftsOptions::decode(&json(r#"{"zone": "UTC"}"#)).unwrap_err();
        assert_eq!(e.code, "unknown-key");
    }

    #[test]
    fn wrong_types_name_the_key() {
        let e = which(r#"{"policy": ["p"]}"#).unwrap_err();
        assert_eq!(
            (e.code, e.message.as_str()),
            (
                "wrong-type",
                "`policy` in `which` must be a string, not a list"
            )
        );
        let e = ShiftsOptions::decode(&json(r#"{"explain": "yes"}"#)).unwrap_err();
        assert_eq!(
            e.message,
            "`explain` in `options` must be a boolean, not the text `yes`"
        );
        let e = which(r#""urgent""#).unwrap_err();
        assert_eq!(
            e.message,
            "`which` must be an object, not the text `urgent`"
        );
        let e = which("null").unwrap_err();
        assert_eq!(e.message, "`which` must be an object, not `null`");
    }

    #[test]
    fn an_incident_needs_its_instant() {
        let incident = |text| IncidentInput::decode("incident", &json(text));
        let e = incident(r#"{"policy": "p"}"#).unwrap_err();
        assert_eq!(
            (e.code, e.message.as_str()),
            ("missing-key", "`at` is missing from `incident`")
        );
        let i = incident(r#"{"policy": "p", "at": 1767225600000}"#).unwrap();
        assert_eq!(i.at, InstantInput::Millis(1_767_225_600_000.0));
        let e = incident(r#"{"policy": "p", "at": true}"#).unwrap_err();
        assert_eq!(
            e.message,
            "`at` in `incident` must be an instant (text, or epoch milliseconds), not `true`"
        );
        let e = incident(r#"{"policy": "p", "att": "2026-01-01"}"#).unwrap_err();
        assert_eq!(e.help.as_deref(), Some("did you mean `at`?"));
    }

    #[test]
    fn options_default_to_the_lean_answer() {
        assert_eq!(
            ShiftsOptions::decode(&json("{}")).unwrap(),
            ShiftsOptions::default()
        );
        assert_eq!(
            ShiftsOptions::decode(&json("null")).unwrap(),
            ShiftsOptions::default()
        );
        let c = CoverageOptions::decode(&json(r#"{"heatmaps": true, "zone": "UTC"}"#)).unwrap();
        assert!(c.heatmaps && !c.compact);
    }
}
