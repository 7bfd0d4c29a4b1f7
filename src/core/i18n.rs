//! Interface texts in English, Dutch, French and German, and the choice of language.

use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::config::{Category, Config, Lifetime, Unit};
use super::policy::{split_on, split_once_on};
use super::{find, replace};

macro_rules! texts {
    ($($field:ident = $key:literal),* $(,)?) => {
        /// Every text the banner and the privacy centre show, for one language.
        #[derive(Clone, Debug, Default, PartialEq, Eq)]
        pub struct Texts {
            $(#[doc = concat!("`", $key, "`")] pub $field: String,)*
        }

        /// The keys of [`Texts`] as written in a config's `texts.<lang>` object.
        pub const TEXT_KEYS: &[&str] = &[$($key),*];

        impl Texts {
            /// Every key without text.
            pub const EMPTY: Texts = Texts { $($field: String::new(),)* };

            /// Every text, in the order of [`TEXT_KEYS`].
            fn fields(&self) -> [&String; TEXT_KEYS.len()] {
                [$(&self.$field),*]
            }

            /// Every text, in the order of [`TEXT_KEYS`].
            fn fields_mut(&mut self) -> [&mut String; TEXT_KEYS.len()] {
                [$(&mut self.$field),*]
            }
        }
    };
}

texts! {
    banner_label = "bannerLabel",
    title = "title",
    description = "description",
    accept_all = "acceptAll",
    reject_all = "rejectAll",
    customise = "customise",
    save = "save",
    always_on = "alwaysOn",
    policy_link = "policyLink",
    inform_title = "informTitle",
    inform_description = "informDescription",
    acknowledge = "acknowledge",
    preferences_title = "preferencesTitle",
    preferences_description = "preferencesDescription",
    close = "close",
    language = "language",
    cookie_name = "cookieName",
    cookie_provider = "cookieProvider",
    cookie_lifetime = "cookieLifetime",
    cookie_purpose = "cookiePurpose",
    first_party = "firstParty",
    third_party = "thirdParty",
    session = "session",
    inactivity = "inactivity",
    seconds = "seconds",
    minutes = "minutes",
    hours = "hours",
    days = "days",
    weeks = "weeks",
    months = "months",
    years = "years",
    saved = "saved",
    cookies_count = "cookiesCount",
    your_choice = "yourChoice",
    no_choice = "noChoice",
    choice_details = "choiceDetails",
    consent_id = "consentId",
    history = "history",
    method_banner = "methodBanner",
    method_privacy_centre = "methodPrivacyCentre",
    method_api = "methodApi",
    nothing_optional = "nothingOptional",
    manage = "manage",
    gpc_notice = "gpcNotice",
    placeholder_text = "placeholderText",
    placeholder_accept = "placeholderAccept",
    method_contextual = "methodContextual",
    consent_record = "consentRecord",
}

impl Texts {
    /// Sets the text for a config key; unknown keys are ignored (validation reports them).
    pub fn set(&mut self, key: &str, value: &str) {
        if let Some(i) = TEXT_KEYS.iter().position(|k| *k == key) {
            if let Some(field) = self.fields_mut().into_iter().nth(i) {
                *field = value.to_string();
            }
        }
    }

    /// Every config key with its text, in declaration order.
    pub fn entries(&self) -> impl Iterator<Item = (&'static str, &str)> {
        TEXT_KEYS.iter().copied().zip(self.fields().map(String::as_str))
    }

    /// The keys that have no text (optional keys aside).
    pub fn missing(&self) -> Vec<&'static str> {
        self.entries()
            .filter(|(key, text)| text.trim().is_empty() && !OPTIONAL_KEYS.contains(key))
            .map(|(key, _)| key)
            .collect()
    }
}

/// Keys added after configs with languages of their own were written: such a language may leave
/// them out, and gets the English text in their place.
pub const OPTIONAL_KEYS: &[&str] = &["consentRecord"];

