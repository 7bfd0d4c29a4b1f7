//! The banner's first layer names exactly the purposes of the page's area (issue #12): the
//! built-in `description` lists the optional categories the area has, in every built-in
//! language, for one, two and three purposes, and for a site's own categories.

use consent_banner::core::config::Config;
use consent_banner::core::lint::{lint, Level};
use consent_banner::core::signals::config_hash;
use consent_banner::core::view::{banner, BannerInput, Node};
use consent_banner::core::wording::banner_description;

const LANGS: [&str; 4] = ["en", "nl", "fr", "de"];

/// The built-in description's sentences around the list of purposes, per language.
fn sentence(lang: &str, purposes: &str) -> String {
    match lang {
        "en" => format!("We use essential cookies to make this site work. With your consent we also use {purposes}. You can accept or reject them, choose per category, and withdraw your consent at any time."),
        "nl" => format!("We gebruiken essentiële cookies om deze site te laten werken. Met uw toestemming gebruiken we ook {purposes}. U kunt ze aanvaarden of weigeren, per categorie kiezen en uw toestemming op elk moment intrekken."),
        "fr" => format!("Nous utilisons des cookies essentiels au fonctionnement de ce site. Avec votre consentement, nous utilisons aussi {purposes}. Vous pouvez les accepter ou les refuser, choisir par catégorie et retirer votre consentement à tout moment."),
        "de" => format!("Wir verwenden notwendige Cookies, damit diese Website funktioniert. Mit Ihrer Einwilligung verwenden wir außerdem {purposes}. Sie können sie akzeptieren oder ablehnen, pro Kategorie wählen und Ihre Einwilligung jederzeit widerrufen."),
        _ => unreachable!(),
    }
}

/// A category in the four languages; `extra` is more of its JSON fields (with a leading comma).
fn category(id: &str, extra: &str) -> String {
    format!(
        r#"{{ "id": "{id}", "label": {{ "en": "{id} EN", "nl": "{id} NL", "fr": "{id} FR", "de": "{id} DE" }},
             "description": {{ "en": "d", "nl": "d", "fr": "d", "de": "d" }}{extra} }}"#
    )
}

const ESSENTIAL: &str = r#"{ "id": "essential", "required": true,
    "label": { "en": "E", "nl": "E", "fr": "E", "de": "E" }, "description": { "en": "d", "nl": "d", "fr": "d", "de": "d" } }"#;

/// A site's own category with a purpose phrase of its own in each language.
const VIDEO_PURPOSE: &str = r#", "bannerPurpose": {
    "en": "cookies from video platforms to play embedded videos",
    "nl": "cookies van videoplatforms om ingesloten video's af te spelen",
    "fr": "des cookies de plateformes vidéo pour lire les vidéos intégrées",
    "de": "Cookies von Videoplattformen, um eingebettete Videos abzuspielen" }"#;

/// A single-area config in the four languages with these categories (after an essential one).
fn config_with(categories: &[String], more: &str) -> Result<Config, String> {
    let all: Vec<&str> = std::iter::once(ESSENTIAL).chain(categories.iter().map(String::as_str)).collect();
    let text = format!(
        r#"{{ "version": "1", "policyLink": "/p", "languages": ["en", "nl", "fr", "de"]{more},
             "categories": [{}] }}"#,
        all.join(", ")
    );
    Config::from_json(&text).map_err(|e| e.to_string())
}

/// The built-in `partners` sentence with the list of partners, per language.
fn partners_sentence(lang: &str, partners: &str) -> String {
    match lang {
        "en" => format!("Some of these cookies are set by our partners, who receive data about your visit: {partners}."),
        "nl" => format!("Sommige van deze cookies worden geplaatst door onze partners, die gegevens over uw bezoek ontvangen: {partners}."),
        "fr" => format!("Certains de ces cookies sont déposés par nos partenaires, qui reçoivent des données sur votre visite\u{a0}: {partners}."),
        "de" => format!("Einige dieser Cookies werden von unseren Partnern gesetzt, die Daten über Ihren Besuch erhalten: {partners}."),
        _ => unreachable!(),
    }
}

fn expect(config: &Config, purposes: [&str; 4]) {
    for (lang, list) in LANGS.into_iter().zip(purposes) {
        assert_eq!(banner_description(config, lang), sentence(lang, list), "{lang}");
    }
}

