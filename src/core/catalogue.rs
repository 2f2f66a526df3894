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

use super::bytes;
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

/// One known service, as the guard matches it. Each pattern list is one string, the patterns
/// separated by `|` (see [`patterns`]): a string each instead of a table of string slices keeps
/// the render-blocking module small.
#[derive(Debug)]
pub struct Tracker {
    /// Stable id, as used in `data-service` and the stored record.
    pub id: &'static str,
    /// The category that must be accepted before it runs.
    pub category: Category,
    /// Host patterns of its scripts, frames and requests, see [`host_matches`].
    pub hosts: &'static str,
    /// Name patterns of the first-party cookies it writes, see [`name_matches`].
    pub cookies: &'static str,
    /// The localStorage/sessionStorage key patterns it writes.
    pub storage: &'static str,
}

/// What the UI shows of a known service.
#[derive(Debug)]
pub struct About {
    /// Display name.
    pub name: &'static str,
    /// The company behind it.
    pub provider: &'static str,
    /// Per cookie pattern of [`Tracker::cookies`], in order: what it is for and how long it
    /// lives, in days (0 = until the browser closes).
    pub cookies: &'static [(Purpose, u16)],
}

impl Tracker {
    /// What the UI shows of this tracker.
    pub fn about(&self) -> Option<&'static About> {
        let index = TRACKERS.iter().position(|t| t.id == self.id)?;
        ABOUT.get(index)
    }
}

