//! The cookie table of a category, straight from the config, and the tables of a whole area
//! for the cookie policy page: the policy and the privacy centre can never disagree.

use yew::prelude::*;

use super::markup::to_html;
use crate::core::config::{Area, Category, Service};
use crate::core::i18n::Texts;
use crate::core::policy::service_entry;
use crate::core::view;

/// Props of [`CookieTable`].
#[derive(Properties, PartialEq)]
pub struct CookieTableProps {
    /// The category whose declared cookies are listed.
    pub category: Category,
    /// The language shown.
    pub lang: AttrValue,
    /// The texts of that language.
    pub texts: Texts,
}

/// A table of the cookies a category declares: name, provider, lifetime, purpose (the core's
/// markup, [`view::cookie_table`]).
#[component]
pub fn CookieTable(props: &CookieTableProps) -> Html {
    let lang = props.lang.as_str();
    let label = props.category.label.get(lang).map(String::as_str).unwrap_or_default();
    let table = view::cookie_table(&props.category.id, label, &props.category.cookies, &props.texts, lang);
    to_html(&table, NodeRef::default())
}

/// A service drawn as a category of its own for [`CookieTable`]: its label, purpose and cookies,
/// the table marked `data-consent-cookies="<category>:<service>"`.
pub(crate) fn service_as_category(category: &Category, service: &Service) -> Category {
    Category {
        id: service_entry(&category.id, &service.id),
        required: category.required,
        after_choice: false,
        label: service.label.clone(),
        description: service.description.clone(),
        banner_purpose: Default::default(),
        cookies: service.cookies.clone(),
        services: Vec::new(),
    }
}

/// Props of [`AreaTables`].
#[derive(Properties, PartialEq)]
pub struct AreaTablesProps {
    /// The area.
    pub area: Area,
    /// The language shown.
    pub lang: AttrValue,
    /// The texts of that language.
    pub texts: Texts,
}

/// Every category of an area with its description and cookie table, for a cookie policy page
/// (`<div data-consent-cookie-table="business">`): the core's markup, [`view::area_tables`].
#[component]
pub fn AreaTables(props: &AreaTablesProps) -> Html {
    to_html(&view::area_tables(&props.area.categories, props.lang.as_str(), &props.texts), NodeRef::default())
}

/// Props of [`PolicyTables`].
#[derive(Properties, PartialEq)]
pub struct PolicyTablesProps {
    /// The page's controller, for the language.
    pub controller: super::ControllerHandle,
    /// The area whose tables are shown.
    pub area: Area,
}

/// [`AreaTables`] that follow the visitor's language switches.
#[component]
pub fn PolicyTables(props: &PolicyTablesProps) -> Html {
    let controller = std::rc::Rc::clone(&props.controller.0);
    let lang = {
        let controller = std::rc::Rc::clone(&controller);
        use_state(move || controller.lang())
    };
    {
        let controller = std::rc::Rc::clone(&controller);
        let lang = lang.setter();
        use_effect_with((), move |_| {
            controller.on_language(std::rc::Rc::new(move |l| lang.set(l)));
        });
    }
    let texts = controller.config().texts(&lang).clone();
    html! { <AreaTables area={props.area.clone()} lang={AttrValue::from((*lang).clone())} texts={texts} /> }
}
