//! Placeholders and cookie tables without the Yew module: the page's own markup that the
//! consent manager fills in (a blocked iframe's or widget's placeholder, a cookie policy's
//! tables), rendered by whichever module serves the page view.
//!
//! - The first-visit module renders them from the config ([`super::first::surfaces`]) and
//!   answers a [`Kit`] beside them: what this module needs to render them again on the next page
//!   views, in the language shown, cached in the browser like the policy.
//! - The returning-visitor runtime, which has no config model and no texts, renders them from
//!   the kit ([`serve`]): placeholders through the same [`placeholder`] markup, tables as the
//!   first-visit module rendered them. A kit of another config text or another language is not
//!   used: the first-visit module serves that page view and answers a new one.
//!
//! Page code then builds the markup (`createElement`, never `innerHTML`) and wires its buttons to
//! the module's own plan ("Always allow", a contextual choice) or to the tags ("Load once").

use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

use super::contract::{self, ACCEPT_ATTR, LOAD_ONCE_ATTR, PLACEHOLDER_ATTR};
use super::markup::{el, fill, to_json, Node};
use super::policy::{escape, from_base36, split_on, split_once_on, text_hash, to_base36, unescape};
use super::{cat, cookie, json_string};

/// What a placeholder stands for, as the page's element says it.
pub struct PlaceholderInput<'a> {
    /// The language shown.
    pub lang: &'a str,
    /// What the content waits for: a category id, or `category:service`.
    pub gate: &'a str,
    /// What the content is, as its element's `title` names it ("YouTube video player").
    pub title: Option<&'a str>,
    /// Who provides it, as its element names it (`data-consent-provider`).
    pub provider: Option<&'a str>,
    /// The host name of its source, which names the provider when neither the element nor the
    /// service does.
    pub host: Option<&'a str>,
    /// An id unique on the page, for the text that the buttons are described by.
    pub id: &'a str,
}

/// The words every placeholder of a page view shares, in the language shown.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PlaceholderTexts {
    /// The language shown, and its direction (`ltr`, `rtl`).
    pub lang: String,
    /// `ltr` or `rtl`.
    pub dir: String,
    /// The config's `data-theme` value, empty for `auto`.
    pub theme: String,
    /// `placeholderText`, with `{content}`, `{provider}`, `{category}` and `{purpose}`.
    pub sentence: String,
    /// `placeholderAccept`, with `{category}`.
    pub accept: String,
    /// `placeholderLoadOnce`.
    pub load_once: String,
    /// `placeholderPolicy`, with `{provider}`.
    pub policy: String,
}

/// What a placeholder says of the entry it waits for (a category, or `category:service`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Entry {
    /// The entry.
    pub gate: String,
    /// The category's or service's label.
    pub label: String,
    /// Its description: what it is for.
    pub purpose: String,
    /// The service's provider (empty for a category, or a service that names none).
    pub provider: String,
    /// The link to the provider's privacy policy (empty without one).
    pub policy: String,
}

/// The placeholder of blocked content (an iframe, or a widget's container): one short sentence
/// that says what it is and who may set cookies once it loads, "Load once" (this page view) and
/// "Always allow" (accepts its entry), and the provider's privacy policy when the service names
/// one. Its size is the page's to set: page code gives it the iframe's, never wider than its
/// container.
pub fn placeholder(texts: &PlaceholderTexts, entry: &Entry, input: &PlaceholderInput<'_>) -> Node {
    let label = entry.label.as_str();
    let provider = input
        .provider
        .filter(|p| !p.trim_ascii().is_empty())
        .or(Some(entry.provider.as_str()).filter(|p| !p.is_empty()))
        .or(input.host.filter(|h| !h.is_empty()))
        .unwrap_or(label);
    let content = input.title.filter(|t| !t.trim_ascii().is_empty()).unwrap_or(label);
    let sentence = sentence(&texts.sentence, content, provider, label, &entry.purpose);
    let gate = entry.gate.as_str();
    let button = |attr: &'static str, label: String| {
        el(
            "button",
            &[("type", "button"), (attr, gate), ("class", "cb-placeholder-button"), ("aria-describedby", input.id)],
            vec![Node::Text(label)],
        )
    };
    let mut children = vec![
        el("p", &[("id", input.id), ("class", "cb-placeholder-text")], vec![Node::Text(sentence)]),
        el(
            "div",
            &[("class", "cb-placeholder-actions")],
            vec![button(LOAD_ONCE_ATTR, texts.load_once.clone()), button(ACCEPT_ATTR, accept(&texts.accept, label))],
        ),
    ];
    if !entry.policy.is_empty() {
        children.push(el(
            "a",
            &[
                ("href", &entry.policy),
                ("class", "cb-placeholder-link"),
                ("target", "_blank"),
                ("rel", "noopener noreferrer"),
            ],
            vec![Node::Text(policy(&texts.policy, provider))],
        ));
    }
    let mut attrs = vec![
        ("class", "cb-placeholder"),
        (PLACEHOLDER_ATTR, gate),
        ("lang", texts.lang.as_str()),
        ("dir", texts.dir.as_str()),
        ("data-nosnippet", ""),
    ];
    if !texts.theme.is_empty() {
        attrs.push(("data-theme", texts.theme.as_str()));
    }
    el("div", &attrs, children)
}

