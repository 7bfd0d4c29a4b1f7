//! The controller carries out the core's decisions in the page: it reads and writes the
//! cookies, activates tags, clears withdrawn cookies, records the history and tells page code
//! through events. The UI is one more source of choices and never touches cookies itself.

use std::cell::RefCell;
use std::rc::Rc;

use super::{dom, storage, tags, texts};
use crate::core::config::Config;
use crate::core::consent::{self, Choice, Consent, Decision, Method, Rejected, Surface};
use crate::core::contract::EVENT_BANNER_SHOWN;
use crate::core::history::Entry;
use crate::core::json::{self, Value};
use crate::core::plan::{self, Plan};
use crate::core::policy::Policy;
use crate::core::{cookie, returning};

/// A request for the UI, from the JS API, a `data-consent-open` element or the banner.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UiCommand {
    /// Show the banner (or notice) again.
    ShowBanner,
    /// Open the privacy centre.
    OpenPreferences,
    /// Open the privacy centre as the banner's Customise does (the first-visit module's banner
    /// handed over): closing it brings the banner back with focus on Customise.
    Customise,
    /// The language changed.
    Language(String),
    /// A choice was recorded elsewhere (API): close what is open, announce it.
    Answered,
}

/// What the controller knows now.
#[derive(Clone, Debug, PartialEq, Eq)]
struct State {
    consent: Option<Consent>,
    active: Vec<String>,
    surface: Surface,
}

type UiSink = Rc<dyn Fn(UiCommand)>;
type LanguageListener = Rc<dyn Fn(String)>;
type ActivationListener = Rc<dyn Fn(&Rc<Controller>)>;

/// Owns the consent state of one page and carries out every change to it.
pub struct Controller {
    /// Replaced, not changed, when a language's built-in texts arrive: the UI holds clones.
    config: RefCell<Rc<Config>>,
    policy: Policy,
    lang: RefCell<String>,
    state: RefCell<State>,
    ui: RefCell<Option<UiSink>>,
    pending: RefCell<Vec<UiCommand>>,
    language_listeners: RefCell<Vec<LanguageListener>>,
    activation_listeners: RefCell<Vec<ActivationListener>>,
    gpc: bool,
}

impl Controller {
    /// Reads the stored cookies and decides what this page view shows. Nothing runs yet:
    /// call [`Controller::start`] for that.
    pub fn new(config: Rc<Config>) -> Rc<Controller> {
        let cookies = dom::read_cookies();
        let policy = config.policy();
        let decision = stored_decision(&config, &policy, &cookies);
        match &decision.rejected {
            None => {}
            Some(Rejected::OtherVersion(v)) => {
                dom::info(&format!("the banner changed since the stored choice (version {v:?}); asking again"))
            }
            Some(r) => dom::warn(&format!("{r}; treating it as no consent and asking again")),
        }
        // Before the API is wired: its calls and the page's gates are checked against it.
        tags::set_known(&policy.gate_names());
        let lang = visitor_language(&config, &cookies);
        Rc::new(Controller {
            config: RefCell::new(config),
            policy,
            lang: RefCell::new(lang),
            state: RefCell::new(State {
                consent: decision.consent,
                active: decision.active,
                surface: decision.surface,
            }),
            ui: RefCell::new(None),
            pending: RefCell::new(Vec::new()),
            language_listeners: RefCell::new(Vec::new()),
            activation_listeners: RefCell::new(Vec::new()),
            gpc: dom::global_privacy_control(),
        })
    }

    /// Taking over the first-visit banner: a choice the visitor made on it after this module
    /// read the cookies at its start is the state shown, not the banner again.
    /// The first-visit module already ran that choice's plan (tags, signals, events); the
    /// activation here only brings this module's placeholders up to it.
    pub fn take_over_choice(self: &Rc<Self>) {
        let cookies = dom::read_cookies();
        let decision = stored_decision(&self.config(), &self.policy, &cookies);
        let changed = decision.consent.is_some() && decision.consent != self.state.borrow().consent;
        if changed {
            *self.state.borrow_mut() =
                State { consent: decision.consent, active: decision.active, surface: decision.surface };
            self.activate_current();
        }
    }

    /// Activates the tags the stored consent allows and announces `consent:ready`.
    pub fn start(self: &Rc<Self>) {
        self.start_with(true);
    }

