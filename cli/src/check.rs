//! `bzconsent check CONFIG.json`: the messages the widget logs with `console.error` for a bad
//! configuration, from the same Rust code (`Config::with_overrides`, `ConfigError::message`).

/// What checking one configuration text found.
#[derive(Debug, PartialEq, Eq)]
pub struct Checked {
    /// The widget's messages, one per bad field, in the order the widget logs them.
    pub messages: Vec<String>,
    /// Where the text stops being JSON, when it does (a hint the widget does not give: in the
    /// browser, `JSON.parse` reports it before the widget sees the text).
    pub json_error: Option<String>,
}

/// Checks a configuration text as the widget reads the page's `#bzconsent-config` element.
pub fn check(text: &str) -> Checked {
    let (_, errors) = crate::config_from_text(text);
    let json_error = serde_json::from_str::<serde_json::Value>(text)
        .err()
        .map(|e| format!("not JSON: {e}"));
    Checked {
        messages: errors.iter().map(|e| e.message()).collect(),
        json_error,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_good_configuration_has_no_message() {
        let c = check(r#"{ "revision": 2, "language": "en" }"#);
        assert_eq!(c.messages, Vec::<String>::new());
        assert_eq!(c.json_error, None);
    }

    #[test]
    fn each_bad_field_gets_the_widgets_message() {
        let c = check(
            r#"{ "revision": 0, "services": [{ "id": "x", "category": "necessary" }], "colour": 1 }"#,
        );
        assert_eq!(
            c.messages,
            // In key order, as the guard hands the keys over (sorted).
            vec![
                "bzconsent: invalid configuration at `colour`: expected a known key (this one is not); the built-in value is used",
                "bzconsent: invalid configuration at `revision`: expected a whole number of at least 1; the built-in value is used",
                "bzconsent: invalid configuration at `services[0].category`: expected one of \"preferences\", \"analytics\", \"marketing\"; the built-in value is used",
            ]
        );
    }

    #[test]
    fn text_that_is_not_json_says_where() {
        let c = check("{\n  \"revision\": 2,\n}");
        assert_eq!(c.messages.len(), 1);
        assert!(c.messages[0].contains("`(root)`"), "{:?}", c.messages);
        assert_eq!(
            c.json_error.as_deref(),
            Some("not JSON: trailing comma at line 3 column 1")
        );
    }
}
