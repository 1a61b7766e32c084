use super::*;

#[test]
fn parses_yaml_tree() {
    let doc = parse("a: 1\nb: [x, 'y']\n");
    assert!(doc.diagnostics.is_empty());
    let root = doc.root.unwrap();
    assert_eq!(root.get("b").unwrap().as_seq().unwrap().len(), 2);
}
