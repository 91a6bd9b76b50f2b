import { createHash } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client.ts';

/**
 * A Prisma client on the pg driver adapter. Used by the app (through client.ts) and by operator
 * scripts and tests, which cannot import server-only modules.
 */
export function createDb(connectionString: string, poolSize = 10): PrismaClient {
  const adapter = new PrismaPg(
    // A short connection timeout lets a request fail fast (and /api/health answer 503) while the
    // database restarts; the pool reconnects by itself once it is back.
    { connectionString, connectionTimeoutMillis: 5_000, max: poolSize },
    {
      // An idle connection dropped by a database restart must not crash the process; the pool
      // discards it and opens a fresh one on the next query.
      onPoolError: (error) => console.warn(`database connection lost: ${error.message}`),
      onConnectionError: (error) => console.warn(`database connection error: ${error.message}`),
      // Named prepared statements: PostgreSQL parses and plans each distinct query once per
      // connection instead of on every call, which the desk's hot paths (saving a visit,
      // booking a slot) feel under load. The name is a hash of the SQL text, so it is stable.
      statementNameGenerator: (query) => statementName(query.sql),
    },
  );
  return new PrismaClient({ adapter });
}

const names = new Map<string, string>();
function statementName(sql: string): string {
  let name = names.get(sql);
  if (!name) {
    name = `l_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
    if (names.size < 5_000) names.set(sql, name);
  }
  return name;
}
