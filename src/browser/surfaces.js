// consent-banner: the page's placeholders and cookie tables, without the Yew module. Imported
// (beside tags.js) by the first-visit module's page work and by the loader's returning-visitor
// runtime, only on a page that has a blocked iframe, a widget's container or a cookie table. The
// wasm renders the markup (src/core/surfaces.rs); this builds it, puts it in place and wires its
// buttons: "Always allow" to the module's own plan (a contextual choice), "Load once" to tags.js.
// Nothing here decides anything. Until the full module takes the page over (release), then its
// own placeholders and tables replace these in the same task.

const OURS = 'cb-placeholder';
const ACTIVATED = 'data-consent-activated';
const BLOCKED = 'data-consent-blocked';
const CONTAINER = 'data-consent-placeholder';
const TABLE = 'data-consent-cookie-table';
const RENDERED = 'data-consent-rendered';
const ACCEPT = 'data-consent-accept';
const ONCE = 'data-consent-load-once';

// The stylesheet's page part (after its "In the page" line), minified, filled in by the build
// (Makefile): adopted by the document, it spares a page with placeholders or tables the whole
// file's request (14 KB raw, 2.8 KB brotli, mostly the privacy centre's rules). Empty here, in
// the source, and where the site gives its own stylesheet (data-css): then the file is linked.
const CSS = '';
const SHEET = (function () {
  if (!CSS || typeof CSSStyleSheet !== 'function' || !('adoptedStyleSheets' in Document.prototype)) return null;
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    return sheet;
  } catch (e) {
    return null;
  }
})();

let next = 0;
const warned = new Set();

function all(selector) {
  return Array.prototype.slice.call(document.querySelectorAll(selector));
}

/**
 * Shows the page's placeholders and cookie tables. `tags` is tags.js; `backend` is the module's:
 * `active()` (what runs now), `render(targets, tables)` (the wasm's answer, or null when it cannot
 * render them: then nothing is shown and `refresh` answers false), `allow(gate)` ("Always allow"),
 * `cssUrl` (the stylesheet the page links for them where it cannot adopt the built-in page
 * part), `customCss` (true: the site's own stylesheet, always linked).
 */
export function surfaces(tags, backend) {
  const gateOf = (t) => (t.localName === 'iframe' ? tags.gateOf(t) : t.getAttribute(CONTAINER));
  // The iframe just after one of our placeholders, or the container it is in.
  const targetOf = (p) => {
    const parent = p.parentElement;
    if (parent && parent.hasAttribute(CONTAINER) && !parent.classList.contains(OURS)) return parent;
    const next = p.nextElementSibling;
    return next && next.localName === 'iframe' ? next : null;
  };
  let live = true;

  // Removes the placeholders whose content runs now (focus goes to that content), then shows
  // those the page still needs and the tables not shown yet. False: the module cannot render
  // them (the caller hands the page view on).
  function refresh() {
    if (!live) return true;
    const active = backend.active();
    for (const p of all(`.${OURS}[${CONTAINER}]`)) {
      const t = targetOf(p);
      if (t && !t.hasAttribute(ACTIVATED) && t.hasAttribute(BLOCKED) && active.indexOf(gateOf(t)) < 0) continue;
      const focused = p.contains(document.activeElement);
      p.remove();
      if (!t) continue;
      t.removeAttribute(BLOCKED);
      if (focused) {
        if (t.localName !== 'iframe' && !t.hasAttribute('tabindex')) t.setAttribute('tabindex', '-1');
        t.focus();
      }
    }
    const wanted = all(`iframe[data-consent-category]:not([${ACTIVATED}]):not([${BLOCKED}]),` +
      `[${CONTAINER}]:not(.${OURS}):not([${ACTIVATED}]):not([${BLOCKED}])`).filter((t) => active.indexOf(gateOf(t)) < 0);
    const tables = all(`[${TABLE}]:not([${RENDERED}])`);
    if (!wanted.length && !tables.length) return true;
    const records = wanted.map((t) => {
      let host = '';
      try {
        const src = t.getAttribute('data-src');
        if (src) host = new URL(src, location.href).hostname;
      } catch (e) { /* no host to name */ }
      return [gateOf(t), t.localName === 'iframe' ? 'i' : 'c', t.getAttribute('title') || '',
        t.getAttribute('data-consent-provider') || '', host, 'cb-placeholder-' + ++next].join('\u001f');
    });
    const answer = backend.render(records.join('\u001e'), tables.map((t) => t.getAttribute(TABLE)).join(','));
    if (!answer) return false;
    for (const [level, line] of answer.log || []) {
      if (!warned.has(line)) console[level]('consent-banner: ' + line);
      warned.add(line);
    }
    stylesheet();
    wanted.forEach((t, i) => {
      const markup = answer.placeholders[i];
      if (!markup) return;
      const p = tags.build(markup);
      if (t.localName === 'iframe') {
        // The iframe's box, so that loading it causes no layout shift; never wider than its
        // container, even before the stylesheet (which says the same) is in.
        for (const a of ['width', 'height']) {
          const v = t.getAttribute(a);
          if (v) p.style.setProperty(a, /^\d+$/.test(v) ? v + 'px' : v);
        }
        p.style.maxWidth = '100%';
        p.style.boxSizing = 'border-box';
        t.before(p);
      } else {
        t.appendChild(p);
      }
      t.setAttribute(BLOCKED, '');
      p.addEventListener('click', (e) => {
        const button = e.target.closest && e.target.closest(`[${ACCEPT}],[${ONCE}]`);
        const target = targetOf(p);
        if (!button || !target || !live) return;
        const gate = button.getAttribute(ACCEPT);
        if (gate !== null) return backend.allow(gate);
        // "Load once": this content for this page view; nothing is stored, sent or announced.
        let loading;
        if (target.localName === 'iframe') {
          loading = tags.loadOnce(target);
        } else {
          target.setAttribute(ACTIVATED, '');
          loading = tags.activate([button.getAttribute(ONCE)]);
        }
        Promise.resolve(loading).then(refresh, refresh);
      });
    });
    tables.forEach((t, i) => {
      const markup = answer.tables[i];
      if (!markup) return;
      t.textContent = '';
      t.appendChild(tags.build(markup));
      t.setAttribute(RENDERED, '');
    });
    return true;
  }

  // Placeholders and tables live in the page: they need the stylesheet there.
  function stylesheet() {
    if (document.querySelector('link[data-consent-stylesheet],link[rel~="stylesheet"][href*="consent-banner"]')) return;
    if (SHEET && !backend.customCss) {
      if (document.adoptedStyleSheets.indexOf(SHEET) < 0) document.adoptedStyleSheets = document.adoptedStyleSheets.concat([SHEET]);
      return;
    }
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = backend.cssUrl;
    link.setAttribute('data-consent-stylesheet', '');
    document.head.appendChild(link);
  }

  // The full module takes over: ours go (`what`: 'placeholders' or 'tables'), right before its
  // own take their place.
  function release(what) {
    live = false;
    if (what !== 'tables') {
      for (const p of all(`.${OURS}[${CONTAINER}]`)) {
        const t = targetOf(p);
        p.remove();
        if (t) t.removeAttribute(BLOCKED);
      }
    }
    if (what !== 'placeholders') {
      for (const t of all(`[${TABLE}][${RENDERED}]`)) {
        t.textContent = '';
        t.removeAttribute(RENDERED);
      }
    }
  }

  return { refresh, release };
}
