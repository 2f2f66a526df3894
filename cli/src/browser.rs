//! One headless Chromium driven over the DevTools protocol (chromiumoxide): each visit in a
//! fresh browser context (its own cookie jar, storage and cache), seeing every request the page
//! makes, the whole cookie jar (`HttpOnly` and third-party cookies included) and the storage of
//! every frame.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use chromiumoxide::browser::{Browser, BrowserConfig};
use chromiumoxide::cdp::browser_protocol::browser::BrowserContextId;
use chromiumoxide::cdp::browser_protocol::network::{
    CookieParam, CookieSameSite, EventRequestWillBeSent, EventResponseReceived, ResourceType,
    SetCookiesParams,
};
use chromiumoxide::cdp::browser_protocol::storage::GetCookiesParams;
use chromiumoxide::cdp::browser_protocol::target::{
    CreateBrowserContextParams, CreateTargetParams,
};
use chromiumoxide::cdp::js_protocol::runtime::CallFunctionOnParams;
use chromiumoxide::error::CdpError;
use chromiumoxide::Page;
use futures::StreamExt;
use serde::Deserialize;
use tokio::task::JoinHandle;

/// The three consent states a page is visited in, and the owner's own preset state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Phase {
    /// A first visit: no choice made.
    Before,
    /// After the visitor chose Reject all (`window.bzconsent.rejectAll()`), and on the next page
    /// view.
    Reject,
    /// After the visitor chose Accept all (`window.bzconsent.acceptAll()`), and on the next page
    /// view.
    Accept,
    /// With the owner's `--cookie` presets set before the page loads.
    Preset,
}

impl Phase {
    /// The name used in JSON and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Phase::Before => "before",
            Phase::Reject => "reject",
            Phase::Accept => "accept",
            Phase::Preset => "preset",
        }
    }

    /// What the phase is, in words.
    pub fn label(self) -> &'static str {
        match self {
            Phase::Before => "before any choice",
            Phase::Reject => "after Reject all",
            Phase::Accept => "after Accept all",
            Phase::Preset => "with the preset cookies",
        }
    }
}

/// Why a visit failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailureKind {
    /// The host name did not resolve.
    Dns,
    /// The TLS connection failed (certificate, protocol).
    Tls,
    /// No answer in time.
    Timeout,
    /// The connection was refused, reset or unreachable.
    Connection,
    /// The server answered with an error status.
    Http,
    /// The browser could not be started or stopped answering.
    Browser,
    /// The widget did not take the choice.
    Choice,
}

impl FailureKind {
    /// The name used in messages and JSON.
    pub fn name(self) -> &'static str {
        match self {
            FailureKind::Dns => "dns",
            FailureKind::Tls => "tls",
            FailureKind::Timeout => "timeout",
            FailureKind::Connection => "connection",
            FailureKind::Http => "http",
            FailureKind::Browser => "browser",
            FailureKind::Choice => "choice",
        }
    }
}

/// A visit (or the browser) failed: what kind of failure, and the browser's own words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// What kind of failure.
    pub kind: FailureKind,
    /// The detail (`net::ERR_NAME_NOT_RESOLVED`, `HTTP 404`…).
    pub message: String,
}

impl Failure {
    fn new(kind: FailureKind, message: impl Into<String>) -> Failure {
        Failure {
            kind,
            message: message.into(),
        }
    }

    fn browser(e: impl std::fmt::Display) -> Failure {
        Failure::new(FailureKind::Browser, e.to_string())
    }

    /// A navigation error of Chromium's (`net::ERR_…`), by kind.
    pub fn from_net_error(text: &str) -> Failure {
        let kind = if text.contains("ERR_NAME_NOT_RESOLVED")
            || text.contains("ERR_NAME_RESOLUTION_FAILED")
            || text.contains("ERR_DNS_")
        {
            FailureKind::Dns
        } else if text.contains("ERR_CERT_")
            || text.contains("ERR_SSL_")
            || text.contains("ERR_BAD_SSL")
            || text.contains("ERR_TLS")
        {
            FailureKind::Tls
        } else if text.contains("TIMED_OUT") {
            FailureKind::Timeout
        } else if text.contains("ERR_CONNECTION")
            || text.contains("ERR_ADDRESS")
            || text.contains("ERR_EMPTY_RESPONSE")
            || text.contains("ERR_INTERNET_DISCONNECTED")
            || text.contains("ERR_NETWORK")
        {
            FailureKind::Connection
        } else if text.contains("ERR_HTTP") || text.contains("ERR_INVALID_RESPONSE") {
            FailureKind::Http
        } else {
            FailureKind::Browser
        };
        Failure::new(kind, text)
    }

