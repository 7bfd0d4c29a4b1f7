// `npx consent-banner-check` as a user runs it: the package packed, installed into a fresh
// project, and its bin run by npx. Its output and exit status must be exactly those of
// `cargo run --bin check` on the same files (it is that program, built for WASI). The schema the
// package ships validates every config in this repository, and refuses what the validator
// refuses (tests/schema.rs checks it field by field against the parser).
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import Ajv from 'ajv';

const ROOT = new URL('../../', import.meta.url).pathname;
const CHECK = join(ROOT, 'target/debug/check');
let dir; // the consumer project
let npx; // its bin, as npx resolves it

test.describe.configure({ mode: 'serial' });

test.beforeAll(() => {
  test.setTimeout(180_000);
  execFileSync('cargo', ['build', '--quiet', '--locked', '--bin', 'check'], { cwd: ROOT, stdio: 'inherit' });
  dir = mkdtempSync(join(tmpdir(), 'consent-banner-check-'));
  const [packed] = JSON.parse(execFileSync('npm', ['pack', join(ROOT, 'pkg'), '--pack-destination', dir, '--json'], { encoding: 'utf8' }));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'site', private: true }));
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', join(dir, packed.filename)], { cwd: dir, stdio: 'pipe' });
  mkdirSync(join(dir, 'site/www'), { recursive: true });
  cpSync(join(ROOT, 'www/config/itsme.json'), join(dir, 'site/itsme.json'));
  cpSync(join(ROOT, 'www/business.html'), join(dir, 'site/www/business.html'));
  writeFileSync(join(dir, 'site/www/typo.html'),
    '<html><body>\n<script type="text/plain" data-consent-category="analytcs" src="/a.js"></script>\n</body></html>\n');
  const config = JSON.parse(readFileSync(join(ROOT, 'www/config/itsme.json'), 'utf8'));
  const broken = structuredClone(config);
  broken.areas.business.categories[1].cookies[0].party = 'fourth';
  broken.areas.business.categories[1].cookies[0].lifetime = 'forever';
  delete broken.version;
  writeFileSync(join(dir, 'site/broken.json'), JSON.stringify(broken, null, 2));
  const noReject = structuredClone(config);
  for (const lang of noReject.languages) (noReject.texts ??= {})[lang] = { ...(noReject.texts[lang] ?? {}), rejectAll: ' ' };
  writeFileSync(join(dir, 'site/no-reject.json'), JSON.stringify(noReject, null, 2));
  writeFileSync(join(dir, 'site/not-json.json'), '{ "version": ');
  npx = (args) => spawnSync('npx', ['--no-install', 'consent-banner-check', ...args], { cwd: dir, encoding: 'utf8' });
});

test.afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const CASES = [
  ['a valid config', ['site/itsme.json'], 0],
  ['a valid config and its pages', ['site/itsme.json', '--html', 'site/**/business.html'], 0],
  ['a misspelt gate', ['site/itsme.json', '--html', 'site/www/*.html'], 1],
  ['an invalid config', ['site/broken.json'], 1],
  ['a config that breaks a rule', ['site/no-reject.json'], 1],
  ['a file that is not JSON', ['site/not-json.json'], 1],
  ['several configs', ['site/itsme.json', 'site/broken.json'], 1],
  ['a missing file', ['site/nothing.json'], 2],
  ['a pattern matching nothing', ['site/itsme.json', '--html', 'nowhere/**/*.html'], 2],
  ['no arguments', [], 2],
  ['--help', ['--help'], 2],
];

for (const [what, args, status] of CASES) {
  test(`npx consent-banner-check: ${what} (exit ${status}), as cargo run --bin check says it`, () => {
    const viaNpx = npx(args);
    const viaCargo = spawnSync(CHECK, args, { cwd: dir, encoding: 'utf8' });
    expect(viaCargo.status).toBe(status);
    expect(viaNpx.stdout).toBe(viaCargo.stdout);
    expect(viaNpx.stderr).toBe(viaCargo.stderr); // no WASI warning either
    expect(viaNpx.status).toBe(status);
  });
}

test('npx consent-banner-check: an absolute path, and the messages a user reads', () => {
  const abs = join(dir, 'site/broken.json');
  const run = npx([abs]);
  expect(run.status).toBe(1);
  expect(run.stdout).toContain(`${abs}: error: version: missing`);
  expect(run.stdout).toMatch(/party: expected "first" or "third", found "fourth"/);
  expect(run.stdout).toMatch(/lifetime: "forever" is not a lifetime/);
  const gate = npx(['site/itsme.json', '--html', 'site/www/*.html']);
  expect(gate.stdout).toMatch(/site\/www\/typo\.html:2: error: .*analytcs.*analytics/);
});

