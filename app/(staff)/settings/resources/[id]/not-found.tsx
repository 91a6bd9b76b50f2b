import Link from 'next/link';

export default function ResourceNotFound() {
  return (
    <div className="card narrow">
      <h1>Not found</h1>
      <p>That shower or laundry was not found.</p>
      <Link href="/settings/resources">Back to showers and laundry</Link>
    </div>
  );
}
