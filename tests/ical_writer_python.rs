//! The calendar writer's output, read by a real iCalendar parser: Python's
//! `icalendar` package must find every event with the exact values written
//! (escapes undone, folds joined, UTC times, the alarm's trigger) and report
//! no parse errors.
//!
//! Needs `python3`. When it is missing the test is skipped with a printed
//! notice (the only reason it skips). When `icalendar` is not importable it
//! is installed with pip into a folder under `target/` (not the system);
//! if that install fails, the test fails and says why.

use std::path::PathBuf;
use std::process::Command;

use escalator::ical::{CalendarBuilder, EventBuilder};
use escalator::time::{parse_instant, Timestamp};

const SCRIPT: &str = r#"
import json, sys
import icalendar
data = open(sys.argv[1], 'rb').read()
cal = icalendar.Calendar.from_ical(data)
errors = []
events = []
for c in cal.walk():
    errors.extend([str(e) for e in getattr(c, 'errors', [])])
    if c.name != 'VEVENT':
        continue
    alarms = [a for a in c.subcomponents if a.name == 'VALARM']
    trigger = None
    if alarms:
        trigger = int(alarms[0].decoded('TRIGGER').total_seconds())
    events.append({
        'uid': str(c.get('UID')),
        'summary': str(c.get('SUMMARY')),
        'description': str(c.get('DESCRIPTION')) if c.get('DESCRIPTION') is not None else None,
        'start': c.decoded('DTSTART').strftime('%Y-%m-%dT%H:%M:%SZ'),
        'end': c.decoded('DTEND').strftime('%Y-%m-%dT%H:%M:%SZ'),
        'utc': c.decoded('DTSTART').utcoffset().total_seconds() == 0,
        'trigger': trigger,
    })
# icalendar keeps an X- property raw (vUnknown): undo TEXT escapes, as
# calendar apps read X-WR-CALNAME.
import re
raw = cal.get('X-WR-CALNAME').to_ical().decode()
name = re.sub(r'\\([\\,;nN])', lambda m: '\n' if m.group(1) in 'nN' else m.group(1), raw)
print(json.dumps({'name': str(name), 'events': events, 'errors': errors}))
"#;

fn python() -> Option<&'static str> {
    ["python3", "python"].into_iter().find(|p| {
        Command::new(p)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

fn t(s: &str) -> Timestamp {
    parse_instant(s, chrono_tz::UTC).unwrap()
}

#[test]
fn python_icalendar_reads_what_we_write() {
    let Some(py) = python() else {
        eprintln!("notice: python3 is missing; skipping the check of the calendar writer with Python's icalendar");
        return;
    };
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let site = dir.join("python-icalendar");
    let importable = |path: Option<&PathBuf>| {
        let mut c = Command::new(py);
        c.args(["-c", "import icalendar"]);
        if let Some(p) = path {
            c.env("PYTHONPATH", p);
        }
        c.output().is_ok_and(|o| o.status.success())
    };
    let pythonpath = if importable(None) {
        None
    } else {
        if !importable(Some(&site)) {
            let out = Command::new(py)
                .args([
                    "-m",
                    "pip",
                    "install",
                    "--quiet",
                    "--disable-pip-version-check",
                    "--target",
                ])
                .arg(&site)
                .arg("icalendar")
                .output()
                .expect("run pip");
            assert!(
                out.status.success(),
                "could not install Python's icalendar into {}: {}",
                site.display(),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        Some(site)
    };

    let mut cal = CalendarBuilder::new();
    cal.name = Some("Payments, primary; \"on call\" — Zürich".into());
    let cases = [
        ("On call: Zoë", "layer `weekly`, turn 8"),
        ("comma, semicolon; backslash \\ end", "line one\nline two, with a comma; and \\ a backslash"),
        (
            "😀 a very long summary that needs folding because it is far longer than seventy-five octets",
            "日本語のテキストも折り返しで文字を分割しないこと。日本語のテキストも折り返しで文字を分割しないこと。",
        ),
    ];
    for (i, (summary, description)) in cases.iter().enumerate() {
        cal.events.push(EventBuilder {
            uid: format!("payments-primary/person-{i}/20260302T080000Z@escalator"),
            dtstamp: t("2026-03-01T00:00:00Z"),
            start: t("2026-03-02T08:00:00Z").add_seconds(i as i64 * 86_400),
            end: t("2026-03-09T07:00:00Z").add_seconds(i as i64 * 86_400),
            summary: summary.to_string(),
            description: Some(description.to_string()),
            alarm_before: (i != 1).then_some(15 * 60),
        });
    }
    let path = dir.join("escalator-writer-check.ics");
    std::fs::write(&path, cal.to_ics()).unwrap();
    let mut cmd = Command::new(py);
    cmd.args(["-c", SCRIPT]).arg(&path);
    if let Some(p) = &pythonpath {
        cmd.env("PYTHONPATH", p);
    }
    let out = cmd.output().expect("run python");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(got["errors"], serde_json::json!([]));
    assert_eq!(got["name"], serde_json::json!(cal.name.clone().unwrap()));
    let events = got["events"].as_array().unwrap();
    assert_eq!(events.len(), cal.events.len());
    for (e, b) in events.iter().zip(&cal.events) {
        assert_eq!(e["uid"], serde_json::json!(b.uid));
        assert_eq!(e["summary"], serde_json::json!(b.summary));
        assert_eq!(e["description"], serde_json::json!(b.description));
        assert_eq!(e["start"], serde_json::json!(b.start.to_rfc3339()));
        assert_eq!(e["end"], serde_json::json!(b.end.to_rfc3339()));
        assert_eq!(e["utc"], serde_json::json!(true));
        let trigger = b.alarm_before.map(|s| -s);
        assert_eq!(e["trigger"], serde_json::json!(trigger));
    }
}
