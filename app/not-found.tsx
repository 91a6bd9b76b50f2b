import Link from 'next/link';

export default function NotFound() {
  return (
    <main>
      <div className="card narrow">
        <h1>Not found</h1>
        <p>There is nothing at this address.</p>
        <Link href="/">Back to the home page</Link>
      </div>
    </main>
  );
}
