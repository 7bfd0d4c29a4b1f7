// vanilla-cookieconsent 3.1.0 as its guide sets it up: vanilla.html's module (imports the UMD build,
// runs it); without the import, vanilla-script.html's init script (written by bench/run.mjs).
// Texts and categories match bench/config.json, so both banners show the same content.
import './vendor/cookieconsent.umd.js';

CookieConsent.run({
  // Playwright's Chromium reports navigator.webdriver = true, which vanilla treats as a bot
  // and then never shows the banner; a real visitor is not a bot.
  hideFromBots: false,
  guiOptions: {
    consentModal: { layout: 'box', position: 'bottom right' },
    preferencesModal: { layout: 'box' },
  },
  categories: {
    necessary: { enabled: true, readOnly: true },
    analytics: { autoClear: { cookies: [{ name: 'bench_analytics' }] } },
    marketing: {},
  },
  language: {
    default: 'en',
    translations: {
      en: {
        consentModal: {
          title: 'We value your privacy',
          description: 'We use essential cookies to make this site work. With your consent we also use analytical cookies to improve it and marketing cookies to measure our campaigns. You can accept or reject them, choose per category, and withdraw your consent at any time.',
          acceptAllBtn: 'Accept all',
          acceptNecessaryBtn: 'Reject all',
          showPreferencesBtn: 'Customise',
          footer: '<a href="/bench/pages/privacy.html">Cookie policy</a>',
        },
        preferencesModal: {
          title: 'Privacy preferences',
          acceptAllBtn: 'Accept all',
          acceptNecessaryBtn: 'Reject all',
          savePreferencesBtn: 'Save choices',
          closeIconLabel: 'Close',
          sections: [
            { description: 'Choose which cookies we may use. Essential cookies are always on because the site cannot work without them.' },
            { title: 'Strictly necessary', description: 'Needed for the site to work, for example to remember your cookie choice. They cannot be switched off.', linkedCategory: 'necessary' },
            {
              title: 'Analytics', description: 'Help us understand how the site is used so we can improve it.', linkedCategory: 'analytics',
              cookieTable: {
                headers: { name: 'Name', provider: 'Provider', lifetime: 'Lifetime', purpose: 'Purpose' },
                body: [{ name: 'bench_analytics', provider: 'Example', lifetime: '13 months', purpose: 'Counts visits.' }],
              },
            },
            { title: 'Marketing', description: 'Measure our advertising campaigns.', linkedCategory: 'marketing' },
          ],
        },
      },
    },
  },
});
