//! The browser: Debian's chromium, headless, driven over the DevTools protocol (chromiumoxide).
//! Each pass runs in a fresh browser context (its own cookies, storage and cache, as a new
//! profile), clicks the real banner through the public contract, and records what happened.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use chromiumoxide::cdp::browser_protocol::browser::BrowserContextId;
use chromiumoxide::cdp::browser_protocol::network::{
    EventRequestWillBeSent, EventResponseReceived, EventResponseReceivedExtraInfo, GetResponseBodyParams, RequestId,
    ResourceType,
};
use chromiumoxide::cdp::browser_protocol::page::Viewport as Clip;
use chromiumoxide::cdp::browser_protocol::target::{CreateBrowserContextParams, CreateTargetParams};
use chromiumoxide::cdp::js_protocol::runtime::EvaluateParams;
use chromiumoxide::handler::viewport::Viewport;
use chromiumoxide::layout::Point;
use chromiumoxide::page::ScreenshotParams;
use chromiumoxide::{Browser, BrowserConfig, Page};
use futures_util::StreamExt;
use serde::Deserialize;
use url::Url;

use crate::model::{
    Banner, CookieSource, PageRecord, Pass, PassRecord, Request, SeenCookie, StorageKey, StorageKind, Tag, TagContext,
};
use crate::{setcookie, site};

/// How the browser is started and how long it waits.
#[derive(Clone, Debug)]
pub struct Options {
    /// The chromium binary.
    pub chromium: PathBuf,
    /// Extra command-line arguments for chromium.
    pub args: Vec<String>,
    /// Longest wait for a page to load.
    pub load_timeout: Duration,
    /// Longest wait for the banner to show.
    pub banner_timeout: Duration,
    /// How long tags get to run after a load or a click.
    pub settle: Duration,
}

/// A running browser.
pub struct Auditor {
    browser: Browser,
    handler: tokio::task::JoinHandle<()>,
    options: Options,
    profile: PathBuf,
}

/// A raw `Storage.getCookies` for a browser context, answered as plain JSON: the audit reads
/// only a few fields, and a newer chromium's extra fields or values must not fail it.
#[derive(Debug, Clone, serde::Serialize)]
struct RawGetCookies {
    #[serde(rename = "browserContextId")]
    browser_context_id: BrowserContextId,
}

impl chromiumoxide::Method for RawGetCookies {
    fn identifier(&self) -> chromiumoxide::types::MethodId {
        "Storage.getCookies".into()
    }
}

impl chromiumoxide::Command for RawGetCookies {
    type Response = serde_json::Value;
}

#[derive(Debug, Deserialize)]
struct JarCookie {
    name: String,
    domain: String,
    path: String,
    #[serde(default)]
    expires: Option<f64>,
    #[serde(default)]
    session: bool,
    #[serde(default, rename = "httpOnly")]
    http_only: bool,
}

/// What the page's scripts answer about it.
#[derive(Debug, Default, Deserialize)]
struct PageState {
    #[serde(default)]
    local: Vec<String>,
    #[serde(default)]
    session: Vec<String>,
    banner: Option<BannerState>,
    #[serde(default)]
    area: Option<String>,
    #[serde(default)]
    loader: bool,
}

#[derive(Debug, Deserialize)]
struct BannerState {
    mode: String,
    lang: String,
    text: String,
    x: f64,
    y: f64,
    width: f64,
    height: f64,
}

#[derive(Debug, Deserialize)]
struct RawTag {
    context: String,
    tag: String,
    src: String,
    data_src: String,
    r#type: String,
    category: Option<String>,
    service: Option<String>,
    activated: bool,
    inline: String,
}

/// What the network showed during a pass.
#[derive(Default)]
struct Network {
    requests: Vec<(RequestId, String, String)>,
    set_cookies: Vec<(RequestId, String)>,
    document: Option<RequestId>,
    /// The HTTP status of the first document response.
    status: Option<i64>,
}

