//! The Terraform reader never panics and keeps its invariants (spans inside
//! their texts, one-line messages) on random small modules and on raw
//! bytes; `fuzz/fuzz_targets/terraform.rs` runs the same checks under
//! libFuzzer. More cases: `PROPTEST_CASES=2000 cargo test --release --test
//! terraform_never_panics`.

mod fuzzing_terraform;

use fuzzing_terraform::{check, files_from_bytes, module, Choices};
use proptest::prelude::*;

fn config(default: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn generated_modules_never_panic(list in prop::collection::vec(any::<u32>(), 0..300)) {
        let mut c = Choices::new(&list);
        let (files, vars) = module(&mut c);
        check(&files, &vars);
    }

    #[test]
    fn raw_bytes_never_panic(data in prop::collection::vec(any::<u8>(), 0..400)) {
        check(&files_from_bytes(&data), &[]);
    }

    #[test]
    fn hcl_like_text_never_panics(words in prop::collection::vec(
        prop::sample::select(vec![
            "resource", "\"t_r\"", "\"n\"", "{", "}", "[", "]", "(", ")", "=", "\n", "var.x", "local.y",
            "for", "in", ":", "=>", "...", "if", "?", "${", "%{", "~}", "\"", "<<EOT\n", "EOT\n", ",",
            "count", "for_each", "dynamic", "content", "each.key", "locals", "variable", "module",
            "source", "\"./m\"", "1", "-", "*", "!", ".", "[*]", "upper", "toset",
        ]),
        0..80,
    )) {
        let text = words.join(" ");
        check(&[escalator::import::SourceFile::new("main.tf", text)], &[]);
    }
}

#[test]
fn a_generated_module_reads() {
    // A fixed stream, so the generator itself is exercised in every run.
    let list: Vec<u32> = (0..300u32).map(|i| i.wrapping_mul(2_654_435_761)).collect();
    let mut c = Choices::new(&list);
    let (files, vars) = module(&mut c);
    let m = check(&files, &vars);
    assert!(!files[0].text.is_empty());
    let _ = m.resources.len();
}
