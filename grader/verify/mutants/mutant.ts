import { createHash } from 'node:crypto';

/** One change to a source text: `replacement` in place of the characters from `start` to `end`. */
export interface Edit {
  start: number;
  end: number;
  replacement: string;
}

/** A proposed change before it is applied: what a mutator found. */
export interface Mutation extends Edit {
  mutatorName: string;
}

/** solution.ts with one small change, graded as if a learner had submitted it. */
export interface Mutant {
  /** Stable from run to run while the solution's line is unchanged: authors list it as equivalent. */
  id: string;
  mutatorName: string;
  /** 1-based line of solution.ts where the change starts. */
  line: number;
  original: string;
  replacement: string;
  /** The whole mutated solution. */
  source: string;
}

function applyMutation(solution: string, mutation: Mutation, occurrence = 0): Mutant {
  const { start, end, replacement, mutatorName } = mutation;
  const original = solution.slice(start, end);
  const line = solution.slice(0, start).split('\n').length;
  // Not the column: it moves when the author reformats the line. Two identical changes on one
  // line (two `await`s) are told apart by their order.
  const id = createHash('sha256')
    .update([mutatorName, String(line), original, replacement, String(occurrence)].join('\0'))
    .digest('hex')
    .slice(0, 8);
  return {
    id,
    mutatorName,
    line,
    original,
    replacement,
    source: solution.slice(0, start) + replacement + solution.slice(end),
  };
}

/**
 * Every mutation applied on its own, in source order; two mutators that make the same text count
 * once, and one that changes nothing does not count.
 */
export function mutantsOf(solution: string, mutations: readonly Mutation[]): Mutant[] {
  const sources = new Set<string>([solution]);
  const occurrences = new Map<string, number>();
  const mutants: Mutant[] = [];
  const ordered = [...mutations].sort((one, other) => one.start - other.start);
  for (const mutation of ordered) {
    const first = applyMutation(solution, mutation);
    if (sources.has(first.source)) continue;
    sources.add(first.source);
    const same = [first.mutatorName, first.line, first.original, first.replacement].join('\0');
    const occurrence = occurrences.get(same) ?? 0;
    occurrences.set(same, occurrence + 1);
    mutants.push(occurrence === 0 ? first : applyMutation(solution, mutation, occurrence));
  }
  return mutants;
}