/// A language's built-in texts, written as `("key", "text")` rows in the order of
/// [`TEXT_KEYS`], then, after a `;`, its words for the banner's purposes in the order of
/// [`PURPOSE_KEYS`] (both checked when compiling), and kept as one string, each text ended by
/// [`END`]: a table of string pairs would weigh more in the wasm than the texts compress to.
macro_rules! rows {
    ($(($key:literal, $text:literal),)* ; $(($pkey:literal, $ptext:literal)),* $(,)?) => {{
        const _: () = assert!(
            rows_match(&[$($key),*], TEXT_KEYS, &[$($text),*])
                && rows_match(&[$($pkey),*], PURPOSE_KEYS, &[$($ptext),*]),
            "keys out of order, or a text holds END"
        );
        concat!($($text, "\u{1f}",)* $($ptext, "\u{1f}"),*)
    }};
}

/// Ends each text of a built-in language.
const END: u8 = 0x1f;

/// The words of a built-in language that the banner's description lists purposes with (see
/// [`banner_description`]), after its texts: the phrases for the category ids `analytics` and
/// `marketing`, the word between the last two purposes, and that word when the purpose before
/// it holds a comma (German closes the clause of "Analyse-Cookies, um die Website zu
/// verbessern" with a comma before "und").
const PURPOSE_KEYS: &[&str] = &["purposeAnalytics", "purposeMarketing", "purposesAnd", "purposesAndAfterComma"];

/// True when `keys` are `expected`, in order, and no text holds [`END`].
const fn rows_match(keys: &[&str], expected: &[&str], texts: &[&str]) -> bool {
    if keys.len() != expected.len() {
        return false;
    }
    let mut i = 0;
    while i < keys.len() {
        let (key, expected, text) = (keys[i].as_bytes(), expected[i].as_bytes(), texts[i].as_bytes());
        if key.len() != expected.len() {
            return false;
        }
        let mut j = 0;
        while j < key.len() {
            if key[j] != expected[j] {
                return false;
            }
            j += 1;
        }
        j = 0;
        while j < text.len() {
            if text[j] == END {
                return false;
            }
            j += 1;
        }
        i += 1;
    }
    true
}

fn make(rows: &str) -> Texts {
    let mut t = Texts::default();
    for (field, text) in t.fields_mut().into_iter().zip(split_on(rows, END)) {
        *field = text.into();
    }
    t
}

/// The built-in languages and their texts, English first.
const BUILTIN: [(&str, &str); 4] = [("en", EN), ("nl", NL), ("fr", FR), ("de", DE)];

/// The built-in texts of a language, if it is one of English, Dutch, French and German. Made
/// afresh on each call, not cached: the wasm modules' bump allocator reuses its whole heap for
/// each call into them, so nothing made on the heap may outlive one call.
pub fn builtin(lang: &str) -> Option<Texts> {
    builtin_rows(lang).map(make)
}

fn builtin_rows(lang: &str) -> Option<&'static str> {
    let primary = split_on(lang, b'-').next().unwrap_or(lang);
    BUILTIN.iter().find(|(l, _)| *l == primary).map(|(_, rows)| *rows)
}

/// True when a language has built-in texts (its primary subtag is `en`, `nl`, `fr` or `de`).
pub fn is_builtin(lang: &str) -> bool {
    builtin_rows(lang).is_some()
}

/// Where a `description` lists the purposes of the page's optional categories (see
/// [`banner_description`]).
pub const PURPOSES: &str = "{purposes}";

/// A built-in language's word for the banner's purposes: `which` indexes [`PURPOSE_KEYS`].
fn purpose_word(lang: &str, which: usize) -> Option<&'static str> {
    let mut rest = builtin_rows(lang)?;
    for _ in 0..TEXT_KEYS.len() + which {
        rest = split_once_on(rest, END)?.1;
    }
    split_once_on(rest, END).map(|(word, _)| word)
}