test('the shipped schema validates every config here and refuses what the validator refuses', () => {
  const schema = JSON.parse(readFileSync(join(dir, 'node_modules/consent-banner/consent-banner.schema.json'), 'utf8'));
  const validate = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true }).compile(schema);
  const configs = ['www/config/itsme.json', 'www/config/integration.json', 'www/config/embeds.json', 'bench/config.json', 'bench/config-embeds.json', 'examples/yew-app/config.json'];
  for (const file of configs) {
    const config = JSON.parse(readFileSync(join(ROOT, file), 'utf8'));
    expect(validate(config) ? [] : validate.errors, file).toEqual([]);
    expect(config.$schema, `${file} names the schema`).toMatch(/consent-banner\.schema\.json$/);
  }
  const base = JSON.parse(readFileSync(join(ROOT, 'www/config/itsme.json'), 'utf8'));
  const mutations = {
    'no version': (c) => delete c.version,
    'an unknown field': (c) => { c.colour = 'blue'; },
    'a bad mode': (c) => { c.areas.business.mode = 'nag'; },
    'a bad party': (c) => { c.areas.business.categories[1].cookies[0].party = 'fourth'; },
    'a bad lifetime': (c) => { c.areas.business.categories[1].cookies[0].lifetime = 'forever'; },
    'an upper-case id': (c) => { c.areas.business.categories[1].id = 'Analytics'; },
    'a cookie without a provider': (c) => delete c.areas.business.categories[1].cookies[0].provider,
    'days beyond 400': (c) => { c.cookieSettings = { consent: { days: 401 } }; },
    'a javascript: link': (c) => { c.policyLink = 'javascript:alert(1)'; },
    'a recordUrl without {id}': (c) => { c.recordUrl = '/records/'; },
    'both categories and areas': (c) => { c.categories = []; },
    'an unknown text key': (c) => { c.texts = { en: { acceptEverything: 'Yes' } }; },
  };
  for (const [what, mutate] of Object.entries(mutations)) {
    const config = structuredClone(base);
    mutate(config);
    expect(validate(config), `schema takes ${what}`).toBe(false);
    writeFileSync(join(dir, 'mutated.json'), JSON.stringify(config));
    expect(spawnSync(CHECK, ['mutated.json'], { cwd: dir }).status, `check takes ${what}`).toBe(1);
  }
});

/** The fenced block after `<!-- ten-minutes:NAME -->` in the README. */
function readmeBlock(name) {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const m = new RegExp(`<!-- ten-minutes:${name} -->\\n\`\`\`\\w+\\n([\\s\\S]*?)\\n\`\`\``).exec(readme);
  if (!m) throw new Error(`the README has no ten-minutes:${name} block`);
  return m[1];
}

test("the README's check command, on the README's config and recipes", () => {
  const site = join(dir, 'readme');
  mkdirSync(join(site, 'consent'), { recursive: true });
  mkdirSync(join(site, 'site/blog'), { recursive: true });
  writeFileSync(join(site, 'consent/config.json'), readmeBlock('config'));
  const recipes = ['head', 'footer', 'ga4', 'gtm', 'meta', 'hotjar', 'youtube', 'maps', 'form'].map(readmeBlock).join('\n');
  writeFileSync(join(site, 'site/index.html'), `<!doctype html><html><head></head><body>\n${recipes}\n</body></html>\n`);
  writeFileSync(join(site, 'site/blog/post.html'), '<p>No gate here.</p>\n');
  const command = readmeBlock('check').trim();
  const [, args] = /^npx consent-banner-check (.*)$/.exec(command);
  // The shell's words: unquoted ones, and one quoted pattern.
  const words = args.match(/'[^']*'|\S+/g).map((w) => w.replace(/^'|'$/g, ''));
  const run = spawnSync('npx', ['--prefix', dir, '--no-install', 'consent-banner-check', ...words], { cwd: site, encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(run.stdout).toContain('consent/config.json: passes (0 errors');
  expect(run.stdout).toMatch(/consent\/config\.json: 2 page\(s\), 10 gate\(s\), 0 naming nothing the config has/);
  expect(run.status).toBe(0);
  // The same pages with one gate misspelt fail, naming the file and line.
  writeFileSync(join(site, 'site/blog/post.html'), '<p>\n<img data-consent-category="marketting" data-src="/p.gif" alt="">\n</p>\n');
  const bad = spawnSync('npx', ['--prefix', dir, '--no-install', 'consent-banner-check', ...words], { cwd: site, encoding: 'utf8' });
  expect(bad.stdout).toMatch(/site\/blog\/post\.html:2: error: .*marketting/);
  expect(bad.status).toBe(1);
});

test("the README's TypeScript recipe type-checks against the package's types, and a mistake does not", () => {
  test.setTimeout(90_000);
  const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
  const project = join(dir, 'ts');
  mkdirSync(project, { recursive: true });
  writeFileSync(join(project, 'package.json'), JSON.stringify({ type: 'module' }));
  cpSync(join(dir, 'node_modules'), join(project, 'node_modules'), { recursive: true });
  const recipe = readmeBlock('typescript');
  writeFileSync(join(project, 'consent.ts'), recipe);
  writeFileSync(join(project, 'wrong.ts'), recipe.replace("party: 'first'", "party: 'fourth'"));
  const options = ['--strict', '--noEmit', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--skipLibCheck'];
  const good = spawnSync('node', [tsc, ...options, 'consent.ts'], { cwd: project, encoding: 'utf8' });
  expect(good.stdout + good.stderr).toBe('');
  expect(good.status).toBe(0);
  const wrong = spawnSync('node', [tsc, ...options, 'wrong.ts'], { cwd: project, encoding: 'utf8' });
  expect(wrong.stdout).toMatch(/wrong\.ts.*'"fourth"' is not assignable/);
  expect(wrong.status).not.toBe(0);
});
