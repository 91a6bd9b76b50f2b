import Link from 'next/link';

export default function AccountNotFound() {
  return (
    <div className="card narrow">
      <h1>Not found</h1>
      <p>That account was not found.</p>
      <Link href="/staff">Back to staff accounts</Link>
    </div>
  );
}
