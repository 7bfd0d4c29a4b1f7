// consent-banner: the page effects every module shares, written once: the executor of the Rust
// core's plans (cookies, history, receipt, the Consent Mode update and the dataLayer event, tag
// activation, events), the JS API's on() and the replay of calls queued before a module
// answered. Shared by the full module (which imports it through wasm-bindgen, see tags.rs), the
// first-visit module and the loader's returning-visitor runtime (which import it as
// pkg/consent-banner-tags.js). It decides nothing: what to write, activate and grant always
// comes from the Rust core.
//
// Gated markup: <script type="text/plain" data-consent-category="…"> (inline or with data-src),
// and img, iframe, video, audio, source or link elements carrying data-src/data-srcset/data-href.

const CATEGORY = 'data-consent-category';
const SERVICE = 'data-consent-service';
const ACTIVATED = 'data-consent-activated';
// Attributes that describe the gating itself and are not copied to the live script.
const GATING = ['type', 'data-src', CATEGORY, SERVICE, ACTIVATED, 'data-type', 'nonce'];

/**
 * What a gated element waits for, as the Rust core names it in its active lists: its category
 * (all of it), or with data-consent-service that service, `category:service`.
 */
export function gateOf(el) {
  const category = el.getAttribute(CATEGORY);
  const service = el.getAttribute(SERVICE);
  return service === null ? category : category + ':' + service;
}

/**
 * Tells Google Consent Mode what `googleConsent` grants (when the config maps any category and
 * the page has gtag), then pushes `{event: 'consent_update', consent_categories}` to the
 * dataLayer. A page's odd dataLayer or throwing gtag is reported, never thrown back.
 */
export function signal(googleConsent, active) {
  if (googleConsent && typeof window.gtag === 'function') {
    try {
      window.gtag('consent', 'update', googleConsent);
    } catch (e) {
      warn('window.gtag threw; the Google consent mode update was not sent');
    }
  }
  try {
    if (window.dataLayer === undefined) window.dataLayer = [];
  } catch (e) { /* a read-only global: reported below */ }
  const layer = window.dataLayer;
  if (!layer || typeof layer.push !== 'function') {
    warn('window.dataLayer has no push function; the consent_update event was not pushed');
  } else {
    try {
      layer.push({ event: 'consent_update', 'consent_categories': active.slice() });
    } catch (e) {
      warn('window.dataLayer.push threw; the consent_update event was not pushed');
    }
  }
}

function warn(message) {
  console.warn('consent-banner: ' + message);
}

/**
 * The one executor: carries out a plan the Rust core decided, in its order, for every module
 * (the full module through tags.rs). A choice's plan (src/core/plan.rs, `Plan::to_json`): the
 * cookies to write and whether the consent cookie stuck (or else what to say when a cookie is
 * refused), the history, the receipt, the cookies of what was withdrawn; a language change's
 * plan stops there. Every other plan, a page view's too: the signals (when `signal`), then either
 * the event and a reload, or the tags of `active`, `live()` (the module's own step once they
 * ran, which answers the event's detail when the plan has none) and the event. Resolves once
 * the event is dispatched.
 */
export function execute(plan, live) {
  setKnown(plan.known);
  const refused = (plan.write || []).filter((c) => !setCookie(c)).length;
  if (plan.check) {
    if (!readCookies().split('; ').includes(plan.check[0] + '=' + plan.check[1])) {
      warn('the browser did not store the consent cookie (cookies blocked?); the choice holds for this page only');
    }
  } else if (refused) {
    warn(plan.refused);
  }
  if (plan.history != null) {
    try {
      localStorage.setItem('consent_history', plan.history);
    } catch (e) {
      warn(`could not save the consent history (${e}); this choice is not in it`);
    }
  }
  if (plan.receipt) beacon(plan.receipt[0], plan.receipt[1]);
  // Not checked: document.cookie refuses writes only where it reads empty, and then there is
  // nothing to delete.
  (plan.delete || []).forEach(setCookie);
  // A plan that only writes (a language change) ends here.
  if (!plan.active) return Promise.resolve();
  if (plan.signal) signal(plan.googleConsent, plan.active);
  if (plan.reload) {
    dispatch(plan.event, plan.detail);
    location.reload();
    return Promise.resolve();
  }
  return activate(plan.active).then(() => {
    const detail = live ? live() : undefined;
    if (plan.event) dispatch(plan.event, plan.detail === undefined ? detail : plan.detail);
  });
}

