//! `check --html`: the gates of a site's pages read statically (src/core/gates.rs) and checked
//! against the config, with file and line; and the binary's output and exit status.

use consent_banner::core::config::Config;
use consent_banner::core::gates::{problems, scan, Gate};

fn itsme() -> Config {
    Config::from_json(&std::fs::read_to_string("www/config/itsme.json").unwrap()).unwrap()
}

fn page() -> String {
    std::fs::read_to_string("tests/fixtures/site/index.html").unwrap()
}

#[test]
fn gates_are_read_with_their_line_skipping_comments_and_scripts() {
    let s = scan(&page());
    assert_eq!(s.area.as_deref(), Some("business"));
    let gate = |line, category: &str, service: Option<&str>| Gate {
        line,
        category: category.into(),
        service: service.map(String::from),
    };
    assert_eq!(
        s.gates,
        [
            gate(11, "analytics", None),
            gate(12, "analytcs", None),
            gate(15, "marketing", Some("numberly")),
            gate(16, "analytics", Some("youtube")),
        ]
    );
}

#[test]
fn a_misspelt_category_or_service_is_reported_on_its_line() {
    let found = problems(&itsme(), &scan(&page()));
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[0].0, 12);
    assert_eq!(
        found[0].1,
        "data-consent-category=\"analytcs\" names no category of area \"business\" (essential, consent-provider, analytics, marketing): the tag never runs"
    );
    assert_eq!(found[1].0, 16);
    assert!(found[1].1.starts_with("data-consent-service=\"youtube\" is not a service of category \"analytics\" (numberly, commanders-act, at-internet)"), "{}", found[1].1);
}

#[test]
fn a_gate_of_another_area_and_an_unknown_area_are_reported() {
    let html = std::fs::read_to_string("tests/fixtures/site/blog/post.html").unwrap();
    let found = problems(&itsme(), &scan(&html));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, 6);
    assert!(found[0].1.contains("area \"my-itsme\" (essential, account-analytics)"), "{}", found[0].1);

    let found = problems(&itsme(), &scan(&html.replace("my-itsme", "nowhere")));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].1.starts_with("the loader's data-area \"nowhere\" is not an area"), "{}", found[0].1);
}

#[test]
fn the_demo_pages_gate_only_what_the_config_has() {
    for entry in std::fs::read_dir("www").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "html") {
            let html = std::fs::read_to_string(&path).unwrap();
            let scan = scan(&html);
            // Every demo page names its config; the cookie policy and the Yew app's host page too.
            let file = scan.config_file().unwrap_or("itsme.json");
            let config = Config::from_json(&std::fs::read_to_string(format!("www/config/{file}")).unwrap()).unwrap();
            assert_eq!(problems(&config, &scan), [], "{}", path.display());
        }
    }
}

#[test]
fn check_html_prints_file_and_line_and_fails() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_check"))
        .args(["www/config/itsme.json", "--html", "tests/fixtures/site/**/*.html"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("tests/fixtures/site/index.html:12: error: data-consent-category=\"analytcs\""),
        "{stdout}"
    );
    assert!(stdout.contains("tests/fixtures/site/index.html:16: error: data-consent-service=\"youtube\""), "{stdout}");
    assert!(stdout.contains("tests/fixtures/site/blog/post.html:6: error:"), "{stdout}");
    assert!(
        stdout.contains("www/config/itsme.json: 2 page(s), 6 gate(s), 3 naming nothing the config has"),
        "{stdout}"
    );

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_check"))
        .args([
            "www/config/itsme.json",
            "www/config/integration.json",
            "www/config/embeds.json",
            "--html",
            "www/*.html",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_check"))
        .args(["www/config/itsme.json", "--html", "nowhere/**/*.html"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_widget_container_is_a_gate_of_its_entry() {
    let html = "<script src=\"l.js\" data-area=\"business\"></script>\n\
                <div data-consent-placeholder=\"marketing:numberly\"></div>\n\
                <div data-consent-placeholder=\"marketing:hubspot\" title=\"Form\"></div>\n\
                <div class=\"cb-placeholder\" data-consent-category=\"analytics\"></div>\n";
    let s = scan(html);
    assert_eq!(
        s.gates,
        [
            Gate { line: 2, category: "marketing".into(), service: Some("numberly".into()) },
            Gate { line: 3, category: "marketing".into(), service: Some("hubspot".into()) },
            Gate { line: 4, category: "analytics".into(), service: None },
        ]
    );
    let found = problems(&itsme(), &s);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, 3);
    assert!(found[0].1.contains("\"hubspot\" is not a service of category \"marketing\""), "{}", found[0].1);
}

#[test]
fn check_html_checks_each_page_against_the_config_its_loader_names() {
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_check")).args(args).output().unwrap();
        (out.status.code(), String::from_utf8(out.stdout).unwrap())
    };
    // Only itsme.json given: every page is checked against it, the embedded-content demo too,
    // whose services are another config's.
    let (status, stdout) = run(&["www/config/itsme.json", "--html", "www/*.html"]);
    assert_eq!(status, Some(1), "{stdout}");
    assert!(stdout.contains("www/embeds.html:20: error: data-consent-service=\"video\""), "{stdout}");
    // All of them: each page against its own.
    let (status, stdout) = run(&[
        "www/config/itsme.json",
        "www/config/integration.json",
        "www/config/embeds.json",
        "--html",
        "www/*.html",
    ]);
    assert_eq!(status, Some(0), "{stdout}");
    assert!(!stdout.contains("note:"), "{stdout}");
    assert!(
        stdout.contains("www/config/embeds.json: 1 page(s), 3 gate(s), 0 naming nothing the config has"),
        "{stdout}"
    );
    // A page gated against the wrong config is still found.
    let dir = std::env::temp_dir().join(format!("cb-gates-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let page = dir.join("p.html");
    let html = std::fs::read_to_string("www/embeds.html").unwrap().replace("marketing:forms", "marketing:frms");
    std::fs::write(&page, html).unwrap();
    let (status, stdout) = run(&["www/config/embeds.json", "--html", page.to_str().unwrap()]);
    assert_eq!(status, Some(1), "{stdout}");
    assert!(
        stdout.contains("p.html:24: error: data-consent-service=\"frms\" is not a service of category \"marketing\""),
        "{stdout}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
