//! The consent cookie codec: round trip, garbage, truncation, tampering, size.

use consent_banner::core::consent::{decode, encode, Consent, Rejected};
use proptest::prelude::*;

fn sample() -> Consent {
    Consent {
        version: "2026-11 business.1".into(),
        accepted: ["analytics".to_string(), "marketing".to_string()].into(),
        time: 1_795_000_000,
        id: "0123456789abcdef".into(),
    }
}

#[test]
fn round_trip() {
    let c = sample();
    let value = encode(&c);
    assert_eq!(decode(&value), Ok(c));
    // Only cookie-safe characters: no separators, spaces, quotes or backslashes.
    assert!(value.bytes().all(|b| b.is_ascii_graphic() && !b";,\"\\".contains(&b)), "{value}");
}

#[test]
fn the_value_stays_small() {
    let c = Consent {
        version: "v".repeat(64),
        accepted: (0..24).map(|i| format!("category-number-{i:02}-with-long-id")).filter(|s| s.len() <= 32).collect(),
        time: u64::from(u32::MAX),
        id: "ffffffffffffffff".into(),
    };
    let value = encode(&c);
    // Browsers keep cookies up to 4096 bytes; we stay far below.
    assert!(value.len() < 1200, "{} bytes", value.len());
    assert!(encode(&sample()).len() < 80, "{}", encode(&sample()));
}

#[test]
fn garbage_and_other_tools_values_are_unreadable() {
    for v in [
        "",
        "yes",
        "true",
        "{\"analytics\":true}",
        "v2.a.b.c.d.e",
        "v1.only.four.fields",
        "%7B%22categories%22%3A%5B%22analytics%22%5D%7D",
        &"x".repeat(4096),
    ] {
        assert!(decode(v).is_err(), "{v:?} decoded");
    }
}

#[test]
fn every_truncation_is_rejected() {
    let value = encode(&sample());
    for n in 0..value.len() {
        assert!(decode(&value[..n]).is_err(), "truncated to {n} decoded: {}", &value[..n]);
    }
}

#[test]
fn edits_fail_the_checksum() {
    let value = encode(&sample());
    let edited = value.replace("analytics~marketing", "analytics");
    assert_eq!(decode(&edited), Err(Rejected::Tampered));
}

#[test]
fn categories_out_of_order_or_repeated_are_not_ours() {
    // The codec writes categories sorted and once each; a value with a valid checksum that breaks
    // this was written by something else.
    for accepted in [vec!["marketing", "analytics"], vec!["analytics", "analytics"]] {
        let c = Consent { accepted: accepted.into_iter().map(String::from).collect(), ..sample() };
        assert_eq!(decode(&encode(&c)), Err(Rejected::Unreadable));
    }
}

#[test]
fn empty_choice_round_trips() {
    let c = Consent { accepted: Vec::new(), ..sample() };
    assert_eq!(decode(&encode(&c)), Ok(c));
}

proptest! {
    #[test]
    fn decode_never_panics(s in ".*") {
        let _ = decode(&s);
    }

    #[test]
    fn any_consent_round_trips(
        version in "\\PC{1,64}",
        cats in proptest::collection::btree_set("[a-z][a-z0-9_-]{0,31}", 0..8),
        time in 0u64..4_102_444_800,
        id in "[0-9a-f]{16}",
    ) {
        let c = Consent { version, accepted: cats.into_iter().collect(), time, id };
        prop_assert_eq!(decode(&encode(&c)), Ok(c));
    }
}
