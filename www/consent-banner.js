/*! consent-banner loader: boots the WebAssembly component. All consent logic lives in Rust.
 * <script src="consent-banner.js" data-config="/consent.json" data-area="…" defer></script>
 * Optional: data-module="…/consent_banner.js" (default: the module beside this file),
 * data-css (default: consent-banner.css beside this file), data-google-consent-mode="off".
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
  var wasmUrl = moduleUrl.replace(/\.js$/, '_bg.wasm');

  // Start both downloads now, in parallel, without blocking rendering.
  function hint(rel, href, as) {
    var link = document.createElement('link');
    link.rel = rel;
    link.href = href;
    if (as) { link.as = as; link.crossOrigin = 'anonymous'; }
    document.head.appendChild(link);
  }
  hint('modulepreload', moduleUrl);
  hint('preload', wasmUrl, 'fetch');
  // The config too: the component fetches it once started, and finds it already on its way.
  var configUrl = script && script.getAttribute('data-config');
  if (configUrl) hint('preload', new URL(configUrl, location.href).href, 'fetch');

  import(moduleUrl)
    .then(function (m) {
      return m.default({ module_or_path: wasmUrl }).then(function () { m.start(script); });
    })
    .catch(function (e) {
      // Fail closed: gated tags stay inert, the page keeps working.
      console.error('consent-banner: could not start the WebAssembly component (' + e + '); no optional tag will run');
    });
})();