/// A placeholder's sentence: `placeholderText` filled in.
pub fn sentence(template: &str, content: &str, provider: &str, label: &str, purpose: &str) -> String {
    fill(template, &[("{content}", content), ("{provider}", provider), ("{category}", label), ("{purpose}", purpose)])
}

/// The label of the button that accepts what it waits for: `placeholderAccept` filled in.
pub fn accept(template: &str, label: &str) -> String {
    fill(template, &[("{category}", label)])
}

/// The link to a provider's privacy policy: `placeholderPolicy` filled in.
pub fn policy(template: &str, provider: &str) -> String {
    fill(template, &[("{provider}", provider)])
}

/// A placeholder the page asks for, as page code reads its element: the input of both modules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Target<'a> {
    /// What it waits for.
    pub gate: &'a str,
    /// True for a widget's container (a site's element that names its entry), false for an
    /// iframe: an entry the config lacks is worth a warning only for the first.
    pub container: bool,
    /// The element's `title`.
    pub title: Option<&'a str>,
    /// The element's `data-consent-provider`.
    pub provider: Option<&'a str>,
    /// The host name of its `data-src`.
    pub host: Option<&'a str>,
    /// The id its text gets.
    pub id: &'a str,
}

/// The targets as page code passes them: one per record (U+001E between them), its fields
/// separated by U+001F: gate, `c` (container) or `i` (iframe), title, provider, host, id.
/// Empty fields are absent; a record of another shape is left out.
pub fn targets(text: &str) -> Vec<Target<'_>> {
    split_on(text, 0x1e)
        .filter_map(|record| {
            let fields: Vec<&str> = split_on(record, 0x1f).collect();
            let [gate, kind, title, provider, host, id] = fields.as_slice() else { return None };
            fn some(s: &str) -> Option<&str> {
                Some(s).filter(|s| !s.is_empty())
            }
            Some(Target {
                gate,
                container: *kind == "c",
                title: some(title),
                provider: some(provider),
                host: some(host),
                id,
            })
        })
        .collect()
}

/// What a kit holds to decide whether the page view shows the language it was made in: the
/// language cookie's value, `<html lang>` and the browser's languages, each as the page gives
/// them (`navigator` comma-separated). The same inputs always choose the same language.
pub fn signature(lang_cookie: Option<&str>, html_lang: &str, navigator: &str) -> String {
    let mut out = cat(&[lang_cookie.unwrap_or("\u{0}"), "\n", html_lang, "\n"]);
    for (i, l) in split_on(navigator, b',').filter(|l| !l.is_empty()).enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(l);
    }
    out
}

/// What the returning-visitor runtime needs to render a page's placeholders and cookie tables:
/// the placeholder words and entries in one language, and the tables rendered in it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Kit {
    /// [`text_hash`] of the config text it was made from.
    pub hash: u64,
    /// The name of the language cookie.
    pub lang_cookie: String,
    /// The [`signature`] of the page view it was made on.
    pub signature: String,
    /// The placeholder words.
    pub texts: PlaceholderTexts,
    /// Every entry of the area that content can wait for.
    pub entries: Vec<Entry>,
    /// Cookie tables as JSON markup ([`to_json`]), by the id the page names them with.
    pub tables: Vec<(String, String)>,
}

/// First line of the kit's text; another value reads as "no kit".
const FORMAT: &str = "k1";

impl Kit {
    /// The kit as text: one line per part, fields percent-escaped and separated by spaces; a
    /// table's markup last on its line as the JSON it is (JSON text holds no line break).
    pub fn encode(&self) -> String {
        let mut out = String::from(FORMAT);
        let line = |out: &mut String, tag: &str, fields: &[&str]| {
            out.push('\n');
            out.push_str(tag);
            for f in fields {
                out.push(' ');
                out.push_str(&escape(f));
            }
        };
        out.push('\n');
        out.push_str(&to_base36(self.hash));
        line(&mut out, "l", &[&self.lang_cookie, &self.signature]);
        let t = &self.texts;
        line(&mut out, "w", &[&t.lang, &t.dir, &t.theme, &t.sentence, &t.accept, &t.load_once, &t.policy]);
        for e in &self.entries {
            line(&mut out, "e", &[&e.gate, &e.label, &e.purpose, &e.provider, &e.policy]);
        }
        for (id, markup) in &self.tables {
            line(&mut out, "t", &[id]);
            out.push(' ');
            out.push_str(markup);
        }
        out
    }

