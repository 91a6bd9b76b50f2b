import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTable, escapeLike, pageWindow, parseTableParams, tableQuery, toView } from './params.ts';

const SPEC = defineTable({
  sortable: ['name', 'created'],
  defaultSort: 'name',
  defaultDir: 'asc',
  pageSizes: [25, 50],
  filters: { role: z.enum(['peer', 'manager']), from: z.iso.date() },
});

describe('parseTableParams', () => {
  it('reads valid parameters', () => {
    const p = parseTableParams(SPEC, { page: '3', pageSize: '50', sort: 'created', dir: 'desc', q: '  Ren ', role: 'peer', from: '2026-11-01' });
    expect(p).toEqual({ page: 3, pageSize: 50, sort: 'created', dir: 'desc', q: 'Ren', filters: { role: 'peer', from: '2026-11-01' } });
  });

  it('falls back to defaults one parameter at a time, never throwing', () => {
    const p = parseTableParams(SPEC, { page: '0', pageSize: '1000', sort: 'password', dir: 'up', q: 'x'.repeat(101), role: 'admin', from: '2026-13-45' });
    expect(p).toEqual({ page: 1, pageSize: 25, sort: 'name', dir: 'asc', q: '', filters: {} });
    expect(parseTableParams(SPEC, { page: '2.5' }).page).toBe(1);
    expect(parseTableParams(SPEC, { page: 'abc', sort: 'created' })).toMatchObject({ page: 1, sort: 'created' });
    expect(parseTableParams(SPEC, { page: ['2', '9'], role: ['manager', 'peer'] })).toMatchObject({ page: 2, filters: { role: 'manager' } });
    expect(parseTableParams(SPEC, {})).toEqual({ page: 1, pageSize: 25, sort: 'name', dir: 'asc', q: '', filters: {} });
  });
});

describe('pageWindow', () => {
  it('clamps a page past the end to the last page', () => {
    expect(pageWindow(60, 1, 25)).toEqual({ page: 1, skip: 0, take: 25 });
    expect(pageWindow(60, 9, 25)).toEqual({ page: 3, skip: 50, take: 25 });
    expect(pageWindow(0, 4, 25)).toEqual({ page: 1, skip: 0, take: 25 });
  });
});

describe('tableQuery', () => {
  const view = toView(parseTableParams(SPEC, { q: 'ren', role: 'peer', page: '2' }));
  it('leaves defaults out and applies a patch', () => {
    expect(tableQuery(view, SPEC)).toBe('?q=ren&role=peer&page=2');
    expect(tableQuery(view, SPEC, { sort: 'created', dir: 'desc', page: 1 })).toBe('?q=ren&role=peer&sort=created&dir=desc');
  });
  it('keeps a private search out of the URL', () => {
    expect(tableQuery(view, SPEC, {}, false)).toBe('?role=peer&page=2');
  });
});

describe('escapeLike', () => {
  it('escapes LIKE wildcards and the escape character', () => {
    expect(escapeLike('50%_a\\b')).toBe('50\\%\\_a\\\\b');
  });
});
