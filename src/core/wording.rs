//! What the interface says, composed from a config and its texts: the banner's description
//! with the purposes of the page's area, the sentences that name a category, a service or a
//! provider (the Global Privacy Control notice, a blocked iframe's placeholder), and cookie
//! lifetimes in words. (`i18n` holds the texts and the language rules, and knows nothing of
//! configs.)
//!
//! A text that embeds a label reads correctly whatever the label is: a capitalised category
//! label ("Analytical cookies"), a bare service name ("YouTube"), a provider that starts with a
//! vowel ("AT Internet") or a list of labels. The built-in texts quote the label or put it after
//! a colon; `tests/snapshots/wording.txt` shows every language with exactly those inputs.

use alloc::string::String;
use alloc::vec::Vec;

use super::config::{Category, Config, Lifetime, Party, Unit};
use super::i18n::{plural_form, purpose_word, Texts, PARTNERS, PURPOSES};
use super::{decimal, find, join_all, replace};

/// How the banner's description names an optional category's purpose in `lang` (whose texts
/// are `texts`): its `bannerPurpose`, else the built-in phrase for the ids `analytics` and
/// `marketing` ("analytical cookies to improve it"), else the built-in phrase that quotes its
/// label (`purposeOther`: "the cookies of the category “Videos”"; the bare label in a language
/// of the config's own).
pub fn banner_purpose(category: &Category, lang: &str, texts: &Texts) -> String {
    if let Some(phrase) = category.banner_purpose.get(lang) {
        return phrase.clone();
    }
    let label = category.label.get(lang).map(String::as_str).unwrap_or_default();
    match (category.id.as_str(), purpose_word(texts, 4)) {
        ("analytics", _) => purpose_word(texts, 0).unwrap_or(label).into(),
        ("marketing", _) => purpose_word(texts, 1).unwrap_or(label).into(),
        (_, Some(other)) => replace(other, "{category}", label),
        _ => label.into(),
    }
}

/// The partners (third parties) an area's optional categories involve, each once, in the
/// config's order: the providers of their services and of their cookies, or of the category at
/// `only` alone. The site's own name is left out: the provider of a first-party cookie of one of
/// its required categories (the demo's "itsme").
pub fn partners(categories: &[Category], only: Option<usize>) -> Vec<&str> {
    // Loops, not iterator adapters: each adapter instance is code in the first-visit module.
    let (mut own, mut out) = (Vec::new(), Vec::new());
    for pass in [true, false] {
        for (i, category) in categories.iter().enumerate() {
            if category.required != pass || !(pass || only.is_none_or(|o| o == i)) {
                continue;
            }
            for service in &category.services {
                if let (Some(provider), false) = (&service.provider, pass) {
                    add(&mut own, &mut out, pass, provider, Party::Third);
                }
                for cookie in &service.cookies {
                    add(&mut own, &mut out, pass, &cookie.provider, cookie.party);
                }
            }
            for cookie in &category.cookies {
                add(&mut own, &mut out, pass, &cookie.provider, cookie.party);
            }
        }
    }
    out
}

/// Adds `provider` to the site's own names (`own`, its first-party cookies in a required
/// category) or to the partners (`out`), once, unless it is blank or one of the site's names.
fn add<'a>(own: &mut Vec<&'a str>, out: &mut Vec<&'a str>, required: bool, provider: &'a str, party: Party) {
    if provider.trim().is_empty() || own.contains(&provider) {
        return;
    }
    if !required && !out.contains(&provider) {
        out.push(provider);
    } else if required && party == Party::First {
        own.push(provider);
    }
}

/// How many partners the first layer names: with more, it names one fewer and says how many
/// more there are ("and 3 more"), never "and 1 more".
pub const NAMED_PARTNERS: usize = 4;

/// What the banner says: its text and, when it does not name every partner, where in the text
/// (a byte range) the words for the rest are ("3 more"), which the banner makes a button that
/// opens the privacy centre.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Description {
    /// The text.
    pub text: String,
    /// Where the words for the partners not named are, if any.
    pub more: Option<(usize, usize)>,
}

/// What the banner says in `lang` on a page of `config` (narrowed to the page's area): the
/// [`describe`] text.
pub fn banner_description(config: &Config, lang: &str) -> String {
    describe(config, lang).text
}

