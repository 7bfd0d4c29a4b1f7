// End-to-end tests: the built wasm (pkg/) served by the demo server, driven in the system Chromium.
// `npx playwright install` cannot download browsers here, so Chromium is launched from its path.
import { defineConfig } from '@playwright/test';

// E2E_PORT lets two runs (say, two worktrees) coexist on one machine.
const PORT = Number(process.env.E2E_PORT || 8181);
const BASE_URL = `http://127.0.0.1:${PORT}/`;

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: 'list',
  webServer: {
    command: `node scripts/serve.mjs ${PORT}`,
    url: BASE_URL,
    // A stale server on the port could serve another checkout: always start our own.
    reuseExistingServer: false,
    timeout: 15_000,
  },
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