    /// [`Controller::start`]; with `announce` false, takes over from the returning-visitor
    /// runtime, which already sent this page view's signals and `consent:ready`.
    pub fn start_with(self: &Rc<Self>, announce: bool) {
        // The page view's plan: signals where there is a stored consent (Google needs the update
        // on every such page view, not only after a choice), the tags, consent:ready.
        let view = {
            let state = self.state.borrow();
            returning::page_view_json(&self.policy, state.consent.is_some(), &state.active, announce)
        };
        let this = Rc::clone(self);
        tags::execute(&view, move || {
            this.activated();
            dom::json_to_js(&this.snapshot())
        });
        let this = Rc::clone(self);
        tags::observe(move || this.activate_current());
        // Taking over, the banner the first-visit module showed was announced already.
        if announce && self.surface() != Surface::Nothing {
            self.banner_shown();
        }
    }

    /// Activates what the current state allows, including tags inserted since, and updates
    /// the placeholders.
    fn activate_current(self: &Rc<Self>) {
        let active = self.state.borrow().active.clone();
        let this = Rc::clone(self);
        wasm_bindgen_futures::spawn_local(async move {
            tags::activate(&active).await;
            this.activated();
        });
    }

    /// Calls `listener` after every activation of tags (the placeholders follow them).
    pub fn after_activation(&self, listener: ActivationListener) {
        self.activation_listeners.borrow_mut().push(listener);
    }

    fn activated(self: &Rc<Self>) {
        let listeners = self.activation_listeners.borrow().clone();
        for listener in listeners {
            listener(self);
        }
    }

    /// The config.
    pub fn config(&self) -> Rc<Config> {
        Rc::clone(&self.config.borrow())
    }

    /// The language shown.
    pub fn lang(&self) -> String {
        self.lang.borrow().clone()
    }

    /// What the page showed on load.
    pub fn surface(&self) -> Surface {
        self.state.borrow().surface
    }

    /// The stored consent, if valid.
    pub fn consent(&self) -> Option<Consent> {
        self.state.borrow().consent.clone()
    }

    /// True when the categories' tags may run now.
    pub fn is_active(&self, category: &str) -> bool {
        self.state.borrow().active.iter().any(|c| c == category)
    }

    /// The browser sends Global Privacy Control.
    pub fn gpc(&self) -> bool {
        self.gpc
    }

    /// The categories Global Privacy Control refuses on this page, when the browser sends it.
    pub fn gpc_refused(&self) -> Vec<String> {
        if !self.gpc {
            return Vec::new();
        }
        let config = self.config();
        config.optional_ids().filter(|id| config.gpc_refuses.iter().any(|g| g == id)).map(String::from).collect()
    }

    /// The recorded choices, newest first (empty when storage is unavailable).
    pub fn history(&self) -> Vec<Entry> {
        storage::load_history()
    }

    /// Connects the UI: commands sent before it was ready are delivered now.
    pub fn connect_ui(&self, sink: UiSink) {
        let pending: Vec<UiCommand> = self.pending.borrow_mut().drain(..).collect();
        for command in pending {
            sink(command);
        }
        *self.ui.borrow_mut() = Some(sink);
    }

    /// Calls `listener` with the new language whenever it changes (the cookie-policy tables).
    pub fn on_language(&self, listener: LanguageListener) {
        self.language_listeners.borrow_mut().push(listener);
    }

    /// Sends a command to the UI, or keeps it until the UI connects.
    pub fn command(&self, command: UiCommand) {
        if command == UiCommand::ShowBanner {
            self.banner_shown();
        }
        let sink = self.ui.borrow().clone();
        match sink {
            Some(sink) => sink(command),
            None => self.pending.borrow_mut().push(command),
        }
    }

    fn banner_shown(&self) {
        tags::dispatch(EVENT_BANNER_SHOWN, &json::object([("mode", self.config().mode.as_str().into())]));
    }

    /// Switches the language, remembers it in the language cookie and re-renders the UI; a
    /// built-in language whose texts are not here yet is shown once they are downloaded. False
    /// for a language the config does not have.
    pub fn set_language(self: &Rc<Self>, lang: &str) -> bool {
        let config = self.config();
        if !config.languages.iter().any(|l| l == lang) {
            dom::warn(&format!("language {lang:?} is not configured (configured: {})", config.languages.join(", ")));
            return false;
        }
        if config.texts_needed(lang).is_none() {
            self.show_language(lang);
            return true;
        }
        let (this, lang) = (Rc::clone(self), lang.to_string());
        wasm_bindgen_futures::spawn_local(async move {
            let mut config = (*this.config()).clone();
            match texts::ensure(&mut config, &lang).await {
                Ok(()) => {
                    *this.config.borrow_mut() = Rc::new(config);
                    this.show_language(&lang);
                }
                Err(why) => dom::warn(&format!("{why}; the language stays {:?}", this.lang())),
            }
        });
        true
    }

