//! The server binary over real HTTP on loopback, on SQLite and PostgreSQL: what it accepts,
//! what it refuses (and that a refusal leaves nothing behind), admin routes, rate limiting and
//! a database that stops answering.

mod common;

use std::time::Duration;

use common::{beacon, databases, post_beacon, raw, request, uuid, Server, SITE};

const TOKEN: &str = "test-token-0123456789";

/// A hostile or malformed request: what it is, its headers, its body, the expected status.
type Case = (&'static str, Vec<(&'static str, String)>, Vec<u8>, u16);

fn hostile() -> Vec<Case> {
    let id = uuid();
    let good = beacon(&id);
    let timestamp = good
        .split("\"timestamp\":\"")
        .nth(1)
        .and_then(|t| t.split('"').next())
        .unwrap_or_default()
        .to_owned();
    let plain = || {
        vec![
            ("Content-Type", "text/plain;charset=UTF-8".to_owned()),
            ("Origin", SITE.to_owned()),
        ]
    };
    let with = |from: &str, to: &str| good.replacen(from, to, 1).into_bytes();
    let mut invalid_utf8 = good.clone().into_bytes();
    let at = invalid_utf8.iter().position(|b| *b == b'a').unwrap_or(10);
    invalid_utf8[at] = 0xc3; // a lone lead byte
    let mut oversized = good.clone().into_bytes();
    oversized.truncate(oversized.len() - 1);
    oversized.extend(format!(",\"pad\":\"{}\"}}", "x".repeat(5000)).into_bytes());
    vec![
        ("oversized body (5 KB)", plain(), oversized, 413),
        (
            "deep JSON (2,000 arrays)",
            plain(),
            format!("{}{}", "[".repeat(2000), "]".repeat(2000)).into_bytes(),
            400,
        ),
        (
            "deep JSON inside a field",
            plain(),
            with(
                "\"az\"",
                &format!("{}1{}", "[".repeat(1000), "]".repeat(1000)),
            ),
            400,
        ),
        (
            "revision as a string",
            plain(),
            with("\"revision\":1", "\"revision\":\"1\""),
            400,
        ),
        (
            "revision too large",
            plain(),
            with("\"revision\":1", "\"revision\":1e30"),
            400,
        ),
        (
            "revision negative",
            plain(),
            with("\"revision\":1", "\"revision\":-1"),
            400,
        ),
        (
            "categories as a string",
            plain(),
            with(
                "[\"necessary\",\"preferences\",\"analytics\",\"marketing\"]",
                "\"necessary\"",
            ),
            400,
        ),
        (
            "id as a number",
            plain(),
            with(&format!("\"{id}\""), "42"),
            400,
        ),
        ("id not a UUID", plain(), with(&id, "not-a-uuid"), 400),
        (
            "unknown field",
            plain(),
            with("\"revision\":1", "\"revision\":1,\"ip\":\"1.2.3.4\""),
            400,
        ),
        (
            "duplicate field",
            plain(),
            with("\"revision\":1", "\"revision\":1,\"revision\":2"),
            400,
        ),
        (
            "missing field",
            plain(),
            with(",\"language\":\"az\"", ""),
            400,
        ),
        (
            "unknown category",
            plain(),
            with("\"marketing\"", "\"tracking\""),
            400,
        ),
        (
            "unknown method",
            plain(),
            with("\"accept-all\"", "\"accept-everything\""),
            400,
        ),
        (
            "SQL in id",
            plain(),
            with(&id, "'; DROP TABLE consent_choices; --"),
            400,
        ),
        (
            "SQL in language",
            plain(),
            with("\"az\"", "\"az'); DELETE FROM consent_choices; --\""),
            400,
        ),
        (
            "SQL in method",
            plain(),
            with("\"accept-all\"", "\"custom' OR '1'='1\""),
            400,
        ),
        (
            "SQL in a category",
            plain(),
            with("\"marketing\"", "\"marketing'--\""),
            400,
        ),
        (
            "NUL in language",
            plain(),
            with("\"az\"", "\"az\\u0000\""),
            400,
        ),
        ("invalid UTF-8", plain(), invalid_utf8, 400),
        ("not JSON", plain(), b"id=1&method=accept-all".to_vec(), 400),
        ("empty body", plain(), Vec::new(), 400),
        ("JSON array", plain(), b"[]".to_vec(), 400),
        (
            "byte order mark",
            plain(),
            [b"\xef\xbb\xbf".as_slice(), good.as_bytes()].concat(),
            400,
        ),
        (
            "timestamp a year ahead",
            plain(),
            with("\"timestamp\":\"20", "\"timestamp\":\"21"),
            400,
        ),
        (
            "timestamp not a time",
            plain(),
            with(&timestamp, "2026-13-45T99:99:99.000Z"),
            400,
        ),
        (
            "url on another site",
            plain(),
            with(SITE, "https://evil.example"),
            403,
        ),
        (
            "url with a query",
            plain(),
            with("/products/boxes", "/products/boxes?email=a@b.c"),
            400,
        ),
        (
            "javascript: url",
            plain(),
            with(&format!("{SITE}/products/boxes"), "javascript:alert(1)"),
            400,
        ),
        (
            "Origin of another site",
            vec![
                ("Content-Type", "text/plain".into()),
                ("Origin", "https://evil.example".into()),
            ],
            good.clone().into_bytes(),
            403,
        ),
        (
            "form content type",
            vec![
                ("Content-Type", "application/x-www-form-urlencoded".into()),
                ("Origin", SITE.into()),
            ],
            good.clone().into_bytes(),
            415,
        ),
        (
            "no content type",
            vec![("Origin", SITE.into())],
            good.clone().into_bytes(),
            415,
        ),
        (
            "latin-1 charset",
            vec![
                ("Content-Type", "text/plain; charset=iso-8859-1".into()),
                ("Origin", SITE.into()),
            ],
            good.into_bytes(),
            415,
        ),
    ]
}

