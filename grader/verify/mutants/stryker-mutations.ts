import { Instrumenter } from '@stryker-mutator/instrumenter';
import type { Mutation } from './mutant.ts';

// The instrumenter logs each file it instruments; verify prints its own report instead.
const silent = () => {};
const quietLogger = {
  isTraceEnabled: () => false,
  isDebugEnabled: () => false,
  isInfoEnabled: () => false,
  isWarnEnabled: () => false,
  isErrorEnabled: () => false,
  isFatalEnabled: () => false,
  trace: silent,
  debug: silent,
  info: silent,
  warn: silent,
  error: silent,
  fatal: silent,
};

/**
 * Stryker's generic mutations of a TypeScript source (operators, conditions, literals, blocks),
 * as edits of its text. Stryker places every mutant in one instrumented file at once; only its
 * list is used here, each mutant to be applied alone.
 */
export async function strykerMutations(source: string): Promise<Mutation[]> {
  const { mutants } = await new Instrumenter(quietLogger).instrument(
    [{ name: 'solution.ts', content: source, mutate: true }],
    { plugins: null, excludedMutations: [], ignorers: [], noHeader: true },
  );
  const lineStarts = [0];
  for (let at = source.indexOf('\n'); at !== -1; at = source.indexOf('\n', at + 1)) {
    lineStarts.push(at + 1);
  }
  // Stryker's lines count from 0, its columns too.
  const offset = ({ line, column }: { line: number; column: number }) =>
    (lineStarts[line] ?? source.length) + column;
  return mutants
    .filter((mutant) => mutant.status !== 'Ignored')
    .map((mutant) => ({
      mutatorName: mutant.mutatorName,
      start: offset(mutant.location.start),
      end: offset(mutant.location.end),
      replacement: mutant.replacement,
    }));
}