/// How the banner's description names an optional category's purpose in `lang`: its
/// `bannerPurpose`, else the built-in phrase for the ids `analytics` and `marketing` ("analytical
/// cookies to improve it"), else its label.
pub fn banner_purpose<'a>(category: &'a Category, lang: &str) -> &'a str {
    if let Some(phrase) = category.banner_purpose.get(lang) {
        return phrase;
    }
    let builtin = match category.id.as_str() {
        "analytics" => purpose_word(lang, 0),
        "marketing" => purpose_word(lang, 1),
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
            list.push_str(purpose_word(lang, which).unwrap_or(", "));
        } else if i > 0 {
            list.push_str(", ");
        }
        before = banner_purpose(category, lang);
        list.push_str(before);
    }
    replace(&texts.description, PURPOSES, &list)
}

/// Texts with every key empty, for a config that has none of the asked languages.
pub static EMPTY: Texts = Texts::EMPTY;

/// The name of a language in that language, for the language switcher.
pub fn native_name(lang: &str) -> &str {
    match lang {
        "en" => "English",
        "nl" => "Nederlands",
        "fr" => "Français",
        "de" => "Deutsch",
        "bg" => "Български",
        "cs" => "Čeština",
        "da" => "Dansk",
        "el" => "Ελληνικά",
        "es" => "Español",
        "et" => "Eesti",
        "fi" => "Suomi",
        "ga" => "Gaeilge",
        "hr" => "Hrvatski",
        "hu" => "Magyar",
        "it" => "Italiano",
        "lt" => "Lietuvių",
        "lv" => "Latviešu",
        "mt" => "Malti",
        "pl" => "Polski",
        "pt" => "Português",
        "ro" => "Română",
        "sk" => "Slovenčina",
        "sl" => "Slovenščina",
        "sv" => "Svenska",
        "ar" => "العربية",
        "he" => "עברית",
        other => other,
    }
}

/// Picks the language to show: the language cookie, else `<html lang>`, else the browser's
/// preferred languages, else the config's default. Matches exactly first, then on the
/// primary subtag (`nl-BE` → `nl`).
pub fn choose_language(
    configured: &[String],
    default: &str,
    cookie: Option<&str>,
    html_lang: Option<&str>,
    navigator: &[String],
) -> String {
    let find = |wanted: &str| -> Option<String> {
        let wanted = wanted.trim().to_ascii_lowercase();
        if wanted.is_empty() {
            return None;
        }
        configured.iter().find(|c| **c == wanted).cloned().or_else(|| {
            let primary = split_on(&wanted, b'-').next().unwrap_or(&wanted);
            configured.iter().find(|c| split_on(c, b'-').next() == Some(primary)).cloned()
        })
    };
    cookie
        .and_then(find)
        .or_else(|| html_lang.and_then(find))
        .or_else(|| navigator.iter().find_map(|l| find(l)))
        .unwrap_or_else(|| default.to_string())
}

/// `"rtl"` for a language written right to left (Arabic, Hebrew, Persian, Urdu…), else `"ltr"`:
/// the component's roots carry it as `dir`, so that a right-to-left banner mirrors even on a
/// left-to-right page, and the other way round.
pub fn direction(lang: &str) -> &'static str {
    match split_on(lang, b'-').next().unwrap_or(lang) {
        "ar" | "he" | "fa" | "ur" | "ps" | "yi" | "dv" | "ckb" | "sd" | "ug" => "rtl",
        _ => "ltr",
    }
}

/// A CLDR plural category (<https://cldr.unicode.org/index/cldr-spec/plural-rules>).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Plural {
    /// `zero`
    Zero,
    /// `one`
    One,
    /// `two`
    Two,
    /// `few`
    Few,
    /// `many`
    Many,
    /// `other`
    Other,
}

