import { exerciseIds } from '../content/exercise-ids.ts';
import { readSettings } from '../settings/read-settings.ts';
import { commandUsage } from '../settings/usage.ts';
import { courseDirOption } from './course-option.ts';
import { UsageError } from './exit-codes.ts';

export const VERIFY_USAGE = commandUsage('verify', {
  synopsis: [
    'keyspace verify [<exercise>...] [--only ID]... [--seed N] [--course DIR]',
    'keyspace verify --mutants [<exercise>...] [--min-score N] [--course DIR]',
  ],
  about: `Proves a course: every solution and right/ solution passes five runs, every starter
fails, every wrong/ solution fails the check it names (or ends in error, for
\`// fails: error\`), every runnable block runs and prints what the lesson shows, every
exercise belongs to a lesson, every link and image resolves. Exits 0 when all holds,
3 when the course has problems (each printed with its file, and the seed of the
grading that showed it), 64 on a usage error.`,
});

export async function verifyCommand(argv: string[]): Promise<number> {
  const read = readSettings('verify', argv);
  if (read.help) {
    process.stdout.write(`${VERIFY_USAGE}\n`);
    return 0;
  }
  const { settings, positionals, givenBy } = read;
  const courseDir = await courseDirOption(settings.course);
  const only = await onlyOption(courseDir, [...positionals, ...settings.only]);
  if (settings.mutants) {
    // Stryker and TypeScript load only for this.
    const { verifyMutants } = await import('../verify/mutants/verify-mutants.ts');
    const ids = only ?? (await exerciseIds(courseDir));
    return verifyMutants({ courseDir, exerciseIds: ids, minScore: settings.minScore });
  }
  if (givenBy.has('minScore')) throw new UsageError('--min-score goes with --mutants');

  // The grader and its sandboxes load only now: --help and a usage error answer without them.
  const { verifyAndPrint } = await import('./verify-and-print.ts');
  return verifyAndPrint({ courseDir, only, seed: settings.seed });
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
