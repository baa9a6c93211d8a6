// npm run bench [-- exercise…] — grading speed, printed as figures (never asserted: machines are noisy).
//
// For each exercise of the course, in one run:
//   keyspace  a warm Grader (worker processes, isolates, sandbox pool), one grading at a time
//             back to back, then as many as it takes at once to measure throughput;
//   idle      the same grader, one grading at a time with a pause before each, as learners'
//             Submits reach it;
//   floor     the same Redis commands, sent by a plain ioredis client (bench/replay-floor.ts: one
//             grading recorded with MONITOR, replayed in the same round trips);
//   naive     the SPEC's naive baseline: a fresh node process grades the solution once, with the
//             engine, against a fresh redis-server, each time (bench/naive-grade.ts);
//   replay    the floor's replay from a fresh node process to a fresh redis-server each time: a
//             bound no grader that starts afresh can beat, since it runs no check.
// Ratios compare within this run only.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DEFAULT_COURSE_DIR, Grader, loadLessons } from '../grader/index.ts';
import { SandboxServer } from '../grader/redis/sandbox-server.ts';
import { DEFAULT_LIMITS } from '../grader/runner/limits.ts';
import { type GradeJob, runSubmission } from '../grader/runner/run-submission.ts';
import { loadAtEnd, machineLine } from './machine.ts';
import { type Recording, Replayer, recordGrading, roundTrips } from './replay-floor.ts';

const run = promisify(execFile);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const NAIVE_RUNS = Number(process.env.BENCH_NAIVE_RUNS ?? 10);
const NAIVE_GRADE = fileURLToPath(new URL('./naive-grade.ts', import.meta.url));
const NAIVE_REPLAY = fileURLToPath(new URL('./naive-replay.ts', import.meta.url));

interface Latency {
  p50: number;
  p99: number;
}

interface Figures extends Latency {
  perSecond: number;
}

/**
 * Between two gradings at the idle pace, the grader has nothing to do: as between learners'
 * Submits, which come seconds apart. Its workers make the next run's isolates then (see
 * LearnerIsolate.prepareSpares), which back to back they make while the grading waits.
 */
const IDLE_GAP_MS = 50;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Latency one at a time for `seconds`, each `gapMs` after the one before ended. */
async function latency(
  once: () => Promise<unknown>,
  gapMs = 0,
  seconds = SECONDS,
): Promise<Latency> {
  const latencies: number[] = [];
  const until = performance.now() + seconds * 1000;
  while (performance.now() < until) {
    if (gapMs > 0) await new Promise((resolve) => setTimeout(resolve, gapMs));
    const started = performance.now();
    await once();
    latencies.push(performance.now() - started);
  }
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

/** Latency back to back, after a warm-up, then throughput with `parallel` at once. */
async function measure(
  once: () => Promise<unknown>,
  parallel: number,
  seconds = SECONDS,
): Promise<Figures> {
  for (let i = 0; i < 20; i++) await once();
  const backToBack = await latency(once, 0, seconds);
  let done = 0;
  const throughputStart = performance.now();
  const stop = throughputStart + seconds * 1000;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (performance.now() < stop) {
        await once();
        done += 1;
      }
    }),
  );
  return {
    ...backToBack,
    perSecond: done / ((performance.now() - throughputStart) / 1000),
  };
}

const fmt = (ms: number) => `${ms.toFixed(2)} ms`;
const row = (name: string, f: Latency & { perSecond?: number }) =>
  `  ${name.padEnd(9)} p50 ${fmt(f.p50).padStart(11)}   p99 ${fmt(f.p99).padStart(11)}${f.perSecond === undefined ? '' : `   ${f.perSecond.toFixed(1).padStart(8)} gradings/s`}`;

const ratio = (a: number, b: number) => `${(a / b).toFixed(a / b < 10 ? 1 : 0)}x`;

/** The floor, the naive baseline and the naive replay of one recorded grading. */
async function references(id: string, job: GradeJob, recording: Recording) {
  const { socketPath, graderPassword } = floorServer.address;
  const replayer = await Replayer.connect(
    { path: socketPath, username: 'grader', password: graderPassword },
    recording.batches,
  );
  // One Redis, one client: the floor runs one grading at a time, as a single learner would.
  const floor = await measure(() => replayer.replay(recording.batches), 1).finally(() =>
    replayer.close(),
  );
  const recordingPath = join(recordings, `${id}.json`);
  await writeFile(recordingPath, JSON.stringify(recording.batches));
  const jobPath = join(recordings, `${id}-job.json`);
  const naive = await freshProcesses(async (sandbox) => {
    await writeFile(jobPath, JSON.stringify({ ...job, sandbox }));
    return [NAIVE_GRADE, jobPath];
  });
  const replay = await freshProcesses(async ({ socketPath, graderPassword }) => [
    NAIVE_REPLAY,
    recordingPath,
    socketPath,
    graderPassword,
  ]);
  return { floor, naive, replay, recording };
}

