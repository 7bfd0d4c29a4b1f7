//! The built-in wording as a visitor reads it (issue 28): every sentence that embeds a label is
//! rendered in every built-in language with the inputs that break a careless template (a
//! capitalised category label, a bare service name, a provider that starts with a vowel, a list
//! of two labels) and kept in `tests/snapshots/wording.txt`, for a reviewer to read. A changed
//! text changes the snapshot: look at it, then write it again with `BLESS=1 cargo test --test
//! wording`.

use consent_banner::core::config::{Config, DeclaredCookie, Lifetime, Unit};
use consent_banner::core::i18n::{builtin, BUILTIN_LANGUAGES};
use consent_banner::core::wording::{
    banner_description, banner_purpose, format_lifetime, gpc_notice, placeholder_accept, placeholder_policy,
    placeholder_text,
};

const SNAPSHOT: &str = "tests/snapshots/wording.txt";

/// A bare service name, as a service's label.
const SERVICE: &str = "YouTube";
/// A provider whose name starts with a vowel (elision, mutation, articles).
const PROVIDER: &str = "AT Internet";
const TITLE: &str = "YouTube video player";

/// The demo config in the 24 languages: its category labels are capitalised, as a site's are.
fn integration() -> Config {
    Config::from_json(&std::fs::read_to_string("www/config/integration.json").unwrap()).unwrap()
}

/// Every language's sentences with those inputs: (what, text) by language.
fn sentences() -> Vec<(&'static str, Vec<(&'static str, String)>)> {
    let config = integration();
    let category = |id: &str| config.categories.iter().find(|c| c.id == id).unwrap();
    let (analytics, marketing) = (category("analytics"), category("marketing"));
    // Seven partners: three named, "and 4 more".
    let mut many = config.clone();
    let last = many.categories.len() - 1;
    for provider in ["Meta", "YouTube", "Google", "HubSpot"] {
        let cookie = many.categories[last].cookies[0].clone();
        many.categories[last].cookies.push(DeclaredCookie { provider: provider.into(), ..cookie });
    }
    // A category of the site's own without a phrase: named by its quoted label.
    let mut video = analytics.clone();
    video.id = "video".into();
    video.banner_purpose = Default::default();
    let mut out = Vec::new();
    for lang in BUILTIN_LANGUAGES {
        let texts = builtin(lang).unwrap();
        let label = analytics.label.get(lang).unwrap().as_str();
        let purpose = analytics.description.get(lang).unwrap().as_str();
        let both = [label.to_string(), marketing.label.get(lang).unwrap().clone()];
        let lifetimes = |unit: Unit| {
            [1, 2, 3, 7, 11, 12, 13, 17, 20, 21]
                .map(|amount| format_lifetime(&texts, lang, &Lifetime::For { amount, unit, idle: false }))
                .join(" · ")
        };
        let lines = vec![
            ("description, two purposes, three partners", banner_description(&config, lang)),
            ("description, seven partners", banner_description(&many, lang)),
            (
                "partnersMore",
                [2, 3, 4, 5, 11, 12, 21, 22, 25, 101]
                    .map(|n| texts.partners_more.replace("{count}", &n.to_string()))
                    .join(" · "),
            ),
            ("purposeOther, category label", banner_purpose(&video, lang, &texts)),
            ("gpcNotice, one label", gpc_notice(&texts, &both[..1])),
            ("gpcNotice, two labels", gpc_notice(&texts, &both)),
            ("placeholderText, a title", placeholder_text(&texts, TITLE, SERVICE, SERVICE, purpose)),
            ("placeholderText, category label", placeholder_text(&texts, label, PROVIDER, label, purpose)),
            ("placeholderText, service name", placeholder_text(&texts, SERVICE, PROVIDER, SERVICE, purpose)),
            ("placeholderAccept", placeholder_accept(&texts, label)),
            ("placeholderLoadOnce", texts.placeholder_load_once.clone()),
            ("placeholderPolicy", placeholder_policy(&texts, PROVIDER)),
            ("nothingOptional", texts.nothing_optional.clone()),
            ("provider and party", format!("{PROVIDER} ({}) · {PROVIDER} ({})", texts.first_party, texts.third_party)),
            ("days", lifetimes(Unit::Days)),
            ("years", lifetimes(Unit::Years)),
        ];
        out.push((lang, lines));
    }
    out
}

