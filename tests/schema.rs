//! `consent-banner.schema.json` (npm/, shipped in the package) checked against the Rust model:
//! at every level of the config the schema names exactly the fields the parser accepts (the
//! parser's own "unknown field (expected one of: …)" message says which), the text keys are
//! `TEXT_KEYS`, and the enumerations are the parser's. That every shipped config validates
//! against the schema, and that the schema rejects what the parser rejects, is checked with ajv
//! (tests/e2e/npm-check.spec.js).

use consent_banner::core::config::Config;
use consent_banner::core::i18n::TEXT_KEYS;
use serde_json::{json, Value};

fn schema() -> Value {
    serde_json::from_str(include_str!("../npm/consent-banner.schema.json")).expect("the schema is JSON")
}

/// The object schema at a `#/definitions/…` reference or inline.
fn resolve<'a>(schema: &'a Value, v: &'a Value) -> &'a Value {
    match v.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let name = r.strip_prefix("#/definitions/").expect("local reference");
            resolve(schema, &schema["definitions"][name])
        }
        None => v,
    }
}

fn properties(v: &Value) -> Vec<String> {
    let mut keys: Vec<String> = v["properties"].as_object().expect("properties").keys().cloned().collect();
    keys.sort();
    keys
}

fn minimal() -> Value {
    json!({
        "version": "1",
        "policyLink": "/cookies",
        "cookieSettings": { "consent": { "days": 30 } },
        "texts": { "en": { "title": "Cookies" } },
        "categories": [
            { "id": "essential", "required": true, "label": { "en": "Essential" }, "description": { "en": "Needed." },
              "cookies": [ { "name": "s", "provider": "Us", "party": "first", "lifetime": "session", "purpose": { "en": "Session." } } ] },
            { "id": "analytics", "label": { "en": "Analytics" }, "description": { "en": "Counts visits." },
              "services": [ { "id": "matomo", "label": { "en": "Matomo" }, "description": { "en": "Counts visits." } } ] }
        ]
    })
}

fn areas() -> Value {
    json!({
        "version": "1",
        "policyLink": "/cookies",
        "areas": { "shop": { "label": { "en": "Shop" }, "texts": { "en": {} },
            "categories": [ { "id": "essential", "required": true, "label": { "en": "Essential" }, "description": { "en": "Needed." } } ] } }
    })
}

/// The fields the parser accepts where `pointer` is, read from its error for an unknown one.
fn accepted(mut config: Value, pointer: &str) -> Vec<String> {
    config
        .pointer_mut(pointer)
        .expect(pointer)
        .as_object_mut()
        .expect("an object")
        .insert("zz_unknown".into(), json!(1));
    let errors = Config::from_json(&config.to_string()).expect_err("an unknown field is an error");
    let message = errors
        .0
        .iter()
        .map(|e| e.message().to_string())
        .find(|m| m.starts_with("unknown field"))
        .unwrap_or_else(|| panic!("{pointer}: no unknown-field error in {errors:?}"));
    let list = message.split("expected one of: ").nth(1).expect("a list").trim_end_matches(')');
    let mut keys: Vec<String> = list.split(", ").map(String::from).collect();
    keys.sort();
    keys
}

#[test]
fn the_examples_parse() {
    Config::from_json(&minimal().to_string()).expect("minimal");
    Config::from_json(&areas().to_string()).expect("areas");
}

#[test]
fn every_level_names_the_fields_the_parser_accepts() {
    let s = schema();
    let def = |name: &str| resolve(&s, &s["definitions"][name]).clone();
    let cases = [
        (minimal(), "", s.clone()),
        (minimal(), "/categories/0", def("category")),
        (minimal(), "/categories/1/services/0", def("service")),
        (minimal(), "/categories/0/cookies/0", def("cookie")),
        (minimal(), "/cookieSettings", def("cookieSettings")),
        (minimal(), "/cookieSettings/consent", def("ownCookie")),
        (areas(), "/areas/shop", def("area")),
    ];
    for (config, pointer, object) in cases {
        assert_eq!(properties(&object), accepted(config, pointer), "schema and parser differ at {pointer:?}");
    }
}