const STATE_JS: &str = r#"(() => {
  const keys = (s) => { try { return Object.keys(window[s]); } catch (e) { return []; } };
  const loader = [...document.scripts].find((s) => s.hasAttribute('data-config') || s.hasAttribute('data-area') || /consent-banner(\.min)?\.js($|\?)/.test(s.src));
  const root = document.querySelector('[data-consent-root]');
  const shadow = root && root.shadowRoot;
  const el = shadow && shadow.querySelector('[data-consent-banner]');
  let banner = null;
  if (el) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.height > 0) {
      const lang = el.getAttribute('lang') || (el.closest('[lang]') || document.documentElement).getAttribute('lang') || '';
      banner = { mode: el.getAttribute('data-consent-mode') || '', lang, text: el.innerText || el.textContent || '', x: r.x, y: r.y, width: r.width, height: r.height };
    }
  }
  return JSON.stringify({ local: keys('localStorage'), session: keys('sessionStorage'), banner, area: loader ? loader.getAttribute('data-area') : null, loader: !!loader });
})()"#;

/// The page's tags: its DOM as loaded, and, from the HTML the server sent (`RAW` below), its
/// elements and its `<noscript>` content, each parsed on its own (DOMParser runs no script, so
/// what a `<noscript>` holds becomes elements, even in `<head>`).
const TAGS_JS: &str = r#"((raw) => {
  const out = [];
  const abs = (v) => { if (!v) return ''; try { return new URL(v, document.baseURI).href; } catch (e) { return v; } };
  const sel = 'script, img, iframe, link[href], source, video, audio, embed, object, [data-consent-category], [data-consent-service]';
  const one = (el, context) => {
    const tag = el.tagName.toLowerCase();
    const src = el.getAttribute('src') || (tag === 'link' || tag === 'a' ? el.getAttribute('href') : '') || '';
    const data = el.getAttribute('data-src') || el.getAttribute('data-href') || el.getAttribute('data-srcset') || '';
    out.push({ context, tag, src: abs(src), data_src: abs(data), type: el.getAttribute('type') || '',
      category: el.getAttribute('data-consent-category'), service: el.getAttribute('data-consent-service'),
      activated: el.hasAttribute('data-consent-activated'),
      inline: tag === 'script' && !src ? (el.textContent || '').slice(0, 4000) : '' });
  };
  document.querySelectorAll(sel).forEach((el) => one(el, 'dom'));
  if (raw) {
    const noscript = /<noscript\b[^>]*>([\s\S]*?)<\/noscript\s*>/gi;
    const parse = (html) => new DOMParser().parseFromString(html, 'text/html');
    parse(raw.replace(noscript, '')).querySelectorAll(sel).forEach((el) => one(el, 'html'));
    for (const m of raw.matchAll(noscript)) parse(m[1]).querySelectorAll(sel).forEach((el) => one(el, 'noscript'));
  }
  return JSON.stringify(out);
})(RAW)"#;

const LINKS_JS: &str = r#"JSON.stringify([...document.querySelectorAll('a[href]')].map((a) => a.href))"#;

/// The centre of a banner button, by its `data-consent-action`, scrolled into view.
const BUTTON_JS: &str = r#"(() => {
  const root = document.querySelector('[data-consent-root]');
  const b = root && root.shadowRoot && root.shadowRoot.querySelector('[data-consent-action="ACTION"]');
  if (!b) return 'null';
  b.scrollIntoView({ block: 'center' });
  const r = b.getBoundingClientRect();
  return JSON.stringify({ x: r.x + r.width / 2, y: r.y + r.height / 2 });
})()"#;

fn now_secs() -> f64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs_f64()).unwrap_or_default()
}

impl Auditor {
    /// Starts chromium headless, in a profile of its own under the temporary directory.
    pub async fn launch(options: Options) -> Result<Auditor, String> {
        if !options.chromium.exists() {
            return Err(format!(
                "no chromium at {} (make browsers installs Debian's; --chromium PATH picks another)",
                options.chromium.display()
            ));
        }
        let profile = std::env::temp_dir().join(format!("consent-audit-{}", std::process::id()));
        let mut builder = BrowserConfig::builder()
            .chrome_executable(&options.chromium)
            .user_data_dir(&profile)
            .no_sandbox()
            .window_size(1280, 800)
            .viewport(Viewport { width: 1280, height: 800, ..Viewport::default() })
            .launch_timeout(Duration::from_secs(30))
            .request_timeout(options.load_timeout)
            .args(["--disable-component-update", "--no-default-browser-check", "--disable-gpu"]);
        for arg in &options.args {
            builder = builder.arg(arg.as_str());
        }
        let config = builder.build().map_err(|e| format!("cannot configure chromium: {e}"))?;
        let (browser, mut handler) =
            Browser::launch(config).await.map_err(|e| format!("cannot start {}: {e}", options.chromium.display()))?;
        // The protocol's messages: one that this chromiumoxide cannot read is skipped, not fatal.
        let handler = tokio::spawn(async move { while handler.next().await.is_some() {} });
        Ok(Auditor { browser, handler, options, profile })
    }

