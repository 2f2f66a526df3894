//! Shared by the integration tests: the databases to run against (a fresh SQLite file always, a
//! fresh PostgreSQL database when `BZCONSENT_TEST_POSTGRES` names a server), the real server
//! binary on a free loopback port, and a small HTTP/1.1 client that can send anything.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use bzconsent_log::store::Store;

/// The site every test server accepts.
pub const SITE: &str = "https://www.bzpak.com";

/// A database for one test; the SQLite file's directory lives as long as this.
pub struct Db {
    /// `sqlite` or `postgres`.
    pub kind: &'static str,
    /// The URL given to `--db`.
    pub url: String,
    _dir: Option<tempfile::TempDir>,
}

impl Db {
    /// Opens it (and runs the migrations).
    pub async fn open(&self) -> Store {
        Store::open(&self.url)
            .await
            .expect("open the test database")
    }
}

/// A fresh SQLite database in a temporary directory.
pub fn sqlite() -> Db {
    let dir = tempfile::tempdir().expect("temporary directory");
    let url = format!("sqlite:{}", dir.path().join("consents.db").display());
    Db {
        kind: "sqlite",
        url,
        _dir: Some(dir),
    }
}

/// A fresh PostgreSQL database on the server of `BZCONSENT_TEST_POSTGRES`, or `None` when the
/// variable is unset (then a note is printed; `make test-server` always sets it).
pub async fn postgres() -> Option<Db> {
    let Ok(base) = std::env::var("BZCONSENT_TEST_POSTGRES") else {
        assert!(
            std::env::var_os("BZCONSENT_TEST_REQUIRE_POSTGRES").is_none(),
            "BZCONSENT_TEST_REQUIRE_POSTGRES is set but BZCONSENT_TEST_POSTGRES is not"
        );
        eprintln!(
            "note: BZCONSENT_TEST_POSTGRES unset, PostgreSQL not tested (make test-server sets it)"
        );
        return None;
    };
    static N: AtomicU32 = AtomicU32::new(0);
    let name = format!(
        "t_{}_{}_{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed),
        bzconsent_log::now_ms()
    );
    let (client, conn) = tokio_postgres::connect(&base, tokio_postgres::NoTls)
        .await
        .expect("connect to BZCONSENT_TEST_POSTGRES");
    let task = tokio::spawn(conn);
    client
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .await
        .expect("create a test database");
    drop(client);
    let _ = task.await;
    let url = match base.rsplit_once('/') {
        Some((server, _)) => format!("{server}/{name}"),
        None => panic!("BZCONSENT_TEST_POSTGRES has no database name: {base}"),
    };
    Some(Db {
        kind: "postgres",
        url,
        _dir: None,
    })
}

/// Every database to test: SQLite, and PostgreSQL when available.
pub async fn databases() -> Vec<Db> {
    let mut dbs = vec![sqlite()];
    dbs.extend(postgres().await);
    dbs
}

/// A beacon as the widget sends it, for `id`, chosen now.
pub fn beacon(id: &str) -> String {
    beacon_with(
        id,
        "accept-all",
        &["necessary", "preferences", "analytics", "marketing"],
    )
}

/// A beacon with this method and categories.
pub fn beacon_with(id: &str, method: &str, categories: &[&str]) -> String {
    let cats: Vec<String> = categories.iter().map(|c| format!("\"{c}\"")).collect();
    format!(
        r#"{{"id":"{id}","timestamp":"{}","categories":[{}],"revision":1,"method":"{method}","language":"az","url":"{SITE}/products/boxes"}}"#,
        bzconsent_log::format_ms(bzconsent_log::now_ms()),
        cats.join(",")
    )
}

/// A random version 4 UUID (from the kernel).
pub fn uuid() -> String {
    std::fs::read_to_string("/proc/sys/kernel/random/uuid")
        .expect("read a UUID from the kernel")
        .trim()
        .to_owned()
}

/// The server binary, running; killed when dropped.
pub struct Server {
    /// Where it listens.
    pub addr: SocketAddr,
    /// The process.
    pub child: Child,
}

