//! The widget's texts in every supported language, and the choice of language.
//!
//! Texts are plain static tables, one row per language in [`Text`] order, so adding a
//! language is adding a row (a test checks every row has every text). Placeholders such as
//! `{n}` or `{service}` are filled with [`fill`]; a site may replace any text through its
//! configuration, keyed by [`Text::key`].

use super::catalogue::Purpose;
use super::category::Category;

/// Number of texts, i.e. of [`Text`] variants.
const N: usize = 53;

/// A language the widget speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// Azerbaijani, the default (the language of bzpak.com's privacy policy).
    Az,
    /// English.
    En,
    /// Russian.
    Ru,
    /// Turkish.
    Tr,
    /// Chinese, in Simplified characters.
    Zh,
}

impl Lang {
    /// Every language, in the order the language switcher lists them.
    pub const ALL: [Lang; 5] = [Lang::Az, Lang::En, Lang::Ru, Lang::Tr, Lang::Zh];

    /// The ISO 639-1 code, as used in `<html lang>` and configuration.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Az => "az",
            Lang::En => "en",
            Lang::Ru => "ru",
            Lang::Tr => "tr",
            Lang::Zh => "zh",
        }
    }

    /// The language's name in itself, for the language switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Az => "Azərbaycanca",
            Lang::En => "English",
            Lang::Ru => "Русский",
            Lang::Tr => "Türkçe",
            Lang::Zh => "中文",
        }
    }

    /// The language of a BCP 47 tag (`az-Latn-AZ`, `zh_CN`, ` EN `); only the primary subtag counts.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let tag = tag.trim_ascii();
        let primary = &tag[..tag
            .bytes()
            .position(|b| b == b'-' || b == b'_')
            .unwrap_or(tag.len())];
        Lang::ALL
            .into_iter()
            .find(|lang| lang.code().eq_ignore_ascii_case(primary))
    }
}

/// Picks the language: the configured one (when the configuration names a supported language),
/// else the first supported of `tags`: the page's `<html lang>`, then the browser's languages
/// (`navigator.languages`), in that order; else Azerbaijani.
pub fn choose<'a>(configured: Option<Lang>, tags: impl IntoIterator<Item = &'a str>) -> Lang {
    configured
        .or_else(|| tags.into_iter().find_map(Lang::from_tag))
        .unwrap_or(Lang::Az)
}

/// One text of the widget; its wording per language comes from [`text`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Text {
    /// Heading of the banner.
    BannerTitle,
    /// The banner's explanation of what is used and what the visitor can do.
    BannerBody,
    /// Shown above the body when the site asks again after a change.
    BannerUpdated,
    /// Button: accept every category.
    AcceptAll,
    /// Button: refuse every optional category.
    RejectAll,
    /// Button: open the preferences dialog.
    Customize,
    /// Link text to the privacy policy.
    PolicyLink,
    /// Heading of the preferences dialog.
    DialogTitle,
    /// Short explanation at the top of the dialog.
    DialogIntro,
    /// Button: save the switches as they are.
    Save,
    /// Accessible label of the dialog's close button.
    Close,
    /// Shown instead of a switch for the necessary category.
    AlwaysOn,
    /// State next to a switch that is on.
    StateOn,
    /// State next to a switch that is off.
    StateOff,
    /// Title of the necessary category.
    CategoryNecessaryTitle,
    /// Description of the necessary category.
    CategoryNecessaryDescription,
    /// Title of the preferences category.
    CategoryPreferencesTitle,
    /// Description of the preferences category.
    CategoryPreferencesDescription,
    /// Title of the analytics category.
    CategoryAnalyticsTitle,
    /// Description of the analytics category.
    CategoryAnalyticsDescription,
    /// Title of the marketing category.
    CategoryMarketingTitle,
    /// Description of the marketing category.
    CategoryMarketingDescription,
    /// Heading of a category's list of services.
    Services,
    /// Heading of a list of cookies.
    Cookies,
    /// Cookie table column: name.
    CookieName,
    /// Cookie table column: provider.
    CookieProvider,
    /// Cookie table column: purpose.
    CookiePurpose,
    /// Cookie table column: duration.
    CookieDuration,
    /// Duration of a cookie deleted when the browser session ends.
    DurationSession,
    /// Duration in days; `{n}` is the number.
    DurationDays,
    /// Duration in months; `{n}` is the number.
    DurationMonths,
    /// Duration in years; `{n}` is the number.
    DurationYears,
    /// Cookie purpose: tells visitors apart.
    PurposeIdentify,
    /// Cookie purpose: keeps the session.
    PurposeSession,
    /// Cookie purpose: limits the request rate.
    PurposeThrottle,
    /// Cookie purpose: measures and personalizes ads.
    PurposeAds,
    /// Cookie purpose: stores the cookie choice.
    PurposeConsent,
    /// Cookie purpose: remembers settings.
    PurposePreferences,
    /// Cookie purpose: records how the page is used.
    PurposeDiagnostics,
    /// Placeholder of blocked content; `{service}` and `{category}` are filled in.
    PlaceholderText,
    /// Placeholder button: allow the category and load the content.
    PlaceholderAllow,
    /// Why marketing is off when the browser sends Global Privacy Control.
    GpcNote,
    /// Label of the language switcher.
    Language,
    /// Text of a link that opens the preferences dialog.
    CookieSettings,
    /// Notice that the choice cannot be stored and lasts for this page only.
    StorageUnavailable,
    /// Caption of a category's table of cookies and storage keys; `{category}` is its title.
    DeviceCaption,
    /// Heading of the storage keys (localStorage, sessionStorage) in a table or list.
    StorageKeys,
    /// Column: whether a cookie or storage key is on this device now.
    OnDevice,
    /// Cell: it is on this device now.
    PresentYes,
    /// Cell: the page does not find it on this device.
    PresentNo,
    /// A category's count; `{n}` of its `{m}` rows are on this device now.
    PresentCount,
    /// Heading of the names on this device that no service declares and the catalogue does
    /// not know.
    NotClassified,
    /// The server (and other sites) may set cookies a page cannot list.
    ServerCookiesNote,
}

