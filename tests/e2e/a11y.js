// Helpers of the accessibility specs (tests/e2e/a11y-*.spec.js): axe-core, the languages and
// colour schemes every surface is audited in, and small probes into the component's shadow root.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from '@playwright/test';

/** axe-core's browser build, injected into the page under test. */
export const AXE_PATH = fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url));
/** WCAG 2.0, 2.1 and 2.2 at levels A and AA. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
export const LANGUAGES = ['en', 'nl', 'fr', 'de'];
export const SCHEMES = ['light', 'dark'];
/** The 24 languages with built-in texts: one file each in src/i18n/. */
export const BUILTIN_LANGUAGES = readdirSync(new URL('../../src/i18n/', import.meta.url))
  .filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
/**
 * The built-in interface texts per language, `{ en: { acceptAll: 'Accept all', … }, … }`, read
 * from src/i18n/<lang>.json, so the specs follow the texts instead of copying them.
 */
export const TEXTS = Object.fromEntries(BUILTIN_LANGUAGES.map((lang) =>
  [lang, JSON.parse(readFileSync(new URL(`../../src/i18n/${lang}.json`, import.meta.url), 'utf8'))]));

/** Viewport widths from a small phone to a large desktop. */
export const WIDTHS = [320, 375, 768, 1280, 1920];

/**
 * Runs axe-core on `include` (an axe context: selectors, or selector arrays that pierce shadow
 * roots; the whole document, open shadow roots included, when omitted) and returns its WCAG
 * A/AA violations, each reduced to what a failure message needs.
 */
export async function axeViolations(page, include) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(
    async ({ include, tags }) => {
      const context = include ? { include } : document;
      const result = await window.axe.run(context, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target, summary: n.failureSummary, html: n.html.slice(0, 160) })),
      }));
    },
    { include: include ?? null, tags: WCAG_TAGS },
  );
  return violations;
}

/** Asserts axe finds no WCAG A/AA violation in `include`; the message lists each one found. */
export async function expectNoViolations(page, include) {
  const violations = await axeViolations(page, include);
  expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
}

/** Runs in the page: the component's shadow root. */
export function shadow() {
  return document.querySelector('[data-consent-root]').shadowRoot;
}

/** The focused element inside the component (shadow root), described for messages, or null. */
export async function focusedControl(page) {
  return page.evaluate(() => {
    const host = document.querySelector('[data-consent-root]');
    if (document.activeElement !== host) return null;
    const el = host.shadowRoot.activeElement;
    if (!el) return null;
    const tag = el.tagName.toLowerCase();
    const which = el.getAttribute('data-consent-action') ?? el.getAttribute('data-consent-toggle') ??
      (el.hasAttribute('data-consent-language') ? 'language' : null);
    return which ? `${tag}:${which}` : tag;
  });
}

/**
 * Runs in the page: how the focused element (in the component's shadow root) shows focus:
 * its outline style and width, and its box shadow.
 */
export function focusStyle() {
  const el = document.querySelector('[data-consent-root]').shadowRoot.activeElement;
  if (!el) return null;
  const style = getComputedStyle(el);
  return {
    outlineStyle: style.outlineStyle,
    outlineWidth: parseFloat(style.outlineWidth),
    boxShadow: style.boxShadow,
    focusVisible: el.matches(':focus-visible'),
  };
}

/** True when a focus style (from focusStyle) is a visible indicator: a ≥ 2 px outline or a shadow. */
export function isVisibleFocus(style) {
  if (!style) return false;
  const outline = style.outlineStyle !== 'none' && style.outlineWidth >= 2;
  const shadow = style.boxShadow && style.boxShadow !== 'none';
  return outline || Boolean(shadow);
}

/** Opens a page with a colour scheme (and optionally a language cookie) before the first paint. */
export async function open(page, context, baseURL, path, { lang, scheme } = {}) {
  if (scheme) await page.emulateMedia({ colorScheme: scheme });
  if (lang) await context.addCookies([{ name: 'consent_lang', value: lang, url: baseURL }]);
  await page.goto(path);
}

/** Waits until every running animation and transition of the page (shadow roots included) has finished. */
export async function animationsDone(page) {
  // document.getAnimations() leaves out shadow trees: the component's are asked for separately.
  await page.evaluate(() => {
    const shadow = document.querySelector('[data-consent-root]')?.shadowRoot;
    const all = [...document.getAnimations(), ...(shadow ? shadow.getAnimations() : [])];
    return Promise.all(all.map((a) => a.finished.catch(() => null)));
  });
}

/**
 * Runs in the page: the WCAG contrast ratio of the focused element's outline against the
 * background of the surface it sits on (the nearest ancestor with an opaque background).
 */
export function focusOutlineContrast() {
  const el = document.querySelector('[data-consent-root]').shadowRoot.activeElement;
  const rgb = (text) => (text.match(/[\d.]+/g) ?? []).map(Number);
  const luminance = ([r, g, b]) => {
    const c = [r, g, b].map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  let surface = el.parentElement;
  while (surface) {
    const [, , , alpha = 1] = rgb(getComputedStyle(surface).backgroundColor);
    if (alpha === 1 && getComputedStyle(surface).backgroundColor !== 'rgba(0, 0, 0, 0)') break;
    surface = surface.parentElement;
  }
  const outline = luminance(rgb(getComputedStyle(el).outlineColor));
  const background = luminance(rgb(getComputedStyle(surface ?? document.body).backgroundColor));
  const [hi, lo] = outline > background ? [outline, background] : [background, outline];
  return (hi + 0.05) / (lo + 0.05);
}

/** Runs in the page: the WCAG contrast ratio of two CSS colours (`rgb(…)`/`rgba(…)`, opaque). */
export function contrastRatio([a, b]) {
  const rgb = (text) => (text.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
  const luminance = ([r, g, bl]) => {
    const c = [r, g, bl].map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const [x, y] = [luminance(rgb(a)), luminance(rgb(b))];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

/** Viewport heights that go with WIDTHS (a phone, a tablet, laptops). */
export const HEIGHTS = { 320: 568, 375: 667, 768: 1024, 1280: 800, 1920: 1080 };
