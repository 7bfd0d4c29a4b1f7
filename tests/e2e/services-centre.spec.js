// The privacy centre with services (tests/fixtures/services.json): a switch per service under
// its category, the category's switch turning all of them on or off and mixed when only some
// are on (what a screen reader is told included), each service with its provider, purpose and
// cookie table; keyboard, axe and a 320 px screen as for the rest of the centre.
import { test, expect } from '@playwright/test';
import { Banner, Site } from './pages.js';
import { expectNoViolations, animationsDone } from './a11y.js';

const PAGE = '/tests/e2e/fixtures/services.html';

async function openCentre(page) {
  const site = new Site(page);
  await site.visit(PAGE);
  const centre = await new Banner(page).customise();
  return { site, centre };
}

const panel = (page, category) => page.locator(`[data-consent-preferences] [data-consent-category-panel="${category}"]`);
const service = (page, category, id) => panel(page, category).locator(`input[data-consent-service="${id}"]`);
const categorySwitch = (page, category) => page.locator(`[data-consent-preferences] input[data-consent-toggle="${category}"]`);

/** What the browser's accessibility tree (what a screen reader reads) says of a checkbox named `name`. */
async function axChecked(page, name) {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  const node = nodes.find((n) => ['checkbox', 'switch'].includes(n.role?.value) && n.name?.value === name && !n.ignored);
  await cdp.detach();
  if (!node) return null;
  return { role: node.role.value, checked: node.properties?.find((p) => p.name === 'checked')?.value.value };
}

test('each service has its switch, provider, purpose and cookie table under its category', async ({ page }) => {
  await openCentre(page);
  const analytics = panel(page, 'analytics');
  await expect(analytics.locator('input[data-consent-service]')).toHaveCount(3);
  await expect(panel(page, 'marketing').locator('input[data-consent-service]')).toHaveCount(1);
  await expect(panel(page, 'essential').locator('input[data-consent-service]')).toHaveCount(0);
  // Off until the visitor chooses, each named by its label.
  for (const [id, name] of [['numberly', 'Numberly analytics'], ['commanders-act', 'Commanders Act'], ['at-internet', 'AT Internet']]) {
    await expect(service(page, 'analytics', id)).not.toBeChecked();
    await expect(analytics.getByRole('switch', { name, exact: true })).toHaveAttribute('data-consent-service', id);
  }
  const at = analytics.locator('[data-consent-service-panel="analytics:at-internet"]');
  await expect(at).toContainText('Audience measurement of the site.');
  await expect(at).toContainText('AT Internet');
  await at.locator('summary').click();
  const table = at.locator('table[data-consent-cookies="analytics:at-internet"]');
  await expect(table).toBeVisible();
  await expect(table.locator('tbody tr')).toHaveCount(1);
  await expect(table.locator('tbody tr')).toContainText('atuserid');
});

test('the category switch is mixed with some services on, and a screen reader is told so', async ({ page }) => {
  await openCentre(page);
  await expect(categorySwitch(page, 'analytics')).not.toBeChecked();
  expect(await axChecked(page, 'Analytics')).toEqual({ role: 'checkbox', checked: 'false' });

  await service(page, 'analytics', 'numberly').check();
  await expect(categorySwitch(page, 'analytics')).toBeChecked({ indeterminate: true });
  expect(await axChecked(page, 'Analytics')).toEqual({ role: 'checkbox', checked: 'mixed' });
  expect(await axChecked(page, 'Numberly analytics')).toEqual({ role: 'switch', checked: 'true' });
  // A category without services stays a switch, on or off.
  expect(await axChecked(page, 'Essential')).toEqual({ role: 'switch', checked: 'true' });

  // The category's switch turns all of its services on, then all off.
  await categorySwitch(page, 'analytics').click();
  await expect(categorySwitch(page, 'analytics')).toBeChecked();
  for (const id of ['numberly', 'commanders-act', 'at-internet']) await expect(service(page, 'analytics', id)).toBeChecked();
  expect(await axChecked(page, 'Analytics')).toEqual({ role: 'checkbox', checked: 'true' });
  await categorySwitch(page, 'analytics').click();
  for (const id of ['numberly', 'commanders-act', 'at-internet']) await expect(service(page, 'analytics', id)).not.toBeChecked();
  await expect(categorySwitch(page, 'analytics')).not.toBeChecked();
  expect(await categorySwitch(page, 'analytics').evaluate((el) => el.indeterminate)).toBe(false);
});

test('a partly accepted category says so in words and in a shape of its own, in forced colours too', async ({ page }) => {
  await openCentre(page);
  const head = panel(page, 'analytics').locator('.cb-category-head').first();
  const sw = categorySwitch(page, 'analytics');
  /** The switch's track colour, its knob's height and the words beside it. */
  const look = () => sw.evaluate((el) => {
    const knob = getComputedStyle(el, '::after');
    return { track: getComputedStyle(el).backgroundColor, rim: getComputedStyle(el).borderTopColor, knob: knob.height };
  });
  const off = await look();
  await expect(head.locator('.cb-partly')).toHaveCount(0);
  await service(page, 'analytics', 'numberly').check();
  await expect(head.locator('.cb-partly')).toHaveText('1 of 3 on');
  const mixed = await look();
  await service(page, 'analytics', 'commanders-act').check();
  await expect(head.locator('.cb-partly')).toHaveText('2 of 3 on');
  // Described to a screen reader with the words; the state itself stays "mixed".
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  const node = nodes.find((n) => n.role?.value === 'checkbox' && n.name?.value === 'Analytics' && !n.ignored);
  expect(node.description?.value).toMatch(/^2 of 3 on /);
  expect(node.properties.find((p) => p.name === 'checked').value.value).toBe('mixed');
  await cdp.detach();
  await service(page, 'analytics', 'at-internet').check();
  await expect(head.locator('.cb-partly')).toHaveCount(0);
  const on = await look();
  // Neither the "on" nor the "off" drawing: another track, and a bar for a knob.
  expect(mixed.track).not.toBe(on.track);
  expect(mixed.track).not.toBe(off.track);
  expect(mixed.rim).toBe(on.rim);
  expect(parseFloat(mixed.knob)).toBeLessThan(parseFloat(on.knob) / 2);
  await expectNoViolations(page);

  // Forced colours: the native checkbox's own mixed state, the words still there, axe still clean.
  await service(page, 'analytics', 'at-internet').uncheck();
  await page.emulateMedia({ forcedColors: 'active' });
  await expect(sw).toBeChecked({ indeterminate: true });
  expect(await sw.evaluate((el) => getComputedStyle(el).appearance)).toBe('auto');
  await expect(head.locator('.cb-partly')).toHaveText('2 of 3 on');
  await expect(head.locator('.cb-partly')).toBeVisible();
  await expectNoViolations(page);
});

