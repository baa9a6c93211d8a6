import { availableParallelism } from 'node:os';
import { type EndpointFigures, HONEST_ENDPOINTS, type HonestEndpoint } from './honest-record.ts';
import type { PhaseResult } from './phase.ts';
import { type ProcessCounts, sum } from './process-tree.ts';

/** The issue's target: under every attack, an honest p99 at most this times its quiet p99, and no 5xx. */
const P99_RATIO_TARGET = 2;

const PHASE = 20;

/**
 * The second phase without an attack: its ratio to the first is what the machine's own noise
 * does to a p99 of this many requests, the floor under every attack's ratio. Not judged.
 */
export const QUIET_AGAIN = 'quiet again';
const judged = (phase: PhaseResult) => phase.name !== 'quiet' && phase.name !== QUIET_AGAIN;
const ms = (value: number) => (Number.isNaN(value) ? '—' : value.toFixed(1));
const mb = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(0)} MB`;
const cell = (value: string | number, width: number) => String(value).padStart(width);

interface Verdict {
  met: boolean;
  ratio: number;
}

/** An attack phase against the quiet one; undefined when either has no requests to compare. */
function verdictOf(
  figures: EndpointFigures | undefined,
  quiet: EndpointFigures | undefined,
): Verdict | undefined {
  if (!figures || !quiet || figures.requests === 0 || quiet.requests === 0) return undefined;
  const ratio = figures.p99 / quiet.p99;
  return { met: ratio <= P99_RATIO_TARGET && figures.errors === 0, ratio };
}

function endpointTable(endpoint: HonestEndpoint, phases: PhaseResult[], quiet?: PhaseResult) {
  const quietFigures = quiet?.record.figures(endpoint);
  console.log(`\n${endpoint} (honest learners)`);
  console.log(
    `  ${'phase'.padEnd(PHASE)}${cell('p50 ms', 9)}${cell('p99 ms', 9)}${cell('p99÷quiet', 11)}${cell('n', 6)}${cell('5xx/net', 9)}${cell('429', 5)}${cell('other', 7)}${cell('target', 8)}`,
  );
  for (const phase of phases) {
    const figures = phase.record.figures(endpoint);
    if (!figures) {
      console.log(`  ${phase.name.padEnd(PHASE)}${cell('no requests', 18)}`);
      continue;
    }
    const ratio = quietFigures ? figures.p99 / quietFigures.p99 : Number.NaN;
    const verdict = judged(phase) ? verdictOf(figures, quietFigures) : undefined;
    const mark = !judged(phase) ? '' : verdict ? (verdict.met ? '✓' : '✗') : '—';
    console.log(
      `  ${phase.name.padEnd(PHASE)}${cell(ms(figures.p50), 9)}${cell(ms(figures.p99), 9)}${cell(Number.isNaN(ratio) ? '—' : `${ratio.toFixed(2)}×`, 11)}${cell(figures.requests, 6)}${cell(figures.errors, 9)}${cell(figures.limited, 5)}${cell(figures.other, 7)}${cell(mark, 8)}`,
    );
  }
}

/** Largest first: "redis-server ×20, node ×2". */
const byName = (counts: Map<string, number>, show: (value: number) => string) =>
  [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([name, value]) => `${name} ${show(value)}`)
    .join(', ');

/** Names whose count changed, e.g. "+2 redis-server, −1 redis-cli". */
function difference(before: ProcessCounts, after: ProcessCounts): string {
  const names = new Set([...before.keys(), ...after.keys()]);
  const changes = [...names].flatMap((name) => {
    const by = (after.get(name) ?? 0) - (before.get(name) ?? 0);
    return by === 0 ? [] : [`${by > 0 ? '+' : '−'}${Math.abs(by)} ${name}`];
  });
  return changes.length > 0 ? changes.join(', ') : 'back at its baseline';
}

function appTable(phases: PhaseResult[]) {
  console.log('\nThe app during each phase (CPU over the measured window, in cores busy)');
  console.log(
    `  ${'phase'.padEnd(PHASE)}${cell('app CPU', 9)}${cell('machine', 9)}${cell('bench', 7)}${cell('peak RSS', 10)}${cell('processes', 11)}${cell('restarts', 10)}${cell('consoles', 10)}`,
  );
  for (const phase of phases) {
    const { cpu, processes, metrics } = phase;
    const restarts =
      metrics.after.workerRestarts !== undefined && metrics.before.workerRestarts !== undefined
        ? `+${metrics.after.workerRestarts - metrics.before.workerRestarts}`
        : '—';
    console.log(
      `  ${phase.name.padEnd(PHASE)}${cell((cpu.trees.app ?? 0).toFixed(2), 9)}${cell(`${(cpu.machineBusy * 100).toFixed(0)}%`, 9)}${cell(cpu.loadGenerator.toFixed(2), 7)}${cell(mb(sum(phase.peakRss)), 10)}${cell(`${sum(processes.before)} → ${sum(processes.after)}`, 11)}${cell(restarts, 10)}${cell(metrics.after.consoleSandboxes ?? '—', 10)}`,
    );
  }
  console.log(
    `  machine: share of all ${availableParallelism()} cores busy; bench: this load generator's own cores; peak RSS: VmRSS summed over the app and every process under it, every 500 ms; processes: under the app, at rest, before the attack and after it stopped; restarts: grader workers replaced; consoles: sandboxes held after the phase (attackers' outlive their phase: they idle out after 30 min)`,
  );
}

function details(phases: PhaseResult[]) {
  for (const phase of phases) {
    console.log(`\n${phase.name}`);
    if (phase.attack) console.log(`  attack: ${phase.attack.summary}`);
    const { before, after } = phase.processes;
    const baseline = phase.name === 'lua-debugger' ? ' (the debugger forks must not stay)' : '';
    console.log(
      `  processes under the app: ${sum(before)} before, ${sum(after)} after: ${difference(before, after)}${baseline}`,
    );
    console.log(`    after: ${byName(after, (count) => `×${count}`)}`);
    console.log(`  peak RSS ${mb(sum(phase.peakRss))}: ${byName(phase.peakRss, mb)}`);
    const failures = [...phase.record.failures].sort((a, b) => b[1] - a[1]);
    console.log(
      failures.length === 0
        ? '  honest learners: every answer as expected'
        : '  honest learners were answered:',
    );
    for (const [failure, times] of failures.slice(0, 10)) console.log(`    ×${times}  ${failure}`);
    if (failures.length > 10) console.log(`    … and ${failures.length - 10} other kinds`);
    if (!phase.attack) continue;
    const answers = phase.attack.tally.entries();
    console.log('  attackers were answered (set-up included; mean time to the answer):');
    for (const { what, times, meanMs } of answers.slice(0, 10)) {
      console.log(`    ×${times}  ${what}  (mean ${(meanMs / 1000).toFixed(2)} s)`);
    }
    if (answers.length > 10) console.log(`    … and ${answers.length - 10} other kinds`);
  }
}

/** Every attack phase's misses of the target, one line each, and any 429 an honest learner got. */
function summary(phases: PhaseResult[], quiet?: PhaseResult) {
  const misses: string[] = [];
  const limited: string[] = [];
  for (const phase of phases) {
    for (const endpoint of HONEST_ENDPOINTS) {
      const figures = phase.record.figures(endpoint);
      if (figures && figures.limited > 0)
        limited.push(`${phase.name}: ${endpoint} ×${figures.limited}`);
      if (!judged(phase)) continue;
      if (!figures && quiet?.record.figures(endpoint)) {
        // Not one request started in the window: the learners were stuck on another.
        misses.push(`${phase.name}: ${endpoint} never reached in the window`);
      }
      const verdict = verdictOf(figures, quiet?.record.figures(endpoint));
      if (verdict && !verdict.met) {
        misses.push(
          `${phase.name}: ${endpoint} p99 ${verdict.ratio.toFixed(2)}× quiet, ${figures?.errors ?? 0} 5xx/unanswered`,
        );
      }
    }
  }
  console.log(
    `\nTarget: under every attack, each honest p99 at most ${P99_RATIO_TARGET}× its quiet p99, and no 5xx: ${misses.length === 0 ? '✓ met' : '✗ not met'}`,
  );
  for (const miss of misses) console.log(`  ✗ ${miss}`);
  const again = phases.find((phase) => phase.name === QUIET_AGAIN);
  if (again) {
    const floor = HONEST_ENDPOINTS.map((endpoint) => {
      const ratio = verdictOf(
        again.record.figures(endpoint),
        quiet?.record.figures(endpoint),
      )?.ratio;
      return `${endpoint} ${ratio === undefined ? '—' : `${ratio.toFixed(2)}×`}`;
    });
    console.log(`Noise floor (${QUIET_AGAIN} ÷ quiet, no attack either time): ${floor.join(', ')}`);
  }
  console.log(
    limited.length === 0
      ? '429s for honest learners: none (no limit shared with the attackers)'
      : `429s for honest learners (a limit shared with someone else?): ${limited.join('; ')}`,
  );
}

/** The tables: one per honest endpoint, the app's resources, then what each phase answered. */
export function report(phases: PhaseResult[]) {
  const quiet = phases.find((phase) => phase.name === 'quiet');
  for (const endpoint of HONEST_ENDPOINTS) endpointTable(endpoint, phases, quiet);
  appTable(phases);
  details(phases);
  summary(phases, quiet);
}
