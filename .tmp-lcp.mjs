import { chromium } from 'playwright';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
for (const lang of ['en','nl','fr','de']) for (const [w,h] of [[1920,1080],[1280,720],[768,1024],[375,667],[320,568]]) for (const path of ['business','private','my-itsme']) {
  const context = await browser.newContext({ viewport: { width: w, height: h }, reducedMotion: 'reduce' });
  await context.addCookies([{ name: 'consent_lang', value: lang, url: 'http://127.0.0.1:8485/' }]);
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__lcp = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__lcp.push(e); }).observe({ type: 'largest-contentful-paint', buffered: true });
  });
  await page.goto(`http://127.0.0.1:8485/www/${path}.html`);
  await page.locator('[data-consent-banner]').waitFor({ state: 'visible' });
  await page.waitForTimeout(500);
  const r = await page.evaluate(() => window.__lcp.map(e => `${e.size}:${e.element ? 'page' : 'BANNER'}`).join(' | '));
  if (r.includes('BANNER')) console.log(lang, w, path, r);
  await context.close();
}
await browser.close();
