import { describe, expect, it } from 'vitest';
import { Prisma } from '@/lib/db/generated/client.ts';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { rawClient } from '@/lib/db/test/reset.ts';
import { expectAppError } from '@/lib/staff/test-helpers.ts';
import { makeParticipant } from '@/lib/visits/test-helpers.ts';
import { prefixQuery, searchParticipants, searchPatterns, substringQuery } from './search.ts';

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);

describe('searchParticipants', () => {
  it('finds aliases by any part, prefix matches first, then the most recently seen', async () => {
    const desk = await makeActor('coordinator');
    await makeParticipant(desk, { alias: 'Moriva', lastSeenAt: daysAgo(1) }); // "riv" inside
    await makeParticipant(desk, { alias: 'River', lastSeenAt: daysAgo(30) });
    await makeParticipant(desk, { alias: 'rivka', lastSeenAt: daysAgo(2) });
    await makeParticipant(desk, { alias: 'Rivet' }); // never seen
    await makeParticipant(desk, { alias: 'Skye' });
    const found = await searchParticipants(await makeActor('peer'), 'RIV');
    expect(found.map((m) => m.alias)).toEqual(['rivka', 'River', 'Rivet', 'Moriva']);
    expect(Object.keys(found[0]!).sort()).toEqual(['alias', 'code', 'id', 'lastSeenAt']);
    expect(found[0]!.lastSeenAt).toBeInstanceOf(Date);
    expect(found[2]!.lastSeenAt).toBeNull();
  });

  it('finds codes by their start, with or without the hyphen, in any case', async () => {
    const desk = await makeActor('coordinator');
    const kit = await makeParticipant(desk, { alias: 'Kit', code: 'K7Q-4M9' });
    await makeParticipant(desk, { alias: 'Other', code: 'K7A-4M9' });
    for (const text of ['k7q', 'K7Q-4', 'k7q4m9', ' k7q-4m9 ', 'K7Q 4M']) {
      expect(
        (await searchParticipants(desk, text)).map((m) => m.id),
        text,
      ).toEqual([kit.id]);
    }
    expect(await searchParticipants(desk, '4M9')).toEqual([]); // the middle of a code is not its start
  });

  it('needs two characters, caps the answer, and treats wildcards as text', async () => {
    const desk = await makeActor('coordinator');
    for (let i = 0; i < 12; i++) await makeParticipant(desk, { alias: `Ash ${i}` });
    await makeParticipant(desk, { alias: '100% Jo' });
    expect(await searchParticipants(desk, 'a')).toEqual([]);
    expect(await searchParticipants(desk, '')).toEqual([]);
    expect(await searchParticipants(desk, 'as')).toHaveLength(8);
    expect(await searchParticipants(desk, 'as', 3)).toHaveLength(3);
    expect((await searchParticipants(desk, '0%')).map((m) => m.alias)).toEqual(['100% Jo']);
    expect(await searchParticipants(desk, '_%')).toEqual([]);
  });

  it('falls back to “anywhere in the alias” for two letters when few aliases start with them', async () => {
    const desk = await makeActor('coordinator');
    await makeParticipant(desk, { alias: 'Jojo', lastSeenAt: daysAgo(5) });
    await makeParticipant(desk, { alias: 'Banjo', lastSeenAt: daysAgo(1) });
    expect((await searchParticipants(desk, 'jo')).map((m) => m.alias)).toEqual(['Jojo', 'Banjo']);
  });

  it('never finds de-identified or merged-away records', async () => {
    const desk = await makeActor('coordinator');
    const kept = await makeParticipant(desk, { alias: 'Sparrow' });
    await makeParticipant(desk, { deidentified: true, code: 'CPA-RRW' });
    const merged = await makeParticipant(desk, { alias: 'Sparrow' });
    await db.participant.update({ where: { id: merged.id }, data: { mergedIntoId: kept.id }, select: { id: true } });
    expect((await searchParticipants(desk, 'spar')).map((m) => m.id)).toEqual([kept.id]);
    expect(await searchParticipants(desk, 'CPA-R')).toEqual([]);
  });

  it('is refused to IT support, who sees no participant data', async () => {
    await expectAppError(searchParticipants(await makeActor('admin'), 'riv'), 'forbidden');
  });
});

describe('on 50,000 participants', () => {
  it('answers from the trigram indexes, not by reading the table', async () => {
    const desk = await makeActor('coordinator');
    const sql = await rawClient();
    // Aliases from syllables; codes from g times a number prime to 25⁶, so all differ. ANALYZE so the planner knows.
    await sql.query(
      `
      INSERT INTO participant (id, code, alias, consent_at, consent_by_id, created_by_id, updated_at, last_seen_at)
      SELECT gen_random_uuid(), substr(k, 1, 3) || '-' || substr(k, 4, 3), s1[1 + g % 35] || s2[1 + (g / 35) % 20] || s1[1 + (g / 700) % 35],
             now(), $1, $1, now(), now() - (g % 700) * interval '1 day'
      FROM generate_series(1, 50000) g,
           LATERAL (SELECT ARRAY['Ri','Mo','Sta','Lu','Ka','De','Ja','Ro','Sky','Ash','Bel','Cor','Dru','Em','Fi','Gi','Ha','Iv','Jo',
                                 'Kel','Li','Ma','Ne','Ol','Pe','Qu','Ra','Sa','Ta','Ur','Va','Wi','Xa','Ya','Ze'] s1,
                           ARRAY['ver','on','rr','na','li','sha','by','bin','dee','ley','ra','mi','no','sa','tte','lia','ven','ndy','x','ssa'] s2) a,
           LATERAL (SELECT string_agg(substr('ACDEFGHJKMNPQRTUVWXY34679', 1 + ((g::bigint * 48271 % 244140625) / (25::bigint ^ i)::bigint % 25)::int, 1), '' ORDER BY i) k
                    FROM generate_series(0, 5) i) c
      ON CONFLICT (code) DO NOTHING`,
      [desk.id],
    );
    await sql.query('ANALYZE participant');
    expect(Number((await sql.query('SELECT count(*) AS n FROM participant')).rows[0].n)).toBeGreaterThan(45_000);

    const plan = async (query: Prisma.Sql) =>
      db.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT set_config('enable_seqscan', 'off', true)`;
        const rows = await tx.$queryRaw<{ 'QUERY PLAN': string }[]>(Prisma.sql`EXPLAIN ${query}`);
        return rows.map((r) => r['QUERY PLAN']).join('\n');
      });
    const riv = searchPatterns('riv')!;
    expect(await plan(prefixQuery(riv, 8))).toMatch(/Bitmap Index Scan on participant_alias_trgm_idx/);
    expect(await plan(substringQuery(riv, 8))).toMatch(/Bitmap Index Scan on participant_alias_trgm_idx/);
    // With the C collation (the embedded database) the unique btree on code serves a prefix too.
    expect(await plan(prefixQuery(searchPatterns('k7q4')!, 8))).toMatch(/Index (Only )?Scan on participant_code_(trgm_idx|key)/);
    expect(await plan(prefixQuery(searchPatterns('ri')!, 8))).not.toMatch(/Seq Scan/);
    expect((await searchParticipants(desk, 'Sky')).length).toBe(8);
  });
});
