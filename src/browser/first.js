//# allFunctionsCalledOnLoad
// (V8's explicit compile hint, on the first line: a first visit calls nearly all of this at once,
// so V8 compiles every function beside the download, off the main thread, instead of each on its
// first call on the main thread: about 10 ms less on a slow phone's main thread.)
// consent-banner: the page work of a first visit, imported by the loader beside the first-visit
// wasm (src/core/first.rs through src/runtime.rs). The wasm validates the config, decides, and
// answers the banner's markup; a choice on the banner or through the API comes back as a plan,
// which tags.js's `execute` (every module's executor) carries out in its order. The privacy
// centre (Customise, data-consent-open, openPreferences) loads the full module, which takes the
// page over; placeholders and cookie tables are the wasm's markup too (surfaces.js shows them).
// Nothing here decides anything.

let ctx;
let api, warn;

// The package's stylesheet (consent-banner.css), written in here when the package is built
// (Makefile): the banner is styled without a request of its own, in a constructed stylesheet
// that CSP's style-src does not govern. Empty here, in the source: then, as with the loader's
// data-css, the banner links the stylesheet.
const CSS = '';
let inlineCss = false;
// Parsed as this module loads, which on a slow network is long before the wasm is in: the
// banner's first frame then does not wait for it (about 4 ms on a slow phone). Null where the
// browser cannot construct a stylesheet; unused when the site gives its own (data-css).
const SHEET = (function () {
  if (!CSS || typeof CSSStyleSheet !== 'function' || typeof ShadowRoot !== 'function' ||
    !('adoptedStyleSheets' in ShadowRoot.prototype)) return null;
  try {
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    return sheet;
  } catch (e) {
    return null;
  }
})();

/** Starts the first visit with what the loader has: the wasm's exports, the config text, tags.js. */
export function start(context) {
  ctx = context;
  ({ api, warn } = ctx);
  // The built-in stylesheet, unless the site gives its own (data-css) or the browser cannot
  // adopt a constructed one: then the banner links the stylesheet, which the loader preloads.
  inlineCss = !!SHEET && !ctx.customCss;
  ctx.cssInline(inlineCss);
  Promise.resolve(guessed).then(function () { lite(ctx.x, ctx.text, ctx.tags); });
}

// The built-in texts files downloaded so far, by language code: the wasm reads them from here and
// answers {needTexts: code} for one it lacks, which `withTexts` downloads before asking again.
const loaded = {};

// The built-in texts of a language (i18n/<code>.json beside this file), each downloaded once;
// the full module is given this function too: a promise of the file's text.
const I18N = new URL('i18n/', import.meta.url).href;
const files = {};
function texts(code) {
  var file = files[code];
  if (!file) {
    // The loader's download of the page's language (a promise of its text), when it started one.
    var early = window.consentBanner && window.consentBanner.__texts;
    if (early && early[0] === code) {
      file = files[code] = early[1];
      window.consentBanner.__texts = null;
    } else {
      file = files[code] = fetch(I18N + code + '.json').then(function (r) {
        if (!r.ok) throw new Error('HTTP ' + r.status);
        return r.text();
      });
    }
    // A failed download is tried again when asked again.
    file.catch(function () { if (files[code] === file) delete files[code]; });
  }
  return file;
}

// The language the visitor will likely be shown, guessed as soon as this module runs (beside the
// wasm's download), before the config is read: the language cookie (its default name), <html
// lang>, the browser's languages. The loader has tried the first two already and started that
// file's download when one of them is built in; else the browser's languages. The wasm decides,
// and asks for another file if it must. The codes are BUILTIN_LANGUAGES (src/core/i18n.rs;
// tests/i18n.rs checks).
const BUILTIN = 'bg cs da de el en es et fi fr ga hr hu it lt lv mt nl pl pt ro sk sl sv'.split(' ');
const guessed = (function () {
  var early = window.consentBanner && window.consentBanner.__texts;
  var candidates = early ? [early[0]] : [];
  if (!early) {
    try { candidates = [].slice.call(navigator.languages || []); } catch (e) { /* nothing to guess from */ }
  }
  for (var i = 0; i < candidates.length; i++) {
    var code = String(candidates[i] || '').toLowerCase().split('-')[0];
    if (BUILTIN.indexOf(code) >= 0) {
      return texts(code).then(function (file) { loaded[code] = file; }, function () { /* asked for again */ });
    }
  }
  return null;
})();