    /// Stops the browser and removes its profile.
    pub async fn close(mut self) {
        let _ = self.browser.close().await;
        let _ = self.browser.wait().await;
        self.handler.abort();
        let _ = std::fs::remove_dir_all(&self.profile);
    }

    /// Loads one page three times, each in a fresh context (no choice, Reject all, Accept all
    /// then a withdrawal), and records everything. Never fails: what went wrong is in the record.
    pub async fn audit_page(&self, url: &Url, links: &mut Vec<Url>) -> PageRecord {
        let mut record = PageRecord {
            url: url.to_string(),
            area: None,
            has_loader: false,
            passes: Vec::new(),
            tags: Vec::new(),
            error: None,
        };
        for pass in [Pass::NoChoice, Pass::Reject, Pass::Accept] {
            match tokio::time::timeout(self.options.load_timeout * 4, self.run(url, pass, &mut record, links)).await {
                Ok(Ok(())) => {}
                Ok(Err(e)) if pass == Pass::NoChoice => {
                    record.error = Some(e);
                    return record;
                }
                Ok(Err(e)) => {
                    let mut failed = PassRecord::new(pass);
                    failed.error = Some(e);
                    record.passes.push(failed);
                }
                Err(_) => {
                    let mut failed = PassRecord::new(pass);
                    failed.error = Some(format!("the pass took longer than {:?}", self.options.load_timeout * 4));
                    if pass == Pass::NoChoice {
                        record.error = failed.error;
                        return record;
                    }
                    record.passes.push(failed);
                }
            }
        }
        record
    }

    /// The text of a URL as the server sent it (a sitemap): fetched by a page of its own origin
    /// (whatever its content type: a sitemap served as a download is read all the same).
    pub async fn fetch_text(&self, url: &Url) -> Result<String, String> {
        let (context, page, _) = self.open().await?;
        let result = async {
            let mut root = url.clone();
            root.set_path("/");
            root.set_query(None);
            // The origin's root may well be a 404: only its origin matters.
            let _ = self.goto(&page, &root).await;
            let target = serde_json::to_string(url.as_str()).map_err(|e| e.to_string())?;
            let js = format!(
                "(async () => {{ const r = await fetch({target}, {{ credentials: 'omit' }}); \
                 return JSON.stringify({{ status: r.status, text: await r.text() }}); }})()"
            );
            #[derive(Deserialize)]
            struct Fetched {
                status: i64,
                text: String,
            }
            let answer = self.eval(&page, &js).await?;
            let fetched: Fetched = serde_json::from_str(&answer).map_err(|e| format!("{url}: {e}"))?;
            if fetched.status >= 400 {
                return Err(format!("{url} answered HTTP {}", fetched.status));
            }
            Ok(fetched.text)
        }
        .await;
        self.dispose(context, page).await;
        result
    }

