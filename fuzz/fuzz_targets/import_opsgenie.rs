//! The Opsgenie importer on arbitrary input: raw bytes split into files
//! (`.json` and `.yaml`, read as Opsgenie's), or generated exports
//! (`tests/fuzzing/opsgenie.rs`, the generator the proptests use) damaged
//! line by line. Never a panic; diagnostics point inside their files.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/fuzzing/mod.rs"]
mod fuzzing;

use escalator::import::SourceFile;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    if mode % 2 == 0 {
        // Raw: files separated by 0xFF bytes.
        let files: Vec<SourceFile> = rest
            .split(|b| *b == 0xFF)
            .take(8)
            .enumerate()
            .map(|(i, bytes)| {
                let ext = if i % 2 == 0 { "json" } else { "yaml" };
                SourceFile::new(
                    format!("f{i}.{ext}"),
                    String::from_utf8_lossy(bytes).into_owned(),
                )
            })
            .collect();
        fuzzing::opsgenie::import_checked(&files);
    } else {
        let list: Vec<u32> = rest
            .chunks(2)
            .map(|c| u32::from(c[0]) | (u32::from(*c.get(1).unwrap_or(&0)) << 8))
            .collect();
        let mut c = fuzzing::Choices::new(&list);
        let files = fuzzing::opsgenie::export(&mut c);
        let edits = (mode as usize / 2) % 5;
        let files = fuzzing::opsgenie::damage(files, &mut c, edits);
        fuzzing::opsgenie::import_checked(&files);
    }
});
