//# allFunctionsCalledOnLoad
// (V8's explicit compile hint, on the first line: every page view runs most of this script at
// once, so V8 compiles all its functions as it loads it instead of each again on its first call:
// about 10 ms less of a slow phone's main thread before the downloads start.)
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
 *   turns a choice on the banner (or through the API) into a plan, which tags.js carries out
 *   (tags.js's `execute` carries out every module's plans, a page view's too);
 * - the full module (Yew): the privacy centre, loaded when it is opened; it takes over the page
 *   from the other two.
 * Placeholders and cookie tables are rendered by the first two (consent-banner-surfaces.js shows
 * them): the first-visit module from the config, the runtime from what it cached (the kit).
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
  // False until a module answers (then true), and false again for a config that cannot be used.
  if (api.ready !== true) api.ready = false;
  // Diagnostics for the developer (data-debug, or ?consent-debug in the URL: see tags.js's debug).
  if (script && script.hasAttribute('data-debug')) api.__debug = true;
  // Until the wasm is ready, calls are queued (in order) and replayed by it; queries answer
  // "nothing accepted yet", which is true until then.
  var queue = api.__queue = Array.isArray(api.__queue) ? api.__queue : [];
  // The calls that change something (queued until a module answers them).
  var CHANGES = ['acceptCategories', 'acceptService', 'acceptAll', 'rejectAll', 'openPreferences', 'showBanner', 'setLanguage'];
  CHANGES.forEach(function (name) {
    if (typeof api[name] !== 'function') api[name] = function () { queue.push([name, [].slice.call(arguments)]); };
  });
  if (typeof api.getConsent !== 'function') api.getConsent = function () { return null; };
  if (typeof api.acceptedCategory !== 'function') api.acceptedCategory = function () { return false; };
  if (typeof api.acceptedService !== 'function') api.acceptedService = function () { return false; };
  if (typeof api.on !== 'function') api.on = function (event, callback) {
    var item = ['on', [event, callback]];
    queue.push(item);
    return function () { if (item.off) item.off(); else item.cancelled = true; };
  };

  var base = script && script.src ? script.src : location.href;
  var moduleUrl = new URL((script && script.getAttribute('data-module')) || '../pkg/consent_banner.js', base).href;
  var fullWasm = moduleUrl.replace(/\.js$/, '_bg.wasm');
  // A page with placeholders or cookie tables gets the std-free modules' variants that render
  // them; the others never download that code. `data-surfaces` says so before the page's body is
  // parsed, which a loader in <head> may run before. (A page parsed after this script, which has
  // them but says nothing, is served by the full module instead.)
  var SURFACES = '[data-consent-cookie-table],iframe[data-consent-category],[data-consent-placeholder]';
  var said = !!script && script.hasAttribute('data-surfaces');
  var variant = said || document.querySelector(SURFACES) ? '_surfaces.wasm' : '.wasm';
  if (!said && variant !== '.wasm' && document.querySelector('link[rel="preload"][href$="_first.wasm"],link[rel="preload"][href$="_runtime.wasm"]')) {
    warn('this page has placeholders or cookie tables: add data-surfaces to the loader\'s script tag, or the page preloads the modules without them for nothing');
  }
  var runtimeWasm = moduleUrl.replace(/\.js$/, '_runtime' + variant);
  var firstWasm = moduleUrl.replace(/\.js$/, '_first' + variant);
  var tagsUrl = new URL('consent-banner-tags.js', moduleUrl).href;
  var i18nUrl = new URL('i18n/', moduleUrl).href;
  var firstUrl = new URL('consent-banner-first.js', moduleUrl).href;
  var surfacesUrl = new URL('consent-banner-surfaces.js', moduleUrl).href;
  var customCss = script && script.getAttribute('data-css');
  var cssUrl = new URL(customCss || 'consent-banner.css', base).href;
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
  // The stylesheet, preloaded once for whichever module shows something first.
  var cssHinted = false;
  function hintCss() {
    if (cssHinted || document.querySelector('link[rel~="stylesheet"][href*="consent-banner"]')) return;
    cssHinted = true;
    hint('preload', cssUrl, 'style');
  }
  function failed(e) {
    // Fail closed: gated tags stay inert, the page keeps working.
    fail('could not start the WebAssembly component (' + e + '); no optional tag will run');
  }
  // A page view that cannot start: said on the console and to page code (consent:error) by
  // tags.js's `fail`, or on the console alone when even tags.js cannot load.
  function fail(line) {
    var logged = function () { console.error('consent-banner: ' + line); };
    try {
      import(tagsUrl).then(function (t) { t.fail([line]); }, logged);
    } catch (e) {
      logged();
    }
  }

  // The full module. `text`: the config text, when the runtime already has it; `afterRuntime`:
  // the runtime or the first-visit module already activated this page view's tags and announced
  // them (and showed the banner, which the full module then takes over); `texts`: first.js's
  // function that gives a language's built-in texts (it may hold them already), else the module
  // downloads them from i18n/ beside itself.
  var fullStarted = false;
  var fullLoading = null;
  function full(text, afterRuntime, texts) {
    if (fullStarted) return;
    fullStarted = true;
    return loadFull()
      .then(function (r) {
        return r[0].default({ module_or_path: r[1] }).then(function () { r[0].start(script, text, !!afterRuntime, texts || i18nUrl); });
      })
      .catch(failed);
  }
  // Its downloads, at once rather than one after the other; the wasm is compiled while it
  // downloads and while the module's JavaScript is parsed. Also started early when the visitor
  // points at or focuses Customise.
  function loadFull() {
    if (fullLoading) return fullLoading;
    hint('modulepreload', tagsUrl);
    hintCss();
    var wasm = typeof WebAssembly === 'object' && WebAssembly.compileStreaming
      ? WebAssembly.compileStreaming(fetch(fullWasm)).catch(function () { return fullWasm; })
      : fullWasm;
    return (fullLoading = Promise.all([import(moduleUrl), wasm]));
  }

  // The policy cached by the full module (see POLICY_KEY in src/core/contract.rs). Its presence
  // only picks which module to load; the runtime checks it against the config text. A page
  // without any cookie has no stored choice to serve: a first visit skips the storage read (the
  // browser's first access to localStorage waits for the whole storage area).
  var cached = null;
  var cookies = '';
  try {
    cookies = document.cookie;
    if (cookies) cached = window.localStorage.getItem('consent-banner:policy' + (area ? ':' + area : ''));
  } catch (e) {
    // Storage blocked: the full module serves every page view.
  }
  // With diagnostics on, the full module serves every page view: it also lints the config and
  // prints what `check` would say.
  if (api.__debug || /[?&]consent-debug(?:[=&]|$)/.test(location.search)) full();
  else if (cached) runtime();
  else first();

  // Google Consent Mode v2: the defaults must be set before any Google tag runs, so they are set
  // here, synchronously; after the modules' downloads have started, which saves their time on a
  // slow phone, and still before anything else: the modules run once this script has finished.
  // The component sends the updates. data-google-consent-mode="off" leaves gtag alone. A page's
  // odd dataLayer or throwing gtag must not stop the banner.
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
    return withTimeout(fetchText(configUrl));
  }

  // A file's text; an HTTP error status rejects.
  function fetchText(url) {
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error('HTTP ' + r.status);
      return r.text();
    });
  }

  function domReady() {
    return document.readyState !== 'loading' ? null
      : new Promise(function (resolve) { document.addEventListener('DOMContentLoaded', resolve); });
  }

  // The returning-visitor runtime: the wasm, the config text and tags.js, all at once.
  function runtime() {
    preloadSurfaces();
    var parts;
    try {
      parts = Promise.all([instantiate(runtimeWasm), import(tagsUrl), domReady()]);
    } catch (e) {
      parts = Promise.reject(e);
    }
    // Handled below once the config is in; not an unhandled rejection before that.
    parts.catch(function () {});
    withConfig(undefined, function (text) {
      parts.then(function (r) {
        var answer = decide(r[0], text === null ? '' : text);
        if (!answer) return first(text);
        // A page with a cookie table or a placeholder: the runtime renders them from the kit the
        // first-visit module cached; a kit of another config text or language (or none) leaves
        // the page view to the first-visit module, which renders them and caches a new one.
        var render = null;
        if (hasSurfaces(answer.active, r[1])) {
          var kit = null;
          try { kit = window.localStorage.getItem('consent-banner:surfaces' + (area ? ':' + area : '')); } catch (e) { /* none */ }
          render = function (targets, tables) { return kit && fromKit(r[0], [kit, text, document.cookie, htmlLang(), LANGS, targets, tables]); };
          var tables = [].map.call(document.querySelectorAll('[data-consent-cookie-table]'), function (t) { return t.getAttribute('data-consent-cookie-table'); });
          if (!render('', tables.join(','))) return first(text);
        }
        serve(answer, r[1], text, render);
      }, function () {
        // A missing or trapping runtime: the first visit's path serves the page instead.
        first(text);
      });
    });
  }

  // ---- The first-visit module -----------------------------------------------------------------
  // A page view without a usable cache: the wasm validates the config, decides, and answers the
  // banner's markup (and the page's placeholders and cookie tables); a choice on the banner, a
  // placeholder or through the API comes back as a plan that tags.js's `execute` carries out.
  // The privacy centre (Customise, data-consent-open, openPreferences) loads the full module,
  // which takes the page over.
  function first(text) {
    preloadSurfaces();
    // The package's first.js carries the stylesheet; a site's own is preloaded now.
    if (customCss) hintCss();
    // The page's recommended preload of the runtime (for its next page views) is taken up, so
    // that the browser does not warn that it went unused: it is in the HTTP cache already, and
    // the next page view's loader reads it from there.
    var preloaded = document.querySelector('link[rel="preload"][href*="consent_banner_runtime"]');
    if (preloaded && preloaded.href === runtimeWasm) {
      try {
        fetch(runtimeWasm).then(function (r) { return r.arrayBuffer(); }).catch(function () { /* the next page view tries again */ });
      } catch (e) { /* no fetch: nothing to take up */ }
    }
    // The built-in texts of the language the visitor will likely be shown (the language cookie
    // under its default name, else the page's), downloading beside the wasm (first.js takes
    // them, or guesses further), read as they arrive: the text is there when first.js asks. The
    // codes: BUILTIN_LANGUAGES in src/core/i18n.rs (tests/i18n.rs checks).
    var chosen = /(?:^|;\s*)consent_lang=([^;]*)/.exec(cookies);
    [chosen && chosen[1], document.documentElement.lang].some(function (lang) {
      lang = String(lang || '').toLowerCase().split('-')[0];
      if (!/^(bg|cs|da|de|el|en|es|et|fi|fr|ga|hr|hu|it|lt|lv|mt|nl|pl|pt|ro|sk|sl|sv)$/.test(lang)) return false;
      var early = fetchText(i18nUrl + lang + '.json');
      // Handled by first.js; not an unhandled rejection if it never asks.
      early.catch(function () {});
      api.__texts = [lang, early];
      return true;
    });
    var parts;
    try {
      parts = Promise.all([instantiate(firstWasm), import(tagsUrl), import(firstUrl), domReady()]);
    } catch (e) {
      parts = Promise.reject(e);
    }
    parts.catch(function () {});
    withConfig(text, function (text) {
      parts.then(function (r) {
        r[2].start({
          x: r[0], text: text, tags: r[1], api: api, queue: queue, area: area, cssUrl: cssUrl, customCss: !!customCss, script: script,
          // false: the banner links the stylesheet, preloaded now; true: it carries it, which
          // the full module's shadow root then reuses.
          // An inline first layer needs no stylesheet now; the full module, which links the
          // whole file, gets it preloaded with its own downloads (loadFull).
          cssInline: function (inline) { if (!inline) hintCss(); },
          full: full, loadFull: loadFull, serve: serve, surfaces: surfaces, warn: warn, langs: LANGS,
        });
      }, function () {
        // A missing or failing first-visit module: the full module serves the page, or says why not.
        full(text === null ? undefined : text);
      });
    });
  }

  // Calls `then` with the config text (null without any config), fetched once: a config that
  // cannot be fetched is reported and nothing optional runs.
  function withConfig(text, then) {
    Promise.resolve(text === undefined ? configText() : text).then(then, function (e) {
      fail('could not load the config from ' + JSON.stringify(configAttr) + ': ' +
        (e && e.message ? e.message : e) + '; no optional tag will run');
    });
  }

  function withTimeout(promise) {
    return Promise.race([promise, new Promise(function (_, reject) { setTimeout(reject, 10000, 'timed out'); })]);
  }

  // Runs the Rust decision (src/core/returning.rs): its JSON answer, or null to hand over.
  function decide(x, text) {
    return runtimeCall(x, 'cb_decide', [cached, text, document.cookie], [Date.now() / 1000]);
  }

  // The placeholders and tables from the kit (src/core/surfaces.rs's `serve`), or null.
  function fromKit(x, inputs) {
    return runtimeCall(x, 'cb_surfaces', inputs, []);
  }

  // Calls the runtime's `fn` with the strings `inputs` (each as pointer and length) and `more`:
  // its JSON answer, or null (no answer, or a trap).
  function runtimeCall(x, fn, inputs, more) {
    try {
      x.cb_reset();
      var args = [];
      inputs.forEach(function (s) {
        var bytes = new TextEncoder().encode(s);
        var ptr = x.cb_alloc(bytes.length) >>> 0;
        new Uint8Array(x.memory.buffer, ptr, bytes.length).set(bytes);
        args.push(ptr, bytes.length);
      });
      var len = x[fn].apply(null, args.concat(more)) >>> 0;
      return len ? JSON.parse(new TextDecoder().decode(new Uint8Array(x.memory.buffer, x.cb_output() >>> 0, len))) : null;
    } catch (e) {
      return null;
    }
  }

  function htmlLang() { return document.documentElement.getAttribute('lang') || ''; }
  // navigator.languages, comma-separated: read once, for the runtime's kit and the first-visit module.
  var LANGS = (function () {
    try { return [].slice.call(navigator.languages || []).join(','); } catch (e) { return ''; }
  })();

  // True when the page has a cookie table, or a blocked iframe or widget's container whose
  // content does not run (`active`). `tags`: tags.js, whose gateOf says what an iframe waits for
  // (its category, or its service); a container names it in data-consent-placeholder.
  function hasSurfaces(active, tags) {
    if (document.querySelector('[data-consent-cookie-table]')) return true;
    var frames = document.querySelectorAll('iframe[data-consent-category]:not([data-consent-activated]),' +
      '[data-consent-placeholder]:not(.cb-placeholder):not([data-consent-activated])');
    for (var i = 0; i < frames.length; i++) {
      var f = frames[i];
      var gate = f.localName === 'iframe' ? tags.gateOf(f) : f.getAttribute('data-consent-placeholder');
      if (active.indexOf(gate) < 0) return true;
    }
    return false;
  }

  // The page's placeholders and cookie tables, shown by surfaces.js (downloaded once, when a page
  // has some) with a module's `backend` (see surfaces.js); `fallback()` when the module cannot
  // render them. Returns the function that shows what the page needs now (call it again after
  // a choice or when the page adds content).
  var surfacesLoading = null;
  function loadSurfaces() {
    if (!surfacesLoading) {
      try {
        surfacesLoading = import(surfacesUrl);
      } catch (e) {
        surfacesLoading = Promise.reject(e);
      }
    }
    return surfacesLoading;
  }
  // Started as soon as the page has such elements, beside the wasm's download.
  function preloadSurfaces() {
    Promise.resolve(domReady()).then(function () {
      if (document.querySelector(SURFACES)) {
        loadSurfaces().catch(function () { /* reported when used */ });
      }
    });
  }
  function surfaces(tags, backend, fallback) {
    var shown = null;
    var failed = false;
    return function refresh() {
      if (failed || api.__full || (!shown && !hasSurfaces(backend.active(), tags))) return;
      loadSurfaces().then(function (m) {
        if (!shown) {
          shown = m.surfaces(tags, backend);
          // The full module's, right before it shows its own in their place.
          api.__releaseSurfaces = shown.release;
        }
        if (!failed && !api.__full && !shown.refresh()) {
          failed = true;
          fallback();
        }
      }, function (e) {
        failed = true;
        warn('could not load the placeholders\' code (' + e + ')');
        fallback();
      });
    };
  }

  // Serves a returning visitor's page view from the runtime's answer (or the first-visit
  // module's, without a cache); `render`: the module's placeholders and cookie tables (see
  // surfaces.js), null when it has none to give: then the full module takes the page over at
  // once for them.
  function serve(answer, tags, text, render) {
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

    // The API: queries answered here, changes handed to the full module with the call queued;
    // a call naming an unknown id changes nothing (tags.js's refuses says why).
    tags.setKnown(answer.known);
    api.getConsent = function () { return snapshot(); };
    api.acceptedCategory = function (id) { return active.indexOf(id) >= 0; };
    api.acceptedService = function (id, category) { return active.indexOf(category + ':' + id) >= 0; };
    api.on = tags.on;
    CHANGES.forEach(function (name) {
      api[name] = function (ids, category) {
        if (tags.refuses(name, ids, category)) return false;
        queue.push([name, [].slice.call(arguments)]);
        handOver();
        // A choice is made (by the full module, in order); the others answer nothing.
        return /^(accept|reject)/.test(name) ? true : undefined;
      };
    });
    // Subscriptions made before the runtime answered, now real; changes stay queued for the
    // full module.
    tags.replay(api, function (name) { return name === 'on'; });
    api.ready = true;
    document.addEventListener('click', function (e) {
      // Once the full module runs, its own listener opens the privacy centre.
      if (api.__full || !e.target || !e.target.closest || !e.target.closest('[data-consent-open]')) return;
      e.preventDefault();
      queue.push(['openPreferences', []]);
      handOver();
    });

    // "Always allow" is a choice, which this module cannot make: the full module makes it.
    var refreshSurfaces = render ? surfaces(tags, {
      active: function () { return active; },
      render: render,
      allow: function (gate) { if (tags.forFull(api, ['__allow', [gate]])) handOver(); },
      cssUrl: cssUrl,
      customCss: !!customCss,
    }, handOver) : null;
    tags.setNonce(script && script.nonce);
    observer = tags.observe(function () {
      if (!refreshSurfaces && hasSurfaces(active, tags)) return handOver();
      tags.activate(active);
      if (refreshSurfaces) refreshSurfaces();
    });
    if (refreshSurfaces) refreshSurfaces();
    // The page view's plan, as the runtime decided it (src/core/returning.rs): signals, tags,
    // consent:ready.
    tags.execute(answer, function () { return { consent: snapshot(), active: active.slice() }; }).then(function () {
      // Calls queued before the runtime was ready that change something.
      if (queue.length || (!refreshSurfaces && hasSurfaces(active, tags))) handOver();
    });
  }
})();
