//! The audit's smaller parts: the Open Cookie Database, Set-Cookie lines, sites and trackers,
//! the crawl, the suggestions of --write-config and the HTML report.

use consent_audit::findings::{analyze, Kind};
use consent_audit::model::{Banner, CookieSource, PageRecord, Party, Pass, PassRecord, SeenCookie};
use consent_audit::ocd::{lifetime_of_retention, Ocd};
use consent_audit::suggest::{guess_category, lifetime_at_least, suggestions};
use consent_audit::{crawl, html, setcookie, site};
use consent_banner::core::config::Config;
use url::Url;

#[test]
fn the_shipped_database_has_every_entry() {
    let ocd = Ocd::shipped().unwrap();
    assert_eq!(ocd.len(), 2264);
}

#[test]
fn lookup_takes_the_exact_name_then_the_longest_wildcard_prefix() {
    let ocd = Ocd::shipped().unwrap();
    let ga = ocd.lookup("_ga").unwrap();
    assert_eq!((ga.platform.as_str(), ga.category.as_str(), ga.wildcard), ("Google Analytics", "Analytics", false));
    let property = ocd.lookup("_ga_DEMO123").unwrap();
    assert_eq!((property.name.as_str(), property.wildcard), ("_ga_", true));
    assert_eq!(ocd.lookup("_gat_gtag_UA_1").unwrap().name, "_gat_gtag_", "the longer of _gat and _gat_gtag_");
    assert_eq!(ocd.lookup("__cf_bm").unwrap().platform, "Cloudflare");
    assert!(ocd.lookup("no_such_cookie_here").is_none());
}

#[test]
fn a_small_database_parses_with_quotes_and_skips_empty_names() {
    let csv = "ID,Platform,Category,Cookie / Data Key name,Domain,Description,Retention period,Data Controller,User Privacy & GDPR Rights Portals,Wildcard match\n\
        1,Shop,Functional,cart_,,\"Keeps the cart, \"\"as is\"\"\",1 day,Shop Inc,,1\n\
        2,Shop,Functional,,,nothing,,,,0\n";
    let ocd = Ocd::parse(csv).unwrap();
    assert_eq!(ocd.len(), 1);
    assert_eq!(ocd.lookup("cart_42").unwrap().description, "Keeps the cart, \"as is\"");
}

#[test]
fn retentions_become_config_lifetimes() {
    assert_eq!(lifetime_of_retention("2 years").as_deref(), Some("2 years"));
    assert_eq!(lifetime_of_retention("1 Year").as_deref(), Some("1 year"));
    assert_eq!(lifetime_of_retention("Session").as_deref(), Some("session"));
    assert_eq!(lifetime_of_retention("End of session (browser)").as_deref(), Some("session"));
    assert_eq!(lifetime_of_retention("13 months by default, modifiable").as_deref(), Some("13 months"));
    assert_eq!(lifetime_of_retention("Unknown"), None);
    assert_eq!(lifetime_of_retention("forever"), None);
}

#[test]
fn set_cookie_lines_give_name_domain_path_and_lifetime() {
    let now = 1_800_000_000.0;
    let c = setcookie::parse("nmb_uid=abc; Max-Age=15552000; Path=/; SameSite=Lax", "www.example.com", now).unwrap();
    assert_eq!(
        (c.name.as_str(), c.domain.as_str(), c.path.as_str(), c.lifetime),
        ("nmb_uid", "www.example.com", "/", Some(15_552_000))
    );
    assert_eq!(c.source, CookieSource::SetCookie);
    let c = setcookie::parse(
        "id=1; Domain=.Example.com; Path=/shop; HttpOnly; Expires=Sat, 15 Jan 2028 08:00:00 GMT",
        "a.example.com",
        now,
    )
    .unwrap();
    assert_eq!((c.domain.as_str(), c.path.as_str(), c.http_only), (".example.com", "/shop", true));
    assert_eq!(c.lifetime, Some(setcookie::http_date("Sat, 15 Jan 2028 08:00:00 GMT").unwrap() - 1_800_000_000));
    let session = setcookie::parse("s=1; Path=/", "h", now).unwrap();
    assert_eq!(session.lifetime, None);
    // Max-Age wins over Expires; deletions and garbage are no cookies.
    assert_eq!(
        setcookie::parse("a=1; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=60", "h", now).unwrap().lifetime,
        Some(60)
    );
    assert!(setcookie::parse("a=; Max-Age=0", "h", now).is_none());
    assert!(setcookie::parse("a=; Expires=Thu, 01 Jan 1970 00:00:00 GMT", "h", now).is_none());
    assert!(setcookie::parse("no equals sign", "h", now).is_none());
    assert!(setcookie::parse("=value", "h", now).is_none());
}

