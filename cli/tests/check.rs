//! `bzconsent check CONFIG.json`: the widget's own messages, exit 1 on any.

use std::io::Write;
use std::process::{Command, Stdio};

fn check(text: &str) -> (i32, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("config.json");
    std::fs::write(&file, text).expect("write");
    let output = Command::new(env!("CARGO_BIN_EXE_bzconsent"))
        .arg("check")
        .arg(&file)
        .output()
        .expect("runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

#[test]
fn a_valid_configuration_exits_0() {
    let (status, out) = check(
        r#"{ "revision": 2, "consentLog": "/consent-log",
             "services": [{ "id": "matomo", "name": "Matomo", "category": "analytics",
                            "hosts": ["stats.bzpak.com"], "cookies": ["_pk_id.*"] }] }"#,
    );
    assert_eq!(status, 0, "{out}");
    assert!(out.contains("the configuration is valid"), "{out}");
}

#[test]
fn each_bad_field_is_reported_as_the_widget_reports_it() {
    let (status, out) = check(r#"{ "expiryDays": 0, "policyUrl": "javascript:alert(1)" }"#);
    assert_eq!(status, 1, "{out}");
    assert_eq!(
        out.lines().collect::<Vec<_>>(),
        vec![
            "bzconsent: invalid configuration at `expiryDays`: expected a whole number of days from 1 to 3650; the built-in value is used",
            "bzconsent: invalid configuration at `policyUrl`: expected an http(s) URL or a path starting with /; the built-in value is used",
        ]
    );
}

#[test]
fn text_that_is_not_json_exits_1_and_says_where() {
    let (status, out) = check("{ \"revision\": 2, }");
    assert_eq!(status, 1, "{out}");
    assert!(
        out.contains("invalid configuration at `(root)`: expected a JSON object"),
        "{out}"
    );
    assert!(out.contains("trailing comma at line 1 column 18"), "{out}");
}

#[test]
fn standard_input_and_a_missing_file() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_bzconsent"))
        .args(["check", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(br#"{"language":"de"}"#)
        .expect("write");
    let output = child.wait_with_output().expect("waits");
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stdout).contains("`language`"));

    let output = Command::new(env!("CARGO_BIN_EXE_bzconsent"))
        .args(["check", "/nonexistent/config.json"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("cannot read /nonexistent/config.json")
    );
}
