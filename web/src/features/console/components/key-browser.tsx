import { useEffect, useState } from 'react';
import type { KeyView } from '../api/get-keys.ts';
import { useConsole } from '../console-context.tsx';

/** The keys in the learner's sandbox, with type, TTL counting down and value. Learner data: text. */
export function KeyBrowser() {
  const { keys, changes } = useConsole();
  const [loaded, setLoaded] = useState<{ keys: KeyView[]; at: number }>();
  const [error, setError] = useState<string>();
  const [now, setNow] = useState(Date.now());

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload whenever the keys may have changed.
  useEffect(() => {
    let current = true;
    keys().then(
      (list) => {
        if (!current) return;
        setLoaded({ keys: list, at: Date.now() });
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
          <li key={view.key} className="key-view">
            <div className="key-head">
              <code className="key-name">{view.key}</code>
              <span className="muted">
                {view.type}
                {view.ttl !== null &&
                  ` · expires in ${Math.max(0, view.ttl - Math.floor((now - loaded.at) / 1000))} s`}
              </span>
            </div>
            <Value view={view} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function Value({ view: { key, value } }: { view: KeyView }) {
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
          <img src={`data:${value.mediaType};base64,${value.base64}`} alt={`Stored under ${key}`} />
          <figcaption className="muted">
            {value.mediaType}, {value.length} bytes
          </figcaption>
        </figure>
      );
    case 'hash':
      return <Pairs pairs={value.fields} />;
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
      return <Pairs pairs={value.members} />;
    case 'other':
      return <p className="key-value muted">a {value.type}</p>;
  }
}

/** A hash's fields and values, or a sorted set's members and scores. */
function Pairs({ pairs }: { pairs: [string, string][] }) {
  return (
    <table className="key-value">
      <tbody>
        {pairs.map(([name, text]) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            <td>{text}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
