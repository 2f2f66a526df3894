//! Placeholders for blocked embeds: in the embed's place and size, a note naming the service
//! with "Allow and load", which accepts that service only.

use super::dom::{self, Js};
use super::with;
use crate::core::category::Category;
use crate::core::i18n::{self, Text};
use crate::core::view;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// Marks the placeholder host, placed just before the embed it stands for.
const HOST: &str = "data-bz-placeholder";

const STYLES: &str = ":host{display:block;box-sizing:border-box;max-width:100%}\
div{box-sizing:border-box;width:100%;height:100%;min-height:120px;display:flex;flex-direction:column;align-items:center;justify-content:center;gap:12px;padding:16px;text-align:center;\
font:15px/1.5 var(--bz-font,system-ui,sans-serif);color:var(--bz-fg,#1d2330);background:var(--bz-placeholder-bg,#eef1f6);border:1px dashed var(--bz-border,#8a93a3);border-radius:var(--bz-radius,10px)}\
button{font:inherit;font-weight:600;min-height:44px;padding:8px 18px;border-radius:var(--bz-radius,10px);border:2px solid var(--bz-btn-bg,#0b5cad);background:var(--bz-btn-bg,#0b5cad);color:var(--bz-btn-fg,#fff);cursor:pointer}\
button:focus-visible{outline:3px solid var(--bz-fg,#1d2330);outline-offset:2px}\
@media (prefers-color-scheme:dark){div{color:var(--bz-fg,#eef1f6);background:var(--bz-placeholder-bg,#262b35)}button{background:var(--bz-btn-bg,#8cc4ff);border-color:var(--bz-btn-bg,#8cc4ff);color:var(--bz-btn-fg,#0d1520)}}";

/// Puts a placeholder in front of a blocked embed and hides the embed (once).
pub fn add(embed: &Element) {
    if let Err(e) = try_add(embed) {
        dom::log_js_error("could not show a placeholder", &e);
    }
}

fn try_add(embed: &Element) -> Js<()> {
    let reserved = placeholder_of(embed);
    if reserved.as_ref().is_some_and(|h| h.shadow_root().is_some())
        || !crate::core::guard::has_placeholder(&embed.tag_name())
    {
        return Ok(());
    }
    let Some(parent) = embed.parent_node() else {
        return Ok(());
    };
    let category = embed
        .get_attribute("data-category")
        .and_then(|c| Category::from_name(&c));
    let service = embed.get_attribute("data-service").unwrap_or_default();
    let texts = with(|app| {
        let category_title = category.map_or("", |c| app.text(i18n::category_title(c)));
        let name = app
            .config
            .service(&service)
            .map(|s| s.display_name().to_owned())
            .or_else(|| {
                let about = crate::core::catalogue::tracker(&service)?.about()?;
                Some(about.name.to_owned())
            })
            .unwrap_or_else(|| {
                let title = embed.get_attribute("title").unwrap_or_default();
                if title.is_empty() {
                    category_title.to_owned()
                } else {
                    title
                }
            });
        let text = i18n::fill(app.text(Text::PlaceholderText), "service", &name);
        let text = i18n::fill(&text, "category", category_title);
        (text, app.text(Text::PlaceholderAllow).to_owned(), app.lang)
    });
    let Some((text, allow, lang)) = texts else {
        return Ok(());
    };
    let Some(body) = super::banner::fragment(&view::placeholder(lang, &text, &allow))? else {
        return Ok(());
    };
    let doc = dom::document()?;
    // The guard reserved the box when it held the embed; without a guard (tests), made here.
    let host: HtmlElement = match &reserved {
        Some(host) => host.clone().unchecked_into(),
        None => doc.create_element("div")?.unchecked_into(),
    };
    host.set_attribute(HOST, &service)?;
    let style = host.style();
    for dimension in ["width", "height"] {
        if let Some(value) = embed.get_attribute(dimension) {
            let mut css = value.trim_ascii().to_owned();
            if !css.is_empty() && css.bytes().all(|b| b.is_ascii_digit()) {
                css.push_str("px");
            }
            let _ = style.set_property(dimension, &css);
        }
    }
    let shadow =
        host.attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open))?;
    super::banner::add_styles(&doc, &shadow, STYLES)?;
    shadow.append_child(&body)?;
    let on_click = Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
        let on_button = event
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .is_some_and(|e| e.has_attribute("data-bz"));
        if on_button {
            allow_one(category, &service);
        }
    });
    shadow.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref())?;
    on_click.forget();
    if reserved.is_none() {
        parent.insert_before(&host, Some(embed))?;
    }
    if let Some(embed) = embed.dyn_ref::<HtmlElement>() {
        let _ = embed
            .style()
            .set_property_with_priority("display", "none", "important");
    }
    Ok(())
}

/// The placeholder standing for an embed, if any.
fn placeholder_of(embed: &Element) -> Option<Element> {
    embed
        .previous_element_sibling()
        .filter(|e| e.has_attribute(HOST))
}

/// Removes an embed's placeholder and shows the embed again.
pub fn remove(embed: &Element) {
    if let Some(host) = placeholder_of(embed) {
        host.remove();
        if let Some(embed) = embed.dyn_ref::<HtmlElement>() {
            let _ = embed.style().remove_property("display");
        }
    }
}

/// "Allow and load": accepts this service only (or its category when it names no service),
/// keeping every other choice as it is.
fn allow_one(category: Option<Category>, service: &str) {
    let current = with(|app| {
        let record = app.record.as_ref();
        (
            app.flags(),
            record.map(|r| r.services.clone()).unwrap_or_default(),
        )
    });
    let Some((mut flags, mut services)) = current else {
        return;
    };
    if service.is_empty() {
        if let Some(c) = category {
            flags[c.index()] = true;
        }
    } else {
        services.retain(|(id, _)| id != service);
        services.push((service.to_owned(), true));
    }
    super::choose(flags, &services, crate::core::record::Method::Custom);
}
