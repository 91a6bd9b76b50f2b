'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { confirmTwoStepAction } from '@/app/(auth)/two-step-actions.ts';
import { Field } from '@/components/ui/field.tsx';
import type { ActionState } from '@/lib/action.ts';
import type { Enrolment } from '@/lib/auth/two-factor.ts';
import { RecoveryCodes } from './recovery-codes.tsx';

/**
 * Setting up two-step sign-in: the QR code to scan, the same key to type, and the first code from
 * the app to prove it. Then the recovery codes, once, and the way on.
 */
export function TwoStepSetup({
  enrolment,
  next,
  askPassword,
}: {
  enrolment: Omit<Enrolment, 'uri'>;
  next: { href: string; label: string };
  askPassword: boolean;
}) {
  const [state, action, pending] = useActionState<ActionState, FormData>(confirmTwoStepAction, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const codes = state?.ok ? state.data?.codes?.split(' ') : undefined;
  if (codes) {
    return (
      <>
        <p role="status" className="form-ok">
          {state?.ok ? state.message : null}
        </p>
        <RecoveryCodes codes={codes} />
        <p>
          <Link className="button" href={next.href}>
            {next.label}
          </Link>
        </p>
      </>
    );
  }
  return (
    <>
      <ol className="two-step-steps">
        <li>Open an authenticator app on your phone (for example Google Authenticator, Microsoft Authenticator, or 2FAS).</li>
        <li>
          Scan this code with it:
          {/* SVG drawn on the server by the qrcode library from the otpauth:// address: no script, no outside image. */}
          <div className="two-step-qr" role="img" aria-label="QR code for Lantern's two-step sign-in" dangerouslySetInnerHTML={{ __html: enrolment.qrSvg }} />
          or type this key into it:{' '}
          <code className="two-step-key" aria-label="Key to type">
            {enrolment.key.match(/.{1,4}/g)!.join(' ')}
          </code>
        </li>
        <li>Enter the 6 digits the app shows for Lantern.</li>
      </ol>
      <form action={action} noValidate>
        <Field label="Code from the app" name="code" inputMode="numeric" autoComplete="one-time-code" required error={errors.code} />
        {askPassword && (
          <Field
            label="Your password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            error={errors.password}
            hint="Asked again before a change to how you sign in."
          />
        )}
        <button className="button" type="submit" disabled={pending}>
          Turn on two-step sign-in
        </button>
      </form>
    </>
  );
}