/// What the banner says in `lang` on a page of `config` (narrowed to the page's area): the
/// `description` text with [`PURPOSES`] replaced by the purposes of the optional categories, in
/// order, listed as the language lists them ("A", "A and B", "A, B and C"), and [`PARTNERS`] by
/// the `partners` sentence naming the [`partners`] (at most [`NAMED_PARTNERS`], then
/// `partnersMore`), or by nothing (with a space beside it) when there are none. The built-in
/// texts hold both placeholders; a config's own description without them is shown as written.
/// With no optional category, what the page does is what the inform notice says:
/// `informDescription`.
pub fn describe(config: &Config, lang: &str) -> Description {
    let texts = config.texts(lang);
    let description = &texts.description;
    let (at, has_purposes) = (find(description, PARTNERS), find(description, PURPOSES).is_some());
    if at.is_none() && !has_purposes {
        return Description { text: description.clone(), more: None };
    }
    let lang = if config.texts.contains_key(lang) { lang } else { config.default_language.as_str() };
    let mut purposes = Vec::new();
    for category in &config.categories {
        if !category.required {
            purposes.push(banner_purpose(category, lang, texts));
        }
    }
    if purposes.is_empty() {
        return Description { text: texts.inform_description.clone(), more: None };
    }
    let purposes = list(texts, &purposes);
    let Some(at) = at else {
        return Description { text: replace(description, PURPOSES, &purposes), more: None };
    };
    // The description around `{partners}`, and the sentence it stands for.
    let (mut before, mut after) =
        (description.get(..at).unwrap_or_default(), description.get(at + PARTNERS.len()..).unwrap_or_default());
    let names = partners(&config.categories, None);
    let mut sentence = String::new();
    let mut more = None;
    match find(&texts.partners, "{providers}") {
        Some(i) if !names.is_empty() => {
            let mut items = Vec::new();
            for name in &names {
                if items.len() + 1 == NAMED_PARTNERS && names.len() > NAMED_PARTNERS {
                    items.push(replace(&texts.partners_more, "{count}", &decimal(names.len() - items.len())));
                    break;
                }
                items.push(String::from(*name));
            }
            sentence.push_str(texts.partners.get(..i).unwrap_or_default());
            sentence.push_str(&list(texts, &items));
            if names.len() > NAMED_PARTNERS {
                more = Some((sentence.len() - items.last().map_or(0, String::len), sentence.len()));
            }
            sentence.push_str(texts.partners.get(i + "{providers}".len()..).unwrap_or_default());
        }
        // No partners: the placeholder goes, and a space beside it.
        _ if before.as_bytes().last() == Some(&b' ') => before = before.get(..before.len() - 1).unwrap_or_default(),
        _ if after.as_bytes().first() == Some(&b' ') => after = after.get(1..).unwrap_or_default(),
        _ => {}
    }
    let mut text = replace(before, PURPOSES, &purposes);
    let more = more.map(|(start, end)| (text.len() + start, text.len() + end));
    text.push_str(&sentence);
    text.push_str(&replace(after, PURPOSES, &purposes));
    Description { text, more }
}

/// `items` listed as the language lists them: "A", "A and B", "A, B and C" (`purposesAnd`, or
/// `purposesAndAfterComma` after an item that holds a comma; a comma in a language of the
/// config's own, which validation keeps from the placeholders).
fn list(texts: &Texts, items: &[String]) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 && i + 1 == items.len() {
            let before = items.get(i - 1).map_or("", String::as_str);
            let which = if find(before, ",").is_some() { 3 } else { 2 };
            out.push_str(purpose_word(texts, which).unwrap_or(", "));
        } else if i > 0 {
            out.push_str(", ");
        }
        out.push_str(item);
    }
    out
}

/// A declared lifetime in words: "6 months", "30 minutes of inactivity", "Session", the unit
/// in the plural form `lang` takes for the amount.
pub fn format_lifetime(texts: &Texts, lang: &str, lifetime: &Lifetime) -> String {
    match lifetime {
        Lifetime::Session => texts.session.clone(),
        Lifetime::For { amount, unit, idle } => {
            let forms = match unit {
                Unit::Seconds => &texts.seconds,
                Unit::Minutes => &texts.minutes,
                Unit::Hours => &texts.hours,
                Unit::Days => &texts.days,
                Unit::Weeks => &texts.weeks,
                Unit::Months => &texts.months,
                Unit::Years => &texts.years,
            };
            let mut duration = decimal(*amount as usize);
            duration.push(' ');
            duration.push_str(plural_form(forms, lang, u64::from(*amount)));
            if *idle {
                replace(&texts.inactivity, "{duration}", &duration)
            } else {
                duration
            }
        }
    }
}

/// Why some categories start refused when the browser sends Global Privacy Control:
/// `gpcNotice` with `{categories}` replaced by their labels (`refused`), comma-separated.
pub fn gpc_notice(texts: &Texts, refused: &[String]) -> String {
    replace(&texts.gpc_notice, "{categories}", &join_all(refused, ", "))
}

/// What a blocked iframe's placeholder says: `placeholderText` naming the content's provider,
/// the label of the category or service it waits for, and that one's purpose.
pub fn placeholder_text(texts: &Texts, provider: &str, label: &str, purpose: &str) -> String {
    fill(&texts.placeholder_text, &[("{provider}", provider), ("{category}", label), ("{purpose}", purpose)])
}

/// The label of a placeholder's button: `placeholderAccept` naming the category or service.
pub fn placeholder_accept(texts: &Texts, label: &str) -> String {
    fill(&texts.placeholder_accept, &[("{category}", label)])
}

/// `template` with each of its `{placeholders}` replaced by its value, in one pass: a value that
/// itself holds a placeholder (a provider named "{category}") is shown as written.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(i) = find(rest, "{") {
        out.push_str(rest.get(..i).unwrap_or_default());
        let tail = rest.get(i..).unwrap_or_default();
        match values.iter().find(|(key, _)| tail.as_bytes().starts_with(key.as_bytes())) {
            Some((key, value)) => {
                out.push_str(value);
                rest = tail.get(key.len()..).unwrap_or_default();
            }
            None => {
                out.push('{');
                rest = tail.get(1..).unwrap_or_default();
            }
        }
    }
    out.push_str(rest);
    out
}
