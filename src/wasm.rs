//! The JS binding layer (wasm32 only): thin wrappers over [`crate::Evaluator`].
