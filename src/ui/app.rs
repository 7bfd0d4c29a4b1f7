//! The root component: one reducer owns what is shown; the banner and the privacy centre get
//! it as props.

use std::rc::Rc;

use web_sys::HtmlElement;
use yew::prelude::*;

use super::banner::Banner;
use super::focus;
use super::preferences::Preferences;
use super::state::{UiAction, UiState};
use super::ControllerHandle;
use crate::browser::controller::UiCommand;
use crate::core::consent::Surface;

/// Props of [`App`].
#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// The page's controller.
    pub controller: ControllerHandle,
}

/// The banner, the privacy centre and the live region that announces saved choices.
#[component]
pub fn App(props: &AppProps) -> Html {
    let controller = Rc::clone(&props.controller.0);
    let state = {
        let controller = Rc::clone(&controller);
        use_reducer(move || UiState {
            banner: controller.surface() != Surface::Nothing,
            lang: controller.lang(),
            ..Default::default()
        })
    };
    // What had focus before the privacy centre opened, to return focus there on close.
    let opener = use_mut_ref(|| None::<HtmlElement>);

    {
        let controller = Rc::clone(&controller);
        let dispatcher = state.dispatcher();
        let opener = opener.clone();
        use_effect_with((), move |_| {
            let texts_controller = Rc::clone(&controller);
            controller.connect_ui(Rc::new(move |command| match command {
                UiCommand::ShowBanner => dispatcher.dispatch(UiAction::ShowBanner),
                UiCommand::OpenPreferences => {
                    *opener.borrow_mut() = focus::active_element();
                    dispatcher.dispatch(UiAction::OpenPreferences);
                }
                UiCommand::Customise => {
                    *opener.borrow_mut() = None;
                    dispatcher.dispatch(UiAction::Customise);
                }
                UiCommand::Language(lang) => dispatcher.dispatch(UiAction::Language(lang)),
                UiCommand::Answered => {
                    let saved = texts_controller.config().texts(&texts_controller.lang()).saved.clone();
                    dispatcher.dispatch(UiAction::Answered(saved));
                }
            }));
        });
    }

    let saved = controller.config().texts(&state.lang).saved.clone();
    let restore_focus = {
        let opener = opener.clone();
        move || {
            if let Some(el) = opener.borrow_mut().take() {
                if el.is_connected() {
                    focus::move_to(&el, "the element that opened the privacy centre");
                }
            }
        }
    };
    let on_answered = {
        let state = state.clone();
        let restore_focus = restore_focus.clone();
        Callback::from(move |_| {
            state.dispatch(UiAction::Answered(saved.clone()));
            restore_focus();
        })
    };
    let on_close = {
        let state = state.clone();
        Callback::from(move |_| {
            state.dispatch(UiAction::ClosePreferences);
            restore_focus();
        })
    };
    let on_customise = {
        let state = state.clone();
        let opener = opener.clone();
        Callback::from(move |_| {
            *opener.borrow_mut() = None;
            state.dispatch(UiAction::Customise);
        })
    };
    // Back from a Customise-opened privacy centre, focus returns to Customise.
    let app_ref = use_node_ref();
    {
        let app_ref = app_ref.clone();
        use_effect_with(state.focus_customise, move |focus| {
            if *focus {
                let button = app_ref
                    .cast::<web_sys::Element>()
                    .and_then(|root| root.query_selector("[data-consent-action=\"customise\"]").ok().flatten())
                    .and_then(|b| wasm_bindgen::JsCast::dyn_into::<HtmlElement>(b).ok());
                if let Some(button) = button {
                    focus::move_to(&button, "the banner's Customise button");
                }
            }
        });
    }

    let lang: AttrValue = state.lang.clone().into();
    let config = props.controller.0.config();
    html! {
        <div class="cb-app" lang={lang.clone()} dir={crate::core::i18n::direction(&lang)}
            data-theme={config.theme.attr()} data-layout={config.layout.attr()}
            data-position={config.position} ref={app_ref}>
            if state.banner && !state.preferences {
                <Banner controller={props.controller.clone()} lang={lang.clone()}
                    on_answered={on_answered.clone()} on_customise={on_customise} />
            }
            if state.preferences {
                <Preferences key={state.opened} controller={props.controller.clone()} lang={lang.clone()}
                    on_answered={on_answered} on_close={on_close} />
            }
            <div class="cb-sr-only" role="status" aria-live="polite" data-consent-status="">{ state.announcement.clone() }</div>
        </div>
    }
}
