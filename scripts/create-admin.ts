// `npm run create-admin -- --email it@example.org --name "IT Support"`
// Creates the first IT-support (admin) account with a one-time password shown once on this
// terminal; the account must choose its own password at first sign-in.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createDb } from '../lib/db/create.ts';
import { migrate } from '../lib/db/migrate.ts';
import { generateTemporaryPassword, hashPassword } from '../lib/auth/password.ts';
import { emailField, shortText } from '../lib/validation.ts';

const Args = z.object({ email: emailField, name: shortText('a display name', 80) });

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' } } });
  const url = process.env.DATABASE_URL;
  if (!url || !/^postgres(ql)?:\/\//.test(url)) {
    console.error('create-admin: DATABASE_URL must be set to a postgresql:// URL');
    return 1;
  }
  const parsed = Args.safeParse({ email: values.email ?? '', name: values.name ?? 'IT Support' });
  if (!parsed.success) {
    console.error(`create-admin: ${String(parsed.error.issues[0]!.path[0])}: ${parsed.error.issues[0]!.message}`);
    console.error('usage: npm run create-admin -- --email it@example.org [--name "IT Support"]');
    return 1;
  }
  await migrate(url, { log: () => {} });
  const db = createDb(url, 1);
  try {
    const existing = await db.staffUser.findUnique({ where: { email: parsed.data.email }, select: { id: true } });
    if (existing) {
      console.error('create-admin: an account with that email already exists');
      return 1;
    }
    const password = generateTemporaryPassword();
    const passwordHash = await hashPassword(password);
    await db.$transaction(async (tx) => {
      const user = await tx.staffUser.create({
        data: { email: parsed.data.email, displayName: parsed.data.name, role: 'admin', passwordHash, mustChangePassword: true },
        select: { id: true },
      });
      await tx.auditEvent.create({
        data: { action: 'staff_user.created', entityType: 'staff_user', entityId: user.id, details: { role: 'admin', via: 'create-admin' } },
      });
    });
    console.log(`Created ${parsed.data.email} (IT support).`);
    console.log(`One-time password: ${password}`);
    console.log('It is shown only now. Sign in with it and choose your own password.');
    return 0;
  } finally {
    await db.$disconnect();
  }
}

process.exit(await main());
