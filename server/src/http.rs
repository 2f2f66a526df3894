//! The HTTP side: routes, limits and the accept loop.
//!
//! - `POST /consent` — a beacon, as the widget sends it. `204` once stored; `4xx` with a
//!   one-line reason and nothing stored; `429` over the client's rate; `503` when the database
//!   cannot take it (down, full, queue full, too slow).
//! - `GET /consent/{id}` — every choice stored for one record id, as JSON (admin).
//! - `GET /admin` — recent choices and counts per method and category, as HTML (admin).
//! - `GET /health` — `ok` when the database answers.
//!
//! Admin routes need the token of `BZCONSENT_LOG_TOKEN`, as `Authorization: Bearer <token>` or
//! as the password of HTTP Basic authentication (any user name), so a browser can open the page.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use base64::Engine;
use http_body_util::{BodyExt, LengthLimitError, Limited};
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

use crate::beacon::{self, Sites, MAX_BODY};
use crate::export::ChoiceJson;
use crate::limit::{truncate_ip, RateLimiter};
use crate::queue::{Queue, QueueError};
use crate::store::Store;

/// How the server behaves; `serve`'s command-line options.
#[derive(Clone, Debug)]
pub struct Options {
    /// The sites whose choices are accepted.
    pub sites: Sites,
    /// Store the client's address, truncated (`--store-ip truncated`).
    pub store_ip: bool,
    /// Store the client's `User-Agent` (`--store-user-agent`).
    pub store_user_agent: bool,
    /// Take the client's address from this header (set by the reverse proxy in front).
    pub real_ip_header: Option<HeaderName>,
    /// The admin token; admin routes are off without one.
    pub admin_token: Option<String>,
    /// Beacons a second per client on average (0: no limit).
    pub rate: u32,
    /// Beacons per client at once.
    pub burst: u32,
    /// How long a request may take, body and commit included.
    pub request_timeout: Duration,
    /// Choices that may wait for the database.
    pub queue: usize,
    /// Choices committed together at most.
    pub batch: usize,
    /// Connections open at once.
    pub max_connections: usize,
    /// Delete choices received more than this many days ago, checked daily.
    pub retain_days: Option<u32>,
}

impl Options {
    /// Defaults for `sites`: no address or user agent stored, 20 beacons a second per client
    /// with bursts of 100, 5 s per request, 10,000 queued, batches of up to 2,000.
    pub fn new(sites: Sites) -> Options {
        Options {
            sites,
            store_ip: false,
            store_user_agent: false,
            real_ip_header: None,
            admin_token: None,
            rate: 20,
            burst: 100,
            request_timeout: Duration::from_secs(5),
            queue: 10_000,
            batch: 2_000,
            max_connections: 4_096,
            retain_days: None,
        }
    }
}

struct App {
    store: Arc<Store>,
    queue: Queue,
    limiter: Option<RateLimiter>,
    options: Options,
}

type Shared = State<Arc<App>>;

/// A plain-text answer: the status and a one-line reason.
fn reply(status: StatusCode, reason: &str) -> Response {
    let mut text = String::with_capacity(reason.len() + 1);
    text.push_str(reason);
    text.push('\n');
    (
        status,
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/plain; charset=utf-8"),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        text,
    )
        .into_response()
}

fn unavailable(reason: &str) -> Response {
    let mut r = reply(StatusCode::SERVICE_UNAVAILABLE, reason);
    r.headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    r
}

/// The client's address: the peer's, or the proxy's header when configured and readable.
fn client_ip(app: &App, peer: SocketAddr, headers: &HeaderMap) -> IpAddr {
    app.options
        .real_ip_header
        .as_ref()
        .and_then(|name| headers.get(name))
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.rsplit(',').next())
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(peer.ip())
}

/// Whether the content type is one a beacon comes with: `text/plain` (what `sendBeacon` sends
/// for a string) or `application/json`, in UTF-8.
fn beacon_content_type(headers: &HeaderMap) -> bool {
    let Some(value) = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let mut parts = value.split(';').map(str::trim);
    let essence = parts.next().unwrap_or_default().to_ascii_lowercase();
    if essence != "text/plain" && essence != "application/json" {
        return false;
    }
    parts.all(|p| match p.split_once('=') {
        Some((k, v)) if k.trim().eq_ignore_ascii_case("charset") => {
            v.trim().trim_matches('"').eq_ignore_ascii_case("utf-8")
        }
        _ => true,
    })
}

async fn receive(
    State(app): Shared,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let client = client_ip(&app, peer, &headers);
    if let Some(limiter) = &app.limiter {
        if !limiter.allow(client) {
            return reply(
                StatusCode::TOO_MANY_REQUESTS,
                "too many beacons from this address",
            );
        }
    }
    match tokio::time::timeout(
        app.options.request_timeout,
        receive_in_time(&app, client, &headers, body),
    )
    .await
    {
        Ok(response) => response,
        // Not acknowledged: if the choice was queued it may still be stored, which is allowed
        // (stored and not acknowledged), never the other way round.
        Err(_) => unavailable("timed out"),
    }
}