impl Plural {
    /// The category's CLDR keyword.
    pub fn keyword(self) -> &'static str {
        match self {
            Plural::Zero => "zero",
            Plural::One => "one",
            Plural::Two => "two",
            Plural::Few => "few",
            Plural::Many => "many",
            Plural::Other => "other",
        }
    }
}

/// The CLDR plural category of a whole number `n` in a language (its primary subtag), for the
/// 24 official EU languages; any other language follows English (`one` for 1, else `other`).
pub fn plural_category(lang: &str, n: u64) -> Plural {
    // European Portuguese counts 0 as plural, as Spanish does; Brazilian, as French.
    let lang = if lang.eq_ignore_ascii_case("pt-PT") { "es" } else { split_on(lang, b'-').next().unwrap_or(lang) };
    let (n10, n100) = (n % 10, n % 100);
    let teen = (11..=19).contains(&n100);
    match lang {
        // one: i = 0,1; many: a non-zero multiple of a million ("de millions").
        "fr" | "pt" => match n {
            0 | 1 => Plural::One,
            _ if n % 1_000_000 == 0 => Plural::Many,
            _ => Plural::Other,
        },
        "es" | "it" => match n {
            1 => Plural::One,
            _ if n != 0 && n % 1_000_000 == 0 => Plural::Many,
            _ => Plural::Other,
        },
        "cs" | "sk" => match n {
            1 => Plural::One,
            2..=4 => Plural::Few,
            _ => Plural::Other,
        },
        "pl" => match n {
            1 => Plural::One,
            _ if (2..=4).contains(&n10) && !(12..=14).contains(&n100) => Plural::Few,
            _ => Plural::Many,
        },
        "hr" => match n {
            _ if n10 == 1 && n100 != 11 => Plural::One,
            _ if (2..=4).contains(&n10) && !(12..=14).contains(&n100) => Plural::Few,
            _ => Plural::Other,
        },
        "sl" => match n100 {
            1 => Plural::One,
            2 => Plural::Two,
            3 | 4 => Plural::Few,
            _ => Plural::Other,
        },
        "lt" => match n10 {
            _ if teen => Plural::Other,
            1 => Plural::One,
            2..=9 => Plural::Few,
            _ => Plural::Other,
        },
        "lv" => match n10 {
            _ if n10 == 0 || teen => Plural::Zero,
            1 => Plural::One,
            _ => Plural::Other,
        },
        "ro" => match n {
            1 => Plural::One,
            _ if n == 0 || (1..=19).contains(&n100) => Plural::Few,
            _ => Plural::Other,
        },
        "ar" => match n100 {
            _ if n == 0 => Plural::Zero,
            _ if n == 1 => Plural::One,
            _ if n == 2 => Plural::Two,
            3..=10 => Plural::Few,
            11..=99 => Plural::Many,
            _ => Plural::Other,
        },
        "ga" => match n {
            1 => Plural::One,
            2 => Plural::Two,
            3..=6 => Plural::Few,
            7..=10 => Plural::Many,
            _ => Plural::Other,
        },
        "mt" => match n {
            1 => Plural::One,
            2 => Plural::Two,
            _ if n == 0 || (3..=10).contains(&n100) => Plural::Few,
            _ if teen => Plural::Many,
            _ => Plural::Other,
        },
        // bg, da, de, el, en, et, fi, hu, nl, sv and the rest.
        _ => {
            if n == 1 {
                Plural::One
            } else {
                Plural::Other
            }
        }
    }
}

/// The form of a unit for `n`: `forms` is either `"singular|plural"` (the singular for CLDR's
/// `one`, the plural for every other category: what two-form languages need, and what configs
/// written before plural categories say) or forms keyed by CLDR category,
/// `"one:minuta|few:minuty|many:minut|other:minuty"`, where a category without a form takes
/// `other`'s.
pub fn plural_form<'a>(forms: &'a str, lang: &str, n: u64) -> &'a str {
    let category = plural_category(lang, n);
    if keyed_forms(forms) {
        let mut other = forms;
        for part in split_on(forms, b'|') {
            if let Some((key, form)) = split_once_on(part, b':') {
                if key == category.keyword() {
                    return form;
                }
                if key == "other" {
                    other = form;
                }
            }
        }
        return other;
    }
    let mut parts = split_on(forms, b'|');
    let one = parts.next().unwrap_or(forms);
    let rest = parts.next().unwrap_or(one);
    if category == Plural::One {
        one
    } else {
        rest
    }
}