/// Keys of the texts, in [`Text`] order, as site configuration names them.
static KEYS: [&str; N] = [
    "banner_title",
    "banner_body",
    "banner_updated",
    "accept_all",
    "reject_all",
    "customize",
    "policy_link",
    "dialog_title",
    "dialog_intro",
    "save",
    "close",
    "always_on",
    "state_on",
    "state_off",
    "category_necessary_title",
    "category_necessary_description",
    "category_preferences_title",
    "category_preferences_description",
    "category_analytics_title",
    "category_analytics_description",
    "category_marketing_title",
    "category_marketing_description",
    "services",
    "cookies",
    "cookie_name",
    "cookie_provider",
    "cookie_purpose",
    "cookie_duration",
    "duration_session",
    "duration_days",
    "duration_months",
    "duration_years",
    "purpose_identify",
    "purpose_session",
    "purpose_throttle",
    "purpose_ads",
    "purpose_consent",
    "purpose_preferences",
    "purpose_diagnostics",
    "placeholder_text",
    "placeholder_allow",
    "gpc_note",
    "language",
    "cookie_settings",
    "storage_unavailable",
    "device_caption",
    "storage_keys",
    "on_device",
    "present_yes",
    "present_no",
    "present_count",
    "not_classified",
    "server_cookies_note",
];

impl Text {
    /// Every text, in declaration order (the order of the table rows).
    pub const ALL: [Text; N] = [
        Text::BannerTitle,
        Text::BannerBody,
        Text::BannerUpdated,
        Text::AcceptAll,
        Text::RejectAll,
        Text::Customize,
        Text::PolicyLink,
        Text::DialogTitle,
        Text::DialogIntro,
        Text::Save,
        Text::Close,
        Text::AlwaysOn,
        Text::StateOn,
        Text::StateOff,
        Text::CategoryNecessaryTitle,
        Text::CategoryNecessaryDescription,
        Text::CategoryPreferencesTitle,
        Text::CategoryPreferencesDescription,
        Text::CategoryAnalyticsTitle,
        Text::CategoryAnalyticsDescription,
        Text::CategoryMarketingTitle,
        Text::CategoryMarketingDescription,
        Text::Services,
        Text::Cookies,
        Text::CookieName,
        Text::CookieProvider,
        Text::CookiePurpose,
        Text::CookieDuration,
        Text::DurationSession,
        Text::DurationDays,
        Text::DurationMonths,
        Text::DurationYears,
        Text::PurposeIdentify,
        Text::PurposeSession,
        Text::PurposeThrottle,
        Text::PurposeAds,
        Text::PurposeConsent,
        Text::PurposePreferences,
        Text::PurposeDiagnostics,
        Text::PlaceholderText,
        Text::PlaceholderAllow,
        Text::GpcNote,
        Text::Language,
        Text::CookieSettings,
        Text::StorageUnavailable,
        Text::DeviceCaption,
        Text::StorageKeys,
        Text::OnDevice,
        Text::PresentYes,
        Text::PresentNo,
        Text::PresentCount,
        Text::NotClassified,
        Text::ServerCookiesNote,
    ];

    /// The snake_case key a site's configuration uses to replace this text (`banner_title`).
    pub fn key(self) -> &'static str {
        KEYS[self as usize]
    }

    /// The text named by a configuration key; exact match only.
    pub fn from_key(key: &str) -> Option<Text> {
        Text::ALL.into_iter().find(|t| t.key() == key)
    }
}

