//! Decisions on a page view and after a choice: what shows, which tags run.

use consent_banner::core::config::Config;
use consent_banner::core::consent::{self, apply, change, decide, encode, Choice, Rejected, Surface};
use consent_banner::core::cookie;

const NOW: u64 = 1_795_000_000;

fn site() -> Config {
    Config::from_json(&std::fs::read_to_string("www/config/itsme.json").unwrap()).unwrap()
}

fn business() -> Config {
    site().for_area(Some("business")).unwrap()
}

fn private() -> Config {
    site().for_area(Some("private")).unwrap()
}

fn stored(config: &Config, choice: Choice) -> String {
    encode(&apply(&config.policy(), &choice, None, NOW, [1; 8]))
}

#[test]
fn first_visit_shows_the_banner_and_runs_only_essential_tags() {
    let d = decide(&business().policy(), &[], None, NOW);
    assert_eq!(d.surface, Surface::Banner);
    // The consent provider's cookies wait for a choice.
    assert_eq!(d.active, ["essential"]);
    assert_eq!(d.consent, None);
    assert_eq!(d.rejected, None);
}

#[test]
fn valid_consent_hides_the_banner_and_activates_accepted_categories() {
    let c = business();
    let value = stored(&c, Choice::Only(["analytics".to_string()].into()));
    let d = decide(&c.policy(), &[&value], None, NOW + 3600);
    assert_eq!(d.surface, Surface::Nothing);
    // The category, then each of its services (the demo names its providers as services).
    assert_eq!(
        d.active,
        [
            "essential",
            "consent-provider",
            "analytics",
            "analytics:numberly",
            "analytics:commanders-act",
            "analytics:at-internet"
        ]
    );
}

#[test]
fn reject_all_runs_no_optional_tag() {
    let c = business();
    let value = stored(&c, Choice::RejectAll);
    let d = decide(&c.policy(), &[&value], None, NOW);
    assert_eq!(d.surface, Surface::Nothing);
    assert_eq!(d.active, ["essential", "consent-provider"]);
}

#[test]
fn another_version_asks_again_and_runs_nothing_optional() {
    let c = business();
    let value = stored(&c, Choice::AcceptAll);
    let mut newer = c.clone();
    newer.version = "2027-01".into();
    let d = decide(&newer.policy(), &[&value], None, NOW);
    assert_eq!(d.surface, Surface::Banner);
    assert_eq!(d.active, ["essential"]);
    assert_eq!(d.rejected, Some(Rejected::OtherVersion(c.version.clone())));
}

#[test]
fn bad_cookies_mean_no_consent() {
    let c = business();
    let good = stored(&c, Choice::AcceptAll);
    let future = encode(&apply(&c.policy(), &Choice::AcceptAll, None, NOW + 86_400, [1; 8]));
    let expired = encode(&apply(&c.policy(), &Choice::AcceptAll, None, NOW - 366 * 86_400, [1; 8]));
    let mut unknown = apply(&c.policy(), &Choice::AcceptAll, None, NOW, [1; 8]);
    unknown.accepted.push("tracking".into());
    let unknown = encode(&unknown);
    // A required category stored as "accepted" is not something a visitor can accept.
    let mut required = apply(&c.policy(), &Choice::RejectAll, None, NOW, [1; 8]);
    required.accepted.insert(0, "essential".into());
    let required = encode(&required);
    let cases: Vec<(Vec<&str>, Rejected)> = vec![
        (vec!["garbage"], Rejected::Unreadable),
        (vec![&good[..good.len() - 3]], Rejected::Tampered),
        (vec![&future], Rejected::FromTheFuture),
        (vec![&expired], Rejected::Expired),
        (vec![&unknown], Rejected::UnknownCategory("tracking".into())),
        (vec![&required], Rejected::UnknownCategory("essential".into())),
        (vec![&good, "v1.other"], Rejected::Ambiguous),
    ];
    for (values, why) in cases {
        let d = decide(&c.policy(), &values, None, NOW);
        assert_eq!(d.surface, Surface::Banner, "{values:?}");
        assert_eq!(d.active, ["essential"], "{values:?}");
        assert_eq!(d.rejected, Some(why), "{values:?}");
    }
    // The same value twice (two paths, one choice) is still that choice.
    assert_eq!(decide(&c.policy(), &[&good, &good], None, NOW).surface, Surface::Nothing);
}

