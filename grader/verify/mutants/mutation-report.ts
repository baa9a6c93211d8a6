import type { ExerciseMutants, MutantOutcome } from './mutation-run.ts';
import { unifiedDiff } from './unified-diff.ts';

export interface MutationScore {
  /** Every mutant made, whatever became of it. */
  total: number;
  killed: number;
  survivors: MutantOutcome[];
  /** Refused by TypeScript: killed, but left out of the score. */
  compileErrors: number;
  /** Listed in exercise.md as equivalent: left out of the score. */
  equivalent: number;
  /** killed / (total − compile errors − equivalent), from 0 to 1; none when nothing is left. */
  score: number | undefined;
}

export function scoreOf({ outcomes, equivalentMutants }: ExerciseMutants): MutationScore {
  const listed = new Set(equivalentMutants.map(({ id }) => id));
  const scored = outcomes.filter(({ mutant }) => !listed.has(mutant.id));
  const killed = scored.filter(({ verdict }) => verdict.status === 'killed').length;
  const survivors = scored.filter(({ verdict }) => verdict.status === 'survived');
  const graded = killed + survivors.length;
  return {
    total: outcomes.length,
    killed,
    survivors,
    compileErrors: scored.length - graded,
    equivalent: outcomes.length - scored.length,
    score: graded === 0 ? undefined : killed / graded,
  };
}

/** `87%`, rounded down: an exercise shown at 90% never scores below 90. */
export function percent(score: number): string {
  return `${Math.floor(score * 100)}%`;
}

/** An exercise's score, each survivor as a diff against solution.ts, and notes on its list. */
export function formatExercise(result: ExerciseMutants, minScore: number): string[] {
  const folder = `exercises/${result.id}`;
  if (result.problem !== undefined) return [`FAIL ${folder}: ${result.problem}`];
  const { total, killed, survivors, compileErrors, equivalent, score } = scoreOf(result);
  const low = score !== undefined && score * 100 < minScore;
  const left = [
    compileErrors > 0 ? `${compileErrors} compile error${compileErrors === 1 ? '' : 's'}` : '',
    equivalent > 0 ? `${equivalent} equivalent` : '',
  ].filter(Boolean);
  const lines = [
    `${low ? 'LOW ' : 'ok  '} ${folder}: ${score === undefined ? 'no mutant to score' : percent(score)}, ${killed} of ${killed + survivors.length} mutants killed (${total} made${left.length > 0 ? `; ${left.join(', ')}` : ''})`,
  ];
  for (const { mutant } of survivors) {
    lines.push(`       survived ${mutant.id}  ${mutant.mutatorName}, line ${mutant.line}`);
    lines.push(...unifiedDiff(result.solution, mutant.source).map((line) => `         ${line}`));
  }
  const made = new Map(result.outcomes.map((outcome) => [outcome.mutant.id, outcome]));
  for (const { id } of result.equivalentMutants) {
    const outcome = made.get(id);
    if (!outcome) {
      lines.push(`       note: no mutant has the id ${id} now: remove it from equivalentMutants`);
    } else if (outcome.verdict.status === 'killed') {
      lines.push(
        `       note: ${id} is listed as equivalent, but the checks kill it (${outcome.verdict.by}): remove it from equivalentMutants`,
      );
    }
  }
  return lines;
}