/// The built-in wording of `t` in `lang`.
pub fn text(lang: Lang, t: Text) -> &'static str {
    TABLE[lang as usize][t as usize]
}

/// One language's built-in wording, as the UI has it: loaded from that language's file
/// (`pkg/bzconsent-lang-<code>.js`, written by [`Texts::file`]), so that the UI carries no
/// language but the visitor's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Texts(String);

impl Texts {
    /// No texts yet (every text empty).
    pub const EMPTY: Texts = Texts(String::new());

    /// The built-in wording of `lang` (the tables above: tests, the build and the command line;
    /// the UI reads the file instead).
    pub fn builtin(lang: Lang) -> Texts {
        let lines: Vec<&str> = Text::ALL.iter().map(|t| text(lang, *t)).collect();
        Texts(lines.join("\n"))
    }

    /// The texts of a language file's content: one per line, in [`Text`] order. `None` when
    /// the count is not the widget's (a file of another version).
    pub fn parse(content: &str) -> Option<Texts> {
        (content.split('\n').count() == N).then(|| Texts(content.to_owned()))
    }

    /// The wording of `t`.
    pub fn get(&self, t: Text) -> &str {
        self.0.split('\n').nth(t as usize).unwrap_or("")
    }

    /// The language file of `lang`: a script that hands its texts to the guard's link, where
    /// the UI takes them ([`Texts::parse`]).
    pub fn file(lang: Lang) -> String {
        let mut out = String::from("self.__bzconsentLink&&__bzconsentLink.texts(\"");
        out.push_str(lang.code());
        out.push_str("\",");
        super::record::push_json_str(&mut out, &Texts::builtin(lang).0);
        out.push_str(");\n");
        out
    }
}

/// The text holding the title of category `c`.
pub fn category_title(c: Category) -> Text {
    match c {
        Category::Necessary => Text::CategoryNecessaryTitle,
        Category::Preferences => Text::CategoryPreferencesTitle,
        Category::Analytics => Text::CategoryAnalyticsTitle,
        Category::Marketing => Text::CategoryMarketingTitle,
    }
}

/// The text holding the description of category `c`.
pub fn category_description(c: Category) -> Text {
    match c {
        Category::Necessary => Text::CategoryNecessaryDescription,
        Category::Preferences => Text::CategoryPreferencesDescription,
        Category::Analytics => Text::CategoryAnalyticsDescription,
        Category::Marketing => Text::CategoryMarketingDescription,
    }
}

/// The text saying what a cookie of purpose `p` is for.
pub fn purpose(p: Purpose) -> Text {
    match p {
        Purpose::Identify => Text::PurposeIdentify,
        Purpose::Session => Text::PurposeSession,
        Purpose::Throttle => Text::PurposeThrottle,
        Purpose::Ads => Text::PurposeAds,
        Purpose::Consent => Text::PurposeConsent,
        Purpose::Preferences => Text::PurposePreferences,
        Purpose::Diagnostics => Text::PurposeDiagnostics,
    }
}

