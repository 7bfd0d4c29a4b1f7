//! Start-up from the loader script: find the config, validate it, decide, act, render, and
//! define the JS API.

use std::rc::Rc;

use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::prelude::*;
use web_sys::Element;

use super::api::{self, define, describe, on};
use super::controller::{Controller, UiCommand};
use super::{dom, storage, texts};
use crate::core::config::Config;
use crate::core::consent::{services_choice, Choice, Method};
use crate::core::contract::{
    AREA_ATTR, CONFIG_URL_ATTR, CSS_ATTR, FULL_FLAG, GLOBAL, INLINE_CONFIG_SELECTOR, OPEN_ATTR,
};
use crate::core::policy::{service_entry, text_hash};

/// Where the config comes from and which area the page is in.
pub struct Options {
    /// The config's source.
    pub config: ConfigSource,
    /// The page's area, for a config with areas.
    pub area: Option<String>,
    /// The stylesheet loaded into the UI's shadow root; without it the UI renders in the page.
    pub stylesheet: Option<String>,
    /// False when taking over from the returning-visitor runtime, which already sent this page
    /// view's signals and `consent:ready`.
    pub announce: bool,
    /// Where the built-in texts of the languages shown come from.
    pub texts: texts::Source,
}

/// Where the config comes from.
pub enum ConfigSource {
    /// Fetched from a URL.
    Url(String),
    /// Given as JSON text.
    Text(String),
    /// From `<script type="application/json" data-consent-config>` in the page.
    Inline,
}

impl Options {
    /// Options read from the loader script: `data-config`, `data-area`; inline config otherwise.
    pub fn from_loader(loader: Option<&Element>) -> Options {
        Options {
            config: match loader.and_then(|l| l.get_attribute(CONFIG_URL_ATTR)) {
                Some(url) => ConfigSource::Url(url),
                None => ConfigSource::Inline,
            },
            area: loader.and_then(|l| l.get_attribute(AREA_ATTR)),
            // `data-css`, else consent-banner.css beside the loader.
            stylesheet: loader.and_then(|l| {
                l.get_attribute(CSS_ATTR).or_else(|| {
                    let src = l.get_attribute("src")?;
                    let base = web_sys::Url::new_with_base(&src, &dom::window()?.location().href().ok()?).ok()?;
                    web_sys::Url::new_with_base("consent-banner.css", &base.href()).ok().map(|u| u.href())
                })
            }),
            announce: true,
            // Beside the loader (`data-module` names the module's folder otherwise).
            texts: texts::Source::Base(
                loader
                    .and_then(|l| l.get_attribute("data-module").or_else(|| l.get_attribute("src")))
                    .and_then(|src| {
                        let base = web_sys::Url::new_with_base(&src, &dom::window()?.location().href().ok()?).ok()?;
                        web_sys::Url::new_with_base("i18n/", &base.href()).ok().map(|u| u.href())
                    })
                    .unwrap_or_else(|| String::from("i18n/")),
            ),
        }
    }

    /// Options given by page code to `run({ config, area })`: `config` is a URL or a config
    /// object; without it, the inline config is used.
    pub fn from_js(options: &JsValue) -> Options {
        let get = |key: &str| Reflect::get(options, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED);
        let config = get("config");
        Options {
            config: if let Some(url) = config.as_string() {
                ConfigSource::Url(url)
            } else if config.is_object() {
                ConfigSource::Text(js_sys::JSON::stringify(&config).map(String::from).unwrap_or_default())
            } else {
                ConfigSource::Inline
            },
            area: get("area").as_string(),
            stylesheet: get("css").as_string().or_else(page_stylesheet),
            announce: true,
            // `i18n`: the URL of the package's i18n/ folder, as served (default: i18n/ beside the page).
            texts: texts::Source::Base({
                let mut base = get("i18n").as_string().unwrap_or_else(|| String::from("i18n/"));
                if !base.ends_with('/') {
                    base.push('/');
                }
                base
            }),
        }
    }
}

/// The page's own link to consent-banner.css, if any.
fn page_stylesheet() -> Option<String> {
    let link = dom::document()?.query_selector("link[rel~=\"stylesheet\"][href*=\"consent-banner\"]").ok()??;
    link.get_attribute("href")
}

