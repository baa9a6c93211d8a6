// npm run bench:abuse — how honest learners fare while attackers abuse a real `keyspace start` on
// loopback: a quiet phase, a second one (the noise floor), then one phase per attack, side by
// side as ratios within one run.
// Printed, never asserted: the machine is shared and noisy; compare within a run.
//
// One deployment (bench/load/deployment.ts), with TRUST_PROXY=loopback so that every client
// names its address in X-Forwarded-For. Four honest learners (10.0.0.1–4, a cookie each) loop
// the whole run: lesson page, console commands, Run and Submit of the set-and-get solution,
// 2.5–3 s of thought. Each phase: the attack's set-up, a warm-up not measured, the measured
// window, then the attack stopped and its requests awaited. Attacks (bench/abuse/attacks/):
//   console-sandboxes  60 new cookies from one address, each holding a sandbox
//   key-browser        big values (PNG-like strings, fat hashes) read through the key browser
//   big-transfers      Runs that pipeline 320 MB, or EVAL a 100 MB reply
//   stuck-gradings     Submits that never settle or spin, from 6 learners on 3 addresses
//   lua-debugger       SCRIPT DEBUG YES from the console and from code; forks must not stay
//
// Settings (environment):
//   BENCH_PHASE_SECONDS  the measured window of each phase (default 180: the run takes 25 min)
//   BENCH_ATTACKS        which attacks, comma-separated, in that order (default all, as above)
//   BENCH_LOGS           a folder to write the app's output into, for a closer look
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { perAddressFor } from '../grader/index.ts';
import { ATTACKS } from './abuse/attacks/index.ts';
import { HonestLearner } from './abuse/honest.ts';
import { HonestWindows } from './abuse/honest-record.ts';
import { type PhaseResult, runPhase } from './abuse/phase.ts';
import { QUIET_AGAIN, report } from './abuse/report.ts';
import { readSettings } from './abuse/settings.ts';
import { type ExerciseMaterial, loadCourseMaterial } from './load/course-material.ts';
import { type Deployment, Started, startInline } from './load/deployment.ts';
import { loadAtEnd, machineLine } from './machine.ts';

/** Sandboxes in all: room for every learner here, so the per-address share is what bites. */
const CONSOLES = 40;
const HONEST_LEARNERS = 4;
const EXERCISE = 'set-and-get';

const settings = readSettings();
const material = await loadCourseMaterial();
const exercise = material.exercises.find(({ id }) => id === EXERCISE);
if (!exercise) throw new Error(`the course has no exercise ${EXERCISE}: the bench needs it`);
const started = new Started();

// Ctrl+C reaches the app too (one process group), and it stops; this stops what is left and
// removes its data folder.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the app…`);
    void started.stopAll().finally(() => process.exit(130));
  });
}

async function saveLogs(deployment: Deployment) {
  if (!settings.logs) return;
  await mkdir(settings.logs, { recursive: true });
  for (const [name, output] of Object.entries(deployment.outputs())) {
    await writeFile(join(settings.logs, `abuse-${name}.log`), output);
  }
}

async function benchmark(
  deployment: Deployment,
  { lesson, solution }: ExerciseMaterial,
): Promise<PhaseResult[]> {
  const windows = new HonestWindows();
  const stopHonest = new AbortController();
  const honest = Array.from({ length: HONEST_LEARNERS }, (_, index) =>
    new HonestLearner({
      index,
      url: deployment.url,
      exercise: EXERCISE,
      lesson,
      solution,
      windows,
    }).run(stopHonest.signal),
  );
  const phases: PhaseResult[] = [];
  const phase = { deployment, seconds: settings.phaseSeconds, windows };
  try {
    phases.push(await runPhase('quiet', undefined, phase));
    phases.push(await runPhase(QUIET_AGAIN, undefined, phase));
    for (const name of settings.attacks) {
      phases.push(await runPhase(name, ATTACKS[name](deployment.url), phase));
    }
  } finally {
    stopHonest.abort();
    await Promise.all(honest);
  }
  return phases;
}

console.log(machineLine());
console.log(
  `Keyspace abuse benchmark: ${HONEST_LEARNERS} honest learners (10.0.0.1–${HONEST_LEARNERS}) on ${EXERCISE}; phases of ${settings.phaseSeconds} s measured: quiet, ${QUIET_AGAIN}, ${settings.attacks.join(', ')}; KEYSPACE_CONSOLES=${CONSOLES}, so ${perAddressFor(CONSOLES)} per address (a quarter)`,
);
console.log(
  'The attackers and the honest learners run on the same machine as the app and share its cores. Latency is from the request sent to the answer read; a failure counts too, and a request counts in each measured window its time overlaps.',
);
try {
  const deployment = await startInline(started, CONSOLES);
  try {
    report(await benchmark(deployment, exercise));
  } finally {
    await saveLogs(deployment);
  }
} finally {
  await started.stopAll();
}
console.log(`\n${loadAtEnd()}`);
