//! Plural forms by CLDR category for the 24 official EU languages, and the unit texts that
//! use them: `"singular|plural"` as before, or forms keyed by category.

use consent_banner::core::config::{Config, Lifetime, Unit};
use consent_banner::core::i18n::{builtin, plural_category, plural_form, Plural};
use consent_banner::core::wording::format_lifetime;

/// CLDR's sample integers per language and category (cldr/common/supplemental/plurals.xml).
const SAMPLES: &[(&str, Plural, &[u64])] = &[
    ("en", Plural::One, &[1]),
    ("en", Plural::Other, &[0, 2, 16, 100, 1000]),
    ("de", Plural::One, &[1]),
    ("fi", Plural::Other, &[0, 2, 5]),
    ("fr", Plural::One, &[0, 1]),
    ("fr", Plural::Many, &[1_000_000]),
    ("fr", Plural::Other, &[2, 17, 100, 1000]),
    ("pt", Plural::One, &[0, 1]),
    ("es", Plural::One, &[1]),
    ("es", Plural::Many, &[1_000_000]),
    ("es", Plural::Other, &[0, 2, 16, 100]),
    ("it", Plural::Other, &[0, 2, 16]),
    ("cs", Plural::One, &[1]),
    ("cs", Plural::Few, &[2, 3, 4]),
    ("cs", Plural::Other, &[0, 5, 19, 100]),
    ("sk", Plural::Few, &[2, 3, 4]),
    ("pl", Plural::One, &[1]),
    ("pl", Plural::Few, &[2, 3, 4, 22, 23, 24, 32, 102]),
    ("pl", Plural::Many, &[0, 5, 12, 13, 14, 19, 21, 25, 100]),
    ("hr", Plural::One, &[1, 21, 31, 101]),
    ("hr", Plural::Few, &[2, 3, 4, 22, 23, 24]),
    ("hr", Plural::Other, &[0, 5, 11, 12, 13, 14, 19, 100]),
    ("sl", Plural::One, &[1, 101, 201]),
    ("sl", Plural::Two, &[2, 102]),
    ("sl", Plural::Few, &[3, 4, 103, 104]),
    ("sl", Plural::Other, &[0, 5, 19, 100]),
    ("lt", Plural::One, &[1, 21, 31, 101]),
    ("lt", Plural::Few, &[2, 9, 22, 29, 102]),
    ("lt", Plural::Other, &[0, 10, 11, 19, 20, 30, 100]),
    ("lv", Plural::Zero, &[0, 10, 11, 19, 20, 30, 100]),
    ("lv", Plural::One, &[1, 21, 31, 101]),
    ("lv", Plural::Other, &[2, 9, 22, 29, 102]),
    ("ro", Plural::One, &[1]),
    ("ro", Plural::Few, &[0, 2, 16, 19, 101, 119]),
    ("ro", Plural::Other, &[20, 35, 100, 1000]),
    ("ga", Plural::One, &[1]),
    ("ga", Plural::Two, &[2]),
    ("ga", Plural::Few, &[3, 4, 5, 6]),
    ("ga", Plural::Many, &[7, 8, 9, 10]),
    ("ga", Plural::Other, &[0, 11, 25, 100]),
    ("mt", Plural::One, &[1]),
    ("mt", Plural::Two, &[2]),
    ("mt", Plural::Few, &[0, 3, 10, 103, 110]),
    ("mt", Plural::Many, &[11, 19, 111, 119]),
    ("mt", Plural::Other, &[20, 35, 100, 1000]),
    ("bg", Plural::One, &[1]),
    ("el", Plural::Other, &[0, 2, 3]),
    ("hu", Plural::One, &[1]),
    // Arabic, for a config's own right-to-left language.
    ("ar", Plural::Zero, &[0]),
    ("ar", Plural::One, &[1]),
    ("ar", Plural::Two, &[2]),
    ("ar", Plural::Few, &[3, 10, 103, 110]),
    ("ar", Plural::Many, &[11, 26, 99, 111]),
    ("ar", Plural::Other, &[100, 101, 102, 200]),
];

#[test]
fn every_eu_language_follows_cldr_for_whole_numbers() {
    for (lang, category, numbers) in SAMPLES {
        for n in *numbers {
            assert_eq!(plural_category(lang, *n), *category, "{lang} {n}");
        }
    }
    // A region subtag follows its language; an unknown language follows English.
    assert_eq!(plural_category("pl-PL", 3), Plural::Few);
    assert_eq!(plural_category("pt-PT", 0), Plural::Other);
    assert_eq!(plural_category("pt-BR", 0), Plural::One);
    assert_eq!(plural_category("xx", 1), Plural::One);
    assert_eq!(plural_category("xx", 3), Plural::Other);
}

#[test]
fn keyed_forms_pick_the_category_and_fall_back_to_other() {
    let polish = "one:minuta|few:minuty|many:minut|other:minuty";
    assert_eq!(plural_form(polish, "pl", 1), "minuta");
    assert_eq!(plural_form(polish, "pl", 3), "minuty");
    assert_eq!(plural_form(polish, "pl", 5), "minut");
    assert_eq!(plural_form(polish, "pl", 22), "minuty");
    // Categories a text leaves out take "other".
    assert_eq!(plural_form("one:jaar|other:jaren", "ga", 2), "jaren");
    // The two-form format of configs written before: "one" takes the first, the rest the second.
    assert_eq!(plural_form("second|seconds", "en", 1), "second");
    assert_eq!(plural_form("second|seconds", "en", 30), "seconds");
    assert_eq!(plural_form("seconde|secondes", "fr", 0), "seconde");
    assert_eq!(plural_form("minuta|minut", "pl", 5), "minut");
    assert_eq!(plural_form("Stunde", "de", 5), "Stunde");
}