    /// Reads a text written by [`Kit::encode`]; anything else is `None`.
    pub fn decode(text: &str) -> Option<Kit> {
        let mut lines = split_on(text, b'\n');
        if lines.next()? != FORMAT {
            return None;
        }
        let mut kit = Kit { hash: from_base36(lines.next()?)?, ..Kit::default() };
        let fields = |rest: &str| -> Option<Vec<String>> { split_on(rest, b' ').map(unescape).collect() };
        for line in lines {
            let (tag, rest) = split_once_on(line, b' ')?;
            match tag {
                "l" => {
                    let [cookie, signature] = <[String; 2]>::try_from(fields(rest)?).ok()?;
                    (kit.lang_cookie, kit.signature) = (cookie, signature);
                }
                "w" => {
                    let [lang, dir, theme, sentence, accept, load_once, policy] =
                        <[String; 7]>::try_from(fields(rest)?).ok()?;
                    kit.texts = PlaceholderTexts { lang, dir, theme, sentence, accept, load_once, policy };
                }
                "e" => {
                    let [gate, label, purpose, provider, policy] = <[String; 5]>::try_from(fields(rest)?).ok()?;
                    kit.entries.push(Entry { gate, label, purpose, provider, policy });
                }
                "t" => {
                    let (id, markup) = split_once_on(rest, b' ')?;
                    kit.tables.push((unescape(id)?, String::from(markup)));
                }
                _ => return None,
            }
        }
        Some(kit)
    }
}

/// The answer page code renders: `{"placeholders": [markup|null, …], "tables": [markup|null,
/// …]}` in the order asked, `null` where there is nothing to show. `log` adds
/// `"log": [[level, line]]` (the first-visit module's; the runtime has nothing to say).
pub fn answer(placeholders: &[Option<Node>], tables: &[Option<&str>], log: Option<&[(&str, String)]>) -> String {
    let mut out = String::from("{\"placeholders\":[");
    for (i, p) in placeholders.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        match p {
            Some(node) => to_json(node, &mut out),
            None => out.push_str("null"),
        }
    }
    out.push_str("],\"tables\":[");
    for (i, t) in tables.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(t.unwrap_or("null"));
    }
    out.push(']');
    if let Some(log) = log {
        out.push_str(",\"log\":[");
        for (i, (level, line)) in log.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push('[');
            json_string(&mut out, level);
            out.push(',');
            json_string(&mut out, line);
            out.push(']');
        }
        out.push(']');
    }
    out.push('}');
    out
}

/// The runtime's placeholders and tables, from the cached kit: `None` when the kit cannot serve
/// this page view (none, another config text, another language, or an entry or table it does
/// not hold), which hands it to the first-visit module.
pub fn serve(
    kit: &str,
    config_text: &str,
    cookies: &str,
    html_lang: &str,
    navigator: &str,
    targets_text: &str,
    tables: &str,
) -> Option<String> {
    let kit = Kit::decode(kit)?;
    let lang_cookie = cookie::values(cookies, &kit.lang_cookie).first().copied();
    if kit.hash != text_hash(config_text) || kit.signature != signature(lang_cookie, html_lang, navigator) {
        return None;
    }
    let mut placeholders = Vec::new();
    for t in targets(targets_text) {
        let entry = kit.entries.iter().find(|e| e.gate == t.gate)?;
        let input = PlaceholderInput {
            lang: &kit.texts.lang,
            gate: t.gate,
            title: t.title,
            provider: t.provider,
            host: t.host,
            id: t.id,
        };
        placeholders.push(Some(placeholder(&kit.texts, entry, &input)));
    }
    let mut rendered = Vec::new();
    for id in split_on(tables, b',').filter(|id| !id.is_empty()) {
        rendered.push(Some(kit.tables.iter().find(|(t, _)| t == id)?.1.as_str()));
    }
    Some(answer(&placeholders, &rendered, None))
}

/// The key under which the kit of a page's area is cached.
pub fn storage_key(area: Option<&str>) -> String {
    super::policy::area_key(contract::SURFACES_KEY, area)
}
