import { afterEach, describe, expect, it, vi } from 'vitest';
import { ensureChromium, NO_BROWSER } from './browser.ts';

describe('ensureChromium (npm test on a machine with no browser yet)', () => {
  afterEach(() => vi.restoreAllMocks());

  it('uses Debian’s Chromium or an installed Playwright build without installing anything', () => {
    const installer = vi.fn(() => true);
    expect(
      ensureChromium(
        installer,
        () => '/usr/bin/chromium',
        () => false,
      ),
    ).toBeNull();
    expect(
      ensureChromium(
        installer,
        () => undefined,
        () => true,
      ),
    ).toBeNull();
    expect(installer).not.toHaveBeenCalled();
  });

  it('installs Playwright’s Chromium where the network allows', () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    let installed = false;
    const installer = vi.fn(() => (installed = true));
    expect(
      ensureChromium(
        installer,
        () => undefined,
        () => installed,
      ),
    ).toBeNull();
    expect(installer).toHaveBeenCalledOnce();
  });

  it('otherwise says plainly which command installs one', () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    expect(
      ensureChromium(
        () => false,
        () => undefined,
        () => false,
      ),
    ).toBe(NO_BROWSER);
    expect(NO_BROWSER).toContain('apt-get install chromium');
    // An install that "succeeds" but leaves no browser is not taken at its word.
    expect(
      ensureChromium(
        () => true,
        () => undefined,
        () => false,
      ),
    ).toBe(NO_BROWSER);
  });
});