    fn from_cdp(e: CdpError, timeout: Duration) -> Failure {
        match e {
            CdpError::ChromeMessage(m) => Failure::from_net_error(&m),
            CdpError::Timeout => Failure::new(
                FailureKind::Timeout,
                format!("no answer within {} s", timeout.as_secs()),
            ),
            other => Failure::browser(other),
        }
    }
}

/// How the browser is started and pages are visited.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The Chromium (or Chrome) executable.
    pub chromium: PathBuf,
    /// Longest wait for a page to load.
    pub timeout: Duration,
    /// How long the network must stay quiet before a page counts as settled.
    pub settle: Duration,
    /// Accept any TLS certificate.
    pub ignore_certificate_errors: bool,
    /// More Chromium switches (`--host-resolver-rules=…`).
    pub extra_args: Vec<String>,
    /// Cookies set before the page loads in the preset phase.
    pub cookies: Vec<(String, String)>,
}

/// One request the page made.
#[derive(Clone, Debug)]
pub struct Request {
    /// Its URL.
    pub url: String,
    /// Its method.
    pub method: String,
    /// What Chromium says it is for (`Document`, `Script`, `Image`, `XHR`, `Ping`…).
    pub resource_type: String,
    /// What started it (`parser`, `script`, `preload`, `other`…).
    pub initiator_type: String,
    /// The script or document that started it, when known.
    pub initiator_url: Option<String>,
}

/// One cookie of the jar.
#[derive(Clone, Debug)]
pub struct Cookie {
    /// Name.
    pub name: String,
    /// Value.
    pub value: String,
    /// Domain (with a leading dot for a domain cookie).
    pub domain: String,
    /// Path.
    pub path: String,
    /// Expiry in seconds since the epoch; negative for a session cookie.
    pub expires: f64,
    /// Size in bytes (name and value).
    pub size: i64,
    /// Out of scripts' reach.
    pub http_only: bool,
    /// Sent over https only.
    pub secure: bool,
    /// Lives until the browser closes.
    pub session: bool,
    /// `Strict`, `Lax` or `None`, when set.
    pub same_site: Option<String>,
    /// The top-level site of a partitioned cookie.
    pub partition_key: Option<String>,
}

/// The storage of one frame's origin.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Storage {
    /// The frame's origin (`https://www.bzpak.com`).
    pub origin: String,
    /// localStorage keys and values (values cut at 200 characters).
    #[serde(default)]
    pub local: Vec<(String, String)>,
    /// sessionStorage keys and values.
    #[serde(default)]
    pub session: Vec<(String, String)>,
}

/// What one visit saw.
#[derive(Clone, Debug, Default)]
pub struct Observed {
    /// Where the page ended up (after redirects).
    pub final_url: String,
    /// Whether the page has the widget's API (`window.bzconsent`).
    pub widget: bool,
    /// The text of the page's `#bzconsent-config` element, if any.
    pub config: Option<String>,
    /// Links on the page (`a[href]`), absolute.
    pub links: Vec<String>,
    /// The URLs loaded as the top document, in order (after a choice: the reload too).
    pub history: Vec<String>,
    /// Requests made (in the choice phases, from the choice on).
    pub requests: Vec<Request>,
    /// The whole cookie jar at the end.
    pub cookies: Vec<Cookie>,
    /// The storage of each origin among the page's frames, at the end.
    pub storage: Vec<Storage>,
}

/// What the page tells about itself.
#[derive(Debug, Default, Deserialize)]
struct PageInfo {
    url: String,
    widget: bool,
    config: Option<String>,
    #[serde(default)]
    links: Vec<String>,
    status: Option<i64>,
}