impl Server {
    /// Starts `bzconsent-log serve --db <url> --listen 127.0.0.1:0 --site SITE <extra…>` and
    /// waits until it listens. `token` becomes BZCONSENT_LOG_TOKEN.
    pub fn start(db_url: &str, extra: &[&str], token: Option<&str>) -> Server {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_bzconsent-log"));
        cmd.args([
            "serve",
            "--db",
            db_url,
            "--listen",
            "127.0.0.1:0",
            "--site",
            SITE,
        ])
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .env_remove("BZCONSENT_LOG_TOKEN");
        if let Some(t) = token {
            cmd.env("BZCONSENT_LOG_TOKEN", t);
        }
        let mut child = cmd.spawn().expect("start bzconsent-log");
        let stdout = child.stdout.take().expect("stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("read the first line");
        let addr = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|a| a.parse().ok())
            .unwrap_or_else(|| panic!("no address in {line:?}"));
        Server { addr, child }
    }

    /// Kills it at once (SIGKILL), as a crash would.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

/// An HTTP response: status, headers (lower-cased names) and body.
#[derive(Debug)]
pub struct Response {
    /// Status code.
    pub status: u16,
    /// Header lines, names lower-cased.
    pub headers: Vec<(String, String)>,
    /// Body.
    pub body: Vec<u8>,
}

impl Response {
    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Sends `raw` (a whole request, written as is) and reads the response; the connection is
/// closed after it.
pub fn raw(addr: SocketAddr, raw: &[u8]) -> Response {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    // The server may answer and close before reading everything (e.g. a body too large).
    let _ = s.write_all(raw);
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    parse_response(&buf)
        .unwrap_or_else(|| panic!("no HTTP response in {:?}", String::from_utf8_lossy(&buf)))
}

fn parse_response(buf: &[u8]) -> Option<Response> {
    let end = buf.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = std::str::from_utf8(&buf[..end]).ok()?;
    let mut lines = head.split("\r\n");
    let status = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let body = buf[end + 4..].to_vec();
    Some(Response {
        status,
        headers,
        body,
    })
}

/// A request with `Connection: close`, the given headers and body.
pub fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Response {
    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    if !body.is_empty() || method == "POST" {
        req.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    req.push_str("\r\n");
    let mut bytes = req.into_bytes();
    bytes.extend_from_slice(body);
    raw(addr, &bytes)
}

/// POST /consent as `navigator.sendBeacon` sends it from the site's page.
pub fn post_beacon(addr: SocketAddr, body: &[u8]) -> Response {
    request(
        addr,
        "POST",
        "/consent",
        &[
            ("Content-Type", "text/plain;charset=UTF-8"),
            ("Origin", SITE),
        ],
        body,
    )
}

/// A kept-alive HTTP/1.1 connection that posts beacons one after another, as a busy proxy
/// would.
pub struct KeepAlive {
    stream: TcpStream,
    buf: Vec<u8>,
    head: String,
}

impl KeepAlive {
    /// Connects to `addr`.
    pub fn connect(addr: SocketAddr) -> std::io::Result<KeepAlive> {
        let stream = TcpStream::connect(addr)?;
        stream.set_nodelay(true)?;
        stream.set_read_timeout(Some(Duration::from_secs(30)))?;
        Ok(KeepAlive {
            stream,
            buf: Vec::with_capacity(1024),
            head: format!(
                "POST /consent HTTP/1.1\r\nHost: {addr}\r\nContent-Type: text/plain;charset=UTF-8\r\nOrigin: {SITE}\r\n"
            ),
        })
    }

    /// Posts `body` and returns the status (the response body is read and dropped).
    pub fn post(&mut self, body: &[u8]) -> std::io::Result<u16> {
        let mut req = Vec::with_capacity(self.head.len() + body.len() + 32);
        req.extend_from_slice(self.head.as_bytes());
        req.extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
        req.extend_from_slice(body);
        self.stream.write_all(&req)?;
        self.read_response()
    }

    fn read_response(&mut self) -> std::io::Result<u16> {
        let closed = || std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "connection closed");
        let mut chunk = [0u8; 1024];
        let end = loop {
            if let Some(end) = self.buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break end;
            }
            let n = self.stream.read(&mut chunk)?;
            if n == 0 {
                return Err(closed());
            }
            self.buf.extend_from_slice(&chunk[..n]);
        };
        let head = String::from_utf8_lossy(&self.buf[..end]).into_owned();
        let status: u16 = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidData, "no status"))?;
        let length: usize = head
            .lines()
            .filter_map(|l| l.split_once(':'))
            .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
            .and_then(|(_, v)| v.trim().parse().ok())
            .unwrap_or(0);
        let total = end + 4 + length;
        while self.buf.len() < total {
            let n = self.stream.read(&mut chunk)?;
            if n == 0 {
                return Err(closed());
            }
            self.buf.extend_from_slice(&chunk[..n]);
        }
        self.buf.drain(..total);
        Ok(status)
    }
}
