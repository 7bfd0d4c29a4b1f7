//! The cookie table of a category, straight from the config, and the tables of a whole area
//! for the cookie policy page: the policy and the privacy centre can never disagree.

use yew::prelude::*;

use crate::core::config::{Area, Category, Party};
use crate::core::i18n::{self, Texts};

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

/// A table of the cookies a category declares: name, provider, lifetime, purpose.
#[component]
pub fn CookieTable(props: &CookieTableProps) -> Html {
    let t = &props.texts;
    let lang = props.lang.as_str();
    let rows = props.category.cookies.iter().map(|c| {
        let party = match c.party {
            Party::First => &t.first_party,
            Party::Third => &t.third_party,
        };
        html! {
            <tr>
                <td><code>{ c.name.clone() }</code></td>
                <td>{ c.provider.clone() }<span class="cb-party">{ format!(" ({party})") }</span></td>
                <td>{ i18n::format_lifetime(t, &c.lifetime) }</td>
                <td>{ c.purpose.get(lang).cloned().unwrap_or_default() }</td>
            </tr>
        }
    });
    let label = props.category.label.get(lang).cloned().unwrap_or_default();
    // On a narrow screen the table scrolls sideways inside its wrapper: the wrapper takes focus
    // so that keyboard users can scroll it, and is a group named like the table, so that what
    // gets focus is announced.
    html! {
        <div class="cb-table-wrap" tabindex="0" role="group" aria-label={label.clone()}>
            <table class="cb-table" data-consent-cookies={props.category.id.clone()}>
                <caption class="cb-sr-only">{ label }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ t.cookie_name.clone() }</th>
                        <th scope="col">{ t.cookie_provider.clone() }</th>
                        <th scope="col">{ t.cookie_lifetime.clone() }</th>
                        <th scope="col">{ t.cookie_purpose.clone() }</th>
                    </tr>
                </thead>
                <tbody>{ for rows }</tbody>
            </table>
        </div>
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
/// (`<div data-consent-cookie-table="business">`).
#[component]
pub fn AreaTables(props: &AreaTablesProps) -> Html {
    let lang = props.lang.as_str();
    let sections = props.area.categories.iter().filter(|c| !c.cookies.is_empty()).map(|c| {
        html! {
            <section class="cb-policy-category" key={c.id.clone()}>
                <h3>{ c.label.get(lang).cloned().unwrap_or_default() }</h3>
                <p>{ c.description.get(lang).cloned().unwrap_or_default() }</p>
                <CookieTable category={c.clone()} lang={props.lang.clone()} texts={props.texts.clone()} />
            </section>
        }
    });
    html! {
        <div class="cb-policy" data-nosnippet="" lang={props.lang.clone()}>{ for sections }</div>
    }
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
