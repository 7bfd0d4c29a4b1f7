// Compile-only check of consent-banner.d.ts (`make lint`): a realistic config and every API
// call must type-check under --strict, and the mistakes below must not.
import init, { run, start, type ConsentConfig, type ConsentChangeDetail, type ConsentState, type ConsentBannerApi } from './consent-banner.js';

const config: ConsentConfig = {
  version: '2026-11-1',
  languages: ['en', 'nl'],
  defaultLanguage: 'en',
  policyLink: '/cookie-policy',
  cookieSettings: {
    consent: { name: 'consent', days: 365 },
    banner: { days: 7 },
    language: { name: 'consent_lang' },
    domain: 'example.com',
    sameSite: 'Lax',
  },
  texts: { en: { acceptAll: 'Accept', gpcNotice: 'GPC refuses {categories}.' }, nl: {} },
  categories: [
    {
      id: 'essential',
      required: true,
      label: { en: 'Essential', nl: 'Essentieel' },
      description: { en: 'Needed for the site to work.', nl: 'Nodig om de site te laten werken.' },
      cookies: [
        { name: 'session', provider: 'Example', party: 'first', lifetime: 'session', purpose: { en: 'Session.', nl: 'Sessie.' } },
      ],
    },
    {
      id: 'consent-provider',
      required: true,
      afterChoice: true,
      label: { en: 'Consent provider', nl: 'Toestemmingsbeheer' },
      description: { en: 'Stores your choice.', nl: 'Bewaart uw keuze.' },
    },
    {
      id: 'analytics',
      label: { en: 'Analytics', nl: 'Analyse' },
      description: { en: 'Helps us improve the site.', nl: 'Helpt ons de site te verbeteren.' },
      bannerPurpose: { en: 'analytical cookies to count visits', nl: 'analytische cookies om bezoeken te tellen' },
      cookies: [
        { name: '_ga_*', provider: 'Google', party: 'third', lifetime: '13 months', purpose: { en: 'Visits.', nl: 'Bezoeken.' } },
        { name: 'atsession', provider: 'AT Internet', party: 'third', lifetime: '30 minutes of inactivity', purpose: { en: 'Session.', nl: 'Sessie.' } },
      ],
      services: [
        {
          id: 'at-internet',
          label: { en: 'AT Internet', nl: 'AT Internet' },
          description: { en: 'Audience measurement.', nl: 'Publieksmeting.' },
          provider: 'AT Internet',
          cookies: [{ name: 'atuserid', provider: 'AT Internet', party: 'first', lifetime: '13 months', purpose: { en: 'Visitors.', nl: 'Bezoekers.' } }],
        },
      ],
    },
    {
      id: 'marketing',
      label: { en: 'Marketing', nl: 'Marketing' },
      description: { en: 'Ads.', nl: 'Advertenties.' },
    },
  ],
  reloadOnWithdraw: false,
  googleConsentMode: { analytics: ['analytics_storage'], marketing: ['ad_storage', 'ad_user_data', 'ad_personalization'] },
  gpcRefuses: ['marketing'],
  receiptEndpoint: '/receipts',
  recordUrl: '/consent-records/records/{id}',
};

const areas: ConsentConfig = {
  version: '1',
  policyLink: 'https://example.com/cookies',
  googleConsentMode: false,
  areas: {
    business: { label: { en: 'Business' }, categories: config.categories ?? [], texts: { en: { title: 'Cookies for business' } } },
    private: {
      label: { en: 'Private' },
      mode: 'inform',
      categories: [{ id: 'essential', required: true, label: { en: 'Essential' }, description: { en: 'Needed.' } }],
    },
  },
};

