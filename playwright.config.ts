import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { chromiumPath } from './scripts/lib/browser.ts';

// End-to-end tests drive the production build (`next build` first) in real Chromium, against a
// fresh, migrated and seeded database that e2e/serve.ts creates for the run and drops afterwards.

const PORT = Number(process.env.E2E_PORT ?? 3210);
const BASE_URL = `http://localhost:${PORT}`;

// Where serve.ts writes the database URL it used, for specs that must reach into the database
// (e.g. to age a session). Set here so the test workers, which inherit this environment, know it.
process.env.E2E_STATE_FILE ??= path.resolve(import.meta.dirname, 'test-results/e2e-server.json');

// Browsers cannot be downloaded on the build machines: use Debian's Chromium when it is there,
// otherwise Playwright's own (`npm test` installs it first where the network allows).
const launchOptions = {
  executablePath: chromiumPath(),
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--no-first-run',
  ],
};

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  outputDir: './test-results',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  // The machines have 2 cores, and the server under test shares them.
  workers: 2,
  reporter: [['list']],
  // A test is a person's whole task (sign in, several pages, axe on each): on two shared cores the
  // longest take 25–35 s, so 60 s fails only a real hang. Speed is measured by `npm run bench`, not here.
  timeout: 60_000,
  expect: { timeout: 5_000 },
  use: {
    baseURL: BASE_URL,
    launchOptions,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    // Tests tagged @phone run on a 360 px wide touch phone; all others on the desktop.
    { name: 'desktop', grepInvert: /@phone/, use: { ...devices['Desktop Chrome'] } },
    {
      name: 'phone',
      grep: /@phone/,
      use: { ...devices['Pixel 5'], viewport: { width: 360, height: 740 }, screen: { width: 360, height: 740 } },
    },
  ],
  webServer: {
    command: 'node_modules/.bin/tsx e2e/serve.ts',
    url: `${BASE_URL}/api/health`,
    env: { E2E_PORT: String(PORT), E2E_STATE_FILE: process.env.E2E_STATE_FILE },
    // serve.ts drops its database on SIGTERM; give it time before Playwright kills the group.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
