//! The first layer: the ask banner (Accept all, Reject all, Customise) or the inform notice.

use std::rc::Rc;

use yew::prelude::*;

use super::focus::BannerSpace;
use super::language::LanguageSwitcher;
use super::ControllerHandle;
use crate::core::config::Mode;
use crate::core::consent::{Choice, Method};

/// Props of [`Banner`].
#[derive(Properties, PartialEq)]
pub struct BannerProps {
    /// The page's controller.
    pub controller: ControllerHandle,
    /// The language shown.
    pub lang: AttrValue,
    /// The visitor chose (or acknowledged).
    pub on_answered: Callback<()>,
    /// The visitor pressed Customise.
    pub on_customise: Callback<()>,
}

/// The banner or notice. Its three first-layer buttons look alike: refusing is as easy as
/// accepting.
#[component]
pub fn Banner(props: &BannerProps) -> Html {
    let controller = Rc::clone(&props.controller.0);
    let config = Rc::clone(controller.config());
    let lang = props.lang.to_string();
    let texts = config.texts(&lang).clone();
    let inform = config.mode == Mode::Inform;

    let answer = |choice: Option<Choice>| {
        let controller = Rc::clone(&controller);
        let on_answered = props.on_answered.clone();
        Callback::from(move |_: MouseEvent| {
            match &choice {
                Some(choice) => controller.choose(choice.clone(), Method::Banner),
                None => controller.acknowledge(),
            }
            on_answered.emit(());
        })
    };
    let customise = props.on_customise.reform(|_: MouseEvent| ());

    // While shown, the page keeps what is focused in it clear of the banner (WCAG 2.4.11).
    let section = use_node_ref();
    super::layer::use_top_layer(section.clone());
    {
        let section = section.clone();
        use_effect_with((), move |_| {
            let space = section.cast::<web_sys::Element>().and_then(BannerSpace::reserve);
            move || drop(space)
        });
    }

    let (title, text) = if inform {
        (texts.inform_title.clone(), texts.inform_description.clone())
    } else {
        (texts.title.clone(), texts.description.clone())
    };
    let buttons = if inform {
        html! {
            <button type="button" class="cb-button" data-consent-action="acknowledge" onclick={answer(None)}>
                { texts.acknowledge.clone() }
            </button>
        }
    } else {
        html! {
            <>
                <button type="button" class="cb-button" data-consent-action="accept-all" onclick={answer(Some(Choice::AcceptAll))}>
                    { texts.accept_all.clone() }
                </button>
                <button type="button" class="cb-button" data-consent-action="reject-all" onclick={answer(Some(Choice::RejectAll))}>
                    { texts.reject_all.clone() }
                </button>
                <button type="button" class="cb-button" data-consent-action="customise" onclick={customise}>
                    { texts.customise.clone() }
                </button>
            </>
        }
    };

    // A named <section>, that is a region landmark, and not a dialog: the banner is not modal
    // (the page stays usable, focus is not taken or trapped), and WAI-ARIA's dialog role promises
    // that focus moves into it and stays until it closes; a non-modal dialog that never takes
    // focus misleads screen-reader users about where they are. As a region it is listed among
    // the page's landmarks under its plain name ("Cookie consent"), described by its text, and,
    // first in <body>, it is the first thing read and the first reached with Tab. axe's
    // `region` rule is satisfied, as all its content sits in a landmark.
    html! {
        <section class="cb-banner" data-consent-banner="" data-consent-mode={config.mode.as_str()} ref={section}
            aria-label={texts.banner_label.clone()} aria-describedby="cb-text" lang={lang.clone()}>
            <div class="cb-banner-head">
                <h2 id="cb-title" class="cb-title">{ title }</h2>
                <LanguageSwitcher controller={props.controller.clone()} lang={lang.clone()}
                    label={texts.language.clone()} id="cb-banner-language" />
            </div>
            <p id="cb-text" class="cb-text">
                { text }{ " " }
                <a class="cb-link" href={config.policy_link.clone()}>{ texts.policy_link.clone() }</a>
            </p>
            { gpc_notice(&controller, &lang) }
            <div class="cb-actions">{ buttons }</div>
        </section>
    }
}

/// Says why some categories start refused when the browser sends Global Privacy Control.
pub(crate) fn gpc_notice(controller: &crate::browser::controller::Controller, lang: &str) -> Html {
    let refused = controller.gpc_refused();
    if refused.is_empty() {
        return html! {};
    }
    let config = controller.config();
    let labels: Vec<String> =
        refused.iter().filter_map(|id| config.category(id)).filter_map(|c| c.label.get(lang).cloned()).collect();
    let text = config.texts(lang).gpc_notice.replace("{categories}", &labels.join(", "));
    html! { <p class="cb-gpc" data-consent-gpc="">{ text }</p> }
}
