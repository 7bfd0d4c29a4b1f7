//! The site owner's access: a bearer token given in `CONSENT_RECORDS_TOKEN`, compared in
//! constant time, or (for the dashboard in a browser) a session cookie holding an expiry, the
//! session generation and their HMAC keyed by the token, set by a login form. The token itself
//! is never put in a cookie or URL; changing it ends every session, and so does a logout, which
//! raises the generation stored in the database (see [`crate::auth`]).

use std::fmt;

use axum::http::header::{AUTHORIZATION, COOKIE};
use axum::http::HeaderMap;
use consent_banner::core::cookie;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// Shortest token accepted: 32 characters (`openssl rand -hex 32` makes 64).
pub const MIN_TOKEN: usize = 32;
/// The dashboard session cookie's name.
pub const SESSION_COOKIE: &str = "consent_records_owner";
/// How long a dashboard session lasts, in seconds (12 hours).
pub const SESSION_SECONDS: i64 = 12 * 3600;

/// The owner's token, kept as its SHA-256 (for the comparison) and as the key of session MACs.
#[derive(Clone)]
pub struct Owner {
    digest: [u8; 32],
    key: Vec<u8>,
}

impl fmt::Debug for Owner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Owner { token: <redacted> }")
    }
}

impl PartialEq for Owner {
    fn eq(&self, other: &Owner) -> bool {
        bool::from(self.digest.ct_eq(&other.digest))
    }
}

impl Eq for Owner {}

/// Whether a request carries the owner's credentials.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// The right token, or a valid session.
    Granted,
    /// No `Authorization` header and no session cookie.
    Missing,
    /// A token or session that is not the owner's (or an expired session).
    Wrong,
}

impl Owner {
    /// The owner of this token: at least 32 visible ASCII characters, without spaces, as a
    /// bearer token must be written in a header.
    pub fn new(token: &str) -> Result<Owner, String> {
        if token.len() < MIN_TOKEN {
            return Err(format!(
                "CONSENT_RECORDS_TOKEN must be at least {MIN_TOKEN} characters (make one with `openssl rand -hex 32`)"
            ));
        }
        if !token.bytes().all(|b| b.is_ascii_graphic()) {
            return Err("CONSENT_RECORDS_TOKEN must be visible ASCII characters without spaces".to_string());
        }
        Ok(Owner { digest: Sha256::digest(token.as_bytes()).into(), key: token.as_bytes().to_vec() })
    }

    /// True for the owner's token. Both sides are hashed first: the comparison takes the same
    /// time whatever the given token's length and content.
    pub fn is_token(&self, given: &str) -> bool {
        let given: [u8; 32] = Sha256::digest(given.as_bytes()).into();
        bool::from(given.ct_eq(&self.digest))
    }

    /// The value of a session cookie of `generation` that expires at `expires` (seconds since
    /// 1970); `None` if its MAC cannot be made.
    pub fn session(&self, expires: i64, generation: i64) -> Option<String> {
        Some(format!("{expires}.{generation}.{}", hex(&self.mac(expires, generation)?)))
    }

    /// The generation a session value names, if it has that shape (checked by
    /// [`Owner::is_session`]).
    pub fn session_generation(value: &str) -> Option<i64> {
        let generation = value.split('.').nth(1)?;
        digits(generation).then(|| generation.parse().ok())?
    }

    /// True for a session value made by [`Owner::session`] with this token and `generation`
    /// (the current one), not expired at `now` (seconds since 1970) and not set to last longer
    /// than a session does. Every malformed value, and a MAC that cannot be made, is false.
    pub fn is_session(&self, value: &str, now: i64, generation: i64) -> bool {
        let mut parts = value.split('.');
        let (Some(expires), Some(given_generation), Some(mac), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return false;
        };
        if !digits(given_generation) || given_generation.parse::<i64>().ok() != Some(generation) {
            return false;
        }
        if !digits(expires) {
            return false;
        }
        let Ok(expires) = expires.parse::<i64>() else { return false };
        if expires <= now || expires > now + SESSION_SECONDS {
            return false;
        }
        match (unhex(mac), self.mac(expires, generation)) {
            (Some(given), Some(expected)) if given.len() == 32 => bool::from(given.as_slice().ct_eq(&expected)),
            _ => false,
        }
    }

    /// True when the request would be judged by its session cookie (it has no `Authorization`
    /// header, and a session cookie): [`Owner::access`] then needs the current generation.
    pub fn presents_session(headers: &HeaderMap) -> bool {
        !headers.contains_key(AUTHORIZATION) && !session_values(headers).is_empty()
    }

    /// Whether the request's `Authorization: Bearer` header, or else its session cookie (of
    /// the current `generation`), is the owner's. A wrong header is not rescued by a cookie.
    pub fn access(&self, headers: &HeaderMap, now: i64, generation: i64) -> Access {
        if let Some(header) = headers.get(AUTHORIZATION) {
            let given = header.to_str().ok().and_then(|h| {
                let (scheme, token) = h.trim().split_once(' ')?;
                scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
            });
            return match given {
                Some(token) if self.is_token(token) => Access::Granted,
                _ => Access::Wrong,
            };
        }
        let values = session_values(headers);
        if values.is_empty() {
            Access::Missing
        } else if values.iter().any(|v| self.is_session(v, now, generation)) {
            Access::Granted
        } else {
            Access::Wrong
        }
    }