#[test]
fn http_dates_in_both_spellings() {
    assert_eq!(setcookie::http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
    assert_eq!(setcookie::http_date("Wed, 21 Oct 2015 07:28:00 GMT"), Some(1_445_412_480));
    assert_eq!(setcookie::http_date("Wed, 21-Oct-2015 07:28:00 GMT"), Some(1_445_412_480));
    assert_eq!(setcookie::http_date("Wed, 21-Oct-15 07:28:00 GMT"), Some(1_445_412_480));
    assert_eq!(setcookie::http_date("tomorrow"), None);
    assert_eq!(setcookie::http_date(""), None);
}

#[test]
fn sites_and_parties() {
    assert_eq!(site::site("www.example.com"), "example.com");
    assert_eq!(site::site(".example.com"), "example.com");
    assert_eq!(site::site("shop.example.co.uk"), "example.co.uk");
    assert_eq!(site::site("127.0.0.1"), "127.0.0.1");
    assert_eq!(site::party("static.example.com", "www.example.com"), Party::First);
    assert_eq!(site::party(".doubleclick.net", "www.example.com"), Party::Third);
    assert_eq!(site::party("example.co.uk", "other.co.uk"), Party::Third);
}

#[test]
fn trackers_by_host_path_and_text() {
    assert_eq!(site::tracker_of_url("https://www.google-analytics.com/g/collect"), Some("Google Analytics"));
    assert_eq!(site::tracker_of_url("https://connect.facebook.net/en_US/fbevents.js"), Some("Meta (Facebook)"));
    assert_eq!(site::tracker_of_url("https://www.google.com/maps/embed?pb=1"), Some("Google Maps"));
    assert_eq!(site::tracker_of_url("https://www.google.com/search"), None);
    assert_eq!(site::tracker_of_url("https://notfacebook.com/x"), None, "a suffix is not a parent domain");
    assert_eq!(site::tracker_of_url("/www/tags/at-internet.js"), None);
    assert_eq!(
        site::tracker_in_text("(function(h,o,t,j){h._hjSettings={};o='https://static.hotjar.com/c/hotjar-'})")
            .map(|t| t.1),
        Some("Hotjar")
    );
    assert_eq!(site::tracker_in_text("console.log('hi')"), None);
}

#[test]
fn the_crawl_follows_same_origin_pages_only() {
    let from = Url::parse("https://www.example.com/a").unwrap();
    let follow = |href: &str| crawl::follow(&from, &Url::parse(href).unwrap()).map(|u| u.to_string());
    assert_eq!(follow("https://www.example.com/b#top").as_deref(), Some("https://www.example.com/b"));
    assert_eq!(follow("https://other.example.com/b"), None);
    assert_eq!(follow("http://www.example.com/b"), None, "another scheme is another origin");
    assert_eq!(follow("https://www.example.com/report.PDF"), None);
    assert_eq!(follow("mailto:dpo@example.com"), None);
}

#[test]
fn sitemaps_and_sitemap_indexes() {
    let xml = r#"<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <url><loc> https://www.example.com/ </loc></url><url><loc>https://www.example.com/?a=1&amp;b=2</loc></url>
      <url><loc><![CDATA[https://www.example.com/c]]></loc></url></urlset>"#;
    assert_eq!(
        crawl::sitemap_locs(xml),
        ["https://www.example.com/", "https://www.example.com/?a=1&b=2", "https://www.example.com/c"]
    );
    assert!(!crawl::is_sitemap_index(xml));
    assert!(crawl::is_sitemap_index("<sitemapindex><sitemap><loc>https://x/s.xml</loc></sitemap></sitemapindex>"));
    assert!(crawl::sitemap_locs("<loc>unterminated").is_empty());
}

#[test]
fn lifetimes_are_rounded_up_to_the_configs_units() {
    assert_eq!(lifetime_at_least(None), "session");
    assert_eq!(lifetime_at_least(Some(28)), "28 seconds");
    assert_eq!(lifetime_at_least(Some(1798)), "30 minutes");
    assert_eq!(lifetime_at_least(Some(86_400)), "24 hours");
    assert_eq!(lifetime_at_least(Some(15_551_998)), "6 months");
    assert_eq!(lifetime_at_least(Some(33_695_998)), "13 months");
    assert_eq!(lifetime_at_least(Some(400 * 86_400)), "14 months");
    assert_eq!(lifetime_at_least(Some(800 * 86_400)), "3 years");
}

#[test]
fn categories_are_guessed_from_the_database() {
    let ids =
        vec![("essential".to_string(), true), ("site-analytics".to_string(), false), ("marketing".to_string(), false)];
    assert_eq!(guess_category(Some("Analytics"), &ids), "site-analytics");
    assert_eq!(guess_category(Some("Marketing"), &ids), "marketing");
    assert_eq!(guess_category(Some("Security"), &ids), "essential");
    assert_eq!(guess_category(Some("Functional"), &ids), "essential");
    assert_eq!(guess_category(None, &ids), "essential");
    assert_eq!(guess_category(Some("Marketing"), &ids[..1]), "marketing");
}

const SITE: &str = r#"{ "version": "1", "policyLink": "/cookies", "languages": ["en", "nl"],
  "categories": [
    { "id": "essential", "required": true, "label": { "en": "Essential", "nl": "Essentieel" }, "description": { "en": "Needed.", "nl": "Nodig." } },
    { "id": "analytics", "label": { "en": "Analytics", "nl": "Analyse" }, "description": { "en": "Statistics.", "nl": "Statistieken." },
      "services": [ { "id": "ga", "provider": "Google", "label": { "en": "GA", "nl": "GA" }, "description": { "en": "Stats.", "nl": "Stats." } } ] }
  ] }"#;

fn seen(name: &str, lifetime: Option<i64>) -> SeenCookie {
    SeenCookie {
        name: name.into(),
        domain: ".example.com".into(),
        path: "/".into(),
        lifetime,
        party: Party::First,
        source: CookieSource::Jar,
        http_only: false,
    }
}

fn accepted(cookies: Vec<SeenCookie>) -> PageRecord {
    let mut pass = PassRecord::new(Pass::Accept);
    pass.cookies = cookies;
    pass.banner = Some(Banner { mode: "ask".into(), lang: "en".into(), text: "analytical cookies".into() });
    PageRecord {
        url: "https://www.example.com/".into(),
        area: None,
        has_loader: true,
        passes: vec![pass],
        tags: vec![],
        error: None,
    }
}

/// The entries --write-config prints, put where they say, make a config that validates and
/// that the same audit no longer faults.
#[test]
fn write_config_entries_validate_and_declare_what_was_seen() {
    let config = Config::from_json(SITE).unwrap();
    let ocd = Ocd::shipped().unwrap();
    let pages = [accepted(vec![
        seen("_ga", Some(400 * 86_400)),
        seen("_ga_XYZ", Some(400 * 86_400)),
        seen("__cf_bm", Some(1800)),
        seen("mystery", None),
    ])];
    let findings = analyze(&config, &pages, &ocd);
    assert_eq!(findings.iter().filter(|f| f.kind == Kind::UndeclaredCookie).count(), 4);
    let groups = suggestions(&config, &pages, &findings, &ocd);
    let mut json: serde_json::Value = serde_json::from_str(SITE).unwrap();
    for group in groups.as_array().unwrap() {
        let path = group["path"].as_str().unwrap();
        // categories[i].cookies or categories[i].services[j].cookies
        let mut target = &mut json;
        for part in path.split('.') {
            let (key, index) = match part.split_once('[') {
                Some((k, i)) => (k, Some(i.trim_end_matches(']').parse::<usize>().unwrap())),
                None => (part, None),
            };
            if target.get(key).is_none() {
                target[key] = serde_json::json!([]);
            }
            target = &mut target[key];
            if let Some(i) = index {
                target = &mut target[i];
            }
        }
        let list = target.as_array_mut().unwrap();
        list.extend(group["cookies"].as_array().unwrap().iter().cloned());
    }
    let text = serde_json::to_string_pretty(&json).unwrap();
    let fixed = Config::from_json(&text).unwrap_or_else(|e| panic!("{e:?}\n{text}"));
    let ga = &fixed.categories[1].services[0].cookies;
    assert!(ga.iter().any(|c| c.name == "_ga") && ga.iter().any(|c| c.name == "_ga_*"), "{text}");
    assert!(fixed.categories[0].cookies.iter().any(|c| c.name == "__cf_bm" && c.provider == "Cloudflare"), "{text}");
    assert!(text.contains("TODO: what the cookie mystery is for"));
    let again = analyze(&fixed, &pages, &ocd);
    assert!(again.iter().all(|f| f.kind != Kind::UndeclaredCookie && f.kind != Kind::LifetimeExceeded), "{again:#?}");
    // The config's own key order.
    let first = serde_json::to_string(&groups[0]["cookies"][0]).unwrap();
    assert!(first.find("\"name\"").unwrap() < first.find("\"provider\"").unwrap());
    assert!(first.find("\"lifetime\"").unwrap() < first.find("\"purpose\"").unwrap());
}

#[test]
fn the_html_report_is_self_contained_and_escapes_everything() {
    let config = Config::from_json(SITE).unwrap();
    let ocd = Ocd::shipped().unwrap();
    let mut page = accepted(vec![seen("<script>alert(1)</script>", Some(60))]);
    page.passes[0].screenshot = Some("iVBORw0KGgo=".into());
    let mut first = PassRecord::new(Pass::NoChoice);
    first.screenshot = Some("iVBORw0KGgo=".into());
    first.banner = page.passes[0].banner.clone();
    page.passes.insert(0, first);
    let findings = analyze(&config, std::slice::from_ref(&page), &ocd);
    let report = html::report("site.json", "2026-01-01T00:00:00.000Z", &[page], &findings, &|_| false);
    assert!(report.contains("✗ Failed"));
    assert!(report.contains("data:image/png;base64,iVBORw0KGgo="));
    assert!(!report.contains("<script>alert(1)"));
    assert!(report.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    for external in ["src=\"http", "href=\"http", "<link", "<script", "@import", "url("] {
        assert!(!report.contains(external), "{external}");
    }
    let clean = html::report("site.json", "now", &[], &[], &|_| false);
    assert!(clean.contains("✓ Passed"));
}
