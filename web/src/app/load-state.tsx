import type { ReactNode } from 'react';
import { CourseProblems } from '../features/preview/components/course-problems.tsx';
import { ApiError } from '../lib/api-client.ts';
import type { Loadable } from '../lib/use-api.ts';

/**
 * Shows a loading line, the error's message, or the loaded content: never a blank page. A broken
 * course file is shown as the live preview shows it, with its file and line.
 */
export function LoadState<T>(props: { loadable: Loadable<T>; children: (data: T) => ReactNode }) {
  const { loadable } = props;
  if (loadable.state === 'loading') return <p className="muted">Loading…</p>;
  if (loadable.state === 'failed') {
    const { error } = loadable;
    if (error instanceof ApiError && error.problem) {
      return (
        <section className="preview-banner content-problem" aria-label="Broken course file">
          <p className="preview-status">This part of the course cannot be shown.</p>
          <CourseProblems problems={[error.problem]} />
        </section>
      );
    }
    return (
      <p className="error" role="alert">
        {error.message}
      </p>
    );
  }
  return <>{props.children(loadable.data)}</>;
}
