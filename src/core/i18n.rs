//! Interface texts (the config's, over the built-in ones of the 24 official EU languages), plural
//! forms, writing direction and the choice of language.

use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::find;
use super::policy::{split_on, split_once_on};

macro_rules! texts {
    ($($field:ident = $key:literal),* $(,)?) => {
        /// Every text the banner and the privacy centre show, for one language.
        #[derive(Clone, Debug, Default, PartialEq, Eq)]
        pub struct Texts {
            $(#[doc = concat!("`", $key, "`")] pub $field: String,)*
            /// A built-in language's words for listing the banner's purposes, in the order of
            /// [`PURPOSE_KEYS`]; empty for a language of the config's own.
            pub purpose_words: [String; PURPOSE_KEYS.len()],
            /// A bit per key of [`TEXT_KEYS`] given with [`Texts::set`] (the config's own texts,
            /// which the fingerprint of a consent covers one by one).
            own: u64,
        }

        /// The keys of [`Texts`] as written in a config's `texts.<lang>` object.
        pub const TEXT_KEYS: &[&str] = &[$($key),*];

        impl Texts {
            /// Every key without text.
            pub const EMPTY: Texts =
                Texts { $($field: String::new(),)* purpose_words: [const { String::new() }; PURPOSE_KEYS.len()], own: 0 };

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
    partners = "partners",
    partners_more = "partnersMore",
    accept_all = "acceptAll",
    reject_all = "rejectAll",
    customise = "customise",
    save = "save",
    always_on = "alwaysOn",
    policy_link = "policyLink",
    privacy_link = "privacyLink",
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
    placeholder_load_once = "placeholderLoadOnce",
    placeholder_policy = "placeholderPolicy",
    method_contextual = "methodContextual",
    consent_record = "consentRecord",
    partly_on = "partlyOn",
}

impl Texts {
    /// True when a key of [`OPTIONAL_KEYS`] has no text (a language of a config's own may leave
    /// them out).
    pub fn lacks_optional(&self) -> bool {
        self.consent_record.is_empty()
            || self.privacy_link.is_empty()
            || self.partly_on.is_empty()
            || self.placeholder_load_once.is_empty()
            || self.placeholder_policy.is_empty()
    }

    /// Fills the keys of [`OPTIONAL_KEYS`] that have no text from `under` (English).
    pub fn fill_optional_from(&mut self, under: &Texts) {
        if self.consent_record.is_empty() {
            self.consent_record.clone_from(&under.consent_record);
        }
        if self.partly_on.is_empty() {
            self.partly_on.clone_from(&under.partly_on);
        }
        if self.privacy_link.is_empty() {
            self.privacy_link.clone_from(&under.privacy_link);
        }
        if self.placeholder_load_once.is_empty() {
            self.placeholder_load_once.clone_from(&under.placeholder_load_once);
        }
        if self.placeholder_policy.is_empty() {
            self.placeholder_policy.clone_from(&under.placeholder_policy);
        }
    }

    /// Sets the text for a config key; unknown keys are ignored (validation reports them).
    pub fn set(&mut self, key: &str, value: &str) {
        if let Some(i) = TEXT_KEYS.iter().position(|k| *k == key) {
            if let Some(field) = self.fields_mut().into_iter().nth(i) {
                *field = value.to_string();
            }
            self.own |= 1 << i;
        }
    }

    /// Fills every key without text (and the purpose words) from `under`, a built-in
    /// language's texts: the config's own stay over them.
    pub fn fill_from(&mut self, under: &Texts) {
        for (field, text) in self.fields_mut().into_iter().zip(under.fields()) {
            if field.is_empty() {
                field.clone_from(text);
            }
        }
        for (word, text) in self.purpose_words.iter_mut().zip(&under.purpose_words) {
            if word.is_empty() {
                word.clone_from(text);
            }
        }
    }

    /// The keys given with [`Texts::set`] (the config's own), with their texts.
    pub fn own_entries(&self) -> impl Iterator<Item = (&'static str, &str)> {
        let own = self.own;
        self.entries().enumerate().filter(move |(i, _)| own & (1 << i) != 0).map(|(_, entry)| entry)
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

const _: () = assert!(TEXT_KEYS.len() <= 64, "Texts::own has a bit per key");

/// Keys that a language of a config's own may leave out: those added after such configs were
/// written (`consentRecord`, `privacyLink`, `partlyOn`, `placeholderLoadOnce`,
/// `placeholderPolicy`), which then take the English text, and the words of [`PARTNERS`]
/// (`partners`, `partnersMore`), needed only by a description that holds it (every built-in one
/// does).
pub const OPTIONAL_KEYS: &[&str] = &[
    "consentRecord",
    "privacyLink",
    "partlyOn",
    "placeholderLoadOnce",
    "placeholderPolicy",
    "partners",
    "partnersMore",
];

/// The words of a built-in language that the banner's description lists purposes with (see
/// [`super::wording::banner_description`]), kept in its texts file beside the interface texts: the phrases for
/// the category ids `analytics` and `marketing`, the word between the last two purposes (or
/// partners), that word when the item before it holds a comma (German closes the clause of
/// "Analyse-Cookies, um die Website zu verbessern" with a comma before "und"), and the phrase
/// for any other category without a `bannerPurpose`, which quotes its label (`{category}`).
pub const PURPOSE_KEYS: [&str; 5] =
    ["purposeAnalytics", "purposeMarketing", "purposesAnd", "purposesAndAfterComma", "purposeOther"];

/// The languages with built-in texts: the 24 official languages of the EU. Each one's texts are
/// a file of their own, `src/i18n/<code>.json` (served as `i18n/<code>.json` beside the module),
/// downloaded only by a visitor who is shown that language.
pub const BUILTIN_LANGUAGES: [&str; 24] = [
    "bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu", "it", "lt", "lv", "mt", "nl", "pl",
    "pt", "ro", "sk", "sl", "sv",
];

/// The built-in language a configured language takes its texts from (`nl-BE` → `nl`), if any.
pub fn builtin_code(lang: &str) -> Option<&'static str> {
    let primary = split_on(lang, b'-').next().unwrap_or(lang);
    BUILTIN_LANGUAGES.iter().copied().find(|code| code.eq_ignore_ascii_case(primary))
}

/// True when a language has built-in texts (its primary subtag is one of [`BUILTIN_LANGUAGES`]).
pub fn is_builtin(lang: &str) -> bool {
    builtin_code(lang).is_some()
}

/// Calls a macro with the codes of [`BUILTIN_LANGUAGES`] whose texts files exist, as literals.
macro_rules! with_builtin_codes {
    ($m:ident) => {
        $m!(
            "bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu", "it", "lt", "lv", "mt", "nl",
            "pl", "pt", "ro", "sk", "sl", "sv"
        )
    };
}

/// Reads a built-in language's texts file (`{"bannerLabel": "…", …, "purposesAndAfterComma": "…"}`):
/// every key of [`TEXT_KEYS`] and [`PURPOSE_KEYS`], or an error naming the first one missing.
pub fn parse_builtin(json_text: &str) -> Result<Texts, String> {
    let value = super::json::parse(json_text).map_err(|e| String::from(e.reason()))?;
    let map = value.as_object().ok_or_else(|| String::from("not a JSON object"))?;
    let mut texts = Texts::default();
    for (key, value) in map.iter() {
        let text = value.as_str().unwrap_or_default();
        match PURPOSE_KEYS.iter().position(|k| k == key) {
            Some(i) => texts.purpose_words[i] = text.into(),
            None => texts.set(key, text),
        }
    }
    let missing =
        texts.entries().chain(PURPOSE_KEYS.iter().copied().zip(texts.purpose_words.iter().map(String::as_str)));
    for (key, text) in missing {
        if text.trim().is_empty() {
            return Err(super::cat(&["no text for \"", key, "\""]));
        }
    }
    Ok(texts)
}

/// A built-in language's texts file, compiled in: the host build (tests, `check`) and Yew apps
/// that use the component (feature `texts`). The wasm modules of the script-tag build download
/// the visitor's language instead.
#[cfg(feature = "texts")]
pub fn bundled(code: &str) -> Option<&'static str> {
    macro_rules! files {
        ($($code:literal),*) => {
            match code {
                $($code => Some(include_str!(concat!("../i18n/", $code, ".json"))),)*
                _ => None,
            }
        };
    }
    with_builtin_codes!(files)
}

/// A built-in language's compiled-in texts, read (feature `texts`).
#[cfg(feature = "texts")]
pub fn builtin(lang: &str) -> Option<Texts> {
    bundled(builtin_code(lang)?).and_then(|file| parse_builtin(file).ok())
}

/// A fingerprint of each built-in language's texts file, computed when compiling (the files
/// themselves stay out of the modules that download them): a receipt's `configHash` covers the
/// built-in wording a visitor was shown without the module having every language at hand.
pub fn builtin_fingerprint(code: &str) -> u64 {
    macro_rules! prints {
        ($($code:literal),*) => {
            [$(super::hash::fnv1a_64(include_bytes!(concat!("../i18n/", $code, ".json")))),*]
        };
    }
    // In the order of BUILTIN_LANGUAGES, which `with_builtin_codes!` follows (a test checks).
    const PRINTS: [u64; 24] = with_builtin_codes!(prints);
    BUILTIN_LANGUAGES.iter().position(|c| *c == code).map_or(0, |i| PRINTS[i])
}

/// Where a `description` lists the purposes of the page's optional categories (see
/// [`super::wording::banner_description`]).
pub const PURPOSES: &str = "{purposes}";

/// Where a `description` says which partners (third parties) the page's optional categories
/// involve: the `partners` sentence, naming them (see [`super::wording::banner_description`]).
pub const PARTNERS: &str = "{partners}";

/// True when the banner's description in `lang` (whose texts are `texts`) lists the purposes:
/// the config's own description holds [`PURPOSES`], or it gives none and the language is built in
/// (every built-in description holds it). Known without the built-in texts at hand.
pub fn lists_purposes(texts: &Texts, lang: &str) -> bool {
    match texts.own_entries().find(|(key, _)| *key == "description") {
        Some((_, description)) => find(description, PURPOSES).is_some(),
        None => is_builtin(lang),
    }
}

/// A built-in language's word for the banner's purposes: `which` indexes [`PURPOSE_KEYS`].
pub fn purpose_word(texts: &Texts, which: usize) -> Option<&str> {
    texts.purpose_words.get(which).map(String::as_str).filter(|w| !w.is_empty())
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

/// The category whose form a unit takes after the number `n`: CLDR's [`plural_category`], but
/// for Irish 11–19. The noun after a number from 11 to 19 takes the form it takes after the
/// number's last digit ("aon bhliain déag", "dhá bhliain déag", "trí bliana déag", "seacht
/// mbliana déag"; in figures "11 bhliain", "13 bliana", "18 mbliana"), where CLDR's rule, which
/// has no category for them, gives `other`, the unmutated form of 20 and up ("fiche bliain").
/// Three mutations could not share one more category, so these numbers take the category of
/// their last digit: the forms an Irish text already gives for `one`, `two`, `few` and `many`.
pub fn form_category(lang: &str, n: u64) -> Plural {
    let primary = split_on(lang, b'-').next().unwrap_or(lang);
    if primary.eq_ignore_ascii_case("ga") && (11..=19).contains(&n) {
        return plural_category(lang, n - 10);
    }
    plural_category(lang, n)
}

/// The form of a unit for `n`: `forms` is either `"singular|plural"` (the singular for CLDR's
/// `one`, the plural for every other category: what two-form languages need, and what configs
/// written before plural categories say) or forms keyed by CLDR category,
/// `"one:minuta|few:minuty|many:minut|other:minuty"`, where a category without a form takes
/// `other`'s. The category is [`form_category`]'s.
pub fn plural_form<'a>(forms: &'a str, lang: &str, n: u64) -> &'a str {
    let category = form_category(lang, n);
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
