import Link from 'next/link';

export default function VisitNotFound() {
  return (
    <>
      <h1>Not found</h1>
      <p>That visit was not found.</p>
      <p>
        <Link href="/">Back to today</Link>
      </p>
    </>
  );
}
