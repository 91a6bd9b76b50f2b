/**
 * Whether every account must use a second factor: yes in production (`npm start`). The demo and
 * the end-to-end tests' server set LANTERN_TWO_FACTOR=optional, so the printed demo passwords sign
 * in alone; there anyone may still set it up from Your account, and then it is asked for.
 */
export function twoFactorRequired(): boolean {
  return process.env.LANTERN_TWO_FACTOR !== 'optional';
}
