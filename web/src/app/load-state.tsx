import type { ReactNode } from 'react';
import type { Loadable } from '../lib/use-api.ts';

/** Shows a loading line, the error's message, or the loaded content: never a blank page. */
export function LoadState<T>(props: { loadable: Loadable<T>; children: (data: T) => ReactNode }) {
  const { loadable } = props;
  if (loadable.state === 'loading') return <p className="muted">Loading…</p>;
  if (loadable.state === 'failed') {
    return (
      <p className="error" role="alert">
        {loadable.error.message}
      </p>
    );
  }
  return <>{props.children(loadable.data)}</>;
}
