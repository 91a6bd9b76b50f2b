import { describe, expect, it } from 'vitest';
import { newIdempotencyKey } from '@/components/ui/idempotency-key.ts';
import { focusTargetFor, freshPanel, isPristine, newNotice, notSavedMessage, savedMessage, toggle } from './quick-log-state.ts';

describe('the quick log’s state', () => {
  it('starts each entry with a new uuid key', () => {
    const [a, b] = [freshPanel(), freshPanel()];
    expect(a.draft.key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a.draft.key).not.toBe(b.draft.key);
    expect(newIdempotencyKey()).not.toBe(newIdempotencyKey());
  });

  it('is pristine only while nothing is typed, chosen or ticked', () => {
    const panel = freshPanel('k');
    expect(isPristine(panel)).toBe(true);
    expect(isPristine({ ...panel, query: 'ri' })).toBe(false);
    expect(isPristine({ ...panel, draft: { ...panel.draft, chosen: { kind: 'anonymous' } } })).toBe(false);
    expect(isPristine({ ...panel, draft: { ...panel.draft, ticked: { s: '1' } } })).toBe(false);
    expect(isPristine({ ...panel, draft: { ...panel.draft, visitedAt: '2026-11-21T10:00' } })).toBe(false);
  });

  it('ticks a service at one and unticks it', () => {
    expect(toggle({}, 's')).toEqual({ s: '1' });
    expect(toggle({ s: '4', m: '1' }, 's')).toEqual({ m: '1' });
  });

  it('sends focus to the first field with a message', () => {
    expect(focusTargetFor({ participantId: 'x' })).toBe('quick-log-search');
    expect(focusTargetFor({ 'quantity.abc': 'x' })).toBe('qty-abc');
    expect(focusTargetFor({ visitedAt: 'x' })).toBe('quick-log-time');
    expect(focusTargetFor({ services: 'x' })).toBe('quick-log-services');
  });

  it('words the outcome with alias and code, and keeps the last three', () => {
    const kit = { kind: 'person' as const, id: 'i', alias: 'Kit', code: 'K7Q-4M9' };
    expect(savedMessage(kit)).toBe('Visit saved for Kit (K7Q-4M9).');
    expect(savedMessage({ kind: 'anonymous' })).toBe('Anonymous visit saved.');
    expect(notSavedMessage(kit, 'Try again.')).toBe('The visit for Kit (K7Q-4M9) was not saved. Try again.');
    expect(notSavedMessage(kit, 'Not saved — the database did not answer; try again.')).toBe(
      'The visit for Kit (K7Q-4M9) was not saved. The database did not answer; try again.',
    );
    let notices = [1, 2, 3, 4]
      .map((n) => ({ key: String(n), tone: 'ok' as const, text: String(n) }))
      .reduce((all, n) => newNotice(all, n), [] as ReturnType<typeof newNotice>);
    expect(notices.map((n) => n.key)).toEqual(['4', '3', '2']);
    notices = newNotice(notices, { key: '3', tone: 'error', text: 'no' });
    expect(notices.map((n) => `${n.key}:${n.tone}`)).toEqual(['3:error', '4:ok', '2:ok']);
  });
});