function readCookies() {
  try {
    return document.cookie;
  } catch (e) {
    return ''; // a sandboxed frame: the check then reports the cookie missing
  }
}

function setCookie(cookie) {
  try {
    document.cookie = cookie;
    return true;
  } catch (e) {
    return false; // a sandboxed frame
  }
}

// text/plain, so that a cross-origin endpoint needs no CORS preflight.
function beacon(url, body) {
  try {
    if (navigator.sendBeacon && navigator.sendBeacon(url, body)) return;
  } catch (e) { /* fall back to fetch */ }
  fetch(url, { method: 'POST', body, keepalive: true }).catch(() => warn(`could not send the consent receipt to "${url}"`));
}

/**
 * The JS API's `on(event, callback)`, for every module: calls `callback` with the detail of each
 * `consent:<event>` on window. Returns the function that stops listening. A throwing subscriber
 * is reported and breaks neither consent-banner nor the other subscribers.
 */
export function on(event, callback) {
  if (typeof event !== 'string' || typeof callback !== 'function') {
    warn('on(event, callback) needs an event name and a function');
    return () => {};
  }
  const name = event.startsWith('consent:') ? event : 'consent:' + event;
  const listener = (e) => {
    try {
      callback(e.detail);
    } catch (err) {
      warn(`a subscriber of ${name} threw: ${err && err.message ? err.message : err}`);
    }
  };
  window.addEventListener(name, listener);
  return () => window.removeEventListener(name, listener);
}

/**
 * Replays, in order, the calls page code made through the loader's stubs before a module could
 * answer them (consentBanner.__queue): those `only(name)` takes, or all of them. They leave the
 * queue (emptied in place: the stubs push to the same array); the others stay for a module that
 * comes later. A queued on() gets its real unsubscribe function; a cancelled one is dropped.
 */
export function replay(api, only) {
  const queue = Array.isArray(api.__queue) ? api.__queue : [];
  const now = [];
  const later = [];
  for (const item of queue) (!only || only(item[0]) ? now : later).push(item);
  queue.splice(0, queue.length, ...later);
  for (const item of now) {
    const [name, args] = item;
    if (item.cancelled) continue;
    if (typeof api[name] !== 'function') {
      warn(`ignoring queued call of unknown function ${JSON.stringify(name)}`);
      continue;
    }
    try {
      const result = api[name](...(Array.isArray(args) ? args : []));
      if (name === 'on') item.off = result;
    } catch (e) {
      warn(`queued call ${name} failed: ${e && e.message ? e.message : e}`);
    }
  }
}

/**
 * Queues `call` ([name, args], or none) for the full module. True when that module is still to
 * be started; false when it has its API already: it replayed the queue at its start, so the
 * call is replayed now (a click on a surface it has not taken over yet).
 */
export function forFull(api, call) {
  if (call) api.__queue.push(call);
  if (!api.__full) return true;
  replay(api);
  return false;
}

/** The DOM of the wasm's markup: ["tag", {attributes}, children…] or a text. Never parsed as HTML. */
export function build(n) {
  if (typeof n === 'string') return document.createTextNode(n);
  const el = document.createElement(n[0]);
  for (const k in n[1]) el.setAttribute(k, n[1][k]);
  for (let i = 2; i < n.length; i++) el.appendChild(build(n[i]));
  return el;
}

/** Tells page code: a CustomEvent on window (a throwing listener is the browser's to report). */
export function dispatch(name, detail) {
  window.dispatchEvent(new CustomEvent(name, { detail }));
}

let stopped = false;
let pageNonce = null;
// What gates and API calls may name on this page (a page view's plan says: Policy::gate_names in
// src/core/policy.rs); null until a module has decided.
let known = null;
const warned = new Set();

function categoriesOf() {
  return known.filter((k) => !k.includes(':'));
}

function servicesOf(category) {
  return known.filter((k) => k.startsWith(category + ':')).map((k) => k.slice(category.length + 1));
}

function list(items) {
  return items.length ? items.join(', ') : 'none';
}