/// The snapshot's text.
fn render() -> String {
    let mut out = String::from(
        "# The built-in wording with the inputs that break a careless template (tests/wording.rs).\n\
         # Category labels and purposes are those of www/config/integration.json; the service is\n\
         # \"YouTube\", the provider \"AT Internet\", the title \"YouTube video player\". Regenerate with BLESS=1 after a change of\n\
         # src/i18n/*.json, and read what changed.\n",
    );
    for (lang, lines) in sentences() {
        out.push_str(&format!("\n[{lang}]\n"));
        for (what, text) in lines {
            out.push_str(&format!("{what}: {text}\n"));
        }
    }
    out
}

#[test]
fn the_wording_snapshot_is_current() {
    let rendered = render();
    if std::env::var_os("BLESS").is_some() {
        std::fs::create_dir_all("tests/snapshots").unwrap();
        std::fs::write(SNAPSHOT, &rendered).unwrap();
        return;
    }
    let kept = std::fs::read_to_string(SNAPSHOT).unwrap_or_default();
    if kept != rendered {
        let changed: Vec<String> = kept
            .lines()
            .zip(rendered.lines())
            .filter(|(a, b)| a != b)
            .take(5)
            .map(|(a, b)| format!("- {a}\n+ {b}"))
            .collect();
        panic!(
            "{SNAPSHOT} is not what the texts render ({} lines kept, {} rendered); read the change, then \
             run `BLESS=1 cargo test --test wording`:\n{}",
            kept.lines().count(),
            rendered.lines().count(),
            changed.join("\n")
        );
    }
}

#[test]
fn a_value_holding_a_placeholder_is_shown_as_written() {
    let mut texts = builtin("en").unwrap();
    let text = placeholder_text(&texts, "{provider}", "{content}", "{category}", "Plays videos.");
    assert_eq!(text, "{provider} — loading it lets {content} set cookies.");
    assert_eq!(placeholder_policy(&texts, "{provider}"), "{provider}’s privacy policy");
    // A site's own texts may name the label and purpose.
    texts.set("placeholderText", "{category}: {purpose}");
    texts.set("placeholderAccept", "Accept {category}");
    assert_eq!(placeholder_text(&texts, "x", "y", "{purpose}", "Plays videos."), "{purpose}: Plays videos.");
    assert_eq!(placeholder_accept(&texts, "{provider}"), "Accept {provider}");
}

/// What is wrong with French spacing in `text`: an ordinary space, or none, where French
/// typography puts a no-break space (U+00A0, or the narrow U+202F): before `:` `;` `?` `!` and
/// `»`, after `«`.
fn french_spacing_problems(text: &str) -> Vec<String> {
    let no_break = |c: Option<char>| matches!(c, Some('\u{a0}' | '\u{202f}'));
    let chars: Vec<char> = text.chars().collect();
    let mut problems = Vec::new();
    for (i, c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        let bad = match c {
            ':' | ';' | '?' | '!' | '»' => !no_break(before),
            '«' => !no_break(after),
            _ => false,
        };
        if bad {
            let from = i.saturating_sub(12);
            problems.push(format!("{c:?} in …{}…", chars[from..(i + 3).min(chars.len())].iter().collect::<String>()));
        }
    }
    problems
}

#[test]
fn french_puts_a_no_break_space_before_high_punctuation_and_inside_guillemets() {
    let texts = builtin("fr").unwrap();
    for (key, text) in texts.entries() {
        assert_eq!(french_spacing_problems(text), Vec::<String>::new(), "fr.{key}: {text:?}");
    }
    // The purpose phrases, and every sentence as shown with the demo's labels and purposes.
    for word in &texts.purpose_words {
        assert_eq!(french_spacing_problems(word), Vec::<String>::new(), "{word:?}");
    }
    let (_, lines) = sentences().into_iter().find(|(lang, _)| *lang == "fr").unwrap();
    for (what, text) in lines {
        assert_eq!(french_spacing_problems(&text), Vec::<String>::new(), "{what}: {text:?}");
    }
    // What it catches.
    assert_eq!(french_spacing_problems("choix : seuls").len(), 1);
    assert_eq!(french_spacing_problems("« YouTube »").len(), 2);
    assert_eq!(french_spacing_problems("choix\u{202f}: «\u{a0}YouTube\u{a0}»"), Vec::<String>::new());
}
