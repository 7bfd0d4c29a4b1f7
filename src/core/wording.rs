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

use super::config::{Category, Config, Lifetime, Unit};
use super::i18n::{plural_form, purpose_word, Texts, PURPOSES};
use super::{find, join_all, replace};

/// How the banner's description names an optional category's purpose in `lang` (whose texts
/// are `texts`): its `bannerPurpose`, else the built-in phrase for the ids `analytics` and
/// `marketing` ("analytical cookies to improve it"), else its label.
pub fn banner_purpose<'a>(category: &'a Category, lang: &str, texts: &'a Texts) -> &'a str {
    if let Some(phrase) = category.banner_purpose.get(lang) {
        return phrase;
    }
    let builtin = match category.id.as_str() {
        "analytics" => purpose_word(texts, 0),
        "marketing" => purpose_word(texts, 1),
        _ => None,
    };
    builtin.or(category.label.get(lang).map(String::as_str)).unwrap_or_default()
}

/// What the banner says in `lang` on a page of `config` (narrowed to the page's area): the
/// `description` text with [`PURPOSES`] replaced by the purposes of the optional categories, in
/// order, listed as the language lists them ("A", "A and B", "A, B and C"). The built-in texts
/// hold the placeholder; a config's own description without it is shown as written. With no
/// optional category, what the page does is what the inform notice says: `informDescription`.
pub fn banner_description(config: &Config, lang: &str) -> String {
    let texts = config.texts(lang);
    if find(&texts.description, PURPOSES).is_none() {
        return texts.description.clone();
    }
    let lang = if config.texts.contains_key(lang) { lang } else { config.default_language.as_str() };
    let optional = || config.categories.iter().filter(|c| !c.required);
    let count = optional().count();
    if count == 0 {
        return texts.inform_description.clone();
    }
    let mut list = String::new();
    let mut before = "";
    for (i, category) in optional().enumerate() {
        if i + 1 == count && i > 0 {
            let which = if find(before, ",").is_some() { 3 } else { 2 };
            // Validation keeps the placeholder to the built-in languages; a comma is the fallback.
            list.push_str(purpose_word(texts, which).unwrap_or(", "));
        } else if i > 0 {
            list.push_str(", ");
        }
        before = banner_purpose(category, lang, texts);
        list.push_str(before);
    }
    replace(&texts.description, PURPOSES, &list)
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
            let mut duration = super::decimal(*amount as usize);
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
    let values = [("{content}", content), ("{provider}", provider), ("{category}", label), ("{purpose}", purpose)];
    fill(&texts.placeholder_text, &values)
}

/// The label of a placeholder's button that accepts what it waits for: `placeholderAccept`
/// ("Always allow"; a site's own text may name the category or service as `{category}`).
pub fn placeholder_accept(texts: &Texts, label: &str) -> String {
    fill(&texts.placeholder_accept, &[("{category}", label)])
}

/// The link to a provider's privacy policy on its placeholders: `placeholderPolicy`.
pub fn placeholder_policy(texts: &Texts, provider: &str) -> String {
    fill(&texts.placeholder_policy, &[("{provider}", provider)])
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
