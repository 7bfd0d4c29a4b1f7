//! What the UI shows, as a Yew reducer: the one place its state changes.

use std::rc::Rc;

use yew::Reducible;

/// The UI's state.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UiState {
    /// The banner (ask) or notice (inform) is on screen.
    pub banner: bool,
    /// The privacy centre is open.
    pub preferences: bool,
    /// The language shown.
    pub lang: String,
    /// Text of the polite live region (what just happened).
    pub announcement: String,
    /// Bumped at each opening, so the privacy centre starts from the stored choice again.
    pub opened: u32,
    /// The privacy centre was opened from the banner's Customise: closing it without a choice
    /// brings the banner back with focus on Customise.
    pub from_banner: bool,
    /// Focus the banner's Customise button on the next render.
    pub focus_customise: bool,
}

/// Something that changes what the UI shows.
pub enum UiAction {
    /// Open the privacy centre from a `data-consent-open` element or the API.
    OpenPreferences,
    /// Open the privacy centre from the banner's Customise.
    Customise,
    /// Close the privacy centre without a choice.
    ClosePreferences,
    /// Show the banner again.
    ShowBanner,
    /// The visitor chose: close everything and announce it.
    Answered(String),
    /// Show another language.
    Language(String),
}

impl Reducible for UiState {
    type Action = UiAction;

    fn reduce(self: Rc<Self>, action: UiAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            UiAction::OpenPreferences | UiAction::Customise => {
                next.from_banner = matches!(action, UiAction::Customise);
                next.preferences = true;
                next.opened += 1;
                next.announcement.clear();
                next.focus_customise = false;
            }
            UiAction::ClosePreferences => {
                next.preferences = false;
                next.focus_customise = next.from_banner && next.banner;
            }
            UiAction::ShowBanner => {
                next.banner = true;
                next.preferences = false;
                // The next choice is announced even when its text is the same as the last one.
                next.announcement.clear();
            }
            UiAction::Answered(text) => {
                next.banner = false;
                next.preferences = false;
                next.focus_customise = false;
                next.announcement = text;
            }
            UiAction::Language(lang) => next.lang = lang,
        }
        next.into()
    }
}
