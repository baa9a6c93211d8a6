// npm run bench:load — many simulated learners against a real `keyspace start` on loopback,
// printed as figures (never asserted: machines are shared and noisy; compare ratios within a run).
//
// Each mode gets a fresh deployment, the same learners and the same choices (seeded):
//   inline  `keyspace start` as it comes: embedded Redis, gradings in the app's worker processes;
//   queue   KEYSPACE_GRADING=queue, a plain redis-server for REDIS_URL, and two `keyspace worker`s.
// A learner (bench/load/learner.ts) reads the course map, then for exercise after exercise: its
// lesson page, two of the lesson's console blocks, a draft saved, Run and Submit of wrong code,
// then of the solution, pausing before each action as its pace says (bench/load/pace.ts: a
// person's, or a stress test's 1–4 s). Learners start evenly over the ramp-up, act for the
// measured window, then start nothing new. Submit is timed to its result: in queue
// mode a 202 is polled every BENCH_POLL_MS (faster than the Retry-After: 1 a page would follow).
//
// Settings (environment):
//   BENCH_LEARNERS            learners (default 400: the SPEC's 2× headroom over a class of 200)
//   BENCH_PACE                class (default: a person's pace) or stress (every pause 1–4 s)
//   BENCH_SECONDS             the measured window (default 60)
//   BENCH_RAMP_SECONDS        the ramp-up before it, not in the tables (default 20)
//   BENCH_MODES               inline,queue (default both, in that order)
//   BENCH_WORKER_CONCURRENCY  gradings at once per `keyspace worker` (default the CPUs: two workers
//                             grade as many at once as inline mode's grader does)
//   BENCH_POLL_MS             queue mode: how often a 202 is polled (default 250)
//   BENCH_LOGS                a folder to write each process's output into, for a closer look
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadCourseMaterial } from './load/course-material.ts';
import { type CpuSnapshot, type CpuUse, cpuBetween, cpuSnapshot } from './load/cpu.ts';
import { type Deployment, type Mode, Started, startInline, startQueue } from './load/deployment.ts';
import { eventLoopDelay } from './load/event-loop.ts';
import { Learner } from './load/learner.ts';
import { describePace, isPaceName } from './load/pace.ts';
import { Recorder } from './load/recorder.ts';
import { type ModeResult, reportMode, reportSideBySide } from './load/report.ts';
import { loadAtEnd, machineLine } from './machine.ts';

const P99_TARGET_MS = 250;
const QUEUE_WORKERS = 2;

function settings() {
  const env = process.env;
  const problems: string[] = [];
  const whole = (name: string, fallback: number, min: number) => {
    const value = Number(env[name] ?? fallback);
    if (!Number.isInteger(value) || value < min) {
      problems.push(`${name} must be a whole number ≥ ${min}, not '${env[name]}'`);
    }
    return value;
  };
  const modes = (env.BENCH_MODES ?? 'inline,queue').split(',').map((mode) => mode.trim());
  for (const mode of modes) {
    if (mode !== 'inline' && mode !== 'queue') {
      problems.push(`BENCH_MODES lists 'inline' and/or 'queue', not '${mode}'`);
    }
  }
  const pace = env.BENCH_PACE ?? 'class';
  if (!isPaceName(pace)) problems.push(`BENCH_PACE is class or stress, not '${pace}'`);
  const chosen = {
    learners: whole('BENCH_LEARNERS', 400, 1),
    pace: isPaceName(pace) ? pace : 'class',
    seconds: whole('BENCH_SECONDS', 60, 1),
    rampSeconds: whole('BENCH_RAMP_SECONDS', 20, 0),
    modes: modes as Mode[],
    concurrency: whole('BENCH_WORKER_CONCURRENCY', availableParallelism(), 1),
    pollMs: whole('BENCH_POLL_MS', 250, 10),
    logs: env.BENCH_LOGS || undefined,
  };
  if (problems.length > 0) {
    console.error(problems.join('\n'));
    process.exit(64);
  }
  return chosen;
}

