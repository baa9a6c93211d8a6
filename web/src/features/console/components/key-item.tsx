import { useEffect, useRef, useState } from 'react';
import type { KeyView } from '../../../../../contracts/index.ts';
import { ApiError } from '../../../lib/api-client.ts';
import { deleteKey } from '../api/delete-key.ts';
import { getKey, MAX_KEY_CHARS } from '../api/get-keys.ts';
import { KeyValue } from './key-value.tsx';

/** A key as the browser holds it: when it expires, in this page's clock. */
export interface ShownKey extends KeyView {
  /** Date.now() when Redis drops it (rounded up), or null if it does not expire. */
  expiresAt: number | null;
}

/**
 * One key: its preview, or the whole of it once asked for, and a Delete that asks first. A name
 * cut for being too long cannot be asked for, so neither is offered for it.
 */
export function KeyItem({
  view,
  version,
  now,
  onDeleted,
}: {
  view: ShownKey;
  version: number;
  now: number;
  /** The key is gone: deleted, or found already gone. */
  onDeleted(key: string, message: string): void;
}) {
  const [whole, setWhole] = useState<{ view: KeyView; version: number }>();
  const [state, setState] = useState<{ loading?: boolean; deleting?: boolean; error?: string }>({});
  const [confirming, setConfirming] = useState(false);
  const keep = useRef<HTMLButtonElement>(null);
  const shown = whole?.version === version ? whole.view : view;
  const byName = view.key.length <= MAX_KEY_CHARS;

  // The safe choice has the focus: Enter pressed twice keeps the key.
  useEffect(() => {
    if (confirming) keep.current?.focus();
  }, [confirming]);

  const showWhole = async () => {
    setState({ loading: true });
    try {
      setWhole({ view: await getKey(view.key), version });
      setState({});
    } catch (failure) {
      setState({ error: (failure as Error).message });
    }
  };

  const remove = async () => {
    setState({ deleting: true });
    try {
      await deleteKey(view.key);
      onDeleted(view.key, `Deleted ${view.key}.`);
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 404) {
        onDeleted(view.key, `${view.key} was already gone.`);
        return;
      }
      setConfirming(false);
      setState({ error: (failure as Error).message });
    }
  };

  return (
    <li className="key-view">
      <div className="key-head">
        <code className="key-name">{view.key}</code>
        <span className="key-meta">
          <span className="muted">
            {view.type}
            {view.expiresAt !== null &&
              ` · expires in ${Math.max(0, Math.ceil((view.expiresAt - now) / 1000))} s`}
          </span>
          {byName && !confirming && (
            <button
              type="button"
              className="link-button"
              aria-label={`Delete ${view.key}`}
              onClick={() => setConfirming(true)}
            >
              Delete
            </button>
          )}
        </span>
      </div>
      {confirming && (
        // biome-ignore lint/a11y/useSemanticElements: a fieldset is for form inputs; this is a question with two answers.
        <div className="confirm key-confirm" role="group" aria-label={`Delete ${view.key}?`}>
          <span>Delete this key from your Redis?</span>
          <button type="button" onClick={remove} disabled={state.deleting}>
            {state.deleting ? 'Deleting…' : 'Delete'}
          </button>
          <button
            type="button"
            className="secondary"
            ref={keep}
            onClick={() => setConfirming(false)}
            disabled={state.deleting}
          >
            Keep it
          </button>
        </div>
      )}
      <KeyValue view={shown} version={version} />
      {shown.cut && byName && (
        <button type="button" className="link-button" onClick={showWhole} disabled={state.loading}>
          {state.loading ? 'Loading…' : 'Show more of this value'}
        </button>
      )}
      {state.error && (
        <p className="error" role="alert">
          {state.error}
        </p>
      )}
    </li>
  );
}