// The full module, given the built-in texts this module holds.
function full(text, afterRuntime) {
  return ctx.full(text, afterRuntime, texts);
}

function builtinTexts() {
  return Object.keys(loaded).map(function (code) { return code + '\u001f' + loaded[code]; }).join('\u001e');
}

// Calls `ask()` (a wasm call) until its answer needs no other built-in texts, then `then(answer)`;
// `failed(e)` when the call throws.
function withTexts(ask, then, failed) {
  var answer;
  try {
    answer = ask();
  } catch (e) {
    return failed(e);
  }
  if (!answer.needTexts) return then(answer);
  var code = answer.needTexts;
  if (loaded[code] !== undefined) return failed(new Error('the module asks again for i18n/' + code + '.json'));
  texts(code).then(function (file) {
    loaded[code] = file;
    withTexts(ask, then, failed);
  }, function (e) {
    console.error('consent-banner: could not load the built-in texts i18n/' + code + '.json (' +
      (e && e.message ? e.message : e) + '); no optional tag will run');
  });
}

function later(task) {
  if (window.scheduler && typeof scheduler.postTask === 'function') {
    scheduler.postTask(task, { priority: 'user-blocking' }).catch(function () { /* aborted: nothing to do */ });
  } else {
    setTimeout(task, 0);
  }
}

const UTF8 = new TextEncoder();

// Calls the first-visit wasm: `op` (see cb_first in src/runtime.rs) with the page's inputs.
function call(x, text, op, method, extra) {
  extra = extra || {};
  x.cb_reset();
  // Only a choice (ops 1 to 4, 6, 7) records history: the page view's start does not read storage.
  var storage = op >= 1 && op !== 5 && op !== 8 ? history() : null;
  var hex = '';
  var bytes = new Uint8Array(8);
  try { crypto.getRandomValues(bytes); } catch (e) { for (var j = 0; j < 8; j++) bytes[j] = Math.random() * 256; }
  for (var k = 0; k < 8; k++) hex += (bytes[k] < 16 ? '0' : '') + bytes[k].toString(16);
  // Only the start, a language change and the placeholders show texts: a choice's plan needs
  // none, so its call does not read the texts files again.
  [text, ctx.area || '', document.cookie, document.documentElement.getAttribute('lang') || '', ctx.langs,
    location.hostname, location.pathname, extra.lang || '', (extra.active || []).join(','),
    storage === null ? '\u0000' : storage, extra.arg || '', hex, op === 0 || op === 5 || op === 8 ? builtinTexts() : ''].forEach(function (s) {
    var b = UTF8.encode(s);
    // Allocated before the buffer is read: growing the memory detaches the old buffer.
    var ptr = x.cb_input(b.length) >>> 0;
    new Uint8Array(x.memory.buffer, ptr, b.length).set(b);
  });
  var flags = (navigator.globalPrivacyControl ? 1 : 0) | (location.protocol === 'https:' ? 2 : 0);
  var len = x.cb_first(op, method, flags, Date.now() / 1000) >>> 0;
  if (!len) throw new Error('the first-visit module refused its input');
  return JSON.parse(new TextDecoder().decode(new Uint8Array(x.memory.buffer, x.cb_output() >>> 0, len)));
}

// Caches `value` under `key` unless it is there already (no storage: the next page view starts
// from the config again).
function store(key, value) {
  try {
    if (window.localStorage.getItem(key) !== value) window.localStorage.setItem(key, value);
  } catch (e) { /* nothing to cache into */ }
}

// The page's placeholders and cookie tables in the language `lang()` gives (op 8: `targets` and
// `tables` as surfaces.js passes them), or null; the kit that lets the runtime render them on
// the next page views is cached after.
function renderer(x, text, lang) {
  return function (targets, tables) {
    var r;
    try {
      r = call(x, text, 8, 0, { lang: lang(), arg: targets + '\u001d' + tables });
    } catch (e) {
      return null;
    }
    if (!r.placeholders) return null;
    setTimeout(function () { store(r.kit[0], r.kit[1]); }, 0);
    return r;
  };
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
    tags.fail(['no config: give the loader script a data-config attribute or add ' +
      'script[type="application/json"][data-consent-config]; no optional tag will run']);
    return;
  }
  withTexts(function () { return call(x, text, 0, 0); }, function (answer) { shown(x, text, tags, answer); },
    function () { full(text); });
}

