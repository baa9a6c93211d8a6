import { createHash } from 'node:crypto';
import { MAX_SEED } from '../../checks/random.ts';
import { EXIT } from '../../cli/exit-codes.ts';
import { Grader } from '../../grader.ts';
import { verifyConcurrency } from '../verify-concurrency.ts';
import { formatExercise, percent, scoreOf } from './mutation-report.ts';
import { runMutants } from './mutation-run.ts';
import { defaultCacheDir, VerdictCache } from './verdict-cache.ts';

export interface VerifyMutantsOptions {
  courseDir: string;
  exerciseIds: readonly string[];
  /** In percent, 0 to 100. */
  minScore: number;
  cacheDir?: string;
  /** Worker processes of the grader; verifyConcurrency() by default. */
  concurrency?: number;
  write?: (text: string) => void;
}

/**
 * `keyspace verify --mutants`: proves the checks by grading small changes of each solution.
 * Exits 3 when an exercise kills less than `minScore` percent of its mutants, or cannot be tried.
 */
export async function verifyMutants(options: VerifyMutantsOptions): Promise<number> {
  const write = options.write ?? ((text: string) => process.stdout.write(text));
  const started = performance.now();
  const concurrency = options.concurrency ?? verifyConcurrency();
  const cache = new VerdictCache(options.cacheDir ?? defaultCacheDir());
  // Started at the first mutant the cache does not know: none, when nothing changed.
  let grader: Promise<Grader> | undefined;
  let results: Awaited<ReturnType<typeof runMutants>>;
  try {
    results = await runMutants({
      courseDir: options.courseDir,
      grade: async (id, source) => {
        grader ??= Grader.start({ courseDir: options.courseDir, concurrency });
        // A mutant's verdict is its first check that does not pass: the rest need not run.
        return (await grader).grade(id, source, {
          seed: seedOf(source),
          stop: { atFailure: true },
        });
      },
      exerciseIds: options.exerciseIds,
      cache,
      concurrency,
      onExercise: (result) => write(`${formatExercise(result, options.minScore).join('\n')}\n`),
    });
  } finally {
    await (await grader)?.stop();
  }

  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const outcomes = results.flatMap((result) => result.outcomes);
  const cached = outcomes.filter((outcome) => outcome.cached).length;
  write(
    `\n${outcomes.length} mutants of ${results.length} exercise(s) judged in ${seconds} s, ${cached} of them from the cache (${cache.dir}).\n`,
  );
  const broken = results.filter((result) => result.problem !== undefined);
  const low = results.flatMap((result) => {
    const { score } = scoreOf(result);
    return score !== undefined && score * 100 < options.minScore
      ? [`${result.id} (${percent(score)})`]
      : [];
  });
  if (low.length > 0) {
    write(
      `Below ${options.minScore}%: ${low.join(', ')}. Strengthen a check so that it fails for each survivor, or list a survivor that behaves exactly as the solution under equivalentMutants in its exercise.md.\n`,
    );
  }
  if (broken.length > 0) {
    write(`Not tried: ${broken.map((result) => result.id).join(', ')} (see FAIL above).\n`);
  }
  if (low.length > 0 || broken.length > 0) return EXIT.content;
  write(`Every exercise's checks kill at least ${options.minScore}% of its mutants.\n`);
  return EXIT.pass;
}

/**
 * Each mutant's random data follows from its source: a verdict the cache keeps is the one the
 * same mutant gets again, rather than one draw of fixture data among many.
 */
function seedOf(source: string): number {
  return createHash('sha256').update(source).digest().readUInt32BE(0) & MAX_SEED;
}
