//! The files an import reads, and diagnostics that point into them.

use crate::diagnostic::Diagnostic;

/// One input file: its name as the user gave it (a path, or a name the
/// playground chose) and its whole text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
}

impl SourceFile {
    /// A file from its name and text.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> SourceFile {
        SourceFile {
            name: name.into(),
            text: text.into(),
        }
    }
}

/// A diagnostic whose span is a byte range into one of the import's files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileDiagnostic {
    /// Index of the file in the import's list of files.
    pub file: usize,
    pub diagnostic: Diagnostic,
}

impl FileDiagnostic {
    /// A diagnostic about file number `file`.
    pub fn new(file: usize, diagnostic: Diagnostic) -> FileDiagnostic {
        FileDiagnostic { file, diagnostic }
    }
}
