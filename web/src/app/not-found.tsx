import { Link } from 'wouter';

/** An address that leads nowhere: what was not there, and the way back to the course. */
export function NotFound({ title, detail }: { title: string; detail?: string }) {
  return (
    <main>
      <h1>{title}</h1>
      {detail && (
        <p className="error" role="alert">
          {detail}
        </p>
      )}
      <p>
        <Link href="/">Back to the course</Link>, where every lesson is listed.
      </p>
    </main>
  );
}