#[test]
fn one_purpose() {
    let c = config_with(&[category("analytics", "")], "").unwrap();
    expect(
        &c,
        [
            "analytical cookies to improve it",
            "analytische cookies om de site te verbeteren",
            "des cookies analytiques pour l'améliorer",
            "Analyse-Cookies, um die Website zu verbessern",
        ],
    );
    let c = config_with(&[category("marketing", "")], "").unwrap();
    expect(
        &c,
        [
            "marketing cookies to measure our campaigns",
            "marketingcookies om onze campagnes te meten",
            "des cookies marketing pour mesurer nos campagnes",
            "Marketing-Cookies, um unsere Kampagnen zu messen",
        ],
    );
}

#[test]
fn two_purposes() {
    let c = config_with(&[category("analytics", ""), category("marketing", "")], "").unwrap();
    expect(
        &c,
        [
            "analytical cookies to improve it and marketing cookies to measure our campaigns",
            "analytische cookies om de site te verbeteren en marketingcookies om onze campagnes te meten",
            "des cookies analytiques pour l'améliorer et des cookies marketing pour mesurer nos campagnes",
            // The comma closes the infinitive clause before "und".
            "Analyse-Cookies, um die Website zu verbessern, und Marketing-Cookies, um unsere Kampagnen zu messen",
        ],
    );
}

#[test]
fn three_purposes_one_of_them_the_sites_own() {
    let c = config_with(&[category("analytics", ""), category("marketing", ""), category("video", VIDEO_PURPOSE)], "")
        .unwrap();
    expect(
        &c,
        [
            "analytical cookies to improve it, marketing cookies to measure our campaigns and cookies from video platforms to play embedded videos",
            "analytische cookies om de site te verbeteren, marketingcookies om onze campagnes te meten en cookies van videoplatforms om ingesloten video's af te spelen",
            "des cookies analytiques pour l'améliorer, des cookies marketing pour mesurer nos campagnes et des cookies de plateformes vidéo pour lire les vidéos intégrées",
            "Analyse-Cookies, um die Website zu verbessern, Marketing-Cookies, um unsere Kampagnen zu messen, und Cookies von Videoplattformen, um eingebettete Videos abzuspielen",
        ],
    );
}

#[test]
fn the_order_is_the_configs_and_a_category_without_a_phrase_is_named_by_its_quoted_label() {
    let c = config_with(&[category("video", ""), category("analytics", "")], "").unwrap();
    expect(
        &c,
        [
            "the cookies of the category “video EN” and analytical cookies to improve it",
            "de cookies van de categorie “video NL” en analytische cookies om de site te verbeteren",
            "les cookies de la catégorie «\u{a0}video FR\u{a0}» et des cookies analytiques pour l'améliorer",
            // No clause to close after the label: no comma before "und".
            "die Cookies der Kategorie „video DE“ und Analyse-Cookies, um die Website zu verbessern",
        ],
    );
    // `check` says that such a sentence may not read well.
    let findings = lint(&c);
    assert!(
        findings.iter().any(|f| f.level == Level::Warning && f.path == "categories[1].bannerPurpose"),
        "{findings:#?}"
    );
    assert!(!findings.iter().any(|f| f.path == "categories[2].bannerPurpose"), "analytics has a built-in phrase");
}

#[test]
fn a_category_phrase_replaces_the_built_in_one() {
    let purpose = r#", "bannerPurpose": { "en": "statistics cookies to count visits", "nl": "statistiekcookies om bezoeken te tellen",
        "fr": "des cookies statistiques pour compter les visites", "de": "Statistik-Cookies, um Besuche zu zählen" }"#;
    let c = config_with(&[category("analytics", purpose)], "").unwrap();
    expect(
        &c,
        [
            "statistics cookies to count visits",
            "statistiekcookies om bezoeken te tellen",
            "des cookies statistiques pour compter les visites",
            "Statistik-Cookies, um Besuche zu zählen",
        ],
    );
}

#[test]
fn an_ask_page_without_optional_categories_says_what_the_notice_says() {
    let c = config_with(&[], "").unwrap();
    for lang in LANGS {
        assert_eq!(banner_description(&c, lang), c.texts(lang).inform_description, "{lang}");
    }
}

