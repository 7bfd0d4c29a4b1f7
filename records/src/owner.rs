//! The site owner's access: a bearer token given in `CONSENT_RECORDS_TOKEN`, compared in
//! constant time, or (for the dashboard in a browser) a session cookie holding an expiry and
//! its HMAC keyed by the token, set by a login form. The token itself is never put in a cookie
//! or URL; changing it ends every session.

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

    /// The value of a session cookie that expires at `expires` (seconds since 1970).
    pub fn session(&self, expires: i64) -> String {
        format!("{expires}.{}", hex(&self.mac(expires)))
    }

    /// True for a session value made by [`Owner::session`] with this token, not expired at `now`
    /// (seconds since 1970) and not set to last longer than a session does.
    pub fn is_session(&self, value: &str, now: i64) -> bool {
        let Some((expires, mac)) = value.split_once('.') else { return false };
        if expires.is_empty() || expires.len() > 12 || !expires.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
        let Ok(expires) = expires.parse::<i64>() else { return false };
        if expires <= now || expires > now + SESSION_SECONDS {
            return false;
        }
        match unhex(mac) {
            Some(given) if given.len() == 32 => bool::from(given.as_slice().ct_eq(&self.mac(expires))),
            _ => false,
        }
    }

    /// Whether the request's `Authorization: Bearer` header, or else its session cookie, is the
    /// owner's. A wrong header is not rescued by a cookie.
    pub fn access(&self, headers: &HeaderMap, now: i64) -> Access {
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
        let cookies: Vec<&str> = headers.get_all(COOKIE).iter().filter_map(|v| v.to_str().ok()).collect();
        let header = cookies.join("; ");
        let values = cookie::values(&header, SESSION_COOKIE);
        if values.is_empty() {
            Access::Missing
        } else if values.iter().any(|v| self.is_session(v, now)) {
            Access::Granted
        } else {
            Access::Wrong
        }
    }

    fn mac(&self, expires: i64) -> [u8; 32] {
        // Any key length is accepted by HMAC: this cannot fail.
        let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(&self.key) else { return [0; 32] };
        mac.update(b"consent-records owner session until ");
        mac.update(expires.to_string().as_bytes());
        mac.finalize().into_bytes().into()
    }
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
        let bearer = |v: &str| owner.access(&headers(AUTHORIZATION, v), 0);
        assert_eq!(bearer(&format!("Bearer {TOKEN}")), Access::Granted);
        assert_eq!(bearer(&format!("bearer  {TOKEN}")), Access::Granted);
        assert_eq!(bearer(&format!("Basic {TOKEN}")), Access::Wrong);
        assert_eq!(bearer("Bearer nope"), Access::Wrong);
        assert_eq!(owner.access(&HeaderMap::new(), 0), Access::Missing);
    }

    #[test]
    fn sessions_expire_and_depend_on_the_token() {
        let owner = Owner::new(TOKEN).unwrap();
        let other = Owner::new(&TOKEN.replace('0', "1")).unwrap();
        let now = 1_800_000_000;
        let value = owner.session(now + 60);
        assert!(owner.is_session(&value, now));
        assert!(!owner.is_session(&value, now + 60), "expired");
        assert!(!other.is_session(&value, now), "another token's");
        assert!(!owner.is_session(&owner.session(now + SESSION_SECONDS + 1), now), "too long");
        let forged = value.replacen(&(now + 60).to_string(), &(now + 120).to_string(), 1);
        assert!(!owner.is_session(&forged, now), "a changed expiry");
        for bad in ["", ".", "x.y", &format!("{}.", now + 60), &value[..value.len() - 2]] {
            assert!(!owner.is_session(bad, now), "{bad:?}");
        }
        let cookie = |v: &str| owner.access(&headers(COOKIE, v), now);
        assert_eq!(cookie(&format!("a=b; {SESSION_COOKIE}={value}")), Access::Granted);
        assert_eq!(cookie(&format!("{SESSION_COOKIE}=1.00")), Access::Wrong);
        assert_eq!(cookie("a=b"), Access::Missing);
        // A wrong bearer header is not rescued by a good cookie.
        let mut both = headers(COOKIE, &format!("{SESSION_COOKIE}={value}"));
        both.insert(AUTHORIZATION, HeaderValue::from_static("Bearer wrong"));
        assert_eq!(owner.access(&both, now), Access::Wrong);
    }
}