#[test]
fn irish_11_to_19_take_the_form_of_their_last_digit() {
    use consent_banner::core::i18n::form_category;
    // CLDR's rule gives them "other"; the noun is mutated as after 1 to 9.
    assert_eq!(plural_category("ga", 13), Plural::Other);
    for (n, category) in
        [(11, Plural::One), (12, Plural::Two), (13, Plural::Few), (16, Plural::Few), (17, Plural::Many)]
    {
        assert_eq!(form_category("ga", n), category, "{n}");
        assert_eq!(form_category("ga-IE", n), category, "{n}");
    }
    for n in [10, 20, 21, 111, 113] {
        assert_eq!(form_category("ga", n), plural_category("ga", n), "{n}");
    }
    // Every other language follows CLDR.
    for lang in ["en", "mt", "lt", "pl"] {
        for n in 0..=200 {
            assert_eq!(form_category(lang, n), plural_category(lang, n), "{lang} {n}");
        }
    }
    let years = |amount| {
        format_lifetime(&builtin("ga").unwrap(), "ga", &Lifetime::For { amount, unit: Unit::Years, idle: false })
    };
    let shown: Vec<String> = [1, 2, 3, 7, 11, 12, 13, 17, 19, 20].map(years).to_vec();
    assert_eq!(
        shown,
        [
            "1 bhliain",
            "2 bhliain",
            "3 bliana",
            "7 mbliana",
            "11 bhliain",
            "12 bhliain",
            "13 bliana",
            "17 mbliana",
            "19 mbliana",
            "20 bliain"
        ]
    );
}

#[test]
fn a_lifetime_takes_its_languages_form() {
    let mut texts = builtin("en").unwrap();
    texts.months = "one:miesiąc|few:miesiące|many:miesięcy|other:miesiąca".into();
    let months = |amount| Lifetime::For { amount, unit: Unit::Months, idle: false };
    assert_eq!(format_lifetime(&texts, "pl", &months(1)), "1 miesiąc");
    assert_eq!(format_lifetime(&texts, "pl", &months(3)), "3 miesiące");
    assert_eq!(format_lifetime(&texts, "pl", &months(6)), "6 miesięcy");
    assert_eq!(format_lifetime(&texts, "pl", &months(13)), "13 miesięcy");
    // The built-in two-form texts are unchanged.
    assert_eq!(format_lifetime(&builtin("en").unwrap(), "en", &months(13)), "13 months");
}

#[test]
fn keyed_forms_in_a_config_are_checked_with_their_path() {
    let with = |forms: &str| {
        std::fs::read_to_string("tests/fixtures/minimal.json").unwrap().replacen(
            "\"version\"",
            &format!("\"texts\": {{ \"en\": {{ \"months\": {forms:?} }} }}, \"version\""),
            1,
        )
    };
    assert!(Config::from_json(&with("one:month|other:months")).is_ok());
    assert!(Config::from_json(&with("month|months")).is_ok());
    for (forms, says) in [
        ("one:month|few:months", "need an \"other\" form"),
        ("one:month|lots:months|other:months", "plural categories are zero, one, two, few, many and other"),
        ("one:month|months", "every form needs its plural category"),
        ("one:month|one:mo|other:months", "given twice"),
        ("one:month|other: ", "empty"),
    ] {
        let errors = Config::from_json(&with(forms)).unwrap_err().0;
        assert_eq!(errors.len(), 1, "{forms}: {errors:#?}");
        assert_eq!(errors[0].path(), "texts.en.months");
        assert!(errors[0].message().contains(says), "{forms}: {}", errors[0].message());
    }
}

#[test]
fn right_to_left_languages_are_marked_and_languages_named_in_themselves() {
    use consent_banner::core::i18n::{direction, native_name};
    for lang in ["ar", "he", "fa", "ur", "ar-EG"] {
        assert_eq!(direction(lang), "rtl", "{lang}");
    }
    for lang in ["en", "de", "el", "bg", "mt", "ga"] {
        assert_eq!(direction(lang), "ltr", "{lang}");
    }
    assert_eq!(native_name("el"), "Ελληνικά");
    assert_eq!(native_name("fi"), "Suomi");
    assert_eq!(native_name("ar"), "العربية");
    // The banner's root says which way it reads.
    let config = Config::from_json(&std::fs::read_to_string("tests/fixtures/arabic.json").unwrap()).unwrap();
    let page = consent_banner::core::view::app(
        "ar",
        &config,
        consent_banner::core::view::banner(
            &config,
            &consent_banner::core::view::BannerInput { lang: "ar", gpc_refused: &[] },
        ),
    );
    let mut json = String::new();
    consent_banner::core::view::to_json(&page, &mut json);
    assert!(json.contains(r#""dir":"rtl""#), "{json}");
}
