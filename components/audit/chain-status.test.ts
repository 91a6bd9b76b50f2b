import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';

// The Verify now button posts to a Server Action; here only the words around it matter.
vi.mock('./verify-now.tsx', () => ({ VerifyNow: () => null }));
const { ChainStatus } = await import('./chain-status.tsx');

const base = { at: '2026-12-08T17:30:00.000Z', atText: 'Dec 8, 2026, 10:30 a.m.', via: 'command' as const };
const text = (html: string) => html.replace(/<[^>]+>/g, '');

describe('the audit page tamper check line', () => {
  it('says when the chain was last found intact, how long it was and its head', () => {
    const html = renderToStaticMarkup(
      createElement(ChainStatus, {
        latest: { ...base, ok: true, entries: 12345, headHash: 'ab12'.repeat(16), brokenEventId: null, brokenSeq: null, problem: null },
      }),
    );
    expect(text(html)).toContain('Chain last verified Dec 8, 2026, 10:30 a.m. (by npm run audit:verify): intact (12,345 entries, head ab12ab12ab12ab12…).');
    expect(html).toContain(`title="${'ab12'.repeat(16)}"`);
  });

  it('names the broken row and what happened to it', () => {
    const html = renderToStaticMarkup(
      createElement(ChainStatus, {
        latest: { ...base, via: 'page', ok: false, entries: 40, headHash: null, brokenEventId: '41', brokenSeq: '40', problem: 'changed' },
      }),
    );
    expect(html).toContain('role="alert"');
    expect(text(html)).toContain('(from this page): broken at audit event 41 (chain entry 40): the audit event was changed after it was written.');
  });

  it('says so when the chain was never verified', () => {
    expect(text(renderToStaticMarkup(createElement(ChainStatus, { latest: null })))).toContain('has not been verified yet');
  });
});
