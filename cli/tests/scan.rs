//! `bzconsent scan` against real pages served locally, in Debian's Chromium: the demo, a page
//! that leaks on purpose, a page with an `HttpOnly` and a third-party cookie, and URLs that
//! cannot be reached. Exit status and JSON checked.
//!
//! Without Chromium (`/usr/bin/chromium`, or `BZCONSENT_CHROMIUM`) these tests pass with a note,
//! unless `BZCONSENT_TEST_REQUIRE_CHROMIUM=1` (as `make test` sets): then they fail.

mod server;

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::Mutex;
use std::time::Instant;

use serde_json::Value;
use server::Server;

/// One scan at a time: each starts a browser, and the machine has few cores.
static BROWSER: Mutex<()> = Mutex::new(());

fn chromium() -> Option<PathBuf> {
    let path = PathBuf::from(
        std::env::var("BZCONSENT_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()),
    );
    if path.is_file() {
        return Some(path);
    }
    assert!(
        std::env::var("BZCONSENT_TEST_REQUIRE_CHROMIUM").as_deref() != Ok("1"),
        "no Chromium at {} (make browsers)",
        path.display()
    );
    eprintln!("skipped: no Chromium at {}", path.display());
    None
}

/// Host names the fixtures use, all answered by the test server.
fn resolver(server: &Server) -> String {
    let _ = server;
    "--host-resolver-rules=MAP hm.baidu.com 127.0.0.1, MAP nowhere.test ~NOTFOUND".to_owned()
}

struct Scan {
    status: i32,
    stdout: String,
    stderr: String,
    json: Value,
}

/// A scan with a short settle time (the tests' pages have no late requests).
fn scan(server: &Server, args: &[&str]) -> Option<Scan> {
    scan_with(server, &[&["--settle", "300"], args].concat())
}

/// A scan with the given arguments only (plus the browser, host names and JSON file).
fn scan_with(server: &Server, args: &[&str]) -> Option<Scan> {
    let chromium = chromium()?;
    let _one = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().expect("tempdir");
    let json = dir.path().join("scan.json");
    let output: Output = Command::new(env!("CARGO_BIN_EXE_bzconsent"))
        .arg("scan")
        .arg("--chromium")
        .arg(&chromium)
        .arg(format!("--chromium-arg={}", resolver(server)))
        .arg("--json")
        .arg(&json)
        .args(args)
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let json = std::fs::read_to_string(&json)
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or(Value::Null);
    Some(Scan {
        status: output.status.code().unwrap_or(-1),
        stdout,
        stderr,
        json,
    })
}

fn inspection<'a>(json: &'a Value, url: &str, phase: &str) -> &'a Value {
    json["inspections"]
        .as_array()
        .and_then(|all| {
            all.iter()
                .find(|i| i["uri_ins"] == url && i["phase"] == phase)
        })
        .unwrap_or_else(|| panic!("no {phase} inspection of {url} in {json:#}"))
}

fn cookie<'a>(inspection: &'a Value, name: &str) -> &'a Value {
    inspection["cookies"]
        .as_array()
        .and_then(|all| all.iter().find(|c| c["name"] == name))
        .unwrap_or_else(|| panic!("no cookie {name} in {inspection:#}"))
}

#[test]
fn the_demo_is_clean_in_every_phase() {
    let server = Server::start();
    let url = server.url("/");
    let Some(s) = scan(&server, &[&url]) else {
        return;
    };
    assert_eq!(s.status, 0, "{}\n{}", s.stdout, s.stderr);
    assert_eq!(s.json["summary"]["violations"], 0);
    assert_eq!(s.json["summary"]["failures"], 0);
    assert_eq!(s.json["summary"]["inspections"], 3);

    let before = inspection(&s.json, &url, "before");
    assert_eq!(before["widget"], true);
    assert_eq!(before["accepted"], serde_json::json!(["necessary"]));
    assert_eq!(before["cookies"], serde_json::json!([]));
    assert!(before["requests"].as_array().is_some_and(|r| r.len() > 3));
    assert_eq!(before["configuration_errors"], serde_json::json!([]));

    let reject = inspection(&s.json, &url, "reject");
    let record = &reject["localStorage"][server.url("")]["bzconsent"];
    assert_eq!(record["source"], "widget", "{reject:#}");
    assert_eq!(record["category"], "necessary");
    assert_eq!(reject["cookies"], serde_json::json!([]));
    // The next page view of the returning visitor is part of the phase.
    assert_eq!(reject["browsing_history"], serde_json::json!([url]));

    let accept = inspection(&s.json, &url, "accept");
    let ga = cookie(accept, "_ga");
    assert_eq!(ga["category"], "analytics");
    assert_eq!(ga["source"], "catalogue");
    assert_eq!(ga["service"], "google-analytics");
    assert_eq!(ga["violation"], false);
    assert!(s.stdout.contains("after Accept all"), "{}", s.stdout);
}