/// Replaces each `{name}` in `template` with `value` (plain push_str, no fmt). Unknown braces are left as they are.
pub fn fill(template: &str, name: &str, value: &str) -> String {
    let mut out = String::with_capacity(template.len() + value.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.strip_prefix(name).and_then(|t| t.strip_prefix('}')) {
            Some(tail) => {
                out.push_str(value);
                rest = tail;
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Every language's texts, indexed by [`Lang`] then [`Text`].
static TABLE: [[&str; N]; 5] = [AZ, EN, RU, TR, ZH];

const AZ: [&str; N] = [
    // Banner
    "Çərəzlərdən istifadə edirik",
    "Saytın işləməsi üçün zəruri çərəzlərdən, yalnız razılığınızla isə tərcih, analitika və marketinq çərəzlərindən istifadə edirik. Onları qəbul edə, rədd edə və ya özünüz seçə, qərarınızı isə istənilən vaxt «Çərəz ayarları» bölməsində dəyişə bilərsiniz.",
    "Son seçiminizdən sonra çərəz siyasətimiz dəyişib. Zəhmət olmasa, yenidən seçim edin.",
    "Hamısını qəbul et",
    "Hamısını rədd et",
    "Tənzimlə",
    "Gizlilik Siyasəti",
    // Dialog
    "Çərəz ayarları",
    "Hansı çərəzlərdən istifadə edə biləcəyimizi seçin. Zəruri çərəzlər həmişə aktivdir, digərləri isə siz aktivləşdirənə qədər deaktiv qalır.",
    "Seçimləri yadda saxla",
    "Bağla",
    "Həmişə aktiv",
    "Aktiv",
    "Deaktiv",
    // Categories
    "Zəruri",
    "Saytın işləməsi üçün lazımdır, məsələn, təhlükəsizliyi təmin edir və çərəz seçiminizi yadda saxlayır. Söndürülə bilməz.",
    "Tərcihlər",
    "Dil kimi ayarlarınızı yadda saxlayır.",
    "Analitika",
    "Ziyarətçilərin saytdan necə istifadə etdiyini anlamağımıza kömək edir: üçüncü tərəf analitika təminatçıları anonim statistika toplayır.",
    "Marketinq",
    "Reklam, həmçinin digər saytlardan yerləşdirilmiş video və məzmun üçün istifadə olunur; bunlar sizi saytlar arasında izləyə bilər.",
    // Services and cookies
    "Xidmətlər",
    "Çərəzlər",
    "Ad",
    "Təminatçı",
    "Məqsəd",
    "Müddət",
    "Sessiya",
    "{n} gün",
    "{n} ay",
    "{n} il",
    "Ziyarətçiləri bir-birindən fərqləndirir",
    "Sessiyanı aktiv saxlayır",
    "Sorğuların tezliyini məhdudlaşdırır",
    "Reklamları ölçür və fərdiləşdirir",
    "Çərəz seçiminizi yadda saxlayır",
    "Ayarlarınızı yadda saxlayır",
    "Səhifədən necə istifadə olunduğunu qeydə alır (istilik xəritələri, sessiya yazıları)",
    // Placeholders and notices
    "{service} bloklanıb, çünki «{category}» çərəzlərinə icazə verməmisiniz.",
    "İcazə ver və yüklə",
    "Brauzeriniz Global Privacy Control siqnalı göndərir, ona görə də siz özünüz aktivləşdirməyincə marketinq çərəzləri deaktiv qalır.",
    "Dil",
    "Çərəz ayarları",
    "Brauzeriniz bu sayta seçiminizi yadda saxlamağa icazə vermir; seçiminiz yalnız bu səhifədən çıxana qədər qüvvədə qalacaq.",
    // What is on this device
    "{category}: çərəzlər və brauzer yaddaşı",
    "Brauzer yaddaşı",
    "Bu cihazda",
    "Bəli, indi",
    "Tapılmadı",
    "İndi bu cihazda: {n} (cəmi {m})",
    "Təsnif edilməyib",
    "Saytın serveri və digər saytlar brauzerinizə bu səhifənin görə bilmədiyi çərəzlər də (məsələn, HttpOnly çərəzləri) göndərə bilər; onlar burada göstərilmir.",
];

const EN: [&str; N] = [
    // Banner
    "We use cookies",
    "We use necessary cookies to run this site and, only with your consent, cookies for preferences, analytics and marketing. You can accept all, reject all or choose which to allow, and change your mind at any time in “Cookie settings”.",
    "Our cookie policy has changed since your last choice. Please choose again.",
    "Accept all",
    "Reject all",
    "Customize",
    "Privacy Policy",
    // Dialog
    "Cookie settings",
    "Choose which cookies we may use. Necessary cookies are always on; the others stay off until you switch them on.",
    "Save choices",
    "Close",
    "Always on",
    "On",
    "Off",
    // Categories
    "Necessary",
    "Needed for the site to work, for example for security and to remember your cookie choice. They cannot be switched off.",
    "Preferences",
    "Remember your settings, such as your language.",
    "Analytics",
    "Help us understand how visitors use the site, through anonymous statistics from third-party analytics providers.",
    "Marketing",
    "Used for advertising and for videos and content embedded from other sites, which may track you across sites.",
    // Services and cookies
    "Services",
    "Cookies",
    "Name",
    "Provider",
    "Purpose",
    "Duration",
    "Session",
    "{n} day(s)",
    "{n} month(s)",
    "{n} year(s)",
    "Distinguishes visitors",
    "Keeps your session",
    "Limits the request rate",
    "Measures and personalizes ads",
    "Stores your cookie choice",
    "Remembers your settings",
    "Records how the page is used (heatmaps, session replays)",
    // Placeholders and notices
    "{service} is blocked because you have not allowed {category} cookies.",
    "Allow and load",
    "Your browser sends a Global Privacy Control signal, so marketing cookies stay off unless you switch them on.",
    "Language",
    "Cookie settings",
    "Your browser does not let this site store your choice, so it applies only until you leave this page.",
    // What is on this device
    "{category}: cookies and browser storage",
    "Browser storage",
    "On this device",
    "Yes, now",
    "Not found",
    "{n} of {m} on this device now",
    "Not classified",
    "The site’s server and other sites can also set cookies that this page cannot list (such as HttpOnly cookies); they are not shown here.",
];

const RU: [&str; N] = [
    // Banner
    "Мы используем файлы cookie",
    "Необходимые файлы cookie нужны для работы сайта, а файлы cookie для настроек, аналитики и маркетинга мы используем только с вашего согласия. Вы можете принять их, отклонить или выбрать нужные и в любой момент изменить решение в разделе «Настройки cookie».",
    "С момента вашего последнего выбора наша политика в отношении файлов cookie изменилась. Пожалуйста, сделайте выбор ещё раз.",
    "Принять все",
    "Отклонить все",
    "Настроить",
    "Политика конфиденциальности",
    // Dialog
    "Настройки cookie",
    "Выберите, какие файлы cookie мы можем использовать. Необходимые включены всегда, остальные остаются выключенными, пока вы их не включите.",
    "Сохранить выбор",
    "Закрыть",
    "Всегда включены",
    "Вкл.",
    "Выкл.",
    // Categories
    "Необходимые",
    "Нужны для работы сайта: обеспечивают безопасность и запоминают ваш выбор в отношении файлов cookie. Их нельзя отключить.",
    "Предпочтения",
    "Запоминают ваши настройки, например язык.",
    "Аналитика",
    "Помогают нам понять, как посетители пользуются сайтом: сторонние сервисы аналитики собирают анонимную статистику.",
    "Маркетинг",
    "Используются для рекламы, а также для видео и материалов, встроенных с других сайтов; они могут отслеживать ваши действия в интернете.",
    // Services and cookies
    "Сервисы",
    "Файлы cookie",
    "Название",
    "Поставщик",
    "Назначение",
    "Срок хранения",
    "Сеанс",
    "{n} дн.",
    "{n} мес.",
    "{n} г.",
    "Различает посетителей",
    "Поддерживает сеанс",
    "Ограничивает частоту запросов",
    "Измеряет эффективность рекламы и персонализирует её",
    "Хранит ваш выбор в отношении файлов cookie",
    "Запоминает ваши настройки",
    "Записывает, как используется страница (тепловые карты, записи сеансов)",
    // Placeholders and notices
    "Содержимое {service} заблокировано, так как вы не разрешили файлы cookie категории «{category}».",
    "Разрешить и загрузить",
    "Ваш браузер передаёт сигнал Global Privacy Control, поэтому маркетинговые файлы cookie остаются выключенными, пока вы сами их не включите.",
    "Язык",
    "Настройки cookie",
    "Ваш браузер не позволяет сайту сохранить ваш выбор, поэтому он действует только до тех пор, пока вы не покинете эту страницу.",
    // What is on this device
    "{category}: файлы cookie и хранилище браузера",
    "Хранилище браузера",
    "На этом устройстве",
    "Да, сейчас",
    "Не найдено",
    "Сейчас на этом устройстве: {n} из {m}",
    "Без классификации",
    "Сервер сайта и другие сайты могут также устанавливать файлы cookie, которые эта страница не видит (например, HttpOnly); здесь они не показаны.",
];

const TR: [&str; N] = [
    // Banner
    "Çerez kullanıyoruz",
    "Sitenin çalışması için zorunlu çerezler kullanıyoruz; tercih, analitik ve pazarlama çerezlerini ise yalnızca onayınızla kullanırız. Çerezleri kabul edebilir, reddedebilir ya da kendiniz seçebilir, kararınızı istediğiniz zaman “Çerez ayarları” bölümünden değiştirebilirsiniz.",
    "Son seçiminizden bu yana çerez politikamız değişti. Lütfen yeniden seçim yapın.",
    "Tümünü kabul et",
    "Tümünü reddet",
    "Özelleştir",
    "Gizlilik Politikası",
    // Dialog
    "Çerez ayarları",
    "Hangi çerezleri kullanabileceğimizi seçin. Zorunlu çerezler her zaman açıktır; diğerleri siz açana kadar kapalı kalır.",
    "Seçimleri kaydet",
    "Kapat",
    "Her zaman açık",
    "Açık",
    "Kapalı",
    // Categories
    "Zorunlu",
    "Sitenin çalışması için gereklidir; örneğin güvenliği sağlar ve çerez seçiminizi hatırlar. Kapatılamaz.",
    "Tercihler",
    "Dil gibi ayarlarınızı hatırlar.",
    "Analitik",
    "Ziyaretçilerin siteyi nasıl kullandığını anlamamıza yardımcı olur; üçüncü taraf analiz hizmetleri anonim istatistikler toplar.",
    "Pazarlama",
    "Reklamlar ve diğer sitelerden yerleştirilen video ve içerikler için kullanılır; bunlar sizi siteler arasında takip edebilir.",
    // Services and cookies
    "Hizmetler",
    "Çerezler",
    "Ad",
    "Sağlayıcı",
    "Amaç",
    "Süre",
    "Oturum",
    "{n} gün",
    "{n} ay",
    "{n} yıl",
    "Ziyaretçileri birbirinden ayırt eder",
    "Oturumu sürdürür",
    "İstek sıklığını sınırlar",
    "Reklamları ölçer ve kişiselleştirir",
    "Çerez seçiminizi saklar",
    "Ayarlarınızı hatırlar",
    "Sayfanın nasıl kullanıldığını kaydeder (ısı haritaları, oturum kayıtları)",
    // Placeholders and notices
    "“{category}” çerezlerine izin vermediğiniz için {service} engellendi.",
    "İzin ver ve yükle",
    "Tarayıcınız Global Privacy Control sinyali gönderiyor; bu nedenle siz açmadıkça pazarlama çerezleri kapalı kalır.",
    "Dil",
    "Çerez ayarları",
    "Tarayıcınız bu sitenin seçiminizi kaydetmesine izin vermiyor; seçiminiz yalnızca bu sayfadan ayrılana kadar geçerli olur.",
    // What is on this device
    "{category}: çerezler ve tarayıcı depolama alanı",
    "Tarayıcı depolama alanı",
    "Bu cihazda",
    "Evet, şu anda",
    "Bulunamadı",
    "Şu anda bu cihazda: {n} (toplam {m})",
    "Sınıflandırılmamış",
    "Sitenin sunucusu ve diğer siteler, bu sayfanın listeleyemediği çerezler de (örneğin HttpOnly çerezleri) ayarlayabilir; bunlar burada gösterilmez.",
];

const ZH: [&str; N] = [
    // Banner
    "我们使用 Cookie",
    "我们使用必要的 Cookie 来保证网站正常运行；偏好、分析和营销类 Cookie 仅在征得您同意后使用。您可以全部接受、全部拒绝或自行选择，并可随时在“Cookie 设置”中更改。",
    "自您上次选择以来，我们的 Cookie 政策已有变更。请重新选择。",
    "全部接受",
    "全部拒绝",
    "自定义",
    "隐私政策",
    // Dialog
    "Cookie 设置",
    "请选择我们可以使用哪些 Cookie。必要 Cookie 始终启用，其他 Cookie 在您开启之前保持关闭。",
    "保存选择",
    "关闭",
    "始终启用",
    "已开启",
    "已关闭",
    // Categories
    "必要",
    "网站正常运行所必需，例如用于安全防护和记住您的 Cookie 选择。无法关闭。",
    "偏好",
    "记住您的设置，例如语言。",
    "分析",
    "帮助我们了解访客如何使用本网站：第三方分析服务会收集匿名统计数据。",
    "营销",
    "用于广告以及嵌入自其他网站的视频和内容，它们可能会跨网站跟踪您。",
    // Services and cookies
    "服务",
    "Cookie",
    "名称",
    "提供方",
    "用途",
    "有效期",
    "会话",
    "{n} 天",
    "{n} 个月",
    "{n} 年",
    "区分不同访客",
    "保持会话",
    "限制请求频率",
    "衡量广告效果并个性化广告",
    "保存您的 Cookie 选择",
    "记住您的设置",
    "记录页面的使用情况（热图、会话回放）",
    // Placeholders and notices
    "由于您未允许“{category}”类 Cookie，{service} 已被屏蔽。",
    "允许并加载",
    "您的浏览器发送了全球隐私控制（Global Privacy Control）信号，因此营销类 Cookie 将保持关闭，除非您手动开启。",
    "语言",
    "Cookie 设置",
    "您的浏览器不允许本网站保存您的选择，该选择仅在您离开此页面之前有效。",
    // What is on this device
    "{category}：Cookie 与浏览器存储",
    "浏览器存储",
    "在此设备上",
    "是，当前存在",
    "未发现",
    "此设备上当前有 {n} 项（共 {m} 项）",
    "未分类",
    "网站服务器和其他网站也可能设置本页面无法列出的 Cookie（例如 HttpOnly Cookie），此处不会显示。",
];

#[cfg(test)]
mod tests {
    use super::*;

    /// The `{name}` placeholders of a text, sorted.
    fn placeholders(s: &str) -> Vec<&str> {
        let mut names = Vec::new();
        let mut rest = s;
        while let Some(open) = rest.find('{') {
            let after = &rest[open + 1..];
            let close = after.find('}').expect("every `{` is closed");
            names.push(&after[..close]);
            rest = &after[close + 1..];
        }
        names.sort_unstable();
        names
    }

    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn language_files_round_trip_and_hold_no_line_breaks() {
        for lang in Lang::ALL {
            for t in Text::ALL {
                assert!(!text(lang, t).contains(['\n', '\r']), "{lang:?} {t:?}");
            }
            let file = Texts::file(lang);
            let start = file.find(",\"").unwrap() + 1;
            let end = file.rfind(");").unwrap();
            let content: String = serde_json::from_str(&file[start..end]).unwrap();
            assert_eq!(Texts::parse(&content), Some(Texts::builtin(lang)));
            assert!(file.starts_with("self.__bzconsentLink&&__bzconsentLink.texts(\""));
        }
        assert_eq!(Texts::parse("a\nb"), None);
        assert_eq!(Texts::builtin(Lang::En).get(Text::AcceptAll), "Accept all");
    }

    #[test]
    fn every_language_has_every_text_non_empty_and_trimmed() {
        for lang in Lang::ALL {
            for t in Text::ALL {
                let s = text(lang, t);
                assert!(!s.is_empty(), "{lang:?} {t:?} is empty");
                assert_eq!(s, s.trim(), "{lang:?} {t:?} has surrounding space");
                assert!(!s.contains("  "), "{lang:?} {t:?} has a double space");
                assert!(!s.contains('\n'), "{lang:?} {t:?} has a line break");
            }
        }
    }

    #[test]
    fn every_language_uses_the_same_placeholders_as_english() {
        for t in Text::ALL {
            let english = placeholders(text(Lang::En, t));
            for lang in Lang::ALL {
                assert_eq!(placeholders(text(lang, t)), english, "{lang:?} {t:?}");
            }
        }
        assert_eq!(
            placeholders(text(Lang::En, Text::PlaceholderText)),
            ["category", "service"]
        );
        for t in [
            Text::DurationDays,
            Text::DurationMonths,
            Text::DurationYears,
        ] {
            assert_eq!(placeholders(text(Lang::En, t)), ["n"]);
        }
        assert_eq!(placeholders(text(Lang::En, Text::PresentCount)), ["m", "n"]);
        assert_eq!(
            placeholders(text(Lang::En, Text::DeviceCaption)),
            ["category"]
        );
    }

    #[test]
    fn only_templates_have_braces() {
        let templates = [
            Text::DurationDays,
            Text::DurationMonths,
            Text::DurationYears,
            Text::PlaceholderText,
            Text::DeviceCaption,
            Text::PresentCount,
        ];
        for t in Text::ALL.into_iter().filter(|t| !templates.contains(t)) {
            assert!(placeholders(text(Lang::En, t)).is_empty(), "{t:?}");
        }
    }

    #[test]
    fn azerbaijani_uses_the_policys_terms() {
        assert_eq!(text(Lang::Az, Text::PolicyLink), "Gizlilik Siyasəti");
        assert!(text(Lang::Az, Text::BannerBody).contains("çərəz"));
        // The policy's own words: cookies are sent to the browser, from the site's servers.
        let note = text(Lang::Az, Text::ServerCookiesNote);
        assert!(note.contains("çərəz") && note.contains("server") && note.contains("brauzer"));
    }

    #[test]
    fn keys_are_unique_snake_case_and_round_trip() {
        for (i, t) in Text::ALL.into_iter().enumerate() {
            assert_eq!(t as usize, i, "Text::ALL is in declaration order");
            let key = t.key();
            assert!(key
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'));
            assert_eq!(Text::from_key(key), Some(t));
            let same = Text::ALL.iter().filter(|o| o.key() == key).count();
            assert_eq!(same, 1, "{key} is used twice");
        }
    }

    #[test]
    fn unknown_keys_are_rejected() {
        for key in ["", "banner", "Banner_Title", "banner_title ", "bannerTitle"] {
            assert_eq!(Text::from_key(key), None, "{key:?}");
        }
    }

    #[test]
    fn categories_map_to_their_own_texts() {
        for c in Category::ALL {
            let mut title = String::from("category_");
            title.push_str(c.name());
            let mut description = title.clone();
            title.push_str("_title");
            description.push_str("_description");
            assert_eq!(category_title(c).key(), title);
            assert_eq!(category_description(c).key(), description);
        }
    }

    #[test]
    fn from_tag_reads_only_the_primary_subtag() {
        let cases = [
            ("az", Some(Lang::Az)),
            ("az-Latn-AZ", Some(Lang::Az)),
            ("AZ_az", Some(Lang::Az)),
            ("az-Arab", Some(Lang::Az)),
            (" az ", Some(Lang::Az)),
            ("en-GB", Some(Lang::En)),
            ("EN", Some(Lang::En)),
            ("ru-RU", Some(Lang::Ru)),
            ("tr", Some(Lang::Tr)),
            ("tr-TR", Some(Lang::Tr)),
            ("zh-Hans-CN", Some(Lang::Zh)),
            ("zh-TW", Some(Lang::Zh)),
            ("zh_CN", Some(Lang::Zh)),
        ];
        for (tag, lang) in cases {
            assert_eq!(Lang::from_tag(tag), lang, "{tag:?}");
        }
    }

    #[test]
    fn from_tag_rejects_near_misses() {
        for tag in [
            "", " ", "-", "x", "de", "de-AZ", "azb", "aze", "eng", "e", "enx-US", "zho", "z h",
            "ru ru", "-az", "tr.TR",
        ] {
            assert_eq!(Lang::from_tag(tag), None, "{tag:?}");
        }
    }

    #[test]
    fn codes_round_trip_and_native_names_are_distinct() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_tag(lang.code()), Some(lang));
            let same = Lang::ALL
                .iter()
                .filter(|o| o.native_name() == lang.native_name())
                .count();
            assert_eq!(same, 1, "{lang:?}");
        }
    }

    /// [`choose`] with the configured language as the configuration names it.
    fn pick(configured: Option<&str>, html: Option<&str>, browser: &[&str]) -> Lang {
        choose(
            configured.and_then(Lang::from_tag),
            html.into_iter().chain(browser.iter().copied()),
        )
    }

    #[test]
    fn choose_prefers_configured_then_page_then_browser_then_azerbaijani() {
        let browser = ["de-DE", "ru-RU", "en"];
        assert_eq!(pick(Some("tr"), Some("en"), &browser), Lang::Tr);
        assert_eq!(pick(None, Some("zh-CN"), &browser), Lang::Zh);
        assert_eq!(pick(None, None, &browser), Lang::Ru);
        assert_eq!(pick(None, None, &[]), Lang::Az);
        assert_eq!(pick(None, None, &["de", "fr"]), Lang::Az);
    }

    #[test]
    fn choose_falls_through_unsupported_values() {
        assert_eq!(pick(Some("de"), Some("en-US"), &["ru"]), Lang::En);
        assert_eq!(pick(Some(""), Some("fr"), &["ru"]), Lang::Ru);
        assert_eq!(pick(Some("xx"), Some(""), &["", "de"]), Lang::Az);
    }

    #[test]
    fn fill_replaces_every_occurrence() {
        assert_eq!(fill("{n} days, {n} more", "n", "30"), "30 days, 30 more");
        assert_eq!(fill("{n}{n}", "n", "1"), "11");
        assert_eq!(fill("no placeholders", "n", "1"), "no placeholders");
        assert_eq!(fill("", "n", "1"), "");
    }

    #[test]
    fn fill_leaves_other_braces_alone() {
        let s = "{service} needs {category}";
        let once = fill(s, "service", "YouTube");
        assert_eq!(once, "YouTube needs {category}");
        assert_eq!(
            fill(&once, "category", "Marketing"),
            "YouTube needs Marketing"
        );
        assert_eq!(fill("{ n} {n {nn} {} } {", "n", "1"), "{ n} {n {nn} {} } {");
        assert_eq!(fill("{{n}}", "n", "1"), "{1}");
    }

    #[test]
    fn fill_does_not_reexpand_the_value() {
        assert_eq!(fill("{n}", "n", "{n}"), "{n}");
        assert_eq!(fill("{a}", "a", "é{ü}"), "é{ü}");
    }

    #[test]
    fn filled_templates_leave_no_placeholder_behind() {
        for lang in Lang::ALL {
            let s = fill(text(lang, Text::PlaceholderText), "service", "YouTube");
            let s = fill(&s, "category", text(lang, Text::CategoryMarketingTitle));
            assert!(!s.contains('{') && !s.contains('}'), "{lang:?}: {s}");
            assert!(s.contains("YouTube"), "{lang:?}");
            let d = fill(text(lang, Text::DurationDays), "n", "30");
            assert!(d.starts_with("30"), "{lang:?}: {d}");
            let count = fill(&fill(text(lang, Text::PresentCount), "n", "2"), "m", "5");
            assert!(!count.contains('{') && count.contains('2') && count.contains('5'));
            let caption = fill(text(lang, Text::DeviceCaption), "category", "X");
            assert!(!caption.contains('{') && caption.contains('X'), "{lang:?}");
        }
    }

    #[test]
    fn every_purpose_has_its_own_text() {
        use Purpose::*;
        let all = [
            Identify,
            Session,
            Throttle,
            Ads,
            Consent,
            Preferences,
            Diagnostics,
        ];
        for p in all {
            let same = all.iter().filter(|o| purpose(**o) == purpose(p)).count();
            assert_eq!(same, 1, "{p:?}");
            assert!(purpose(p).key().starts_with("purpose_"), "{p:?}");
        }
    }
}
