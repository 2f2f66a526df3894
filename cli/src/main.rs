//! `bzconsent`: the site owner's command.
//!
//! - `bzconsent scan URL…` opens each page in a real headless Chromium (over the DevTools
//!   protocol) before any choice, after Reject all and after Accept all, records every cookie,
//!   storage key and request, classifies each with the widget's own catalogue and the page's
//!   configuration (then the Open Cookie Database), and reports what was set or sent before the
//!   visitor allowed it. Exit status: 0 clean, 1 violations, 2 the scan failed.
//! - `bzconsent check CONFIG.json` prints the widget's own messages for a bad configuration and
//!   exits 1 on any.
#![deny(missing_docs)]

mod browser;
mod check;
mod classify;
#[path = "../../tests/support/guard_stream.rs"]
mod guard_stream;
mod ocd;
mod report;
mod scan;

use std::collections::BTreeMap;
use std::io::{IsTerminal, Read};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use bzconsent::core::category::Category;
use clap::{Parser, Subcommand};

use crate::browser::Settings;
use crate::report::{FailureRecord, Report};

/// Exit status: nothing found.
const CLEAN: u8 = 0;
/// Exit status: violations (scan) or configuration errors (check).
const FOUND: u8 = 1;
/// Exit status: the scan itself failed.
const FAILED: u8 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "bzconsent",
    version,
    about = "bzconsent for site owners: scan pages for cookies and trackers set before consent; check a configuration"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Visit pages in headless Chromium before any choice, after Reject all and after Accept
    /// all; report cookies, storage and requests of categories the visitor had not accepted.
    /// Exit status: 0 clean, 1 violations, 2 the scan failed.
    Scan(ScanArgs),
    /// Print the widget's messages for a configuration file (`-`: standard input); exit 1 if
    /// there is any.
    Check {
        /// The JSON text of a page's `<script type="application/json" id="bzconsent-config">`.
        config: PathBuf,
    },
}

#[derive(clap::Args, Debug)]
struct ScanArgs {
    /// Pages to scan (http or https).
    #[arg(required = true)]
    urls: Vec<String>,
    /// Also scan up to N same-site links found on each page given.
    #[arg(long, value_name = "N", default_value_t = 0)]
    follow: usize,
    /// The Chromium or Chrome executable.
    #[arg(
        long,
        value_name = "PATH",
        env = "BZCONSENT_CHROMIUM",
        default_value = "/usr/bin/chromium"
    )]
    chromium: PathBuf,
    /// A cookie set before loading, in an extra phase "preset" (repeatable): to scan a state the
    /// site sets up, e.g. another consent tool's choice, on pages without bzconsent.
    #[arg(long = "cookie", value_name = "NAME=VALUE", value_parser = parse_cookie)]
    cookies: Vec<(String, String)>,
    /// The categories accepted in the preset phase (comma-separated; necessary is always on).
    #[arg(long, value_name = "CATEGORIES", default_value = "necessary", value_parser = parse_categories)]
    preset_accepts: [bool; 4],
    /// Write the findings as JSON (website-evidence-collector's field names).
    #[arg(long, value_name = "FILE")]
    json: Option<PathBuf>,
    /// Write the findings as one self-contained HTML page.
    #[arg(long, value_name = "FILE")]
    html: Option<PathBuf>,
    /// Seconds a page may take to load.
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    timeout: u64,
    /// Milliseconds without a new request before a page counts as settled.
    #[arg(long, value_name = "MS", default_value_t = 1000)]
    settle: u64,
    /// Visits at once.
    #[arg(long, value_name = "N", default_value_t = 4)]
    jobs: usize,
    /// Accept any TLS certificate (a test site with a self-signed one).
    #[arg(long)]
    ignore_certificate_errors: bool,
    /// One more Chromium switch (repeatable), e.g.
    /// `--chromium-arg=--host-resolver-rules=MAP www.example.com 127.0.0.1`.
    #[arg(
        long = "chromium-arg",
        value_name = "SWITCH",
        allow_hyphen_values = true
    )]
    chromium_args: Vec<String>,
    /// No table on standard output (failures are still reported on standard error).
    #[arg(long, short)]
    quiet: bool,
}

/// A page's configuration text read as the widget reads it: the browser's `JSON.parse` and the
/// guard's `stream` (their host copy, `tests/support/guard_stream.rs`, as the fuzz targets use
/// it), then `json::decode` and `Config::with_overrides_value`. The built-in configuration with
/// the text's overrides applied, and the widget's error for each bad field (`(root)` when the
/// text is not a JSON object).
pub fn config_from_text(
    text: &str,
) -> (
    bzconsent::core::config::Config,
    Vec<bzconsent::core::config::ConfigError>,
) {
    let value = guard_stream::stream(text).and_then(|s| bzconsent::core::json::decode(&s));
    bzconsent::core::config::Config::with_overrides_value(value)
}

fn parse_cookie(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((name, value)) if !name.trim().is_empty() => {
            Ok((name.trim().to_owned(), value.to_owned()))
        }
        _ => Err(format!("expected NAME=VALUE, got {s:?}")),
    }
}

