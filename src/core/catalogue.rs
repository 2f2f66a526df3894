//! The built-in catalogue of known trackers: the hosts their scripts and requests use, the
//! cookies and storage keys they write, and the functions that match against them.
//!
//! The tables are plain `static` data, so adding a tracker is adding a row; the tests at the end
//! check every row (unique ids, sane patterns, nothing innocent caught).
//!
//! What the rows hold, and why:
//! - **Cookies and storage keys are the ones the tracker's script writes on the site's own
//!   domain** — the only ones a page script can block or delete. Third-party cookies (`IDE`,
//!   `NID`, `MUID`, `test_cookie`, `bcookie`…) live on the tracker's domain, out of our reach, and
//!   their short generic names would catch the site's own cookies, so they are left out.
//!   Exact names are preferred; a wildcard is used only for a name family the vendor documents
//!   (`_ga_<container>`, `Hm_lvt_<site>`, `ph_<token>_posthog`…), never a bare short prefix
//!   such as `mp_*` or `ph_*`.
//! - **Hosts cover both the script and the collector** (`googletagmanager.com` and
//!   `google-analytics.com`), so a forgotten tag is held back and a stray beacon is recognised.
//!   Image CDNs that set no cookies (`i.ytimg.com`, `i.vimeocdn.com`) are left out: blocking them
//!   would only break thumbnails.
//! - **`google-tag-manager`** is its own analytics entry: `gtm.js` sets no cookie itself, but it
//!   loads whatever tags the site put in the container, so it waits for analytics consent. The
//!   `gtag.js` loader (`googletagmanager.com/gtag/`) is attributed to `google-analytics`, its
//!   usual job; the more specific host pattern wins (see [`tracker_for_url`]).
//! - Embedded players and maps (YouTube, Vimeo, Google Maps) are `marketing`: they set
//!   advertising identifiers on their own domains as soon as they load.
//!
//! Matching:
//! - cookie and storage-key patterns: [`name_matches`] (exact, or `*` for any run of characters);
//! - URLs: [`host_and_path`] splits them the way a browser would, [`host_matches`] compares with a
//!   host pattern (`example.com` covers its subdomains; `example.com/tr` also needs the path).
//!
//! When several trackers match, the most specific pattern wins, so the order of the table does
//! not matter.

use super::category::Category;

/// What a cookie is for (the UI translates it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// Tells visitors apart across visits.
    Identify,
    /// Keeps the current visit (session) together.
    Session,
    /// Limits the rate of requests.
    Throttle,
    /// Measures and personalizes advertising.
    Ads,
    /// Remembers the visitor's consent or opt-out for that vendor.
    Consent,
    /// Remembers the visitor's settings.
    Preferences,
    /// Technical checks (cookie support, ad blockers, storage tests).
    Diagnostics,
}

/// One cookie (or cookie family) a tracker writes.
#[derive(Debug)]
pub struct Cookie {
    /// Name pattern, see [`name_matches`].
    pub pattern: &'static str,
    /// What the cookie is for.
    pub purpose: Purpose,
    /// How long it lives, in days; 0 = until the browser closes.
    pub days: u16,
}

/// One known service.
#[derive(Debug)]
pub struct Tracker {
    /// Stable id, as used in `data-service` and the stored record.
    pub id: &'static str,
    /// Display name.
    pub name: &'static str,
    /// The company behind it.
    pub provider: &'static str,
    /// The category that must be accepted before it runs.
    pub category: Category,
    /// Host patterns of its scripts, frames and requests, see [`host_matches`].
    pub hosts: &'static [&'static str],
    /// The first-party cookies it writes.
    pub cookies: &'static [Cookie],
    /// The localStorage/sessionStorage key patterns it writes.
    pub storage: &'static [&'static str],
}

use Purpose::{Ads, Consent, Diagnostics, Identify, Session, Throttle};

/// A table row for a cookie; keeps the table readable.
const fn c(pattern: &'static str, purpose: Purpose, days: u16) -> Cookie {
    Cookie {
        pattern,
        purpose,
        days,
    }
}