#[test]
fn a_configs_own_description_is_kept_or_filled_in() {
    let own = r#", "texts": { "en": { "description": "Our own words." }, "nl": { "description": "Wij gebruiken {purposes}." } }"#;
    let c = config_with(&[category("analytics", ""), category("marketing", "")], own).unwrap();
    assert_eq!(banner_description(&c, "en"), "Our own words.");
    assert_eq!(
        banner_description(&c, "nl"),
        "Wij gebruiken analytische cookies om de site te verbeteren en marketingcookies om onze campagnes te meten."
    );
    // The other languages keep the built-in text.
    assert!(banner_description(&c, "fr").contains("des cookies marketing"));
}

#[test]
fn bad_purposes_are_errors_with_their_paths() {
    let errors = |categories: &[String], more: &str| config_with(categories, more).unwrap_err();
    // Every configured language, as for every text of a category.
    let partial = r#", "bannerPurpose": { "en": "cookies to play videos" }"#;
    let e = errors(&[category("video", partial)], "");
    assert!(e.contains("config categories[1].bannerPurpose.nl: missing"), "{e}");
    let e = errors(&[category("video", r#", "bannerPurpose": "videos""#)], "");
    assert!(e.contains("config categories[1].bannerPurpose: expected an object, found a string"), "{e}");
    let empty = r#", "bannerPurpose": { "en": " ", "nl": "a", "fr": "a", "de": "a" }"#;
    assert!(
        errors(&[category("video", empty)], "").contains("config categories[1].bannerPurpose.en: must not be empty")
    );
    // A required category is never among the purposes the visitor is asked about.
    let required = r#", "required": true, "bannerPurpose": { "en": "a", "nl": "a", "fr": "a", "de": "a" }"#;
    let e = errors(&[category("tools", required)], "");
    assert!(e.contains("config categories[1].bannerPurpose: only an optional category"), "{e}");
    // Only a built-in language knows how to list purposes.
    let text = r#"{ "version": "1", "policyLink": "/p", "languages": ["ja"],
        "texts": { "ja": { "description": "{purposes}を使用します。" } }, "categories": [] }"#;
    let e = Config::from_json(text).unwrap_err().to_string();
    assert!(e.contains("config texts.ja.description: {purposes} is filled in only in the built-in languages"), "{e}");
}

/// The text of the banner's `<p id="cb-text">`, as both modules render it.
fn shown(node: &Node) -> Option<String> {
    let Node::Element(e) = node else { return None };
    if e.attrs.iter().any(|(k, v)| *k == "id" && v == "cb-text") {
        return Some(text_of(node));
    }
    e.children.iter().find_map(shown)
}

/// The text of a node and its children, as `textContent` reads it.
fn text_of(node: &Node) -> String {
    match node {
        Node::Text(t) => t.clone(),
        Node::Element(e) => e.children.iter().map(text_of).collect(),
    }
}

fn itsme(area: &str) -> Config {
    let text = std::fs::read_to_string("www/config/itsme.json").unwrap();
    Config::from_json(&text).unwrap().into_area(Some(area)).unwrap()
}

#[test]
fn every_demo_area_says_what_it_does() {
    let no_gpc: &[String] = &[];
    // My itsme: its one analytics category, in the demo config's words, and no marketing.
    let my = itsme("my-itsme");
    let expected = [
        "analytical cookies to improve your browsing experience and our website",
        "analytische cookies om uw surfervaring en onze website te verbeteren",
        "des cookies analytiques pour améliorer votre expérience de navigation et notre site",
        "Analyse-Cookies, um Ihr Surferlebnis und unsere Website zu verbessern",
    ];
    for (lang, list) in LANGS.into_iter().zip(expected) {
        let view = banner(&my, &BannerInput { lang, gpc_refused: no_gpc });
        let text = shown(&view).unwrap();
        // Its one partner, Google; itsme's own cookies are the site's.
        assert_eq!(text, format!("{} {}", sentence(lang, list), partners_sentence(lang, "Google")), "{lang}");
        assert!(!text.to_lowercase().contains("marketing"), "{lang}: {text}");
    }
    // Business: the built-in analytics phrase and the demo's own marketing phrase.
    let business = itsme("business");
    let expected = [
        "analytical cookies to improve it and marketing cookies for retargeting and to measure our advertising campaigns",
        "analytische cookies om de site te verbeteren en marketingcookies voor retargeting en om onze reclamecampagnes te meten",
        "des cookies analytiques pour l'améliorer et des cookies marketing pour le retargeting et pour mesurer nos campagnes publicitaires",
        "Analyse-Cookies, um die Website zu verbessern, und Marketing-Cookies, um Retargeting zu betreiben und unsere Werbekampagnen zu messen",
    ];
    // Its partners, each once (Numberly has analytics and marketing services), in the config's order.
    let partners = [
        "Numberly, Commanders Act and AT Internet",
        "Numberly, Commanders Act en AT Internet",
        "Numberly, Commanders Act et AT Internet",
        "Numberly, Commanders Act und AT Internet",
    ];
    for ((lang, list), partners) in LANGS.into_iter().zip(expected).zip(partners) {
        let view = banner(&business, &BannerInput { lang, gpc_refused: no_gpc });
        assert_eq!(
            shown(&view).unwrap(),
            format!("{} {}", sentence(lang, list), partners_sentence(lang, partners)),
            "{lang}"
        );
    }
    // Private and support inform: the notice, unchanged.
    for area in ["private", "support"] {
        let c = itsme(area);
        for lang in LANGS {
            let view = banner(&c, &BannerInput { lang, gpc_refused: no_gpc });
            assert_eq!(shown(&view).unwrap(), c.texts(lang).inform_description, "{area} {lang}");
        }
    }
}

#[test]
fn the_config_hash_covers_the_purposes_shown() {
    let business = itsme("business");
    let my = itsme("my-itsme");
    assert_ne!(config_hash(&business), config_hash(&my));
    // A changed phrase is a changed question.
    let mut other = my.clone();
    other.categories[1].banner_purpose.insert("de".into(), "Analyse-Cookies, um Besuche zu zählen".into());
    assert_ne!(config_hash(&other), config_hash(&my));
    // A phrase that is not shown (the description is the config's own) changes nothing.
    let own = r#", "texts": { "en": { "description": "Our own words." }, "nl": { "description": "Eigen woorden." },
        "fr": { "description": "Nos mots." }, "de": { "description": "Eigene Worte." } }"#;
    let c = config_with(&[category("video", VIDEO_PURPOSE)], own).unwrap();
    let mut changed = c.clone();
    changed.categories[1].banner_purpose.insert("en".into(), "other words".into());
    assert_eq!(config_hash(&c), config_hash(&changed));
}

/// A cookie of `provider` in the four languages, first or third party.
fn cookie(name: &str, provider: &str, party: &str) -> String {
    format!(
        r#"{{ "name": "{name}", "provider": "{provider}", "party": "{party}", "lifetime": "1 day",
             "purpose": {{ "en": "p", "nl": "p", "fr": "p", "de": "p" }} }}"#
    )
}