    async fn open(&self) -> Result<(BrowserContextId, Page, Arc<Mutex<Network>>), String> {
        let context = self
            .browser
            .create_browser_context(CreateBrowserContextParams::default())
            .await
            .map_err(|e| format!("cannot create a browser context: {e}"))?;
        let mut target = CreateTargetParams::new("about:blank");
        target.browser_context_id = Some(context.clone());
        let page = self.browser.new_page(target).await.map_err(|e| format!("cannot open a page: {e}"))?;
        let network = Arc::new(Mutex::new(Network::default()));
        let err = |e: chromiumoxide::error::CdpError| format!("cannot listen to the network: {e}");
        let mut requests = page.event_listener::<EventRequestWillBeSent>().await.map_err(err)?;
        let mut extra = page.event_listener::<EventResponseReceivedExtraInfo>().await.map_err(err)?;
        let mut responses = page.event_listener::<EventResponseReceived>().await.map_err(err)?;
        let n = network.clone();
        tokio::spawn(async move {
            while let Some(e) = requests.next().await {
                let kind = e.r#type.as_ref().map(|t| format!("{t:?}")).unwrap_or_else(|| "Other".into());
                if let Ok(mut n) = n.lock() {
                    n.requests.push((e.request_id.clone(), e.request.url.clone(), kind));
                }
            }
        });
        let n = network.clone();
        tokio::spawn(async move {
            while let Some(e) = extra.next().await {
                let headers = e.headers.inner();
                let lines = headers
                    .as_object()
                    .into_iter()
                    .flatten()
                    .filter(|(k, _)| k.eq_ignore_ascii_case("set-cookie"))
                    .filter_map(|(_, v)| v.as_str().map(String::from))
                    .collect::<Vec<_>>();
                if let Ok(mut n) = n.lock() {
                    for value in lines {
                        for line in value.split('\n').filter(|l| !l.trim().is_empty()) {
                            n.set_cookies.push((e.request_id.clone(), line.to_string()));
                        }
                    }
                }
            }
        });
        let n = network.clone();
        tokio::spawn(async move {
            while let Some(e) = responses.next().await {
                if e.r#type == ResourceType::Document {
                    if let Ok(mut n) = n.lock() {
                        if n.document.is_none() {
                            n.document = Some(e.request_id.clone());
                            n.status = Some(e.response.status);
                        }
                    }
                }
            }
        });
        Ok((context, page, network))
    }

    async fn dispose(&self, context: BrowserContextId, page: Page) {
        let _ = page.close().await;
        let _ = self.browser.dispose_browser_context(context).await;
    }

    async fn goto(&self, page: &Page, url: &Url) -> Result<(), String> {
        match tokio::time::timeout(self.options.load_timeout, page.goto(url.as_str())).await {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(e)) => Err(format!("cannot load {url}: {e}")),
            Err(_) => Err(format!("{url} did not load within {:?}", self.options.load_timeout)),
        }
    }

    async fn eval(&self, page: &Page, js: &str) -> Result<String, String> {
        let params = EvaluateParams::builder()
            .expression(js)
            .await_promise(true)
            .return_by_value(true)
            .build()
            .map_err(|e| format!("script: {e}"))?;
        let result = page.evaluate(params).await.map_err(|e| format!("script failed: {e}"))?;
        result.into_value::<String>().map_err(|e| format!("script answered no text: {e}"))
    }

    async fn state(&self, page: &Page) -> PageState {
        match self.eval(page, STATE_JS).await {
            Ok(text) => serde_json::from_str(&text).unwrap_or_default(),
            Err(_) => PageState::default(),
        }
    }

    async fn body(&self, page: &Page, id: RequestId) -> Result<String, String> {
        let body = page.execute(GetResponseBodyParams::new(id)).await.map_err(|e| format!("no response body: {e}"))?;
        if body.result.base64_encoded {
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(&body.result.body)
                .map_err(|e| format!("response body: {e}"))?;
            Ok(String::from_utf8_lossy(&bytes).into_owned())
        } else {
            Ok(body.result.body.clone())
        }
    }

    /// Waits for the banner (or notice) to show, up to the banner timeout.
    async fn wait_banner(&self, page: &Page) -> PageState {
        let deadline = tokio::time::Instant::now() + self.options.banner_timeout;
        loop {
            let state = self.state(page).await;
            if state.banner.is_some() || !state.loader || tokio::time::Instant::now() >= deadline {
                return state;
            }
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
    }

    async fn click(&self, page: &Page, action: &str) -> Result<(), String> {
        let js = BUTTON_JS.replace("ACTION", action);
        let text = self.eval(page, &js).await?;
        #[derive(Deserialize)]
        struct At {
            x: f64,
            y: f64,
        }
        let at: Option<At> = serde_json::from_str(&text).map_err(|e| format!("button position: {e}"))?;
        let at = at.ok_or_else(|| format!("the banner has no [data-consent-action=\"{action}\"] button"))?;
        page.click(Point { x: at.x, y: at.y }).await.map_err(|e| format!("cannot click {action}: {e}"))?;
        // The banner goes once the choice is made.
        let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
        while tokio::time::Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(150)).await;
            if self.state(page).await.banner.is_none() {
                return Ok(());
            }
        }
        Err(format!("the banner was still shown 5 s after clicking {action}"))
    }

    async fn run(&self, url: &Url, pass: Pass, record: &mut PageRecord, links: &mut Vec<Url>) -> Result<(), String> {
        let (context, page, network) = self.open().await?;
        let result = self.run_in(url, pass, record, links, &context, &page, &network).await;
        self.dispose(context, page).await;
        result
    }

    #[allow(clippy::too_many_arguments)]
    async fn run_in(
        &self,
        url: &Url,
        pass: Pass,
        record: &mut PageRecord,
        links: &mut Vec<Url>,
        context: &BrowserContextId,
        page: &Page,
        network: &Arc<Mutex<Network>>,
    ) -> Result<(), String> {
        self.goto(page, url).await?;
        let status = network.lock().ok().and_then(|n| n.status);
        if let Some(status) = status.filter(|s| *s >= 400) {
            return Err(format!("{url} answered HTTP {status}"));
        }
        let state = self.wait_banner(page).await;
        let mut out = PassRecord::new(pass);
        out.banner =
            state.banner.as_ref().map(|b| Banner { mode: b.mode.clone(), lang: b.lang.clone(), text: b.text.clone() });
        let page_url = page.url().await.ok().flatten().and_then(|u| Url::parse(&u).ok()).unwrap_or_else(|| url.clone());
        if pass == Pass::NoChoice {
            record.area = state.area.clone();
            record.has_loader = state.loader;
            tokio::time::sleep(self.options.settle).await;
            if let Some(b) = &state.banner {
                out.screenshot = self.screenshot(page, b).await;
            }
            let raw = match network.lock().ok().and_then(|n| n.document.clone()) {
                Some(id) => self.body(page, id).await.unwrap_or_default(),
                None => String::new(),
            };
            record.tags = self.tags(page, &raw).await;
            if let Ok(text) = self.eval(page, LINKS_JS).await {
                let hrefs: Vec<String> = serde_json::from_str(&text).unwrap_or_default();
                links.extend(hrefs.iter().filter_map(|h| Url::parse(h).ok()));
            }
        } else {
            let mode = state.banner.as_ref().map(|b| b.mode.as_str()).unwrap_or("ask");
            let action = match (mode, pass) {
                ("inform", _) => "acknowledge",
                (_, Pass::Reject) => "reject-all",
                _ => "accept-all",
            };
            if state.banner.is_none() {
                out.error = Some("no banner showed, so there was nothing to click".into());
            } else if let Err(e) = self.click(page, action).await {
                out.error = Some(e);
            }
            tokio::time::sleep(self.options.settle).await;
        }
        self.collect(page, context, network, &page_url, &mut out).await;
        record.passes.push(out);
        if pass == Pass::Accept {
            // Withdraw everything through the JS API, then load the page again: what still
            // runs, what stays set.
            let mut after = PassRecord::new(Pass::Withdrawn);
            if let Ok(mut n) = network.lock() {
                n.requests.clear();
                n.set_cookies.clear();
            }
            let js = "(async () => { const api = window.consentBanner; if (!api || !api.rejectAll) return 'no window.consentBanner.rejectAll()'; await api.rejectAll(); return ''; })()";
            match self.eval(page, js).await {
                Ok(e) if !e.is_empty() => after.error = Some(e),
                Err(e) => after.error = Some(e),
                _ => {}
            }
            tokio::time::sleep(self.options.settle).await;
            let _ = tokio::time::timeout(self.options.load_timeout, page.reload()).await;
            tokio::time::sleep(self.options.settle).await;
            self.collect(page, context, network, &page_url, &mut after).await;
            record.passes.push(after);
        }
        Ok(())
    }

    async fn screenshot(&self, page: &Page, b: &BannerState) -> Option<String> {
        let pad = 8.0;
        let clip = Clip {
            x: (b.x - pad).max(0.0),
            y: (b.y - pad).max(0.0),
            width: (b.width + 2.0 * pad).min(1280.0),
            height: (b.height + 2.0 * pad).min(800.0),
            scale: 1.0,
        };
        let mut params = ScreenshotParams::builder().build();
        params.cdp_params.clip = Some(clip);
        let png = page.screenshot(params).await.ok()?;
        Some(base64::engine::general_purpose::STANDARD.encode(png))
    }

    async fn tags(&self, page: &Page, raw: &str) -> Vec<(TagContext, Tag)> {
        let raw = serde_json::to_string(raw).unwrap_or_else(|_| "''".into());
        let Ok(text) = self.eval(page, &TAGS_JS.replace("RAW", &raw)).await else { return Vec::new() };
        let tags: Vec<RawTag> = serde_json::from_str(&text).unwrap_or_default();
        let mut out: Vec<(TagContext, Tag)> = Vec::new();
        for t in tags {
            let context = match t.context.as_str() {
                "noscript" => TagContext::Noscript,
                "html" => TagContext::Html,
                _ => TagContext::Dom,
            };
            let tag = Tag {
                tag: t.tag,
                src: t.src,
                data_src: t.data_src,
                r#type: t.r#type,
                category: t.category,
                service: t.service,
                activated: t.activated,
                inline: t.inline,
            };
            // Only what a finding may be about: gated elements and what loads from a tracker.
            let relevant = tag.category.is_some()
                || tag.service.is_some()
                || site::tracker_of_url(&tag.src).is_some()
                || site::tracker_in_text(&tag.inline).is_some();
            if relevant && !out.iter().any(|(c, x)| *c == context && *x == tag) {
                out.push((context, tag));
            }
        }
        out
    }

    async fn collect(
        &self,
        page: &Page,
        context: &BrowserContextId,
        network: &Arc<Mutex<Network>>,
        page_url: &Url,
        out: &mut PassRecord,
    ) {
        let now = now_secs();
        let page_host = page_url.host_str().unwrap_or_default().to_string();
        let state = self.state(page).await;
        out.storage = state
            .local
            .into_iter()
            .map(|key| StorageKey { kind: StorageKind::LocalStorage, key })
            .chain(state.session.into_iter().map(|key| StorageKey { kind: StorageKind::SessionStorage, key }))
            .collect();
        if let Ok(answer) = self.browser.execute(RawGetCookies { browser_context_id: context.clone() }).await {
            let jar: Vec<JarCookie> =
                answer.result.get("cookies").cloned().and_then(|c| serde_json::from_value(c).ok()).unwrap_or_default();
            for c in jar {
                let lifetime = match c.expires {
                    Some(e) if !c.session && e > 0.0 => Some((e - now).round() as i64),
                    _ => None,
                };
                out.cookies.push(SeenCookie {
                    party: site::party(&c.domain, &page_host),
                    name: c.name,
                    domain: c.domain,
                    path: c.path,
                    lifetime,
                    source: CookieSource::Jar,
                    http_only: c.http_only,
                });
            }
        }
        let Ok(n) = network.lock() else { return };
        let origin = page_url.origin();
        for (_, url, kind) in &n.requests {
            let Ok(u) = Url::parse(url) else { continue };
            if !matches!(u.scheme(), "http" | "https" | "ws" | "wss") || u.origin() == origin {
                continue;
            }
            let host = u.host_str().unwrap_or_default().to_string();
            if !out.requests.iter().any(|r| r.url == *url) {
                out.requests.push(Request {
                    party: site::party(&host, &page_host),
                    url: url.clone(),
                    host,
                    kind: kind.clone(),
                });
            }
        }
        for (id, line) in &n.set_cookies {
            let response_url = n.requests.iter().find(|(r, _, _)| r == id).map(|(_, u, _)| u.as_str());
            let response_host =
                response_url.and_then(|u| Url::parse(u).ok()).and_then(|u| u.host_str().map(String::from));
            let host = response_host.unwrap_or_else(|| page_host.clone());
            let Some(c) = setcookie::parse(line, &host, now) else { continue };
            let in_jar = out.cookies.iter().any(|j| {
                j.name == c.name
                    && j.domain.trim_start_matches('.') == c.domain.trim_start_matches('.')
                    && j.path == c.path
            });
            if !in_jar
                && !out
                    .cookies
                    .iter()
                    .any(|j| j.source == CookieSource::SetCookie && j.name == c.name && j.domain == c.domain)
            {
                out.cookies.push(SeenCookie { party: site::party(&c.domain, &page_host), ..c });
            }
        }
    }
}
