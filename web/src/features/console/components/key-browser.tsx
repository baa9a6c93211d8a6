import { useEffect, useState } from 'react';
import { getKey, type KeyView, keyBytesUrl, MAX_KEY_CHARS } from '../api/get-keys.ts';
import { useConsole } from '../console-context.tsx';

interface Loaded {
  keys: KeyView[];
  /** The cursor of the next page, or null when every key is shown. */
  next: string | null;
  /** When the first page came: TTLs count down from then. */
  at: number;
}

/**
 * The keys in the learner's sandbox, a page at a time, with type, TTL counting down and a short
 * preview of each value; a value that was cut can be shown whole, and an image is shown as one.
 * Learner data: text.
 */
export function KeyBrowser() {
  const { keys, changes } = useConsole();
  const [loaded, setLoaded] = useState<Loaded>();
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string>();
  const [now, setNow] = useState(Date.now());

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload whenever the keys may have changed.
  useEffect(() => {
    let current = true;
    keys().then(
      (page) => {
        if (!current) return;
        setLoaded({ keys: page.keys, next: page.next, at: Date.now() });
        setError(undefined);
      },
      (failure: Error) => current && setError(failure.message),
    );
    return () => {
      current = false;
    };
  }, [changes]);

  const counting = loaded?.keys.some((view) => view.ttl !== null);
  useEffect(() => {
    if (!counting) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [counting]);

  const loadMore = async () => {
    if (!loaded?.next) return;
    setLoadingMore(true);
    try {
      const page = await keys(loaded.next);
      setLoaded((before) => {
        if (!before || before.next !== loaded.next) return before;
        // SCAN may return a key on two pages.
        const seen = new Set(before.keys.map(({ key }) => key));
        const added = page.keys.filter(({ key }) => !seen.has(key));
        return { ...before, keys: [...before.keys, ...added], next: page.next };
      });
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <section className="key-browser" aria-labelledby="key-browser-title">
      <h2 id="key-browser-title">Keys in your Redis</h2>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {loaded?.keys.length === 0 && <p className="muted">No keys yet.</p>}
      <ul className="keys">
        {loaded?.keys.map((view) => (
          <KeyItem
            key={view.key}
            view={view}
            version={loaded.at}
            elapsed={Math.floor((now - loaded.at) / 1000)}
          />
        ))}
      </ul>
      {loaded?.next && (
        <button type="button" className="secondary" onClick={loadMore} disabled={loadingMore}>
          {loadingMore ? 'Loading keys…' : 'Show more keys'}
        </button>
      )}
    </section>
  );
}

/** One key: its preview, or the whole of it once asked for. */
function KeyItem({ view, version, elapsed }: { view: KeyView; version: number; elapsed: number }) {
  const [whole, setWhole] = useState<{ view: KeyView; version: number }>();
  const [state, setState] = useState<{ loading?: boolean; error?: string }>({});
  const shown = whole?.version === version ? whole.view : view;

  const showWhole = async () => {
    setState({ loading: true });
    try {
      setWhole({ view: await getKey(view.key), version });
      setState({});
    } catch (failure) {
      setState({ error: (failure as Error).message });
    }
  };

  return (
    <li className="key-view">
      <div className="key-head">
        <code className="key-name">{view.key}</code>
        <span className="muted">
          {view.type}
          {view.ttl !== null && ` · expires in ${Math.max(0, view.ttl - elapsed)} s`}
        </span>
      </div>
      <Value view={shown} version={version} />
      {shown.cut && view.key.length <= MAX_KEY_CHARS && (
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

function Value({ view: { key, value }, version }: { view: KeyView; version: number }) {
  switch (value.kind) {
    case 'text':
      return <pre className="key-value">{value.text}</pre>;
    case 'bytes':
      return (
        <p className="key-value">
          <code>{value.hex}</code> <span className="muted">({value.length} bytes)</span>
        </p>
      );
    case 'image':
      return (
        <figure className="key-value">
          {key.length <= MAX_KEY_CHARS && (
            <img src={keyBytesUrl(key, version)} alt={`Stored under ${key}`} />
          )}
          <figcaption className="muted">
            {value.mediaType}, {value.length} bytes
          </figcaption>
        </figure>
      );
    case 'hash':
      return <Pairs pairs={value.fields} length={value.length} />;
    case 'list':
    case 'set': {
      const List = value.kind === 'list' ? 'ol' : 'ul';
      return (
        <List className="key-value">
          {value.items.map((item, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a list may hold the same item twice.
            <li key={index}>{item}</li>
          ))}
          {value.length > value.items.length && <li className="muted">…{value.length} in all</li>}
        </List>
      );
    }
    case 'zset':
      return <Pairs pairs={value.members} length={value.length} />;
    case 'other':
      return <p className="key-value muted">a {value.type}</p>;
  }
}

/** A hash's fields and values, or a sorted set's members and scores. */
function Pairs({ pairs, length }: { pairs: [string, string][]; length: number }) {
  return (
    <table className="key-value">
      <tbody>
        {pairs.map(([name, text], index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: two names may read alike once cut.
          <tr key={index}>
            <th scope="row">{name}</th>
            <td>{text}</td>
          </tr>
        ))}
        {length > pairs.length && (
          <tr>
            <td colSpan={2} className="muted">
              …{length} in all
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