#[test]
fn a_page_that_leaks_has_violations_and_exits_1() {
    let server = Server::start();
    let url = server.url("/__scan/leaky.html");
    let Some(s) = scan(&server, &[&url, "--cookie", "consent=no"]) else {
        return;
    };
    assert_eq!(s.status, 1, "{}\n{}", s.stdout, s.stderr);
    let before = inspection(&s.json, &url, "before");
    assert_eq!(before["widget"], false);
    let lvt = cookie(before, "Hm_lvt_0123456789abcdef");
    assert_eq!(lvt["category"], "analytics");
    assert_eq!(lvt["service"], "baidu-tongji");
    assert_eq!(lvt["violation"], true);
    assert_eq!(cookie(before, "_ga")["violation"], true);
    let key = &before["localStorage"][server.url("")]["_hjSession_1234"];
    assert_eq!(key["service"], "hotjar", "{before:#}");
    assert_eq!(key["violation"], true);
    let requests = before["requests"].as_array().expect("requests");
    let script = requests
        .iter()
        .find(|r| r["host"] == "hm.baidu.com" && r["type"] == "Script")
        .expect("the tracker's script");
    assert_eq!(script["firstParty"], false);
    assert_eq!(script["initiator"]["type"], "parser");
    assert_eq!(script["violation"], true);
    let beacon = requests
        .iter()
        .find(|r| r["url"].as_str().is_some_and(|u| u.contains("/hm.gif")))
        .expect("the tracker's beacon");
    // Started by the tracker's script, which Chromium names from the stack.
    assert_eq!(beacon["initiator"]["type"], "script", "{beacon:#}");
    assert!(
        beacon["initiator"]["url"]
            .as_str()
            .is_some_and(|u| u.contains("hm.baidu.com")),
        "{beacon:#}"
    );
    assert_eq!(beacon["violation"], true);
    assert!(
        before["violations"].as_u64().is_some_and(|n| n >= 5),
        "{before:#}"
    );
    // No widget: no choice phases; the owner's preset state instead.
    assert!(s.json["inspections"].as_array().is_some_and(|all| all
        .iter()
        .all(|i| i["phase"] != "reject" && i["phase"] != "accept")));
    let preset = inspection(&s.json, &url, "preset");
    assert_eq!(cookie(preset, "consent")["value"], "no");
    assert_eq!(s.json["browser"]["preset_cookies"]["consent"], "no");
    assert!(s.stdout.contains("VIOLATION"), "{}", s.stdout);
}

#[test]
fn http_only_and_third_party_cookies_are_seen() {
    let server = Server::start();
    let url = server.url("/__scan/cookies.html");
    let dir = tempfile::tempdir().expect("tempdir");
    let html = dir.path().join("report.html");
    let html_arg = html.to_string_lossy().into_owned();
    let Some(s) = scan(&server, &[&url, "--html", &html_arg]) else {
        return;
    };
    // Nothing known to be refused: unknown names are reported, not counted as violations.
    assert_eq!(s.status, 0, "{}\n{}", s.stdout, s.stderr);
    let before = inspection(&s.json, &url, "before");
    let session = cookie(before, "bz_session");
    assert_eq!(session["httpOnly"], true);
    assert_eq!(session["firstPartyStorage"], true);
    assert_eq!(session["source"], "unknown");
    assert_eq!(session["category"], Value::Null);
    let third = cookie(before, "bz_tp_probe");
    assert_eq!(third["domain"], "localhost");
    assert_eq!(third["firstPartyStorage"], false);
    assert_eq!(third["secure"], true);
    assert_eq!(third["sameSite"], "None");
    assert_eq!(
        before["hosts"]["cookies"]["thirdParty"],
        serde_json::json!(["localhost"])
    );
    // The configuration that would declare them, printed and in the JSON.
    let snippet = s.json["unknown_snippet"].as_str().expect("a snippet");
    assert!(
        snippet.contains("\"bz_tp_probe\"") && snippet.contains("\"bz_session\""),
        "{snippet}"
    );
    assert!(s.stdout.contains("bzconsent-config"), "{}", s.stdout);
    let page = std::fs::read_to_string(&html).expect("the HTML report");
    assert!(page.starts_with("<!doctype html>"));
    assert!(page.contains("bz_tp_probe") && page.contains("HttpOnly"));
    assert!(
        !page.contains("<script") && !page.contains(" src="),
        "self-contained"
    );
}