#[test]
fn inform_mode_shows_the_notice_until_this_version_is_acknowledged() {
    let c = private();
    assert_eq!(decide(&c.policy(), &[], None, NOW).surface, Surface::Notice);
    assert_eq!(decide(&c.policy(), &[], Some("older"), NOW).surface, Surface::Notice);
    let current = consent::banner_value(&c.version);
    let d = decide(&c.policy(), &[], Some(&current), NOW);
    assert_eq!(d.surface, Surface::Nothing);
    assert_eq!(d.active, ["essential"]);
}

#[test]
fn choices_keep_the_consent_id_and_drop_unknown_ids() {
    let c = business();
    let first = apply(&c.policy(), &Choice::AcceptAll, None, NOW, [0xab; 8]);
    assert_eq!(first.id, "abababababababab");
    assert_eq!(first.accepted, ["analytics", "marketing"]);
    let ids = vec!["marketing".to_string(), "essential".to_string(), "nope".to_string(), "marketing".to_string()];
    let second = apply(&c.policy(), &Choice::Only(ids), Some(&first), NOW + 5, [0xcd; 8]);
    assert_eq!(second.id, first.id);
    assert_eq!(second.accepted, ["marketing"]);
    assert_eq!(second.time, NOW + 5);
}

#[test]
fn change_lists_granted_and_withdrawn_in_order() {
    let before = vec!["essential".to_string(), "analytics".to_string()];
    let after = vec!["essential".to_string(), "consent-provider".to_string(), "marketing".to_string()];
    let ch = change(&before, &after);
    assert_eq!(ch.granted, ["consent-provider", "marketing"]);
    assert_eq!(ch.withdrawn, ["analytics"]);
}

#[test]
fn cookie_strings_carry_the_configured_lifetimes() {
    let c = business();
    let s = &c.cookie_settings;
    assert_eq!(cookie::write(&s.consent, "v", s, false), "consent=v; Max-Age=31536000; Path=/; SameSite=Lax");
    assert_eq!(
        cookie::write(&s.banner, "v", s, true),
        "consent_banner=v; Max-Age=604800; Path=/; SameSite=Lax; Secure"
    );
}

#[test]
fn reading_document_cookie() {
    let header = "a=1; consent=v1.x; b=2; consent=v1.y";
    assert_eq!(cookie::values(header, "consent"), ["v1.x", "v1.y"]);
    assert_eq!(cookie::values(header, "missing"), Vec::<&str>::new());
    assert_eq!(cookie::values("", "consent"), Vec::<&str>::new());
    assert_eq!(cookie::names(header), ["a", "consent", "b", "consent"]);
}

#[test]
fn deletion_covers_host_dot_host_and_parents() {
    let d = cookie::delete("_ga", "www.shop.example.be");
    for domain in ["www.shop.example.be", ".www.shop.example.be", "shop.example.be", ".example.be", "example.be"] {
        assert!(d.iter().any(|s| s.ends_with(&format!("Domain={domain}"))), "{domain} missing in {d:#?}");
    }
    assert!(d.iter().all(|s| s.contains("Max-Age=0; Path=/")));
    assert!(!d.iter().any(|s| s.ends_with("Domain=be") || s.ends_with("Domain=.be")));
}

#[test]
fn patterns_match_cookie_names() {
    assert!(cookie::matches("_ga_*", "_ga_ABC123"));
    assert!(cookie::matches("_ga", "_ga"));
    assert!(!cookie::matches("_ga", "_gat"));
    assert!(!cookie::matches("_ga_*", "_gat"));
    assert!(cookie::matches("*_session", "nmb_session"));
    assert!(cookie::matches("a*b*c", "aXXbYYc"));
    assert!(!cookie::matches("a*b*c", "aXXcYYb"));
}

#[test]
fn history_is_newest_first_capped_and_forgiving() {
    use consent_banner::core::consent::Method;
    use consent_banner::core::history::{self, Entry, MAX_ENTRIES};
    let c = business();
    let mut h = Vec::new();
    for i in 0..(MAX_ENTRIES as u64 + 5) {
        h = history::record(
            h,
            Entry::new(&apply(&c.policy(), &Choice::AcceptAll, None, NOW + i, [1; 8]), Method::Banner, false),
        );
    }
    assert_eq!(h.len(), MAX_ENTRIES);
    assert_eq!(h[0].time, NOW + MAX_ENTRIES as u64 + 4);
    assert_eq!(h[0].accepted, ["analytics", "marketing"]);
    let text = history::to_json(&h);
    assert_eq!(history::parse(&text), h);
    for bad in ["", "null", "{}", "[1,2]", "garbage", "[{\"time\":\"x\"}]"] {
        assert_eq!(history::parse(bad), Vec::new(), "{bad}");
    }
}

