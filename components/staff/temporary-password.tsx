/**
 * Shows a temporary password exactly once: it lives only in this render's action state, never in
 * a URL, a cookie, the database or the audit log. Reloading the page makes it disappear.
 */
export function TemporaryPassword({ password, who }: { password: string; who: string }) {
  return (
    <div className="card" role="status" aria-labelledby="temp-password-heading">
      <h2 id="temp-password-heading">Temporary password for {who}</h2>
      <p className="temp-password">
        <code data-testid="temporary-password">{password}</code>
      </p>
      <p>Give it to {who} in person. It is shown only this once; they choose their own password when they first sign in.</p>
    </div>
  );
}
