//! JS bindings of the schedule queries: shifts, who is on call, quality,
//! calendars.

use wasm_bindgen::prelude::*;

use super::answer::{fail_query, ok_js, reply, to_js};
use super::Evaluator;
use crate::evaluator::input::{CalendarInput, CalendarOptions, ExplainOptions, ShiftsOptions};
use crate::evaluator::schedule::find_schedule;
use crate::evaluator::QueryError;
use crate::output::ShiftsCompact;

#[wasm_bindgen]
impl Evaluator {
    /// The shifts of a schedule over `[from, to)`; local instants are read
    /// in the schedule's zone. Lean by default: `why` with `explain: true`,
    /// the columnar `ShiftsCompact` with `compact: true` (TypeScript
    /// overloads in escalator.d.ts).
    #[wasm_bindgen(skip_typescript)]
    pub fn shifts(&self, schedule: &str, from: JsValue, to: JsValue, options: JsValue) -> JsValue {
        match self.shifts_of(schedule, &from, &to, &options) {
            Ok(Shifts::Full(out)) => reply::<crate::output::ShiftsOutput>(Ok(out)),
            Ok(Shifts::Compact(out)) => ok_js(compact_shifts(&out)),
            Err(e) => fail_query(&e),
        }
    }

    /// Who is on call at `at` in one schedule, or in every schedule when
    /// `schedule` is omitted; local instants are read in that schedule's
    /// zone, else the document's. `why` with `explain: true`. The handle
    /// keeps each schedule's shifts around the instants asked about, so a
    /// point query is a binary search.
    #[wasm_bindgen(js_name = onCall, unchecked_return_type = "Answer<OnCallOutput>")]
    pub fn on_call(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Instant")] at: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "string")] schedule: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "ExplainOptions")] options: Option<JsValue>,
    ) -> JsValue {
        let (schedule, options) = (schedule.unwrap_or_default(), options.unwrap_or_default());
        match self.on_call_of(&at, &schedule, &options) {
            Ok(json) => super::answer::ok_json(&json),
            Err(e) => fail_query(&e),
        }
    }

    /// Coverage, balance and overloaded people of a schedule over `[from, to)`.
    #[wasm_bindgen(unchecked_return_type = "Answer<QualityOutput>")]
    pub fn quality(
        &self,
        schedule: &str,
        #[wasm_bindgen(unchecked_param_type = "Instant")] from: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Instant")] to: JsValue,
    ) -> JsValue {
        let zone = self.schedule_zone(schedule);
        reply(
            self.instant("from", &from, zone)
                .and_then(|f| Ok((f, self.instant("to", &to, zone)?)))
                .and_then(|(f, t)| self.inner.quality(schedule, f, t)),
        )
    }

    /// An RFC 5545 calendar (iCalendar text) of the exact shifts overlapping
    /// `[from, to)`: a schedule's (`which` its id or `{schedule}`), or one
    /// person's in every schedule (`{person}`; with `schedule` too, in that
    /// one only). Local instants are read in the schedule's zone, else the
    /// document's. The same text as `escalator ics` (`output::ics`).
    #[wasm_bindgen(unchecked_return_type = "Answer<string>")]
    pub fn ics(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | CalendarInput")] which: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Instant")] from: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Instant")] to: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CalendarOptions")] options: Option<JsValue>,
    ) -> JsValue {
        match self.ics_of(&which, &from, &to, &options.unwrap_or_default()) {
            Ok(text) => ok_js(JsValue::from_str(&text)),
            Err(e) => fail_query(&e),
        }
    }
}

/// Either shape of `shifts`.
enum Shifts {
    Full(crate::output::ShiftsOutput),
    Compact(ShiftsCompact),
}

impl Evaluator {
    fn shifts_of(
        &self,
        schedule: &str,
        from: &JsValue,
        to: &JsValue,
        options: &JsValue,
    ) -> Result<Shifts, QueryError> {
        let options = ShiftsOptions::decode(options)?;
        let zone = self.schedule_zone(schedule);
        let (from, to) = (
            self.instant("from", from, zone)?,
            self.instant("to", to, zone)?,
        );
        if options.compact {
            if options.explain {
                return Err(QueryError::new(
                    "invalid-input",
                    "`explain` and `compact` do not go together: the compact shape has no `why`",
                )
                .with_help("ask for the explained shifts without `compact`"));
            }
            let mut scratch = self.scratch.borrow_mut();
            return Ok(Shifts::Compact(self.inner.shifts_compact(
                schedule,
                from,
                to,
                &mut scratch,
            )?));
        }
        Ok(Shifts::Full(self.inner.shifts_explained(
            schedule,
            from,
            to,
            options.explain,
        )?))
    }

