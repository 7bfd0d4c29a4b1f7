//! The cookie table of a category, straight from the config, and the tables of a whole area
//! for the cookie policy page: the policy and the privacy centre can never disagree.

use yew::prelude::*;

use crate::core::config::{Area, Category, Party, Service};
use crate::core::i18n::{self, Texts};
use crate::core::policy::service_entry;

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
        // Each cell names its column (`data-label`): on a narrow screen the rows become cards of
        // "label value" lines (the stylesheet shows the label), each cell's value one box. The
        // explicit roles keep the table a table for assistive technology once its CSS display
        // is no longer one.
        html! {
            <tr role="row">
                <td role="cell" data-label={t.cookie_name.clone()}><code>{ c.name.clone() }</code></td>
                <td role="cell" data-label={t.cookie_provider.clone()}>
                    <span>{ c.provider.clone() }<span class="cb-party">{ format!(" ({party})") }</span></span>
                </td>
                <td role="cell" data-label={t.cookie_lifetime.clone()}>{ crate::core::wording::format_lifetime(t, lang, &c.lifetime) }</td>
                <td role="cell" data-label={t.cookie_purpose.clone()}>{ c.purpose.get(lang).cloned().unwrap_or_default() }</td>
            </tr>
        }
    });
    let label = props.category.label.get(lang).cloned().unwrap_or_default();
    // Where a table does not fit it scrolls sideways inside its wrapper (in a narrow privacy
    // centre it becomes cards instead): the wrapper takes focus so that keyboard users
    // can scroll it, and is a group named like the table, so that what gets focus is announced.
    html! {
        <div class="cb-table-wrap" tabindex="0" role="group" aria-label={label.clone()}>
            <table role="table" class="cb-table" data-consent-cookies={props.category.id.clone()}>
                <caption class="cb-sr-only">{ label }</caption>
                <thead role="rowgroup">
                    <tr role="row">
                        <th role="columnheader" scope="col">{ t.cookie_name.clone() }</th>
                        <th role="columnheader" scope="col">{ t.cookie_provider.clone() }</th>
                        <th role="columnheader" scope="col">{ t.cookie_lifetime.clone() }</th>
                        <th role="columnheader" scope="col">{ t.cookie_purpose.clone() }</th>
                    </tr>
                </thead>
                <tbody role="rowgroup">{ for rows }</tbody>
            </table>
        </div>
    }
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
/// (`<div data-consent-cookie-table="business">`).
#[component]
pub fn AreaTables(props: &AreaTablesProps) -> Html {
    let lang = props.lang.as_str();
    let has_cookies = |c: &&Category| !c.cookies.is_empty() || c.services.iter().any(|s| !s.cookies.is_empty());
    let sections = props.area.categories.iter().filter(has_cookies).map(|c| {
        // Each service's cookies under the service's name, provider and purpose.
        let services = c.services.iter().filter(|s| !s.cookies.is_empty()).map(|s| {
            let name = s.label.get(lang).cloned().unwrap_or_default();
            let heading = match &s.provider {
                Some(p) if *p != name => format!("{name} ({p})"),
                _ => name,
            };
            html! {
                <div class="cb-policy-service" key={s.id.clone()}>
                    <h4>{ heading }</h4>
                    <p>{ s.description.get(lang).cloned().unwrap_or_default() }</p>
                    <CookieTable category={service_as_category(c, s)} lang={props.lang.clone()} texts={props.texts.clone()} />
                </div>
            }
        });
        html! {
            <section class="cb-policy-category" key={c.id.clone()}>
                <h3>{ c.label.get(lang).cloned().unwrap_or_default() }</h3>
                <p>{ c.description.get(lang).cloned().unwrap_or_default() }</p>
                if !c.cookies.is_empty() {
                    <CookieTable category={c.clone()} lang={props.lang.clone()} texts={props.texts.clone()} />
                }
                { for services }
            </section>
        }
    });
    html! {
        <div class="cb-policy" data-nosnippet="" lang={props.lang.clone()} dir={i18n::direction(&props.lang)}>{ for sections }</div>
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
