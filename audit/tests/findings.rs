//! Findings from recorded passes, without a browser: each kind, and what must not be one.

use consent_audit::findings::{analyze, did_you_mean, Finding, Kind, Severity};
use consent_audit::model::{
    Banner, CookieSource, PageRecord, Party, Pass, PassRecord, Request, SeenCookie, StorageKey, StorageKind, Tag,
    TagContext,
};
use consent_audit::ocd::Ocd;
use consent_banner::core::config::Config;

const PAGE: &str = "https://www.example.com/shop";

/// A two-area site: "shop" asks for analytics (with a service) and marketing; "help" only informs.
fn config() -> Config {
    let mut config = Config::from_json(
        r#"{ "version": "1", "policyLink": "/cookies",
  "areas": {
    "shop": { "label": { "en": "Shop" }, "categories": [
      { "id": "essential", "required": true, "label": { "en": "Essential" }, "description": { "en": "Needed." },
        "cookies": [ { "name": "session_id", "provider": "Example", "party": "first", "lifetime": "session", "purpose": { "en": "Session." } } ] },
      { "id": "analytics", "label": { "en": "Analytics" }, "description": { "en": "Statistics." },
        "services": [ { "id": "ga", "provider": "Google", "label": { "en": "Google Analytics" }, "description": { "en": "Statistics." },
          "cookies": [ { "name": "_ga", "provider": "Google", "party": "first", "lifetime": "13 months", "purpose": { "en": "Visitor id." } },
                       { "name": "_ga_*", "provider": "Google", "party": "first", "lifetime": "13 months", "purpose": { "en": "Session state." } } ] } ] },
      { "id": "marketing", "label": { "en": "Marketing" }, "description": { "en": "Ads." },
        "cookies": [ { "name": "_fbp", "provider": "Meta", "party": "first", "lifetime": "3 months", "purpose": { "en": "Ads." } },
                     { "name": "IDE", "provider": "Google", "party": "third", "lifetime": "13 months", "purpose": { "en": "Ads." } } ] } ] },
    "help": { "label": { "en": "Help" }, "mode": "inform", "categories": [
      { "id": "essential", "required": true, "label": { "en": "Essential" }, "description": { "en": "Needed." },
        "cookies": [ { "name": "help_desk", "provider": "Example", "party": "first", "lifetime": "1 day", "purpose": { "en": "Tickets." } } ] } ] }
  } }"#,
    )
    .unwrap();
    config.add_bundled_texts();
    config
}

fn cookie(name: &str, lifetime: Option<i64>) -> SeenCookie {
    SeenCookie {
        name: name.into(),
        domain: "www.example.com".into(),
        path: "/".into(),
        lifetime,
        party: Party::First,
        source: CookieSource::Jar,
        http_only: false,
    }
}

fn third(name: &str, domain: &str, lifetime: Option<i64>) -> SeenCookie {
    SeenCookie { domain: domain.into(), party: Party::Third, ..cookie(name, lifetime) }
}

const DAY: i64 = 86_400;

/// A shop page: the banner named both purposes; each pass's cookies as given.
fn page(passes: Vec<(Pass, Vec<SeenCookie>)>) -> PageRecord {
    let text = "We use essential cookies. With your consent we would also use analytical cookies to improve it and marketing cookies for ads.";
    PageRecord {
        url: PAGE.into(),
        area: Some("shop".into()),
        has_loader: true,
        passes: passes
            .into_iter()
            .map(|(pass, cookies)| {
                let mut p = PassRecord::new(pass);
                p.cookies = cookies;
                if pass != Pass::Withdrawn {
                    p.banner = Some(Banner { mode: "ask".into(), lang: "en".into(), text: text.into() });
                }
                p
            })
            .collect(),
        tags: Vec::new(),
        error: None,
    }
}

/// A clean shop page: essentials and the banner's own cookies before a choice, everything after Accept all.
fn clean() -> PageRecord {
    let own = || vec![cookie("consent", Some(365 * DAY)), cookie("consent_banner", Some(7 * DAY))];
    let mut accept = own();
    accept.extend([
        cookie("session_id", None),
        cookie("_ga", Some(390 * DAY)),
        cookie("_ga_ABC123", Some(390 * DAY)),
        cookie("_fbp", Some(90 * DAY)),
        third("IDE", ".doubleclick.net", Some(390 * DAY)),
    ]);
    let mut reject = own();
    reject.push(cookie("session_id", None));
    page(vec![
        (Pass::NoChoice, vec![cookie("session_id", None)]),
        (Pass::Reject, reject.clone()),
        (Pass::Accept, accept),
        (Pass::Withdrawn, reject),
    ])
}