/// Every tracker the widget knows without configuration.
pub static TRACKERS: &[Tracker] = &[
    // --- Analytics -------------------------------------------------------------------------
    Tracker {
        id: "google-analytics",
        name: "Google Analytics",
        provider: "Google",
        category: Category::Analytics,
        hosts: &[
            "google-analytics.com",
            "analytics.google.com",
            "googletagmanager.com/gtag/",
        ],
        cookies: &[
            c("_ga", Identify, 730),
            c("_ga_*", Session, 730),
            c("_gid", Identify, 1),
            c("_gat", Throttle, 1),
            c("_gat_*", Throttle, 1),
            c("_dc_gtm_*", Throttle, 1),
            c("_gac_*", Ads, 90),
            c("AMP_TOKEN", Identify, 365),
            c("__utma", Identify, 730),
            c("__utmb", Session, 1),
            c("__utmc", Session, 0),
            c("__utmt", Throttle, 1),
            c("__utmz", Ads, 183),
            c("__utmv", Identify, 730),
        ],
        storage: &[],
    },
    Tracker {
        id: "google-tag-manager",
        name: "Google Tag Manager",
        provider: "Google",
        category: Category::Analytics,
        hosts: &["googletagmanager.com"],
        cookies: &[],
        storage: &[],
    },
    Tracker {
        id: "baidu-tongji",
        name: "Baidu Tongji",
        provider: "Baidu",
        category: Category::Analytics,
        hosts: &["hm.baidu.com", "hmcdn.baidu.com"],
        cookies: &[
            c("Hm_lvt_*", Identify, 365),
            c("Hm_lpvt_*", Session, 0),
            c("Hm_up_*", Identify, 365),
            c("Hm_ck_*", Diagnostics, 0),
        ],
        storage: &["Hm_unsent_*", "Hm_up_*"],
    },
    Tracker {
        id: "yandex-metrica",
        name: "Yandex Metrica",
        provider: "Yandex",
        category: Category::Analytics,
        hosts: &[
            "mc.yandex.ru",
            "mc.yandex.com",
            "mc.yandex.az",
            "mc.yandex.by",
            "mc.yandex.kz",
            "mc.yandex.ua",
            "mc.yandex.com.tr",
            "mc.webvisor.org",
            "mc.webvisor.com",
            "cdn.jsdelivr.net/npm/yandex-metrica-watch/",
        ],
        cookies: &[
            c("_ym_uid", Identify, 365),
            c("_ym_d", Identify, 365),
            c("_ym_isad", Diagnostics, 2),
            c("_ym_visorc", Session, 1),
            c("_ym_*", Session, 365),
            c("_ym*_lastHit", Session, 365),
            c("_ym*_reqNum", Diagnostics, 365),
            c("_ym*_lsid", Session, 365),
        ],
        storage: &["_ym_*", "_ym*_lastHit", "_ym*_reqNum", "_ym*_lsid"],
    },
    Tracker {
        id: "mixpanel",
        name: "Mixpanel",
        provider: "Mixpanel",
        category: Category::Analytics,
        hosts: &["mixpanel.com", "mxpnl.com"],
        cookies: &[
            c("mp_*_mixpanel", Identify, 365),
            c("__mp_opt_in_out_*", Consent, 365),
        ],
        // The tab ids are sessionStorage keys of mixpanel-browser 2.5x+, named
        // `mp_tab_id_<instance name>_<token>`: the default instance is `mixpanel`, a second
        // `mixpanel.init(token, config, "name")` uses its own name.
        storage: &[
            "mp_*_mixpanel",
            "mp_tab_id_*",
            "mp_gen_new_tab_id_*",
            "__mp_opt_in_out_*",
            "__mpq_*",
        ],
    },
    Tracker {
        id: "posthog",
        name: "PostHog",
        provider: "PostHog",
        category: Category::Analytics,
        hosts: &["posthog.com"],
        cookies: &[
            c("ph_*_posthog", Identify, 365),
            c("__ph_opt_in_out_*", Consent, 365),
        ],
        // Project keys start with `phc_`; the other two cover a custom `persistence_name`.
        storage: &[
            "ph_*_posthog",
            "ph_phc_*",
            "ph_*_window_id",
            "ph_*_primary_window_exists",
            "__ph_opt_in_out_*",
        ],
    },
    Tracker {
        id: "amplitude",
        name: "Amplitude",
        provider: "Amplitude",
        category: Category::Analytics,
        hosts: &["amplitude.com"],
        cookies: &[
            c("AMP_MKTG_*", Ads, 365),
            c("AMP_*", Identify, 365),
            c("amp_*", Identify, 365),
            c("amplitude_id_*", Identify, 365),
        ],
        storage: &["AMP_*", "amp_*", "amplitude_*"],
    },
    Tracker {
        id: "hotjar",
        name: "Hotjar",
        provider: "Hotjar",
        category: Category::Analytics,
        hosts: &["hotjar.com", "hotjar.io"],
        cookies: &[
            c("_hjSessionUser_*", Identify, 365),
            c("_hjSession_*", Session, 1),
            c("_hj*", Diagnostics, 365),
        ],
        storage: &["_hj*", "hjActiveViewportIds", "hjViewportId"],
    },
    Tracker {
        id: "contentsquare",
        name: "Contentsquare",
        provider: "Contentsquare",
        category: Category::Analytics,
        hosts: &["contentsquare.net"],
        cookies: &[
            c("_cs_id", Identify, 395),
            c("_cs_s", Session, 1),
            c("_cs_s_ctx", Session, 1),
            c("_cs_c", Consent, 395),
            c("_cs_i", Identify, 3),
            c("_cs_cvars", Session, 0),
        ],
        storage: &[],
    },
    Tracker {
        id: "microsoft-clarity",
        name: "Microsoft Clarity",
        provider: "Microsoft",
        category: Category::Analytics,
        hosts: &["clarity.ms"],
        cookies: &[c("_clck", Identify, 365), c("_clsk", Session, 1)],
        storage: &["_cltk"],
    },
    Tracker {
        id: "segment",
        name: "Segment",
        provider: "Twilio",
        category: Category::Analytics,
        hosts: &["segment.com", "segment.io", "segmentapis.com"],
        cookies: &[
            c("ajs_anonymous_id", Identify, 365),
            c("ajs_user_id", Identify, 365),
            c("ajs_group_id", Identify, 365),
        ],
        storage: &["ajs_*", "persisted-queue:v1:*"],
    },
    Tracker {
        id: "heap",
        name: "Heap",
        provider: "Heap",
        category: Category::Analytics,
        hosts: &["heapanalytics.com", "heap-api.com"],
        cookies: &[
            c("_hp2_id.*", Identify, 395),
            c("_hp2_ses_props.*", Session, 1),
            c("_hp2_props.*", Identify, 395),
            c("_hp2_hld.*", Diagnostics, 0),
            c("_hp5_meta.*", Identify, 395),
            c("_hp5_event_props.*", Identify, 395),
            c("_hp5_let.*", Session, 395),
        ],
        storage: &[],
    },
    Tracker {
        id: "fullstory",
        name: "FullStory",
        provider: "FullStory",
        category: Category::Analytics,
        hosts: &["fullstory.com"],
        cookies: &[
            c("fs_uid", Identify, 365),
            c("fs_lua", Session, 1),
            c("fs_cid", Consent, 365),
        ],
        storage: &[],
    },
    Tracker {
        id: "matomo",
        name: "Matomo",
        provider: "InnoCraft",
        category: Category::Analytics,
        // Self-hosted Matomo lives on the site's own host: the site declares that host itself.
        hosts: &["matomo.cloud"],
        cookies: &[
            c("_pk_id.*", Identify, 393),
            c("_pk_ses.*", Session, 1),
            c("_pk_ref.*", Ads, 183),
            c("_pk_cvar.*", Session, 1),
            c("_pk_hsr.*", Session, 1),
            c("_pk_testcookie*", Diagnostics, 0),
        ],
        storage: &[],
    },
    Tracker {
        id: "adobe-analytics",
        name: "Adobe Analytics",
        provider: "Adobe",
        category: Category::Analytics,
        // `assets.adobedtm.com` is the Adobe tag loader, the usual way the rest arrives.
        hosts: &[
            "omtrdc.net",
            "2o7.net",
            "adobedc.net",
            "demdex.net",
            "assets.adobedtm.com",
        ],
        cookies: &[
            c("AMCV_*", Identify, 730),
            c("AMCVS_*", Session, 0),
            c("kndctr_*", Identify, 390),
            c("s_ecid", Identify, 730),
            c("s_vi", Identify, 730),
            c("s_fid", Identify, 730),
            c("s_cc", Diagnostics, 0),
            c("s_sq", Session, 0),
        ],
        storage: &[],
    },
    // --- Marketing -------------------------------------------------------------------------
    Tracker {
        id: "google-ads",
        name: "Google Ads",
        provider: "Google",
        category: Category::Marketing,
        hosts: &[
            "googleadservices.com",
            "doubleclick.net",
            "googlesyndication.com",
            "googletagservices.com",
            "adservice.google.com",
            "google.com/pagead/",
            "google.com/ads/",
        ],
        cookies: &[
            c("_gcl_*", Ads, 90),
            c("__gads", Ads, 395),
            c("__gpi", Ads, 395),
        ],
        storage: &[],
    },
    Tracker {
        id: "meta-pixel",
        name: "Meta Pixel",
        provider: "Meta",
        category: Category::Marketing,
        hosts: &[
            "connect.facebook.net",
            "facebook.com/tr",
            "facebook.com/privacy_sandbox/",
        ],
        cookies: &[c("_fbp", Ads, 90), c("_fbc", Ads, 90)],
        storage: &[],
    },
    Tracker {
        id: "tiktok-pixel",
        name: "TikTok Pixel",
        provider: "TikTok",
        category: Category::Marketing,
        hosts: &["analytics.tiktok.com", "analytics-sg.tiktok.com"],
        cookies: &[
            c("_ttp", Ads, 390),
            c("_tt_enable_cookie", Diagnostics, 390),
            c("ttcsid", Session, 390),
            c("ttcsid_*", Session, 390),
        ],
        storage: &["tt_appInfo", "tt_sessionId", "tt_pixel_session_index"],
    },
    Tracker {
        id: "linkedin-insight",
        name: "LinkedIn Insight Tag",
        provider: "LinkedIn",
        category: Category::Marketing,
        hosts: &["snap.licdn.com", "ads.linkedin.com"],
        cookies: &[
            c("li_fat_id", Ads, 30),
            c("li_giant", Ads, 7),
            c("li_sugr", Ads, 90),
            c("ln_or", Diagnostics, 1),
        ],
        storage: &[],
    },
    Tracker {
        id: "bing-ads",
        name: "Microsoft Advertising (UET)",
        provider: "Microsoft",
        category: Category::Marketing,
        hosts: &["bat.bing.com", "c.bing.com"],
        cookies: &[
            c("_uetsid", Ads, 1),
            c("_uetvid", Ads, 390),
            c("_uetmsclkid", Ads, 90),
        ],
        storage: &["_uetsid*", "_uetvid*"],
    },
    Tracker {
        id: "twitter-pixel",
        name: "X (Twitter) Pixel",
        provider: "X",
        category: Category::Marketing,
        hosts: &["ads-twitter.com", "analytics.twitter.com", "t.co/i/adsct"],
        cookies: &[c("_twclid", Ads, 730)],
        storage: &[],
    },
    Tracker {
        id: "pinterest-tag",
        name: "Pinterest Tag",
        provider: "Pinterest",
        category: Category::Marketing,
        hosts: &["s.pinimg.com/ct/", "ct.pinterest.com"],
        cookies: &[
            c("_pin_unauth", Ads, 365),
            c("_epik", Ads, 365),
            c("_derived_epik", Ads, 365),
        ],
        storage: &[],
    },
    Tracker {
        id: "snap-pixel",
        name: "Snap Pixel",
        provider: "Snap",
        category: Category::Marketing,
        hosts: &["sc-static.net", "tr.snapchat.com", "tr-shadow.snapchat.com"],
        cookies: &[c("_scid", Ads, 395), c("_sctr", Ads, 365)],
        storage: &[],
    },
    Tracker {
        id: "reddit-pixel",
        name: "Reddit Pixel",
        provider: "Reddit",
        category: Category::Marketing,
        hosts: &["redditstatic.com/ads/", "alb.reddit.com"],
        cookies: &[c("_rdt_uuid", Ads, 90)],
        storage: &[],
    },
    Tracker {
        id: "criteo",
        name: "Criteo",
        provider: "Criteo",
        category: Category::Marketing,
        hosts: &["criteo.com", "criteo.net"],
        cookies: &[c("cto_bundle", Ads, 395), c("cto_bidid", Ads, 365)],
        storage: &[],
    },
    Tracker {
        id: "quantcast",
        name: "Quantcast",
        provider: "Quantcast",
        category: Category::Marketing,
        hosts: &["quantserve.com"],
        cookies: &[c("__qca", Ads, 395)],
        storage: &[],
    },
    Tracker {
        id: "taboola",
        name: "Taboola",
        provider: "Taboola",
        category: Category::Marketing,
        hosts: &["taboola.com"],
        cookies: &[c("t_gid", Ads, 365), c("t_pt_gid", Ads, 365)],
        storage: &["taboola global:*"],
    },
    Tracker {
        id: "outbrain",
        name: "Outbrain",
        provider: "Outbrain",
        category: Category::Marketing,
        hosts: &["outbrain.com"],
        cookies: &[],
        storage: &[],
    },
    Tracker {
        id: "hubspot",
        name: "HubSpot",
        provider: "HubSpot",
        category: Category::Marketing,
        // Forms (`hsforms.net`) and chat are left alone: blocking them breaks the site.
        hosts: &[
            "hs-scripts.com",
            "hs-analytics.net",
            "hsadspixel.net",
            "hscollectedforms.net",
            "track.hubspot.com",
        ],
        cookies: &[
            c("__hstc", Identify, 180),
            c("hubspotutk", Identify, 180),
            c("__hssc", Session, 1),
            c("__hssrc", Session, 0),
        ],
        storage: &[],
    },
    Tracker {
        id: "marketo",
        name: "Marketo Munchkin",
        provider: "Adobe",
        category: Category::Marketing,
        hosts: &["munchkin.marketo.net", "mktoresp.com"],
        cookies: &[c("_mkto_trk", Identify, 730)],
        storage: &[],
    },
    Tracker {
        id: "vk-pixel",
        name: "VK Pixel",
        provider: "VK",
        category: Category::Marketing,
        hosts: &["vk.com/rtrg", "vk.com/js/api/openapi.js"],
        cookies: &[],
        storage: &[],
    },
    Tracker {
        id: "top-mail-ru",
        name: "Top@Mail.Ru (VK Ads)",
        provider: "VK",
        category: Category::Marketing,
        hosts: &["top-fwz1.mail.ru"],
        cookies: &[
            c("tmr_lvid", Identify, 365),
            c("tmr_lvidTS", Identify, 365),
            c("tmr_reqNum", Diagnostics, 365),
            c("tmr_detect", Diagnostics, 1),
        ],
        storage: &["tmr_lvid", "tmr_lvidTS", "tmr_reqNum", "tmr_detect"],
    },
    Tracker {
        id: "youtube",
        name: "YouTube",
        provider: "Google",
        category: Category::Marketing,
        hosts: &["youtube.com", "youtube-nocookie.com", "youtu.be"],
        cookies: &[],
        storage: &[],
    },
    Tracker {
        id: "vimeo",
        name: "Vimeo",
        provider: "Vimeo",
        category: Category::Marketing,
        hosts: &["vimeo.com"],
        cookies: &[],
        storage: &[],
    },
    Tracker {
        id: "google-maps",
        name: "Google Maps",
        provider: "Google",
        category: Category::Marketing,
        hosts: &["maps.googleapis.com", "maps.google.com", "google.com/maps/"],
        cookies: &[],
        storage: &[],
    },
];

