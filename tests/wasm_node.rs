//! The wasm binding tests (`tests/wasm/cases.rs`) run in Node.
//! Run by `./x test` (wasm32 only; natively this file is empty).
#![cfg(target_arch = "wasm32")]

#[path = "wasm/cases.rs"]
mod cases;
