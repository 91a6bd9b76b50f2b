import Link from 'next/link';

export default function Forbidden() {
  return (
    <main>
      <div className="card narrow">
        <h1>Not available</h1>
        <p>This page is not available to your role.</p>
        <Link href="/">Back to the home page</Link>
      </div>
    </main>
  );
}
