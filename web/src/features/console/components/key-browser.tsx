import { useEffect, useRef, useState } from 'react';
import type { KeyView } from '../../../../../contracts/index.ts';
import { useConsole } from '../console-context.tsx';
import { groupByPrefix, patternOf } from '../key-groups.ts';
import { KeyItem, type ShownKey } from './key-item.tsx';

interface Loaded {
  keys: ShownKey[];
  /** The cursor of the next page, or null when every key (that the filter finds) is shown. */
  next: string | null;
  /** When the first page came: a value's bytes read again are asked for anew. */
  at: number;
  /** The pattern these keys were found with. */
  match?: string;
}

/** How long typing may pause before the filter is asked of the server. */
const FILTER_DELAY_MS = 300;

/** A page's keys with when each expires, in this page's clock. */
const shownFrom = (keys: KeyView[], at: number): ShownKey[] =>
  keys.map((view) => ({ ...view, expiresAt: view.ttl === null ? null : at + view.ttl * 1000 }));

/**
 * The keys in the learner's sandbox, a page at a time, filtered by the server (SCAN MATCH) and
 * grouped by prefix (the part before the first `:`, groups fold), with type, TTL counting down
 * (a key leaves the list when it expires) and a short preview of each value; a key can be
 * deleted. Learner data: text.
 */
export function KeyBrowser() {
  const { keys, changes } = useConsole();
  const [loaded, setLoaded] = useState<Loaded>();
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string>();
  const [now, setNow] = useState(Date.now());
  const [filter, setFilter] = useState('');
  const [match, setMatch] = useState<string>();
  const [folded, setFolded] = useState<ReadonlySet<string>>(new Set());
  const [said, setSaid] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    const timer = setTimeout(() => setMatch(patternOf(filter)), FILTER_DELAY_MS);
    return () => clearTimeout(timer);
  }, [filter]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload whenever the keys may have changed.
  useEffect(() => {
    let current = true;
    keys(undefined, match).then(
      (page) => {
        if (!current) return;
        const at = Date.now();
        setLoaded({ keys: shownFrom(page.keys, at), next: page.next, at, match });
        setNow(at);
        setError(undefined);
      },
      (failure: Error) => current && setError(failure.message),
    );
    return () => {
      current = false;
    };
  }, [changes, match]);

  const visible = loaded?.keys.filter(({ expiresAt }) => expiresAt === null || expiresAt > now);
  const counting = visible?.some(({ expiresAt }) => expiresAt !== null);
  useEffect(() => {
    if (!counting) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [counting]);

  const loadMore = async () => {
    if (!loaded?.next) return;
    setLoadingMore(true);
    try {
      const page = await keys(loaded.next, loaded.match);
      setLoaded((before) => {
        if (!before || before.next !== loaded.next || before.match !== loaded.match) return before;
        // SCAN may return a key on two pages.
        const seen = new Set(before.keys.map(({ key }) => key));
        const added = page.keys.filter(({ key }) => !seen.has(key));
        return {
          ...before,
          keys: [...before.keys, ...shownFrom(added, Date.now())],
          next: page.next,
        };
      });
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setLoadingMore(false);
    }
  };

  const onDeleted = (key: string, message: string) => {
    setLoaded((before) => before && { ...before, keys: before.keys.filter((k) => k.key !== key) });
    setSaid(message);
    // Its row, and the focus with it, is gone: the list's heading has it next.
    heading.current?.focus();
  };

  const toggle = (prefix: string) =>
    setFolded((before) => {
      const after = new Set(before);
      if (!after.delete(prefix)) after.add(prefix);
      return after;
    });

  const item = (view: ShownKey) => (
    <KeyItem key={view.key} view={view} version={loaded?.at ?? 0} now={now} onDeleted={onDeleted} />
  );
  const filtered = loaded?.match !== undefined;

  return (
    <section className="key-browser" aria-labelledby="key-browser-title">
      <h2 id="key-browser-title" ref={heading} tabIndex={-1}>
        Keys in your Redis
      </h2>
      <div className="key-filter">
        <label htmlFor="key-filter">Filter</label>
        <input
          id="key-filter"
          type="search"
          value={filter}
          maxLength={256}
          placeholder="part of a name, or a pattern: user:*"
          onChange={(event) => setFilter(event.target.value)}
          spellCheck={false}
          autoComplete="off"
        />
      </div>
      <p className="visually-hidden" role="status">
        {said}
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {visible?.length === 0 && (
        <p className="muted">
          {!filtered
            ? 'No keys yet.'
            : loaded?.next
              ? 'No matching keys among those looked at so far.'
              : 'No keys match the filter.'}
        </p>
      )}
      <ul className="keys">
        {visible &&
          groupByPrefix(visible).map((row) => {
            if (row.kind === 'key') return item(row.view);
            const open = !folded.has(row.prefix);
            return (
              <li key={`group:${row.prefix}`} className="key-group">
                <button
                  type="button"
                  className="key-group-toggle"
                  aria-expanded={open}
                  onClick={() => toggle(row.prefix)}
                >
                  <span aria-hidden="true">{open ? '▾' : '▸'}</span> <code>{row.prefix}:</code>{' '}
                  <span className="muted">
                    {row.views.length} key{row.views.length === 1 ? '' : 's'}
                  </span>
                </button>
                {open && <ul className="keys">{row.views.map(item)}</ul>}
              </li>
            );
          })}
      </ul>
      {loaded?.next && (
        <button type="button" className="secondary" onClick={loadMore} disabled={loadingMore}>
          {loadingMore ? 'Loading keys…' : filtered ? 'Look through more keys' : 'Show more keys'}
        </button>
      )}
    </section>
  );
}
