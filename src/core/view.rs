//! The first layer's markup as plain data: the banner (or inform notice) that a first visit
//! shows, built once here and rendered by both modules. The first-visit module hands it to the
//! loader as JSON, which builds the elements with `createElement` and `setAttribute` (never
//! `innerHTML`); the Yew UI turns the same tree into virtual DOM. Text stays text either way.

use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

use super::config::{Category, Config, DeclaredCookie, Mode, Party};
use super::contract::{self, BANNER_ATTR, LANGUAGE_ATTR, MODE_ATTR};
use super::contract::{
    ACTION_ACCEPT_ALL, ACTION_ACKNOWLEDGE, ACTION_ATTR, ACTION_CUSTOMISE, ACTION_PARTNERS, ACTION_REJECT_ALL,
};
use super::i18n;
use super::i18n::Texts;
use super::markup::el;
pub use super::markup::{to_json, Element, Node};
pub use super::surfaces::PlaceholderInput;
use super::surfaces::{Entry, PlaceholderTexts};
use super::wording::Description;

fn text(s: &str) -> Node {
    Node::Text(String::from(s))
}

/// What the first layer shows, besides the config.
pub struct BannerInput<'a> {
    /// The language shown.
    pub lang: &'a str,
    /// Labels of the categories that Global Privacy Control refuses on this page (empty without GPC).
    pub gpc_refused: &'a [String],
}

/// The banner (`ask`) or the notice (`inform`) as the `<section>` the privacy centre's module
/// also renders: a region landmark named "Cookie consent" and described by its text (see the
/// accessibility section of the README for why it is not a dialog).
pub fn banner(config: &Config, input: &BannerInput<'_>) -> Node {
    let texts = config.texts(input.lang);
    let inform = config.mode == Mode::Inform;
    let (title, description) = if inform {
        (&texts.inform_title, Description { text: texts.inform_description.clone(), ..Description::default() })
    } else {
        (&texts.title, super::wording::describe(config, input.lang))
    };
    let button = |action: &str, label: &str, class: &str| {
        el("button", &[("type", "button"), (ACTION_ATTR, action), ("class", class)], vec![text(label)])
    };
    let buttons = if inform {
        vec![button(ACTION_ACKNOWLEDGE, &texts.acknowledge, "cb-button")]
    } else {
        vec![
            button(ACTION_ACCEPT_ALL, &texts.accept_all, "cb-button"),
            button(ACTION_REJECT_ALL, &texts.reject_all, "cb-button"),
            button(ACTION_CUSTOMISE, &texts.customise, "cb-button"),
        ]
    };
    // The sentence naming the partners, a block of its own in the description (the banner is
    // then never the page's largest text block, its LCP), and the words for the partners it does
    // not name ("3 more"): a button in the sentence that opens the privacy centre, where every
    // category names its providers. In the tab order it comes before Accept all, which stays
    // within three Tab stops (with the language select).
    let Description { text: all, partners: (from, to), more } = description;
    let part = |from: usize, to: usize| text(all.get(from..to).unwrap_or_default());
    let mut said = vec![part(0, from)];
    if to > from {
        let (start, end) = more.unwrap_or((to, to));
        let mut sentence = vec![part(from, start)];
        if more.is_some() {
            sentence.push(button(ACTION_PARTNERS, all.get(start..end).unwrap_or_default(), "cb-more"));
            sentence.push(part(end, to));
        }
        said.push(el("span", &[("class", "cb-partners")], sentence));
    }
    said.push(part(to, all.len()));
    let mut head = vec![el("h2", &[("id", "cb-title"), ("class", "cb-title")], vec![text(title)])];
    if let Some(switcher) = language_switcher(config, input.lang, &texts.language, "cb-banner-language") {
        head.push(switcher);
    }
    // The documents (the cookie policy, and the privacy statement where the config has one) in
    // a compact row of their own after the buttons: visible on the first layer without making
    // it taller by a line per link, and after the buttons in the tab order, so that Accept all
    // stays the second Tab stop (after the language select).
    let link = |href: &str, label: &str| el("a", &[("href", href), ("class", "cb-link")], vec![text(label)]);
    let mut links = vec![link(config.policy_link(input.lang), &texts.policy_link)];
    let privacy = config.privacy_link(input.lang);
    if !privacy.is_empty() {
        links.push(link(privacy, &texts.privacy_link));
    }
    let mut children = vec![
        el("div", &[("class", "cb-banner-head")], head),
        el("p", &[("id", "cb-text"), ("class", "cb-text")], said),
    ];
    if let Some(notice) = gpc_notice(config, input.lang, input.gpc_refused) {
        children.push(notice);
    }
    children.push(el("div", &[("class", "cb-actions")], buttons));
    children.push(el("p", &[("class", "cb-links")], links));
    el(
        "section",
        &[
            (BANNER_ATTR, ""),
            (MODE_ATTR, config.mode.as_str()),
            ("aria-label", &texts.banner_label),
            ("aria-describedby", "cb-text"),
            ("lang", input.lang),
            ("class", "cb-banner"),
        ],
        children,
    )
}

