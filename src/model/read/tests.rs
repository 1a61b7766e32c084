use super::read;
use crate::document::parse;

#[test]
fn minimal_document_reads() {
    let (model, diagnostics) = read(parse("version: 1\ntimezone: UTC\n").root.as_ref());
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert!(model.is_some());
}