/// True when `forms` are keyed by plural category (`"one:…|other:…"`).
pub fn keyed_forms(forms: &str) -> bool {
    split_once_on(forms, b':').is_some_and(|(key, _)| plural_bit(key) != 0)
}

/// A bit per CLDR keyword (0 for anything else): cheap to check in the small wasm modules,
/// which validate configs too.
fn plural_bit(key: &str) -> u8 {
    match key {
        "zero" => 1,
        "one" => 2,
        "two" => 4,
        "few" => 8,
        "many" => 16,
        "other" => 32,
        _ => 0,
    }
}

/// What is wrong with a unit's forms, if anything: keyed forms need an `other` form, known
/// categories only, each once.
pub fn plural_forms_problem(forms: &str) -> Option<&'static str> {
    if !keyed_forms(forms) {
        return None;
    }
    let mut seen = 0u8;
    for part in split_on(forms, b'|') {
        let Some((key, form)) = split_once_on(part, b':') else {
            return Some("every form needs its plural category, such as \"few:minuty\"");
        };
        let bit = plural_bit(key);
        if bit == 0 {
            return Some("plural categories are zero, one, two, few, many and other");
        }
        if seen & bit != 0 {
            return Some("a plural category is given twice");
        }
        if form.trim().is_empty() {
            return Some("a plural form is empty");
        }
        seen |= bit;
    }
    if seen & 32 == 0 {
        return Some("keyed plural forms need an \"other\" form");
    }
    None
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
                super::replace(&texts.inactivity, "{duration}", &duration)
            } else {
                duration
            }
        }
    }
}

const EN: &str = rows![
    ("bannerLabel", "Cookie consent"),
    ("title", "We value your privacy"),
    ("description", "We use essential cookies to make this site work. With your consent we would also use {purposes}. You can accept or refuse them, choose per category, and change your mind at any time."),
    ("acceptAll", "Accept all"),
    ("rejectAll", "Reject all"),
    ("customise", "Customise"),
    ("save", "Save choices"),
    ("alwaysOn", "Always on"),
    ("policyLink", "Cookie policy"),
    ("informTitle", "Cookies on this site"),
    ("informDescription", "This part of the site uses only essential cookies, which it needs to work. They do not require your consent."),
    ("acknowledge", "OK"),
    ("preferencesTitle", "Privacy preferences"),
    ("preferencesDescription", "Choose which cookies we may use. Essential cookies are always on because the site cannot work without them."),
    ("close", "Close"),
    ("language", "Language"),
    ("cookieName", "Name"),
    ("cookieProvider", "Provider"),
    ("cookieLifetime", "Lifetime"),
    ("cookiePurpose", "Purpose"),
    ("firstParty", "first party"),
    ("thirdParty", "third party"),
    ("session", "Session"),
    ("inactivity", "{duration} of inactivity"),
    ("seconds", "second|seconds"),
    ("minutes", "minute|minutes"),
    ("hours", "hour|hours"),
    ("days", "day|days"),
    ("weeks", "week|weeks"),
    ("months", "month|months"),
    ("years", "year|years"),
    ("saved", "Your choices have been saved."),
    ("cookiesCount", "Cookies ({count})"),
    ("yourChoice", "Your current choice"),
    ("noChoice", "You have not made a choice yet: only essential cookies are used."),
    ("choiceDetails", "Given on {time} for banner version {version}."),
    ("consentId", "Consent id"),
    ("history", "History of your choices"),
    ("methodBanner", "banner"),
    ("methodPrivacyCentre", "privacy centre"),
    ("methodApi", "site script"),
    ("nothingOptional", "essential only"),
    ("manage", "Manage privacy preferences"),
    ("gpcNotice", "Your browser asks sites not to sell or share your data (Global Privacy Control), so {categories} start refused. You can still choose otherwise."),
    ("placeholderText", "This content from {provider} is blocked because it uses {category}: {purpose}"),
    ("placeholderAccept", "Accept {category} and show it"),
    ("methodContextual", "blocked-content button"),
    ("consentRecord", "The record of your consent"),
    // How the banner's description lists the purposes (see `PURPOSE_KEYS`).
    ;
    ("purposeAnalytics", "analytical cookies to improve it"),
    ("purposeMarketing", "marketing cookies to measure our campaigns"),
    ("purposesAnd", " and "),
    ("purposesAndAfterComma", " and "),
];

