//! The wasm binding tests (`tests/wasm/cases.rs`) run in headless Chromium
//! (`CHROMEDRIVER=/usr/bin/chromedriver`). Run by `./x test` (wasm32 only;
//! natively this file is empty).
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[path = "wasm/cases.rs"]
mod cases;
