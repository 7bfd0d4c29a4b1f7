//! Start-up from the loader script: find the config, validate it, load the texts of the language
//! shown, decide, wire the page (`page`), act and render. It sits at the crate's root because it
//! composes the browser layer and the UI, and the UI depends on the browser layer: inside
//! `browser` it would make a module cycle (scripts/cycles.mjs).

use std::rc::Rc;

use js_sys::{Function, Reflect};
use wasm_bindgen::prelude::*;
use web_sys::Element;

use crate::browser::controller::Controller;
use crate::browser::{api, dom, page, storage, tags, texts};
use crate::core::config::Config;
use crate::core::contract::{AREA_ATTR, CONFIG_URL_ATTR, CSS_ATTR, GLOBAL, INLINE_CONFIG_SELECTOR};
use crate::core::lint::{lint, Level};
use crate::core::policy::text_hash;

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
pub fn start(loader: Option<Element>, config_text: Option<String>, after_runtime: bool, texts: JsValue) {
    if let Some(loader) = &loader {
        crate::browser::tags::set_page_nonce(loader);
    }
    let mut options = Options::from_loader(loader.as_ref());
    if let Some(text) = config_text {
        options.config = ConfigSource::Text(text);
    }
    options.announce = !after_runtime;
    if let Some(f) = texts.dyn_ref::<Function>() {
        options.texts = texts::Source::Loader(f.clone());
    } else if let Some(base) = texts.as_string() {
        options.texts = texts::Source::Base(base);
    }
    // The loader's start: page code waits on `ready` or `consent:ready`, not on this promise.
    let _ = run(options);
}

/// Boots consent-banner with explicit options (bundlers, single-page apps). The promise resolves
/// to `window.consentBanner` once the API answers, and rejects with the reason when the page
/// view cannot start (a config that cannot be used, a second start).
pub fn run(options: Options) -> js_sys::Promise {
    install_panic_hook();
    let mut settle: Option<(Function, Function)> = None;
    let promise = js_sys::Promise::new(&mut |resolve, reject| settle = Some((resolve, reject)));
    let Some((resolve, reject)) = settle else { return promise };
    let refuse = move |why: &str| {
        // Ignored: a promise's reject function does not throw.
        let _ = reject.call1(&JsValue::NULL, &js_sys::Error::new(why));
    };
    // One page, one banner: a second start (script included twice) changes nothing.
    if STARTED.with(|s| s.replace(true)) {
        dom::warn("consent-banner is already running on this page; ignoring the second start");
        refuse("consent-banner is already running on this page");
        return promise;
    }
    wasm_bindgen_futures::spawn_local(async move {
        // A loader without defer may run before the body exists: the UI and the tag scan need it.
        api::dom_ready().await;
        let Some(mut config) = load_config(&options).await else {
            refuse("the config cannot be used (see the console, or consent:error)");
            return;
        };
        texts::set_source(options.texts.clone());
        let lang = crate::browser::controller::visitor_language(&config, &dom::read_cookies());
        if let Err(why) = texts::ensure(&mut config, &lang).await {
            let line = format!("{why}; the banner and the privacy centre cannot be shown");
            tags::fail(&[line], &[(String::new(), why.to_string())]);
            refuse(&why.to_string());
            return;
        }
        // Validating and rendering in one go is a long task on a slow phone: let the page
        // handle input and paint in between.
        api::yield_to_browser().await;
        dom::set_stylesheet(options.stylesheet.clone());
        let controller = Controller::new(Rc::new(config));
        page::wire(&controller);
        controller.start_with(options.announce);
        if let Some(window) = dom::window() {
            let api = Reflect::get(&window, &JsValue::from_str(GLOBAL)).unwrap_or(JsValue::UNDEFINED);
            // Ignored: a promise's resolve function does not throw.
            let _ = resolve.call1(&JsValue::NULL, &api);
        }
        api::yield_to_browser().await;
        crate::ui::mount(&controller, options.stylesheet.clone());
        crate::ui::mount_tables(&controller);
    });
    promise
}

/// Finds, fetches, validates and narrows the config to the page's area, reporting every
/// problem on the console.
async fn load_config(options: &Options) -> Option<Config> {
    // One problem of the page rather than of a field: path ''.
    let page_problem = |message: String| {
        let line = format!("{message}; no optional tag will run");
        tags::fail(&[line], &[(String::new(), message)]);
    };
    let text = match config_text(&options.config).await {
        Ok(text) => text,
        Err(message) => {
            page_problem(message);
            return None;
        }
    };
    let config = match Config::from_json(&text) {
        Ok(config) => config,
        Err(errors) => {
            let mut lines: Vec<String> = errors.0.iter().map(|e| e.to_string()).collect();
            lines.push(format!("the config has {} error(s); no optional tag will run", errors.0.len()));
            let problems: Vec<(String, String)> =
                errors.0.iter().map(|e| (e.path().to_string(), e.message())).collect();
            tags::fail(&lines, &problems);
            return None;
        }
    };
    report_lint(&config);
    match config.for_area(options.area.as_deref()) {
        Ok(config) => {
            // What lets the runtime serve this visitor's next page views without this module.
            storage::save_policy(options.area.as_deref(), text_hash(&text), config.policy());
            Some(config)
        }
        Err(message) => {
            page_problem(message);
            None
        }
    }
}

/// What `check` would say of a config that runs but breaks a rule (its errors; with diagnostics
/// on, its warnings too), on the console: a config that fails the lint does not run silently.
fn report_lint(config: &Config) {
    let debug = tags::debug();
    for f in lint(config) {
        let at = if f.path.is_empty() { String::new() } else { format!("{}: ", f.path) };
        match f.level {
            Level::Error => dom::warn(&format!("config lint error (check fails): {at}{}", f.message)),
            Level::Warning if debug => dom::warn(&format!("config lint warning: {at}{}", f.message)),
            _ => {}
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

/// Logs a panic as a console error instead of a bare `unreachable` trap. Set through Yew, which
/// otherwise replaces any hook with its own when it renders.
pub(crate) fn install_panic_hook() {
    yew::set_custom_panic_hook(Box::new(|info| {
        crate::browser::tags::stop();
        dom::error(&format!(
            "internal error ({info}); no further tag will run on this page (choices are still stored), the page keeps working"
        ));
    }));
}