fn run(pages: &[PageRecord]) -> Vec<Finding> {
    analyze(&config(), pages, &Ocd::shipped().unwrap())
}

fn of(findings: &[Finding], kind: Kind) -> Vec<&Finding> {
    findings.iter().filter(|f| f.kind == kind).collect()
}

fn errors(findings: &[Finding]) -> Vec<&Finding> {
    findings.iter().filter(|f| f.severity == Severity::Error).collect()
}

#[test]
fn a_clean_page_has_no_finding() {
    let findings = run(&[clean()]);
    assert!(findings.is_empty(), "{findings:#?}");
}

#[test]
fn essentials_and_the_banners_own_cookies_are_fine_before_a_choice() {
    let mut p = clean();
    p.passes[0].cookies.extend([cookie("consent_lang", Some(365 * DAY)), cookie("session_id", None)]);
    p.passes[0].storage.push(StorageKey { kind: StorageKind::LocalStorage, key: "consent-banner:policy:shop".into() });
    p.passes[0]
        .storage
        .push(StorageKey { kind: StorageKind::LocalStorage, key: "consent-banner:surfaces:shop".into() });
    p.passes[0].storage.push(StorageKey { kind: StorageKind::LocalStorage, key: "consent-banner:surfaces".into() });
    p.passes[0].storage.push(StorageKey { kind: StorageKind::LocalStorage, key: "consent_history".into() });
    assert!(run(&[p]).is_empty());
}

#[test]
fn a_key_that_only_starts_like_the_banners_own_is_not_its_own() {
    let mut p = clean();
    p.passes[0].storage.push(StorageKey { kind: StorageKind::LocalStorage, key: "consent-banner:policyX".into() });
    assert_eq!(of(&run(&[p]), Kind::UndeclaredCookie).len(), 1);
}

#[test]
fn an_optional_cookie_before_a_choice_is_before_consent() {
    let mut p = clean();
    p.passes[0].cookies.push(cookie("_ga", Some(390 * DAY)));
    let findings = run(&[p]);
    let before = of(&findings, Kind::BeforeConsent);
    assert_eq!(before.len(), 1, "{findings:#?}");
    assert_eq!((before[0].name.as_str(), before[0].pass, before[0].severity), ("_ga", Pass::NoChoice, Severity::Error));
    assert!(before[0].detail.contains("service \"ga\""), "{}", before[0].detail);
}

#[test]
fn an_optional_cookie_after_reject_all_is_after_reject() {
    let mut p = clean();
    p.passes[1].cookies.push(cookie("_fbp", Some(90 * DAY)));
    let findings = run(&[p]);
    let after = of(&findings, Kind::AfterReject);
    assert_eq!(after.len(), 1);
    assert_eq!((after[0].name.as_str(), after[0].pass), ("_fbp", Pass::Reject));
}

#[test]
fn a_cookie_left_after_withdrawal_is_an_error_first_party_and_a_warning_third_party() {
    let mut p = clean();
    p.passes[3].cookies.push(cookie("_fbp", Some(90 * DAY)));
    p.passes[3].cookies.push(third("IDE", ".doubleclick.net", Some(390 * DAY)));
    let findings = run(&[p]);
    let after = of(&findings, Kind::AfterReject);
    let fbp = after.iter().find(|f| f.name == "_fbp").unwrap();
    let ide = after.iter().find(|f| f.name == "IDE").unwrap();
    assert_eq!((fbp.pass, fbp.severity), (Pass::Withdrawn, Severity::Error));
    assert_eq!(ide.severity, Severity::Warning);
}

