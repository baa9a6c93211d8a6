/** A row of the key browser: a key of its own, or the keys that share a prefix, folded together. */
export type KeyRow<T extends { key: string }> =
  | { kind: 'key'; view: T }
  | { kind: 'group'; prefix: string; views: T[] };

/** A key's prefix: the part before its first `:` (user:1 → user), none without one. */
export function prefixOf(key: string): string | undefined {
  const colon = key.indexOf(':');
  return colon > 0 ? key.slice(0, colon) : undefined;
}

/**
 * The keys as the browser lists them: those with a prefix gathered in one group per prefix, each
 * group where `prefix:` sorts among the keys, and every key in the order of its name's code units
 * (as the server sorts a page).
 */
export function groupByPrefix<T extends { key: string }>(views: readonly T[]): KeyRow<T>[] {
  const sorted = [...views].sort((a, b) => compare(a.key, b.key));
  const rows: KeyRow<T>[] = [];
  const groups = new Map<string, T[]>();
  for (const view of sorted) {
    const prefix = prefixOf(view.key);
    if (prefix === undefined) {
      rows.push({ kind: 'key', view });
      continue;
    }
    const group = groups.get(prefix);
    if (group) {
      group.push(view);
    } else {
      const fresh = [view];
      groups.set(prefix, fresh);
      rows.push({ kind: 'group', prefix, views: fresh });
    }
  }
  return rows.sort((a, b) => compare(nameOf(a), nameOf(b)));
}

function nameOf(row: KeyRow<{ key: string }>): string {
  return row.kind === 'key' ? row.view.key : `${row.prefix}:`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The SCAN MATCH pattern of a filter as typed: itself if it holds a glob character (`*`, `?`,
 * `[`), else any key containing it, its `\` and `]` taken as themselves; none if it is empty.
 */
export function patternOf(filter: string): string | undefined {
  if (filter === '') return undefined;
  if (/[*?[]/.test(filter)) return filter;
  return `*${filter.replace(/[\\\]]/g, '\\$&')}*`;
}
