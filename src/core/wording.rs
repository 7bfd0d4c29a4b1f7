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
    for category in categories {
        if category.required {
            providers(category, &mut own, &[]);
        }
    }
    for (i, category) in categories.iter().enumerate() {
        if !category.required && only.is_none_or(|o| o == i) {
            providers(category, &mut out, &own);
        }
    }
    out
}

/// Adds the providers of `category` to `list`, each once, but those of `own` (for a required
/// category, whose `own` is empty: only the providers of its first-party cookies).
fn providers<'a>(category: &'a Category, list: &mut Vec<&'a str>, own: &[&str]) {
    let mut add = |provider: &'a str, party: Party| {
        if (!category.required || party == Party::First)
            && !provider.trim().is_empty()
            && !list.contains(&provider)
            && !own.contains(&provider)
        {
            list.push(provider);
        }
    };
    for service in &category.services {
        if let Some(provider) = &service.provider {
            add(provider, Party::Third);
        }
        for cookie in &service.cookies {
            add(&cookie.provider, cookie.party);
        }
    }
    for cookie in &category.cookies {
        add(&cookie.provider, cookie.party);
    }
}

/// How many partners the first layer names: with more, it names one fewer and says how many
/// more there are ("and 3 more"), never "and 1 more".
pub const NAMED_PARTNERS: usize = 4;

/// What the banner says: its text, where in it (byte ranges) the sentence naming the partners
/// is, which the banner shows as a block of its own, and, when it does not name every partner,
/// the words for the rest ("3 more"), which the banner makes a button that opens the privacy
/// centre.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Description {
    /// The text.
    pub text: String,
    /// Where the sentence naming the partners is: an empty range without one.
    pub partners: (usize, usize),
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
    if find(description, PARTNERS).is_none() && find(description, PURPOSES).is_none() {
        return Description { text: description.clone(), ..Description::default() };
    }
    let lang = if config.texts.contains_key(lang) { lang } else { config.default_language.as_str() };
    let mut purposes = Vec::new();
    for category in &config.categories {
        if !category.required {
            purposes.push(banner_purpose(category, lang, texts));
        }
    }
    if purposes.is_empty() {
        return Description { text: texts.inform_description.clone(), ..Description::default() };
    }
    let purposes = list(texts, &purposes);
    let names = partners(&config.categories, None);
    let mut items = Vec::new();
    for name in &names {
        if items.len() + 1 == NAMED_PARTNERS && names.len() > NAMED_PARTNERS {
            items.push(replace(&texts.partners_more, "{count}", &decimal(names.len() - items.len())));
            break;
        }
        items.push(String::from(*name));
    }
    let named = list(texts, &items);
    let sentence = if names.is_empty() { String::new() } else { replace(&texts.partners, "{providers}", &named) };
    // Without partners, `{partners}` goes with the space before it.
    let description = if sentence.is_empty() { replace(description, " {partners}", "") } else { description.clone() };
    // In one pass: a purpose phrase or a provider that holds a placeholder is shown as written.
    let text = super::markup::fill(&description, &[(PURPOSES, &purposes), (PARTNERS, &sentence)]);
    // The words for the partners not named end the list: where the sentence shows it.
    // Where the sentence is, and the words for the partners not named, which end its list.
    let at = if sentence.is_empty() { None } else { find(&text, &sentence) };
    let Some(at) = at else { return Description { text, partners: (0, 0), more: None } };
    let end = at + find(&texts.partners, "{providers}").unwrap_or_default() + named.len();
    let more = (names.len() > NAMED_PARTNERS).then(|| (end - items.last().map_or(0, String::len), end));
    Description { text, partners: (at, at + sentence.len()), more }
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

/// What a blocked element's placeholder says: `placeholderText` naming what the content is
/// (`content`: its element's title, else `label`), who provides it, and, for a text of a site's
/// own, the label of the category or service it waits for and that one's purpose.
pub fn placeholder_text(texts: &Texts, content: &str, provider: &str, label: &str, purpose: &str) -> String {
    super::surfaces::sentence(&texts.placeholder_text, content, provider, label, purpose)
}

/// The label of a placeholder's button that accepts what it waits for: `placeholderAccept`
/// ("Always allow"; a site's own text may name the category or service as `{category}`).
pub fn placeholder_accept(texts: &Texts, label: &str) -> String {
    super::surfaces::accept(&texts.placeholder_accept, label)
}

/// The link to a provider's privacy policy on its placeholders: `placeholderPolicy`.
pub fn placeholder_policy(texts: &Texts, provider: &str) -> String {
    super::surfaces::policy(&texts.placeholder_policy, provider)
}