#[test]
fn an_undeclared_cookie_gets_its_open_cookie_database_entry() {
    let mut p = clean();
    p.passes[2].cookies.push(cookie("_hjSessionUser_123", Some(365 * DAY)));
    p.passes[2].cookies.push(cookie("shop_mystery", None));
    let findings = run(&[p]);
    let undeclared = of(&findings, Kind::UndeclaredCookie);
    assert_eq!(undeclared.len(), 2, "{findings:#?}");
    let hotjar = undeclared.iter().find(|f| f.name == "_hjSessionUser_123").unwrap();
    assert_eq!(hotjar.severity, Severity::Error);
    assert_eq!(hotjar.ocd.as_ref().unwrap().platform, "Hotjar");
    assert!(hotjar.detail.contains("Hotjar") && hotjar.detail.contains("Seen in: accept"), "{}", hotjar.detail);
    let mystery = undeclared.iter().find(|f| f.name == "shop_mystery").unwrap();
    assert!(mystery.ocd.is_none());
    assert!(mystery.detail.contains("does not know it"));
}

#[test]
fn an_undeclared_storage_key_is_undeclared_too() {
    let mut p = clean();
    p.passes[2].storage.push(StorageKey { kind: StorageKind::LocalStorage, key: "tracker_state".into() });
    let findings = run(&[p]);
    let f = of(&findings, Kind::UndeclaredCookie);
    assert_eq!(f.len(), 1);
    assert!(f[0].detail.contains("localStorage key"), "{}", f[0].detail);
}

#[test]
fn an_undeclared_analytics_cookie_before_a_choice_is_also_before_consent() {
    let mut p = clean();
    p.passes[0].cookies.push(cookie("_gid", Some(DAY)));
    let findings = run(&[p]);
    assert_eq!(of(&findings, Kind::UndeclaredCookie).len(), 1);
    let before = of(&findings, Kind::BeforeConsent);
    assert_eq!(before.len(), 1);
    assert!(before[0].detail.contains("Analytics"));
}

#[test]
fn a_cookie_declared_only_for_another_area_is_a_warning() {
    let mut p = clean();
    p.passes[0].cookies.push(cookie("help_desk", Some(DAY)));
    let findings = run(&[p]);
    let f = of(&findings, Kind::UndeclaredCookie);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, Severity::Warning);
    assert!(f[0].detail.contains("help"), "{}", f[0].detail);
}

#[test]
fn a_cookie_living_longer_than_declared_is_lifetime_exceeded() {
    let mut p = clean();
    // _fbp is declared for 3 months; 400 days is over. _ga at 13 months + 1 day is within the slack.
    p.passes[2].cookies.retain(|c| c.name != "_fbp" && c.name != "_ga");
    p.passes[2].cookies.push(cookie("_fbp", Some(400 * DAY)));
    p.passes[2].cookies.push(cookie("_ga", Some(391 * DAY)));
    // A session cookie that persists.
    p.passes[2].cookies.retain(|c| c.name != "session_id");
    p.passes[2].cookies.push(cookie("session_id", Some(30 * DAY)));
    let findings = run(&[p]);
    let mut names: Vec<&str> = of(&findings, Kind::LifetimeExceeded).iter().map(|f| f.name.as_str()).collect();
    names.sort_unstable();
    assert_eq!(names, ["_fbp", "session_id"], "{findings:#?}");
    let fbp = findings.iter().find(|f| f.name == "_fbp").unwrap();
    assert!(fbp.detail.contains("3 months") && fbp.detail.contains("13 months"), "{}", fbp.detail);
}

#[test]
fn a_declared_cookie_never_seen_is_declared_unseen_information() {
    let mut p = clean();
    p.passes[2].cookies.retain(|c| c.name != "_fbp");
    let findings = run(&[p]);
    let unseen = of(&findings, Kind::DeclaredUnseen);
    assert_eq!(unseen.len(), 1);
    assert_eq!((unseen[0].name.as_str(), unseen[0].severity, unseen[0].pass), ("_fbp", Severity::Info, Pass::Accept));
    assert!(errors(&findings).is_empty());
}

#[test]
fn declared_unseen_counts_every_page_of_the_area() {
    let mut a = clean();
    a.passes[2].cookies.retain(|c| c.name != "_fbp");
    let mut b = clean();
    b.url = "https://www.example.com/shop/cart".into();
    b.passes[2].cookies.retain(|c| c.name != "_ga");
    assert!(of(&run(&[a, b]), Kind::DeclaredUnseen).is_empty());
}

fn tag(category: Option<&str>, service: Option<&str>) -> Tag {
    Tag {
        tag: "script".into(),
        data_src: "https://www.example.com/stats.js".into(),
        r#type: "text/plain".into(),
        category: category.map(String::from),
        service: service.map(String::from),
        ..Tag::default()
    }
}

