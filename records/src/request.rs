//! What the handlers read off a request besides its route: its body within a limit and a time,
//! the client's address, and whether a form was posted from the service's own pages.

use std::net::{IpAddr, Ipv6Addr, SocketAddr};
use std::time::Duration;

use axum::body::{to_bytes, Body, Bytes, HttpBody};
use axum::extract::ConnectInfo;
use axum::http::header::{CONNECTION, HOST, ORIGIN};
use axum::http::{HeaderMap, HeaderValue, Request, StatusCode};
use http_body_util::LengthLimitError;

use crate::error::ApiError;

/// A request's body, at most `limit` bytes, read within `timeout`: otherwise the error to answer
/// (413, 408, or 400 when the body breaks off). The connection of a slow or broken body is
/// closed after the answer, since the rest of its body is not read. A body whose declared length
/// is over the limit is refused before any of it is read: a client that sent
/// `Expect: 100-continue` gets the 413 without sending it.
pub async fn read_body(body: Body, limit: usize, timeout: Duration) -> Result<Bytes, ApiError> {
    let close = |e: ApiError| e.with_header(CONNECTION, HeaderValue::from_static("close"));
    let too_large =
        || close(ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, format!("the body is larger than {limit} bytes")));
    if body.size_hint().lower() > limit as u64 {
        return Err(too_large());
    }
    match tokio::time::timeout(timeout, to_bytes(body, limit)).await {
        Ok(Ok(bytes)) => Ok(bytes),
        Ok(Err(e)) if is_too_large(&e) => Err(too_large()),
        Ok(Err(_)) => Err(close(ApiError::bad_request("the body could not be read"))),
        Err(_) => Err(close(ApiError::new(
            StatusCode::REQUEST_TIMEOUT,
            format!("the body was not received within {} s", timeout.as_secs_f32()),
        ))),
    }
}

fn is_too_large(e: &axum::Error) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(error) = source {
        if error.is::<LengthLimitError>() {
            return true;
        }
        source = error.source();
    }
    false
}

/// The client a request counts against: its peer address or, behind a trusted proxy, the last
/// address of `X-Forwarded-For` (the one the proxy added: those before it are the client's own
/// words). IPv6 addresses count by their /64, which one subscriber usually holds whole. `None`
/// when the request has no peer (a router called in-process).
pub fn client_ip<B>(request: &Request<B>, trust_proxy: bool) -> Option<IpAddr> {
    let forwarded = || {
        let header = request.headers().get_all("x-forwarded-for").iter().next_back()?;
        header.to_str().ok()?.rsplit(',').next()?.trim().parse::<IpAddr>().ok()
    };
    let peer = || request.extensions().get::<ConnectInfo<SocketAddr>>().map(|ConnectInfo(addr)| addr.ip());
    let ip = if trust_proxy { forwarded().or_else(peer) } else { peer() }?;
    Some(client_key(ip))
}

/// What an address counts as, in the rate limit and the connection caps: an IPv4 address (also
/// when mapped into IPv6) as itself, an IPv6 address by its /64.
pub fn client_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let s = v6.segments();
                IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
            }
        },
        v4 => v4,
    }
}

/// False when a browser says the request comes from another site: `Sec-Fetch-Site` other than
/// `same-origin`, or else an `Origin` whose host is not the request's `Host` (behind a trusted
/// proxy, its `X-Forwarded-Host`). A request with neither (not sent by a browser's page) is not
/// refused: it cannot carry a victim's cookie.
pub fn is_same_origin(headers: &HeaderMap, trust_proxy: bool) -> bool {
    if let Some(site) = headers.get("sec-fetch-site") {
        return site.as_bytes().eq_ignore_ascii_case(b"same-origin");
    }
    let Some(origin) = headers.get(ORIGIN) else { return true };
    let forwarded = headers.get("x-forwarded-host").filter(|_| trust_proxy);
    let host = forwarded.or_else(|| headers.get(HOST)).and_then(|h| h.to_str().ok());
    let origin_host = origin.to_str().ok().and_then(|o| o.split_once("://")).map(|(_, rest)| rest);
    matches!((origin_host, host), (Some(o), Some(h)) if o.eq_ignore_ascii_case(h))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(peer: &str, forwarded: Option<&str>) -> Request<()> {
        let mut request = Request::builder();
        if let Some(f) = forwarded {
            request = request.header("x-forwarded-for", f);
        }
        let mut request = request.body(()).unwrap();
        request.extensions_mut().insert(ConnectInfo(peer.parse::<SocketAddr>().unwrap()));
        request
    }

    #[test]
    fn the_client_is_the_peer_unless_a_proxy_is_trusted() {
        let ip = |s: &str| Some(s.parse::<IpAddr>().unwrap());
        assert_eq!(client_ip(&request("10.0.0.1:5", Some("1.2.3.4")), false), ip("10.0.0.1"));
        assert_eq!(client_ip(&request("10.0.0.1:5", Some("6.6.6.6, 1.2.3.4")), true), ip("1.2.3.4"));
        assert_eq!(client_ip(&request("10.0.0.1:5", Some("nonsense")), true), ip("10.0.0.1"));
        assert_eq!(client_ip(&request("10.0.0.1:5", None), true), ip("10.0.0.1"));
        assert_eq!(client_ip(&request("[2001:db8:1:2:3:4:5:6]:5", None), false), ip("2001:db8:1:2::"));
        assert_eq!(client_ip(&request("[::ffff:10.1.2.3]:5", None), false), ip("10.1.2.3"));
        assert_eq!(client_ip(&Request::new(()), false), None);
    }

    #[test]
    fn cross_site_forms_are_recognised() {
        let headers = |pairs: &[(&'static str, &'static str)]| {
            let mut map = HeaderMap::new();
            for (name, value) in pairs {
                map.insert(*name, HeaderValue::from_static(value));
            }
            map
        };
        let same = |pairs: &[(&'static str, &'static str)]| is_same_origin(&headers(pairs), false);
        assert!(same(&[]));
        assert!(same(&[("sec-fetch-site", "same-origin")]));
        assert!(!same(&[("sec-fetch-site", "cross-site"), ("origin", "http://a.test")]));
        assert!(!same(&[("sec-fetch-site", "same-site")]));
        assert!(same(&[("origin", "http://a.test:8080"), ("host", "a.test:8080")]));
        assert!(!same(&[("origin", "http://evil.test"), ("host", "a.test")]));
        assert!(!same(&[("origin", "null"), ("host", "a.test")]));
        let proxied = [("origin", "http://site.test"), ("host", "127.0.0.1:8091"), ("x-forwarded-host", "site.test")];
        assert!(!same(&proxied), "X-Forwarded-Host only from a trusted proxy");
        assert!(is_same_origin(&headers(&proxied), true));
    }
}