/// A service of `provider` with one cookie of its own.
fn service(id: &str, provider: &str) -> String {
    format!(
        r#"{{ "id": "{id}", "provider": "{provider}", "label": {{ "en": "{id}", "nl": "{id}", "fr": "{id}", "de": "{id}" }},
             "description": {{ "en": "d", "nl": "d", "fr": "d", "de": "d" }}, "cookies": [{}] }}"#,
        cookie(&format!("{id}_id"), provider, "third")
    )
}

/// A site whose essential cookie is its own ("Example"), with these optional categories.
fn site(categories: &[String]) -> Config {
    let essential = format!(
        r#"{{ "id": "essential", "required": true, "label": {{ "en": "E", "nl": "E", "fr": "E", "de": "E" }},
             "description": {{ "en": "d", "nl": "d", "fr": "d", "de": "d" }}, "cookies": [{}] }}"#,
        cookie("session", "Example", "first")
    );
    let all: Vec<&str> = std::iter::once(essential.as_str()).chain(categories.iter().map(String::as_str)).collect();
    let text = format!(
        r#"{{ "version": "1", "policyLink": "/p", "languages": ["en", "nl", "fr", "de"], "categories": [{}] }}"#,
        all.join(", ")
    );
    Config::from_json(&text).unwrap()
}