#[test]
fn history_entries_read_as_written_and_only_whole() {
    use consent_banner::core::history::{self, Entry};
    let one = r#"{"time":1795000000,"version":"7","accepted":["analytics"],"method":"banner","id":"0a"}"#;
    let entry = Entry {
        time: 1_795_000_000,
        version: "7".into(),
        accepted: vec!["analytics".into()],
        method: "banner".into(),
        id: "0a".into(),
        gpc: false,
    };
    // gpc came later: older entries lack it. Unknown fields are ignored.
    assert_eq!(history::parse(&format!("[{one}]")), std::slice::from_ref(&entry));
    // Written as serde_json wrote it: the fields in order, gpc last.
    assert_eq!(
        history::to_json(std::slice::from_ref(&entry)),
        format!("[{}]", one.replacen('}', r#","gpc":false}"#, 1))
    );
    let extra = one.replacen('{', r#"{"gpc":true,"extra":[1],"#, 1);
    assert_eq!(history::parse(&format!("[{extra}]")), [Entry { gpc: true, ..entry.clone() }]);
    // One broken entry makes the whole history unreadable, as before.
    for broken in [
        one.replace("1795000000", "1795000000.5"),
        one.replace("1795000000", "-1"),
        one.replacen('{', r#"{"gpc":null,"#, 1),
        one.replace(r#"["analytics"]"#, "[1]"),
        one.replace(r#","id":"0a""#, ""),
    ] {
        assert_eq!(history::parse(&format!("[{one},{broken}]")), Vec::new(), "{broken}");
    }
    assert_eq!(history::parse(&format!("[{one}] x")), Vec::new());
}

#[test]
fn a_choice_on_one_area_keeps_the_answers_of_others() {
    let text = r#"{
      "version": "1", "policyLink": "/p",
      "areas": {
        "shop": { "label": { "en": "Shop" }, "mode": "ask", "categories": [
          { "id": "analytics", "label": { "en": "A" }, "description": { "en": "a" } },
          { "id": "marketing", "label": { "en": "M" }, "description": { "en": "m" } } ] },
        "account": { "label": { "en": "Account" }, "mode": "ask", "categories": [
          { "id": "analytics", "label": { "en": "A" }, "description": { "en": "a" } } ] },
        "help": { "label": { "en": "Help" }, "mode": "inform", "categories": [
          { "id": "essential", "required": true, "label": { "en": "E" }, "description": { "en": "e" } } ] }
      }
    }"#;
    let site = Config::from_json(text).unwrap();
    assert!(site.for_area(None).is_err());
    assert!(site.for_area(Some("nope")).is_err());
    let shop = site.for_area(Some("shop")).unwrap();
    let account = site.for_area(Some("account")).unwrap();
    let all = apply(&shop.policy(), &Choice::AcceptAll, None, NOW, [1; 8]);
    // Marketing, unknown on the account area, is still a valid stored answer there.
    let d = decide(&account.policy(), &[&encode(&all)], None, NOW);
    assert_eq!(d.surface, Surface::Nothing);
    assert_eq!(d.active, ["analytics"]);
    let less = apply(&account.policy(), &Choice::RejectAll, d.consent.as_ref(), NOW + 1, [2; 8]);
    assert_eq!(less.accepted, ["marketing"]);
    assert_eq!(less.id, all.id);
    // The help area only informs.
    assert_eq!(decide(&site.for_area(Some("help")).unwrap().policy(), &[], None, NOW).surface, Surface::Notice);
}

#[test]
fn stray_copies_on_deeper_paths_are_deleted_too() {
    let d = cookie::delete_on_paths("consent", "shop.example.be", "/www/business.html");
    for path in ["/", "/www", "/www/", "/www/business.html"] {
        assert!(d.iter().any(|s| s == &format!("consent=; Max-Age=0; Path={path}")), "{path} missing in {d:#?}");
        assert!(d.iter().any(|s| s == &format!("consent=; Max-Age=0; Path={path}; Domain=.example.be")), "{path}");
    }
}
