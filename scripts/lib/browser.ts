import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

// Which Chromium the end-to-end tests drive. Debian's (`apt-get install chromium`) when it is
// there: Playwright cannot download its own on machines that reach only the npm and Debian
// registries. Otherwise Playwright's own build, installed on first use where the network allows.

export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** The executable to launch, or undefined for Playwright's own build (which may not be installed). */
export function chromiumPath(): string | undefined {
  return existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined;
}

function playwrightChromiumInstalled(): boolean {
  try {
    return existsSync(chromium.executablePath());
  } catch {
    return false;
  }
}

export const NO_BROWSER =
  'The end-to-end tests need Chromium, and none is installed. Install one with\n' +
  '    sudo apt-get install chromium        (Debian, Ubuntu)\n' +
  "or, where the network reaches Playwright's download servers,\n" +
  '    npx playwright install chromium\n' +
  'then run npm test again.';

/**
 * Makes sure a Chromium is there before the build: Debian's, Playwright's, or Playwright's freshly
 * installed (`installer` runs the install; injectable for the test). Returns null when one is
 * ready, or the plain message to print.
 */
export function ensureChromium(
  installer: () => boolean = () => spawnSync('node_modules/.bin/playwright', ['install', 'chromium'], { stdio: 'inherit' }).status === 0,
  system: () => string | undefined = chromiumPath,
  installed: () => boolean = playwrightChromiumInstalled,
): string | null {
  if (system() || installed()) return null;
  console.log('No Chromium found for the end-to-end tests: trying `npx playwright install chromium`…');
  if (installer() && installed()) return null;
  return NO_BROWSER;
}
