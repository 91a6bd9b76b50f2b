import Link from 'next/link';

export default function ParticipantNotFound() {
  return (
    <div className="card narrow">
      <h1>Not found</h1>
      <p>That participant was not found.</p>
      <Link href="/participants">Back to participants</Link>
    </div>
  );
}