#[test]
fn links_are_followed_on_the_same_site() {
    let server = Server::start();
    let url = server.url("/__scan/leaky.html");
    let Some(s) = scan(&server, &[&url, "--follow", "3"]) else {
        return;
    };
    assert_eq!(s.status, 1, "{}\n{}", s.stdout, s.stderr);
    let followed = server.url("/__scan/cookies.html");
    inspection(&s.json, &followed, "before");
    assert_eq!(
        s.json["summary"]["pages"], 2,
        "elsewhere.example is another site"
    );
}

#[test]
fn unreachable_urls_exit_2_and_say_why() {
    let server = Server::start();
    let refused = format!("http://127.0.0.1:{}/", server::closed());
    let silent = format!("http://127.0.0.1:{}/", server::silent());
    let Some(tls_server) = server::Tls::start() else {
        panic!("openssl is needed for the TLS case");
    };
    // A certificate no authority signed.
    let tls = format!("https://127.0.0.1:{}/", tls_server.port);
    let dns = "http://nowhere.test/".to_owned();
    let started = Instant::now();
    let Some(s) = scan(&server, &[&refused, &silent, &tls, &dns, "--timeout", "3"]) else {
        return;
    };
    assert_eq!(s.status, 2, "{}\n{}", s.stdout, s.stderr);
    assert!(started.elapsed().as_secs() < 25, "timeouts are kept");
    let failures = s.json["failures"].as_array().expect("failures");
    let kind = |url: &str| {
        failures
            .iter()
            .find(|f| f["uri_ins"] == url)
            .map(|f| f["kind"].as_str().unwrap_or("").to_owned())
            .unwrap_or_default()
    };
    assert_eq!(kind(&refused), "connection", "{failures:#?}");
    assert_eq!(kind(&silent), "timeout", "{failures:#?}");
    assert_eq!(kind(&tls), "tls", "{failures:#?}");
    assert_eq!(kind(&dns), "dns", "{failures:#?}");
    for url in [&refused, &silent, &tls, &dns] {
        assert!(s.stderr.contains(url.as_str()), "{url} in {}", s.stderr);
    }
}

#[test]
fn a_page_whose_load_never_ends_is_scanned_as_it_is() {
    let server = Server::start();
    let url = server.url("/__scan/hanging.html");
    let Some(s) = scan(&server, &[&url, "--timeout", "3"]) else {
        return;
    };
    assert_eq!(s.status, 1, "{}\n{}", s.stdout, s.stderr);
    let before = inspection(&s.json, &url, "before");
    assert_eq!(cookie(before, "_ga")["violation"], true);
}

#[test]
fn a_page_that_is_not_there_is_a_failure() {
    let server = Server::start();
    let url = server.url("/no-such-page.html");
    let Some(s) = scan(&server, &[&url]) else {
        return;
    };
    assert_eq!(s.status, 2, "{}\n{}", s.stdout, s.stderr);
    assert_eq!(s.json["failures"][0]["kind"], "http");
    assert_eq!(s.json["failures"][0]["message"], "HTTP 404");
}

#[test]
fn no_browser_exits_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let json = dir.path().join("scan.json");
    let output = Command::new(env!("CARGO_BIN_EXE_bzconsent"))
        .args(["scan", "--chromium", "/nonexistent/chromium"])
        .arg("--json")
        .arg(&json)
        .arg("http://127.0.0.1:9/")
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("http://127.0.0.1:9/")
            && stderr.contains("no browser at /nonexistent/chromium"),
        "{stderr}"
    );
    // The JSON says so too, for a CI job that reads it.
    let text = std::fs::read_to_string(&json).expect("JSON written");
    let json: Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(json["failures"][0]["kind"], "browser");
    assert_eq!(json["failures"][0]["uri_ins"], "http://127.0.0.1:9/");
}

#[test]
fn the_demos_pages_scan_in_time() {
    let server = Server::start();
    let pages = [
        server.url("/"),
        server.url("/privacy.html"),
        server.url("/embed/video.html"),
        server.url("/__scan/leaky.html"),
        server.url("/__scan/cookies.html"),
    ];
    let args: Vec<&str> = pages.iter().map(String::as_str).collect();
    // The default settle time, as a site owner runs it.
    let started = Instant::now();
    let Some(s) = scan_with(&server, &args) else {
        return;
    };
    let took = started.elapsed();
    eprintln!(
        "scanned {} pages in {:.1} s",
        pages.len(),
        took.as_secs_f64()
    );
    assert_eq!(
        s.status, 1,
        "the leaky fixture leaks\n{}\n{}",
        s.stdout, s.stderr
    );
    assert_eq!(s.json["summary"]["pages"], 5);
    assert_eq!(s.json["summary"]["failures"], 0);
    assert!(took.as_secs() < 30, "took {took:?}");
}