const options = settings();
const material = await loadCourseMaterial();
let current: Started | undefined;

// Ctrl+C reaches the children too (one process group), and they stop; this stops what is left
// and removes the data folders.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the app, workers and Redis…`);
    void (current?.stopAll() ?? Promise.resolve()).finally(() => process.exit(130));
  });
}

/** Prints where the crowd is every 10 s, on stderr, so a long run shows it is alive. */
function progress(mode: Mode, recorder: Recorder, started: number) {
  return setInterval(() => {
    const requests = recorder.latencies('all').length;
    const errors = recorder.errors('all').reduce((sum, [, times]) => sum + times, 0);
    const seconds = Math.round((performance.now() - started) / 1000);
    console.error(`  ${mode}: ${seconds} s, ${requests} requests, ${errors} errors so far`);
  }, 10_000);
}

async function loadOnce(deployment: Deployment): Promise<ModeResult> {
  const { rampSeconds, seconds, learners } = options;
  const start = performance.now();
  const windowStart = start + rampSeconds * 1000;
  const until = windowStart + seconds * 1000;
  const recorder = new Recorder(windowStart);
  let before: CpuSnapshot | undefined;
  let cpu: CpuUse | undefined;
  let loopDelay: ReturnType<typeof eventLoopDelay> = Promise.resolve({
    unread: 'the window did not end',
  });
  const timers = [
    setTimeout(() => {
      before = cpuSnapshot(deployment.pids());
      void eventLoopDelay(deployment.url);
    }, windowStart - start),
    setTimeout(() => {
      if (before) cpu = cpuBetween(before, cpuSnapshot(deployment.pids()));
      loopDelay = eventLoopDelay(deployment.url);
    }, until - start),
    progress(deployment.mode, recorder, start),
  ];
  try {
    await Promise.all(
      Array.from({ length: learners }, async (_, index) => {
        await sleep((index * rampSeconds * 1000) / learners);
        await new Learner({
          index,
          url: deployment.url,
          material,
          recorder,
          until,
          pace: options.pace,
          pollMs: options.pollMs,
        }).run();
      }),
    );
  } finally {
    for (const timer of timers) clearTimeout(timer);
  }
  return reportMode(deployment.mode, recorder, seconds, cpu, await loopDelay, P99_TARGET_MS);
}

async function saveLogs(deployment: Deployment) {
  if (!options.logs) return;
  await mkdir(options.logs, { recursive: true });
  for (const [name, output] of Object.entries(deployment.outputs())) {
    await writeFile(join(options.logs, `${deployment.mode}-${name}.log`), output);
  }
}

console.log(machineLine());
console.log(
  `Keyspace load benchmark: ${options.learners} learners starting over ${options.rampSeconds} s, then ${options.seconds} s measured; ${describePace(options.pace)}; modes ${options.modes.join(', ')}; queue mode: ${QUEUE_WORKERS} workers × concurrency ${options.concurrency}, polls every ${options.pollMs} ms`,
);
console.log(
  `The load generator runs on the same machine and shares its cores. Latency is measured from the request sent to the answer read; an error's counts too.`,
);

const results = new Map<Mode, ModeResult>();
for (const mode of options.modes) {
  const started = new Started();
  current = started;
  try {
    const deployment =
      mode === 'inline'
        ? await startInline(started, options.learners + 50)
        : await startQueue(started, options.learners + 50, QUEUE_WORKERS, options.concurrency);
    try {
      results.set(mode, await loadOnce(deployment));
    } finally {
      await saveLogs(deployment);
    }
  } finally {
    await started.stopAll();
    current = undefined;
  }
}
const inline = results.get('inline');
const queue = results.get('queue');
if (inline && queue) reportSideBySide(inline, queue);
console.log(`\n${loadAtEnd()}`);