/// Cookie/storage-key pattern match: exact, or `*` for any run of characters (also none).
///
/// Case-sensitive, like cookie names; the whole name must match. An empty pattern matches
/// nothing. `"_ga_*"` matches `_ga_ABC123` but not `_gallery`; `"mp_*_mixpanel"` matches
/// `mp_0123abcd_mixpanel`.
pub fn name_matches(pattern: &str, name: &str) -> bool {
    let (p, n) = (pattern.as_bytes(), name.as_bytes());
    if p.is_empty() {
        return false;
    }
    let (mut pi, mut ni) = (0, 0);
    // Where the last `*` was and where its match currently ends, to backtrack to.
    let mut star: Option<(usize, usize)> = None;
    while ni < n.len() {
        match p.get(pi) {
            Some(b'*') => {
                star = Some((pi, ni));
                pi += 1;
            }
            Some(&b) if b == n[ni] => {
                pi += 1;
                ni += 1;
            }
            _ => match star {
                Some((sp, sn)) => {
                    star = Some((sp, sn + 1));
                    pi = sp + 1;
                    ni = sn + 1;
                }
                None => return false,
            },
        }
    }
    p[pi..].iter().all(|&b| b == b'*')
}

/// Splits an absolute or protocol-relative URL into (lower-cased host, normalised path).
///
/// Reads the URL the way a browser would, so odd spellings cannot slip past: surrounding
/// whitespace and embedded tabs/newlines are dropped, `\` counts as `/`, userinfo and port are
/// removed, the host is percent-decoded (full-width letters and dots folded to ASCII), and the
/// path loses its query and fragment, has `.`/`..` segments resolved and unreserved `%XX`
/// decoded. Only `http`, `https`, `ws` and `wss` (or no scheme with a leading `//`) give a
/// result; relative URLs, `data:`, `blob:`, `javascript:` and garbage give `None`.
/// `https:host/p` (no slashes) is read as absolute, as browsers do outside an `https` page.
pub fn host_and_path(url: &str) -> Option<(String, String)> {
    let url: String = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let slashes = |s: &str| s.bytes().take_while(|b| matches!(b, b'/' | b'\\')).count();
    let rest = if slashes(&url) >= 2 {
        url.as_str()
    } else {
        let colon = url.find(':')?;
        let scheme = &url[..colon];
        if !["http", "https", "ws", "wss"]
            .iter()
            .any(|s| scheme.eq_ignore_ascii_case(s))
        {
            return None;
        }
        &url[colon + 1..]
    };
    let rest = rest.trim_start_matches(['/', '\\']);
    let end = rest.find(['/', '\\', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    let host_port = match authority.rfind('@') {
        Some(at) => &authority[at + 1..],
        None => authority,
    };
    let host = if host_port.starts_with('[') {
        let close = host_port.find(']')?;
        host_port[..=close].to_ascii_lowercase()
    } else {
        let raw = host_port.split(':').next().unwrap_or_default();
        clean_host(raw)?
    };
    let path_end = tail.find(['?', '#']).unwrap_or(tail.len());
    Some((host, clean_path(&tail[..path_end])))
}

/// Percent-decodes and folds a host as the browser's IDNA step would for the characters that
/// matter here; `None` when nothing is left or the bytes are not UTF-8.
fn clean_host(raw: &str) -> Option<String> {
    let decoded = String::from_utf8(percent_decode(raw, false)).ok()?;
    let mut host = String::with_capacity(decoded.len());
    for ch in decoded.chars() {
        match ch {
            // Ideographic and half-width full stops separate labels like '.'.
            '\u{3002}' | '\u{FF61}' => host.push('.'),
            // Full-width ASCII, including the full-width full stop.
            '\u{FF01}'..='\u{FF5E}' => {
                let ascii = char::from_u32(ch as u32 - 0xFEE0).unwrap_or(ch);
                host.push(ascii.to_ascii_lowercase());
            }
            // Characters IDNA ignores (soft hyphen, zero-width, variation selectors, BOM).
            '\u{00AD}'
            | '\u{034F}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200D}'
            | '\u{2060}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}' => {}
            _ => host.push(ch.to_ascii_lowercase()),
        }
    }
    (!host.is_empty()).then_some(host)
}

/// Normalises a raw path (may be empty, may use `\`): unreserved `%XX` decoded, dot segments
/// resolved, always starting with `/`.
fn clean_path(raw: &str) -> String {
    // Only ASCII is decoded, so the bytes stay UTF-8; were they not, the raw path is kept.
    let decoded = String::from_utf8(percent_decode(raw, true))
        .unwrap_or_else(|_| raw.to_owned())
        .replace('\\', "/");
    let mut segments: Vec<&str> = Vec::new();
    let mut parts = decoded.split('/');
    // What comes before the first '/' (nothing, for a path) is not a segment.
    parts.next();
    let mut parts = parts.peekable();
    while let Some(segment) = parts.next() {
        match segment {
            "." => {}
            ".." => {
                segments.pop();
            }
            _ => {
                segments.push(segment);
                continue;
            }
        }
        // A trailing "." or ".." leaves a directory: "/a/.." is "/", "/a/." is "/a/".
        if parts.peek().is_none() {
            segments.push("");
        }
    }
    let mut path = String::with_capacity(decoded.len() + 1);
    for segment in segments {
        path.push('/');
        path.push_str(segment);
    }
    if path.is_empty() {
        path.push('/');
    }
    path
}

/// Decodes `%XX` escapes; with `only_unreserved`, only those of letters, digits and `-._~`
/// (which RFC 3986 says mean the same decoded), so `%2F` stays an escape.
fn percent_decode(s: &str, only_unreserved: bool) -> Vec<u8> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = match (bytes.get(i), bytes.get(i + 1), bytes.get(i + 2)) {
            (Some(b'%'), Some(&hi), Some(&lo)) => hex(hi).zip(hex(lo)).map(|(h, l)| h * 16 + l),
            _ => None,
        };
        match escaped {
            Some(b) if !only_unreserved || b.is_ascii_alphanumeric() || b"-._~".contains(&b) => {
                out.push(b);
                i += 3;
            }
            _ => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    out
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// Host pattern match against a host and path from [`host_and_path`].
///
/// `"example.com"` matches `example.com` and every subdomain, never `notexample.com` or
/// `example.com.evil.org`; `"*.example.com"` and `".example.com"` mean the same. With a path,
/// `"example.com/tr"` also needs the path to start with `/tr` at a segment boundary (`/tr`,
/// `/tr/`, not `/travel`); a prefix ending in `/` (`"www.google.com/pagead/"`) covers all below
/// it. ASCII case is ignored in hosts, not in paths; a scheme or port in the pattern is ignored.
pub fn host_matches(pattern: &str, host: &str, path: &str) -> bool {
    let pattern = pattern.trim();
    // A byte search, not `str::find(&str)`: that brings a general substring searcher along.
    let pattern = match pattern.as_bytes().windows(3).position(|w| w == b"://") {
        Some(i) => &pattern[i + 3..],
        None => pattern.strip_prefix("//").unwrap_or(pattern),
    };
    let (pattern_host, prefix) = pattern.split_at(pattern.find('/').unwrap_or(pattern.len()));
    let pattern_host = pattern_host.split(':').next().unwrap_or_default();
    let pattern_host = pattern_host
        .strip_prefix("*.")
        .or_else(|| pattern_host.strip_prefix('.'))
        .unwrap_or(pattern_host)
        .trim_end_matches('.');
    if pattern_host.is_empty() || pattern_host.contains('*') {
        return false;
    }
    domain_matches(
        pattern_host.as_bytes(),
        host.trim_end_matches('.').as_bytes(),
    ) && path_matches(prefix, path)
}

fn domain_matches(pattern: &[u8], host: &[u8]) -> bool {
    match host.len().checked_sub(pattern.len()) {
        Some(0) => host.eq_ignore_ascii_case(pattern),
        Some(cut) => host[cut - 1] == b'.' && host[cut..].eq_ignore_ascii_case(pattern),
        None => false,
    }
}

fn path_matches(prefix: &str, path: &str) -> bool {
    if prefix.is_empty() || prefix == "/" {
        return true;
    }
    let path = if path.is_empty() { "/" } else { path };
    match path.strip_prefix(prefix) {
        Some(rest) => prefix.ends_with('/') || rest.is_empty() || rest.starts_with(['/', '?', '#']),
        None => false,
    }
}

/// The tracker a URL belongs to, if any; the longest (most specific) matching pattern wins.
pub fn tracker_for_url(url: &str) -> Option<&'static Tracker> {
    let (host, path) = host_and_path(url)?;
    tracker_for_host(&host, &path)
}

/// The tracker a lower-case host and path belong to, if any; the longest pattern wins.
pub fn tracker_for_host(host: &str, path: &str) -> Option<&'static Tracker> {
    best(
        |t| t.hosts,
        |p| host_matches(p, host, path).then_some(p.len()),
    )
}

/// The tracker a cookie name belongs to; the pattern with the most literal characters wins.
pub fn tracker_for_cookie(name: &str) -> Option<&'static Tracker> {
    let mut found: Option<(usize, &'static Tracker)> = None;
    for tracker in TRACKERS {
        for cookie in tracker.cookies {
            consider(&mut found, tracker, specificity(cookie.pattern, name));
        }
    }
    found.map(|(_, t)| t)
}

/// The tracker a localStorage/sessionStorage key belongs to.
pub fn tracker_for_storage_key(key: &str) -> Option<&'static Tracker> {
    best(|t| t.storage, |p| specificity(p, key))
}

