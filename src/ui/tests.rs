//! The UI's markup in a real browser (wasm-bindgen-test, headless Chromium): what core::view
//! writes, parsed the way the shell parses it (a `<template>`), into a real shadow root.

use crate::core::config::Config;
use crate::core::json;
use crate::core::view::{self, tests::screen};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Parses markup into a fresh open shadow root attached to the page.
fn mounted(html: &str) -> web_sys::ShadowRoot {
    let doc = document();
    let host = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&host).unwrap();
    let init = web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open);
    let shadow = host.attach_shadow(&init).unwrap();
    let template: web_sys::HtmlTemplateElement =
        doc.create_element("template").unwrap().dyn_into().unwrap();
    template.set_inner_html(html);
    shadow.append_child(&template.content()).unwrap();
    shadow
}

#[wasm_bindgen_test]
fn the_banner_has_three_real_buttons_labelled_by_their_text() {
    let config = Config::builtin();
    let shadow = mounted(&view::banner(&screen(&config)));
    for action in ["accept-all", "reject-all", "customize"] {
        let selector = format!("[data-bz=\"banner\"] button[data-bz=\"{action}\"]");
        let button = shadow.query_selector(&selector).unwrap().unwrap();
        assert_eq!(button.tag_name(), "BUTTON");
        assert!(
            !button.text_content().unwrap().trim().is_empty(),
            "{action} has visible text"
        );
    }
}

#[wasm_bindgen_test]
fn hostile_configuration_text_is_shown_as_text_never_as_markup() {
    // As the guard hands `{"texts":{"en":{"banner_title":…}}}` over (see json::decode).
    let title = "<img src=x onerror=\"window.__bzPwned=1\">Hi";
    let stream = format!(
        "o1;s5;textso1;s2;eno1;s12;banner_titles{};{title}",
        title.len()
    );
    let (config, errors) = Config::with_overrides_value(json::decode(&stream));
    assert!(errors.is_empty(), "{errors:?}");
    let shadow = mounted(&view::banner(&screen(&config)));
    assert!(
        shadow.query_selector("img").unwrap().is_none(),
        "no element from the text"
    );
    assert!(
        shadow.text_content().unwrap().contains("<img src=x"),
        "shown as text"
    );
    let pwned = js_sys::Reflect::get(&web_sys::window().unwrap(), &"__bzPwned".into()).unwrap();
    assert!(pwned.is_undefined());
}

#[wasm_bindgen_test]
fn the_dialog_has_one_switch_per_category_and_necessary_cannot_be_switched_off() {
    let config = Config::builtin();
    let device = crate::core::device::read(&config, &[], &[]);
    let shadow = mounted(&view::dialog(
        &screen(&config),
        [true, false, true, false],
        &device,
    ));
    let switches = shadow
        .query_selector_all("input[data-bz-category]")
        .unwrap();
    assert_eq!(switches.length(), 4);
    let necessary: web_sys::HtmlInputElement = shadow
        .query_selector("input[data-bz-category=\"necessary\"]")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    assert!(necessary.checked() && necessary.disabled());
    let analytics: web_sys::HtmlInputElement = shadow
        .query_selector("input[data-bz-category=\"analytics\"]")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    assert!(analytics.checked(), "the switches show the choice given");
}
