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
 * `rounds` rounds; in each, every poisoner submits the probe with its poison, each followed at
 * once by a right submission: the probe's reference, or the next exercise's reference solution.
 */
export function poisonedClass(rounds: number): Submission[] {
  const probe = readFileSync(join(PROBE, 'solution.ts'), 'utf8');
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
      submissions.push({
        learner: `poisoner-${kind}-${round}`,
        exercise: PROBE_EXERCISE,
        source: poisoned(probe, poison),
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
  return submissions;
}

/** The probe with a poison at the end of each export, after its work and before it returns. */
function poisoned(probe: string, poison: string): string {
  const withPoison = probe.replace(/\n {2}return /g, `\n  ${poison}\n  return `);
  if (withPoison === probe) throw new Error('the probe solution changed: no return to poison');
  return withPoison;
}
