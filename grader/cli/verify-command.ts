import { parseArgs } from 'node:util';
import { MAX_SEED } from '../checks/random.ts';
import { exerciseIds } from '../content/exercise-ids.ts';
import { COURSE_OPTION_USAGE, courseDirOption } from './course-option.ts';
import { UsageError } from './exit-codes.ts';
import { integerSetting } from './integer-setting.ts';

/** The share of each exercise's mutants its checks must kill, unless --min-score says another. */
const DEFAULT_MIN_SCORE = 90;

export const VERIFY_USAGE = `Usage: keyspace verify [<exercise>...] [--only <exercise>]... [--seed N] [--course DIR]
       keyspace verify --mutants [<exercise>...] [--min-score N] [--course DIR]

Proves a course: every solution and right/ solution passes five runs, every starter
fails, every wrong/ solution fails the check it names (or ends in error, for
\`// fails: error\`), every runnable block runs and prints what the lesson shows, every
exercise belongs to a lesson, every link and image resolves. Exits 0 when all holds,
3 when the course has problems (each printed with its file, and the seed of the
grading that showed it), 64 on a usage error.
  <exercise>, --only <exercise>
            verify only these exercises, one id per argument or --only (both repeat):
            their solution, right/, starter, wrong/ and run:, and no lesson
  --seed    every grading's random data from seed N (0 to ${MAX_SEED}), to replay
            a failure verify printed (default: a fresh seed for each grading)
  --mutants proves the checks instead: grades small changes of each solution (mutants)
            and prints each that no check fails; exits 3 when an exercise's checks kill
            less than --min-score percent of them (default ${DEFAULT_MIN_SCORE})
${COURSE_OPTION_USAGE}`;

export async function verifyCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      course: { type: 'string' },
      only: { type: 'string', multiple: true },
      seed: { type: 'string' },
      mutants: { type: 'boolean' },
      'min-score': { type: 'string' },
      help: { type: 'boolean' },
    },
    allowPositionals: true,
  });
  if (values.help) {
    process.stdout.write(`${VERIFY_USAGE}\n`);
    return 0;
  }
  const seed =
    values.seed === undefined ? undefined : integerSetting('--seed', values.seed, 0, MAX_SEED);
  const courseDir = await courseDirOption(values.course);
  const only = await onlyOption(courseDir, [...positionals, ...(values.only ?? [])]);
  if (values.mutants) {
    const text = values['min-score'];
    const minScore =
      text === undefined ? DEFAULT_MIN_SCORE : integerSetting('--min-score', text, 0, 100);
    // Stryker and TypeScript load only for this.
    const { verifyMutants } = await import('../verify/mutants/verify-mutants.ts');
    const ids = only ?? (await exerciseIds(courseDir));
    return verifyMutants({ courseDir, exerciseIds: ids, minScore });
  }
  if (values['min-score'] !== undefined) throw new UsageError('--min-score goes with --mutants');

  // The grader and its sandboxes load only now: --help and a usage error answer without them.
  const { verifyAndPrint } = await import('./verify-and-print.ts');
  return verifyAndPrint({ courseDir, only, seed });
}

/**
 * The exercises named as arguments or with --only, without repeats; undefined when none is.
 * A name that is no exercise folder is a usage error that lists those there are.
 */
async function onlyOption(courseDir: string, named: string[]): Promise<string[] | undefined> {
  if (named.length === 0) return undefined;
  const known = await exerciseIds(courseDir);
  const unknown = named.filter((id) => !known.includes(id));
  if (unknown.length > 0) {
    throw new UsageError(
      `no exercise named ${unknown.map((id) => `'${id}'`).join(' or ')} in this course: its exercises are ${known.join(', ') || 'none'}`,
    );
  }
  return [...new Set(named)];
}
