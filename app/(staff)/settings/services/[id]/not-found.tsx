import Link from 'next/link';

export default function ServiceTypeNotFound() {
  return (
    <>
      <h1>Not found</h1>
      <p>That service was not found.</p>
      <p>
        <Link href="/settings/services">Back to services and supplies</Link>
      </p>
    </>
  );
}
