//! `bzconsent-log`: the command line. See the crate documentation of `bzconsent_log`.

use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use bzconsent_log::beacon::Sites;
use bzconsent_log::export::{export, Format};
use bzconsent_log::http::{serve, Options};
use bzconsent_log::store::Store;
use clap::{Parser, Subcommand, ValueEnum};

/// Keeps proof of consent: receives bzconsent's beacons and stores them.
#[derive(Parser)]
#[command(name = "bzconsent-log", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// What to store about the client's address.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum StoreIp {
    /// Nothing (the default).
    None,
    /// IPv4 to its /24, IPv6 to its /48.
    Truncated,
}

#[derive(Subcommand)]
enum Command {
    /// Receive beacons at POST /consent (admin token from BZCONSENT_LOG_TOKEN).
    Serve {
        /// sqlite:PATH or postgres://user:password@host/db
        #[arg(long, env = "BZCONSENT_LOG_DB", hide_env_values = true)]
        db: String,
        /// Address and port to listen on.
        #[arg(long, default_value = "127.0.0.1:8081")]
        listen: SocketAddr,
        /// An origin whose choices are accepted, e.g. https://www.bzpak.com (repeatable).
        #[arg(long = "site", required = true)]
        sites: Vec<String>,
        /// Store the client's address, truncated.
        #[arg(long, value_enum, default_value = "none")]
        store_ip: StoreIp,
        /// Store the client's User-Agent.
        #[arg(long)]
        store_user_agent: bool,
        /// Take the client's address from this header, set by your reverse proxy (X-Real-IP).
        #[arg(long)]
        real_ip_header: Option<String>,
        /// Beacons a second per client on average; 0 turns the limit off.
        #[arg(long, default_value_t = 20)]
        rate_limit: u32,
        /// Beacons per client at once.
        #[arg(long, default_value_t = 100)]
        burst: u32,
        /// Longest time a request may take, commit included, in milliseconds.
        #[arg(long, default_value_t = 5000)]
        timeout_ms: u64,
        /// Choices that may wait for the database before new ones get 503.
        #[arg(long, default_value_t = 10_000)]
        queue: usize,
        /// Most choices committed in one transaction.
        #[arg(long, default_value_t = 2_000)]
        batch: usize,
        /// Most connections open at once.
        #[arg(long, default_value_t = 4_096)]
        max_connections: usize,
        /// Delete choices received more than this many days ago (checked daily).
        #[arg(long)]
        retain_days: Option<u32>,
    },
    /// Write stored choices to standard output.
    Export {
        /// sqlite:PATH or postgres://user:password@host/db
        #[arg(long, env = "BZCONSENT_LOG_DB", hide_env_values = true)]
        db: String,
        /// Only choices received since: a date (2026-01-01) or an RFC 3339 time.
        #[arg(long)]
        since: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value = "csv")]
        format: Format,
    },
    /// Create or update the database schema, then exit (serve does this too).
    Migrate {
        /// sqlite:PATH or postgres://user:password@host/db
        #[arg(long, env = "BZCONSENT_LOG_DB", hide_env_values = true)]
        db: String,
    },
}

async fn shutdown_signal() {
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = terminate => {}
    }
}

async fn run(cli: Cli) -> Result<(), String> {
    match cli.command {
        Command::Serve {
            db,
            listen,
            sites,
            store_ip,
            store_user_agent,
            real_ip_header,
            rate_limit,
            burst,
            timeout_ms,
            queue,
            batch,
            max_connections,
            retain_days,
        } => {
            let sites = Sites::parse(&sites)?;
            let mut options = Options::new(sites);
            options.store_ip = store_ip == StoreIp::Truncated;
            options.store_user_agent = store_user_agent;
            options.real_ip_header = match real_ip_header {
                Some(h) => Some(
                    h.parse()
                        .map_err(|_| format!("--real-ip-header {h}: not a header name"))?,
                ),
                None => None,
            };
            options.admin_token = std::env::var("BZCONSENT_LOG_TOKEN")
                .ok()
                .filter(|t| !t.is_empty());
            options.rate = rate_limit;
            options.burst = burst;
            options.request_timeout = Duration::from_millis(timeout_ms.max(1));
            options.queue = queue;
            options.batch = batch;
            options.max_connections = max_connections;
            options.retain_days = retain_days.filter(|d| *d > 0);
            let store = Arc::new(Store::open(&db).await.map_err(|e| e.to_string())?);
            let listener = tokio::net::TcpListener::bind(listen)
                .await
                .map_err(|e| format!("--listen {listen}: {e}"))?;
            let bound = listener.local_addr().map_err(|e| e.to_string())?;
            let origins: Vec<&str> = options.sites.origins().collect();
            println!(
                "bzconsent-log: listening on http://{bound} ({}, sites {}, admin {})",
                store.kind(),
                origins.join(" "),
                if options.admin_token.is_some() {
                    "on"
                } else {
                    "off"
                }
            );
            serve(listener, store, options, shutdown_signal())
                .await
                .map_err(|e| e.to_string())
        }
        Command::Export { db, since, format } => {
            let since = match since {
                Some(s) => bzconsent_log::parse_since(&s)?,
                None => 0,
            };
            // Exporting from a mistyped path would create an empty database and say "0".
            if let Some(path) = db.strip_prefix("sqlite:") {
                let path = path.strip_prefix("//").unwrap_or(path);
                if !std::path::Path::new(path).exists() {
                    return Err(format!("{path}: no such database file"));
                }
            }
            let store = Store::open(&db).await.map_err(|e| e.to_string())?;
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            let n = export(&store, since, format, &mut out)
                .await
                .map_err(|e| e.to_string())?;
            eprintln!("bzconsent-log: exported {n} choices");
            Ok(())
        }
        Command::Migrate { db } => {
            let store = Store::open(&db).await.map_err(|e| e.to_string())?;
            eprintln!("bzconsent-log: {} schema up to date", store.kind());
            Ok(())
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("bzconsent-log: cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bzconsent-log: {e}");
            ExitCode::FAILURE
        }
    }
}