function shown(x, text, tags, answer) {
  if (answer.errors) {
    // Fail closed: nothing optional runs, no banner, the API's calls stay queued and unanswered;
    // page code is told (consent:error), and with diagnostics on, the developer sees why.
    tags.fail(answer.errors, answer.problems);
    return;
  }
  answer.log.forEach(function (l) { console[l[0]]('consent-banner: ' + l[1]); });
  // The policy for the runtime of the next page views; with a banner, once it is on screen (the
  // browser's first access to localStorage waits for the whole storage area: about 5 ms on a
  // slow phone).
  function cachePolicy() {
    store(answer.policy[0], answer.policy[1]);
  }
  if (answer.surface === 'nothing') {
    cachePolicy();
    // A valid choice but no cache (blocked storage, or a page whose placeholders or tables the
    // runtime could not render): served as the runtime serves it, with this module's
    // placeholders and tables.
    return ctx.serve(answer, tags, text, renderer(x, text, function () { return answer.lang; }));
  }
  tags.setKnown(answer.known);
  var state = { lang: answer.lang, active: answer.active, consent: null, view: answer.view, live: true };
  var ui = null;

  function handOver(name, args) {
    var customise = ui && ui.root.querySelector('[data-consent-action="customise"]');
    if (customise && name === '__customise') customise.setAttribute('aria-busy', 'true');
    // The privacy centre's frame answers the click at once, while its module downloads.
    // Focus moves into it from Customise; from a page's opener it stays there, for the privacy
    // centre to give back on Escape.
    if (ui && customise && (name === '__customise' || name === 'openPreferences')) ui.pending(customise.textContent, name === '__customise');
    if (tags.forFull(api, name && [name, args || []])) full(text, true);
  }
  // Called by the full module right before it renders into the same shadow root: the banner
  // it takes over goes, with its page effects, in the same task, so nothing flashes.
  api.__release = function () {
    state.live = false;
    if (ui) ui.release();
    ui = null;
  };

  function choose(op, method, arg) {
    var plan;
    if (!state.live) return false;
    try {
      plan = call(x, text, op, method, { lang: state.lang, active: state.active, arg: arg });
    } catch (e) {
      warn('could not record the choice (' + e + ')');
      return false;
    }
    if (plan.errors) {
      plan.errors.forEach(function (line) { console.error('consent-banner: ' + line); });
      return false;
    }
    tags.execute(plan);
    state.active = plan.active;
    state.consent = plan.detail.consent;
    state.answered = true;
    if (ui) ui.answered(answer.saved);
    refreshSurfaces();
    return true;
  }

  // The page's placeholders and cookie tables: "Always allow" is a choice of this module's
  // (contextual); what this module cannot render goes to the full module.
  var refreshSurfaces = ctx.surfaces(tags, {
    active: function () { return state.active; },
    render: renderer(x, text, function () { return state.lang; }),
    allow: function (gate) { choose(7, 2, gate); },
    cssUrl: ctx.cssUrl,
    customCss: ctx.customCss,
  }, function () { handOver(); });

  // True when the language is configured; a built-in language not downloaded yet is shown once
  // its texts are in.
  function setLanguage(lang) {
    if (!state.live) return false;
    var ok = true;
    withTexts(function () { return call(x, text, 5, 0, { arg: String(lang) }); }, function (r) {
      if (r.warn) { warn(r.warn); ok = false; return; }
      if (!state.live) return;
      tags.execute(r.plan);
      state.lang = r.lang;
      state.view = r.view;
      answer.saved = r.saved;
      if (ui) ui.render(r.view, true);
    }, function (e) {
      warn('could not switch the language (' + e + ')');
      ok = false;
    });
    return ok;
  }

  // The API: the first layer's choices here, the privacy centre from the full module.
  api.getConsent = function () { return state.consent ? JSON.parse(JSON.stringify(state.consent)) : null; };
  api.acceptedCategory = function (id) { return state.active.indexOf(id) >= 0; };
  api.acceptedService = function (id, category) { return state.active.indexOf(category + ':' + id) >= 0; };
  api.on = tags.on;
  api.acceptAll = function () { return choose(1, 1); };
  api.rejectAll = function () { return choose(2, 1); };
  // An unknown id changes nothing (tags.js's refuses says why): true once the choice is made.
  api.acceptCategories = function (ids) {
    if (tags.refuses('acceptCategories', ids)) return false;
    return choose(3, 1, (Array.isArray(ids) ? ids : [ids]).join(','));
  };
  // The stored choice for the other categories as it is, and for this one exactly these
  // services ("all": all of it): the wasm decides (services_choice in src/core/consent.rs).
  api.acceptService = function (ids, category) {
    if (tags.refuses('acceptService', ids, category)) return false;
    var all = ids === 'all' || ids === '*';
    return choose(6, 1, category + '\u001f' + (all ? '*' : (Array.isArray(ids) ? ids : [ids]).join(',')));
  };
  api.openPreferences = function () { handOver('openPreferences'); };
  api.showBanner = function () {
    if (!state.live) return;
    if (!ui) ui = mount(state.view, answer.mode);
    else if (!ui.shown()) ui.render(state.view, false);
    tags.dispatch('consent:banner-shown', { mode: answer.mode });
  };
  api.setLanguage = setLanguage;
  // Subscriptions made before this module answered, now real.
  tags.replay(api, function (name) { return name === 'on'; });
  api.ready = true;
  document.addEventListener('click', function (e) {
    if (api.__full || !e.target || !e.target.closest || !e.target.closest('[data-consent-open]')) return;
    e.preventDefault();
    handOver('openPreferences');
  });
  // Pressing (not only pointing at) an opener starts the privacy centre's download: a touch
  // screen has no hover, and the press comes some 100 ms before the click.
  document.addEventListener('pointerdown', function (e) {
    if (!api.__full && e.target && e.target.closest && e.target.closest('[data-consent-open]')) ctx.loadFull().catch(function () { /* reported when started */ });
  }, { passive: true });

  var observer = null;
  // The decision above and the rendering below in two tasks: on a slow phone neither is long
  // enough to hold up the page's input handling. The second is urgent (the banner shows in it):
  // ahead of the page's other tasks where the browser has a scheduler.
  later(function () {
    // An API choice made in between answered the banner already.
    if (state.live && !state.answered && !ui) {
      ui = mount(state.view, answer.mode);
      tags.dispatch('consent:banner-shown', { mode: answer.mode });
    }
    // After the banner's first frame: not in the task that shows it.
    setTimeout(cachePolicy, 0);
    tags.setNonce(ctx.script && ctx.script.nonce);
    observer = tags.observe(function () {
      tags.activate(state.active);
      refreshSurfaces();
    });
    refreshSurfaces();
    // The page view's plan, as the wasm decided it: its tags, then consent:ready with what holds
    // by then (a choice made meanwhile ran its own plan).
    tags.execute(answer, function () { return { consent: api.getConsent(), active: state.active.slice() }; }).then(function () {
      // Calls queued before the module was ready, in order; what only the full module answers
      // (its Customise) stays queued for it.
      tags.replay(api, function (name) { return typeof api[name] === 'function'; });
    });
  });

  // The banner in the component's shadow root, as the full module renders it.
  function mount(view, mode) {
    var host = document.createElement('div');
    host.setAttribute('data-consent-root', '');
    host.setAttribute('data-nosnippet', '');
    document.body.insertBefore(host, document.body.firstChild);
    var link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = ctx.cssUrl;
    var box = document.createElement('div');
    var root = null;
    try {
      root = host.attachShadow({ mode: 'open' });
    } catch (e) { /* no shadow DOM: below */ }
    if (root && inlineCss) {
      try {
        root.adoptedStyleSheets = [SHEET];
        link = { sheet: SHEET };
      } catch (e) {
        root.appendChild(link);
      }
    } else if (root) {
      root.appendChild(link);
    } else {
      // No shadow DOM: the banner renders in the page, with the stylesheet in its head.
      root = host;
      link.setAttribute('data-consent-stylesheet', '');
      if (!document.querySelector('link[rel~="stylesheet"][href*="consent-banner"]')) document.head.appendChild(link);
      else link = { sheet: true };
    }
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
      // Customise, or the partners the description does not name ("3 more"): the privacy centre.
      else handOver('__customise');
    });
    // Pointing at or focusing Customise starts the privacy centre's download.
    ['pointerover', 'pointerdown', 'focusin', 'touchstart'].forEach(function (type) {
      box.addEventListener(type, function (e) {
        if (e.target.closest && e.target.closest('[data-consent-action="customise"]')) ctx.loadFull().catch(function () { /* reported when started */ });
      }, { passive: true });
    });
    box.addEventListener('change', function (e) {
      if (e.target.hasAttribute && e.target.hasAttribute('data-consent-language')) setLanguage(e.target.value);
    });
    function banner() { return box.querySelector('[data-consent-banner]'); }
    function render(view, keepFocus) {
      var scope = root.getElementById ? root : document;
      var focused = keepFocus && scope.activeElement && scope.activeElement.id;
      if (space) space.release();
      box.textContent = '';
      box.appendChild(ctx.tags.build(view));
      var section = banner();
      if (section && typeof section.showPopover === 'function') {
        // Manual popover: the top layer, above any z-index of the page.
        section.setAttribute('popover', 'manual');
        try { section.showPopover(); } catch (e) { section.removeAttribute('popover'); }
      }
      space = section ? reserve(section) : null;
      if (focused && scope.getElementById(focused)) scope.getElementById(focused).focus();
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
      // The privacy centre's frame, named `label` (Customise's text), with a progress bar, in
      // the top layer until the full module takes the shadow root over (release), focused with
      // `focus`; gone again, focus back on Customise, when the module cannot start (consent:error).
      pending: function (label, focus) {
        if (box.querySelector('.cb-pending')) return;
        var frame = ctx.tags.build(['div', { class: 'cb-overlay cb-pending' }, ['div', { class: 'cb-backdrop' }],
          ['div', { class: 'cb-dialog', role: 'dialog', 'aria-modal': 'true', 'aria-label': label, 'aria-busy': 'true', tabindex: '-1' },
            ['div', { class: 'cb-progress', role: 'progressbar', 'aria-label': label }]]]);
        (box.querySelector('.cb-app') || box).appendChild(frame);
        if (typeof frame.showPopover === 'function') {
          frame.setAttribute('popover', 'manual');
          try { frame.showPopover(); } catch (e) { frame.removeAttribute('popover'); }
        }
        if (focus) frame.lastChild.focus();
        window.addEventListener('consent:error', function () {
          frame.remove();
          var customise = box.querySelector('[data-consent-action="customise"]');
          if (customise) { customise.removeAttribute('aria-busy'); customise.focus(); }
        }, { once: true });
      },
    };
  }
}