/**
 * Why an API call names something this page's config lacks, or null when it names nothing
 * unknown (or no module has decided yet). `ids`: category ids or `category:service` entries; with
 * `category`, the ids are that category's services. Every module checks its API's calls here, so
 * that a typo changes nothing instead of withdrawing what it does not name.
 */
export function unknownIds(ids, category) {
  if (!known) return null;
  if (category !== undefined) {
    if (typeof category !== 'string' || !categoriesOf().includes(category)) {
      return `unknown category ${JSON.stringify(category)} (this page's categories: ${list(categoriesOf())}); nothing changed`;
    }
    const bad = ids.filter((id) => !known.includes(category + ':' + id));
    return bad.length
      ? `unknown service ${bad.map((b) => JSON.stringify(b)).join(', ')} of category ${JSON.stringify(category)} (its services: ${list(servicesOf(category))}); nothing changed`
      : null;
  }
  const bad = ids.filter((id) => typeof id !== 'string' || !known.includes(id));
  return bad.length
    ? `unknown category ${bad.map((b) => JSON.stringify(b)).join(', ')} (this page's categories: ${list(categoriesOf())}); nothing changed`
    : null;
}

/**
 * True, with a warning, when the JS API's choice `name` (its arguments as page code gave them)
 * names a category or service this page's config lacks: the choice is then not made. The first
 * module's API and the runtime's ask here before choosing (the full module asks `unknownIds`).
 */
export function refuses(name, ids, category) {
  let why = null;
  if (name === 'acceptCategories') {
    why = unknownIds(Array.isArray(ids) ? ids : [ids]);
  } else if (name === 'acceptService') {
    why = typeof category !== 'string' ? 'it needs a category id: acceptService(services, category); nothing changed'
      : unknownIds(ids === 'all' || ids === '*' ? [] : Array.isArray(ids) ? ids : [ids], category);
  }
  if (why) warn(`${name}: ${why}`);
  return why !== null;
}

/** Sets what this page's gates and API calls may name (a page view's plan's `known`). */
export function setKnown(names) {
  if (Array.isArray(names)) known = names;
}

/** Warns once per name about a gate that names a category or service this page's config lacks. */
function unknownGate(el) {
  const category = el.getAttribute(CATEGORY);
  const service = el.getAttribute(SERVICE);
  const name = gateOf(el);
  if (!known || known.includes(name) || warned.has(name)) return;
  warned.add(name);
  if (service === null || !categoriesOf().includes(category)) {
    warn(`a tag gated with ${CATEGORY}="${category}" never runs: this page's config has no such category (it has ${list(categoriesOf())})`);
  } else {
    warn(`a tag gated with ${SERVICE}="${service}" never runs: category "${category}" has no such service (it has ${list(servicesOf(category))})`);
  }
}

/** True where the developer asked for diagnostics: ?consent-debug in the URL, or data-debug on the loader. */
export function debug() {
  try {
    if (/[?&]consent-debug(?:[=&]|$)/.test(location.search)) return true;
  } catch (e) { /* no location */ }
  const api = window.consentBanner;
  return !!(api && api.__debug);
}

/**
 * A config that cannot be used: every console line, then `consent:error` with every problem
 * (`{errors: [{path, message}]}`, path '' for the whole config or the page), and with
 * diagnostics on (see `debug`), a notice on the page that names them. Visitors never see it.
 */
export function fail(lines, problems) {
  lines.forEach((line) => console.error('consent-banner: ' + line));
  const errors = (problems || lines.map((line) => ({ path: '', message: line }))).map((p) => ({ path: p.path || '', message: p.message }));
  const api = window.consentBanner;
  if (api && typeof api === 'object') {
    try { api.ready = false; } catch (e) { /* a frozen object */ }
  }
  dispatch('consent:error', { errors });
  if (debug()) notice(errors);
}

// The notice's code is a file of its own (consent-banner-notice.js beside this one), fetched
// only when it shows: with diagnostics on and a config that cannot be used.
function notice(errors) {
  import(new URL('consent-banner-notice.js', import.meta.url).href).then((m) => m.notice(errors),
    () => warn('the debug notice could not be loaded; the errors above say it all'));
}