#[test]
fn a_misspelt_category_is_an_unknown_gate_with_a_suggestion() {
    let mut p = clean();
    p.tags.push((TagContext::Html, tag(Some("analytcs"), None)));
    let findings = run(&[p]);
    let gates = of(&findings, Kind::UnknownGate);
    assert_eq!(gates.len(), 1);
    assert_eq!(gates[0].name, "data-consent-category=\"analytcs\"");
    assert!(gates[0].detail.contains("Did you mean \"analytics\"?"), "{}", gates[0].detail);
    assert_eq!(gates[0].severity, Severity::Error);
}

#[test]
fn an_unknown_service_and_a_service_without_category_are_unknown_gates() {
    let mut p = clean();
    p.tags.push((TagContext::Dom, tag(Some("analytics"), Some("gaa"))));
    p.tags.push((TagContext::Dom, tag(None, Some("ga"))));
    p.tags.push((TagContext::Dom, tag(Some("analytics"), Some("ga"))));
    let findings = run(&[p]);
    let mut names: Vec<&str> = of(&findings, Kind::UnknownGate).iter().map(|f| f.name.as_str()).collect();
    names.sort_unstable();
    assert_eq!(names, ["data-consent-service=\"ga\"", "data-consent-service=\"gaa\""]);
}

#[test]
fn a_category_of_another_area_is_an_unknown_gate_on_this_one() {
    let mut p = clean();
    p.area = Some("help".into());
    p.passes.iter_mut().for_each(|pass| pass.cookies.retain(|c| c.name == "consent" || c.name == "consent_banner"));
    p.tags.push((TagContext::Html, tag(Some("marketing"), None)));
    let gates = of(&run(&[p]), Kind::UnknownGate).len();
    assert_eq!(gates, 1);
}

#[test]
fn an_unknown_area_is_an_unknown_gate() {
    let mut p = clean();
    p.area = Some("shopp".into());
    let findings = run(&[p]);
    let gates = of(&findings, Kind::UnknownGate);
    assert_eq!(gates[0].name, "data-area=\"shopp\"");
}

fn pixel(context: TagContext, src: &str, category: Option<&str>) -> (TagContext, Tag) {
    (context, Tag { tag: "img".into(), src: src.into(), category: category.map(String::from), ..Tag::default() })
}

#[test]
fn trackers_that_are_not_gated_are_ungated_tags() {
    let mut p = clean();
    p.tags.push(pixel(TagContext::Noscript, "https://www.facebook.com/tr?id=1&ev=PageView&noscript=1", None));
    p.tags.push(pixel(TagContext::Html, "https://www.googletagmanager.com/gtm.js?id=GTM-1", None));
    p.tags.push((
        TagContext::Html,
        Tag {
            tag: "script".into(),
            inline: "!function(f,b,e,v,n,t,s){t.src='https://connect.facebook.net/en_US/fbevents.js'}(window)".into(),
            ..Tag::default()
        },
    ));
    // Gated but keeping its src: it loads at once.
    p.tags.push(pixel(TagContext::Html, "https://www.youtube.com/embed/x", Some("marketing")));
    let findings = run(&[p]);
    let ungated = of(&findings, Kind::UngatedTag);
    assert_eq!(ungated.len(), 4, "{findings:#?}");
    assert!(ungated.iter().any(|f| f.detail.contains("<noscript>")));
    assert!(ungated.iter().any(|f| f.detail.contains("An inline <script>")));
    assert!(ungated.iter().any(|f| f.detail.contains("move src to data-src")));
}

#[test]
fn gated_activated_and_first_party_tags_are_no_ungated_tags() {
    let mut p = clean();
    // Gated as the README says.
    p.tags.push((
        TagContext::Html,
        Tag {
            tag: "script".into(),
            r#type: "text/plain".into(),
            data_src: "https://www.googletagmanager.com/gtag/js".into(),
            category: Some("analytics".into()),
            service: Some("ga".into()),
            ..Tag::default()
        },
    ));
    // Activated by the banner (an essential tag, say).
    p.tags.push((
        TagContext::Dom,
        Tag {
            tag: "script".into(),
            src: "https://www.google-analytics.com/analytics.js".into(),
            category: Some("essential".into()),
            activated: true,
            ..Tag::default()
        },
    ));
    // The site's own.
    p.tags.push(pixel(TagContext::Html, "https://www.example.com/logo.png", None));
    assert!(of(&run(&[p]), Kind::UngatedTag).is_empty());
}

