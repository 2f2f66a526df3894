//! What the visitor sees, as HTML text: the banner, the preferences dialog and the placeholder
//! of a blocked embed. The web layer parses each in one step instead of building it node by
//! node (every DOM call is a crossing from Wasm to JavaScript).
//!
//! Texts come from the site's configuration and may be hostile: every text and attribute value
//! goes through [`push_escaped`], so a text can never become markup. Attribute values are
//! always double-quoted; everything else written here is a constant.

use super::category::Category;
use super::config::Config;
use super::device::{self, Device};
use super::i18n::{self, Lang, Text, Texts};

/// Appends `text` with `&`, `<`, `>`, `"` and `'` escaped: safe as element text and as a
/// double-quoted attribute value.
///
/// ```
/// let mut out = String::new();
/// bzconsent::core::view::push_escaped(&mut out, "<b title='x'>\"&\"</b>");
/// assert_eq!(out, "&lt;b title=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/b&gt;");
/// ```
pub fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// `open`, the escaped `text`, `close`: one element with text.
fn push_element(out: &mut String, open: &str, text: &str, close: &str) {
    out.push_str(open);
    push_escaped(out, text);
    out.push_str(close);
}

/// What a banner or dialog shows, besides the configuration.
pub struct Screen<'a> {
    /// The configuration in force (texts, policy link, services, record lifetime).
    pub config: &'a Config,
    /// The visitor's language.
    pub lang: Lang,
    /// The built-in wording of that language.
    pub texts: &'a Texts,
    /// A previous choice no longer counts: the banner says the site asks again.
    pub asks_again: bool,
    /// The choice can be kept beyond this page; when not, the banner says so.
    pub persistent: bool,
    /// The browser sends Global Privacy Control: the dialog says why marketing is off.
    pub gpc: bool,
}

impl Screen<'_> {
    /// A text in the visitor's language, the site's override first.
    pub fn text(&self, t: Text) -> &str {
        self.config
            .text(self.lang, t)
            .unwrap_or_else(|| self.texts.get(t))
    }

    fn push_lang(&self, out: &mut String) {
        out.push_str(" lang=\"");
        out.push_str(self.lang.code());
        out.push_str("\">");
    }

    /// `<p>` with `text`, a space and the privacy-policy link.
    fn push_with_policy_link(&self, out: &mut String, text: Text) {
        push_element(out, "<p>", self.text(text), " <a href=\"");
        push_escaped(out, &self.config.policy_url);
        push_element(
            out,
            "\" target=\"_blank\" rel=\"noopener\">",
            self.text(Text::PolicyLink),
            "</a></p>",
        );
    }

    fn push_buttons(&self, out: &mut String, open: &str, buttons: [(&str, Text); 3]) {
        out.push_str(open);
        for (action, t) in buttons {
            out.push_str("<button type=\"button\" data-bz=\"");
            out.push_str(action);
            push_element(out, "\">", self.text(t), "</button>");
        }
        out.push_str("</div>");
    }
}

/// The banner: title, notes, text with the policy link, Accept all / Reject all / Customize.
pub fn banner(s: &Screen) -> String {
    let mut out = String::with_capacity(1024);
    out.push_str("<section data-bz=\"banner\" class=\"banner\" role=\"region\" aria-labelledby=\"bz-banner-title\"");
    s.push_lang(&mut out);
    push_element(
        &mut out,
        "<div class=\"text\"><h2 id=\"bz-banner-title\">",
        s.text(Text::BannerTitle),
        "</h2>",
    );
    if s.asks_again {
        push_element(
            &mut out,
            "<p class=\"note\">",
            s.text(Text::BannerUpdated),
            "</p>",
        );
    }
    s.push_with_policy_link(&mut out, Text::BannerBody);
    if !s.persistent {
        push_element(
            &mut out,
            "<p class=\"note\">",
            s.text(Text::StorageUnavailable),
            "</p>",
        );
    }
    out.push_str("</div>");
    s.push_buttons(
        &mut out,
        "<div class=\"actions\">",
        [
            ("accept-all", Text::AcceptAll),
            ("reject-all", Text::RejectAll),
            ("customize", Text::Customize),
        ],
    );
    out.push_str("</section>");
    out
}