// @ts-expect-error: a config has either categories or areas, not both.
const both: ConsentConfig = { version: '1', policyLink: '/p', categories: [], areas: {} };
// @ts-expect-error: with areas, each area has its own mode.
const modeWithAreas: ConsentConfig = { version: '1', policyLink: '/p', mode: 'ask', areas: {} };
// @ts-expect-error: unknown fields are errors in the validator too.
const typo: ConsentConfig = { version: '1', policyLink: '/p', categories: [], reloadOnWithdrawal: true };
const badLifetime: ConsentConfig = {
  version: '1',
  policyLink: '/p',
  categories: [
    {
      id: 'a',
      label: { en: 'A' },
      description: { en: 'A' },
      // @ts-expect-error: not a lifetime.
      cookies: [{ name: 'a', provider: 'A', party: 'first', lifetime: 'forever', purpose: { en: 'A' } }],
    },
  ],
};
const requiredPurpose: ConsentConfig = {
  version: '1',
  policyLink: '/p',
  categories: [
    // @ts-expect-error: an essential category is not among the banner's purposes.
    { id: 'essential', required: true, label: { en: 'E' }, description: { en: 'E' }, bannerPurpose: { en: 'e' } },
  ],
};
const purposeText: ConsentConfig = {
  version: '1',
  policyLink: '/p',
  categories: [
    // @ts-expect-error: a phrase per language, not one string.
    { id: 'video', label: { en: 'V' }, description: { en: 'V' }, bannerPurpose: 'cookies to play videos' },
  ],
};
// @ts-expect-error: googleConsentMode is false or a map, never true.
const gcmTrue: ConsentConfig = { version: '1', policyLink: '/p', categories: [], googleConsentMode: true };
// A cookie policy per language.
const perLanguage: ConsentConfig = { version: '1', policyLink: { en: '/en/cookies', nl: '/nl/cookies' }, categories: [] };
void [both, modeWithAreas, typo, badLifetime, requiredPurpose, purposeText, gcmTrue, perLanguage];

// No async/await and no ES2016+ methods: this file also checks with tsc's default ES5 target.
init().then((output) => {
  const memory: WebAssembly.Memory = output.memory;
  void memory;
  // A promise of the API, once it answers.
  run().then((api: ConsentBannerApi) => void api.on('change', (d) => void d.granted));
  run({ config });
  run({ config: '/consent.json' });
  run({ config: areas, area: 'business' });
  start(document.currentScript);
  start();
  start(document.currentScript, '{"version":"1"}', true);
});
init({ module_or_path: new URL('consent_banner_bg.wasm', 'https://cdn.example/consent-banner/') });
init(fetch('/consent_banner_bg.wasm'));

// Undefined until the loader or the queue snippet has run.
// @ts-expect-error: window.consentBanner may be undefined.
window.consentBanner.acceptAll();
const maybe = window.consentBanner;
if (!maybe) throw new Error('the loader has not run');
const api: ConsentBannerApi = maybe;
const consent: ConsentState | null = api.getConsent();
if (consent) {
  const accepted: string[] = consent.accepted;
  const when: Date = new Date(consent.time);
  void [accepted, when, consent.id, consent.version, consent.rejected];
}
const analytics: boolean = api.acceptedCategory('analytics');
api.acceptCategories(['analytics']);
const numberly: boolean = api.acceptedService('numberly', 'analytics');
api.acceptService(['numberly'], 'analytics');
api.acceptService('all', 'analytics');
api.acceptAll();
api.rejectAll();
api.openPreferences();
api.showBanner();
const switched: boolean | undefined = api.setLanguage('nl');
// False (and a console warning) for an unknown id; undefined while queued.
const made: boolean | undefined = api.acceptCategories(['analytcs']);
api.on('error', (detail) => void detail.errors.map((e) => e.path + ': ' + e.message));
window.addEventListener('consent:error', (event) => void event.detail.errors.length);
void made;
const off: () => void = api.on('change', (detail) => {
  // Typed by the overload: no `any` here.
  const granted: string[] = detail.granted;
  const method: 'banner' | 'privacy-centre' | 'api' | 'contextual' = detail.method;
  void [granted, method, detail.withdrawn, detail.consent?.id];
});
api.on('ready', (detail) => void detail.active.length);
api.on('banner-shown', (detail) => void (detail.mode === 'inform'));
api.on('consent:preferences-shown', (detail) => void detail);
off();
void [analytics, switched];

window.addEventListener('consent:change', (event) => {
  const detail: ConsentChangeDetail = event.detail;
  if (detail.granted.indexOf('analytics') >= 0) console.log('start analytics');
  if (detail.withdrawn.indexOf('analytics') >= 0) console.log('stop analytics');
});
window.addEventListener('consent:ready', (event) => void event.detail.consent);
