// `npm run audit:verify` walks the audit log's hash chain (audit_verify_and_record, in SQL),
// recomputing each entry's hash from its audit event, and names the first broken entry. It records the result
// (shown on the audit page), prints the chain's head hash to note outside the database, and exits
// 1 when the chain is broken. It reads ids and hashes only, never what an event is about.
import { register } from 'node:module';
import { parseArgs } from 'node:util';

// The data layer marks its modules with Next's `server-only`, which refuses to load outside a
// React server bundle. This command is the server: resolve the marker to an empty module.
register(
  'data:text/javascript,' +
    encodeURIComponent(
      `export async function resolve(specifier, context, next) {
        return specifier === 'server-only' ? { url: 'data:text/javascript,', shortCircuit: true } : next(specifier, context);
      }`,
    ),
);

const { default: pg } = await import('pg');
const { parseProgress, toVerification, VERIFICATION_COLUMNS } = await import('../lib/audit/chain.ts');
const { CHAIN_PROBLEM_TEXT } = await import('../lib/audit/chain-words.ts');
const { verificationAuditInput } = await import('../lib/audit/verification.ts');

const count = (n: number) => n.toLocaleString('en-CA');

async function main(): Promise<number> {
  let batch: number;
  try {
    const { values } = parseArgs({ options: { batch: { type: 'string', default: '10000' } } });
    batch = Number(values.batch);
    if (!Number.isInteger(batch) || batch < 1 || batch > 1_000_000) throw new Error();
  } catch {
    console.error('usage: npm run audit:verify [-- --batch <entries per query, 1 to 1000000>]');
    return 2;
  }
  const url = process.env.DATABASE_URL;
  if (!url || !/^postgres(ql)?:\/\//.test(url)) {
    console.error('audit:verify: DATABASE_URL must be set to a postgresql:// URL');
    return 2;
  }
  const tty = process.stderr.isTTY === true;
  let shown = 0;
  // The database reports each batch as a NOTICE while it walks (audit_chain_verify).
  const client = new pg.Client({ connectionString: url });
  client.on('notice', (n) => {
    const p = parseProgress(n.message ?? '');
    if (!p) return;
    // One line, redrawn on a terminal; every tenth of the way otherwise (logs stay short).
    if (tty) process.stderr.write(`\r\x1b[Kchecked ${count(p.checked)} of ${count(p.total)} entries`);
    else if (p.checked === p.total || p.checked - shown >= p.total / 10) {
      shown = p.checked;
      process.stderr.write(`checked ${count(p.checked)} of ${count(p.total)} entries\n`);
    }
  });
  await client.connect();
  try {
    const started = Date.now();
    // Recorded as the operator's ('command': the database refuses that to anyone but its owner),
    // with its audit event, in one transaction.
    await client.query('BEGIN');
    const { rows } = await client.query(`SELECT ${VERIFICATION_COLUMNS} FROM audit_verify_and_record('command', $1::int)`, [batch]);
    const result = toVerification(rows[0]);
    const event = verificationAuditInput(result, 'command');
    await client.query(`INSERT INTO audit_event (action, outcome, entity_type, details) VALUES ('audit.chain_verified', $1, $2, $3::jsonb)`, [
      event.outcome,
      event.entityType,
      JSON.stringify(event.details),
    ]);
    await client.query('COMMIT');
    if (tty) process.stderr.write('\r\x1b[K');
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const head = result.head ? `head ${result.head.hash} (entry ${result.head.seq}, audit event ${result.head.eventId})` : 'no entries';
    if (result.ok) {
      console.log(`Audit chain intact: ${count(result.entries)} entries checked in ${seconds} s.`);
      console.log(result.head ? `Head hash: ${result.head.hash} (entry ${result.head.seq}, audit event ${result.head.eventId})` : 'The audit log is empty.');
      console.log('Note the head hash outside the database: an owner who rewrote the whole log could recompute the chain.');
      return 0;
    }
    const b = result.broken!;
    const where = [b.eventId != null ? `audit event ${b.eventId}` : null, b.seq != null ? `chain entry ${b.seq}` : null].filter(Boolean).join(', ');
    console.log(`Audit chain BROKEN at ${where}: ${CHAIN_PROBLEM_TEXT[b.problem]}.`);
    console.log(`${count(result.entries)} entries checked; the last intact one: ${head}.`);
    return 1;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    if ((e as { code?: string }).code === '42501') {
      console.error("audit:verify: run it as the database owner (DATABASE_URL of the role that migrates), not the app's role");
      return 2;
    }
    throw e;
  } finally {
    await client.end();
  }
}

process.exit(await main());