// Keeps what is focused in the page clear of the banner (WCAG 2.4.11): while it shows, the
// page's root gets bottom scroll-padding, and as much extra padding, of the height the banner
// covers, kept current by a ResizeObserver (as the full module's BannerSpace does). It starts
// after the banner's first frame: measuring earlier would force a layout of the whole page
// before the banner can paint (about 15 ms on a slow phone), and the padding at the end of the
// page moves nothing on screen, so it can come a frame later.
function reserve(banner) {
  if (typeof ResizeObserver !== 'function') return null;
  var style = document.documentElement.style;
  var props = ['scroll-padding-bottom', 'padding-bottom'];
  var before = props.map(function (p) { return style.getPropertyValue(p); });
  var page = null;
  var ro = null;
  var released = false;
  function update() {
    if (page === null) page = parseFloat(getComputedStyle(document.documentElement).getPropertyValue('padding-bottom')) || 0;
    var h = window.innerHeight;
    var space = Math.ceil(Math.min(Math.max(h - banner.getBoundingClientRect().top, 0), h));
    style.setProperty(props[0], space + 'px');
    style.setProperty(props[1], page + space + 'px');
  }
  requestAnimationFrame(function () {
    setTimeout(function () {
      if (released) return;
      ro = new ResizeObserver(update);
      ro.observe(banner);
    }, 0);
  });
  return {
    release: function () {
      released = true;
      if (ro) ro.disconnect();
      if (page !== null) props.forEach(function (p, i) { if (before[i]) style.setProperty(p, before[i]); else style.removeProperty(p); });
    },
  };
}