/// The tracker with this id.
pub fn tracker(id: &str) -> Option<&'static Tracker> {
    TRACKERS.iter().find(|t| t.id == id)
}

/// How specifically `pattern` matches `name` (its literal characters), if it does.
fn specificity(pattern: &str, name: &str) -> Option<usize> {
    name_matches(pattern, name).then(|| pattern.bytes().filter(|&b| b != b'*').count())
}

/// The tracker whose pattern list holds the highest-scoring pattern; ties go to the first.
fn best(
    list: fn(&Tracker) -> &'static [&'static str],
    score: impl Fn(&str) -> Option<usize>,
) -> Option<&'static Tracker> {
    let mut found: Option<(usize, &'static Tracker)> = None;
    for tracker in TRACKERS {
        for pattern in list(tracker) {
            consider(&mut found, tracker, score(pattern));
        }
    }
    found.map(|(_, t)| t)
}

fn consider(
    found: &mut Option<(usize, &'static Tracker)>,
    tracker: &'static Tracker,
    score: Option<usize>,
) {
    if let Some(score) = score {
        if found.is_none_or(|(best, _)| score > best) {
            *found = Some((score, tracker));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url_owner(url: &str) -> Option<&'static str> {
        tracker_for_url(url).map(|t| t.id)
    }

    fn cookie_owner(name: &str) -> Option<&'static str> {
        tracker_for_cookie(name).map(|t| t.id)
    }

    fn storage_owner(key: &str) -> Option<&'static str> {
        tracker_for_storage_key(key).map(|t| t.id)
    }

    fn split(url: &str) -> Option<(String, String)> {
        host_and_path(url)
    }

    fn pair(host: &str, path: &str) -> Option<(String, String)> {
        Some((host.to_string(), path.to_string()))
    }

    #[test]
    fn real_cookie_names_belong_to_their_tracker() {
        let cases = [
            ("_ga", "google-analytics"),
            ("_ga_ABC123XYZ", "google-analytics"),
            ("_gid", "google-analytics"),
            ("_gat", "google-analytics"),
            ("_gat_UA-12345-1", "google-analytics"),
            ("_gat_gtag_UA_123_1", "google-analytics"),
            ("_dc_gtm_UA-12345-1", "google-analytics"),
            ("_gac_UA-12345-1", "google-analytics"),
            ("__utma", "google-analytics"),
            ("__utmz", "google-analytics"),
            ("AMP_TOKEN", "google-analytics"),
            ("_gcl_au", "google-ads"),
            ("_gcl_aw", "google-ads"),
            ("_gcl_dc", "google-ads"),
            ("_gcl_gb", "google-ads"),
            ("__gads", "google-ads"),
            ("__gpi", "google-ads"),
            ("_fbp", "meta-pixel"),
            ("_fbc", "meta-pixel"),
            ("Hm_lvt_0123456789abcdef0123456789abcdef", "baidu-tongji"),
            ("Hm_lpvt_0123456789abcdef0123456789abcdef", "baidu-tongji"),
            ("Hm_ck_1700000000000", "baidu-tongji"),
            ("Hm_up_0123456789abcdef0123456789abcdef", "baidu-tongji"),
            ("_ym_uid", "yandex-metrica"),
            ("_ym_d", "yandex-metrica"),
            ("_ym_isad", "yandex-metrica"),
            ("_ym_visorc", "yandex-metrica"),
            ("_ym_metrika_enabled", "yandex-metrica"),
            ("_ym12345678_lastHit", "yandex-metrica"),
            ("mp_0123abcd_mixpanel", "mixpanel"),
            ("__mp_opt_in_out_0123abcd", "mixpanel"),
            ("ph_phc_XXXX_posthog", "posthog"),
            ("__ph_opt_in_out_phc_XXXX", "posthog"),
            ("AMP_1a2b3c4d5e", "amplitude"),
            ("AMP_MKTG_1a2b3c4d5e", "amplitude"),
            ("amp_1a2b3c", "amplitude"),
            ("amplitude_id_fef1e872c952688acd962d30aa545b9e", "amplitude"),
            ("_hjSessionUser_123456", "hotjar"),
            ("_hjSession_123456", "hotjar"),
            ("_hjid", "hotjar"),
            ("_hjAbsoluteSessionInProgress", "hotjar"),
            ("_cs_id", "contentsquare"),
            ("_clck", "microsoft-clarity"),
            ("_clsk", "microsoft-clarity"),
            ("ajs_anonymous_id", "segment"),
            ("_hp2_id.1234567890", "heap"),
            ("_hp5_meta.1234567890", "heap"),
            ("fs_uid", "fullstory"),
            ("_pk_id.1.1fff", "matomo"),
            ("_pk_ses.1.1fff", "matomo"),
            ("AMCV_0123456789ABCDEF%40AdobeOrg", "adobe-analytics"),
            ("s_cc", "adobe-analytics"),
            ("_ttp", "tiktok-pixel"),
            ("_tt_enable_cookie", "tiktok-pixel"),
            ("ttcsid", "tiktok-pixel"),
            ("ttcsid_C1234567890", "tiktok-pixel"),
            ("li_fat_id", "linkedin-insight"),
            ("li_sugr", "linkedin-insight"),
            ("_uetsid", "bing-ads"),
            ("_uetvid", "bing-ads"),
            ("_twclid", "twitter-pixel"),
            ("_pin_unauth", "pinterest-tag"),
            ("_epik", "pinterest-tag"),
            ("_scid", "snap-pixel"),
            ("_rdt_uuid", "reddit-pixel"),
            ("cto_bundle", "criteo"),
            ("__qca", "quantcast"),
            ("__hstc", "hubspot"),
            ("hubspotutk", "hubspot"),
            ("__hssc", "hubspot"),
            ("__hssrc", "hubspot"),
            ("_mkto_trk", "marketo"),
            ("tmr_lvid", "top-mail-ru"),
        ];
        for (name, id) in cases {
            assert_eq!(cookie_owner(name), Some(id), "{name}");
        }
    }

    #[test]
    fn innocent_first_party_cookie_names_belong_to_no_tracker() {
        for name in [
            "_gallery",
            "gaming",
            "_g",
            "_ga2",
            "_gate",
            "_gac",
            "amp",
            "AMP",
            "ampersand",
            "php_session",
            "PHPSESSID",
            "phone",
            "ph",
            "mp",
            "mp_lang",
            "mp_cart",
            "Hm",
            "Hm_x",
            "hj",
            "hjid",
            "_ym",
            "ym_uid",
            "_fb",
            "fbp",
            "_gcl",
            "gcl_au",
            "li_at_home",
            "lang",
            "session",
            "sessionid",
            "JSESSIONID",
            "csrftoken",
            "XSRF-TOKEN",
            "cart",
            "currency",
            "theme",
            "consent",
            "cookie_consent",
            "bzconsent",
            "test_cookie",
            "NID",
            "IDE",
            "MUID",
            "SM",
            "MR",
            "CLID",
            "ANONCHK",
            "_pk_id",
            "_cs",
            "s_",
            "fs",
            "ajs",
            "tmr",
            "__utm",
            "_uet",
            "_scid_x",
            "",
        ] {
            assert_eq!(cookie_owner(name), None, "{name:?}");
        }
    }

    #[test]
    fn storage_keys_belong_to_their_tracker() {
        let cases = [
            ("_ym_uid", "yandex-metrica"),
            ("_ym_retryReqs", "yandex-metrica"),
            ("mp_0123abcd_mixpanel", "mixpanel"),
            ("mp_tab_id_mixpanel_0123abcd", "mixpanel"),
            ("mp_gen_new_tab_id_mixpanel_0123abcd", "mixpanel"),
            ("mp_tab_id_ls_0123abcd", "mixpanel"),
            ("mp_gen_new_tab_id_ls_0123abcd", "mixpanel"),
            ("__mpq_0123abcd_ev", "mixpanel"),
            ("__mpq_0123abcd_ev:X", "mixpanel"),
            ("ph_phc_XXXX_posthog", "posthog"),
            ("ph_phc_XXXX_window_id", "posthog"),
            ("ph_custom_primary_window_exists", "posthog"),
            ("AMP_unsent_1a2b3c4d5e", "amplitude"),
            ("AMP_remote_config_1a2b3c4d5e", "amplitude"),
            ("amplitude_unsent_fef1e872", "amplitude"),
            ("_hjSession_123456", "hotjar"),
            ("hjViewportId", "hotjar"),
            ("_cltk", "microsoft-clarity"),
            ("ajs_user_traits", "segment"),
            ("persisted-queue:v1:abc:dest-Segment.io:items", "segment"),
            ("Hm_unsent_0123456789abcdef", "baidu-tongji"),
            ("_uetsid_exp", "bing-ads"),
            ("tt_sessionId", "tiktok-pixel"),
            ("taboola global:user-id", "taboola"),
            ("tmr_lvidTS", "top-mail-ru"),
        ];
        for (key, id) in cases {
            assert_eq!(storage_owner(key), Some(id), "{key}");
        }
        for key in [
            "bzconsent",
            "theme",
            "lang",
            "cart",
            "token",
            "ph",
            "ph_theme",
            "mp",
            "mp_cart",
            "amp",
            "amplitude",
            "ajs",
            "hj",
            "_ym",
            "settings",
            "",
        ] {
            assert_eq!(storage_owner(key), None, "{key:?}");
        }
    }

    #[test]
    fn real_tracker_urls_are_recognised() {
        let cases = [
            (
                "https://www.googletagmanager.com/gtag/js?id=G-XXXX",
                "google-analytics",
            ),
            (
                "https://www.googletagmanager.com/gtag/destination?id=AW-1",
                "google-analytics",
            ),
            (
                "//www.googletagmanager.com/gtm.js?id=GTM-X",
                "google-tag-manager",
            ),
            (
                "https://www.googletagmanager.com/ns.html?id=GTM-X",
                "google-tag-manager",
            ),
            (
                "https://www.google-analytics.com/g/collect?v=2",
                "google-analytics",
            ),
            (
                "https://www.google-analytics.com/analytics.js",
                "google-analytics",
            ),
            (
                "https://region1.google-analytics.com/g/collect",
                "google-analytics",
            ),
            (
                "https://region1.analytics.google.com/g/collect?v=2",
                "google-analytics",
            ),
            (
                "https://www.googleadservices.com/pagead/conversion.js",
                "google-ads",
            ),
            (
                "https://googleads.g.doubleclick.net/pagead/viewthroughconversion/1/",
                "google-ads",
            ),
            ("https://stats.g.doubleclick.net/g/collect", "google-ads"),
            (
                "https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js",
                "google-ads",
            ),
            (
                "https://www.google.com/pagead/1p-conversion/123/",
                "google-ads",
            ),
            ("https://www.google.com/ads/ga-audiences?v=1", "google-ads"),
            ("https://hm.baidu.com/hm.js?abc", "baidu-tongji"),
            ("https://hm.baidu.com/hm.gif?si=abc", "baidu-tongji"),
            ("https://mc.yandex.ru/metrika/tag.js", "yandex-metrica"),
            ("https://mc.yandex.ru/watch/123", "yandex-metrica"),
            ("https://mc.yandex.com.tr/watch/123", "yandex-metrica"),
            (
                "https://mc.webvisor.org/metrika/tag_ww.js",
                "yandex-metrica",
            ),
            (
                "https://cdn.jsdelivr.net/npm/yandex-metrica-watch/tag.js",
                "yandex-metrica",
            ),
            (
                "https://cdn.mxpnl.com/libs/mixpanel-2-latest.min.js",
                "mixpanel",
            ),
            ("https://api-js.mixpanel.com/track/?ip=1", "mixpanel"),
            ("https://api-eu.mixpanel.com/engage/", "mixpanel"),
            ("https://us-assets.i.posthog.com/static/array.js", "posthog"),
            ("https://us.i.posthog.com/e/", "posthog"),
            ("https://eu.i.posthog.com/decide/?v=3", "posthog"),
            (
                "https://cdn.amplitude.com/libs/analytics-browser-2.0.0-min.js.gz",
                "amplitude",
            ),
            ("https://api2.amplitude.com/2/httpapi", "amplitude"),
            ("https://api.eu.amplitude.com/2/httpapi", "amplitude"),
            (
                "https://connect.facebook.net/en_US/fbevents.js",
                "meta-pixel",
            ),
            ("https://www.facebook.com/tr?id=1&ev=PageView", "meta-pixel"),
            (
                "https://www.facebook.com/tr/?id=1&ev=PageView",
                "meta-pixel",
            ),
            ("https://static.hotjar.com/c/hotjar-1.js?sv=6", "hotjar"),
            ("https://script.hotjar.com/modules.abc.js", "hotjar"),
            ("https://content.hotjar.io/?site_id=1", "hotjar"),
            ("https://www.clarity.ms/tag/abc", "microsoft-clarity"),
            ("https://x.clarity.ms/collect", "microsoft-clarity"),
            (
                "https://analytics.tiktok.com/i18n/pixel/events.js",
                "tiktok-pixel",
            ),
            (
                "https://snap.licdn.com/li.lms-analytics/insight.min.js",
                "linkedin-insight",
            ),
            (
                "https://px.ads.linkedin.com/collect/?pid=1",
                "linkedin-insight",
            ),
            ("https://www.youtube.com/embed/abc", "youtube"),
            ("https://www.youtube-nocookie.com/embed/x", "youtube"),
            ("https://player.vimeo.com/video/1", "vimeo"),
            ("https://www.google.com/maps/embed?pb=x", "google-maps"),
            (
                "https://maps.googleapis.com/maps/api/js?key=x",
                "google-maps",
            ),
            (
                "https://cdn.segment.com/analytics.js/v1/key/analytics.min.js",
                "segment",
            ),
            ("https://api.segment.io/v1/t", "segment"),
            ("https://bat.bing.com/bat.js", "bing-ads"),
            ("https://static.ads-twitter.com/uwt.js", "twitter-pixel"),
            ("https://t.co/i/adsct?txn_id=x", "twitter-pixel"),
            ("https://s.pinimg.com/ct/core.js", "pinterest-tag"),
            ("https://sc-static.net/scevent.min.js", "snap-pixel"),
            ("https://js.hs-scripts.com/123.js", "hubspot"),
            ("https://vk.com/rtrg?p=VK-RTRG-1", "vk-pixel"),
            ("https://top-fwz1.mail.ru/js/code.js", "top-mail-ru"),
            ("https://example.matomo.cloud/matomo.php", "matomo"),
        ];
        for (url, id) in cases {
            assert_eq!(url_owner(url), Some(id), "{url}");
        }
    }

    #[test]
    fn look_alike_and_first_party_urls_are_not_trackers() {
        for url in [
            "https://www.facebook.com/bzpak",
            "https://www.facebook.com/travel",
            "https://www.facebook.com/trx",
            "https://www.google.com/search?q=x",
            "https://www.google.com/pageadx",
            "https://notgoogle-analytics.com/x",
            "https://google-analytics.com.evil.example/x",
            "https://bzpak.com/hm.js",
            "/js/analytics.js",
            "js/analytics.js",
            "data:text/javascript,1",
            "javascript:alert(1)",
            "blob:https://www.google-analytics.com/1234",
            "https://example.com/?u=https://www.google-analytics.com/",
            "https://example.com/#https://www.google-analytics.com/",
            "https://mixpanel.com.example.org/",
            "https://www.google-analytics.com@evil.example/x",
            "https://i.ytimg.com/vi/abc/hqdefault.jpg",
            "https://cdn.jsdelivr.net/npm/jquery/dist/jquery.min.js",
            "https://vk.com/bzpak",
            "https://t.co/abc",
            "https://fonts.googleapis.com/css2?family=Inter",
            "",
        ] {
            assert_eq!(url_owner(url), None, "{url:?}");
        }
    }

    #[test]
    fn odd_spellings_of_tracker_urls_are_still_recognised() {
        for url in [
            "HTTPS://WWW.GOOGLE-ANALYTICS.COM/G/COLLECT",
            "  https://www.google-analytics.com/g/collect \n",
            "https://www.goo\tgle-analy\ntics.com/g/collect",
            "https://user:pw@www.google-analytics.com/g/collect",
            "https://www.google-analytics.com:443/g/collect",
            "https://www.google-analytics.com./g/collect",
            "https://www.google%2Danalytics.com/g/collect",
            "https://www.google-analytics\u{3002}com/g/collect",
            "https://www.\u{FF47}oogle-analytics.com/g/collect",
            "https://www.goo\u{AD}gle-analytics.com/g/collect",
            "https:\\\\www.google-analytics.com\\g\\collect",
            "https:www.google-analytics.com/g/collect",
            "https:///www.google-analytics.com/g/collect",
            "\\\\www.google-analytics.com/g/collect",
            "wss://www.google-analytics.com/",
            "https://www.google-analytics.com?x",
        ] {
            assert_eq!(url_owner(url), Some("google-analytics"), "{url:?}");
        }
        for url in [
            "https://www.facebook.com/x/../tr?id=1",
            "https://www.facebook.com/%74r?id=1",
            "https://www.facebook.com/./tr",
            "https://m.facebook.com/tr?id=1",
            "https://facebook.com/tr",
        ] {
            assert_eq!(url_owner(url), Some("meta-pixel"), "{url:?}");
        }
    }

    #[test]
    fn host_and_path_splits_like_a_browser() {
        assert_eq!(split("https://x.y:8443/p?q"), pair("x.y", "/p"));
        assert_eq!(split("//x.y/p"), pair("x.y", "/p"));
        assert_eq!(split("HTTP://X.Y"), pair("x.y", "/"));
        assert_eq!(split("https://user:pw@host/"), pair("host", "/"));
        assert_eq!(split("https://a@b@host/p"), pair("host", "/p"));
        assert_eq!(split("https://host?x=/y"), pair("host", "/"));
        assert_eq!(split("https://host#/frag"), pair("host", "/"));
        assert_eq!(split("https://host/a/B?c#d"), pair("host", "/a/B"));
        assert_eq!(split("https://host/a/b#c?d"), pair("host", "/a/b"));
        assert_eq!(split("https://host/a/../b/./c"), pair("host", "/b/c"));
        assert_eq!(split("https://host/a/.."), pair("host", "/"));
        assert_eq!(split("https://host/a/."), pair("host", "/a/"));
        assert_eq!(split("https://host/../../x"), pair("host", "/x"));
        assert_eq!(split("https://host/%2e%2E/x%2Fy"), pair("host", "/x%2Fy"));
        assert_eq!(split("https://host/%7Euser/%41"), pair("host", "/~user/A"));
        assert_eq!(split("https://host/a\\b"), pair("host", "/a/b"));
        assert_eq!(split("https://[::1]:8080/x"), pair("[::1]", "/x"));
        assert_eq!(split("https://[2001:DB8::1]/"), pair("[2001:db8::1]", "/"));
        assert_eq!(split(" \t https://x.y/p \n "), pair("x.y", "/p"));
        assert_eq!(split("ws://x.y/socket"), pair("x.y", "/socket"));
        assert_eq!(
            split("https://x.y/\u{e9}t\u{e9}"),
            pair("x.y", "/\u{e9}t\u{e9}")
        );
    }

    #[test]
    fn host_and_path_refuses_what_is_not_a_network_url() {
        for url in [
            "",
            "   ",
            "/p",
            "p/q",
            "x.y/p",
            "?q",
            "#f",
            "data:text/javascript,1",
            "blob:https://x.y/uuid",
            "javascript:alert(1)",
            "mailto:a@x.y",
            "ftp://x.y/f",
            "file:///etc/passwd",
            "localhost:8080/x",
            "https://",
            "https:",
            "https://:443/",
            "https://user@/",
            "https://[::1",
            "https://%ff/",
            "\u{1}",
        ] {
            assert_eq!(split(url), None, "{url:?}");
        }
    }

    #[test]
    fn host_patterns_cover_subdomains_but_not_look_alikes() {
        assert!(host_matches("example.com", "example.com", "/"));
        assert!(host_matches("example.com", "a.b.example.com", "/"));
        assert!(host_matches("Example.COM", "www.example.com", "/"));
        assert!(host_matches("*.example.com", "www.example.com", "/"));
        assert!(host_matches(".example.com", "www.example.com", "/"));
        assert!(host_matches("https://example.com", "example.com", "/x"));
        assert!(host_matches("example.com:8443", "example.com", "/x"));
        assert!(host_matches("example.com", "example.com.", "/x"));
        assert!(!host_matches("example.com", "notexample.com", "/"));
        assert!(!host_matches("example.com", "example.com.evil.org", "/"));
        assert!(!host_matches("example.com", "com", "/"));
        assert!(!host_matches("www.example.com", "example.com", "/"));
        assert!(!host_matches("", "example.com", "/"));
        assert!(!host_matches("*", "example.com", "/"));
        assert!(!host_matches("/tr", "example.com", "/tr"));
        assert!(!host_matches("ex*.com", "example.com", "/"));
    }

    #[test]
    fn path_prefixes_match_at_segment_boundaries() {
        assert!(host_matches(
            "www.facebook.com/tr",
            "www.facebook.com",
            "/tr"
        ));
        assert!(host_matches(
            "www.facebook.com/tr",
            "www.facebook.com",
            "/tr/"
        ));
        assert!(host_matches("facebook.com/tr", "www.facebook.com", "/tr/x"));
        assert!(!host_matches(
            "www.facebook.com/tr",
            "www.facebook.com",
            "/travel"
        ));
        assert!(!host_matches(
            "www.facebook.com/tr",
            "www.facebook.com",
            "/TR"
        ));
        assert!(!host_matches(
            "www.facebook.com/tr",
            "www.facebook.com",
            "/x/tr"
        ));
        assert!(!host_matches("www.facebook.com/tr", "www.facebook.com", ""));
        assert!(host_matches(
            "www.google.com/pagead/",
            "www.google.com",
            "/pagead/x"
        ));
        assert!(!host_matches(
            "www.google.com/pagead/",
            "www.google.com",
            "/pagead"
        ));
        assert!(host_matches("vk.com/rtrg", "vk.com", "/rtrg"));
        assert!(host_matches("example.com/", "example.com", ""));
    }

    #[test]
    fn name_patterns_match_whole_names_with_wildcards_anywhere() {
        assert!(name_matches("_ga", "_ga"));
        assert!(!name_matches("_ga", "_gat"));
        assert!(!name_matches("_ga", "_G A"));
        assert!(name_matches("_ga_*", "_ga_X"));
        assert!(name_matches("_ga_*", "_ga_"));
        assert!(!name_matches("_ga_*", "_gallery"));
        assert!(name_matches("mp_*_mixpanel", "mp_abc_mixpanel"));
        assert!(name_matches("mp_*_mixpanel", "mp__mixpanel"));
        assert!(!name_matches("mp_*_mixpanel", "mp_abc_mixpanelx"));
        assert!(name_matches("*a*b*", "xxaxxbxx"));
        assert!(name_matches("a*a*a", "aaaaa"));
        assert!(!name_matches("a*a*a", "aa"));
        assert!(name_matches("*", "anything"));
        assert!(!name_matches("", ""));
        assert!(!name_matches("", "x"));
        assert!(!name_matches("AMP_*", "amp_x"));
        assert!(name_matches("\u{e9}*", "\u{e9}t\u{e9}"));
    }

    #[test]
    fn tracker_lookup_by_id() {
        assert_eq!(tracker("youtube").map(|t| t.name), Some("YouTube"));
        assert_eq!(
            tracker("google-analytics").map(|t| t.category),
            Some(Category::Analytics)
        );
        assert!(tracker("Google-Analytics").is_none());
        assert!(tracker("").is_none());
    }

    #[test]
    fn every_tracker_row_is_well_formed() {
        let mut ids: Vec<&str> = TRACKERS.iter().map(|t| t.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), TRACKERS.len(), "tracker ids must be unique");
        for t in TRACKERS {
            assert!(
                !t.id.is_empty()
                    && t.id
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{}",
                t.id
            );
            assert!(!t.name.is_empty() && !t.provider.is_empty(), "{}", t.id);
            assert!(
                matches!(t.category, Category::Analytics | Category::Marketing),
                "{}",
                t.id
            );
            assert!(!t.hosts.is_empty(), "{} has no host", t.id);
            for host in t.hosts {
                assert!(!host.is_empty(), "{}", t.id);
                assert!(
                    host.bytes().all(|b| !b.is_ascii_uppercase()
                        && !b.is_ascii_whitespace()
                        && !b":*@?#".contains(&b)),
                    "{}: {host}",
                    t.id
                );
                assert!(!host.starts_with(['.', '/']), "{}: {host}", t.id);
            }
            let names = t
                .cookies
                .iter()
                .map(|c| c.pattern)
                .chain(t.storage.iter().copied());
            for pattern in names {
                assert!(
                    pattern.bytes().any(|b| b != b'*'),
                    "{}: pattern {pattern:?} must name something",
                    t.id
                );
                assert!(
                    !pattern.contains("**")
                        && !pattern
                            .bytes()
                            .any(|b| b.is_ascii_whitespace() && b != b' '),
                    "{}: {pattern:?}",
                    t.id
                );
            }
        }
    }

    #[test]
    fn every_pattern_is_owned_by_its_own_tracker() {
        // Guards against one row shadowing another's (e.g. `AMP_*` swallowing `AMP_TOKEN`).
        for t in TRACKERS {
            for cookie in t.cookies {
                let example = cookie.pattern.replace('*', "Z9");
                assert_eq!(cookie_owner(&example), Some(t.id), "cookie {example}");
            }
            for key in t.storage {
                let example = key.replace('*', "Z9");
                assert_eq!(storage_owner(&example), Some(t.id), "storage {example}");
            }
            for host in t.hosts {
                let mut url = String::from("https://");
                url.push_str(host);
                if !host.contains('/') {
                    url.push_str("/x.js");
                }
                assert_eq!(url_owner(&url), Some(t.id), "host {url}");
                let mut sub = String::from("https://sub.");
                sub.push_str(host);
                assert_eq!(url_owner(&sub), Some(t.id), "host {sub}");
            }
        }
    }

    #[test]
    fn cookie_durations_are_plausible() {
        for t in TRACKERS {
            for cookie in t.cookies {
                // Browsers cap cookie lifetimes at 400 days, except where legacy SDKs set more.
                assert!(cookie.days <= 730, "{} {}", t.id, cookie.pattern);
            }
        }
        let ga = tracker("google-analytics").map(|t| t.cookies);
        let days = |name: &str| {
            ga.and_then(|cookies| cookies.iter().find(|c| c.pattern == name))
                .map(|c| (c.purpose, c.days))
        };
        assert_eq!(days("_ga"), Some((Purpose::Identify, 730)));
        assert_eq!(days("_gid"), Some((Purpose::Identify, 1)));
        assert_eq!(days("_gat"), Some((Purpose::Throttle, 1)));
    }
}
