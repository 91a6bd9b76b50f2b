import type { BoardSlot, BoardView } from '@/lib/bookings/board.ts';
import './board.css';

function Tickets({ slot }: { slot: BoardSlot | null }) {
  if (!slot) return <span className="board-empty">—</span>;
  return (
    <>
      {slot.time}{' '}
      {slot.tickets.map((t) => (
        <span key={t} className="board-ticket">
          {t}
        </span>
      ))}
    </>
  );
}

/**
 * The wall display: now and next per shower and laundry by ticket number, and tickets called to
 * the desk. It shows what BoardView holds and nothing else: no alias, code or other personal data.
 */
export function QueueBoard({ view }: { view: BoardView }) {
  return (
    <main className="board" id="main">
      <h1>
        <span>Showers and laundry</span>
        <span className="board-updated">Updated {view.updated}</span>
      </h1>
      {view.resources.length === 0 ? (
        <p className="board-empty">Nothing is open right now.</p>
      ) : (
        <div className="board-resources">
          {view.resources.map((r) => (
            <section key={r.name} className="board-resource" aria-label={r.name}>
              <h2>{r.name}</h2>
              <dl>
                <dt>Now</dt>
                <dd className="board-now">
                  <Tickets slot={r.now} />
                </dd>
                <dt>Next</dt>
                <dd>
                  <Tickets slot={r.next} />
                </dd>
              </dl>
            </section>
          ))}
        </div>
      )}
      {view.called.length > 0 && (
        <section className="board-called" aria-label="Please come to the desk">
          <h2>Please come to the desk</h2>
          {view.called.map((t) => (
            <span key={t} className="board-ticket">
              {t}
            </span>
          ))}
        </section>
      )}
    </main>
  );
}