/// Why some categories start refused when the browser sends Global Privacy Control (`refused`:
/// their labels), in the banner and the privacy centre; `None` without any.
pub fn gpc_notice(config: &Config, lang: &str, refused: &[String]) -> Option<Node> {
    if refused.is_empty() {
        return None;
    }
    let notice = super::wording::gpc_notice(config.texts(lang), refused);
    Some(el("p", &[("class", "cb-gpc"), (contract::GPC_ATTR, "")], vec![text(&notice)]))
}

/// The select of the configured languages, each named in its own language; `None` with one
/// language.
pub fn language_switcher(config: &Config, lang: &str, label: &str, id: &str) -> Option<Node> {
    if config.languages.len() < 2 {
        return None;
    }
    let options = config
        .languages
        .iter()
        .map(|l| {
            let mut attrs = vec![("lang", l.as_str()), ("value", l.as_str())];
            if l == lang {
                attrs.push(("selected", "selected"));
            }
            el("option", &attrs, vec![text(i18n::native_name(l))])
        })
        .collect();
    Some(el(
        "div",
        &[("class", "cb-language")],
        vec![
            el("label", &[("for", id), ("class", "cb-sr-only")], vec![text(label)]),
            el("select", &[("id", id), (LANGUAGE_ATTR, ""), ("class", "cb-select")], options),
        ],
    ))
}

/// The first layer inside the UI's root, as the Yew app wraps it: the banner and the polite live
/// region that announces a saved choice.
pub fn app(lang: &str, config: &Config, banner: Node) -> Node {
    let mut attrs = vec![("lang", lang), ("dir", super::i18n::direction(lang)), ("class", "cb-app")];
    if let Some(theme) = config.theme.attr() {
        attrs.push(("data-theme", theme));
    }
    if let Some(layout) = config.layout.attr() {
        attrs.push(("data-layout", layout));
    }
    if let Some(position) = config.position {
        attrs.push(("data-position", position));
    }
    el(
        "div",
        &attrs,
        vec![
            banner,
            el(
                "div",
                &[("role", "status"), ("aria-live", "polite"), (contract::STATUS_ATTR, ""), ("class", "cb-sr-only")],
                vec![],
            ),
        ],
    )
}

/// The words every placeholder shares, in `lang`.
pub fn placeholder_texts(config: &Config, lang: &str) -> PlaceholderTexts {
    let texts = config.texts(lang);
    PlaceholderTexts {
        lang: String::from(lang),
        dir: String::from(i18n::direction(lang)),
        theme: String::from(config.theme.attr().unwrap_or_default()),
        sentence: texts.placeholder_text.clone(),
        accept: texts.placeholder_accept.clone(),
        load_once: texts.placeholder_load_once.clone(),
        policy: texts.placeholder_policy.clone(),
    }
}

/// What a placeholder says of `gate` (a category id, or `category:service`) in `lang`; `None`
/// for an entry this page's config lacks.
pub fn placeholder_entry(config: &Config, gate: &str, lang: &str) -> Option<Entry> {
    let (category, service) = super::policy::entry_parts(gate);
    let category = config.category(category)?;
    let service = match service {
        Some(id) => Some(category.services.iter().find(|s| s.id == id)?),
        None => None,
    };
    let localized = |m| String::from(config.in_lang(m, lang));
    let (label, purpose) = match service {
        Some(s) => (localized(&s.label), localized(&s.description)),
        None => (localized(&category.label), localized(&category.description)),
    };
    Some(Entry {
        gate: String::from(gate),
        label,
        purpose,
        provider: service.and_then(|s| s.provider.clone()).unwrap_or_default(),
        policy: service.map(|s| localized(&s.privacy_policy)).unwrap_or_default(),
    })
}

/// Every entry content can wait for on this page: each optional category and its services.
pub fn placeholder_entries(config: &Config, lang: &str) -> Vec<Entry> {
    let mut entries = Vec::new();
    for c in config.categories.iter().filter(|c| !c.required) {
        entries.extend(placeholder_entry(config, &c.id, lang));
        for s in &c.services {
            entries.extend(placeholder_entry(config, &super::policy::service_entry(&c.id, &s.id), lang));
        }
    }
    entries
}

/// The placeholder of blocked content ([`super::surfaces::placeholder`]) from the config;
/// `None` for an entry this page's config lacks.
pub fn placeholder(config: &Config, input: &PlaceholderInput<'_>) -> Option<Node> {
    let entry = placeholder_entry(config, input.gate, input.lang)?;
    Some(super::surfaces::placeholder(&placeholder_texts(config, input.lang), &entry, input))
}

