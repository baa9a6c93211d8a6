import { Grader } from '../grader.ts';
import { SandboxServer } from '../redis/sandbox-server.ts';
import { verifyConcurrency } from '../verify/verify-concurrency.ts';
import { type Problem, verifyCourse } from '../verify/verify-course.ts';
import { EXIT } from './exit-codes.ts';

export interface VerifyRun {
  courseDir: string;
  /** Only these exercises, and no lesson; the whole course when undefined. */
  only: string[] | undefined;
  seed: number | undefined;
}

/**
 * `keyspace verify`'s work: starts a sandbox and a grader, verifies, prints a line per lesson and
 * exercise as it is checked, then every problem and warning with its file and line. Exits 0 when
 * the course holds (warnings aside), 3 otherwise.
 */
export async function verifyAndPrint({ courseDir, only, seed }: VerifyRun): Promise<number> {
  const started = performance.now();
  const sandbox = await SandboxServer.start();
  const grader = await Grader.start({ courseDir, concurrency: verifyConcurrency() }).catch(
    async (error: unknown) => {
      await sandbox.stop();
      throw error;
    },
  );
  let found: Problem[];
  let lessons = 0;
  let exercises = 0;
  try {
    found = await verifyCourse({
      courseDir,
      grader,
      sandbox,
      only,
      seed,
      onChecked: (what, count) => {
        if (what.startsWith('lessons/')) lessons += 1;
        else exercises += 1;
        process.stdout.write(`${count === 0 ? 'ok  ' : 'FAIL'} ${what}\n`);
      },
    });
  } finally {
    await Promise.all([grader.stop(), sandbox.stop()]);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const verified = only ? only.join(', ') : 'the course';
  const warnings = found.filter((problem) => problem.warning);
  const problems = found.filter((problem) => !problem.warning);
  if (warnings.length > 0) {
    process.stdout.write('\n');
    for (const warning of warnings) process.stdout.write(`warning: ${describe(warning)}\n`);
  }
  if (problems.length === 0) {
    process.stdout.write(
      only
        ? `\n${verified} ${only.length === 1 ? 'holds' : 'hold'}: ${counted(exercises, 'exercise')} verified in ${seconds} s (no lesson: run keyspace verify alone for those).\n`
        : `\nThe course holds: ${counted(lessons, 'lesson')} and ${counted(exercises, 'exercise')} verified in ${seconds} s.\n`,
    );
    return 0;
  }
  process.stdout.write('\n');
  for (const problem of problems) process.stdout.write(`${describe(problem)}\n`);
  process.stdout.write(`\n${counted(problems.length, 'problem')} in ${verified} (${seconds} s).\n`);
  if (seed === undefined && found.some((problem) => problem.seed !== undefined)) {
    process.stdout.write(
      'Replay a grading with the seed beside it: keyspace verify <exercise> --seed <seed>\n',
    );
  }
  return EXIT.content;
}

/** `file:line: message (seed N)`, as editors and terminals link it. */
function describe({ file, line, message, seed }: Problem): string {
  return `${file}${line === undefined ? '' : `:${line}`}: ${message}${seed === undefined ? '' : ` (seed ${seed})`}`;
}

/** `1 lesson`, `2 lessons`. */
function counted(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
