use super::build;
use crate::document::parse;

#[test]
fn minimal_document_builds() {
    let (model, diagnostics) = build(parse("version: 1\ntimezone: UTC\n").root.as_ref());
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert!(model.is_some());
}