/// The table of the cookies declared under `id` (a category id, or `category:service`), named
/// `label`: name, provider (first or third party), lifetime in words, purpose. Each cell names
/// its column (`data-label`): on a narrow screen the rows become cards of "label value" lines
/// (the stylesheet shows the label). The explicit roles keep the table a table for assistive
/// technology once its CSS display is no longer one. Where it does not fit it scrolls sideways
/// inside its wrapper, which takes focus so that keyboard users can scroll it, and is a group
/// named like the table, so that what gets focus is announced.
pub fn cookie_table(id: &str, label: &str, cookies: &[DeclaredCookie], texts: &Texts, lang: &str) -> Node {
    let cell = |column: &str, children: Vec<Node>| el("td", &[("role", "cell"), ("data-label", column)], children);
    let rows = cookies
        .iter()
        .map(|c| {
            let party = match c.party {
                Party::First => &texts.first_party,
                Party::Third => &texts.third_party,
            };
            let party = super::cat(&[" (", party, ")"]);
            el(
                "tr",
                &[("role", "row")],
                vec![
                    cell(&texts.cookie_name, vec![el("code", &[], vec![text(&c.name)])]),
                    cell(
                        &texts.cookie_provider,
                        vec![el(
                            "span",
                            &[],
                            vec![text(&c.provider), el("span", &[("class", "cb-party")], vec![Node::Text(party)])],
                        )],
                    ),
                    cell(
                        &texts.cookie_lifetime,
                        vec![Node::Text(super::wording::format_lifetime(texts, lang, &c.lifetime))],
                    ),
                    cell(
                        &texts.cookie_purpose,
                        vec![text(c.purpose.get(lang).map(String::as_str).unwrap_or_default())],
                    ),
                ],
            )
        })
        .collect();
    let head = [&texts.cookie_name, &texts.cookie_provider, &texts.cookie_lifetime, &texts.cookie_purpose]
        .iter()
        .map(|h| el("th", &[("role", "columnheader"), ("scope", "col")], vec![text(h)]))
        .collect();
    el(
        "div",
        &[("class", "cb-table-wrap"), ("tabindex", "0"), ("role", "group"), ("aria-label", label)],
        vec![el(
            "table",
            &[("role", "table"), ("class", "cb-table"), (contract::COOKIES_ATTR, id)],
            vec![
                el("caption", &[("class", "cb-sr-only")], vec![text(label)]),
                el("thead", &[("role", "rowgroup")], vec![el("tr", &[("role", "row")], head)]),
                el("tbody", &[("role", "rowgroup")], rows),
            ],
        )],
    )
}

/// Every category of an area that declares cookies, with its description and cookie table, and
/// each service's cookies under the service's name, provider and purpose: what a cookie policy
/// page shows (`<div data-consent-cookie-table="business">`). The privacy centre's tables are
/// the same [`cookie_table`]s: the policy and the centre can never disagree.
pub fn area_tables(categories: &[Category], lang: &str, texts: &Texts) -> Node {
    let get = |m: &super::config::Localized| String::from(m.get(lang).map(String::as_str).unwrap_or_default());
    let has_cookies = |c: &&Category| !c.cookies.is_empty() || c.services.iter().any(|s| !s.cookies.is_empty());
    let sections = categories
        .iter()
        .filter(has_cookies)
        .map(|c| {
            let label = get(&c.label);
            let mut children = vec![
                el("h3", &[], vec![Node::Text(label.clone())]),
                el("p", &[], vec![Node::Text(get(&c.description))]),
            ];
            if !c.cookies.is_empty() {
                children.push(cookie_table(&c.id, &label, &c.cookies, texts, lang));
            }
            for s in c.services.iter().filter(|s| !s.cookies.is_empty()) {
                let name = get(&s.label);
                let heading = match &s.provider {
                    Some(p) if *p != name => super::cat(&[&name, " (", p, ")"]),
                    _ => name.clone(),
                };
                let id = super::policy::service_entry(&c.id, &s.id);
                children.push(el(
                    "div",
                    &[("class", "cb-policy-service")],
                    vec![
                        el("h4", &[], vec![Node::Text(heading)]),
                        el("p", &[], vec![Node::Text(get(&s.description))]),
                        cookie_table(&id, &name, &s.cookies, texts, lang),
                    ],
                ));
            }
            el("section", &[("class", "cb-policy-category")], children)
        })
        .collect();
    el(
        "div",
        &[("class", "cb-policy"), ("data-nosnippet", ""), ("lang", lang), ("dir", i18n::direction(lang))],
        sections,
    )
}
