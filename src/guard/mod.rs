//! The guard's module: [`Guard`] behind a handful of plain exports, strings through linear
//! memory. No imports, no wasm-bindgen: the module never calls out, so no page code can run while
//! the state is in use, and nothing here can throw into the page.
//!
//! Calling convention: JavaScript asks for an input area with `buf(n)`, writes UTF-8 strings
//! there back to back and passes their byte lengths; answers that are text go to an output area
//! read through `out()` and `olen()`. Numbers come back as return values.

use crate::core::category::Category;
use crate::core::guard::{Guard, Kind};
use crate::core::json;
use crate::core::record::Method;
use core::cell::UnsafeCell;

struct Io {
    input: Vec<u8>,
    output: Vec<u8>,
    guard: Option<Guard>,
}

struct Global(UnsafeCell<Io>);

// SAFETY: wasm32-unknown-unknown without the atomics feature has exactly one thread.
unsafe impl Sync for Global {}

static IO: Global = Global(UnsafeCell::new(Io {
    input: Vec::new(),
    output: Vec::new(),
    guard: None,
}));

fn io() -> &'static mut Io {
    // SAFETY: one thread, and no export calls another or out of the module, so at most one
    // reference to the state is alive at a time.
    unsafe { &mut *IO.0.get() }
}

/// The strings of the input area, cut at the given byte lengths (invalid UTF-8: empty). Not
/// generic over the count: one copy of this code serves every export.
fn args<'a>(input: &'a [u8], lens: &[u32]) -> Vec<&'a str> {
    let mut at = 0usize;
    lens.iter()
        .map(|&len| {
            let end = at.saturating_add(len as usize).min(input.len());
            let bytes = &input[at.min(end)..end];
            // SAFETY: the guard writes the input with `TextEncoder.encodeInto`, which writes
            // only whole UTF-8 sequences (a lone surrogate becomes U+FFFD), and the lengths it
            // passes are the byte counts that call returned.
            let s = unsafe { core::str::from_utf8_unchecked(bytes) };
            at = end;
            s
        })
        .collect()
}

fn put(output: &mut Vec<u8>, text: &str) -> u32 {
    output.clear();
    output.extend_from_slice(text.as_bytes());
    output.len() as u32
}

fn kind(n: u32) -> Kind {
    match n {
        0 => Kind::Script,
        1 => Kind::Frame,
        2 => Kind::Request,
        3 => Kind::Cookie,
        _ => Kind::Storage,
    }
}

fn mask(changed: &[Category]) -> u32 {
    changed.iter().fold(0, |m, c| m | 1 << c.index())
}

/// An input area of `len` bytes; its address.
#[no_mangle]
pub extern "C" fn buf(len: u32) -> *mut u8 {
    let io = io();
    io.input.clear();
    io.input.resize(len as usize, 0);
    io.input.as_mut_ptr()
}

/// The output area's address.
#[no_mangle]
pub extern "C" fn out() -> *const u8 {
    io().output.as_ptr()
}

/// Starts the guard. Input: the configuration and the stored record as JSON streams (see
/// [`crate::core::json::decode`]; length -1: absent, -2: not JSON). No output. Returns bit 0: a
/// banner is due; bit 1: a field of the configuration fell back to its built-in value (the UI
/// says which); bit 6: ads data redaction; bit 7: the configuration names a service worker (its
/// path: `text(6)`).
#[no_mangle]
pub extern "C" fn start(cfg: i32, rec: i32, now: f64, gpc: u32) -> u32 {
    let io = io();
    let len = |n: i32| n.max(0) as u32;
    let v = args(&io.input, &[len(cfg), len(rec)]);
    let config = (cfg != -1).then(|| json::decode(v[0]).filter(|_| cfg >= 0));
    let stored = (rec >= 0).then(|| json::decode(v[1])).flatten();
    let (guard, errors) = Guard::start(config, stored, now, gpc != 0);
    let mut bits = u32::from(guard.prompt);
    bits |= u32::from(!errors.is_empty()) << 1;
    bits |= u32::from(guard.config.ads_data_redaction) << 6;
    bits |= u32::from(guard.config.service_worker.is_some()) << 7;
    io.guard = Some(guard);
    bits
}

/// The visitor's language, for the UI's language file: input the page's `<html lang>`, then
/// the browser's languages, one per line. Returns its index in [`crate::core::i18n::Lang::ALL`]
/// (the configuration's language first, Azerbaijani when none is spoken).
#[no_mangle]
pub extern "C" fn lang(len: u32) -> u32 {
    let io = io();
    let v = args(&io.input, &[len]);
    let configured = io.guard.as_ref().and_then(|g| g.config.language);
    crate::core::i18n::choose(configured, v[0].split('\n')) as u32
}

/// The output's length after the last call that wrote one.
#[no_mangle]
pub extern "C" fn olen() -> u32 {
    io().output.len() as u32
}

