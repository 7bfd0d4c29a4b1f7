//! The privacy centre: a modal dialog with every category, its cookies and toggle, the current
//! consent and the history of choices.

use std::rc::Rc;

use web_sys::{Element, HtmlInputElement};
use yew::prelude::*;

use super::cookie_table::{service_as_category, CookieTable};
use super::focus;
use super::language::LanguageSwitcher;
use super::ControllerHandle;
use crate::core::config::Config;
use crate::core::consent::{Choice, Method};
use crate::core::i18n::Texts;
use crate::core::policy::{entry_parts, service_entry};

/// Props of [`Preferences`].
#[derive(Properties, PartialEq)]
pub struct PreferencesProps {
    /// The page's controller.
    pub controller: ControllerHandle,
    /// The language shown.
    pub lang: AttrValue,
    /// The visitor chose.
    pub on_answered: Callback<()>,
    /// The visitor closed the dialog without choosing.
    pub on_close: Callback<()>,
}

/// The privacy centre dialog (`[data-consent-preferences]`).
#[component]
pub fn Preferences(props: &PreferencesProps) -> Html {
    let controller = Rc::clone(&props.controller.0);
    let config = controller.config();
    let lang = props.lang.to_string();
    let texts = config.texts(&lang).clone();
    // Toggles start from the stored choice; with none, every optional category is off. A
    // category with services is ticked through its services' entries only.
    let ticked = {
        let controller = Rc::clone(&controller);
        let config = Rc::clone(&config);
        use_state(move || ticked_from(&config, &controller.consent().map(|c| c.accepted).unwrap_or_default()))
    };
    let dialog = use_node_ref();
    let layer = use_node_ref();
    super::layer::use_top_layer(layer.clone());

    // Focus moves to the dialog itself when it opens, so a screen reader reads its title and
    // description first; Tab then reaches its controls.
    {
        let dialog = dialog.clone();
        use_effect_with((), move |_| {
            if let Some(root) = dialog.cast::<web_sys::HtmlElement>() {
                focus::move_to(&root, "the privacy centre");
            }
        });
    }

    let onkeydown = {
        let dialog = dialog.clone();
        let on_close = props.on_close.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.prevent_default();
                on_close.emit(());
            } else if let Some(root) = dialog.cast::<Element>() {
                focus::trap_tab(&root, &e);
            }
        })
    };
    let answer = |choice: Choice| {
        let controller = Rc::clone(&controller);
        let on_answered = props.on_answered.clone();
        Callback::from(move |_: MouseEvent| {
            controller.choose(choice.clone(), Method::PrivacyCentre);
            on_answered.emit(());
        })
    };
    let close = props.on_close.reform(|_: MouseEvent| ());
    // An area that only informs has nothing to choose: the dialog lists its cookies and closes.
    let has_choices = config.optional_ids().next().is_some();
    let backdrop_click = props.on_close.reform(|_: MouseEvent| ());

    // Sets the given ids (a category's, or its services' entries) on or off.
    let toggle = |ids: Vec<String>| {
        let ticked = ticked.clone();
        Callback::from(move |e: Event| {
            let on = e.target_dyn_into::<HtmlInputElement>().is_some_and(|i| i.checked());
            let mut next: Vec<String> = (*ticked).clone();
            next.retain(|t| !ids.contains(t));
            if on {
                next.extend(ids.iter().cloned());
            }
            ticked.set(next);
        })
    };
    let categories = config.categories.iter().map(|c| {
        let id = c.id.clone();
        let entries: Vec<String> = c.services.iter().map(|s| service_entry(&c.id, &s.id)).collect();
        let on = entries.iter().filter(|e| ticked.contains(e)).count();
        // With services the category's switch is on when all of them are, mixed when some are.
        let (checked, mixed) = if c.required {
            (true, false)
        } else if entries.is_empty() {
            (ticked.contains(&c.id), false)
        } else {
            (on == entries.len(), on > 0 && on < entries.len())
        };
        let onchange = toggle(if entries.is_empty() { vec![id.clone()] } else { entries.clone() });
        let input_id = format!("cb-toggle-{id}");
        let desc_id = format!("cb-desc-{id}");
        let always_id = format!("cb-always-{id}");
        let partly_id = format!("cb-partly-{id}");
        // A partly accepted category says so in words too ("2 of 3 on"), as part of its switch's
        // description: the mixed state's shape alone would be a colour-and-shape-only cue.
        let described_by = if c.required {
            format!("{always_id} {desc_id}")
        } else if mixed {
            format!("{partly_id} {desc_id}")
        } else {
            desc_id.clone()
        };
        let partly = texts.partly_on.replace("{on}", &on.to_string()).replace("{total}", &entries.len().to_string());
        let table = if c.cookies.is_empty() {
            html! {}
        } else {
            html! {
                <details class="cb-cookies">
                    <summary>{ texts.cookies_count.replace("{count}", &c.cookies.len().to_string()) }</summary>
                    <CookieTable category={c.clone()} lang={lang.clone()} texts={texts.clone()} />
                </details>
            }
        };
        html! {
            <li class="cb-category" key={id.clone()} data-consent-category-panel={id.clone()}>
                <div class="cb-category-head">
                    <label for={input_id.clone()} class="cb-category-label">{ c.label.get(&lang).cloned().unwrap_or_default() }</label>
                    // A visible hint beside the locked switch; hidden as text of its own (it would
                    // be read out of context), it becomes part of the switch's description.
                    if c.required { <span id={always_id.clone()} class="cb-always" aria-hidden="true">{ texts.always_on.clone() }</span> }
                    if mixed { <span id={partly_id.clone()} class="cb-partly" aria-hidden="true">{ partly }</span> }
                    // A real checkbox, so its state (checked) is the switch's aria-checked; named
                    // by its <label>, described by the category's text.
                    <CategorySwitch id={input_id} toggle={id.clone()} checked={checked} mixed={mixed}
                        tristate={!entries.is_empty()} disabled={c.required} described_by={described_by} onchange={onchange} />
                </div>
                <p id={desc_id} class="cb-category-text">{ c.description.get(&lang).cloned().unwrap_or_default() }</p>
                { table }
                if !c.services.is_empty() {
                    <ul class="cb-services">
                        { for c.services.iter().map(|service| {
                            let entry = service_entry(&c.id, &service.id);
                            let input_id = format!("cb-toggle-{}-{}", c.id, service.id);
                            let desc_id = format!("cb-desc-{}-{}", c.id, service.id);
                            let checked = c.required || ticked.contains(&entry);
                            let provider = service.provider.clone().map(|p| format!("{}: {p}", texts.cookie_provider));
                            // The service's cookie table, as the category's is drawn.
                            let as_category = service_as_category(c, service);
                            html! {
                                <li class="cb-service" key={entry.clone()} data-consent-service-panel={entry.clone()}>
                                    <div class="cb-category-head">
                                        <label for={input_id.clone()} class="cb-service-label">{ service.label.get(&lang).cloned().unwrap_or_default() }</label>
                                        <input type="checkbox" role="switch" class="cb-switch" id={input_id}
                                            data-consent-service={service.id.clone()} checked={checked} disabled={c.required}
                                            aria-describedby={desc_id.clone()} onchange={toggle(vec![entry.clone()])} />
                                    </div>
                                    <p id={desc_id} class="cb-category-text">
                                        { service.description.get(&lang).cloned().unwrap_or_default() }
                                        if let Some(p) = provider { <span class="cb-provider">{ format!(" {p}") }</span> }
                                    </p>
                                    if !service.cookies.is_empty() {
                                        <details class="cb-cookies">
                                            <summary>{ texts.cookies_count.replace("{count}", &service.cookies.len().to_string()) }</summary>
                                            <CookieTable category={as_category} lang={lang.clone()} texts={texts.clone()} />
                                        </details>
                                    }
                                </li>
                            }
                        }) }
                    </ul>
                }
            </li>
        }
    });

    html! {
        <div ref={layer} class="cb-overlay" lang={lang.clone()} dir={crate::core::i18n::direction(&lang)}>
            <div class="cb-backdrop" aria-hidden="true" onclick={backdrop_click}></div>
            <div class="cb-dialog" ref={dialog} data-consent-preferences="" role="dialog" aria-modal="true"
                aria-labelledby="cb-pc-title" aria-describedby="cb-pc-text" tabindex="-1" onkeydown={onkeydown}>
                <div class="cb-dialog-head">
                    <h2 id="cb-pc-title" class="cb-title">{ texts.preferences_title.clone() }</h2>
                    <LanguageSwitcher controller={props.controller.clone()} lang={lang.clone()}
                        label={texts.language.clone()} id="cb-pc-language" />
                    <button type="button" class="cb-close" data-consent-action="close" aria-label={texts.close.clone()} onclick={close}>
                        <span aria-hidden="true">{ "×" }</span>
                    </button>
                </div>
                <div class="cb-dialog-body">
                    <p id="cb-pc-text" class="cb-text">
                        { texts.preferences_description.clone() }{ " " }
                        <a class="cb-link" href={config.policy_link(&lang).to_string()}>{ texts.policy_link.clone() }</a>
                        if !config.privacy_link(&lang).is_empty() {
                            { " · " }
                            <a class="cb-link" href={config.privacy_link(&lang).to_string()}>{ texts.privacy_link.clone() }</a>
                        }
                    </p>
                    { super::banner::gpc_notice(&controller, &lang) }
                    <ul class="cb-categories">{ for categories }</ul>
                    <CurrentConsent controller={props.controller.clone()} lang={lang.clone()} texts={texts.clone()} />
                </div>
                if has_choices {
                <div class="cb-actions cb-dialog-actions">
                    <button type="button" class="cb-button" data-consent-action="accept-all" onclick={answer(Choice::AcceptAll)}>
                        { texts.accept_all.clone() }
                    </button>
                    <button type="button" class="cb-button" data-consent-action="reject-all" onclick={answer(Choice::RejectAll)}>
                        { texts.reject_all.clone() }
                    </button>
                    <button type="button" class="cb-button" data-consent-action="save" onclick={answer(Choice::Only((*ticked).clone().into_iter().collect()))}>
                        { texts.save.clone() }
                    </button>
                </div>
                }
            </div>
        </div>
    }
}

