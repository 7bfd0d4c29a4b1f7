/*! consent-banner loader: boots the WebAssembly component. All consent logic lives in Rust.
 * <script src="/www/consent-banner.js" data-config="/www/config/business.json" defer></script>
 * Optional: data-module="…/consent_banner.js" (default: ../pkg/consent_banner.js next to this file).
 */
(function () {
  'use strict';
  var script = document.currentScript;
  // Included twice: the first copy wins, so there is only ever one banner.
  if (window.consentBanner && window.consentBanner.__booted) return;
  var api = window.consentBanner = window.consentBanner || {};
  api.__booted = true;
  // Until the wasm is ready, calls are queued (in order) and replayed by it; queries answer
  // "nothing accepted yet", which is true until then.
  var queue = api.__queue = api.__queue || [];
  ['acceptCategories', 'acceptAll', 'rejectAll', 'openPreferences', 'showBanner', 'setLanguage'].forEach(function (name) {
    if (!api[name]) api[name] = function () { queue.push([name, [].slice.call(arguments)]); };
  });
  if (!api.getConsent) api.getConsent = function () { return null; };
  if (!api.acceptedCategory) api.acceptedCategory = function () { return false; };
  if (!api.on) api.on = function (event, callback) {
    var item = ['on', [event, callback]];
    queue.push(item);
    return function () { if (item.off) item.off(); else item.cancelled = true; };
  };

  // Google Consent Mode v2: the defaults must be set before any Google tag runs, so they are
  // set here, synchronously; the component sends the updates. data-google-consent-mode="off"
  // leaves gtag alone.
  if (!script || script.getAttribute('data-google-consent-mode') !== 'off') {
    window.dataLayer = window.dataLayer || [];
    if (typeof window.gtag !== 'function') window.gtag = function () { window.dataLayer.push(arguments); };
    window.gtag('consent', 'default', {
      ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied', analytics_storage: 'denied',
      wait_for_update: 500
    });
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

  import(moduleUrl)
    .then(function (m) {
      return m.default({ module_or_path: wasmUrl }).then(function () { m.start(script); });
    })
    .catch(function (e) {
      // Fail closed: gated tags stay inert, the page keeps working.
      console.error('consent-banner: could not start the WebAssembly component (' + e + '); no optional tag will run');
    });
})();
