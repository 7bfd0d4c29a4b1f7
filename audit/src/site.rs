//! Sites and parties: which hosts belong to the page's site, and which hosts are known trackers.

use crate::model::Party;

/// The site of a host: its last two labels (`www.example.com` → `example.com`), or three under
/// a two-level public suffix such as `co.uk` or `com.au` (`shop.example.co.uk` →
/// `example.co.uk`). An approximation of the Public Suffix List, good enough to tell a page's
/// own subdomains from other sites; IP addresses and single labels are their own site.
pub fn site(host: &str) -> String {
    let host = host.trim_start_matches('.').trim_end_matches('.').to_ascii_lowercase();
    if host.parse::<std::net::IpAddr>().is_ok() || host.starts_with('[') {
        return host;
    }
    let labels: Vec<&str> = host.split('.').collect();
    if labels.len() <= 2 {
        return host;
    }
    let n = labels.len();
    let second = labels[n - 2];
    let keep = if labels[n - 1].len() == 2
        && matches!(second, "co" | "com" | "org" | "net" | "ac" | "gov" | "edu" | "ne" | "or")
    {
        3
    } else {
        2
    };
    labels[n - keep..].join(".")
}

/// First party when `host` (a cookie's domain or a request's host) is on the page's site.
pub fn party(host: &str, page_host: &str) -> Party {
    if site(host) == site(page_host) {
        Party::First
    } else {
        Party::Third
    }
}

/// Hosts of well-known trackers: analytics, advertising, social and video embeds. A tag that
/// loads from one of them, ungated, is an `ungated-tag`; a request to one before a choice is an
/// error rather than a warning. Matched on the host and its parent domains.
pub const TRACKER_HOSTS: &[(&str, &str)] = &[
    ("google-analytics.com", "Google Analytics"),
    ("analytics.google.com", "Google Analytics"),
    ("googletagmanager.com", "Google Tag Manager"),
    ("doubleclick.net", "Google (DoubleClick)"),
    ("googleadservices.com", "Google Ads"),
    ("googlesyndication.com", "Google AdSense"),
    ("maps.google.com", "Google Maps"),
    ("maps.googleapis.com", "Google Maps"),
    ("youtube.com", "YouTube"),
    ("youtube-nocookie.com", "YouTube"),
    ("ytimg.com", "YouTube"),
    ("facebook.com", "Meta (Facebook)"),
    ("facebook.net", "Meta (Facebook)"),
    ("instagram.com", "Meta (Instagram)"),
    ("hotjar.com", "Hotjar"),
    ("hotjar.io", "Hotjar"),
    ("hubspot.com", "HubSpot"),
    ("hs-scripts.com", "HubSpot"),
    ("hs-analytics.net", "HubSpot"),
    ("hsforms.net", "HubSpot"),
    ("hs-banner.com", "HubSpot"),
    ("linkedin.com", "LinkedIn"),
    ("licdn.com", "LinkedIn"),
    ("tiktok.com", "TikTok"),
    ("bat.bing.com", "Microsoft Advertising"),
    ("clarity.ms", "Microsoft Clarity"),
    ("twitter.com", "X (Twitter)"),
    ("ads-twitter.com", "X (Twitter)"),
    ("x.com", "X (Twitter)"),
    ("pinterest.com", "Pinterest"),
    ("snapchat.com", "Snapchat"),
    ("sc-static.net", "Snapchat"),
    ("criteo.com", "Criteo"),
    ("criteo.net", "Criteo"),
    ("taboola.com", "Taboola"),
    ("outbrain.com", "Outbrain"),
    ("adnxs.com", "Xandr"),
    ("scorecardresearch.com", "Comscore"),
    ("quantserve.com", "Quantcast"),
    ("xiti.com", "AT Internet"),
    ("aticdn.net", "AT Internet"),
    ("vimeo.com", "Vimeo"),
    ("mixpanel.com", "Mixpanel"),
    ("segment.com", "Segment"),
    ("segment.io", "Segment"),
    ("amplitude.com", "Amplitude"),
];

/// The tracker a host belongs to, if it is a known one. `www.google.com/maps` is Google Maps:
/// pass the URL's path to catch it.
pub fn tracker(host: &str, path: &str) -> Option<&'static str> {
    let host = host.trim_start_matches('.').to_ascii_lowercase();
    if let Some((_, name)) = TRACKER_HOSTS.iter().find(|(d, _)| host == *d || host.ends_with(&format!(".{d}"))) {
        return Some(name);
    }
    let google = host == "google.com" || host.ends_with(".google.com") || host.starts_with("www.google.");
    (google && path.starts_with("/maps")).then_some("Google Maps")
}

/// The tracker a URL loads from, if it is a known one.
pub fn tracker_of_url(url: &str) -> Option<&'static str> {
    let url = url::Url::parse(url).ok()?;
    tracker(url.host_str()?, url.path())
}

/// The first known tracker host named in a text (an inline script's), if any.
pub fn tracker_in_text(text: &str) -> Option<(&'static str, &'static str)> {
    let lower = text.to_ascii_lowercase();
    TRACKER_HOSTS.iter().find(|(d, _)| d.contains('.') && lower.contains(d)).map(|(d, n)| (*d, *n))
}