test('Save stores the services chosen, runs their tags, and the centre shows them again', async ({ page }) => {
  const { site } = await openCentre(page);
  await service(page, 'analytics', 'at-internet').check();
  await service(page, 'marketing', 'numberly').check();
  await page.locator('[data-consent-preferences] [data-consent-action="save"]').click();
  await expect(page.locator('[data-consent-preferences]')).toHaveCount(0);
  await expect.poll(() => site.standInTags()).toEqual(['analytics:at-internet', 'marketing:numberly']);
  const consent = await site.consent();
  expect(consent.accepted).toEqual(['essential', 'analytics:at-internet', 'marketing', 'marketing:numberly']);
  const [change] = await site.changeEvents();
  expect(change.method).toBe('privacy-centre');
  expect(change.granted).toEqual(['analytics:at-internet', 'marketing', 'marketing:numberly']);

  // Reopened: the stored choice, with analytics mixed; the current choice names the service.
  await page.evaluate(() => window.consentBanner.openPreferences());
  await expect(page.locator('[data-consent-preferences]')).toBeVisible();
  await expect(service(page, 'analytics', 'at-internet')).toBeChecked();
  await expect(service(page, 'analytics', 'numberly')).not.toBeChecked();
  await expect(categorySwitch(page, 'analytics')).toBeChecked({ indeterminate: true });
  await expect(categorySwitch(page, 'marketing')).toBeChecked();
  await expect(page.locator('[data-consent-current]')).toContainText('Analytics: AT Internet');
});

test('the keyboard reaches and flips each service switch', async ({ page }) => {
  await openCentre(page);
  const target = service(page, 'analytics', 'commanders-act');
  // Tab from the category's switch: the services follow it, each a stop of its own.
  await categorySwitch(page, 'analytics').focus();
  const order = [];
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab');
    const which = await page.evaluate(() => {
      const el = document.querySelector('[data-consent-root]').shadowRoot.activeElement;
      return el?.getAttribute('data-consent-service') ?? el?.tagName.toLowerCase();
    });
    order.push(which);
    if (which === 'commanders-act') break;
  }
  expect(order).toContain('numberly');
  expect(order.at(-1)).toBe('commanders-act');
  await page.keyboard.press('Space');
  await expect(target).toBeChecked();
  await expect(categorySwitch(page, 'analytics')).toBeChecked({ indeterminate: true });
});

for (const width of [320, 1280]) {
  test(`at ${width} px the centre with services has no axe violation and nothing overflows sideways`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    await openCentre(page);
    await service(page, 'analytics', 'numberly').check();
    for (const summary of await page.locator('[data-consent-preferences] details > summary').all()) await summary.click();
    await animationsDone(page);
    await expectNoViolations(page);
    const overflow = await page.evaluate(() => {
      const dialog = document.querySelector('[data-consent-root]').shadowRoot.querySelector('[data-consent-preferences]');
      return [...dialog.querySelectorAll('.cb-service, .cb-category')]
        .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1).length;
    });
    expect(overflow).toBe(0);
    // The last service switch can be reached and seen.
    const last = service(page, 'marketing', 'numberly');
    await last.scrollIntoViewIfNeeded();
    await expect(last).toBeInViewport();
  });
}

test('the cookie-policy tables list every service\'s cookies under its name, provider and purpose', async ({ page }) => {
  await page.goto('/tests/e2e/fixtures/services-policy.html');
  const tables = page.locator('[data-consent-cookie-table]');
  await expect(tables.locator('table').first()).toBeVisible();
  const analytics = tables.locator('section', { has: page.getByRole('heading', { name: 'Analytics', exact: true }) });
  // The category's own cookie, then each service's, under its heading.
  await expect(analytics.locator('table[data-consent-cookies="analytics"] tbody tr')).toHaveCount(1);
  await expect(analytics.getByRole('heading', { level: 4 })).toHaveText([
    'Numberly analytics (Numberly)', 'Commanders Act', 'AT Internet',
  ]);
  await expect(analytics.locator('table[data-consent-cookies="analytics:at-internet"]')).toContainText('atuserid');
  const marketing = tables.locator('table[data-consent-cookies="marketing:numberly"]');
  await expect(marketing).toContainText('nmb_cmp');
  // Every cookie the config declares is listed once.
  const names = await tables.locator('tbody td:first-child code').allTextContents();
  expect(names.sort()).toEqual(['atuserid', 'nmb_cmp', 'nmb_uid', 'session', 'stats_shared', 'tc_*']);
});