#[tokio::test]
async fn hostile_bodies_are_refused_with_a_reason_and_leave_nothing_behind() {
    for db in databases().await {
        let server = Server::start(&db.url, &["--rate-limit", "0"], None);
        for (what, headers, body, want) in hostile() {
            let headers: Vec<(&str, &str)> =
                headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let r = request(server.addr, "POST", "/consent", &headers, &body);
            let text = r.text();
            assert_eq!(r.status, want, "{what} on {}: {text}", db.kind);
            assert_eq!(
                text.lines().count(),
                1,
                "{what}: one-line reason, got {text:?}"
            );
            eprintln!("{} {what}: {} {}", db.kind, r.status, text.trim_end());
        }
        // A chunked body that grows past the limit, with no Content-Length to refuse it early.
        let mut chunked = b"POST /consent HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n".to_vec();
        for _ in 0..10 {
            chunked.extend_from_slice(format!("400\r\n{}\r\n", " ".repeat(0x400)).as_bytes());
        }
        chunked.extend_from_slice(b"0\r\n\r\n");
        assert_eq!(
            raw(server.addr, &chunked).status,
            413,
            "chunked 10 KB on {}",
            db.kind
        );
        assert_eq!(
            request(server.addr, "GET", "/consent", &[], b"").status,
            405
        );

        let store = db.open().await;
        assert_eq!(
            store.counts().await.unwrap().total,
            0,
            "nothing stored on {}",
            db.kind
        );

        // SQL in the page's path is a valid URL: stored verbatim, as data.
        let id = uuid();
        let sql_path =
            beacon(&id).replace("/products/boxes", "/';DROP%20TABLE%20consent_choices;--");
        assert_eq!(post_beacon(server.addr, sql_path.as_bytes()).status, 204);
        let h = store.history(&id).await.unwrap();
        assert_eq!(
            h[0].choice.url,
            format!("{SITE}/';DROP%20TABLE%20consent_choices;--")
        );
        assert_eq!(store.counts().await.unwrap().total, 1);
    }
}

