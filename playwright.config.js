// End-to-end tests: the built wasm (pkg/) served by the demo server, driven in the system Chromium.
// `npx playwright install` cannot download browsers here, so Chromium is launched from its path.
import { defineConfig } from '@playwright/test';

// E2E_PORT lets two runs (say, two worktrees) coexist on one machine.
const PORT = Number(process.env.E2E_PORT || 8181);
const BASE_URL = `http://127.0.0.1:${PORT}/`;
// The consent-records service (records/, built by `make records-bin`), on a fresh SQLite file,
// reached through the demo server under /consent-records/ as on the demo.
const RECORDS_PORT = PORT + 1;
const RECORDS_DB = `target/e2e/records-${RECORDS_PORT}.db`; // one per run, as the ports are
// The site owner's token for the dashboard and export (tests/e2e/records-service.spec.js).
export const RECORDS_TOKEN = 'e2e-owner-token-0123456789abcdef0123456789';

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: 'list',
  webServer: [
    {
      command: `mkdir -p target/e2e && rm -f ${RECORDS_DB}* && exec target/debug/consent-records ` +
        `--config www/config/itsme.json --listen 127.0.0.1:${RECORDS_PORT} --database sqlite://${RECORDS_DB} --trust-proxy`,
      // Any valid consent id answers 200 (an empty list) once the service is up.
      url: `http://127.0.0.1:${RECORDS_PORT}/records/0000000000000000`,
      env: { CONSENT_RECORDS_TOKEN: RECORDS_TOKEN },
      reuseExistingServer: false,
      timeout: 15_000,
    },
    {
      command: `node scripts/serve.mjs ${PORT}`,
      url: BASE_URL,
      env: { CONSENT_RECORDS_URL: `http://127.0.0.1:${RECORDS_PORT}` },
      // A stale server on the port could serve another checkout: always start our own.
      reuseExistingServer: false,
      timeout: 15_000,
    },
  ],
  use: {
    baseURL: BASE_URL,
    browserName: 'chromium',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      // Background networking would add requests and noise unrelated to the page under test.
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
});
