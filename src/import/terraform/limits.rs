//! The reader's bounds on work. Each one met is a `limit-exceeded`
//! diagnostic at the span where it was met, and evaluation goes on with an
//! invalid value there.

/// Deepest nesting of evaluation: expressions inside expressions, a local
/// that refers to a local, and so on. (`hcl-edit` refuses more than 64
/// nested levels while parsing.)
pub const MAX_DEPTH: u32 = 96;

/// Most elements in one list, set or map (Terraform's `range` stops at 1024).
pub const MAX_ITEMS: usize = 10_000;

/// Longest string, in bytes.
pub const MAX_STRING: usize = 1 << 20;

/// Most instances of one `resource`, `data` or `module` block.
pub const MAX_INSTANCES: usize = 1_000;

/// Deepest chain of module calls.
pub const MAX_MODULE_DEPTH: usize = 8;

/// Most module instances in all.
pub const MAX_MODULES: usize = 200;

/// Total evaluation work: one unit per expression evaluated and per value
/// node copied.
pub const MAX_WORK: u64 = 1_000_000;

/// Most diagnostics kept (one more says how many were dropped).
pub const MAX_DIAGNOSTICS: usize = 1_000;

/// Deepest nesting in a JSON or YAML text read by `jsondecode`,
/// `yamldecode` or a `.tfvars.json` file.
pub const MAX_DATA_DEPTH: usize = 64;

/// Deepest nesting of a local's or an output's value (a chain of locals
/// each wrapping the one before could otherwise nest without end).
pub const MAX_VALUE_DEPTH: usize = 128;
