//! `bzconsent check CONFIG.json`: the messages the widget logs with `console.error` for a bad
//! configuration, from the same Rust code (`Config::with_overrides`, `ConfigError::message`).

use bzconsent::core::json;

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
    let json_error = json::parse(text).err().map(|e| {
        let (line, column) = line_and_column(text, e.at);
        format!("not JSON at line {line}, column {column}: {:?}", e.kind)
    });
    Checked {
        messages: errors.iter().map(|e| e.message()).collect(),
        json_error,
    }
}

/// 1-based line and column (in characters) of a byte offset.
fn line_and_column(text: &str, at: usize) -> (usize, usize) {
    let before = text.get(..at.min(text.len())).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
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
            Some("not JSON at line 3, column 1: Unexpected")
        );
    }
}
