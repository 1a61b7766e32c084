//! The JSON shapes every surface prints (SPEC section 6), separate from engine types.