async fn receive_in_time(app: &App, client: IpAddr, headers: &HeaderMap, body: Body) -> Response {
    if !beacon_content_type(headers) {
        return reply(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "expected Content-Type text/plain or application/json, UTF-8",
        );
    }
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > MAX_BODY as u64) {
        return reply(
            StatusCode::PAYLOAD_TOO_LARGE,
            &beacon::BeaconError::TooLarge.to_string(),
        );
    }
    let bytes: Bytes = match Limited::new(body, MAX_BODY).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(e) if e.downcast_ref::<LengthLimitError>().is_some() => {
            return reply(
                StatusCode::PAYLOAD_TOO_LARGE,
                &beacon::BeaconError::TooLarge.to_string(),
            )
        }
        Err(_) => return reply(StatusCode::BAD_REQUEST, "body could not be read"),
    };
    let origin = headers
        .get(header::ORIGIN)
        .map(|v| v.to_str().unwrap_or("(not text)"));
    let mut choice = match beacon::parse(&bytes, origin, &app.options.sites, crate::now_ms()) {
        Ok(c) => c,
        Err(e) => {
            let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::BAD_REQUEST);
            return reply(status, &e.to_string());
        }
    };
    if app.options.store_ip {
        choice.client_ip = Some(truncate_ip(client).to_string());
    }
    if app.options.store_user_agent {
        choice.user_agent = headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(|ua| ua.chars().filter(|c| !c.is_control()).take(512).collect());
    }
    match app.queue.store(choice).await {
        Ok(()) => (
            StatusCode::NO_CONTENT,
            [(header::CACHE_CONTROL, "no-store")],
        )
            .into_response(),
        Err(QueueError::Full) => unavailable("queue full"),
        Err(QueueError::Closed) => unavailable("server stopping"),
        Err(QueueError::Store(_)) => unavailable("database unavailable"),
    }
}

/// Compares without stopping at the first difference, so timing tells nothing about the token.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// `None` when the request carries the admin token; else the answer to send.
fn refuse_admin(app: &App, headers: &HeaderMap) -> Option<Response> {
    let Some(token) = &app.options.admin_token else {
        return Some(reply(
            StatusCode::NOT_FOUND,
            "admin routes are off: set BZCONSENT_LOG_TOKEN",
        ));
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    let ok = match given.and_then(|v| v.split_once(' ')) {
        Some((scheme, value)) if scheme.eq_ignore_ascii_case("bearer") => {
            same(value.trim().as_bytes(), token.as_bytes())
        }
        Some((scheme, value)) if scheme.eq_ignore_ascii_case("basic") => {
            base64::engine::general_purpose::STANDARD
                .decode(value.trim())
                .ok()
                .and_then(|raw| {
                    let i = raw.iter().position(|b| *b == b':')?;
                    Some(same(&raw[i + 1..], token.as_bytes()))
                })
                .unwrap_or(false)
        }
        _ => false,
    };
    if ok {
        return None;
    }
    let mut r = reply(StatusCode::UNAUTHORIZED, "admin token required");
    r.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        HeaderValue::from_static("Basic realm=\"bzconsent-log\", charset=\"UTF-8\""),
    );
    Some(r)
}

async fn history(State(app): Shared, headers: HeaderMap, Path(id): Path<String>) -> Response {
    if let Some(r) = refuse_admin(&app, &headers) {
        return r;
    }
    let Some(id) = beacon::parse_uuid(&id) else {
        return reply(StatusCode::BAD_REQUEST, "id: expected a UUID");
    };
    let rows = match app.store.history(&id).await {
        Ok(rows) => rows,
        Err(e) => {
            eprintln!("bzconsent-log: history: {e}");
            return unavailable("database unavailable");
        }
    };
    if rows.is_empty() {
        return reply(StatusCode::NOT_FOUND, "no choices stored for this id");
    }
    let choices: Vec<ChoiceJson<'_>> = rows.iter().map(ChoiceJson::from).collect();
    #[derive(serde::Serialize)]
    struct History<'a> {
        id: &'a str,
        choices: Vec<ChoiceJson<'a>>,
    }
    let body = match serde_json::to_string(&History { id: &id, choices }) {
        Ok(b) => b,
        Err(e) => return reply(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    };
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

/// Escapes text for HTML element content and attribute values (the widget's own escaping).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    bzconsent::core::view::push_escaped(&mut out, text);
    out
}

