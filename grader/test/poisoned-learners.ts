// Learners whose code leaves every kind of connection state behind, interleaved with learners
// whose code is right: the reference solution of every exercise of the course, and a probe that
// uses what a connection's state changes (streams, Lua, functions, pipelines, transactions). A
// grader that lets any state cross from one grading to another fails one of the right ones.
import { cpSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('../../', import.meta.url).pathname;
const PROBE = join(ROOT, 'grader/test/course/exercises/state-probe');

/** The probe's exercise id in the course `courseWithProbe` makes. */
export const PROBE_EXERCISE = 'state-probe';

/** What each poisoner does after the probe's own work, on the client it was lent. */
export const POISONS: Record<string, string> = {
  'select-another-database': "await redis.call('SELECT', '1');",
  'select-database-0': "await redis.call('SELECT', '0');",
  'hello-2': "await redis.call('HELLO', '2');",
  'hello-3-setname': "await redis.call('HELLO', '3', 'SETNAME', 'poisoner');",
  'client-setname': "await redis.call('CLIENT', 'SETNAME', 'poisoner').catch(() => null);",
  'open-multi': "await redis.call('MULTI'); await redis.call('SET', 'queued', '1');",
  'watch-left': "await redis.watch('a', 'events', 'counter');",
  'subscriber-mode': "await redis.call('SUBSCRIBE', 'news').catch(() => null);",
  'lua-debugger':
    "await redis.call('SCRIPT', 'DEBUG', 'YES').catch(() => null); await redis.eval(\"return redis.call('SET', 'x', '1')\", 0).catch(() => null);",
  reset: "await redis.call('RESET').catch(() => null);",
  'blocked-forever': "void redis.blpop('never', 0);",
};

/** A copy of this repository's course with the probe exercise added. */
export function courseWithProbe(): string {
  const course = mkdtempSync(join(tmpdir(), 'keyspace-state-course-'));
  cpSync(join(ROOT, 'lessons'), join(course, 'lessons'), { recursive: true });
  cpSync(join(ROOT, 'exercises'), join(course, 'exercises'), { recursive: true });
  cpSync(PROBE, join(course, 'exercises', PROBE_EXERCISE), { recursive: true });
  return course;
}

export interface Submission {
  learner: string;
  exercise: string;
  source: string;
  /** Right code: it must pass, every time. */
  right: boolean;
}

/**
 * Where the poisons go: the probe, and an exercise whose checks send nothing that would make
 * the grader close the connection anyway (the probe's own MULTI does), so that what a poison
 * leaves would reach whoever is graded next.
 */
const POISONED_EXERCISES = [PROBE_EXERCISE, 'set-and-get'];

/**
 * `rounds` rounds; in each, every poisoner submits each poisoned exercise, each submission
 * followed at once by a right one: the probe's reference, or the next exercise's reference.
 */
export function poisonedClass(rounds: number): Submission[] {
  const probe = readFileSync(join(PROBE, 'solution.ts'), 'utf8');
  const poisonable = new Map(
    POISONED_EXERCISES.map((exercise) => [
      exercise,
      exercise === PROBE_EXERCISE
        ? probe
        : readFileSync(join(ROOT, 'exercises', exercise, 'solution.ts'), 'utf8'),
    ]),
  );
  const exercises = readdirSync(join(ROOT, 'exercises')).sort();
  const references = [
    ...exercises.map((exercise) => ({
      exercise,
      source: readFileSync(join(ROOT, 'exercises', exercise, 'solution.ts'), 'utf8'),
    })),
    { exercise: PROBE_EXERCISE, source: probe },
  ];
  const submissions: Submission[] = [];
  let next = 0;
  for (let round = 0; round < rounds; round++) {
    for (const [kind, poison] of Object.entries(POISONS)) {
      for (const [exercise, source] of poisonable) {
        submissions.push({
          learner: `poisoner-${kind}-${exercise}-${round}`,
          exercise,
          source: poisoned(source, poison),
          right: false,
        });
        const reference = references[next++ % references.length];
        if (!reference) throw new Error('no reference solutions');
        submissions.push({
          learner: `right-${reference.exercise}-${round}-${next}`,
          ...reference,
          right: true,
        });
      }
    }
  }
  return submissions;
}

/** A solution with a poison at the end of each export, after its work and before it returns. */
function poisoned(solution: string, poison: string): string {
  const withPoison = solution.replace(/\n {2}return /g, `\n  ${poison}\n  return `);
  if (withPoison === solution) throw new Error('the solution changed: no return to poison');
  return withPoison;
}