#[test]
fn requests_to_trackers_before_a_choice_are_errors_and_other_third_parties_warnings() {
    let mut p = clean();
    let request = |url: &str, host: &str| Request {
        url: url.into(),
        host: host.into(),
        party: Party::Third,
        kind: "Image".into(),
    };
    p.passes[0].requests.push(request("https://www.facebook.com/tr?id=1", "www.facebook.com"));
    p.passes[0].requests.push(request("https://fonts.example-cdn.net/a.woff2", "fonts.example-cdn.net"));
    p.passes[2].requests.push(request("https://www.facebook.com/tr?id=1", "www.facebook.com"));
    // A subdomain of the site is first party: no finding.
    p.passes[1]
        .requests
        .push(Request { party: Party::First, ..request("https://static.example.com/a.js", "static.example.com") });
    let findings = run(&[p]);
    let before = of(&findings, Kind::BeforeConsent);
    assert_eq!(before.len(), 2, "{findings:#?}");
    assert_eq!(before.iter().find(|f| f.name == "www.facebook.com").unwrap().severity, Severity::Error);
    assert_eq!(before.iter().find(|f| f.name == "fonts.example-cdn.net").unwrap().severity, Severity::Warning);
    assert!(of(&findings, Kind::AfterReject).is_empty());
}

#[test]
fn a_banner_that_does_not_name_a_used_purpose_is_a_first_layer_finding() {
    let mut p = clean();
    for pass in &mut p.passes {
        if let Some(b) = &mut pass.banner {
            b.text = "We use essential cookies. With your consent we would also use analytical cookies to improve it."
                .into();
        }
    }
    let findings = run(&[p]);
    let first = of(&findings, Kind::FirstLayer);
    assert_eq!(first.len(), 1, "{findings:#?}");
    assert_eq!(first[0].name, "marketing");
    assert!(first[0].detail.contains("_fbp") || first[0].detail.contains("IDE"), "{}", first[0].detail);
}

#[test]
fn a_banner_naming_a_provider_is_enough() {
    let mut p = clean();
    for pass in &mut p.passes {
        if let Some(b) = &mut pass.banner {
            b.text = "We use essential cookies, analytical cookies to improve it, and Meta's and Google's advertising cookies.".into();
        }
    }
    assert!(of(&run(&[p]), Kind::FirstLayer).is_empty());
}

#[test]
fn no_banner_on_a_page_with_the_loader_is_a_first_layer_error() {
    let mut p = clean();
    p.passes.iter_mut().for_each(|pass| pass.banner = None);
    let findings = run(&[p]);
    assert!(of(&findings, Kind::FirstLayer).iter().any(|f| f.name == "banner" && f.severity == Severity::Error));
}

#[test]
fn a_page_that_did_not_load_gives_no_finding() {
    let mut p = clean();
    p.passes[0].cookies.push(cookie("_ga", Some(DAY)));
    p.error = Some("cannot load".into());
    assert!(run(&[p]).is_empty());
}

#[test]
fn findings_are_sorted_errors_first_and_serialise_with_the_documented_fields() {
    let mut p = clean();
    p.passes[2].cookies.retain(|c| c.name != "_fbp");
    p.passes[0].cookies.push(cookie("_ga", Some(390 * DAY)));
    let findings = run(&[p]);
    assert_eq!(findings[0].severity, Severity::Error);
    assert_eq!(findings.last().unwrap().severity, Severity::Info);
    let json = serde_json::to_value(&findings[0]).unwrap();
    for field in ["kind", "severity", "page", "pass", "name", "detail"] {
        assert!(json[field].is_string(), "{field} in {json}");
    }
    assert_eq!(json["kind"], "before-consent");
    assert_eq!(json["pass"], "no-choice");
}

#[test]
fn did_you_mean_only_suggests_near_misses() {
    assert_eq!(did_you_mean("analytcs", ["essential", "analytics", "marketing"]), Some("analytics"));
    assert_eq!(did_you_mean("ads", ["essential", "analytics", "marketing"]), None);
}
