/**
 * The unified diff of a text changed in one place (as a mutant changes a solution): one hunk,
 * with `context` unchanged lines around it. Nothing when the texts are equal.
 */
export function unifiedDiff(before: string, after: string, context = 1): string[] {
  const old = before.split('\n');
  const now = after.split('\n');
  let same = 0;
  while (same < old.length && same < now.length && old[same] === now[same]) same++;
  if (same === old.length && same === now.length) return [];
  let sameAtEnd = 0;
  while (
    sameAtEnd < old.length - same &&
    sameAtEnd < now.length - same &&
    old[old.length - 1 - sameAtEnd] === now[now.length - 1 - sameAtEnd]
  ) {
    sameAtEnd++;
  }
  const from = Math.max(0, same - context);
  const oldChanged = old.length - sameAtEnd;
  const nowChanged = now.length - sameAtEnd;
  const trailing = Math.min(sameAtEnd, context);
  return [
    `@@ -${range(from, oldChanged + trailing - from)} +${range(from, nowChanged + trailing - from)} @@`,
    ...old.slice(from, same).map((line) => ` ${line}`),
    ...old.slice(same, oldChanged).map((line) => `-${line}`),
    ...now.slice(same, nowChanged).map((line) => `+${line}`),
    ...old.slice(oldChanged, oldChanged + trailing).map((line) => ` ${line}`),
  ];
}

/** `start,count` as diff prints it: 1-based, the count left out when 1, the line before when 0. */
function range(start: number, count: number): string {
  if (count === 1) return `${start + 1}`;
  return count === 0 ? `${start},0` : `${start + 1},${count}`;
}