    fn ics_of(
        &self,
        which: &JsValue,
        from: &JsValue,
        to: &JsValue,
        options: &JsValue,
    ) -> Result<String, QueryError> {
        let which = CalendarInput::decode("which", which)?;
        let options = CalendarOptions::decode(options)?;
        let zone = match &which.schedule {
            Some(id) => self.schedule_zone(id),
            None => self.inner.model().timezone,
        };
        let from = self.instant("from", from, zone)?;
        let to = self.instant("to", to, zone)?;
        let options = crate::output::ics::IcsOptions {
            dtstamp: match options.dtstamp {
                Some(t) => t.resolve(zone)?,
                None => from,
            },
            alarm_before: match options.alarm {
                Some(text) => Some(crate::time::values::parse_duration(&text)?.0),
                None => None,
            },
        };
        self.inner.ics(
            which.schedule.as_deref(),
            which.person.as_deref(),
            from,
            to,
            &options,
        )
    }

    fn on_call_of(
        &self,
        at: &JsValue,
        schedule: &JsValue,
        options: &JsValue,
    ) -> Result<String, QueryError> {
        let options = ExplainOptions::decode(options)?;
        let model = self.inner.model();
        let id = if schedule.is_undefined() || schedule.is_null() {
            None
        } else {
            Some(schedule.as_string().ok_or_else(|| {
                QueryError::new("wrong-type", "`schedule` must be a schedule's id (text)")
            })?)
        };
        let asked = id
            .as_deref()
            .map(|id| find_schedule(model, id))
            .transpose()?;
        let schedule = id.as_deref();
        let zone = asked.map_or(model.timezone, |i| model.schedule(i).timezone);
        let at = self.instant("at", at, zone)?;
        let mut index = self.index.borrow_mut();
        self.inner
            .on_call_json(&mut index, at, schedule, options.explain)
    }
}

/// `ShiftsCompact` with its columns as typed arrays. (Measured against one
/// JSON text with only `bounds` a typed array, in the same-page Chromium
/// benchmark: that was slower, 0.085 against 0.046 ms a year of shifts,
/// and no faster with a full collection timed after each block.)
fn compact_shifts(out: &ShiftsCompact) -> JsValue {
    let js = Columns::new();
    js.set_schedule(&out.schedule);
    js.set_from(&out.from.to_rfc3339());
    js.set_to(&out.to.to_rfc3339());
    js.set_bounds(&js_sys::Float64Array::from(&out.bounds[..]));
    js.set_sets(&to_js(&out.sets));
    js.set_set(&js_sys::Uint32Array::from(&out.set[..]));
    js.into()
}

// The compact shapes' keys, each set by its own small JS function (a
// monomorphic property store; a shared `Reflect.set` is not).
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(extends = js_sys::Object)]
    pub(crate) type Columns;
    #[wasm_bindgen(constructor, js_class = "Object")]
    pub(crate) fn new() -> Columns;
    #[wasm_bindgen(method, setter = schedule)]
    fn set_schedule(this: &Columns, v: &str);
    #[wasm_bindgen(method, setter = policy)]
    pub(crate) fn set_policy(this: &Columns, v: &str);
    #[wasm_bindgen(method, setter = service)]
    pub(crate) fn set_service(this: &Columns, v: &str);
    #[wasm_bindgen(method, setter = severity)]
    pub(crate) fn set_severity(this: &Columns, v: &str);
    #[wasm_bindgen(method, setter = from)]
    pub(crate) fn set_from(this: &Columns, v: &str);
    #[wasm_bindgen(method, setter = to)]
    pub(crate) fn set_to(this: &Columns, v: &str);
    #[wasm_bindgen(method, setter = bounds)]
    pub(crate) fn set_bounds(this: &Columns, v: &js_sys::Float64Array);
    #[wasm_bindgen(method, setter = sets)]
    fn set_sets(this: &Columns, v: &JsValue);
    #[wasm_bindgen(method, setter = set)]
    fn set_set(this: &Columns, v: &js_sys::Uint32Array);
    #[wasm_bindgen(method, setter = plan)]
    pub(crate) fn set_plan(this: &Columns, v: &js_sys::Uint32Array);
    #[wasm_bindgen(method, setter = plans)]
    pub(crate) fn set_plans(this: &Columns, v: &JsValue);
    #[wasm_bindgen(method, setter = pages)]
    pub(crate) fn set_pages(this: &Columns, v: &JsValue);
    #[wasm_bindgen(method, setter = gaps)]
    pub(crate) fn set_gaps(this: &Columns, v: &JsValue);
    #[wasm_bindgen(method, setter = heatmaps)]
    pub(crate) fn set_heatmaps(this: &Columns, v: &JsValue);
}
