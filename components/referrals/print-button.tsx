'use client';

export function PrintButton() {
  return (
    <button className="button secondary small" type="button" onClick={() => window.print()}>
      Print
    </button>
  );
}