/// The preferences dialog, its switches showing `shown` (indexed by [`Category::index`]), and
/// under each category what its services declare and what of it is on this device now
/// (`device`, [`device::read`]).
pub fn dialog(s: &Screen, shown: [bool; 4], device: &Device) -> String {
    let mut out = String::with_capacity(8192);
    out.push_str("<dialog data-bz=\"dialog\" class=\"dialog\" aria-labelledby=\"bz-dialog-title\"");
    s.push_lang(&mut out);
    push_element(
        &mut out,
        "<div class=\"head\"><h2 id=\"bz-dialog-title\">",
        s.text(Text::DialogTitle),
        "</h2>",
    );
    // The five languages, each in its own name.
    push_element(
        &mut out,
        "<label class=\"language\">",
        s.text(Text::Language),
        "<select data-bz=\"language\">",
    );
    for lang in Lang::ALL {
        out.push_str("<option value=\"");
        out.push_str(lang.code());
        out.push_str("\" lang=\"");
        out.push_str(lang.code());
        if lang == s.lang {
            out.push_str("\" selected=\"");
        }
        push_element(&mut out, "\">", lang.native_name(), "</option>");
    }
    push_element(
        &mut out,
        "</select></label><button type=\"button\" data-bz=\"close\" class=\"close\">",
        s.text(Text::Close),
        "</button></div>",
    );
    s.push_with_policy_link(&mut out, Text::DialogIntro);
    for category in Category::ALL {
        push_category(&mut out, s, category, shown[category.index()], device);
    }
    // What no service claims, and what a page cannot list; a polite live region the UI fills
    // when what is on the device changes while the dialog is open.
    out.push_str("<div class=\"part\" id=\"bz-part-unclassified\">");
    device::push_unclassified(&mut out, s, &device.unclassified);
    out.push_str("</div>");
    device::push_server_note(&mut out, s);
    out.push_str("<p class=\"live\" data-bz=\"live\" aria-live=\"polite\"></p>");
    s.push_buttons(
        &mut out,
        "<div class=\"foot\">",
        [
            ("reject-all", Text::RejectAll),
            ("accept-all", Text::AcceptAll),
            ("save", Text::Save),
        ],
    );
    out.push_str("</dialog>");
    out
}

/// One category: its switch with the On/Off text, description, and services.
fn push_category(out: &mut String, s: &Screen, category: Category, on: bool, device: &Device) {
    let name = category.name();
    let necessary = category == Category::Necessary;
    out.push_str("<section class=\"category\"><div class=\"row\"><label for=\"bz-cat-");
    out.push_str(name);
    push_element(
        out,
        "\">",
        s.text(i18n::category_title(category)),
        "</label><input type=\"checkbox\" role=\"switch\" id=\"bz-cat-",
    );
    out.push_str(name);
    out.push_str("\" data-bz-category=\"");
    out.push_str(name);
    out.push_str("\" aria-describedby=\"bz-cat-");
    out.push_str(name);
    out.push_str("-desc\"");
    if on || necessary {
        out.push_str(" checked");
    }
    if necessary {
        out.push_str(" disabled");
    }
    let state = if necessary {
        Text::AlwaysOn
    } else {
        state_text(on)
    };
    push_element(
        out,
        "><span class=\"state\" aria-hidden=\"true\">",
        s.text(state),
        "</span></div><p id=\"bz-cat-",
    );
    out.push_str(name);
    push_element(
        out,
        "-desc\">",
        s.text(i18n::category_description(category)),
        "</p>",
    );
    if category == Category::Marketing && s.gpc {
        push_element(out, "<p class=\"note\">", s.text(Text::GpcNote), "</p>");
    }
    push_services(out, s, category, device);
    out.push_str("</section>");
}

/// The visible text of a switch that is on or off.
pub fn state_text(on: bool) -> Text {
    if on {
        Text::StateOn
    } else {
        Text::StateOff
    }
}