#[tokio::test]
async fn an_accepted_beacon_is_stored_before_the_204_and_readable_by_the_admin() {
    for db in databases().await {
        let server = Server::start(&db.url, &[], Some(TOKEN));
        let store = db.open().await;
        let id = uuid();
        let r = post_beacon(server.addr, beacon(&id).as_bytes());
        assert_eq!(r.status, 204, "{}: {}", db.kind, r.text());
        // Committed before the answer: visible at once to another connection.
        let h = store.history(&id).await.unwrap();
        assert_eq!(h.len(), 1, "{}", db.kind);
        assert_eq!(h[0].choice.client_ip, None, "no address unless asked");
        assert_eq!(h[0].choice.user_agent, None);
        let received = h[0].choice.received_ms;
        assert!((bzconsent_log::now_ms() - received).abs() < 60_000);

        let path = format!("/consent/{id}");
        assert_eq!(request(server.addr, "GET", &path, &[], b"").status, 401);
        let wrong = request(
            server.addr,
            "GET",
            &path,
            &[("Authorization", "Bearer wrong")],
            b"",
        );
        assert_eq!(wrong.status, 401);
        let bearer = format!("Bearer {TOKEN}");
        let r = request(
            server.addr,
            "GET",
            &path,
            &[("Authorization", &bearer)],
            b"",
        );
        assert_eq!(r.status, 200, "{}", r.text());
        let json: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
        assert_eq!(json["id"], id);
        assert_eq!(json["choices"][0]["method"], "accept-all");
        assert_eq!(json["choices"][0]["url"], format!("{SITE}/products/boxes"));
        let unknown = request(
            server.addr,
            "GET",
            &format!("/consent/{}", uuid()),
            &[("Authorization", &bearer)],
            b"",
        );
        assert_eq!(unknown.status, 404);

        // The admin page, with HTTP Basic (what a browser prompts for).
        let basic = format!("Basic {}", base64_encode(&format!("admin:{TOKEN}")));
        let page = request(
            server.addr,
            "GET",
            "/admin",
            &[("Authorization", &basic)],
            b"",
        );
        assert_eq!(page.status, 200);
        let html = page.text();
        assert!(html.contains("1 choices stored"), "{html}");
        assert!(html.contains(&id));
        assert!(html.contains("<tr><td>accept-all<td class=n>1"));
        assert!(html.contains("<tr><td>marketing<td class=n>1"));
        assert_eq!(request(server.addr, "GET", "/health", &[], b"").status, 200);
    }
}

fn base64_encode(text: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(text)
}

#[tokio::test]
async fn admin_routes_are_off_without_a_token() {
    let db = common::sqlite();
    let server = Server::start(&db.url, &[], None);
    let r = request(
        server.addr,
        "GET",
        "/admin",
        &[("Authorization", "Bearer ")],
        b"",
    );
    assert_eq!(r.status, 404);
    assert!(r.text().contains("BZCONSENT_LOG_TOKEN"));
}

#[tokio::test]
async fn truncated_addresses_are_stored_only_when_asked() {
    let db = common::sqlite();
    let server = Server::start(
        &db.url,
        &["--store-ip", "truncated", "--store-user-agent"],
        None,
    );
    let id = uuid();
    let r = request(
        server.addr,
        "POST",
        "/consent",
        &[
            ("Content-Type", "text/plain"),
            ("User-Agent", "Test/1.0"),
            ("Origin", SITE),
        ],
        beacon(&id).as_bytes(),
    );
    assert_eq!(r.status, 204);
    let h = db.open().await.history(&id).await.unwrap();
    assert_eq!(h[0].choice.client_ip.as_deref(), Some("127.0.0.0"));
    assert_eq!(h[0].choice.user_agent.as_deref(), Some("Test/1.0"));
}

#[tokio::test]
async fn a_client_over_its_rate_gets_429_and_nothing_stored() {
    let db = common::sqlite();
    let server = Server::start(&db.url, &["--rate-limit", "1", "--burst", "3"], None);
    let statuses: Vec<u16> = (0..5)
        .map(|_| post_beacon(server.addr, beacon(&uuid()).as_bytes()).status)
        .collect();
    assert_eq!(statuses, [204, 204, 204, 429, 429]);
    assert_eq!(db.open().await.counts().await.unwrap().total, 3);
}