/// What the privacy centre's switches start from: the stored `accepted` list with each category
/// accepted whole that has services replaced by its services' entries.
fn ticked_from(config: &Config, accepted: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for id in accepted {
        match config.category(id) {
            Some(c) if !c.services.is_empty() => out.extend(c.services.iter().map(|s| service_entry(&c.id, &s.id))),
            _ => out.push(id.clone()),
        }
    }
    out
}

#[derive(Properties, PartialEq)]
struct CategorySwitchProps {
    id: String,
    toggle: String,
    checked: bool,
    /// Some of its services on, some off.
    mixed: bool,
    /// A category with services: a checkbox that can be mixed (a switch cannot, in ARIA).
    tristate: bool,
    disabled: bool,
    described_by: String,
    onchange: Callback<Event>,
}

/// A category's switch. For a category with services it is a checkbox whose mixed state is
/// the native `indeterminate` (exposed as `aria-checked="mixed"`), set after each render since
/// it is a property, not an attribute.
#[component]
fn CategorySwitch(props: &CategorySwitchProps) -> Html {
    let input = use_node_ref();
    {
        let input = input.clone();
        use_effect_with((props.mixed, props.checked), move |(mixed, _)| {
            if let Some(el) = input.cast::<HtmlInputElement>() {
                el.set_indeterminate(*mixed);
            }
        });
    }
    let role = if props.tristate { None } else { Some("switch") };
    html! {
        <input ref={input} type="checkbox" role={role} class="cb-switch" id={props.id.clone()}
            data-consent-toggle={props.toggle.clone()} checked={props.checked} disabled={props.disabled}
            aria-describedby={props.described_by.clone()} onchange={props.onchange.clone()} />
    }
}

