//! What leaves the page about a choice, both off by default: the consent log (proof of
//! consent, one beacon per choice) and the first-party cookie mirror a server can read.

use super::dom;
use crate::core::category::Category;
use crate::core::record::{push_json_str, push_u64, Record, STORAGE_KEY};

/// Sends a choice to the configured consent log with `navigator.sendBeacon`, as JSON text:
/// record id, time, categories, revision, method, language and the page URL without its query.
/// Nothing about the visitor's device or address is collected by the widget.
pub fn log(endpoint: &str, record: &Record, lang: &str) {
    let Ok(window) = dom::window() else { return };
    let location = window.location();
    let mut page = location.origin().unwrap_or_default();
    page.push_str(&location.pathname().unwrap_or_default());
    let mut body = String::with_capacity(256);
    body.push_str("{\"id\":");
    push_json_str(&mut body, &record.id);
    body.push_str(",\"timestamp\":");
    push_json_str(&mut body, &crate::core::record::format_iso(record.time_ms));
    body.push_str(",\"categories\":[");
    let mut first = true;
    for c in Category::ALL.into_iter().filter(|c| record.accepted(*c)) {
        if !first {
            body.push(',');
        }
        first = false;
        push_json_str(&mut body, c.name());
    }
    body.push_str("],\"revision\":");
    push_u64(&mut body, record.revision);
    body.push_str(",\"method\":");
    push_json_str(&mut body, record.method.name());
    body.push_str(",\"language\":");
    push_json_str(&mut body, lang);
    body.push_str(",\"url\":");
    push_json_str(&mut body, &page);
    body.push('}');
    let sent = window
        .navigator()
        .send_beacon_with_opt_str(endpoint, Some(&body))
        .unwrap_or(false);
    if !sent {
        dom::log_error("bzconsent: the consent log could not be sent");
    }
}

/// Writes (or, without a record, deletes) the `bzconsent` cookie: the accepted categories
/// joined by `.`, e.g. `necessary.analytics`, for the server to read.
pub fn mirror(record: Option<&Record>, expiry_days: u32) {
    let Ok(window) = dom::window() else { return };
    let secure = window.location().protocol().is_ok_and(|p| p == "https:");
    let mut cookie = String::from(STORAGE_KEY);
    cookie.push('=');
    match record {
        Some(r) => {
            let mut first = true;
            for c in Category::ALL.into_iter().filter(|c| r.accepted(*c)) {
                if !first {
                    cookie.push('.');
                }
                first = false;
                cookie.push_str(c.name());
            }
            cookie.push_str("; max-age=");
            push_u64(&mut cookie, u64::from(expiry_days) * 86_400);
        }
        None => cookie.push_str("; max-age=0"),
    }
    cookie.push_str("; path=/; SameSite=Lax");
    if secure {
        cookie.push_str("; Secure");
    }
    super::cookies::write_native(&cookie);
}