#[tokio::test]
async fn a_locked_sqlite_database_gets_503_and_nothing_acknowledged_is_lost() {
    let db = common::sqlite();
    let server = Server::start(&db.url, &["--timeout-ms", "1000"], None);
    let path = db.url.trim_start_matches("sqlite:").to_owned();
    let blocker = rusqlite::Connection::open(&path).unwrap();
    blocker.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let id = uuid();
    let r = post_beacon(server.addr, beacon(&id).as_bytes());
    assert_eq!(r.status, 503, "{}", r.text());
    assert!(r.headers.iter().any(|(k, _)| k == "retry-after"));
    blocker.execute_batch("COMMIT").unwrap();
    // The refused choice may still have been written after its 503 (stored, not acknowledged,
    // is allowed); new ones are acknowledged again.
    std::thread::sleep(Duration::from_millis(5500));
    let later = uuid();
    assert_eq!(
        post_beacon(server.addr, beacon(&later).as_bytes()).status,
        204
    );
    assert_eq!(db.open().await.history(&later).await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_postgres_database_that_goes_away_gets_503_then_recovers() {
    let Some(db) = common::postgres().await else {
        return;
    };
    let server = Server::start(&db.url, &["--timeout-ms", "2000"], None);
    assert_eq!(
        post_beacon(server.addr, beacon(&uuid()).as_bytes()).status,
        204
    );

    let name = db.url.rsplit('/').next().unwrap_or_default().to_owned();
    let admin_url = std::env::var("BZCONSENT_TEST_POSTGRES").unwrap();
    let (admin, conn) = tokio_postgres::connect(&admin_url, tokio_postgres::NoTls)
        .await
        .unwrap();
    tokio::spawn(conn);
    admin
        .batch_execute(&format!("ALTER DATABASE {name} ALLOW_CONNECTIONS false"))
        .await
        .unwrap();
    admin
        .execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1",
            &[&name],
        )
        .await
        .unwrap();
    let down = uuid();
    let r = post_beacon(server.addr, beacon(&down).as_bytes());
    assert_eq!(r.status, 503, "{}", r.text());
    assert_eq!(request(server.addr, "GET", "/health", &[], b"").status, 503);

    admin
        .batch_execute(&format!("ALTER DATABASE {name} ALLOW_CONNECTIONS true"))
        .await
        .unwrap();
    let up = uuid();
    assert_eq!(post_beacon(server.addr, beacon(&up).as_bytes()).status, 204);
    let store = db.open().await;
    assert_eq!(store.history(&up).await.unwrap().len(), 1);
    assert!(
        store.history(&down).await.unwrap().is_empty(),
        "refused while down, not stored"
    );
}

#[tokio::test]
async fn a_full_queue_answers_503_at_once() {
    let db = common::sqlite();
    let server = Server::start(
        &db.url,
        &[
            "--queue",
            "1",
            "--batch",
            "1",
            "--timeout-ms",
            "3000",
            "--rate-limit",
            "0",
        ],
        None,
    );
    let path = db.url.trim_start_matches("sqlite:").to_owned();
    let blocker = rusqlite::Connection::open(&path).unwrap();
    blocker.execute_batch("BEGIN EXCLUSIVE").unwrap();
    // The first is taken by the writer (which waits for the lock), the second waits in the
    // queue; the third finds it full.
    let addr = server.addr;
    let waiting: Vec<_> = (0..2)
        .map(|_| {
            let t =
                std::thread::spawn(move || post_beacon(addr, beacon(&uuid()).as_bytes()).status);
            std::thread::sleep(Duration::from_millis(300));
            t
        })
        .collect();
    let started = std::time::Instant::now();
    let r = post_beacon(addr, beacon(&uuid()).as_bytes());
    assert_eq!((r.status, r.text().trim()), (503, "queue full"));
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "refused at once"
    );
    for t in waiting {
        assert_eq!(
            t.join().unwrap(),
            503,
            "timed out while the database was locked"
        );
    }
    blocker.execute_batch("COMMIT").unwrap();
}
