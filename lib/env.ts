import { z } from 'zod';
import { isKnownZone } from './calendar/zone.ts';

// Production configuration. Validated once at start (scripts/start.ts) with a one-line reason on
// failure, and again lazily by the app so a misconfigured process never serves requests.

const base64Key = z.string({ error: 'is missing' }).refine((v) => /^[A-Za-z0-9+/]+={0,2}$/.test(v) && Buffer.from(v, 'base64').length === 32, {
  message: 'must be 32 random bytes in base64 (try: openssl rand -base64 32)',
});

export const EnvSchema = z.object({
  DATABASE_URL: z.string({ error: 'is missing' }).refine((v) => /^postgres(ql)?:\/\/[^\s]+$/.test(v), {
    message: 'must be a postgresql:// URL',
  }),
  /**
   * The app's own login when the operator made it (README "Database roles"); otherwise `npm start`
   * makes one from DATABASE_URL, the owner's.
   */
  RUNTIME_DATABASE_URL: z
    .string()
    .refine((v) => /^postgres(ql)?:\/\/[^\s]+$/.test(v) && URL.canParse(v) && new URL(v).username !== '', {
      message: 'must be a postgresql:// URL with the runtime role as its user',
    })
    .optional(),
  AUTH_SECRET: z.string({ error: 'is missing' }).min(32, { message: 'must be at least 32 characters (try: openssl rand -base64 32)' }),
  ENCRYPTION_KEY: base64Key,
  /** The program's time zone (lib/calendar), checked against the tz data the project pins. */
  LANTERN_TIME_ZONE: z.string().refine(isKnownZone, { message: 'must be an IANA time zone name such as America/Vancouver' }).optional(),
});

export type Env = z.infer<typeof EnvSchema>;

/** Returns the validated environment, or a single human-readable line saying what is wrong. */
export function checkEnv(env: NodeJS.ProcessEnv = process.env): { ok: true; env: Env } | { ok: false; message: string } {
  const parsed = EnvSchema.safeParse(env);
  if (parsed.success) return { ok: true, env: parsed.data };
  const issue = parsed.error.issues[0]!;
  return { ok: false, message: `${String(issue.path[0])} ${issue.message}` };
}

let cached: Env | undefined;
/** The validated environment; throws with the one-line reason when it is invalid. */
export function env(): Env {
  if (cached) return cached;
  const result = checkEnv();
  if (!result.ok) throw new Error(`Lantern cannot start: ${result.message}`);
  cached = result.env;
  return cached;
}