    fn show_language(&self, lang: &str) {
        *self.lang.borrow_mut() = lang.to_string();
        tags::execute(&plan::language_json(&self.config(), lang, dom::is_https()), || wasm_bindgen::JsValue::UNDEFINED);
        self.command(UiCommand::Language(lang.to_string()));
        let listeners = self.language_listeners.borrow().clone();
        for listener in listeners {
            listener(lang.to_string());
        }
    }

    /// The stored consent as page code sees it (`getConsent()`), or `null`.
    pub fn consent_json(&self) -> Value {
        let state = self.state.borrow();
        // Written by the core, as the first-visit module and every plan's detail write it.
        let mut text = String::new();
        plan::consent_json(&mut text, &self.config(), state.consent.as_ref(), &state.active);
        json::parse(&text).unwrap_or(Value::Null)
    }

    fn snapshot(&self) -> Value {
        let active = self.state.borrow().active.iter().map(String::as_str).collect();
        json::object([("consent", self.consent_json()), ("active", active)])
    }

    /// Records a choice: the core decides its plan ([`plan::choose`]), which [`Controller::execute`]
    /// carries out.
    pub fn choose(self: &Rc<Self>, choice: Choice, method: Method) {
        self.decide(Some(&choice), method);
    }

    /// Acknowledges the inform notice: the banner cookie only.
    pub fn acknowledge(self: &Rc<Self>) {
        self.decide(None, Method::Banner);
    }

    fn decide(self: &Rc<Self>, choice: Option<&Choice>, method: Method) {
        let config = self.config();
        let (cookies, host, path, lang) = (dom::read_cookies(), dom::hostname(), dom::pathname(), self.lang());
        let history = storage::load_history_text();
        let page = plan::Page {
            cookies: &cookies,
            host: &host,
            path: &path,
            https: dom::is_https(),
            gpc: self.gpc,
            now: dom::now_secs(),
            random: dom::random_bytes(),
            history: history.as_deref(),
            lang: &lang,
        };
        let (previous, active) = {
            let state = self.state.borrow();
            (state.consent.clone(), state.active.clone())
        };
        let plan = plan::choose(&config, &self.policy, &page, previous.as_ref(), choice, method, &active);
        self.execute(plan);
    }

    /// Carries out a choice's plan: the new state first (page code told of the change reads it),
    /// then the executor, `tags.js`'s `execute`, as every module does: cookies, their check,
    /// history, receipt, withdrawn cookies, signals, then the reload or the tags and the event.
    fn execute(self: &Rc<Self>, plan: Plan) {
        let json = plan.to_json(&self.config(), &self.policy);
        *self.state.borrow_mut() = State { consent: plan.consent, active: plan.active, surface: Surface::Nothing };
        if matches!(plan.method, Method::Api | Method::Contextual) {
            self.command(UiCommand::Answered);
        }
        let this = Rc::clone(self);
        tags::execute(&json, move || {
            this.activated();
            wasm_bindgen::JsValue::UNDEFINED
        });
    }
}

/// What the stored cookies decide under `policy`.
fn stored_decision(config: &Config, policy: &Policy, cookies: &str) -> Decision {
    let settings = &config.cookie_settings;
    consent::decide(
        policy,
        &cookie::values(cookies, &settings.consent.name),
        cookie::values(cookies, &settings.banner.name).first().copied(),
        dom::now_secs(),
    )
}

/// The language to show this visitor (see [`Config::visitor_language`]).
pub fn visitor_language(config: &Config, cookies: &str) -> String {
    config.visitor_language(cookies, html_lang().as_deref(), &navigator_languages())
}

fn html_lang() -> Option<String> {
    dom::document()?.document_element()?.get_attribute("lang")
}

fn navigator_languages() -> Vec<String> {
    dom::window()
        .map(|w| w.navigator().languages())
        .map(|list| list.iter().filter_map(|v| v.as_string()).collect())
        .unwrap_or_default()
}
