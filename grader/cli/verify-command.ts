import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { Grader } from '../grader.ts';
import { SandboxServer } from '../redis/sandbox-server.ts';
import { type Problem, verifyCourse } from '../verify/verify-course.ts';
import { COURSE_OPTION_USAGE, courseDirOption } from './course-option.ts';
import { EXIT, UsageError } from './exit-codes.ts';

export const VERIFY_USAGE = `Usage: keyspace verify [--course DIR]

Proves a course: every solution passes five runs, every starter fails, every wrong
solution fails the check it names, every runnable block runs and prints what the
lesson shows, every exercise belongs to a lesson, every link and image resolves.
Exits 0 when all holds, 3 when the course has problems (each printed with its file).
${COURSE_OPTION_USAGE}`;

export async function verifyCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { course: { type: 'string' }, help: { type: 'boolean' } },
    allowPositionals: true,
  });
  if (values.help) {
    process.stdout.write(`${VERIFY_USAGE}\n`);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(VERIFY_USAGE);
  const courseDir = await courseDirOption(values.course);

  const started = performance.now();
  const sandbox = await SandboxServer.start();
  const grader = await Grader.start({ courseDir, concurrency: availableParallelism() }).catch(
    async (error: unknown) => {
      await sandbox.stop();
      throw error;
    },
  );
  let problems: Problem[];
  let lessons = 0;
  let exercises = 0;
  try {
    problems = await verifyCourse({
      courseDir,
      grader,
      sandbox,
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
  if (problems.length === 0) {
    process.stdout.write(
      `\nThe course holds: ${counted(lessons, 'lesson')} and ${counted(exercises, 'exercise')} verified in ${seconds} s.\n`,
    );
    return 0;
  }
  process.stdout.write('\n');
  for (const { file, line, message } of problems) {
    process.stdout.write(`${file}${line === undefined ? '' : `:${line}`}: ${message}\n`);
  }
  process.stdout.write(`\n${counted(problems.length, 'problem')} in the course (${seconds} s).\n`);
  return EXIT.content;
}

/** `1 lesson`, `2 lessons`. */
function counted(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
