//! `make bench-log`: concurrent clients post beacons over loopback to the release server for a
//! bounded time, on SQLite and (with `BZCONSENT_TEST_POSTGRES`) PostgreSQL. Prints throughput
//! and latency and writes `bench/log-results.md`. Reported, never enforced.
//!
//! BENCH_LOG_SECONDS (10) per database, BENCH_LOG_CLIENTS (64) kept-alive connections.

#[path = "../tests/common/mod.rs"]
mod common;

use std::fmt::Write as _;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{KeepAlive, Server, SITE};

struct Run {
    kind: &'static str,
    seconds: f64,
    acked: u64,
    other: u64,
    errors: u64,
    stored: u64,
    all_acked: u64,
    p50_us: u64,
    p99_us: u64,
    max_us: u64,
}

/// A random-looking UUID v4 from a small generator (the kernel's would cost a system call).
fn next_uuid(state: &mut u64) -> String {
    let mut next = || {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        *state
    };
    let (a, b) = (next(), next());
    format!(
        "{:08x}-{:04x}-4{:03x}-{:x}{:03x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xfff,
        8 + (b >> 62),
        (b >> 48) & 0xfff,
        b & 0xffff_ffff_ffff
    )
}

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

async fn run(db: common::Db, seconds: u64, clients: usize) -> Run {
    // One address sends everything here: the per-client limit is set out of the way.
    let server = Server::start(&db.url, &["--rate-limit", "0", "--queue", "20000"], None);
    let addr = server.addr;
    let measuring = Arc::new(AtomicBool::new(false));
    let stop = Arc::new(AtomicBool::new(false));
    let threads: Vec<_> = (0..clients)
        .map(|i| {
            let measuring = Arc::clone(&measuring);
            let stop = Arc::clone(&stop);
            std::thread::spawn(move || {
                let mut latencies = Vec::with_capacity(1 << 16);
                let (mut acked, mut other, mut errors, mut all_acked) = (0u64, 0u64, 0u64, 0u64);
                let mut state = 0x9e37_79b9_7f4a_7c15u64 ^ ((i as u64 + 1) << 20) ^ bzconsent_log::now_ms() as u64;
                let timestamp = bzconsent_log::format_ms(bzconsent_log::now_ms());
                let Ok(mut conn) = KeepAlive::connect(addr) else { return (latencies, 0, 0, 1, 0) };
                while !stop.load(Ordering::Relaxed) {
                    let id = next_uuid(&mut state);
                    let body = format!(
                        r#"{{"id":"{id}","timestamp":"{timestamp}","categories":["necessary","analytics"],"revision":1,"method":"custom","language":"az","url":"{SITE}/products"}}"#
                    );
                    let start = Instant::now();
                    let result = conn.post(body.as_bytes());
                    let took = start.elapsed().as_micros() as u64;
                    let counted = measuring.load(Ordering::Relaxed);
                    if matches!(result, Ok(204)) {
                        all_acked += 1;
                    }
                    match result {
                        Ok(204) if counted => {
                            acked += 1;
                            latencies.push(took);
                        }
                        Ok(204) => {}
                        Ok(_) if counted => other += 1,
                        Ok(_) => {}
                        Err(_) => {
                            errors += 1;
                            match KeepAlive::connect(addr) {
                                Ok(c) => conn = c,
                                Err(_) => break,
                            }
                        }
                    }
                }
                (latencies, acked, other, errors, all_acked)
            })
        })
        .collect();
    std::thread::sleep(Duration::from_secs(1)); // warm-up, not counted
    measuring.store(true, Ordering::Relaxed);
    let start = Instant::now();
    std::thread::sleep(Duration::from_secs(seconds));
    measuring.store(false, Ordering::Relaxed);
    let elapsed = start.elapsed().as_secs_f64();
    stop.store(true, Ordering::Relaxed);
    let mut latencies = Vec::new();
    let (mut acked, mut other, mut errors, mut all_acked) = (0, 0, 0, 0);
    for t in threads {
        if let Ok((l, a, o, e, all)) = t.join() {
            all_acked += all;
            latencies.extend(l);
            acked += a;
            other += o;
            errors += e;
        }
    }
    latencies.sort_unstable();
    let at = |q: f64| {
        latencies
            .get(((latencies.len() as f64 * q) as usize).min(latencies.len().saturating_sub(1)))
            .copied()
            .unwrap_or(0)
    };
    drop(server);
    let stored = match db.open().await.counts().await {
        Ok(c) => c.total,
        Err(_) => 0,
    };
    Run {
        kind: db.kind,
        seconds: elapsed,
        acked,
        other,
        errors,
        stored,
        all_acked,
        p50_us: at(0.50),
        p99_us: at(0.99),
        max_us: latencies.last().copied().unwrap_or(0),
    }
}

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".into())
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // `cargo bench` passes `--bench`; nothing else is read from the command line.
    let seconds = env_or("BENCH_LOG_SECONDS", 10);
    let clients = env_or("BENCH_LOG_CLIENTS", 64) as usize;
    let mut runs = Vec::new();
    let mut dbs = vec![common::sqlite()];
    dbs.extend(common::postgres().await);
    for db in dbs {
        eprintln!(
            "bench-log: {} for {seconds} s with {clients} clients…",
            db.kind
        );
        let r = run(db, seconds, clients).await;
        eprintln!(
            "bench-log: {}: {:.0} acknowledged/s, p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms, {} other answers, {} connection errors",
            r.kind,
            r.acked as f64 / r.seconds,
            r.p50_us as f64 / 1000.0,
            r.p99_us as f64 / 1000.0,
            r.max_us as f64 / 1000.0,
            r.other,
            r.errors
        );
        runs.push(r);
    }

    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(0);
    let commit = std::process::Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|s| s.trim().to_owned())
        .unwrap_or_default();
    let mut md = String::new();
    let _ = writeln!(md, "# bzconsent-log under load\n");
    let _ = writeln!(
        md,
        "`make bench-log` at {commit}, {}: {clients} kept-alive clients on loopback post the \
         widget's beacon (a fresh id each) for {seconds} s after a 1 s warm-up, against the release \
         build (`--rate-limit 0`: all clients share one address). A beacon counts when its 204 \
         came back, i.e. after its batch was committed (SQLite WAL with `synchronous=FULL`; \
         PostgreSQL with its default `synchronous_commit=on`). Clients and server share the \
         machine: {cores} cores, {}.\n",
        bzconsent_log::format_ms(bzconsent_log::now_ms()).get(..10).unwrap_or(""),
        cpu_model()
    );
    let _ = writeln!(md, "| database | acknowledged/s | p50 | p99 | max | stored / every 204 (warm-up included) | other answers | connection errors |");
    let _ = writeln!(
        md,
        "| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: |"
    );
    for r in &runs {
        let _ = writeln!(
            md,
            "| {} | {:.0} | {:.1} ms | {:.1} ms | {:.1} ms | {} / {} | {} | {} |",
            r.kind,
            r.acked as f64 / r.seconds,
            r.p50_us as f64 / 1000.0,
            r.p99_us as f64 / 1000.0,
            r.max_us as f64 / 1000.0,
            r.stored,
            r.all_acked,
            r.other,
            r.errors
        );
    }
    let _ = writeln!(
        md,
        "\nGoal: at least 10,000 acknowledged beacons a second on SQLite with p99 ≤ 50 ms."
    );
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../bench/log-results.md");
    match std::fs::write(path, md) {
        Ok(()) => eprintln!("bench-log: wrote bench/log-results.md"),
        Err(e) => eprintln!("bench-log: cannot write {path}: {e}"),
    }
}