async fn admin_page(State(app): Shared, headers: HeaderMap) -> Response {
    if let Some(r) = refuse_admin(&app, &headers) {
        return r;
    }
    let (counts, recent) = match (app.store.counts().await, app.store.recent(100).await) {
        (Ok(c), Ok(r)) => (c, r),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("bzconsent-log: admin page: {e}");
            return unavailable("database unavailable");
        }
    };
    let mut html = String::with_capacity(16 * 1024);
    html.push_str(
        "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>bzconsent-log</title>\
         <meta name=\"viewport\" content=\"width=device-width\">\
         <style>body{font:14px system-ui,sans-serif;margin:2em}table{border-collapse:collapse;margin:1em 0}\
         td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}td.n{text-align:right}</style>\
         <h1>bzconsent-log</h1>",
    );
    html.push_str(&format!(
        "<p>{} choices stored ({}).</p><h2>Per method</h2><table><tr><th>method<th>choices",
        counts.total,
        app.store.kind()
    ));
    for (name, n) in &counts.methods {
        html.push_str(&format!("<tr><td>{name}<td class=n>{n}"));
    }
    html.push_str("</table><h2>Per accepted category</h2><table><tr><th>category<th>choices");
    for (name, n) in &counts.categories {
        html.push_str(&format!("<tr><td>{name}<td class=n>{n}"));
    }
    html.push_str(
        "</table><h2>Recent choices</h2><table><tr><th>received<th>id<th>method<th>categories\
         <th>revision<th>language<th>page",
    );
    for s in &recent {
        let c = &s.choice;
        html.push_str(&format!(
            "<tr><td>{}<td>{}<td>{}<td>{}<td class=n>{}<td>{}<td>{}",
            crate::format_ms(c.received_ms),
            escape(&c.id),
            c.method.name(),
            escape(&c.categories_text()),
            c.revision,
            escape(&c.language),
            escape(&c.url),
        ));
    }
    html.push_str("</table></html>\n");
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; style-src 'unsafe-inline'",
            ),
        ],
        html,
    )
        .into_response()
}

async fn health(State(app): Shared) -> Response {
    match app.store.ping().await {
        Ok(()) => reply(StatusCode::OK, "ok"),
        Err(e) => {
            eprintln!("bzconsent-log: health: {e}");
            unavailable("database unavailable")
        }
    }
}

async fn not_found() -> Response {
    reply(StatusCode::NOT_FOUND, "not found")
}

fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/consent", post(receive))
        .route("/consent/{id}", get(history))
        .route("/admin", get(admin_page))
        .route("/health", get(health))
        .fallback(not_found)
        .with_state(app)
}

/// Deletes old choices now and then once a day, when a retention is set.
async fn retain(store: Arc<Store>, days: u32) {
    loop {
        let cutoff = crate::now_ms() - i64::from(days) * 86_400_000;
        match store.delete_before(cutoff).await {
            Ok(n) if n > 0 => {
                eprintln!("bzconsent-log: retention: deleted {n} choices older than {days} days")
            }
            Ok(_) => {}
            Err(e) => eprintln!("bzconsent-log: retention: {e}"),
        }
        tokio::time::sleep(Duration::from_secs(86_400)).await;
    }
}

/// Serves on `listener` until `shutdown` completes, then stops taking connections, lets open
/// requests finish (up to the request timeout) and commits what is queued before returning.
pub async fn serve(
    listener: TcpListener,
    store: Arc<Store>,
    options: Options,
    shutdown: impl std::future::Future<Output = ()>,
) -> std::io::Result<()> {
    let (queue, writer) = Queue::start(Arc::clone(&store), options.queue, options.batch);
    let retention = options
        .retain_days
        .map(|days| tokio::spawn(retain(Arc::clone(&store), days)));
    let app = Arc::new(App {
        store,
        queue,
        limiter: RateLimiter::new(options.rate, options.burst),
        options: options.clone(),
    });
    let router = router(Arc::clone(&app));
    drop(app);

    let connections = Arc::new(Semaphore::new(options.max_connections.max(1)));
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(hyper_util::rt::TokioTimer::new())
        .header_read_timeout(Some(Duration::from_secs(10)))
        .keep_alive(true);
    tokio::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            _ = &mut shutdown => break,
            permit = Arc::clone(&connections).acquire_owned() => match permit {
                Ok(p) => p,
                Err(_) => break,
            },
        };
        let (stream, peer) = tokio::select! {
            _ = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    // Out of file descriptors and the like: wait a moment rather than spin.
                    eprintln!("bzconsent-log: accept: {e}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        let _ = stream.set_nodelay(true);
        let router = router.clone();
        let service = hyper::service::service_fn(
            move |mut request: hyper::Request<hyper::body::Incoming>| {
                request.extensions_mut().insert(ConnectInfo(peer));
                tower::ServiceExt::oneshot(router.clone(), request)
            },
        );
        let conn = http.serve_connection(hyper_util::rt::TokioIo::new(stream), service);
        let conn = graceful.watch(conn);
        tokio::spawn(async move {
            let _ = conn.await;
            drop(permit);
        });
    }
    drop(listener);
    drop(router);
    let limit = options.request_timeout + Duration::from_secs(1);
    if tokio::time::timeout(limit, graceful.shutdown())
        .await
        .is_err()
    {
        eprintln!("bzconsent-log: some connections were still open at shutdown");
    }
    if let Some(r) = retention {
        r.abort();
    }
    // Every sender is gone once the connections are: the writer commits what is left and ends.
    let _ = tokio::time::timeout(limit, writer).await;
    Ok(())
}