const NL: &str = rows![
    ("bannerLabel", "Toestemming voor cookies"),
    ("title", "Wij respecteren uw privacy"),
    ("description", "We gebruiken essentiële cookies om deze site te laten werken. Met uw toestemming gebruiken we ook {purposes}. U kunt ze aanvaarden of weigeren, per categorie kiezen en uw keuze op elk moment wijzigen."),
    ("acceptAll", "Alles aanvaarden"),
    ("rejectAll", "Alles weigeren"),
    ("customise", "Aanpassen"),
    ("save", "Keuzes opslaan"),
    ("alwaysOn", "Altijd aan"),
    ("policyLink", "Cookiebeleid"),
    ("informTitle", "Cookies op deze site"),
    ("informDescription", "Dit deel van de site gebruikt alleen essentiële cookies, die nodig zijn om het te laten werken. Daarvoor is uw toestemming niet vereist."),
    ("acknowledge", "OK"),
    ("preferencesTitle", "Privacyvoorkeuren"),
    ("preferencesDescription", "Kies welke cookies we mogen gebruiken. Essentiële cookies staan altijd aan omdat de site niet zonder kan."),
    ("close", "Sluiten"),
    ("language", "Taal"),
    ("cookieName", "Naam"),
    ("cookieProvider", "Aanbieder"),
    ("cookieLifetime", "Bewaartermijn"),
    ("cookiePurpose", "Doel"),
    ("firstParty", "eigen cookie"),
    ("thirdParty", "derde partij"),
    ("session", "Sessie"),
    ("inactivity", "{duration} inactiviteit"),
    ("seconds", "seconde|seconden"),
    ("minutes", "minuut|minuten"),
    ("hours", "uur|uur"),
    ("days", "dag|dagen"),
    ("weeks", "week|weken"),
    ("months", "maand|maanden"),
    ("years", "jaar|jaar"),
    ("saved", "Uw keuzes zijn opgeslagen."),
    ("cookiesCount", "Cookies ({count})"),
    ("yourChoice", "Uw huidige keuze"),
    ("noChoice", "U hebt nog geen keuze gemaakt: alleen essentiële cookies worden gebruikt."),
    ("choiceDetails", "Gegeven op {time} voor bannerversie {version}."),
    ("consentId", "Toestemmings-id"),
    ("history", "Geschiedenis van uw keuzes"),
    ("methodBanner", "banner"),
    ("methodPrivacyCentre", "privacycentrum"),
    ("methodApi", "script van de site"),
    ("nothingOptional", "alleen essentiële"),
    ("manage", "Privacyvoorkeuren beheren"),
    ("gpcNotice", "Uw browser vraagt sites om uw gegevens niet te verkopen of te delen (Global Privacy Control), daarom zijn {categories} vooraf geweigerd. U kunt nog altijd anders kiezen."),
    ("placeholderText", "Deze inhoud van {provider} is geblokkeerd omdat ze {category} gebruikt: {purpose}"),
    ("placeholderAccept", "{category} aanvaarden en tonen"),
    ("methodContextual", "knop bij geblokkeerde inhoud"),
    ("consentRecord", "Het bewijs van uw toestemming"),
    // How the banner's description lists the purposes (see `PURPOSE_KEYS`).
    ;
    ("purposeAnalytics", "analytische cookies om de site te verbeteren"),
    ("purposeMarketing", "marketingcookies om onze campagnes te meten"),
    ("purposesAnd", " en "),
    ("purposesAndAfterComma", " en "),
];