#[test]
fn the_text_keys_are_the_models() {
    let s = schema();
    let mut want: Vec<String> = TEXT_KEYS.iter().map(|k| k.to_string()).collect();
    want.sort();
    assert_eq!(properties(&s["definitions"]["texts"]), want);
    // And the parser takes exactly those under texts.<lang> and areas.<id>.texts.<lang>.
    assert_eq!(accepted(minimal(), "/texts/en"), want);
    assert_eq!(accepted(areas(), "/areas/shop/texts/en"), want);
}

#[test]
fn the_enumerations_are_the_parsers() {
    let s = schema();
    let d = &s["definitions"];
    // A notice (`inform`) has essential categories only.
    let essential_only = || {
        let mut c = minimal();
        c["categories"].as_array_mut().expect("categories").truncate(1);
        c
    };
    let cases: [(&Value, &str, Base); 6] = [
        (&d["mode"], "/mode", essential_only),
        (&s["properties"]["position"], "/position", minimal),
        (&s["properties"]["layout"], "/layout", minimal),
        (&s["properties"]["theme"], "/theme", minimal),
        (&d["cookie"]["properties"]["party"], "/categories/0/cookies/0/party", minimal),
        (&d["cookieSettings"]["properties"]["sameSite"], "/cookieSettings/sameSite", minimal),
    ];
    for (schema_enum, pointer, base) in cases {
        for value in schema_enum["enum"].as_array().expect("an enum") {
            let mut config = base();
            set(&mut config, pointer, value.clone());
            assert!(Config::from_json(&config.to_string()).is_ok(), "{pointer} = {value} is in the schema but refused");
        }
        let mut config = base();
        set(&mut config, pointer, json!("not-in-the-enum"));
        assert!(Config::from_json(&config.to_string()).is_err(), "{pointer}: the parser takes any value");
    }
    let types = &s["properties"]["googleConsentMode"]["oneOf"][1]["additionalProperties"]["items"]["enum"];
    for t in types.as_array().expect("consent types") {
        let mut config = minimal();
        config["googleConsentMode"] = json!({ "analytics": [t] });
        assert!(Config::from_json(&config.to_string()).is_ok(), "consent type {t} is in the schema but refused");
    }
    let mut config = minimal();
    config["googleConsentMode"] = json!({ "analytics": ["storage_of_everything"] });
    assert!(Config::from_json(&config.to_string()).is_err());
}

#[test]
fn the_limits_are_the_parsers() {
    let s = schema();
    let d = &s["definitions"];
    let days = &d["ownCookie"]["properties"]["days"];
    for (n, ok) in [(days["minimum"].as_i64().unwrap(), true), (days["maximum"].as_i64().unwrap(), true)] {
        let mut config = minimal();
        config["cookieSettings"]["consent"]["days"] = json!(n);
        assert_eq!(Config::from_json(&config.to_string()).is_ok(), ok, "days {n}");
        config["cookieSettings"]["consent"]["days"] = json!(if n == 1 { 0 } else { n + 1 });
        assert!(Config::from_json(&config.to_string()).is_err(), "days beyond {n}");
    }
    let max_version = s["properties"]["version"]["maxLength"].as_u64().unwrap() as usize;
    let mut config = minimal();
    config["version"] = json!("v".repeat(max_version));
    assert!(Config::from_json(&config.to_string()).is_ok());
    config["version"] = json!("v".repeat(max_version + 1));
    assert!(Config::from_json(&config.to_string()).is_err());
    let max_services = d["category"]["properties"]["services"]["maxItems"].as_u64().unwrap() as usize;
    let mut config = minimal();
    let service = config["categories"][1]["services"][0].clone();
    let many: Vec<Value> = (0..=max_services)
        .map(|i| {
            let mut s = service.clone();
            s["id"] = json!(format!("s{i}"));
            s
        })
        .collect();
    config["categories"][1]["services"] = json!(many[..max_services]);
    assert!(Config::from_json(&config.to_string()).is_ok());
    config["categories"][1]["services"] = json!(many);
    assert!(Config::from_json(&config.to_string()).is_err());
}

/// Makes the config a case starts from.
type Base = fn() -> Value;

fn set(config: &mut Value, pointer: &str, value: Value) {
    let (parent, key) = pointer.rsplit_once('/').expect("a pointer");
    let target = if parent.is_empty() { config } else { config.pointer_mut(parent).expect(parent) };
    target.as_object_mut().expect("an object").insert(key.into(), value);
}
