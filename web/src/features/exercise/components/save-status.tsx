import type { SaveStatus as Status } from '../draft-saver.ts';

/** A quiet line under the editor saying whether the server holds the code as it is. */
export function SaveStatus({ status }: { status: Status }) {
  return (
    // Always in the page, even empty, so that screen readers hear it change.
    <p className={`save-status save-${status.state}`} role="status" aria-live="polite">
      {status.state === 'saving' && 'Saving…'}
      {status.state === 'saved' && 'Saved'}
      {status.state === 'failed' && `Not saved: ${status.message}`}
    </p>
  );
}