const FR: &str = rows![
    ("bannerLabel", "Consentement aux cookies"),
    ("title", "Nous respectons votre vie privée"),
    ("description", "Nous utilisons des cookies essentiels au fonctionnement de ce site. Avec votre consentement, nous utiliserions aussi {purposes}. Vous pouvez les accepter ou les refuser, choisir par catégorie et changer d'avis à tout moment."),
    ("acceptAll", "Tout accepter"),
    ("rejectAll", "Tout refuser"),
    ("customise", "Personnaliser"),
    ("save", "Enregistrer mes choix"),
    ("alwaysOn", "Toujours actifs"),
    ("policyLink", "Politique en matière de cookies"),
    ("informTitle", "Cookies sur ce site"),
    ("informDescription", "Cette partie du site n'utilise que des cookies essentiels, nécessaires à son fonctionnement. Ils ne requièrent pas votre consentement."),
    ("acknowledge", "OK"),
    ("preferencesTitle", "Préférences de confidentialité"),
    ("preferencesDescription", "Choisissez les cookies que nous pouvons utiliser. Les cookies essentiels sont toujours actifs car le site ne peut pas fonctionner sans eux."),
    ("close", "Fermer"),
    ("language", "Langue"),
    ("cookieName", "Nom"),
    ("cookieProvider", "Fournisseur"),
    ("cookieLifetime", "Durée de conservation"),
    ("cookiePurpose", "Finalité"),
    ("firstParty", "propre"),
    ("thirdParty", "tiers"),
    ("session", "Session"),
    ("inactivity", "{duration} d'inactivité"),
    ("seconds", "seconde|secondes"),
    ("minutes", "minute|minutes"),
    ("hours", "heure|heures"),
    ("days", "jour|jours"),
    ("weeks", "semaine|semaines"),
    ("months", "mois|mois"),
    ("years", "an|ans"),
    ("saved", "Vos choix ont été enregistrés."),
    ("cookiesCount", "Cookies ({count})"),
    ("yourChoice", "Votre choix actuel"),
    ("noChoice", "Vous n'avez pas encore fait de choix : seuls les cookies essentiels sont utilisés."),
    ("choiceDetails", "Donné le {time} pour la version {version} du bandeau."),
    ("consentId", "Identifiant du consentement"),
    ("history", "Historique de vos choix"),
    ("methodBanner", "bandeau"),
    ("methodPrivacyCentre", "centre de confidentialité"),
    ("methodApi", "script du site"),
    ("nothingOptional", "essentiels uniquement"),
    ("manage", "Gérer mes préférences de confidentialité"),
    ("gpcNotice", "Votre navigateur demande aux sites de ne pas vendre ni partager vos données (Global Privacy Control) : les {categories} sont donc refusés d'emblée. Vous pouvez toujours choisir autrement."),
    ("placeholderText", "Ce contenu de {provider} est bloqué car il utilise des {category} : {purpose}"),
    ("placeholderAccept", "Accepter les {category} et l'afficher"),
    ("methodContextual", "bouton du contenu bloqué"),
    ("consentRecord", "La preuve de votre consentement"),
    // How the banner's description lists the purposes (see `PURPOSE_KEYS`).
    ;
    ("purposeAnalytics", "des cookies analytiques pour l'améliorer"),
    ("purposeMarketing", "des cookies marketing pour mesurer nos campagnes"),
    ("purposesAnd", " et "),
    ("purposesAndAfterComma", " et "),
];

