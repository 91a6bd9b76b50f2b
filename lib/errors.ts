// One error type for refusals the user should read. Anything else is a bug and goes to error.tsx.

export type AppErrorCode = 'forbidden' | 'not_found' | 'conflict' | 'invalid' | 'throttled' | 'unauthenticated';

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    readonly userMessage: string,
    readonly field?: string,
  ) {
    super(userMessage);
    this.name = 'AppError';
  }
}

export const forbidden = () => new AppError('forbidden', 'This is not available to your role.');
export const notFound = (what = 'That record') => new AppError('not_found', `${what} was not found.`);

/** Prisma / PostgreSQL error codes we translate into plain answers. */
export function dbErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { code?: unknown; meta?: { code?: unknown; driverAdapterError?: { cause?: { originalCode?: unknown } } } };
  const original = e.meta?.driverAdapterError?.cause?.originalCode;
  if (typeof original === 'string') return original;
  if (typeof e.meta?.code === 'string') return e.meta.code;
  return typeof e.code === 'string' ? e.code : undefined;
}

export function isUniqueViolation(error: unknown): boolean {
  const code = dbErrorCode(error);
  return code === 'P2002' || code === '23505';
}

/**
 * The answer beside a form when the database did not answer, for a save whose retry is safe (an
 * idempotency key: if the first try did commit, Save again returns that record). Nothing typed is lost.
 */
export const DB_UNREACHABLE = 'Not saved — the database did not answer; try again.';
/** The same for any other save: the commit may have gone through with only its answer lost. */
export const DB_UNREACHABLE_MAYBE_SAVED = 'The database did not answer, so this may not have been saved. Check before entering it again.';
/** The same for a look-up, which saves nothing. */
export const DB_UNREACHABLE_READ = 'The database did not answer; try again.';

// Prisma's codes for "no answer" (can't reach, timed out, connection closed, pool timeout), the
// socket errors pg and the adapter pass on, and PostgreSQL's connection-exception and shutdown states.
const UNREACHABLE_CODES = new Set([
  'P1001',
  'P1002',
  'P1008',
  'P1017',
  'P2024',
  'P2037',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  '57P01',
  '57P02',
  '57P03',
]);
const UNREACHABLE_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
// Prisma's P2028 is also a bug's code (a closed or unknown transaction): only these two are outages,
// a pool that gave no connection within maxWait and a transaction the database kept past its timeout
// (rolled back, never committed).
const TRANSACTION_OUTAGE = /unable to start a transaction in the given time|cannot be executed on an expired transaction/i;
const UNREACHABLE_TEXT =
  /connection terminated|connection timeout|timeout exceeded when trying to connect|can't reach database server|server has closed the connection|connection is closed/i;

/**
 * Whether an error means the database did not answer (down, restarting, network cut), as opposed
 * to a refusal or a bug. Looks through `cause` chains and Prisma's driver-adapter details, since the
 * same outage surfaces as a Prisma error, a pg error or a bare socket error depending on where it hit.
 */
export function isDatabaseUnreachable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  const e = error as { code?: unknown; errno?: unknown; kind?: unknown; message?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };
  const code = dbErrorCode(error);
  if (code && (UNREACHABLE_CODES.has(code) || code.startsWith('08'))) return true;
  if (typeof e.code === 'string' && UNREACHABLE_CODES.has(e.code)) return true;
  if (code === 'P2028' && typeof e.message === 'string' && TRANSACTION_OUTAGE.test(e.message)) return true;
  if (typeof e.kind === 'string' && UNREACHABLE_KINDS.has(e.kind)) return true;
  if (typeof e.message === 'string' && UNREACHABLE_TEXT.test(e.message)) return true;
  if (error instanceof AggregateError && error.errors.some((x) => isDatabaseUnreachable(x, depth + 1))) return true;
  return isDatabaseUnreachable(e.meta?.driverAdapterError, depth + 1) || isDatabaseUnreachable(e.cause, depth + 1);
}
