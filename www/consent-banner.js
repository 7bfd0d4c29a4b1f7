/*! consent-banner loader · MIT OR Apache-2.0 */
/* Boots the WebAssembly component. All consent logic lives in Rust.
 * <script src="consent-banner.js" data-config="/consent.json" data-area="…" async></script> (or defer)
 * Optional: data-module="…/consent_banner.js" (default: the module beside this file),
 * data-css (default: consent-banner.css beside this file), data-google-consent-mode="off".
 *
 * Three wasm modules, all built from the same Rust crate, and each doing only the decisions:
 * - the returning-visitor runtime, a std-free wasm of a few kilobytes that decides from the policy
 *   cached after validating this exact config text: page views with a valid stored choice;
 * - the first-visit module, std-free too: validates the config, answers the banner's markup and
 *   turns a choice on the banner (or through the API) into a plan that this loader carries out;
 * - the full module (Yew): the privacy centre, cookie tables and placeholders, loaded when one of
 *   them is needed; it takes over the page from the other two.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  function warn(message) { console.warn('consent-banner: ' + message); }
  // Included twice: the first copy wins, so there is only ever one banner.
  var existing = window.consentBanner;
  if (existing && existing.__booted) return;
  var api = existing;
  if (!api || (typeof api !== 'object' && typeof api !== 'function') || !Object.isExtensible(api)) {
    if (api !== undefined) warn('window.consentBanner was taken by something else (' + typeof api + '); replacing it');
    api = {};
  }
  try {
    window.consentBanner = api;
  } catch (e) {
    warn('window.consentBanner cannot be set (' + e + '); the JS API is unavailable');
  }
  api.__booted = true;
  // Until the wasm is ready, calls are queued (in order) and replayed by it; queries answer
  // "nothing accepted yet", which is true until then.
  var queue = api.__queue = Array.isArray(api.__queue) ? api.__queue : [];
  ['acceptCategories', 'acceptAll', 'rejectAll', 'openPreferences', 'showBanner', 'setLanguage'].forEach(function (name) {
    if (typeof api[name] !== 'function') api[name] = function () { queue.push([name, [].slice.call(arguments)]); };
  });
  if (typeof api.getConsent !== 'function') api.getConsent = function () { return null; };
  if (typeof api.acceptedCategory !== 'function') api.acceptedCategory = function () { return false; };
  if (typeof api.on !== 'function') api.on = function (event, callback) {
    var item = ['on', [event, callback]];
    queue.push(item);
    return function () { if (item.off) item.off(); else item.cancelled = true; };
  };

  // Google Consent Mode v2: the defaults must be set before any Google tag runs, so they are
  // set here, synchronously; the component sends the updates. data-google-consent-mode="off"
  // leaves gtag alone. A page's odd dataLayer or throwing gtag must not stop the banner.
  if (!script || script.getAttribute('data-google-consent-mode') !== 'off') {
    try {
      if (window.dataLayer === undefined) window.dataLayer = [];
      var layer = window.dataLayer;
      if (typeof window.gtag !== 'function' && layer && typeof layer.push === 'function') {
        window.gtag = function () { window.dataLayer.push(arguments); };
      }
      if (typeof window.gtag === 'function') {
        window.gtag('consent', 'default', {
          ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied', analytics_storage: 'denied',
          wait_for_update: 500
        });
      } else {
        warn('window.dataLayer has no push function; Google Consent Mode defaults not set');
      }
    } catch (e) {
      warn('could not set the Google Consent Mode defaults (' + e + ')');
    }
  }

  var base = script && script.src ? script.src : location.href;
  var moduleUrl = new URL((script && script.getAttribute('data-module')) || '../pkg/consent_banner.js', base).href;
  var fullWasm = moduleUrl.replace(/\.js$/, '_bg.wasm');
  var runtimeWasm = moduleUrl.replace(/\.js$/, '_runtime.wasm');
  var firstWasm = moduleUrl.replace(/\.js$/, '_first.wasm');
  var tagsUrl = new URL('consent-banner-tags.js', moduleUrl).href;
  var cssUrl = new URL((script && script.getAttribute('data-css')) || 'consent-banner.css', base).href;
  var configAttr = script && script.getAttribute('data-config');
  var configUrl = configAttr ? new URL(configAttr, location.href).href : null;
  var area = script && script.getAttribute('data-area');

  // Start downloads now, in parallel, without blocking rendering.
  function hint(rel, href, as) {
    var link = document.createElement('link');
    link.rel = rel;
    link.href = href;
    if (as) link.as = as;
    // fetch() requests are CORS-mode: the preload must be too for the response to be reused.
    if (as === 'fetch') link.crossOrigin = 'anonymous';
    document.head.appendChild(link);
  }
  function failed(e) {
    // Fail closed: gated tags stay inert, the page keeps working.
    console.error('consent-banner: could not start the WebAssembly component (' + e + '); no optional tag will run');
  }

  // The full module. `text`: the config text, when the runtime already has it; `afterRuntime`:
  // the runtime or the first-visit module already activated this page view's tags and announced
  // them (and showed the banner, which the full module then takes over).
  var fullStarted = false;
  function full(text, afterRuntime) {
    if (fullStarted) return;
    fullStarted = true;
    // Everything the module will ask for, at once rather than one after the other; the wasm is
    // compiled while it downloads and while the module's JavaScript is parsed.
    hint('modulepreload', tagsUrl);
    if (!document.querySelector('link[rel~="stylesheet"][href*="consent-banner"]')) hint('preload', cssUrl, 'style');
    var wasm = typeof WebAssembly === 'object' && WebAssembly.compileStreaming
      ? WebAssembly.compileStreaming(fetch(fullWasm)).catch(function () { return fullWasm; })
      : fullWasm;
    return Promise.all([import(moduleUrl), wasm])
      .then(function (r) {
        return r[0].default({ module_or_path: r[1] }).then(function () { r[0].start(script, text, !!afterRuntime); });
      })
      .catch(failed);
  }

  // Both modules need the config: its download starts first.
  if (configUrl) hint('preload', configUrl, 'fetch');

  // The policy cached by the full module (see POLICY_KEY in src/core/contract.rs). Its presence
  // only picks which module to load; the runtime checks it against the config text.
  var cached = null;
  try {
    cached = window.localStorage.getItem('consent-banner:policy' + (area ? ':' + area : ''));
  } catch (e) {
    // Storage blocked: the full module serves every page view.
  }
  if (cached) runtime();
  else first();

  function instantiate(url) {
    return WebAssembly.instantiateStreaming(fetch(url)).catch(function () {
      // A server without the application/wasm type: instantiate from the bytes instead.
      return fetch(url).then(function (r) { return r.arrayBuffer(); }).then(WebAssembly.instantiate);
    }).then(function (r) { return r.instance.exports; });
  }

  function configText() {
    if (!configUrl) {
      var inline = document.querySelector('script[type="application/json"][data-consent-config]');
      return inline ? inline.textContent : null;
    }
    return withTimeout(fetch(configUrl).then(function (r) {
      if (!r.ok) throw new Error('HTTP ' + r.status);
      return r.text();
    }));
  }

  function domReady() {
    return document.readyState !== 'loading' ? null
      : new Promise(function (resolve) { document.addEventListener('DOMContentLoaded', resolve); });
  }

  // The returning-visitor runtime: the wasm, the config text and tags.js, all at once.
  function runtime() {
    var started;
    try {
      started = Promise.all([instantiate(runtimeWasm), configText(), import(tagsUrl), domReady()]);
    } catch (e) {
      started = Promise.reject(e);
    }
    started.then(function (r) {
      var text = r[1] === null ? '' : r[1];
      var answer = decide(r[0], text);
      if (!answer) return first(text);
      if (needsFull(answer.active)) return full(text);
      serve(answer, r[2], text);
    }, function () {
      // The first-visit module fetches again and reports what failed.
      first();
    });
  }

  // ---- The first-visit module -----------------------------------------------------------------
  // A page view without a usable cache: the wasm validates the config, decides, and answers the
  // banner's markup; a choice on the banner or through the API comes back as a plan that `execute`
  // carries out. The privacy centre (Customise, data-consent-open, openPreferences), cookie tables
  // and placeholders load the full module, which takes the page over.
  function first(text) {
    if (!document.querySelector('link[rel~="stylesheet"][href*="consent-banner"]')) hint('preload', cssUrl, 'style');
    var started;
    try {
      started = Promise.all([instantiate(firstWasm), text === undefined ? configText() : text, import(tagsUrl), domReady()]);
    } catch (e) {
      started = Promise.reject(e);
    }
    started.then(function (r) {
      lite(r[0], r[1] === null ? null : r[1], r[2]);
    }, function (e) {
      // A missing or failing first-visit module, or a config that could not be fetched: the full
      // module tries again and reports what failed.
      full();
    });
  }

  var LANGS = (function () {
    var list = [];
    try { list = [].slice.call(navigator.languages || []); } catch (e) { /* none */ }
    return list.join(',');
  })();

  // Calls the first-visit wasm: `op` (see cb_first in src/runtime.rs) with the page's inputs.
  function call(x, text, op, method, extra) {
    extra = extra || {};
    x.cb_reset();
    var storage = history();
    var hex = '';
    var bytes = new Uint8Array(8);
    try { crypto.getRandomValues(bytes); } catch (e) { for (var j = 0; j < 8; j++) bytes[j] = Math.random() * 256; }
    for (var k = 0; k < 8; k++) hex += (bytes[k] < 16 ? '0' : '') + bytes[k].toString(16);
    [text, area || '', document.cookie, document.documentElement.getAttribute('lang') || '', LANGS,
      location.hostname, location.pathname, extra.lang || '', (extra.active || []).join(','),
      storage === null ? '\u0000' : storage, extra.arg || '', hex].forEach(function (s) {
      var b = new TextEncoder().encode(s);
      new Uint8Array(x.memory.buffer, x.cb_input(b.length) >>> 0, b.length).set(b);
    });
    var flags = (navigator.globalPrivacyControl ? 1 : 0) | (location.protocol === 'https:' ? 2 : 0);
    var len = x.cb_first(op, method, flags, Date.now() / 1000) >>> 0;
    if (!len) throw new Error('the first-visit module refused its input');
    return JSON.parse(new TextDecoder().decode(new Uint8Array(x.memory.buffer, x.cb_output() >>> 0, len)));
  }

  // The stored history text ('' when none), or null when storage is unavailable.
  function history() {
    try {
      return window.localStorage.getItem('consent_history') || '';
    } catch (e) {
      return null;
    }
  }

  function lite(x, text, tags) {
    if (text === null) {
      console.error('consent-banner: no config: give the loader script a data-config attribute or add ' +
        'script[type="application/json"][data-consent-config]; no optional tag will run');
      return;
    }
    var answer;
    try {
      answer = call(x, text, 0, 0);
    } catch (e) {
      return full(text);
    }
    if (answer.errors) {
      // Fail closed: nothing optional runs, no banner, the API's calls stay queued and unanswered.
      answer.errors.forEach(function (line) { console.error('consent-banner: ' + line); });
      return;
    }
    answer.log.forEach(function (l) { console[l[0]]('consent-banner: ' + l[1]); });
    try {
      var key = answer.policy[0];
      if (window.localStorage.getItem(key) !== answer.policy[1]) window.localStorage.setItem(key, answer.policy[1]);
    } catch (e) { /* no storage: the next page view starts here again */ }
    if (answer.surface === 'nothing') {
      // A valid choice but no cache (blocked storage): served as the runtime serves it.
      if (needsFull(answer.active)) return full(text);
      return serve(answer, tags, text);
    }
    var state = { lang: answer.lang, active: answer.active, consent: null, view: answer.view, live: true };
    var ui = null;

    function handOver(name, args) {
      if (name) queue.push([name, args || []]);
      var customise = ui && ui.root.querySelector('[data-consent-action="customise"]');
      if (customise && name === '__customise') customise.setAttribute('aria-busy', 'true');
      full(text, true);
    }
    // Called by the full module right before it renders into the same shadow root: the banner
    // it takes over goes, with its page effects, in the same task, so nothing flashes.
    api.__release = function () {
      state.live = false;
      if (ui) ui.release();
      ui = null;
    };

    function choose(op, method, arg) {
      if (!state.live) return;
      var plan;
      try {
        plan = call(x, text, op, method, { lang: state.lang, active: state.active, arg: arg });
      } catch (e) {
        return warn('could not record the choice (' + e + ')');
      }
      if (plan.errors) return plan.errors.forEach(function (line) { console.error('consent-banner: ' + line); });
      execute(plan, tags);
      state.active = plan.active;
      state.consent = plan.detail.consent;
      if (ui) ui.answered(answer.saved);
    }

    function setLanguage(lang) {
      if (!state.live) return false;
      var r;
      try { r = call(x, text, 5, 0, { arg: String(lang) }); } catch (e) { return false; }
      if (r.warn) { warn(r.warn); return false; }
      document.cookie = r.cookie;
      state.lang = r.lang;
      state.view = r.view;
      answer.saved = r.saved;
      if (ui) ui.render(r.view, true);
      return true;
    }

    // The API: the first layer's choices here, the privacy centre from the full module.
    api.getConsent = function () { return state.consent ? JSON.parse(JSON.stringify(state.consent)) : null; };
    api.acceptedCategory = function (id) { return state.active.indexOf(id) >= 0; };
    api.on = on;
    api.acceptAll = function () { choose(1, 1); };
    api.rejectAll = function () { choose(2, 1); };
    api.acceptCategories = function (ids) {
      choose(3, 1, (Array.isArray(ids) ? ids : [ids]).filter(function (i) { return typeof i === 'string'; }).join(','));
    };
    api.openPreferences = function () { handOver('openPreferences'); };
    api.showBanner = function () {
      if (!state.live) return;
      if (!ui) ui = mount(state.view, answer.mode);
      else if (!ui.shown()) ui.render(state.view, false);
      dispatch('consent:banner-shown', { mode: answer.mode });
    };
    api.setLanguage = setLanguage;
    replayOn();
    api.ready = true;
    document.addEventListener('click', function (e) {
      if (api.__full || !e.target || !e.target.closest || !e.target.closest('[data-consent-open]')) return;
      e.preventDefault();
      handOver('openPreferences');
    });

    ui = mount(state.view, answer.mode);
    dispatch('consent:banner-shown', { mode: answer.mode });
    tags.setNonce(script && script.nonce);
    var observer = tags.observe(function () {
      if (needsFull(state.active)) handOver();
      else tags.activate(state.active);
    });
    if (needsFull(state.active)) handOver();
    tags.activate(state.active).then(function () {
      dispatch('consent:ready', { consent: api.getConsent(), active: state.active.slice() });
      // Calls queued before the module was ready, in order.
      var calls = queue.splice(0, queue.length);
      calls.forEach(function (item) {
        if (item[0] === 'on' || typeof api[item[0]] !== 'function') return;
        try { api[item[0]].apply(api, item[1]); } catch (err) { warn('queued call ' + item[0] + ' failed: ' + err); }
      });
    });

    // The banner in the component's shadow root, as the full module renders it.
    function mount(view, mode) {
      var host = document.createElement('div');
      host.setAttribute('data-consent-root', '');
      host.setAttribute('data-nosnippet', '');
      document.body.insertBefore(host, document.body.firstChild);
      var root = host.attachShadow({ mode: 'open' });
      var link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = cssUrl;
      var box = document.createElement('div');
      root.appendChild(link);
      // Hidden until the stylesheet applies: never unstyled, never a layout shift.
      if (!link.sheet) {
        box.hidden = true;
        var reveal = function () { box.hidden = false; };
        link.addEventListener('load', reveal);
        link.addEventListener('error', function () {
          console.error('consent-banner: the stylesheet could not be loaded into the banner\'s shadow root; showing it unstyled');
          reveal();
        });
      }
      root.appendChild(box);
      var space = null;
      box.addEventListener('click', function (e) {
        var button = e.target.closest && e.target.closest('[data-consent-action]');
        if (!button) return;
        var action = button.getAttribute('data-consent-action');
        if (action === 'accept-all') choose(1, 0);
        else if (action === 'reject-all') choose(2, 0);
        else if (action === 'acknowledge') choose(4, 0);
        else if (action === 'customise') handOver('__customise');
      });
      box.addEventListener('change', function (e) {
        if (e.target.hasAttribute && e.target.hasAttribute('data-consent-language')) setLanguage(e.target.value);
      });
      function banner() { return box.querySelector('[data-consent-banner]'); }
      function render(view, keepFocus) {
        var focused = keepFocus && root.activeElement && root.activeElement.id;
        if (space) space.release();
        box.textContent = '';
        box.appendChild(build(view));
        var section = banner();
        if (section && typeof section.showPopover === 'function') {
          // Manual popover: the top layer, above any z-index of the page.
          section.setAttribute('popover', 'manual');
          try { section.showPopover(); } catch (e) { section.removeAttribute('popover'); }
        }
        space = section ? reserve(section) : null;
        if (focused && root.getElementById(focused)) root.getElementById(focused).focus();
      }
      render(view, false);
      return {
        root: root,
        shown: function () { return !!banner(); },
        render: render,
        answered: function (saved) {
          var section = banner();
          if (section) section.remove();
          if (space) space.release();
          space = null;
          var status = box.querySelector('[data-consent-status]');
          if (status) status.textContent = saved;
        },
        release: function () {
          if (space) space.release();
          space = null;
          box.remove();
          if (observer) observer.disconnect();
        },
      };
    }
  }

  // Markup from the wasm: ["tag", {attributes}, children…] or a text. Never parsed as HTML.
  function build(n) {
    if (typeof n === 'string') return document.createTextNode(n);
    var el = document.createElement(n[0]);
    for (var k in n[1]) el.setAttribute(k, n[1][k]);
    for (var i = 2; i < n.length; i++) el.appendChild(build(n[i]));
    return el;
  }

  // Keeps what is focused in the page clear of the banner (WCAG 2.4.11): while it shows, the
  // page's root gets bottom scroll-padding, and as much extra padding, of the height the banner
  // covers, kept current by a ResizeObserver (as the full module's BannerSpace does).
  function reserve(banner) {
    if (typeof ResizeObserver !== 'function') return null;
    var style = document.documentElement.style;
    var props = ['scroll-padding-bottom', 'padding-bottom'];
    var before = props.map(function (p) { return style.getPropertyValue(p); });
    var page = parseFloat(getComputedStyle(document.documentElement).getPropertyValue('padding-bottom')) || 0;
    function update() {
      var h = window.innerHeight;
      var space = Math.ceil(Math.min(Math.max(h - banner.getBoundingClientRect().top, 0), h));
      style.setProperty(props[0], space + 'px');
      style.setProperty(props[1], page + space + 'px');
    }
    var ro = new ResizeObserver(update);
    ro.observe(banner);
    update();
    return {
      release: function () {
        ro.disconnect();
        props.forEach(function (p, i) { if (before[i]) style.setProperty(p, before[i]); else style.removeProperty(p); });
      },
    };
  }

  // Carries out a choice's plan (src/core/first.rs), in its order.
  function execute(plan, tags) {
    plan.write.forEach(function (c) { document.cookie = c; });
    if (plan.check && document.cookie.split('; ').indexOf(plan.check[0] + '=' + plan.check[1]) < 0) {
      warn('the browser did not store the consent cookie (cookies blocked?); the choice holds for this page only');
    }
    if (plan.history !== null) {
      try { window.localStorage.setItem('consent_history', plan.history); } catch (e) { /* quota, blocked */ }
    }
    if (plan.receipt) beacon(plan.receipt[0], plan.receipt[1]);
    plan.delete.forEach(function (c) { document.cookie = c; });
    signal(plan.googleConsent, plan.active);
    if (plan.reload) {
      dispatch('consent:change', plan.detail);
      return location.reload();
    }
    tags.activate(plan.active).then(function () { dispatch('consent:change', plan.detail); });
  }

  // text/plain, so that a cross-origin endpoint needs no CORS preflight.
  function beacon(url, body) {
    try {
      if (navigator.sendBeacon && navigator.sendBeacon(url, body)) return;
    } catch (e) { /* fall back to fetch */ }
    fetch(url, { method: 'POST', body: body, keepalive: true }).catch(function () {
      warn('could not send the consent receipt to "' + url + '"');
    });
  }

  function withTimeout(promise) {
    return Promise.race([promise, new Promise(function (_, reject) { setTimeout(reject, 10000, 'timed out'); })]);
  }

  // Runs the Rust decision (src/core/returning.rs): its JSON answer, or null to hand over.
  function decide(x, text) {
    try {
      x.cb_reset();
      var args = [];
      [cached, text, document.cookie].forEach(function (s) {
        var bytes = new TextEncoder().encode(s);
        var ptr = x.cb_alloc(bytes.length) >>> 0;
        new Uint8Array(x.memory.buffer, ptr, bytes.length).set(bytes);
        args.push(ptr, bytes.length);
      });
      var len = x.cb_decide.apply(null, args.concat(Date.now() / 1000)) >>> 0;
      return len ? JSON.parse(new TextDecoder().decode(new Uint8Array(x.memory.buffer, x.cb_output() >>> 0, len))) : null;
    } catch (e) {
      return null;
    }
  }

  // Cookie tables and the placeholders of blocked iframes are the full module's.
  function needsFull(active) {
    if (document.querySelector('[data-consent-cookie-table]')) return true;
    var frames = document.querySelectorAll('iframe[data-consent-category]');
    for (var i = 0; i < frames.length; i++) {
      if (active.indexOf(frames[i].getAttribute('data-consent-category')) < 0) return true;
    }
    return false;
  }

  function serve(answer, tags, text) {
    var active = answer.active;
    var consent = answer.consent;
    if (consent && typeof consent.time === 'number') consent.time = new Date(consent.time * 1000).toISOString();
    var snapshot = function () { return JSON.parse(JSON.stringify(consent)); };
    var observer = null;
    var handedOver = false;
    function handOver() {
      if (handedOver) return;
      handedOver = true;
      if (observer) observer.disconnect();
      full(text, true);
    }

    signal(answer.googleConsent, active);

    // The API: queries answered here, changes handed to the full module with the call queued.
    api.getConsent = function () { return snapshot(); };
    api.acceptedCategory = function (id) { return active.indexOf(id) >= 0; };
    api.on = on;
    ['acceptCategories', 'acceptAll', 'rejectAll', 'openPreferences', 'showBanner', 'setLanguage'].forEach(function (name) {
      api[name] = function () {
        queue.push([name, [].slice.call(arguments)]);
        handOver();
      };
    });
    replayOn();
    api.ready = true;
    document.addEventListener('click', function (e) {
      // Once the full module runs, its own listener opens the privacy centre.
      if (api.__full || !e.target || !e.target.closest || !e.target.closest('[data-consent-open]')) return;
      e.preventDefault();
      queue.push(['openPreferences', []]);
      handOver();
    });

    tags.setNonce(script && script.nonce);
    observer = tags.observe(function () {
      if (needsFull(active)) handOver();
      else tags.activate(active);
    });
    tags.activate(active).then(function () {
      window.dispatchEvent(new CustomEvent('consent:ready', { detail: { consent: snapshot(), active: active.slice() } }));
      // Calls queued before the runtime was ready that change something.
      if (queue.length) handOver();
    });
  }

  // Consent Mode update, then the dataLayer event, as the full module sends them.
  function signal(googleConsent, active) {
    if (googleConsent && typeof window.gtag === 'function') {
      try { window.gtag('consent', 'update', googleConsent); } catch (e) { /* the page's gtag */ }
    }
    try {
      if (window.dataLayer === undefined) window.dataLayer = [];
    } catch (e) { /* a read-only global: reported below */ }
    var layer = window.dataLayer;
    if (!layer || typeof layer.push !== 'function') {
      warn('window.dataLayer has no push function; the consent_update event was not pushed');
    } else {
      try {
        layer.push({ event: 'consent_update', consent_categories: active.slice() });
      } catch (e) {
        warn('window.dataLayer.push threw; the consent_update event was not pushed');
      }
    }
  }

  // Subscriptions queued before the API answered, now real.
  function replayOn() {
    for (var i = queue.length - 1; i >= 0; i--) {
      var item = queue[i];
      if (item[0] !== 'on') continue;
      queue.splice(i, 1);
      if (!item.cancelled) item.off = on(item[1][0], item[1][1]);
    }
  }

  function dispatch(name, detail) {
    window.dispatchEvent(new CustomEvent(name, { detail: detail }));
  }

  function on(event, callback) {
    if (typeof event !== 'string' || typeof callback !== 'function') {
      warn('on(event, callback) needs an event name and a function');
      return function () {};
    }
    var name = event.indexOf('consent:') === 0 ? event : 'consent:' + event;
    var listener = function (e) {
      // A throwing subscriber must not break consent-banner or the other subscribers.
      try { callback(e.detail); } catch (err) { /* the subscriber's own error */ }
    };
    window.addEventListener(name, listener);
    return function () { window.removeEventListener(name, listener); };
  }
})();
