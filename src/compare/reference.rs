//! A slow reference for the property tests.
