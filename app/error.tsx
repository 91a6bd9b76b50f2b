'use client';

// A bug reached the page. Say so plainly; the details stay in the server log.
export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <main>
      <div className="card narrow" role="alert">
        <h1>Something went wrong</h1>
        <p>Nothing you entered was lost on our side. Try again, and tell the program manager if it keeps happening.</p>
        <button className="button" type="button" onClick={reset}>Try again</button>
      </div>
    </main>
  );
}
