//! The four consent categories every site has.

/// A consent category. `Necessary` is always on and cannot be switched off.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    /// Needed for the site to work; always allowed.
    Necessary,
    /// Remembers the visitor's settings (language, region, …).
    Preferences,
    /// Measures how the site is used.
    Analytics,
    /// Advertising and tracking across sites.
    Marketing,
}

impl Category {
    /// Every category, in the order the dialog lists them.
    pub const ALL: [Category; 4] = [
        Category::Necessary,
        Category::Preferences,
        Category::Analytics,
        Category::Marketing,
    ];

    /// The name used in markup (`data-category`), the stored record and the API.
    pub fn name(self) -> &'static str {
        match self {
            Category::Necessary => "necessary",
            Category::Preferences => "preferences",
            Category::Analytics => "analytics",
            Category::Marketing => "marketing",
        }
    }

    /// Parses a category name; surrounding ASCII whitespace and case are ignored.
    pub fn from_name(name: &str) -> Option<Category> {
        let name = name.trim_ascii();
        Category::ALL
            .into_iter()
            .find(|c| c.name().eq_ignore_ascii_case(name))
    }

    /// Position in [`Category::ALL`], for compact per-category tables.
    pub fn index(self) -> usize {
        self as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for c in Category::ALL {
            assert_eq!(Category::from_name(c.name()), Some(c));
            assert_eq!(Category::ALL[c.index()], c);
        }
    }

    #[test]
    fn unknown_names_are_rejected() {
        assert_eq!(Category::from_name("ads"), None);
        assert_eq!(Category::from_name(""), None);
        assert_eq!(
            Category::from_name(" Analytics "),
            Some(Category::Analytics)
        );
    }
}
