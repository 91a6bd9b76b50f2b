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
