//! Browser layer in headless Chromium (wasm-bindgen-test): cookies written with their
//! Max-Age, and gated scripts activated once, in order, with their attributes.
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use consent_banner::browser::controller::Controller;
use consent_banner::browser::{dom, tags};
use consent_banner::core::config::Config;
use consent_banner::core::consent::{Choice, Method};
use consent_banner::core::json::Value;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const CONFIG: &str = include_str!("fixtures/minimal.json");

fn get(target: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(target, &JsValue::from_str(key)).unwrap()
}

/// Seconds until a cookie expires, read through the Cookie Store API, which (unlike
/// `document.cookie`) exposes the expiry the browser stored.
async fn expires_in(name: &str) -> Option<f64> {
    let store = get(&js_sys::global(), "cookieStore");
    let get_fn: js_sys::Function = get(&store, "get").dyn_into().unwrap();
    let found =
        JsFuture::from(js_sys::Promise::from(get_fn.call1(&store, &JsValue::from_str(name)).unwrap())).await.unwrap();
    if found.is_null() || found.is_undefined() {
        return None;
    }
    let expires = get(&found, "expires").as_f64()?;
    Some((expires - js_sys::Date::now()) / 1000.0)
}

fn clear_cookies() {
    let all = dom::read_cookies();
    for name in consent_banner::core::cookie::names(&all) {
        dom::write_cookie(&format!("{name}=; Max-Age=0; Path=/"));
    }
}

async fn tick(ms: i32) {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms).unwrap();
    });
    JsFuture::from(p).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_choice_writes_consent_and_banner_cookies_with_their_max_age() {
    clear_cookies();
    let controller = Controller::new(Rc::new(Config::from_json(CONFIG).unwrap()));
    assert!(controller.consent_json().is_null());
    controller.choose(Choice::Only(["analytics".to_string()].into()), Method::Api);

    let consent = expires_in("consent").await.expect("consent cookie written");
    let banner = expires_in("consent_banner").await.expect("banner cookie written");
    assert!((consent - 365.0 * 86_400.0).abs() < 60.0, "consent expires in {consent} s");
    assert!((banner - 7.0 * 86_400.0).abs() < 60.0, "banner expires in {banner} s");
    assert_eq!(consent_banner::core::cookie::values(&dom::read_cookies(), "consent_banner"), ["7"]);

    // A new page view reads the choice back.
    let again = Controller::new(Rc::new(Config::from_json(CONFIG).unwrap()));
    let state = again.consent_json();
    assert_eq!(state["accepted"], Value::from(vec!["essential", "analytics"]));
    assert_eq!(state["rejected"], Value::from(vec!["marketing"]));
    assert_eq!(state["id"], controller.consent_json()["id"]);
    clear_cookies();
}

#[wasm_bindgen_test]
async fn withdrawing_a_category_deletes_its_declared_cookies() {
    clear_cookies();
    let controller = Controller::new(Rc::new(Config::from_json(CONFIG).unwrap()));
    controller.choose(Choice::AcceptAll, Method::Api);
    dom::write_cookie("_ga_XYZ=1; Max-Age=600; Path=/");
    dom::write_cookie("unrelated=1; Max-Age=600; Path=/");
    controller.choose(Choice::RejectAll, Method::Api);
    let left = dom::read_cookies();
    assert!(!left.contains("_ga_XYZ"), "{left}");
    assert!(left.contains("unrelated=1"), "{left}");
    clear_cookies();
}

#[wasm_bindgen_test]
async fn gated_scripts_run_once_in_document_order_keeping_their_attributes() {
    let document = dom::document().unwrap();
    let body = document.body().unwrap();
    let container = document.create_element("div").unwrap();
    // An external script (a data: URL keeps the test self-contained), then inline ones.
    container.set_inner_html(concat!(
        r#"<script type="text/plain" data-consent-category="stats" id="ext" class="keep" data-extra="1" "#,
        r#"data-src="data:text/javascript,(window.ran=window.ran||[]).push('external')"></script>"#,
        r#"<script type="text/plain" data-consent-category="stats" id="inl">(window.ran=window.ran||[]).push('inline')</script>"#,
        r#"<script type="text/plain" data-consent-category="ads" id="mkt">(window.ran=window.ran||[]).push('marketing')</script>"#,
        r#"<img data-consent-category="stats" data-src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" id="pix" alt="">"#,
    ));
    body.append_child(&container).unwrap();

    // Nothing runs before consent.
    tick(50).await;
    assert!(get(&js_sys::global(), "ran").is_undefined());

    // Categories of their own: the other tests activate "analytics" in this same page.
    let active = vec!["stats".to_string()];
    tags::activate(&active).await;
    tags::activate(&active).await; // a second pass must not run anything twice
    tick(50).await;

    let ran: Vec<String> =
        js_sys::Array::from(&get(&js_sys::global(), "ran")).iter().filter_map(|v| v.as_string()).collect();
    assert_eq!(ran, ["external", "inline"]);
    let ext = document.get_element_by_id("ext").unwrap();
    assert_eq!(ext.get_attribute("class").as_deref(), Some("keep"));
    assert_eq!(ext.get_attribute("data-extra").as_deref(), Some("1"));
    assert!(ext.get_attribute("type").is_none());
    assert!(ext.get_attribute("src").unwrap().starts_with("data:text/javascript"));
    assert!(document.get_element_by_id("mkt").unwrap().get_attribute("type").as_deref() == Some("text/plain"));
    assert!(document.get_element_by_id("pix").unwrap().get_attribute("src").is_some());
    container.remove();
}

#[wasm_bindgen_test]
async fn links_video_audio_and_iframes_load_only_once_accepted() {
    let document = dom::document().unwrap();
    let container = document.create_element("div").unwrap();
    container.set_inner_html(concat!(
        r#"<link rel="prefetch" data-consent-category="media" data-href="/gated-link.css" id="g-link">"#,
        r#"<video data-consent-category="media" id="g-video"><source data-consent-category="media" data-src="/gated.webm" id="g-source"></video>"#,
        r#"<audio data-consent-category="media" data-src="/gated.mp3" id="g-audio"></audio>"#,
        r#"<iframe data-consent-category="media" data-src="about:blank#gated" id="g-frame" title="t"></iframe>"#,
        r#"<img data-consent-category="other" data-src="/other.gif" data-srcset="/other-2x.gif 2x" id="g-other" alt="">"#,
    ));
    document.body().unwrap().append_child(&container).unwrap();
    let attr = |id: &str, name: &str| document.get_element_by_id(id).unwrap().get_attribute(name);

    // Inert before consent: nothing to request.
    for (id, name) in [("g-link", "href"), ("g-source", "src"), ("g-audio", "src"), ("g-frame", "src")] {
        assert_eq!(attr(id, name), None, "{id} has {name} before consent");
    }
    tags::activate(&["media".to_string()]).await;
    assert_eq!(attr("g-link", "href").as_deref(), Some("/gated-link.css"));
    assert_eq!(attr("g-source", "src").as_deref(), Some("/gated.webm"));
    assert_eq!(attr("g-audio", "src").as_deref(), Some("/gated.mp3"));
    assert_eq!(attr("g-frame", "src").as_deref(), Some("about:blank#gated"));
    assert_eq!(attr("g-frame", "data-src"), None);
    // Another category stays inert, srcset included.
    assert_eq!(attr("g-other", "src"), None);
    assert_eq!(attr("g-other", "srcset"), None);
    container.remove();
}