fn parse_categories(s: &str) -> Result<[bool; 4], String> {
    let mut accepted = [true, false, false, false];
    for name in s.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        let category = Category::from_name(name).ok_or_else(|| {
            format!("unknown category {name:?} (necessary, preferences, analytics, marketing)")
        })?;
        accepted[category.index()] = true;
    }
    Ok(accepted)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check { config } => ExitCode::from(run_check(&config)),
        Command::Scan(args) => ExitCode::from(run_scan(args)),
    }
}

fn run_check(path: &PathBuf) -> u8 {
    let mut text = String::new();
    let read = if path.as_os_str() == "-" {
        std::io::stdin().read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::read_to_string(path).map(|t| text = t)
    };
    if let Err(e) = read {
        eprintln!("bzconsent check: cannot read {}: {e}", path.display());
        return FAILED;
    }
    let checked = check::check(&text);
    for message in &checked.messages {
        println!("{message}");
    }
    if let Some(hint) = &checked.json_error {
        println!("  ({}: {hint})", path.display());
    }
    if checked.messages.is_empty() {
        println!("{}: the configuration is valid", path.display());
        CLEAN
    } else {
        FOUND
    }
}

fn run_scan(args: ScanArgs) -> u8 {
    let db = match ocd::Database::embedded() {
        Ok(db) => db,
        Err(e) => {
            eprintln!("bzconsent scan: {e}");
            return FAILED;
        }
    };
    for url in &args.urls {
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            eprintln!("bzconsent scan: {url}: not an http(s) URL");
            return FAILED;
        }
    }
    let plan = scan::Plan {
        urls: args.urls.clone(),
        follow: args.follow,
        jobs: args.jobs,
        progress: std::io::stderr().is_terminal() && !args.quiet,
        settings: Settings {
            chromium: args.chromium.clone(),
            timeout: Duration::from_secs(args.timeout.max(1)),
            settle: Duration::from_millis(args.settle.max(50)),
            ignore_certificate_errors: args.ignore_certificate_errors,
            extra_args: args.chromium_args.clone(),
            cookies: args.cookies.clone(),
        },
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("bzconsent scan: cannot start: {e}");
            return FAILED;
        }
    };
    let start = report::now_seconds();
    let outcome = runtime.block_on(scan::run(&plan));
    let end = report::now_seconds();
    let mut inspections = Vec::new();
    let mut failures = Vec::new();
    // Without a browser every URL failed; the reports still say so (a CI job reads the JSON).
    let (pages, version, user_agent) = match outcome {
        Ok(done) => done,
        Err(failure) => {
            for url in &args.urls {
                failures.push(FailureRecord::new(url, None, &failure));
            }
            (Vec::new(), "none".to_owned(), String::new())
        }
    };
    for page in &pages {
        for (phase, outcome) in &page.phases {
            match outcome {
                Ok(observed) => inspections.push(report::inspect(
                    &page.url,
                    *phase,
                    observed,
                    args.preset_accepts,
                    &db,
                    end,
                )),
                Err(failure) => failures.push(FailureRecord::new(&page.url, Some(*phase), failure)),
            }
        }
    }
    let summary = report::summarise(&inspections, &failures);
    let report = Report {
        title: "bzconsent scan",
        script: report::Script {
            name: "bzconsent",
            version: env!("CARGO_PKG_VERSION"),
        },
        browser: report::BrowserInfo {
            name: "Chromium",
            version,
            user_agent,
            preset_cookies: args.cookies.iter().cloned().collect::<BTreeMap<_, _>>(),
        },
        uri_refs: args.urls.clone(),
        start_time: report::rfc3339(start),
        end_time: report::rfc3339(end),
        unknown_snippet: report::unknown_snippet(&inspections),
        summary,
        inspections,
        failures,
    };
    if !args.quiet {
        print!("{}", report::terminal(&report));
    }
    for f in &report.failures {
        eprintln!("bzconsent scan: {}", f.line());
    }
    let mut status = if report.summary.failures > 0 {
        FAILED
    } else if report.summary.violations > 0 {
        FOUND
    } else {
        CLEAN
    };
    if let Some(path) = &args.json {
        let written = serde_json::to_string_pretty(&report)
            .map_err(|e| e.to_string())
            .and_then(|text| std::fs::write(path, text + "\n").map_err(|e| e.to_string()));
        if let Err(e) = written {
            eprintln!("bzconsent scan: cannot write {}: {e}", path.display());
            status = FAILED;
        }
    }
    if let Some(path) = &args.html {
        if let Err(e) = std::fs::write(path, report::html(&report)) {
            eprintln!("bzconsent scan: cannot write {}: {e}", path.display());
            status = FAILED;
        }
    }
    status
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_and_categories_are_read() {
        assert_eq!(
            parse_cookie("consent=no=really"),
            Ok(("consent".to_owned(), "no=really".to_owned()))
        );
        assert_eq!(
            parse_cookie("empty="),
            Ok(("empty".to_owned(), String::new()))
        );
        assert!(parse_cookie("=x").is_err());
        assert!(parse_cookie("novalue").is_err());
        assert_eq!(
            parse_categories("necessary"),
            Ok([true, false, false, false])
        );
        assert_eq!(
            parse_categories("analytics, Marketing"),
            Ok([true, false, true, true])
        );
        assert!(parse_categories("ads").is_err());
    }

    #[test]
    fn the_command_line_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
