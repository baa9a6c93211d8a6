/** The longest name worth comparing: anything longer is no typo of a command. */
const LONGEST_COMMAND = 24;

/**
 * The commands `typed` is likeliest a typo of ("GTE" → GET): those fewest edits away (a letter
 * added, dropped, changed, or two swapped), one edit for a short name and two for a longer one;
 * none if nothing is that close. Several when they are equally close.
 */
export function closestCommands(typed: string, names: readonly string[]): string[] {
  const word = typed.toUpperCase();
  if (word.length === 0 || word.length > LONGEST_COMMAND) return [];
  const allowed = word.length <= 4 ? 1 : 2;
  let best = allowed + 1;
  let found: string[] = [];
  for (const name of names) {
    if (Math.abs(name.length - word.length) > allowed) continue;
    const distance = editDistance(word, name);
    if (distance === 0) return [];
    if (distance < best) [best, found] = [distance, [name]];
    else if (distance === best) found.push(name);
  }
  return found.sort();
}

/** Optimal string alignment distance: Levenshtein's, with a swap of neighbours as one edit. */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => rows[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let distance = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        distance = Math.min(distance, at(i - 2, j - 2) + 1);
      }
      const row = rows[i];
      if (row) row[j] = distance;
    }
  }
  return at(a.length, b.length);
}

/**
 * What Redis names in "(error) ERR unknown command 'gte', with args beginning with: …" lines:
 * the commands it did not know, in upper case as commands are written, once each.
 */
export function unknownCommands(output: string): string[] {
  const names = [...output.matchAll(/^\(error\) ERR unknown command '(.*)', with args/gm)].map(
    ([, name]) => (name ?? '').toUpperCase(),
  );
  return [...new Set(names)];
}
