//! A reader that stops early (`escalator coverage ... | head`) ends the CLI
//! quietly instead of a panic.

use std::io::Read;
use std::process::{Command, Stdio};

#[test]
fn a_closed_pipe_ends_the_cli_quietly() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_escalator"))
        .args([
            "coverage",
            "examples/midsize-company.yaml",
            "--service",
            "checkout",
            "--severity",
            "sev1",
            "--from",
            "2026-01-01",
            "--to",
            "2026-12-31",
            "--json",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns");
    // A year of coverage as JSON is far larger than a pipe's buffer.
    let mut first = [0u8; 16];
    child
        .stdout
        .take()
        .expect("stdout")
        .read_exact(&mut first)
        .expect("some output");
    // stdout is dropped here: the pipe is closed while the CLI still writes.
    let out = child.wait_with_output().expect("finishes");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(0), "{stderr}");
}
