//! The language switcher shown in the banner and the privacy centre.

use std::rc::Rc;

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::ControllerHandle;
use crate::core::i18n;

/// Props of [`LanguageSwitcher`].
#[derive(Properties, PartialEq)]
pub struct LanguageSwitcherProps {
    /// The page's controller.
    pub controller: ControllerHandle,
    /// The language shown.
    pub lang: AttrValue,
    /// Label of the select, in the shown language.
    pub label: AttrValue,
    /// Distinguishes the banner's switcher from the privacy centre's.
    pub id: AttrValue,
}

/// A select of the configured languages; choosing one sets the language cookie.
#[component]
pub fn LanguageSwitcher(props: &LanguageSwitcherProps) -> Html {
    let languages = props.controller.0.config().languages.clone();
    if languages.len() < 2 {
        return html! {};
    }
    let onchange = {
        let controller = Rc::clone(&props.controller.0);
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<HtmlSelectElement>() {
                controller.set_language(&select.value());
            }
        })
    };
    let options = languages.iter().map(|l| {
        html! {
            <option value={l.clone()} lang={l.clone()} selected={*l == props.lang.as_str()}>{ i18n::native_name(l) }</option>
        }
    });
    html! {
        <div class="cb-language">
            <label for={props.id.clone()} class="cb-sr-only">{ props.label.clone() }</label>
            <select id={props.id.clone()} class="cb-select" data-consent-language="" onchange={onchange}>{ for options }</select>
        </div>
    }
}