/// Whether a URL (its host and path as `URL` reads them) may be reached; `what` is noted when
/// not. Returns 0 when it may, else the index of the category it is held under; the output is
/// the service. Not started: held as marketing.
#[no_mangle]
pub extern "C" fn url(k: u32, host: u32, path: u32, what: u32) -> u32 {
    let io = io();
    let v = args(&io.input, &[host, path, what]);
    let (h, p, w) = (v[0], v[1], v[2]);
    let Some(g) = io.guard.as_mut() else {
        return crate::core::guard::UNKNOWN_OWNER.index() as u32;
    };
    match g.url(h, p, kind(k), w) {
        None => 0,
        Some((category, service)) => {
            put(&mut io.output, &service);
            category.index() as u32
        }
    }
}

/// Whether a `document.cookie` assignment may be written (bit 0) and whether no service owns
/// its name (bit 1: a fact of the name's text alone, whatever the consent and the attributes,
/// so the guard need not ask again for that name). Not started: only a deletion may.
#[no_mangle]
pub extern "C" fn cookie(len: u32, now: f64) -> u32 {
    let io = io();
    let a = args(&io.input, &[len])[0];
    match io.guard.as_mut() {
        Some(g) => u32::from(g.cookie(a, now)) | u32::from(g.owns_no_cookie(a)) << 1,
        None => u32::from(crate::core::guard::is_deletion(a, now)),
    }
}

/// Whether `cookieStore.set` may write a cookie of this name, its `expires` given in
/// milliseconds (NaN when not given as a number): a deletion goes through.
#[no_mangle]
pub extern "C" fn cookie_named(len: u32, expires: f64, now: f64) -> u32 {
    let io = io();
    let n = args(&io.input, &[len])[0];
    let deletion = crate::core::guard::store_deletion(expires, now);
    match io.guard.as_mut() {
        Some(g) => u32::from(g.cookie_named(n, deletion, now)),
        None => u32::from(deletion),
    }
}

/// Whether a storage key may be written (bit 0), and whether no service owns it (bit 1, as for
/// cookies).
#[no_mangle]
pub extern "C" fn storage(len: u32) -> u32 {
    let io = io();
    let key = args(&io.input, &[len])[0];
    match io.guard.as_mut() {
        Some(g) => u32::from(g.storage(key)) | u32::from(g.owns_no_key(key)) << 1,
        None => u32::from(key == crate::core::record::STORAGE_KEY),
    }
}

/// Whether an element marked with a category and service may run or load.
#[no_mangle]
pub extern "C" fn marked(k: u32, cat: u32, svc: u32, what: u32) -> u32 {
    let io = io();
    let v = args(&io.input, &[cat, svc, what]);
    let (c, s, w) = (v[0], v[1], v[2]);
    io.guard
        .as_mut()
        .map_or(0, |g| u32::from(g.marked(c, s, kind(k), w)))
}

/// `acceptedCategory` (`service` 0) or `acceptedService` (1).
#[no_mangle]
pub extern "C" fn accepted(service: u32, len: u32) -> u32 {
    let io = io();
    let name = args(&io.input, &[len])[0];
    let Some(g) = io.guard.as_ref() else { return 0 };
    u32::from(if service != 0 {
        g.accepts_service(name)
    } else {
        Category::from_name(name).is_some_and(|c| g.allows(Some(c), None))
    })
}

/// Whether a script with this `type` attribute runs as a script (a script without one always
/// does: the guard does not ask).
#[no_mangle]
pub extern "C" fn runs(len: u32) -> u32 {
    let io = io();
    let ty = args(&io.input, &[len])[0];
    u32::from(crate::core::guard::runs_as_script(Some(ty)))
}

/// The box to reserve for a held embed's placeholder. Input: tag name, `width`, `height`.
/// Returns 1 with the host's CSS in the output, or 0 when the element gets no placeholder.
#[no_mangle]
pub extern "C" fn boxed(tag: u32, width: u32, height: u32) -> u32 {
    let io = io();
    let v = args(&io.input, &[tag, width, height]);
    let (t, w, h) = (v[0], v[1], v[2]);
    match crate::core::guard::placeholder_box(t, w, h) {
        Some(css) => {
            put(&mut io.output, &css);
            1
        }
        None => 0,
    }
}

/// Whether markup given as a string can make the browser fetch anything (see
/// [`crate::core::markup::may_fetch`]): only such markup is parsed in an inert template first.
#[no_mangle]
pub extern "C" fn fetches(len: u32) -> u32 {
    let io = io();
    u32::from(crate::core::markup::may_fetch(args(&io.input, &[len])[0]))
}

/// Markup written with `document.write`, first step: the output is the `src` of each script
/// in it that would run, separated by NUL; returns how many.
#[no_mangle]
pub extern "C" fn scripts(len: u32) -> u32 {
    let io = io();
    let html = args(&io.input, &[len])[0];
    let list = crate::core::guard::written_scripts(html);
    let mut text = String::new();
    for (i, src) in list.iter().enumerate() {
        if i > 0 {
            text.push('\0');
        }
        text.push_str(src);
    }
    put(&mut io.output, &text);
    list.len() as u32
}

