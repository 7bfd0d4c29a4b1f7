//! The first layer's markup as plain data: the banner (or inform notice) that a first visit
//! shows, built once here and rendered by both modules. The first-visit module hands it to the
//! loader as JSON, which builds the elements with `createElement` and `setAttribute` (never
//! `innerHTML`); the Yew UI turns the same tree into virtual DOM. Text stays text either way.

use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

use super::config::{Config, Mode};
use super::contract::{self, BANNER_ATTR, LANGUAGE_ATTR, MODE_ATTR};
use super::contract::{
    ACTION_ACCEPT_ALL, ACTION_ACKNOWLEDGE, ACTION_ATTR, ACTION_CUSTOMISE, ACTION_PARTNERS, ACTION_REJECT_ALL,
};
use super::i18n;
use super::wording::Description;

/// One node of markup.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Node {
    /// An element: its tag, attributes in order and children.
    Element(Element),
    /// A text node.
    Text(String),
}

/// An element of [`Node`]: attribute names are fixed by this module, values may come from the
/// config (they are set as attribute values, never parsed as markup).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Element {
    /// Tag name, lowercase.
    pub tag: &'static str,
    /// Attributes, in order.
    pub attrs: Vec<(&'static str, String)>,
    /// Children, in order.
    pub children: Vec<Node>,
}

fn el(tag: &'static str, attrs: &[(&'static str, &str)], children: Vec<Node>) -> Node {
    Node::Element(Element { tag, attrs: attrs.iter().map(|(k, v)| (*k, String::from(*v))).collect(), children })
}

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

/// Writes `node` as compact JSON for the loader: an element is `["tag", {attrs}, children…]`,
/// a text node a string.
pub fn to_json(node: &Node, out: &mut String) {
    match node {
        Node::Text(s) => super::json_string(out, s),
        Node::Element(e) => {
            out.push_str("[\"");
            out.push_str(e.tag);
            out.push_str("\",{");
            for (i, (k, v)) in e.attrs.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                super::json_string(out, k);
                out.push(':');
                super::json_string(out, v);
            }
            out.push('}');
            for child in &e.children {
                out.push(',');
                to_json(child, out);
            }
            out.push(']');
        }
    }
}
