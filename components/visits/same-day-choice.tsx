'use client';

import type { TodayVisit } from '@/lib/visits/queries.ts';

type Props = { today: TodayVisit | null; error?: string; onChoose: (choice: 'add' | 'new') => void };

/**
 * The person is already in today: say so, and offer both answers by keyboard. Enter (anywhere in
 * the panel) adds what is ticked to that visit; N saves a separate visit. When this account may
 * not change that visit (another's, see visitChangeProblem), only a new visit is offered, and Enter saves it.
 */
export function SameDay({ today, error, onChoose }: Props) {
  const mayAdd = today?.mayAdd ?? false;
  return (
    <div id="quick-log-same-day" className="quick-log-same-day" role="group" aria-labelledby="quick-log-same-day-text" tabIndex={-1}>
      <p id="quick-log-same-day-text" aria-live="polite">
        {today ? (
          <>
            <strong>Already in today at {today.time}.</strong> {!mayAdd && today.refusal}
          </>
        ) : (
          <span className="field-error">{error}</span>
        )}
      </p>
      {today && (
        <p className="row quick-log-same-day-choices">
          {mayAdd && (
            <button type="button" className="button" aria-keyshortcuts="Enter" onClick={() => onChoose('add')}>
              Add to that visit <kbd aria-hidden="true">Enter</kbd>
            </button>
          )}
          <button type="button" className="button secondary" aria-keyshortcuts={mayAdd ? 'N' : 'N Enter'} onClick={() => onChoose('new')}>
            New visit <kbd aria-hidden="true">N</kbd>
          </button>
        </p>
      )}
    </div>
  );
}