#[derive(Properties, PartialEq)]
struct CurrentConsentProps {
    controller: ControllerHandle,
    lang: AttrValue,
    texts: Texts,
}

/// The stored consent (time, version, id) and the history of choices.
#[component]
fn CurrentConsent(props: &CurrentConsentProps) -> Html {
    let t = &props.texts;
    let controller = &props.controller.0;
    let config = controller.config();
    let lang = props.lang.as_str();
    // A category's label; for a service entry, "Category: Service".
    let label = |id: &str| {
        let (category, service) = entry_parts(id);
        let Some(c) = config.all_categories().find(|c| c.id == category) else {
            return id.to_string();
        };
        let name = c.label.get(lang).cloned().unwrap_or_else(|| category.to_string());
        match service.and_then(|s| c.services.iter().find(|x| x.id == s)) {
            Some(s) => format!("{name}: {}", s.label.get(lang).cloned().unwrap_or_else(|| s.id.clone())),
            None => name,
        }
    };
    let list = |ids: &[String]| {
        if ids.is_empty() {
            t.nothing_optional.clone()
        } else {
            ids.iter().map(|id| label(id)).collect::<Vec<_>>().join(", ")
        }
    };
    let when = |secs: u64| local_time(secs, props.lang.as_str());
    let current = match controller.consent() {
        None => html! { <p data-consent-current="">{ t.no_choice.clone() }</p> },
        Some(c) => {
            let accepted: Vec<String> = c.accepted.clone();
            html! {
                <div data-consent-current="">
                    <p>{ t.choice_details.replace("{time}", &when(c.time)).replace("{version}", &c.version) }</p>
                    <p>{ list(&accepted) }</p>
                    <p>{ format!("{}: ", t.consent_id) }<code data-consent-id="">{ c.id.clone() }</code></p>
                    // The records the consent-records service keeps of this consent id.
                    if let Some(url) = &config.record_url {
                        <p><a data-consent-record="" class="cb-link" href={ url.replace("{id}", &c.id) }>
                            { t.consent_record.clone() }
                        </a></p>
                    }
                </div>
            }
        }
    };
    let history = controller.history();
    let history = if history.is_empty() {
        html! {}
    } else {
        let items = history.iter().map(|e| {
            let how = match e.method.as_str() {
                "banner" => &t.method_banner,
                "privacy-centre" => &t.method_privacy_centre,
                "contextual" => &t.method_contextual,
                _ => &t.method_api,
            };
            html! {
                <li data-consent-history-entry="">
                    { format!("{} · {} · {} · {}", when(e.time), e.version, list(&e.accepted), how) }
                </li>
            }
        });
        html! {
            <details class="cb-history">
                <summary>{ t.history.clone() }</summary>
                <ol data-consent-history="">{ for items }</ol>
            </details>
        }
    };
    html! {
        <section class="cb-current" aria-labelledby="cb-current-title">
            <h3 id="cb-current-title" class="cb-subtitle">{ t.your_choice.clone() }</h3>
            { current }
            { history }
        </section>
    }
}

/// A time in the visitor's language and time zone.
fn local_time(secs: u64, lang: &str) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(secs as f64 * 1000.0));
    let options = js_sys::Object::new();
    for (key, value) in [("dateStyle", "long"), ("timeStyle", "short")] {
        // Ignored: `options` was made above, a new object takes any property.
        let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
    }
    let text: String = date.to_locale_string(lang, &options).into();
    if text.is_empty() {
        crate::core::iso_time(secs)
    } else {
        text
    }
}
