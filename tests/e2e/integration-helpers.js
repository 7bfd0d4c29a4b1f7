// Helpers for the integration specs (integration-*.spec.js, package-*.spec.js, yew-example):
// console errors, receipts posted to the demo server, the dataLayer, CSP violations.
import { expect } from '@playwright/test';

export const INTEGRATION = '/www/integration.html';
export const CSP = '/www/csp.html';

/** Collects the text of every console error and uncaught page error, as they happen. */
export function collectConsoleErrors(page) {
  const errors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  return errors;
}

/** Runs in the page before any script: records every securitypolicyviolation event. */
export function recordCspViolations() {
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample });
  });
}

/** Runs in the page before any script: makes the browser send Global Privacy Control. */
export function sendGlobalPrivacyControl() {
  Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true });
}

/**
 * The receipts the demo server received for one consent id (GET /receipts lists every
 * receipt posted to this server since it started, by every test).
 */
export async function receiptsFor(request, consentId) {
  const response = await request.get('/receipts');
  expect(response.ok()).toBe(true);
  return (await response.json()).filter((r) => r.consentId === consentId);
}

/**
 * window.dataLayer as plain JSON: gtag() pushes `arguments` objects, which become arrays;
 * objects pushed directly stay objects.
 */
export function dataLayer(page) {
  return page.evaluate(() =>
    (window.dataLayer ?? []).map((entry) =>
      Object.prototype.toString.call(entry) === '[object Arguments]' ? Array.from(entry) : entry,
    ),
  );
}

/** The Consent Mode v2 defaults the loader sets before anything else. */
export const CONSENT_DEFAULT = [
  'consent',
  'default',
  { ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied', analytics_storage: 'denied', wait_for_update: 500 },
];

/** A Consent Mode update with all four types set to `state`. */
export function consentUpdate(state) {
  return ['consent', 'update', { ad_storage: state, ad_user_data: state, ad_personalization: state, analytics_storage: state }];
}