const INFO_JS: &str = r#"() => {
  const api = window.bzconsent;
  const el = document.getElementById('bzconsent-config');
  const nav = performance.getEntriesByType('navigation')[0];
  return {
    url: String(location.href),
    widget: !!api && typeof api.acceptAll === 'function' && typeof api.rejectAll === 'function',
    config: el ? String(el.textContent) : null,
    links: Array.from(document.querySelectorAll('a[href]'), (a) => String(a.href)).slice(0, 5000),
    status: nav && typeof nav.responseStatus === 'number' ? nav.responseStatus : null,
  };
}"#;

const STORAGE_JS: &str = r#"() => {
  const read = (name) => {
    const out = [];
    try {
      const s = window[name];
      for (let i = 0; i < s.length; i++) {
        const k = s.key(i);
        out.push([String(k), String(s.getItem(k)).slice(0, 200)]);
      }
    } catch (e) {}
    return out;
  };
  return { origin: String(location.origin), local: read('localStorage'), session: read('sessionStorage') };
}"#;

/// Makes a choice through the widget's API and waits for its `bzconsent:change` event (at most
/// 5 s; then the stored record decides).
fn choice_js(method: &str) -> String {
    format!(
        r#"() => new Promise((resolve) => {{
  let done = false;
  const finish = (ok) => {{ if (!done) {{ done = true; resolve(ok); }} }};
  window.addEventListener('bzconsent:change', () => finish(true), {{ once: true }});
  try {{ window.bzconsent.{method}(); }} catch (e) {{ finish(false); }}
  setTimeout(() => {{
    try {{ finish(!!window.bzconsent.getRecord()); }} catch (e) {{ finish(false); }}
  }}, 5000);
}})"#
    )
}

/// Whether the page holds a parsed document of its own (not the blank start page, not still
/// streaming its HTML): asked when the load event is late.
async fn committed(page: &Page) -> bool {
    let asked = page.evaluate_expression("document.readyState + ' ' + location.href");
    match tokio::time::timeout(Duration::from_secs(2), asked).await {
        Ok(Ok(result)) => result
            .into_value::<String>()
            .is_ok_and(|s| !s.starts_with("loading") && !s.ends_with(" about:blank")),
        _ => false,
    }
}

/// Whether this process runs as root (Chromium's sandbox then needs `--no-sandbox`).
fn is_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