thread_local! {
    static STARTED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Boots consent-banner for the page the loader script sits in. Every failure is reported on
/// the console and fails closed: no optional tag runs and the page keeps working.
///
/// When the returning-visitor runtime hands over, it passes the config text it already
/// fetched, and `after_runtime` when it had already activated this page view's tags.
pub fn start(loader: Option<Element>, config_text: Option<String>, after_runtime: bool, texts: Option<Function>) {
    if let Some(loader) = &loader {
        super::tags::set_page_nonce(loader);
    }
    let mut options = Options::from_loader(loader.as_ref());
    if let Some(text) = config_text {
        options.config = ConfigSource::Text(text);
    }
    options.announce = !after_runtime;
    if let Some(f) = texts {
        options.texts = texts::Source::Loader(f);
    }
    run(options);
}

/// Boots consent-banner with explicit options (bundlers, single-page apps).
pub fn run(options: Options) {
    install_panic_hook();
    // One page, one banner: a second start (script included twice) changes nothing.
    if STARTED.with(|s| s.replace(true)) {
        dom::warn("consent-banner is already running on this page; ignoring the second start");
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        // A loader without defer may run before the body exists: the UI and the tag scan need it.
        api::dom_ready().await;
        let Some(mut config) = load_config(&options).await else {
            return;
        };
        texts::set_source(options.texts.clone());
        let lang = super::controller::visitor_language(&config, &dom::read_cookies());
        if let Err(why) = texts::ensure(&mut config, &lang).await {
            dom::error(&format!("{why}; the banner and the privacy centre cannot be shown"));
            return;
        }
        // Validating and rendering in one go is a long task on a slow phone: let the page
        // handle input and paint in between.
        api::yield_to_browser().await;
        dom::set_stylesheet(options.stylesheet.clone());
        let controller = Controller::new(Rc::new(config));
        install_api(&controller);
        listen_for_open(&controller);
        controller.start_with(options.announce);
        api::yield_to_browser().await;
        crate::ui::mount(&controller, options.stylesheet.clone());
        crate::ui::mount_tables(&controller);
    });
}

/// Finds, fetches, validates and narrows the config to the page's area, reporting every
/// problem on the console.
async fn load_config(options: &Options) -> Option<Config> {
    let text = match config_text(&options.config).await {
        Ok(text) => text,
        Err(message) => {
            dom::error(&format!("{message}; no optional tag will run"));
            return None;
        }
    };
    let config = match Config::from_json(&text) {
        Ok(config) => config,
        Err(errors) => {
            for e in &errors.0 {
                dom::error(&e.to_string());
            }
            dom::error(&format!("the config has {} error(s); no optional tag will run", errors.0.len()));
            return None;
        }
    };
    match config.for_area(options.area.as_deref()) {
        Ok(config) => {
            // What lets the runtime serve this visitor's next page views without this module.
            storage::save_policy(options.area.as_deref(), text_hash(&text), config.policy());
            Some(config)
        }
        Err(message) => {
            dom::error(&format!("{message}; no optional tag will run"));
            None
        }
    }
}

/// The config's JSON text.
async fn config_text(source: &ConfigSource) -> Result<String, String> {
    match source {
        ConfigSource::Url(url) => fetch_text(url).await,
        ConfigSource::Text(text) => Ok(text.clone()),
        ConfigSource::Inline => {
            match dom::document().and_then(|d| d.query_selector(INLINE_CONFIG_SELECTOR).ok().flatten()) {
                Some(el) => Ok(el.text_content().unwrap_or_default()),
                None => Err(format!(
                    "no config: give the loader script a {CONFIG_URL_ATTR} attribute or add {INLINE_CONFIG_SELECTOR}"
                )),
            }
        }
    }
}

async fn fetch_text(url: &str) -> Result<String, String> {
    api::fetch_text(url).await.map_err(|why| format!("could not load the config from {url:?}: {why}"))
}

/// Clicking any `[data-consent-open]` element opens the privacy centre.
pub(crate) fn listen_for_open(controller: &Rc<Controller>) {
    let Some(document) = dom::document() else {
        return;
    };
    let c = Rc::clone(controller);
    let selector = format!("[{OPEN_ATTR}]");
    let listener = Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
        let target = event.target().and_then(|t| t.dyn_into::<Element>().ok());
        if target.and_then(|t| t.closest(&selector).ok().flatten()).is_some() {
            event.prevent_default();
            c.command(UiCommand::OpenPreferences);
        }
    });
    let _ = document.add_event_listener_with_callback("click", listener.as_ref().unchecked_ref());
    // Lives as long as the page.
    listener.forget();
}

