//! Writes the UI's language files, `bzconsent-lang-<code>.js`, one per language, into the
//! directory given (`make build`: `pkg/`). The UI carries no language of its own: the guard
//! loads the visitor's file beside it, and the UI fetches another when the visitor switches.

use bzconsent::core::i18n::{Lang, Texts};

fn main() -> std::io::Result<()> {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| String::from("pkg"));
    for lang in Lang::ALL {
        let path = format!("{dir}/bzconsent-lang-{}.js", lang.code());
        std::fs::write(path, Texts::file(lang))?;
    }
    Ok(())
}