/// The patterns of a `|`-separated list.
pub fn patterns(list: &'static str) -> impl Iterator<Item = &'static str> {
    bytes::split(list, b'|').filter(|p| !p.is_empty())
}

use Purpose::{Ads, Consent, Diagnostics, Identify, Session, Throttle};

/// Every tracker the widget knows without configuration.
pub static TRACKERS: &[Tracker] = &[
    // --- Analytics -------------------------------------------------------------------------
    Tracker {
        id: "google-analytics",
        category: Category::Analytics,
        hosts: "google-analytics.com|analytics.google.com|googletagmanager.com/gtag/",
        cookies: "_ga|_ga_*|_gid|_gat|_gat_*|_dc_gtm_*|_gac_*|AMP_TOKEN|__utma|__utmb|__utmc|__utmt|__utmz|__utmv",
        storage: "",
    },
    Tracker {
        id: "google-tag-manager",
        category: Category::Analytics,
        hosts: "googletagmanager.com",
        cookies: "",
        storage: "",
    },
    Tracker {
        id: "baidu-tongji",
        category: Category::Analytics,
        hosts: "hm.baidu.com|hmcdn.baidu.com",
        cookies: "Hm_lvt_*|Hm_lpvt_*|Hm_up_*|Hm_ck_*",
        storage: "Hm_unsent_*|Hm_up_*",
    },
    Tracker {
        id: "yandex-metrica",
        category: Category::Analytics,
        hosts: "mc.yandex.ru|mc.yandex.com|mc.yandex.az|mc.yandex.by|mc.yandex.kz|mc.yandex.ua|mc.yandex.com.tr|mc.webvisor.org|mc.webvisor.com|cdn.jsdelivr.net/npm/yandex-metrica-watch/",
        cookies: "_ym_uid|_ym_d|_ym_isad|_ym_visorc|_ym_*|_ym*_lastHit|_ym*_reqNum|_ym*_lsid",
        storage: "_ym_*|_ym*_lastHit|_ym*_reqNum|_ym*_lsid",
    },
    Tracker {
        id: "mixpanel",
        category: Category::Analytics,
        // The tab ids are sessionStorage keys of mixpanel-browser 2.5x+, named
        // `mp_tab_id_<instance name>_<token>`: the default instance is `mixpanel`, a second
        // `mixpanel.init(token, config, "name")` uses its own name.
        hosts: "mixpanel.com|mxpnl.com",
        cookies: "mp_*_mixpanel|__mp_opt_in_out_*",
        storage: "mp_*_mixpanel|mp_tab_id_*|mp_gen_new_tab_id_*|__mp_opt_in_out_*|__mpq_*",
    },
    Tracker {
        id: "posthog",
        category: Category::Analytics,
        // Project keys start with `phc_`; the other two cover a custom `persistence_name`.
        hosts: "posthog.com",
        cookies: "ph_*_posthog|__ph_opt_in_out_*",
        storage: "ph_*_posthog|ph_phc_*|ph_*_window_id|ph_*_primary_window_exists|__ph_opt_in_out_*",
    },
    Tracker {
        id: "amplitude",
        category: Category::Analytics,
        hosts: "amplitude.com",
        cookies: "AMP_MKTG_*|AMP_*|amp_*|amplitude_id_*",
        storage: "AMP_*|amp_*|amplitude_*",
    },
    Tracker {
        id: "hotjar",
        category: Category::Analytics,
        hosts: "hotjar.com|hotjar.io",
        cookies: "_hjSessionUser_*|_hjSession_*|_hj*",
        storage: "_hj*|hjActiveViewportIds|hjViewportId",
    },
    Tracker {
        id: "contentsquare",
        category: Category::Analytics,
        hosts: "contentsquare.net",
        cookies: "_cs_id|_cs_s|_cs_s_ctx|_cs_c|_cs_i|_cs_cvars",
        storage: "",
    },
    Tracker {
        id: "microsoft-clarity",
        category: Category::Analytics,
        hosts: "clarity.ms",
        cookies: "_clck|_clsk",
        storage: "_cltk",
    },
    Tracker {
        id: "segment",
        category: Category::Analytics,
        hosts: "segment.com|segment.io|segmentapis.com",
        cookies: "ajs_anonymous_id|ajs_user_id|ajs_group_id",
        storage: "ajs_*|persisted-queue:v1:*",
    },
    Tracker {
        id: "heap",
        category: Category::Analytics,
        hosts: "heapanalytics.com|heap-api.com",
        cookies: "_hp2_id.*|_hp2_ses_props.*|_hp2_props.*|_hp2_hld.*|_hp5_meta.*|_hp5_event_props.*|_hp5_let.*",
        storage: "",
    },
    Tracker {
        id: "fullstory",
        category: Category::Analytics,
        hosts: "fullstory.com",
        cookies: "fs_uid|fs_lua|fs_cid",
        storage: "",
    },
    Tracker {
        id: "matomo",
        category: Category::Analytics,
        // Self-hosted Matomo lives on the site's own host: the site declares that host itself.
        hosts: "matomo.cloud",
        cookies: "_pk_id.*|_pk_ses.*|_pk_ref.*|_pk_cvar.*|_pk_hsr.*|_pk_testcookie*",
        storage: "",
    },
    Tracker {
        id: "adobe-analytics",
        category: Category::Analytics,
        // `assets.adobedtm.com` is the Adobe tag loader, the usual way the rest arrives.
        hosts: "omtrdc.net|2o7.net|adobedc.net|demdex.net|assets.adobedtm.com",
        cookies: "AMCV_*|AMCVS_*|kndctr_*|s_ecid|s_vi|s_fid|s_cc|s_sq",
        storage: "",
    },
    // --- Marketing -------------------------------------------------------------------------
    Tracker {
        id: "google-ads",
        category: Category::Marketing,
        hosts: "googleadservices.com|doubleclick.net|googlesyndication.com|googletagservices.com|adservice.google.com|google.com/pagead/|google.com/ads/",
        cookies: "_gcl_*|__gads|__gpi",
        storage: "",
    },
    Tracker {
        id: "meta-pixel",
        category: Category::Marketing,
        hosts: "connect.facebook.net|facebook.com/tr|facebook.com/privacy_sandbox/",
        cookies: "_fbp|_fbc",
        storage: "",
    },
    Tracker {
        id: "tiktok-pixel",
        category: Category::Marketing,
        hosts: "analytics.tiktok.com|analytics-sg.tiktok.com",
        cookies: "_ttp|_tt_enable_cookie|ttcsid|ttcsid_*",
        storage: "tt_appInfo|tt_sessionId|tt_pixel_session_index",
    },
    Tracker {
        id: "linkedin-insight",
        category: Category::Marketing,
        hosts: "snap.licdn.com|ads.linkedin.com",
        cookies: "li_fat_id|li_giant|li_sugr|ln_or",
        storage: "",
    },
    Tracker {
        id: "bing-ads",
        category: Category::Marketing,
        hosts: "bat.bing.com|c.bing.com",
        cookies: "_uetsid|_uetvid|_uetmsclkid",
        storage: "_uetsid*|_uetvid*",
    },
    Tracker {
        id: "twitter-pixel",
        category: Category::Marketing,
        hosts: "ads-twitter.com|analytics.twitter.com|t.co/i/adsct",
        cookies: "_twclid",
        storage: "",
    },
    Tracker {
        id: "pinterest-tag",
        category: Category::Marketing,
        hosts: "s.pinimg.com/ct/|ct.pinterest.com",
        cookies: "_pin_unauth|_epik|_derived_epik",
        storage: "",
    },
    Tracker {
        id: "snap-pixel",
        category: Category::Marketing,
        hosts: "sc-static.net|tr.snapchat.com|tr-shadow.snapchat.com",
        cookies: "_scid|_sctr",
        storage: "",
    },
    Tracker {
        id: "reddit-pixel",
        category: Category::Marketing,
        hosts: "redditstatic.com/ads/|alb.reddit.com",
        cookies: "_rdt_uuid",
        storage: "",
    },
    Tracker {
        id: "criteo",
        category: Category::Marketing,
        hosts: "criteo.com|criteo.net",
        cookies: "cto_bundle|cto_bidid",
        storage: "",
    },
    Tracker {
        id: "quantcast",
        category: Category::Marketing,
        hosts: "quantserve.com",
        cookies: "__qca",
        storage: "",
    },
    Tracker {
        id: "taboola",
        category: Category::Marketing,
        hosts: "taboola.com",
        cookies: "t_gid|t_pt_gid",
        storage: "taboola global:*",
    },
    Tracker {
        id: "outbrain",
        category: Category::Marketing,
        hosts: "outbrain.com",
        cookies: "",
        storage: "",
    },
    Tracker {
        id: "hubspot",
        category: Category::Marketing,
        // Forms (`hsforms.net`) and chat are left alone: blocking them breaks the site.
        hosts: "hs-scripts.com|hs-analytics.net|hsadspixel.net|hscollectedforms.net|track.hubspot.com",
        cookies: "__hstc|hubspotutk|__hssc|__hssrc",
        storage: "",
    },
    Tracker {
        id: "marketo",
        category: Category::Marketing,
        hosts: "munchkin.marketo.net|mktoresp.com",
        cookies: "_mkto_trk",
        storage: "",
    },
    Tracker {
        id: "vk-pixel",
        category: Category::Marketing,
        hosts: "vk.com/rtrg|vk.com/js/api/openapi.js",
        cookies: "",
        storage: "",
    },
    Tracker {
        id: "top-mail-ru",
        category: Category::Marketing,
        hosts: "top-fwz1.mail.ru",
        cookies: "tmr_lvid|tmr_lvidTS|tmr_reqNum|tmr_detect",
        storage: "tmr_lvid|tmr_lvidTS|tmr_reqNum|tmr_detect",
    },
    Tracker {
        id: "youtube",
        category: Category::Marketing,
        hosts: "youtube.com|youtube-nocookie.com|youtu.be",
        cookies: "",
        storage: "",
    },
    Tracker {
        id: "vimeo",
        category: Category::Marketing,
        hosts: "vimeo.com",
        cookies: "",
        storage: "",
    },
    Tracker {
        id: "google-maps",
        category: Category::Marketing,
        hosts: "maps.googleapis.com|maps.google.com|google.com/maps/",
        cookies: "",
        storage: "",
    },
];

/// What the UI shows of each tracker, row for row with [`TRACKERS`] (same order, and one
/// purpose and lifetime per cookie pattern; a test checks both).
pub static ABOUT: &[About] = &[
    About {
        name: "Google Analytics",
        provider: "Google",
        cookies: &[
            (Identify, 730),
            (Session, 730),
            (Identify, 1),
            (Throttle, 1),
            (Throttle, 1),
            (Throttle, 1),
            (Ads, 90),
            (Identify, 365),
            (Identify, 730),
            (Session, 1),
            (Session, 0),
            (Throttle, 1),
            (Ads, 183),
            (Identify, 730),
        ],
    },
    About {
        name: "Google Tag Manager",
        provider: "Google",
        cookies: &[],
    },
    About {
        name: "Baidu Tongji",
        provider: "Baidu",
        cookies: &[
            (Identify, 365),
            (Session, 0),
            (Identify, 365),
            (Diagnostics, 0),
        ],
    },
    About {
        name: "Yandex Metrica",
        provider: "Yandex",
        cookies: &[
            (Identify, 365),
            (Identify, 365),
            (Diagnostics, 2),
            (Session, 1),
            (Session, 365),
            (Session, 365),
            (Diagnostics, 365),
            (Session, 365),
        ],
    },
    About {
        name: "Mixpanel",
        provider: "Mixpanel",
        cookies: &[(Identify, 365), (Consent, 365)],
    },
    About {
        name: "PostHog",
        provider: "PostHog",
        cookies: &[(Identify, 365), (Consent, 365)],
    },
    About {
        name: "Amplitude",
        provider: "Amplitude",
        cookies: &[
            (Ads, 365),
            (Identify, 365),
            (Identify, 365),
            (Identify, 365),
        ],
    },
    About {
        name: "Hotjar",
        provider: "Hotjar",
        cookies: &[(Identify, 365), (Session, 1), (Diagnostics, 365)],
    },
    About {
        name: "Contentsquare",
        provider: "Contentsquare",
        cookies: &[
            (Identify, 395),
            (Session, 1),
            (Session, 1),
            (Consent, 395),
            (Identify, 3),
            (Session, 0),
        ],
    },
    About {
        name: "Microsoft Clarity",
        provider: "Microsoft",
        cookies: &[(Identify, 365), (Session, 1)],
    },
    About {
        name: "Segment",
        provider: "Twilio",
        cookies: &[(Identify, 365), (Identify, 365), (Identify, 365)],
    },
    About {
        name: "Heap",
        provider: "Heap",
        cookies: &[
            (Identify, 395),
            (Session, 1),
            (Identify, 395),
            (Diagnostics, 0),
            (Identify, 395),
            (Identify, 395),
            (Session, 395),
        ],
    },
    About {
        name: "FullStory",
        provider: "FullStory",
        cookies: &[(Identify, 365), (Session, 1), (Consent, 365)],
    },
    About {
        name: "Matomo",
        provider: "InnoCraft",
        cookies: &[
            (Identify, 393),
            (Session, 1),
            (Ads, 183),
            (Session, 1),
            (Session, 1),
            (Diagnostics, 0),
        ],
    },
    About {
        name: "Adobe Analytics",
        provider: "Adobe",
        cookies: &[
            (Identify, 730),
            (Session, 0),
            (Identify, 390),
            (Identify, 730),
            (Identify, 730),
            (Identify, 730),
            (Diagnostics, 0),
            (Session, 0),
        ],
    },
    About {
        name: "Google Ads",
        provider: "Google",
        cookies: &[(Ads, 90), (Ads, 395), (Ads, 395)],
    },
    About {
        name: "Meta Pixel",
        provider: "Meta",
        cookies: &[(Ads, 90), (Ads, 90)],
    },
    About {
        name: "TikTok Pixel",
        provider: "TikTok",
        cookies: &[
            (Ads, 390),
            (Diagnostics, 390),
            (Session, 390),
            (Session, 390),
        ],
    },
    About {
        name: "LinkedIn Insight Tag",
        provider: "LinkedIn",
        cookies: &[(Ads, 30), (Ads, 7), (Ads, 90), (Diagnostics, 1)],
    },
    About {
        name: "Microsoft Advertising (UET)",
        provider: "Microsoft",
        cookies: &[(Ads, 1), (Ads, 390), (Ads, 90)],
    },
    About {
        name: "X (Twitter) Pixel",
        provider: "X",
        cookies: &[(Ads, 730)],
    },
    About {
        name: "Pinterest Tag",
        provider: "Pinterest",
        cookies: &[(Ads, 365), (Ads, 365), (Ads, 365)],
    },
    About {
        name: "Snap Pixel",
        provider: "Snap",
        cookies: &[(Ads, 395), (Ads, 365)],
    },
    About {
        name: "Reddit Pixel",
        provider: "Reddit",
        cookies: &[(Ads, 90)],
    },
    About {
        name: "Criteo",
        provider: "Criteo",
        cookies: &[(Ads, 395), (Ads, 365)],
    },
    About {
        name: "Quantcast",
        provider: "Quantcast",
        cookies: &[(Ads, 395)],
    },
    About {
        name: "Taboola",
        provider: "Taboola",
        cookies: &[(Ads, 365), (Ads, 365)],
    },
    About {
        name: "Outbrain",
        provider: "Outbrain",
        cookies: &[],
    },
    About {
        name: "HubSpot",
        provider: "HubSpot",
        cookies: &[(Identify, 180), (Identify, 180), (Session, 1), (Session, 0)],
    },
    About {
        name: "Marketo Munchkin",
        provider: "Adobe",
        cookies: &[(Identify, 730)],
    },
    About {
        name: "VK Pixel",
        provider: "VK",
        cookies: &[],
    },
    About {
        name: "Top@Mail.Ru (VK Ads)",
        provider: "VK",
        cookies: &[
            (Identify, 365),
            (Identify, 365),
            (Diagnostics, 365),
            (Diagnostics, 1),
        ],
    },
    About {
        name: "YouTube",
        provider: "Google",
        cookies: &[],
    },
    About {
        name: "Vimeo",
        provider: "Vimeo",
        cookies: &[],
    },
    About {
        name: "Google Maps",
        provider: "Google",
        cookies: &[],
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
        let colon = bytes::find(&url, b':')?;
        let scheme = &url[..colon];
        if !["http", "https", "ws", "wss"]
            .iter()
            .any(|s| scheme.eq_ignore_ascii_case(s))
        {
            return None;
        }
        &url[colon + 1..]
    };
    // Byte-wise, as everywhere on the guard's paths (no character searchers in its module).
    let rest = &rest[rest
        .bytes()
        .take_while(|&b| b == b'/' || b == b'\\')
        .count()..];
    let end = rest
        .bytes()
        .position(|b| matches!(b, b'/' | b'\\' | b'?' | b'#'))
        .unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    let host_port = match authority.bytes().rposition(|b| b == b'@') {
        Some(at) => &authority[at + 1..],
        None => authority,
    };
    let host = if host_port.starts_with('[') {
        let close = bytes::find(host_port, b']')?;
        host_port[..=close].to_ascii_lowercase()
    } else {
        let raw = bytes::before(host_port, b':');
        clean_host(raw)?
    };
    let path_end = tail
        .bytes()
        .position(|b| b == b'?' || b == b'#')
        .unwrap_or(tail.len());
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
        .chars()
        .map(|c| if c == '\\' { '/' } else { c })
        .collect::<String>();
    let mut segments: Vec<&str> = Vec::new();
    let mut parts = bytes::split(&decoded, b'/');
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
    let pattern = pattern.trim_ascii();
    // A byte search, not `str::find(&str)`: that brings a general substring searcher along.
    let pattern = match pattern.as_bytes().windows(3).position(|w| w == b"://") {
        Some(i) => &pattern[i + 3..],
        None => pattern.strip_prefix("//").unwrap_or(pattern),
    };
    let (pattern_host, prefix) =
        pattern.split_at(bytes::find(pattern, b'/').unwrap_or(pattern.len()));
    let pattern_host = bytes::before(pattern_host, b':');
    let pattern_host = pattern_host
        .strip_prefix("*.")
        .or_else(|| pattern_host.strip_prefix('.'))
        .unwrap_or(pattern_host);
    let pattern_host = trim_dots(pattern_host);
    if pattern_host.is_empty() || bytes::contains(pattern_host, b'*') {
        return false;
    }
    domain_matches(pattern_host.as_bytes(), trim_dots(host).as_bytes())
        && path_matches(prefix, path)
}

/// `s` without its trailing dots (a loop, not `trim_end_matches`: no reverse character searcher
/// in the guard's module).
fn trim_dots(s: &str) -> &str {
    let mut s = s;
    while let Some(t) = s.strip_suffix('.') {
        s = t;
    }
    s
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
        for pattern in patterns(tracker.cookies) {
            consider(&mut found, tracker, specificity(pattern, name));
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
    list: fn(&Tracker) -> &'static str,
    score: impl Fn(&str) -> Option<usize>,
) -> Option<&'static Tracker> {
    let mut found: Option<(usize, &'static Tracker)> = None;
    for tracker in TRACKERS {
        for pattern in patterns(list(tracker)) {
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
        let about = tracker("youtube").and_then(Tracker::about);
        assert_eq!(about.map(|a| a.name), Some("YouTube"));
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
        assert_eq!(ABOUT.len(), TRACKERS.len(), "one About per Tracker");
        for t in TRACKERS {
            let about = t.about().unwrap();
            assert_eq!(
                about.cookies.len(),
                patterns(t.cookies).count(),
                "{}: a purpose and lifetime per cookie pattern",
                t.id
            );
            assert!(
                !t.id.is_empty()
                    && t.id
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{}",
                t.id
            );
            assert!(
                !about.name.is_empty() && !about.provider.is_empty(),
                "{}",
                t.id
            );
            assert!(
                matches!(t.category, Category::Analytics | Category::Marketing),
                "{}",
                t.id
            );
            assert!(!t.hosts.is_empty(), "{} has no host", t.id);
            for host in patterns(t.hosts) {
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
            let names = patterns(t.cookies).chain(patterns(t.storage));
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
            for cookie in patterns(t.cookies) {
                let example = cookie.replace('*', "Z9");
                assert_eq!(cookie_owner(&example), Some(t.id), "cookie {example}");
            }
            for key in patterns(t.storage) {
                let example = key.replace('*', "Z9");
                assert_eq!(storage_owner(&example), Some(t.id), "storage {example}");
            }
            for host in patterns(t.hosts) {
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
            for (pattern, (_, days)) in patterns(t.cookies).zip(t.about().unwrap().cookies) {
                // Browsers cap cookie lifetimes at 400 days, except where legacy SDKs set more.
                assert!(*days <= 730, "{} {}", t.id, pattern);
            }
        }
        let ga = tracker("google-analytics").unwrap();
        let days = |name: &str| {
            patterns(ga.cookies)
                .zip(ga.about().unwrap().cookies)
                .find(|(p, _)| *p == name)
                .map(|(_, d)| *d)
        };
        assert_eq!(days("_ga"), Some((Purpose::Identify, 730)));
        assert_eq!(days("_gid"), Some((Purpose::Identify, 1)));
        assert_eq!(days("_gat"), Some((Purpose::Throttle, 1)));
    }
}