    /// The MAC of a session; `None` (no session is valid) should HMAC ever refuse the key.
    fn mac(&self, expires: i64, generation: i64) -> Option<[u8; 32]> {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.key).ok()?;
        mac.update(b"consent-records owner session until ");
        mac.update(expires.to_string().as_bytes());
        mac.update(b" generation ");
        mac.update(generation.to_string().as_bytes());
        Some(mac.finalize().into_bytes().into())
    }
}

fn session_values(headers: &HeaderMap) -> Vec<String> {
    let cookies: Vec<&str> = headers.get_all(COOKIE).iter().filter_map(|v| v.to_str().ok()).collect();
    cookie::values(&cookies.join("; "), SESSION_COOKIE).into_iter().map(str::to_string).collect()
}

/// 1 to 12 digits: an expiry in seconds or a generation.
fn digits(text: &str) -> bool {
    (1..=12).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if text.len() % 2 != 0 {
        return None;
    }
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    const TOKEN: &str = "0123456789abcdef0123456789abcdef";

    fn headers(name: axum::http::HeaderName, value: &str) -> HeaderMap {
        let mut map = HeaderMap::new();
        map.insert(name, HeaderValue::from_str(value).unwrap());
        map
    }

    #[test]
    fn tokens_are_checked() {
        assert!(Owner::new("short").unwrap_err().contains("at least 32"));
        assert!(Owner::new(&format!("{TOKEN} x")).unwrap_err().contains("without spaces"));
        let owner = Owner::new(TOKEN).unwrap();
        assert!(owner.is_token(TOKEN));
        assert!(!owner.is_token(&TOKEN[1..]));
        assert!(!owner.is_token(&format!("{TOKEN}0")));
        assert!(!owner.is_token(""));
        assert_eq!(format!("{owner:?}"), "Owner { token: <redacted> }");
        let bearer = |v: &str| owner.access(&headers(AUTHORIZATION, v), 0, 0);
        assert_eq!(bearer(&format!("Bearer {TOKEN}")), Access::Granted);
        assert_eq!(bearer(&format!("bearer  {TOKEN}")), Access::Granted);
        assert_eq!(bearer(&format!("Basic {TOKEN}")), Access::Wrong);
        assert_eq!(bearer("Bearer nope"), Access::Wrong);
        assert_eq!(owner.access(&HeaderMap::new(), 0, 0), Access::Missing);
    }

    #[test]
    fn sessions_expire_and_depend_on_the_token() {
        let owner = Owner::new(TOKEN).unwrap();
        let other = Owner::new(&TOKEN.replace('0', "1")).unwrap();
        let now = 1_800_000_000;
        let value = owner.session(now + 60, 3).unwrap();
        assert_eq!(Owner::session_generation(&value), Some(3));
        assert!(owner.is_session(&value, now, 3));
        assert!(!owner.is_session(&value, now, 4), "a session of an earlier generation (logged out)");
        assert!(!owner.is_session(&value, now + 60, 3), "expired");
        assert!(!other.is_session(&value, now, 3), "another token's");
        assert!(!owner.is_session(&owner.session(now + SESSION_SECONDS + 1, 3).unwrap(), now, 3), "too long");
        let forged = value.replacen(&(now + 60).to_string(), &(now + 120).to_string(), 1);
        assert!(!owner.is_session(&forged, now, 3), "a changed expiry");
        let regenerated = value.replacen(".3.", ".4.", 1);
        assert!(!owner.is_session(&regenerated, now, 4), "a changed generation");
        let zero_mac = format!("{}.3.{}", now + 60, "0".repeat(64));
        for bad in [
            "",
            ".",
            "x.y",
            "x.y.z",
            &format!("{}.3.", now + 60),
            &value[..value.len() - 2],
            &format!("{value}.0"),
            &zero_mac,
        ] {
            assert!(!owner.is_session(bad, now, 3), "{bad:?}");
        }
        let cookie = |v: &str| owner.access(&headers(COOKIE, v), now, 3);
        assert_eq!(cookie(&format!("a=b; {SESSION_COOKIE}={value}")), Access::Granted);
        assert_eq!(cookie(&format!("{SESSION_COOKIE}=1.00")), Access::Wrong);
        assert_eq!(cookie("a=b"), Access::Missing);
        // A wrong bearer header is not rescued by a good cookie.
        let mut both = headers(COOKIE, &format!("{SESSION_COOKIE}={value}"));
        both.insert(AUTHORIZATION, HeaderValue::from_static("Bearer wrong"));
        assert_eq!(owner.access(&both, now, 3), Access::Wrong);
    }
}
