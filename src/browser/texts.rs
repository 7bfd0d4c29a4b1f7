//! The built-in texts of the languages shown, downloaded one language at a time: first.js's
//! function when the first-visit module handed over (it may hold the file already), else
//! `i18n/<code>.json` under a base URL (the loader's, beside the module, or `run()`'s `i18n`).

use std::cell::RefCell;

use js_sys::{Function, Promise};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::api;
use crate::core::config::Config;
use crate::core::i18n;

/// Where the built-in texts come from.
#[derive(Clone)]
pub enum Source {
    /// first.js's `texts(code)`, a promise of the file's text.
    Loader(Function),
    /// The URL of the folder that holds `<code>.json`, ending in `/`.
    Base(String),
}

thread_local! {
    static SOURCE: RefCell<Option<Source>> = const { RefCell::new(None) };
}

/// Sets where the built-in texts come from for this page.
pub fn set_source(source: Source) {
    SOURCE.with(|s| *s.borrow_mut() = Some(source));
}

async fn file(code: &str) -> Result<String, String> {
    match SOURCE.with(|s| s.borrow().clone()) {
        Some(Source::Loader(f)) => {
            let promise = f.call1(&JsValue::NULL, &JsValue::from_str(code)).map_err(|e| api::describe(&e))?;
            let promise = promise.dyn_into::<Promise>().map_err(|_| String::from("the loader gave no promise"))?;
            let text = JsFuture::from(promise).await.map_err(|e| api::describe(&e))?;
            text.as_string().ok_or_else(|| String::from("not text"))
        }
        Some(Source::Base(base)) => api::fetch_text(&format!("{base}{code}.json")).await,
        None => Err(String::from("no source of built-in texts (give run() an i18n URL)")),
    }
}

/// Loads into `config` every built-in texts file that showing `lang` needs (see
/// [`Config::texts_needed`]); nothing when they are loaded already or compiled in.
pub async fn ensure(config: &mut Config, lang: &str) -> Result<(), String> {
    while let Some(code) = config.texts_needed(lang) {
        let texts = match file(code).await {
            Ok(text) => i18n::parse_builtin(&text),
            Err(why) => Err(why),
        }
        .map_err(|why| format!("could not load the built-in texts i18n/{code}.json ({why})"))?;
        config.add_builtin(code, texts);
    }
    Ok(())
}