/// The services of a category, with how many of what they declare are on this device now,
/// and their cookies and storage keys in a table, collapsed under a `<details>` (in a part the
/// UI draws anew when the device changes while the dialog is open).
fn push_services(out: &mut String, s: &Screen, category: Category, device: &Device) {
    out.push_str("<div class=\"part\" id=\"bz-part-");
    out.push_str(category.name());
    out.push_str("\">");
    let rows = device.rows(category);
    let mut services = s.config.services.iter().filter(|v| v.category == category);
    if !rows.is_empty() || services.clone().next().is_some() {
        out.push_str("<details><summary>");
        match services.next() {
            None => push_escaped(out, s.text(Text::Cookies)),
            Some(first) => {
                push_escaped(out, s.text(Text::Services));
                out.push_str(": ");
                push_escaped(out, first.display_name());
                for service in services {
                    out.push_str(", ");
                    push_escaped(out, service.display_name());
                }
            }
        }
        if !rows.is_empty() {
            out.push_str(" · ");
        }
        device::push_count(out, s, category, rows);
        out.push_str("</summary>");
        device::push_tables(out, s, category, rows);
        out.push_str("</details>");
    }
    out.push_str("</div>");
}

/// The inside of a blocked embed's placeholder: what is blocked, and "Allow and load".
pub fn placeholder(lang: Lang, text: &str, allow: &str) -> String {
    let mut out = String::with_capacity(256);
    out.push_str("<div");
    out.push_str(" lang=\"");
    out.push_str(lang.code());
    push_element(&mut out, "\" role=\"group\"><p>", text, "</p>");
    push_element(
        &mut out,
        "<button type=\"button\" data-bz=\"allow\">",
        allow,
        "</button></div>",
    );
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The dialog with nothing on the device.
    fn dialog(s: &Screen, shown: [bool; 4]) -> String {
        super::dialog(s, shown, &device::read(s.config, &[], &[]))
    }

    /// A screen in English, first asked, storage working, no GPC (also the UI's tests').
    pub(crate) fn screen(config: &Config) -> Screen<'_> {
        Screen {
            config,
            lang: Lang::En,
            texts: Box::leak(Box::new(Texts::builtin(Lang::En))),
            asks_again: false,
            persistent: true,
            gpc: false,
        }
    }

    /// A configuration whose every text, service name and cookie pattern is markup.
    // Host only: it reads its JSON through the host copy of the guard's `stream`.
    #[cfg(not(target_arch = "wasm32"))]
    fn hostile() -> Config {
        let payload = "<img src=x onerror=\\\"alert(1)\\\">'\\\"&amp;";
        let mut texts = String::new();
        for t in Text::ALL {
            if !texts.is_empty() {
                texts.push(',');
            }
            texts.push('"');
            texts.push_str(t.key());
            texts.push_str("\":\"");
            texts.push_str(payload);
            texts.push('"');
        }
        let mut json = String::from(
            r#"{"policyUrl":"https://example.com/p?a=1&b=\"><script>x</script>","services":[{"id":"evil","category":"analytics","name":""#,
        );
        json.push_str(payload);
        json.push_str(r#"","cookies":["evil_*"]}],"texts":{"en":{"#);
        json.push_str(&texts);
        json.push_str("}}}");
        let (config, errors) = Config::with_overrides_value(crate::core::read_json(&json));
        assert_eq!(errors, vec![], "{json}");
        config
    }

    /// Every `<` of the markup opens one of the tags the widget writes itself.
    #[cfg(not(target_arch = "wasm32"))]
    fn tags(html: &str) -> Vec<&str> {
        html.split('<')
            .skip(1)
            .map(|t| t.split([' ', '>']).next().unwrap_or(""))
            .collect()
    }

    #[cfg(not(target_arch = "wasm32"))]
    const OWN_TAGS: &[&str] = &[
        "section", "/section", "div", "/div", "h2", "/h2", "p", "/p", "a", "/a", "button",
        "/button", "dialog", "/dialog", "label", "/label", "select", "/select", "option",
        "/option", "input", "span", "/span", "details", "/details", "summary", "/summary", "table",
        "/table", "tr", "/tr", "th", "/th", "td", "/td", "caption", "/caption", "thead", "/thead",
        "tbody", "/tbody", "ul", "/ul", "li", "/li", "h3", "/h3",
    ];

    #[test]
    fn escaping_covers_the_five_characters_and_keeps_the_rest() {
        let mut out = String::from("x");
        push_escaped(&mut out, "a&b<c>d\"e'f Ünï 中文 &amp;");
        assert_eq!(out, "xa&amp;b&lt;c&gt;d&quot;e&#39;f Ünï 中文 &amp;amp;");
    }

    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn hostile_texts_stay_text_in_banner_dialog_and_placeholder() {
        let config = hostile();
        let s = Screen {
            gpc: true,
            asks_again: true,
            persistent: false,
            ..screen(&config)
        };
        let banner = banner(&s);
        let dialog = dialog(&s, [true, true, true, true]);
        let placeholder = placeholder(Lang::En, "<script>a</script>", "\"><b>");
        for html in [&banner, &dialog, &placeholder] {
            for tag in tags(html) {
                assert!(OWN_TAGS.contains(&tag), "foreign tag {tag:?} in {html}");
            }
            assert!(!html.contains('\''), "{html}");
            assert!(!html.contains("<img") && !html.contains("<script"));
        }
        assert!(
            banner.contains("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&#39;&quot;&amp;amp;")
        );
        assert!(banner.contains(
            "<a href=\"https://example.com/p?a=1&amp;b=&quot;&gt;&lt;script&gt;x&lt;/script&gt;\" target=\"_blank\" rel=\"noopener\">"
        ));
        assert!(dialog.contains("<th scope=\"row\" translate=\"no\">evil_*</th><td>&lt;img src=x"));
        assert!(placeholder.contains("<p>&lt;script&gt;a&lt;/script&gt;</p>"));
        assert!(placeholder.contains(">&quot;&gt;&lt;b&gt;</button>"));
    }

    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn every_attribute_value_is_double_quoted_and_closed() {
        let config = hostile();
        let html = dialog(&screen(&config), [true, false, true, false]);
        // Texts hold no `<` or `>`, so each tag runs from a `<` to the next `>`; in a tag,
        // outside the quotes, every `=` is followed by `"` and every quote is closed.
        for tag in html.split('<').skip(1) {
            let tag = tag.split('>').next().unwrap_or("");
            let mut quoted = false;
            let bytes = tag.as_bytes();
            for (i, b) in bytes.iter().enumerate() {
                match b {
                    b'"' => quoted = !quoted,
                    b'=' if !quoted => assert_eq!(bytes.get(i + 1), Some(&b'"'), "{tag}"),
                    b'\'' => panic!("{tag}"),
                    _ => {}
                }
            }
            assert!(!quoted, "{tag}");
        }
    }

    #[test]
    fn banner_is_the_markup_the_contract_names() {
        let config = Config::default();
        let html = banner(&screen(&config));
        let en = |t| i18n::text(Lang::En, t);
        let expected = [
            "<section data-bz=\"banner\" class=\"banner\" role=\"region\" aria-labelledby=\"bz-banner-title\" lang=\"en\">",
            "<div class=\"text\"><h2 id=\"bz-banner-title\">",
            en(Text::BannerTitle),
            "</h2><p>",
            en(Text::BannerBody),
            " <a href=\"https://www.bzpak.com/privacy-policy/\" target=\"_blank\" rel=\"noopener\">",
            en(Text::PolicyLink),
            "</a></p></div><div class=\"actions\"><button type=\"button\" data-bz=\"accept-all\">",
            en(Text::AcceptAll),
            "</button><button type=\"button\" data-bz=\"reject-all\">",
            en(Text::RejectAll),
            "</button><button type=\"button\" data-bz=\"customize\">",
            en(Text::Customize),
            "</button></div></section>",
        ];
        assert_eq!(html, expected.concat());
    }

    #[test]
    fn banner_notes_appear_when_asking_again_or_storage_is_unavailable() {
        let config = Config::default();
        let plain = banner(&screen(&config));
        assert!(!plain.contains("class=\"note\""));
        let s = Screen {
            asks_again: true,
            persistent: false,
            ..screen(&config)
        };
        assert_eq!(banner(&s).matches("<p class=\"note\">").count(), 2);
    }

    #[test]
    fn dialog_switches_show_the_choice_and_necessary_is_on_and_disabled() {
        let config = Config::default();
        let html = dialog(&screen(&config), [false, false, true, false]);
        assert!(html.contains(
            "id=\"bz-cat-necessary\" data-bz-category=\"necessary\" aria-describedby=\"bz-cat-necessary-desc\" checked disabled>"
        ));
        assert!(html.contains(
            "data-bz-category=\"analytics\" aria-describedby=\"bz-cat-analytics-desc\" checked>"
        ));
        assert!(html.contains(
            "data-bz-category=\"marketing\" aria-describedby=\"bz-cat-marketing-desc\">"
        ));
        assert_eq!(html.matches(" checked").count(), 2);
        assert_eq!(html.matches(" disabled").count(), 1);
        assert_eq!(html.matches("<input ").count(), 4);
        assert!(html.contains("<p id=\"bz-cat-analytics-desc\">"));
    }

    #[test]
    fn dialog_selects_the_visitor_language_and_names_each_in_its_own() {
        let config = Config::default();
        let s = Screen {
            lang: Lang::Ru,
            ..screen(&config)
        };
        let html = dialog(&s, [true, false, false, false]);
        assert!(html.starts_with(
            "<dialog data-bz=\"dialog\" class=\"dialog\" aria-labelledby=\"bz-dialog-title\" lang=\"ru\">"
        ));
        assert!(html.contains("<option value=\"ru\" lang=\"ru\" selected=\"\">Русский</option>"));
        assert!(html.contains("<option value=\"zh\" lang=\"zh\">中文</option>"));
        assert_eq!(html.matches("selected").count(), 1);
    }

    #[test]
    fn dialog_lists_services_and_their_cookies_and_the_gpc_note() {
        let config = Config::default();
        let s = Screen {
            gpc: true,
            ..screen(&config)
        };
        let html = dialog(&s, [true, false, false, false]);
        assert!(html.contains(
            "<summary>Services: Google Analytics, Baidu Tongji, Yandex Metrica · <span class=\"device-count\" id=\"bz-device-analytics-count\">0 of "
        ));
        assert!(html.contains("<tr><th scope=\"row\" translate=\"no\">_ga</th><td>Google</td>"));
        assert!(
            html.contains("<th scope=\"row\" translate=\"no\">bzconsent</th><td>bzpak.com</td>")
        );
        assert_eq!(html.matches("<p class=\"note\">").count(), 1);
        assert!(!dialog(&screen(&config), [true; 4]).contains("<p class=\"note\">"));
        // A category without services has no details.
        assert_eq!(html.matches("<details>").count(), 3);
        // Every category has its part, drawn anew when the device changes; one live region.
        for part in [
            "necessary",
            "preferences",
            "analytics",
            "marketing",
            "unclassified",
        ] {
            assert!(html.contains(&format!("<div class=\"part\" id=\"bz-part-{part}\">")));
        }
        assert_eq!(html.matches("aria-live=\"polite\"").count(), 1);
    }

    #[test]
    fn dialog_marks_what_is_on_this_device_and_lists_the_unclassified() {
        let config = Config::default();
        let cookies = device::cookie_names("_ga=1; _ga_ABC=2; site_theme=dark");
        let device = device::read(&config, &cookies, &["bzconsent", "_hjSessionUser_1"]);
        let html = super::dialog(&screen(&config), [true; 4], &device);
        // `_ga`, `_ga_*`, and Hotjar's `_hj*` key (a tracker the site does not declare, present:
        // under its category).
        assert!(
            html.contains("id=\"bz-device-analytics-count\">3 of "),
            "{html}"
        );
        assert!(
            html.contains("id=\"bz-device-necessary-count\">1 of 1 "),
            "{html}"
        );
        assert!(html.contains("<li>site_theme</li>"), "{html}");
        assert!(html.contains("<th scope=\"row\" translate=\"no\">_hj*</th><td>Hotjar</td>"));
        assert!(html.contains(i18n::text(Lang::En, Text::ServerCookiesNote)));
    }
}
