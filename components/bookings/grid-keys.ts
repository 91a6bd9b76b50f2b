import type { KeyboardEvent } from 'react';

const STEP: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
const FOCUSABLE = 'button:not([disabled]), a[href], summary';

/**
 * Arrow keys move between the grid's cells (slots down, seats across), to the first control of
 * the next cell in that direction that has one; Tab still walks the controls inside a cell.
 * Cells carry data-cell="row,column". Inside a select or a text box the arrows keep their meaning.
 */
export function onGridKeyDown(e: KeyboardEvent<HTMLElement>): void {
  const step = STEP[e.key];
  const target = e.target as HTMLElement;
  if (!step || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || ['SELECT', 'INPUT', 'TEXTAREA'].includes(target.tagName)) return;
  const cell = target.closest<HTMLElement>('[data-cell]');
  if (!cell || !e.currentTarget.contains(cell)) return;
  const [row, col] = cell.dataset.cell!.split(',').map(Number) as [number, number];
  for (let r = row + step[0], c = col + step[1]; ; r += step[0], c += step[1]) {
    const next = e.currentTarget.querySelector<HTMLElement>(`[data-cell="${r},${c}"]`);
    if (!next) return;
    const control = next.querySelector<HTMLElement>(FOCUSABLE);
    if (control) {
      e.preventDefault();
      control.focus();
      return;
    }
  }
}