const DE: &str = rows![
    ("bannerLabel", "Cookie-Einwilligung"),
    ("title", "Ihre Privatsphäre ist uns wichtig"),
    ("description", "Wir verwenden notwendige Cookies, damit diese Website funktioniert. Mit Ihrer Einwilligung verwenden wir außerdem {purposes}. Sie können sie annehmen oder ablehnen, pro Kategorie wählen und Ihre Wahl jederzeit ändern."),
    ("acceptAll", "Alle akzeptieren"),
    ("rejectAll", "Alle ablehnen"),
    ("customise", "Anpassen"),
    ("save", "Auswahl speichern"),
    ("alwaysOn", "Immer aktiv"),
    ("policyLink", "Cookie-Richtlinie"),
    ("informTitle", "Cookies auf dieser Website"),
    ("informDescription", "Dieser Teil der Website verwendet nur notwendige Cookies, die für ihren Betrieb erforderlich sind. Dafür ist Ihre Einwilligung nicht nötig."),
    ("acknowledge", "OK"),
    ("preferencesTitle", "Datenschutzeinstellungen"),
    ("preferencesDescription", "Wählen Sie, welche Cookies wir verwenden dürfen. Notwendige Cookies sind immer aktiv, da die Website ohne sie nicht funktioniert."),
    ("close", "Schließen"),
    ("language", "Sprache"),
    ("cookieName", "Name"),
    ("cookieProvider", "Anbieter"),
    ("cookieLifetime", "Speicherdauer"),
    ("cookiePurpose", "Zweck"),
    ("firstParty", "eigenes Cookie"),
    ("thirdParty", "Drittanbieter"),
    ("session", "Sitzung"),
    ("inactivity", "{duration} Inaktivität"),
    ("seconds", "Sekunde|Sekunden"),
    ("minutes", "Minute|Minuten"),
    ("hours", "Stunde|Stunden"),
    ("days", "Tag|Tage"),
    ("weeks", "Woche|Wochen"),
    ("months", "Monat|Monate"),
    ("years", "Jahr|Jahre"),
    ("saved", "Ihre Auswahl wurde gespeichert."),
    ("cookiesCount", "Cookies ({count})"),
    ("yourChoice", "Ihre aktuelle Auswahl"),
    ("noChoice", "Sie haben noch keine Auswahl getroffen: Es werden nur notwendige Cookies verwendet."),
    ("choiceDetails", "Erteilt am {time} für Banner-Version {version}."),
    ("consentId", "Einwilligungs-ID"),
    ("history", "Verlauf Ihrer Auswahl"),
    ("methodBanner", "Banner"),
    ("methodPrivacyCentre", "Datenschutzzentrum"),
    ("methodApi", "Skript der Website"),
    ("nothingOptional", "nur notwendige"),
    ("manage", "Datenschutzeinstellungen verwalten"),
    ("gpcNotice", "Ihr Browser bittet Websites, Ihre Daten nicht zu verkaufen oder weiterzugeben (Global Privacy Control), daher sind {categories} von vornherein abgelehnt. Sie können trotzdem anders wählen."),
    ("placeholderText", "Dieser Inhalt von {provider} ist blockiert, weil er {category} verwendet: {purpose}"),
    ("placeholderAccept", "{category} akzeptieren und anzeigen"),
    ("methodContextual", "Schaltfläche bei blockiertem Inhalt"),
    ("consentRecord", "Der Nachweis Ihrer Einwilligung"),
    // How the banner's description lists the purposes (see `PURPOSE_KEYS`).
    ;
    ("purposeAnalytics", "Analyse-Cookies, um die Website zu verbessern"),
    ("purposeMarketing", "Marketing-Cookies, um unsere Kampagnen zu messen"),
    ("purposesAnd", " und "),
    ("purposesAndAfterComma", ", und "),
];