/// The switches every scan uses: headless, quiet on the network (nothing but the page's own
/// traffic), every frame in the page's process (so its requests reach the page's log).
fn switches(settings: &Settings) -> Vec<String> {
    let mut args: Vec<String> = [
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-default-apps",
        "--disable-extensions",
        "--disable-breakpad",
        "--disable-client-side-phishing-detection",
        "--disable-domain-reliability",
        "--disable-search-engine-choice-screen",
        "--disable-site-isolation-trials",
        "--disable-features=IsolateOrigins,site-per-process,Translate,OptimizationHints,MediaRouter,HttpsUpgrades,HttpsFirstBalancedModeAutoEnable,PrivacySandboxSettings4",
        "--metrics-recording-only",
        "--mute-audio",
        "--hide-scrollbars",
        "--password-store=basic",
        "--use-mock-keychain",
        "--lang=en-US",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    if settings.ignore_certificate_errors {
        args.push("--ignore-certificate-errors".to_owned());
    }
    args.extend(settings.extra_args.iter().cloned());
    args
}

/// A running Chromium.
pub struct Chromium {
    browser: Browser,
    handler: JoinHandle<()>,
    _profile: tempfile::TempDir,
    /// `Chrome/…` as the browser reports it.
    pub version: String,
    /// The browser's user agent.
    pub user_agent: String,
    settings: Settings,
}

/// The requests seen so far in one visit, and when the last one started.
struct Log {
    requests: Vec<Request>,
    documents: Vec<String>,
    /// The HTTP status of the last top document.
    status: Option<i64>,
    last: Instant,
}

impl Chromium {
    /// Starts Chromium with a throw-away profile directory.
    pub async fn launch(settings: &Settings) -> Result<Chromium, Failure> {
        if !Path::new(&settings.chromium).is_file() {
            return Err(Failure::new(
                FailureKind::Browser,
                format!(
                    "no browser at {} (install Debian's chromium, e.g. `make browsers`, or name one with --chromium PATH)",
                    settings.chromium.display()
                ),
            ));
        }
        let profile = tempfile::Builder::new()
            .prefix("bzconsent-scan-")
            .tempdir()
            .map_err(|e| Failure::browser(format!("cannot make a profile directory: {e}")))?;
        // Each visit's context is an off-the-record profile, which blocks third-party cookies
        // unless the profile it derives from says otherwise. A visitor's ordinary Chrome accepts
        // them, so the scan does too (`cookie_controls_mode` 0: no blocking).
        let default = profile.path().join("Default");
        std::fs::create_dir_all(&default)
            .and_then(|()| {
                std::fs::write(
                    default.join("Preferences"),
                    r#"{"profile":{"cookie_controls_mode":0}}"#,
                )
            })
            .map_err(|e| Failure::browser(format!("cannot write the profile: {e}")))?;
        let mut builder = BrowserConfig::builder()
            .chrome_executable(&settings.chromium)
            .new_headless_mode()
            .user_data_dir(profile.path())
            .disable_default_args()
            .launch_timeout(Duration::from_secs(30))
            .request_timeout(settings.timeout + Duration::from_secs(10))
            .viewport(None)
            .window_size(1280, 900);
        // chromiumoxide takes a switch as its name without dashes, and a value apart.
        for switch in switches(settings) {
            let switch = switch.trim_start_matches('-');
            builder = match switch.split_once('=') {
                Some((name, value)) => builder.arg((name, value)),
                None => builder.arg(switch),
            };
        }
        if !settings.ignore_certificate_errors {
            builder = builder.respect_https_errors();
        }
        if is_root() {
            builder = builder.no_sandbox();
        }
        let config = builder.build().map_err(Failure::browser)?;
        let (browser, mut handler) = Browser::launch(config).await.map_err(|e| {
            Failure::browser(format!("cannot start {}: {e}", settings.chromium.display()))
        })?;
        let handler = tokio::spawn(async move { while handler.next().await.is_some() {} });
        let version = browser.version().await.map_err(Failure::browser)?;
        Ok(Chromium {
            browser,
            handler,
            _profile: profile,
            version: version.product,
            user_agent: version.user_agent,
            settings: settings.clone(),
        })
    }

    /// Stops the browser.
    pub async fn close(mut self) {
        let _ = self.browser.close().await;
        let _ = self.browser.wait().await;
        self.handler.abort();
    }

    /// Visits `url` in a fresh browser context in `phase`. `Ok(None)`: the phase does not apply
    /// (a choice phase on a page without the widget).
    pub async fn visit(&self, url: &str, phase: Phase) -> Result<Option<Observed>, Failure> {
        let context = self
            .browser
            .create_browser_context(CreateBrowserContextParams::default())
            .await
            .map_err(Failure::browser)?;
        let result = self.visit_in(&context, url, phase).await;
        let _ = self.browser.dispose_browser_context(context).await;
        result
    }

    async fn visit_in(
        &self,
        context: &BrowserContextId,
        url: &str,
        phase: Phase,
    ) -> Result<Option<Observed>, Failure> {
        let target = CreateTargetParams::builder()
            .url("about:blank")
            .browser_context_id(context.clone())
            .build()
            .map_err(Failure::browser)?;
        let page = self
            .browser
            .new_page(target)
            .await
            .map_err(Failure::browser)?;
        let log = Arc::new(Mutex::new(Log {
            requests: Vec::new(),
            documents: Vec::new(),
            status: None,
            last: Instant::now(),
        }));
        let mut sent = page
            .event_listener::<EventRequestWillBeSent>()
            .await
            .map_err(Failure::browser)?;
        let mut received = page
            .event_listener::<EventResponseReceived>()
            .await
            .map_err(Failure::browser)?;
        let main_frame = page.mainframe().await.map_err(Failure::browser)?;
        let statuses = {
            let log = Arc::clone(&log);
            let main_frame = main_frame.clone();
            tokio::spawn(async move {
                while let Some(event) = received.next().await {
                    if event.r#type == ResourceType::Document && event.frame_id == main_frame {
                        let mut log = log.lock().unwrap_or_else(PoisonError::into_inner);
                        log.status = Some(event.response.status);
                    }
                }
            })
        };
        let collector = {
            let log = Arc::clone(&log);
            tokio::spawn(async move {
                while let Some(event) = sent.next().await {
                    let mut log = log.lock().unwrap_or_else(PoisonError::into_inner);
                    log.last = Instant::now();
                    let url = &event.request.url;
                    if !(url.starts_with("http:")
                        || url.starts_with("https:")
                        || url.starts_with("ws:")
                        || url.starts_with("wss:"))
                    {
                        continue;
                    }
                    let resource_type = event
                        .r#type
                        .as_ref()
                        .map_or("Other", |t| t.as_ref())
                        .to_owned();
                    if resource_type == "Document" && event.frame_id == main_frame {
                        log.documents.push(url.clone());
                    }
                    // The script that made it, when a stack says so; else the document or script
                    // Chromium names.
                    let from_stack = event
                        .initiator
                        .stack
                        .as_ref()
                        .and_then(|s| s.call_frames.iter().find(|f| !f.url.is_empty()))
                        .map(|f| f.url.clone());
                    let initiator_url = from_stack.or_else(|| event.initiator.url.clone());
                    log.requests.push(Request {
                        url: url.clone(),
                        method: event.request.method.clone(),
                        resource_type,
                        initiator_type: event.initiator.r#type.as_ref().to_owned(),
                        initiator_url,
                    });
                }
            })
        };
        let observed = self.drive(&page, context, url, phase, &log).await;
        collector.abort();
        statuses.abort();
        let _ = page.close().await;
        observed
    }

    async fn drive(
        &self,
        page: &Page,
        context: &BrowserContextId,
        url: &str,
        phase: Phase,
        log: &Arc<Mutex<Log>>,
    ) -> Result<Option<Observed>, Failure> {
        let timeout = self.settings.timeout;
        if phase == Phase::Preset && !self.settings.cookies.is_empty() {
            let cookies = self
                .settings
                .cookies
                .iter()
                .map(|(name, value)| {
                    CookieParam::builder()
                        .name(name.clone())
                        .value(value.clone())
                        .url(url.to_owned())
                        .same_site(CookieSameSite::Lax)
                        .build()
                        .map_err(Failure::browser)
                })
                .collect::<Result<Vec<_>, _>>()?;
            page.execute(SetCookiesParams::new(cookies))
                .await
                .map_err(|e| Failure::browser(format!("cannot set the preset cookies: {e}")))?;
        }
        if let Err(failure) = self.load(page, url).await {
            // An error page instead of the server's own (an empty 4xx or 5xx answer).
            let status = log.lock().unwrap_or_else(PoisonError::into_inner).status;
            return Err(match status {
                Some(status) if status >= 400 => {
                    Failure::new(FailureKind::Http, format!("HTTP {status}"))
                }
                _ => failure,
            });
        }
        self.settle(log).await;
        let info = self.info(page).await;
        let status = info
            .status
            .or(log.lock().unwrap_or_else(PoisonError::into_inner).status);
        if let Some(status) = status.filter(|s| *s >= 400) {
            return Err(Failure::new(FailureKind::Http, format!("HTTP {status}")));
        }
        let choice = match phase {
            Phase::Reject => Some("rejectAll"),
            Phase::Accept => Some("acceptAll"),
            Phase::Before | Phase::Preset => None,
        };
        let mut info = info;
        if let Some(method) = choice {
            if !info.widget {
                return Ok(None);
            }
            // What happened before the choice is the first phase's; this one starts with it.
            {
                let mut log = log.lock().unwrap_or_else(PoisonError::into_inner);
                log.requests.clear();
                log.documents.clear();
            }
            let taken = page
                .evaluate_function(choice_js(method))
                .await
                .ok()
                .and_then(|r| r.into_value::<bool>().ok())
                .unwrap_or(false);
            if !taken {
                return Err(Failure::new(
                    FailureKind::Choice,
                    format!("window.bzconsent.{method}() stored no choice within 5 s"),
                ));
            }
            self.settle(log).await;
            // The next page view, as a returning visitor with the choice stored.
            match tokio::time::timeout(timeout, page.reload()).await {
                Err(_) if committed(page).await => {}
                Err(_) => {
                    return Err(Failure::new(
                        FailureKind::Timeout,
                        format!(
                            "no answer within {} s (reloading after the choice)",
                            timeout.as_secs()
                        ),
                    ))
                }
                Ok(Err(e)) => return Err(Failure::from_cdp(e, timeout)),
                Ok(Ok(_)) => {}
            }
            self.settle(log).await;
            info = self.info(page).await;
        }
        let cookies = self
            .browser
            .execute(
                GetCookiesParams::builder()
                    .browser_context_id(context.clone())
                    .build(),
            )
            .await
            .map_err(Failure::browser)?
            .result
            .cookies
            .into_iter()
            .map(|c| Cookie {
                name: c.name,
                value: c.value,
                domain: c.domain,
                path: c.path,
                expires: c.expires,
                size: c.size,
                http_only: c.http_only,
                secure: c.secure,
                session: c.session,
                same_site: c.same_site.map(|s| s.as_ref().to_owned()),
                partition_key: c.partition_key.map(|k| k.top_level_site),
            })
            .collect();
        let storage = self.storage(page).await;
        let (requests, history) = {
            let log = log.lock().unwrap_or_else(PoisonError::into_inner);
            (log.requests.clone(), log.documents.clone())
        };
        Ok(Some(Observed {
            final_url: if info.url.is_empty() {
                url.to_owned()
            } else {
                info.url
            },
            widget: info.widget,
            config: info.config,
            links: info.links,
            history,
            requests,
            cookies,
            storage,
        }))
    }

    /// Navigates and waits for the load event. When it does not come in time but the document
    /// did (a resource that never ends), the page is scanned as it is.
    async fn load(&self, page: &Page, url: &str) -> Result<(), Failure> {
        let timeout = self.settings.timeout;
        match tokio::time::timeout(timeout, page.goto(url)).await {
            Err(_) if committed(page).await => Ok(()),
            Err(_) => Err(Failure::new(
                FailureKind::Timeout,
                format!("no answer within {} s", timeout.as_secs()),
            )),
            Ok(Err(e)) => Err(Failure::from_cdp(e, timeout)),
            Ok(Ok(_)) => Ok(()),
        }
    }

    async fn info(&self, page: &Page) -> PageInfo {
        page.evaluate_function(INFO_JS)
            .await
            .ok()
            .and_then(|r| r.into_value::<PageInfo>().ok())
            .unwrap_or_default()
    }

    /// Waits until no request has started for the settle time (at most ten times that, and at
    /// least once the settle time).
    async fn settle(&self, log: &Arc<Mutex<Log>>) {
        let settle = self.settings.settle;
        let start = Instant::now();
        let step = Duration::from_millis(50).min(settle);
        loop {
            tokio::time::sleep(step).await;
            let last = log.lock().unwrap_or_else(PoisonError::into_inner).last;
            let quiet = last.max(start).elapsed();
            if quiet >= settle || start.elapsed() >= settle * 10 {
                break;
            }
        }
    }

    /// The localStorage and sessionStorage of every frame's origin.
    async fn storage(&self, page: &Page) -> Vec<Storage> {
        let mut out: Vec<Storage> = Vec::new();
        let Ok(frames) = page.frames().await else {
            return out;
        };
        for frame in frames {
            let Ok(Some(context)) = page.frame_execution_context(frame).await else {
                continue;
            };
            let Ok(call) = CallFunctionOnParams::builder()
                .function_declaration(STORAGE_JS)
                .execution_context_id(context)
                .build()
            else {
                continue;
            };
            let Some(storage) = page
                .evaluate_function(call)
                .await
                .ok()
                .and_then(|r| r.into_value::<Storage>().ok())
            else {
                continue;
            };
            if storage.origin != "null" && !out.iter().any(|s| s.origin == storage.origin) {
                out.push(storage);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn net_errors_are_told_apart() {
        let kind = |t: &str| Failure::from_net_error(t).kind;
        assert_eq!(kind("net::ERR_NAME_NOT_RESOLVED"), FailureKind::Dns);
        assert_eq!(kind("net::ERR_CERT_AUTHORITY_INVALID"), FailureKind::Tls);
        assert_eq!(kind("net::ERR_SSL_PROTOCOL_ERROR"), FailureKind::Tls);
        assert_eq!(kind("net::ERR_CONNECTION_TIMED_OUT"), FailureKind::Timeout);
        assert_eq!(kind("net::ERR_TIMED_OUT"), FailureKind::Timeout);
        assert_eq!(kind("net::ERR_CONNECTION_REFUSED"), FailureKind::Connection);
        assert_eq!(kind("net::ERR_EMPTY_RESPONSE"), FailureKind::Connection);
        assert_eq!(kind("net::ERR_ABORTED"), FailureKind::Browser);
    }
}