/// Defines the JS API on `window.consentBanner` and replays the calls the loader queued
/// before the wasm was ready.
pub(crate) fn install_api(controller: &Rc<Controller>) {
    let Some(window) = dom::window() else { return };
    let key = JsValue::from_str(GLOBAL);
    let api: JsValue =
        Reflect::get(&window, &key).ok().filter(|v| v.is_object()).unwrap_or_else(|| Object::new().into());

    let c = Rc::clone(controller);
    define(&api, "getConsent", Closure::<dyn Fn() -> JsValue>::new(move || dom::json_to_js(&c.consent_json())));
    let c = Rc::clone(controller);
    define(
        &api,
        "acceptedCategory",
        Closure::<dyn Fn(JsValue) -> bool>::new(move |id: JsValue| id.as_string().is_some_and(|id| c.is_active(&id))),
    );
    let c = Rc::clone(controller);
    define(
        &api,
        "acceptCategories",
        Closure::<dyn Fn(JsValue)>::new(move |ids: JsValue| {
            let ids = if Array::is_array(&ids) { Array::from(&ids) } else { Array::of1(&ids) };
            let ids = ids.iter().filter_map(|v| v.as_string()).collect();
            c.choose(Choice::Only(ids), Method::Api);
        }),
    );
    let c = Rc::clone(controller);
    define(
        &api,
        "acceptedService",
        Closure::<dyn Fn(JsValue, JsValue) -> bool>::new(move |id: JsValue, category: JsValue| {
            match (id.as_string(), category.as_string()) {
                (Some(id), Some(category)) => c.is_active(&service_entry(&category, &id)),
                _ => false,
            }
        }),
    );
    let c = Rc::clone(controller);
    define(
        &api,
        "acceptService",
        Closure::<dyn Fn(JsValue, JsValue)>::new(move |ids: JsValue, category: JsValue| {
            let Some(category) = category.as_string() else {
                dom::warn("acceptService(services, category) needs a category id");
                return;
            };
            // "all" (or "*") accepts the whole category; a list (or one id) exactly those.
            let all = ids.as_string().is_some_and(|s| s == "all" || s == "*");
            let list: Vec<String> = if Array::is_array(&ids) { Array::from(&ids) } else { Array::of1(&ids) }
                .iter()
                .filter_map(|v| v.as_string())
                .collect();
            let accepted = c.consent().map(|x| x.accepted).unwrap_or_default();
            let ids = services_choice(&accepted, &category, if all { None } else { Some(&list) });
            c.choose(Choice::Only(ids), Method::Api);
        }),
    );
    let c = Rc::clone(controller);
    define(&api, "acceptAll", Closure::<dyn Fn()>::new(move || c.choose(Choice::AcceptAll, Method::Api)));
    let c = Rc::clone(controller);
    define(&api, "rejectAll", Closure::<dyn Fn()>::new(move || c.choose(Choice::RejectAll, Method::Api)));
    let c = Rc::clone(controller);
    define(&api, "openPreferences", Closure::<dyn Fn()>::new(move || c.command(UiCommand::OpenPreferences)));
    // The first-visit module's Customise, replayed once this module has taken over.
    let c = Rc::clone(controller);
    define(&api, "__customise", Closure::<dyn Fn()>::new(move || c.command(UiCommand::Customise)));
    let c = Rc::clone(controller);
    define(&api, "showBanner", Closure::<dyn Fn()>::new(move || c.command(UiCommand::ShowBanner)));
    let c = Rc::clone(controller);
    define(
        &api,
        "setLanguage",
        Closure::<dyn Fn(JsValue) -> bool>::new(move |lang: JsValue| {
            lang.as_string().is_some_and(|l| c.set_language(&l))
        }),
    );
    define(&api, "on", Closure::<dyn Fn(JsValue, JsValue) -> JsValue>::new(on));
    let _ = Reflect::set(&api, &JsValue::from_str("ready"), &JsValue::TRUE);
    // Tells the returning-visitor runtime, if it ran first, that this module now answers.
    let _ = Reflect::set(&api, &JsValue::from_str(FULL_FLAG), &JsValue::TRUE);
    let _ = Reflect::set(&window, &key, &api);
    replay_queue(&api);
}

/// Calls made through the loader's stubs before the wasm was ready, in order.
fn replay_queue(api: &JsValue) {
    let Some(queue) = api::queue(api) else { return };
    let _ = Reflect::set(api, &JsValue::from_str("__queue"), &Array::new());
    for item in queue.iter() {
        if Reflect::get(&item, &JsValue::from_str("cancelled")).is_ok_and(|v| v.is_truthy()) {
            continue;
        }
        let (Some(name), Ok(args)) =
            (Reflect::get(&item, &0.into()).ok().and_then(|n| n.as_string()), Reflect::get(&item, &1.into()))
        else {
            continue;
        };
        let Ok(f) = Reflect::get(api, &JsValue::from_str(&name)).and_then(|f| f.dyn_into::<Function>()) else {
            dom::warn(&format!("ignoring queued call of unknown function {name:?}"));
            continue;
        };
        let args = if Array::is_array(&args) { Array::from(&args) } else { Array::new() };
        match f.apply(api, &args) {
            // A queued on() gets its real unsubscribe function.
            Ok(result) if name == "on" => {
                let _ = Reflect::set(&item, &JsValue::from_str("off"), &result);
            }
            Ok(_) => {}
            Err(e) => dom::warn(&format!("queued call {name} failed: {}", describe(&e))),
        }
    }
}

/// Logs a panic as a console error instead of a bare `unreachable` trap. Set through Yew, which
/// otherwise replaces any hook with its own when it renders.
pub(crate) fn install_panic_hook() {
    yew::set_custom_panic_hook(Box::new(|info| {
        super::tags::stop();
        dom::error(&format!(
            "internal error ({info}); no further tag will run on this page (choices are still stored), the page keeps working"
        ));
    }));
}