#[test]
fn the_partners_are_named_each_once_in_order_and_the_site_is_not_one() {
    use consent_banner::core::wording::partners;
    let analytics = category(
        "analytics",
        &format!(
            r#", "services": [{}, {}], "cookies": [{}]"#,
            service("at", "AT Internet"),
            service("own", "Example"),
            cookie("_ga", "Google", "first")
        ),
    );
    let marketing = category(
        "marketing",
        &format!(r#", "services": [{}, {}]"#, service("meta", "Meta"), service("at2", "AT Internet")),
    );
    let c = site(&[analytics, marketing]);
    // The site's own measurement is no partner's; a first-party cookie of Google's is Google's.
    assert_eq!(partners(&c.categories, None), ["AT Internet", "Google", "Meta"]);
    assert_eq!(partners(&c.categories, Some(2)), ["Meta", "AT Internet"]);
    assert_eq!(partners(&c.categories, Some(0)), Vec::<&str>::new());
    let text = banner_description(&c, "en");
    assert!(text.ends_with(" at any time. Some of these cookies are set by our partners, who receive data about your visit: AT Internet, Google and Meta."), "{text}");
}

#[test]
fn up_to_four_partners_are_named_then_how_many_more_as_a_button() {
    use consent_banner::core::contract::{ACTION_ATTR, ACTION_PARTNERS};
    use consent_banner::core::wording::describe;
    let names = ["Meta", "YouTube", "Google", "HubSpot", "TikTok", "LinkedIn"];
    let services = |n: usize| names[..n].iter().map(|p| service(&p.to_lowercase(), p)).collect::<Vec<_>>().join(", ");
    let four = site(&[category("marketing", &format!(r#", "services": [{}]"#, services(4)))]);
    let d = describe(&four, "de");
    assert_eq!(d.more, None);
    assert!(d.text.ends_with(": Meta, YouTube, Google und HubSpot."), "{}", d.text);
    let six = site(&[category("marketing", &format!(r#", "services": [{}]"#, services(6)))]);
    for (lang, list, more) in [
        ("en", "Meta, YouTube, Google and 3 more", "3 more"),
        ("nl", "Meta, YouTube, Google en 3 andere", "3 andere"),
        ("fr", "Meta, YouTube, Google et 3 autres", "3 autres"),
        ("de", "Meta, YouTube, Google und 3 weitere", "3 weitere"),
    ] {
        let d = describe(&six, lang);
        assert!(d.text.ends_with(&partners_sentence(lang, list)), "{lang}: {}", d.text);
        let (start, end) = d.more.unwrap();
        assert_eq!(&d.text[start..end], more, "{lang}");
        assert_eq!(end, d.text.len() - 1, "{lang}: the full stop follows");
        // The banner shows the same text, the words for the rest a button that opens the privacy centre.
        let view = banner(&six, &BannerInput { lang, gpc_refused: &[] });
        let p = find(&view, "cb-text").unwrap();
        assert_eq!(text_of(&Node::Element(p.clone())), d.text, "{lang}");
        // The sentence a block of its own (never the page's largest text block), "3 more" in it.
        let [Node::Text(_), Node::Element(span), Node::Text(end)] = &p.children[..] else { panic!("{p:?}") };
        assert_eq!((span.tag, end.as_str()), ("span", ""));
        assert!(span.attrs.contains(&("class", "cb-partners".to_string())), "{span:?}");
        assert_eq!(text_of(&Node::Element(span.clone())), partners_sentence(lang, list));
        let [Node::Text(_), Node::Element(button), Node::Text(stop)] = &span.children[..] else { panic!("{span:?}") };
        assert_eq!(stop, ".");
        assert_eq!(button.tag, "button");
        assert!(button.attrs.contains(&(ACTION_ATTR, ACTION_PARTNERS.to_string())), "{button:?}");
        assert_eq!(button.children, [Node::Text(more.to_string())]);
    }
}

#[test]
fn without_partners_the_sentence_and_its_space_go() {
    let own = category("analytics", &format!(r#", "cookies": [{}]"#, cookie("_pk_id", "Example", "first")));
    let c = site(&[own]);
    assert_eq!(banner_description(&c, "en"), sentence("en", "analytical cookies to improve it"));
    let text = r#", "texts": { "en": { "description": "We share data: {partners} That is all." } }"#;
    let c = config_with(&[category("analytics", "")], text).unwrap();
    assert_eq!(banner_description(&c, "en"), "We share data: That is all.");
}

/// The element with this id.
fn find<'a>(node: &'a Node, id: &str) -> Option<&'a consent_banner::core::view::Element> {
    let Node::Element(e) = node else { return None };
    if e.attrs.iter().any(|(k, v)| *k == "id" && v == id) {
        return Some(e);
    }
    e.children.iter().find_map(|c| find(c, id))
}
