// `npm run bench:compare -- <revision> [exercise …]`: this tree's grader against another
// revision's, in one process, their gradings taking turns, so that both meet the same machine.
// On a shared machine a figure taken minutes apart moves more than most changes do; taken in
// turns, the ratio holds. Each exercise's solution is graded by each side's own course.

import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as pause } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DEFAULT_COURSE_DIR, Grader, loadLessons } from '../grader/index.ts';
import { cpuSnapshot } from './load/cpu.ts';
import { percentile } from './load/recorder.ts';
import { loadAtEnd, machineLine } from './machine.ts';

/** Turns each side takes per exercise, and gradings a turn. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const PER_TURN = Number(process.env.BENCH_PER_TURN ?? 3);
/** After a turn, before its CPU is read: the workers make the next run's isolates meanwhile. */
const SETTLE_MS = 100;

interface Side {
  name: string;
  grader: Grader;
  walls: number[];
  cpuSeconds: number;
}

const [revision, ...chosen] = process.argv.slice(2);
if (!revision) {
  console.error('usage: npm run bench:compare -- <git revision> [exercise …]');
  process.exit(64);
}
const course = (await loadLessons(DEFAULT_COURSE_DIR)).flatMap((lesson) => lesson.exercises);
const unknown = chosen.filter((id) => !course.includes(id));
if (unknown.length > 0) {
  console.error(`no such exercise: ${unknown.join(', ')} (the course has ${course.join(', ')})`);
  process.exit(64);
}
const exercises = chosen.length > 0 ? chosen : course;

const root = fileURLToPath(new URL('..', import.meta.url));
const other = await mkdtemp(join(tmpdir(), 'keyspace-compare-'));
execFileSync('git', ['-C', root, 'worktree', 'add', '--quiet', '--detach', other, revision], {
  stdio: 'inherit',
});
const sides: Side[] = [];
try {
  await symlink(join(root, 'node_modules'), join(other, 'node_modules'));
  const theirs = (await import(pathToFileURL(join(other, 'grader/index.ts')).href)) as {
    Grader: typeof Grader;
    DEFAULT_COURSE_DIR: string;
  };
  sides.push(
    {
      name: revision,
      grader: await theirs.Grader.start({ courseDir: theirs.DEFAULT_COURSE_DIR, concurrency: 1 }),
      walls: [],
      cpuSeconds: 0,
    },
    { name: 'this tree', grader: await Grader.start({ concurrency: 1 }), walls: [], cpuSeconds: 0 },
  );
  console.log(machineLine());
  console.log(
    `Keyspace compare: ${revision} against this tree, ${ROUNDS} turns each of ${PER_TURN} gradings an exercise, one at a time; CPU is this process's and its workers' and Redis servers' during a side's turn\n`,
  );
  for (const id of exercises) {
    await compare(id).catch((error: unknown) => {
      console.log(`${id}\n  not compared: ${error instanceof Error ? error.message : error}`);
    });
  }
  console.log(loadAtEnd());
} finally {
  await Promise.all(sides.map((side) => side.grader.stop()));
  execFileSync('git', ['-C', root, 'worktree', 'remove', '--force', other]);
  await rm(other, { recursive: true, force: true });
}

async function compare(id: string): Promise<void> {
  const solutions = await Promise.all(
    sides.map(async (side) => (await side.grader.exercise(id)).solution),
  );
  for (const side of sides) {
    side.walls = [];
    side.cpuSeconds = 0;
  }
  const failed: string[] = [];
  const grade = async (index: number, seed: number) => {
    const side = sides[index] as Side;
    const started = performance.now();
    const result = await side.grader.grade(id, solutions[index] as string, { seed });
    if (result.status !== 'pass') failed.push(`${side.name}: ${result.status} (seed ${seed})`);
    return performance.now() - started;
  };
  for (const index of sides.keys()) for (let seed = 1; seed <= 2; seed++) await grade(index, seed);
  for (let round = 0; round < ROUNDS; round++) {
    // ABBA: neither side always goes first after the other's spares.
    for (const index of round % 2 === 0 ? [0, 1] : [1, 0]) {
      const side = sides[index] as Side;
      await pause(SETTLE_MS);
      const before = cpuSnapshot({ bench: process.pid }).trees.bench ?? 0;
      for (let turn = 0; turn < PER_TURN; turn++) {
        side.walls.push(await grade(index, 100 + round * PER_TURN + turn));
      }
      await pause(SETTLE_MS);
      side.cpuSeconds += (cpuSnapshot({ bench: process.pid }).trees.bench ?? 0) - before;
    }
  }
  const [theirs, ours] = sides as [Side, Side];
  const cpu = (side: Side) => (side.cpuSeconds * 1000) / side.walls.length;
  const line = (side: Side) =>
    `  ${side.name.padEnd(12)} p50 ${median(side.walls).toFixed(1).padStart(8)} ms   CPU ${cpu(side).toFixed(1).padStart(8)} ms a grading`;
  console.log(id);
  console.log(line(theirs));
  console.log(line(ours));
  console.log(
    `  this tree ÷ ${revision}: CPU ${(cpu(ours) / cpu(theirs)).toFixed(2)}×, p50 ${(median(ours.walls) / median(theirs.walls)).toFixed(2)}×`,
  );
  for (const failure of failed) console.log(`  did not pass: ${failure}`);
}

function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}
