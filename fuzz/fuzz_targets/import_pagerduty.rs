//! The PagerDuty importer on any input, never a panic: raw bytes read as
//! one to four export files (split at NUL bytes; API JSON, or with the
//! mode byte's second bit a Terraform module `main.tf` + `extra.tf`)
//! straight into the PagerDuty readers, or a generated valid export
//! (`tests/import_gen/pagerduty.rs`, the property tests' generator) with
//! byte-level edits, through the whole pipeline: a complete import is a
//! document `escalator::check` finds no error in.
#![no_main]

use libfuzzer_sys::fuzz_target;

use escalator::import::{self, ImportOptions, SourceFile, Vendor};

#[path = "../../tests/import_gen/pagerduty.rs"]
mod gen;
#[path = "../../tests/import_support/fuzzing.rs"]
mod fuzzing;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let files: Vec<SourceFile> = if mode % 2 == 0 {
        let text = String::from_utf8_lossy(rest);
        let terraform = mode & 2 != 0;
        text.split('\0')
            .take(4)
            .enumerate()
            .map(|(i, t)| {
                let name = match (terraform, i) {
                    (true, 0) => "main.tf".to_string(),
                    (true, 1) => "terraform.tfvars".to_string(),
                    (true, _) => format!("extra{i}.tf"),
                    (false, _) => format!("overrides-PSCH00{i}.json"),
                };
                SourceFile::new(name, t)
            })
            .collect()
    } else {
        let list: Vec<u32> = rest
            .chunks(2)
            .map(|c| u32::from(c[0]) | u32::from(*c.get(1).unwrap_or(&0)) << 8)
            .collect();
        let mut c = gen::Choices::new(&list);
        let mut files = gen::export(&mut c);
        // A few edits: a byte of some file replaced by a chosen one.
        for _ in 0..c.pick(4) {
            let f = c.pick(files.len());
            if let Some((_, text)) = files.get_mut(f) {
                let mut bytes = text.clone().into_bytes();
                if !bytes.is_empty() {
                    let at = c.pick(bytes.len());
                    bytes[at] = b"0123456789-:\"{}[],nZ "[c.pick(21)];
                }
                *text = String::from_utf8_lossy(&bytes).into_owned();
            }
        }
        files
            .into_iter()
            .map(|(name, text)| SourceFile::new(name, text))
            .collect()
    };
    // Every file straight into the PagerDuty reader, recognised or not.
    let options = ImportOptions::default();
    let mut cx = import::Cx {
        files: &files,
        options: &options,
        draft: import::Draft::default(),
        ids: import::ids::Ids::new(),
        diagnostics: Vec::new(),
        needed: Vec::new(),
    };
    let all: Vec<(usize, import::Format)> = files
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let format = if f.name.ends_with(".tf") {
                import::Format::Terraform
            } else if f.name.ends_with(".tfvars") {
                import::Format::TerraformVars
            } else {
                import::Format::Api
            };
            (i, format)
        })
        .collect();
    import::pagerduty::import(&mut cx, &all);
    for d in &cx.diagnostics {
        let text = &files[d.file].text;
        assert!(d.diagnostic.span.start <= d.diagnostic.span.end);
        assert!(d.diagnostic.span.end as usize <= text.len());
    }
    // And through the whole pipeline.
    let options = ImportOptions {
        from: Some(Vendor::PagerDuty),
        ..ImportOptions::default()
    };
    if let Ok(result) = import::import(&files, &options) {
        fuzzing::assert_complete_is_valid(&result);
    }
});