/** NAIVE_RUNS times, one after another: a fresh redis-server and a fresh node process running a script. */
async function freshProcesses(
  script: (sandbox: SandboxServer['address']) => Promise<string[]>,
): Promise<Figures> {
  const latencies: number[] = [];
  const started = performance.now();
  for (let i = 0; i < NAIVE_RUNS; i++) {
    const runStarted = performance.now();
    const server = await SandboxServer.start();
    try {
      await run(process.execPath, ['--import', 'tsx', ...(await script(server.address))]);
    } finally {
      await server.stop();
    }
    latencies.push(performance.now() - runStarted);
  }
  latencies.sort((a, b) => a - b);
  return {
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    perSecond: (NAIVE_RUNS / (performance.now() - started)) * 1000 * cores,
  };
}

const cores = availableParallelism();
const course = (await loadLessons(DEFAULT_COURSE_DIR)).flatMap((lesson) => lesson.exercises);
// `npm run bench -- set-and-get leaderboard` measures only those.
const chosen = process.argv.slice(2);
const unknown = chosen.filter((id) => !course.includes(id));
if (unknown.length > 0) {
  console.error(`no such exercise: ${unknown.join(', ')} (the course has ${course.join(', ')})`);
  process.exit(64);
}
const exercises = chosen.length > 0 ? chosen : course;
const grader = await Grader.start({ concurrency: Number(process.env.BENCH_WORKERS ?? cores) });
const floorServer = await SandboxServer.start();
const recordings = await mkdtemp(join(tmpdir(), 'keyspace-bench-'));
console.log(machineLine());
console.log(`Keyspace grading benchmark: ${SECONDS} s per measure, ${NAIVE_RUNS} naive runs\n`);

try {
  for (const id of exercises) {
    const exercise = await grader.exercise(id);
    const gradeSolution = async () => {
      const result = await grader.grade(id, exercise.solution);
      if (result.status !== 'pass')
        throw new Error(`${id}: the solution did not pass: ${JSON.stringify(result)}`);
    };
    const keyspace = await measure(gradeSolution, cores * 2);
    const idle = await latency(gradeSolution, IDLE_GAP_MS);

    // The grading to replay: the solution, recorded warm (with seed 1: the rows above draw theirs).
    const job = {
      exerciseId: id,
      checksPath: exercise.checksPath,
      fixturesDir: exercise.fixturesDir,
      source: exercise.solution,
      file: 'solution.ts',
      sandbox: floorServer.address,
      limits: { ...DEFAULT_LIMITS, ...exercise.limits },
      seed: 1,
    };
    let measured: Awaited<ReturnType<typeof references>> | { unrecorded: string };
    try {
      for (let i = 0; i < 3; i++) await runSubmission(job);
      measured = await references(id, job, await recordGrading(job, floorServer));
    } catch (error) {
      measured = { unrecorded: error instanceof Error ? error.message : String(error) };
    }

    console.log(`${id}`);
    console.log(row('keyspace', keyspace));
    console.log(`${row('idle', idle)}   (one at a time, ${IDLE_GAP_MS} ms apart)`);
    if ('unrecorded' in measured) {
      console.log(`  floor and naive: not measured (${measured.unrecorded})`);
    } else {
      const { floor, naive, replay, recording } = measured;
      console.log(row('floor', floor));
      console.log(row('naive', naive));
      console.log(row('replay', replay));
      console.log(
        `  ratios    keyspace/floor p50 ${ratio(keyspace.p50, floor.p50)} (idle ${ratio(idle.p50, floor.p50)})   naive/keyspace p50 ${ratio(naive.p50, keyspace.p50)}   replay/keyspace p50 ${ratio(replay.p50, keyspace.p50)}`,
      );
      const waits =
        recording.waitedMs > 0
          ? `; the grading also waited ${recording.waitedMs.toFixed(0)} ms in real time (the least of 3 recordings), which the floor does not: keyspace/(floor + waits) p50 ${ratio(keyspace.p50, floor.p50 + recording.waitedMs)}`
          : '';
      console.log(
        `  (the floor sends the grading's ${recording.batches.flat().length} commands in ${roundTrips(recording.batches)} round trips${waits})`,
      );
    }
    console.log('');
  }
} finally {
  await floorServer.stop();
  await grader.stop();
  await rm(recordings, { recursive: true, force: true });
}
console.log(loadAtEnd());
