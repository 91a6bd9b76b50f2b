'use client';

import { useState } from 'react';

/**
 * A plain download link that works without JavaScript; with it, the file is fetched here so the
 * page can show how much has arrived while a large report streams in.
 */
export function DownloadLink({ href, fileName, label }: { href: string; fileName: string; label: string }) {
  const [status, setStatus] = useState<{ state: 'idle' | 'loading' | 'done' | 'failed'; bytes: number; total: number | null }>({
    state: 'idle',
    bytes: 0,
    total: null,
  });

  async function download(event: React.MouseEvent<HTMLAnchorElement>) {
    event.preventDefault();
    if (status.state === 'loading') return;
    setStatus({ state: 'loading', bytes: 0, total: null });
    try {
      const response = await fetch(href, { credentials: 'same-origin' });
      if (!response.ok || !response.body) throw new Error(String(response.status));
      const length = Number(response.headers.get('content-length'));
      const total = Number.isFinite(length) && length > 0 ? length : null;
      const reader = response.body.getReader();
      const chunks: Uint8Array<ArrayBuffer>[] = [];
      let bytes = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        bytes += value.length;
        setStatus({ state: 'loading', bytes, total });
      }
      const url = URL.createObjectURL(new Blob(chunks, { type: response.headers.get('content-type') ?? undefined }));
      const a = document.createElement('a');
      a.href = url;
      a.download = fileName;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setStatus({ state: 'done', bytes, total });
    } catch {
      setStatus({ state: 'failed', bytes: 0, total: null });
    }
  }

  const kb = Math.max(1, Math.round(status.bytes / 1024));
  return (
    <span className="download">
      <a className="button" href={href} download={fileName} onClick={download} aria-disabled={status.state === 'loading' || undefined}>
        {label}
      </a>{' '}
      <span role="status" className="muted">
        {status.state === 'loading' && (
          <>
            <progress aria-label={`${label}: receiving`} max={status.total ?? undefined} value={status.total ? status.bytes : undefined} />{' '}
            {status.bytes ? `${kb} KB received` : 'Preparing…'}
          </>
        )}
        {status.state === 'done' && `Downloaded (${kb} KB).`}
        {status.state === 'failed' && <span className="field-error">The file could not be made. Try again, or choose a shorter period.</span>}
      </span>
    </span>
  );
}
