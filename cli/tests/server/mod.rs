//! A small HTTP server for the scan tests (std only, a thread per connection), answering by
//! Host header:
//! - `127.0.0.1`: the demo site (`www/`, with `pkg/`'s files at `/bzconsent*.js` and 204 for
//!   `/consent-log`) and the fixtures at `/__scan/<file>` (`cli/tests/fixtures/`);
//! - any other host name (the browser maps them here with `--host-resolver-rules`):
//!   `cli/tests/fixtures/hosts/<host>/<path>`, or an empty 204 like a collector.
//!
//! A file `<name>.headers` beside a fixture adds its `Name: value` lines to the response;
//! `{{PORT}}` in a fixture is replaced by the server's port.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::thread;

/// A running server; it stops with the test process.
pub struct Server {
    /// Its port on 127.0.0.1.
    pub port: u16,
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("cli/ is inside the repository")
        .to_path_buf()
}

impl Server {
    /// Starts a server on an OS-assigned port.
    pub fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("address").port();
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                thread::spawn(move || {
                    let _ = answer(stream, port);
                });
            }
        });
        Server { port }
    }

    /// A URL on 127.0.0.1.
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{}", self.port, path)
    }
}

/// A port that accepts connections and never answers (for timeouts).
pub fn silent() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("address").port();
    thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming().flatten() {
            held.push(stream);
        }
    });
    port
}

/// `openssl s_server` with a self-signed certificate (for a TLS failure); stopped on drop.
pub struct Tls {
    /// Its port on 127.0.0.1.
    pub port: u16,
    child: std::process::Child,
    _dir: tempfile::TempDir,
}

impl Tls {
    /// Starts one, or `None` without the `openssl` command.
    pub fn start() -> Option<Tls> {
        use std::process::{Command, Stdio};
        let dir = tempfile::tempdir().ok()?;
        let (key, cert) = (dir.path().join("key.pem"), dir.path().join("cert.pem"));
        let made = Command::new("openssl")
            .args([
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
            ])
            .args(["-subj", "/CN=bzconsent-test", "-keyout"])
            .arg(&key)
            .arg("-out")
            .arg(&cert)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .ok()?;
        if !made.success() {
            return None;
        }
        let port = closed();
        let child = Command::new("openssl")
            .args(["s_server", "-quiet", "-www", "-accept"])
            .arg(format!("127.0.0.1:{port}"))
            .arg("-cert")
            .arg(&cert)
            .arg("-key")
            .arg(&key)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .ok()?;
        let tls = Tls {
            port,
            child,
            _dir: dir,
        };
        for _ in 0..100 {
            if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return Some(tls);
            }
            thread::sleep(std::time::Duration::from_millis(50));
        }
        None
    }
}

impl Drop for Tls {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port nothing listens on.
pub fn closed() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.local_addr().expect("address").port()
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "json" => "application/json",
        _ => "application/octet-stream",
    }
}

fn answer(stream: TcpStream, port: u16) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or("").to_owned();
    let target = parts.next().unwrap_or("/").to_owned();
    let (mut host, mut length) = (String::new(), 0usize);
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            match name.trim().to_ascii_lowercase().as_str() {
                "host" => host = value.trim().to_ascii_lowercase(),
                "content-length" => length = value.trim().parse().unwrap_or(0),
                _ => {}
            }
        }
    }
    let mut body = vec![0; length.min(1 << 20)];
    reader.read_exact(&mut body)?;
    let hostname = host.rsplit_once(':').map_or(host.as_str(), |(h, _)| h);
    let path = target.split(['?', '#']).next().unwrap_or("/");
    if path == "/__hang" {
        // A resource that never ends: the page's load event never comes.
        thread::sleep(std::time::Duration::from_secs(120));
        return Ok(());
    }
    let root = root();
    let file = if path.contains("..") {
        None
    } else if hostname != "127.0.0.1" {
        Some(
            root.join("cli/tests/fixtures/hosts")
                .join(hostname)
                .join(&path[1..]),
        )
    } else if let Some(name) = path.strip_prefix("/__scan/") {
        Some(root.join("cli/tests/fixtures").join(name))
    } else if path.starts_with("/bzconsent") && path.ends_with(".js") {
        Some(root.join("pkg").join(&path[1..]))
    } else if path == "/consent-log" {
        None
    } else {
        let mut f = root.join("www").join(&path[1..]);
        if f.is_dir() {
            f = f.join("index.html");
        }
        Some(f)
    };
    let mut stream = stream;
    let Some(file) = file.filter(|f| f.is_file() && method == "GET") else {
        // A collector, the consent log, or nothing there.
        let status = if hostname != "127.0.0.1" || path == "/consent-log" {
            "204 No Content"
        } else {
            "404 Not Found"
        };
        let body = if status.starts_with("404") {
            "not found\n"
        } else {
            ""
        };
        return write!(
            stream,
            "HTTP/1.1 {status}\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
    };
    let mut content = std::fs::read(&file)?;
    let fixture = file.starts_with(root.join("cli/tests/fixtures"));
    if fixture {
        if let Ok(text) = String::from_utf8(content.clone()) {
            content = text.replace("{{PORT}}", &port.to_string()).into_bytes();
        }
    }
    let mut head = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n",
        content_type(&file),
        content.len()
    );
    if fixture {
        let mut headers = file.clone().into_os_string();
        headers.push(".headers");
        if let Ok(extra) = std::fs::read_to_string(headers) {
            for line in extra.lines() {
                let line = line.trim();
                if !line.is_empty() && !line.starts_with('#') && line.contains(':') {
                    head.push_str(line);
                    head.push_str("\r\n");
                }
            }
        }
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    stream.write_all(&content)?;
    stream.flush()
}
