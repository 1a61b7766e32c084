//! Text to document: YAML 1.2 or JSON parsed into a tree of spanned values.