/// Second step: input the markup, then one verdict per URL of the first step, each the
/// category's index (0: allowed) and the service, separated by NUL. Returns 1 and the held-back
/// markup in the output when something is refused, else 0.
#[no_mangle]
pub extern "C" fn write(len: u32, verdicts: u32) -> u32 {
    let io = io();
    let v = args(&io.input, &[len, verdicts]);
    let (html, v) = (v[0], v[1]);
    let mut v = crate::core::bytes::split(v, 0);
    let held = crate::core::guard::hold_written(html, |_| {
        let found = v.next()?;
        let category = crate::core::category::Category::ALL
            .into_iter()
            .find(|c| c.index() > 0 && found.starts_with(char::from(b'0' + c.index() as u8)))?;
        Some((category, found.get(1..).unwrap_or("").to_owned()))
    });
    match held {
        Some(text) => {
            put(&mut io.output, &text);
            1
        }
        None => 0,
    }
}

/// Puts a choice made through the API in force at once (the UI records it when it has
/// loaded). Input: the service choices, one per line (`1id` or `0id`). `categories`: bits 0–3,
/// `method` 0 accept all, 1 reject all, 2 custom. Returns the changed categories as bits 0–3,
/// bit 4 when the page should reload, and the categories as decided as bits 8–11.
#[no_mangle]
pub extern "C" fn apply(categories: u32, method: u32, svc: u32, now: f64) -> u32 {
    let io = io();
    let Some(g) = io.guard.as_mut() else { return 0 };
    let services: Vec<(String, bool)> = crate::core::bytes::lines(args(&io.input, &[svc])[0])
        .filter_map(|l| Some((l.get(1..)?.to_owned(), l.starts_with('1'))))
        .filter(|(id, _)| !id.is_empty())
        .collect();
    let method = match method {
        0 => Method::AcceptAll,
        1 => Method::RejectAll,
        _ => Method::Custom,
    };
    let cats = [0, 1, 2, 3].map(|i| categories & (1 << i) != 0);
    let done = g.apply_choice(cats, &services, method, now);
    let decided = done
        .categories
        .iter()
        .enumerate()
        .fold(0, |m, (i, &on)| m | u32::from(on) << (i + 8));
    mask(&done.changed) | u32::from(done.reload) << 4 | decided
}

/// Reads a stored value — the UI's record, another tab's, or none after a reset — given as a
/// JSON stream of `len` bytes (negative: none, or not JSON). Returns 0 when the consent in
/// force stays as it is; else bit 5, the changed categories as bits 0–3, bit 4 when the page
/// should reload, bit 6 when a valid choice is in force, and bit 7 when what is allowed
/// changed (a category or a service; not when the record only got its id and time).
#[no_mangle]
pub extern "C" fn read(len: i32, now: f64) -> u32 {
    let io = io();
    let value = args(&io.input, &[len.max(0) as u32])[0];
    let Some(g) = io.guard.as_mut() else { return 0 };
    let stored = (len >= 0).then(|| json::decode(value)).flatten();
    let before = g.consent.record.clone();
    match g.read(stored, now) {
        Some((changed, reload)) => {
            1 << 5
                | mask(&changed)
                | u32::from(reload) << 4
                | u32::from(!g.prompt) << 6
                | u32::from(!g.allows_as(before.as_ref())) << 7
        }
        None => 0,
    }
}

/// A text answer: 1 `blocked()`, 2 `unknownCookies()`, 3 Consent Mode's default, 4 its update,
/// else the service worker's path (empty: none). Returns the output's length.
#[no_mangle]
pub extern "C" fn text(which: u32) -> u32 {
    let io = io();
    let Some(g) = io.guard.as_ref() else {
        return put(&mut io.output, "");
    };
    let text = match which {
        1 => g.blocked_json(),
        2 => g.unknown_json(),
        3 => g.consent_mode(true),
        4 => g.consent_mode(false),
        _ => g.config.service_worker.clone().unwrap_or_default(),
    };
    put(&mut io.output, &text)
}

/// The clean-up: input the page's cookies (as `document.cookie` reads), its host and path, then
/// the storage keys (one per line). Output: the assignments that delete refused cookies, then
/// the refused keys, one per line; returns how many lines are assignments.
#[no_mangle]
pub extern "C" fn clean(cookies: u32, host: u32, path: u32, keys: u32) -> u32 {
    let io = io();
    let v = args(&io.input, &[cookies, host, path, keys]);
    let (c, h, p, k) = (v[0], v[1], v[2], v[3]);
    let Some(g) = io.guard.as_ref() else {
        put(&mut io.output, "");
        return 0;
    };
    let deletions = g.cookie_deletions(c, h, p);
    // Lines pushed one by one, not `join`: its generic code would be one more copy in the module.
    let mut text = String::new();
    for (i, line) in deletions.iter().enumerate() {
        if i > 0 {
            text.push('\n');
        }
        text.push_str(line);
    }
    for key in g.storage_deletions(k) {
        text.push('\n');
        text.push_str(key);
    }
    put(&mut io.output, &text);
    deletions.len() as u32
}
