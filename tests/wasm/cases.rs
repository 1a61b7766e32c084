//! Tests of the JS binding layer, compiled to wasm32 and run by
//! wasm-bindgen-test: `tests/wasm_node.rs` runs them in Node,
//! `tests/wasm_browser.rs` in headless Chromium. Add a case here and both run it.

use escalator::wasm;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

/// `value[key]`, panicking (this is a test) when it is not there.
pub fn get(value: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(value, &JsValue::from_str(key)).expect("property access")
}

/// `value[key]` as a string.
pub fn get_str(value: &JsValue, key: &str) -> String {
    get(value, key)
        .as_string()
        .unwrap_or_else(|| panic!("`{key}` is not a string"))
}

#[wasm_bindgen_test]
fn version_is_a_plain_object_with_the_crate_versions() {
    let v = wasm::version().expect("version");
    assert!(v.is_object());
    assert_eq!(get_str(&v, "engine"), env!("CARGO_PKG_VERSION"));
    assert_eq!(
        get(&v, "format").as_f64(),
        Some(f64::from(escalator::FORMAT_VERSION))
    );
    let tzdb = get_str(&v, "tzdb");
    assert_eq!(tzdb, chrono_tz::IANA_TZDB_VERSION);
    assert!(
        tzdb.len() == 5 && tzdb[..4].chars().all(|c| c.is_ascii_digit()),
        "tzdb `{tzdb}`"
    );
}

#[wasm_bindgen_test]
fn version_round_trips_through_json_like_the_cli_output() {
    let v = wasm::version().expect("version");
    let json = js_sys::JSON::stringify(&v)
        .expect("stringify")
        .as_string()
        .expect("string");
    let parsed: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(parsed["engine"], escalator::ENGINE_VERSION);
    assert_eq!(parsed.as_object().map(|o| o.len()), Some(3));
}

#[wasm_bindgen_test]
fn the_time_zone_database_works_in_wasm() {
    use chrono::{NaiveDate, TimeZone};
    let berlin: chrono_tz::Tz = "Europe/Berlin".parse().expect("zone");
    // 2026-03-29 02:30 does not exist in Berlin (clocks jump 02:00 -> 03:00).
    let gap = NaiveDate::from_ymd_opt(2026, 3, 29)
        .and_then(|d| d.and_hms_opt(2, 30, 0))
        .expect("date");
    assert!(berlin.from_local_datetime(&gap).single().is_none());
}