/** Stops all further activation on this page view (after a panic the state may be inconsistent). */
export function stop() {
  stopped = true;
}

/** Remembers the page's CSP nonce (the loader script's), for activated scripts that have none. */
export function setNonce(nonce) {
  pageNonce = typeof nonce === 'string' && nonce ? nonce : null;
}

/**
 * Activates every not yet activated tag of the given categories and services (see gateOf), in
 * document order. An external script is awaited before the next tag runs, so order holds as in
 * a plain page.
 */
export async function activate(categories) {
  if (stopped) return;
  const pending = [];
  for (const el of document.querySelectorAll(`[${CATEGORY}]:not([${ACTIVATED}])`)) {
    if (categories.includes(gateOf(el))) {
      // Marked before any await, so a second activation pass never runs it twice.
      el.setAttribute(ACTIVATED, '');
      pending.push(el);
    } else {
      unknownGate(el);
    }
  }
  for (const el of pending) {
    if (el.localName === 'script') {
      const wait = runScript(el);
      if (wait) await wait;
    } else {
      load(el);
    }
  }
}

/**
 * Loads one gated element for this page view only (a placeholder's "Load once"): nothing is
 * stored and nothing else on the page runs. Resolves once a script has loaded or failed.
 */
export function loadOnce(el) {
  if (stopped || el.hasAttribute(ACTIVATED)) return Promise.resolve();
  el.setAttribute(ACTIVATED, '');
  if (el.localName !== 'script') return Promise.resolve(load(el));
  return Promise.resolve(runScript(el));
}

/** Replaces an inert script with a live copy; for an external one, returns when it has loaded or failed. */
function runScript(inert) {
  const type = inert.getAttribute('type') || '';
  if (type.toLowerCase() !== 'text/plain') {
    console.warn(`consent-banner: a script with ${CATEGORY} must have type="text/plain" to stay inert until consent; this one (type "${type}") already ran`);
    return null;
  }
  const live = document.createElement('script');
  for (const name of inert.getAttributeNames()) {
    if (!GATING.includes(name)) live.setAttribute(name, inert.getAttribute(name));
  }
  // Browsers hide a nonce from getAttribute once parsed; the property still holds it.
  const nonce = inert.nonce || pageNonce;
  if (nonce) live.setAttribute('nonce', nonce);
  const kind = inert.getAttribute('data-type');
  if (kind !== null) live.setAttribute('type', kind);
  live.setAttribute(ACTIVATED, '');
  const src = inert.getAttribute('data-src');
  let wait = null;
  if (src !== null) {
    live.setAttribute('src', src);
    // Dynamic scripts are async by default; keep insertion order instead.
    live.async = false;
    wait = new Promise((resolve) => { live.onload = resolve; live.onerror = resolve; });
  } else {
    live.textContent = inert.textContent;
  }
  try {
    inert.replaceWith(live);
  } catch (e) {
    return null;
  }
  return wait;
}

/** Loads a gated img, iframe, video, audio, source or link by moving data-* to the real attribute. */
function load(el) {
  for (const [from, to] of [['data-srcset', 'srcset'], ['data-src', 'src'], ['data-href', 'href']]) {
    const value = el.getAttribute(from);
    if (value !== null) {
      el.setAttribute(to, value);
      el.removeAttribute(from);
    }
  }
  // A media element picks up new <source> children only when told to.
  const parent = el.parentElement;
  if (el.localName === 'source' && parent && typeof parent.load === 'function') parent.load();
}

/**
 * Calls `onAdded` whenever elements carrying data-consent-category (or a widget's container,
 * data-consent-placeholder) are inserted (by a single-page
 * app or a tag manager). Returns the observer, so that its owner can disconnect it.
 */
export function observe(onAdded) {
  // Gated elements, and the containers of widgets (not our own placeholders).
  const selector = `[${CATEGORY}],[data-consent-placeholder]:not(.cb-placeholder)`;
  const gated = (node) => node.nodeType === 1 && !node.hasAttribute(ACTIVATED) &&
    (node.matches(selector) || node.querySelector(selector) !== null);
  const observer = new MutationObserver((records) => {
    if (records.some((r) => Array.prototype.some.call(r.addedNodes, gated))) onAdded();
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
  return observer;
}
