//! Building a validated [`Model`](super::Model) from a document tree, with diagnostics.
