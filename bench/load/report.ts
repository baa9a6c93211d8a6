import { availableParallelism } from 'node:os';
import type { CpuUse } from './cpu.ts';
import type { Mode } from './deployment.ts';
import type { EventLoopDelay } from './event-loop.ts';
import { ENDPOINTS, FIRST_CONSOLE, figuresOf, type Recorder, type RowFigures } from './recorder.ts';

/** What one mode's run measured, for its own report and the side-by-side summary. */
export interface ModeResult {
  mode: Mode;
  rows: Map<string, RowFigures>;
  /** Every request of the window but the sandbox starts. */
  warm: RowFigures;
  sandboxStarts: RowFigures | undefined;
  perSecond: number;
  /** Errors over the whole run, ramp-up included. */
  errors: number;
}

const NAME = 52;
/** What a row measures, where the route alone does not say. */
const LABELS: Record<string, string> = {
  'POST /api/console/commands': 'POST /api/console/commands (warm sandbox)',
  'POST /api/exercises/:id/submissions': 'POST /api/exercises/:id/submissions (to result)',
  'GET /api/gradings/:id': 'GET /api/gradings/:id (queue mode polls)',
  [FIRST_CONSOLE]: 'POST /api/console/commands (first, whole run)',
};
const label = (name: string) => LABELS[name] ?? name;
const ms = (value: number) => (Number.isNaN(value) ? '—' : `${value.toFixed(1)} ms`);

function row(name: string, figures: RowFigures): string {
  return `  ${name.padEnd(NAME)}${String(figures.requests).padStart(8)}${String(figures.errors).padStart(8)}${ms(figures.p50).padStart(11)}${ms(figures.p99).padStart(11)}${ms(figures.max).padStart(11)}`;
}

/** Prints one mode's tables and returns its figures. */
export function reportMode(
  mode: Mode,
  recorder: Recorder,
  seconds: number,
  cpu: CpuUse | undefined,
  loopDelay: EventLoopDelay | { unread: string },
  p99Target: number,
): ModeResult {
  const rows = recorder.rows('window');
  const windowRows = [...rows].filter(([name]) => name !== FIRST_CONSOLE);
  const sandboxStarts = recorder.rows('all').get(FIRST_CONSOLE);
  const windowErrors = windowRows.reduce((sum, [, figures]) => sum + figures.errors, 0);
  const warm = figuresOf(recorder.latencies('window', FIRST_CONSOLE), windowErrors);
  const requests = recorder.latencies('window').length;
  const starts = rows.get(FIRST_CONSOLE)?.requests ?? 0;
  const rampRequests = recorder.latencies('ramp').length;
  const rampErrors = recorder.errors('ramp').reduce((sum, [, times]) => sum + times, 0);
  const perSecond = requests / seconds;

  console.log(`\n${mode}: measured window of ${seconds} s`);
  console.log(
    `  ${'endpoint'.padEnd(NAME)}${'requests'.padStart(8)}${'errors'.padStart(8)}${'p50'.padStart(11)}${'p99'.padStart(11)}${'max'.padStart(11)}`,
  );
  for (const [name, figures] of windowRows) console.log(row(label(name), figures));
  console.log(row('all of the above', warm));
  if (sandboxStarts) {
    console.log(row(label(FIRST_CONSOLE), sandboxStarts));
    console.log(
      `  ${' '.repeat(NAME)}(a learner's first command starts their sandbox redis-server)`,
    );
  }
  console.log(
    `  throughput: ${perSecond.toFixed(1)} requests/s in the window (${requests} requests, ${starts} of them sandbox starts)`,
  );
  console.log(
    "  beyond the run's or grading's own time (waiting for a worker, HTTP, saving progress):",
  );
  for (const [what, latencies] of Object.entries(recorder.beyondWork)) {
    const beyond = figuresOf(latencies, 0);
    console.log(
      `    ${what.padEnd(7)} p50 ${ms(beyond.p50)}, p99 ${ms(beyond.p99)}, max ${ms(beyond.max)} (${beyond.requests} ${what}s)`,
    );
  }
  const outcomes = [...recorder.outcomes].sort(([a], [b]) => a.localeCompare(b));
  console.log(`  outcomes: ${outcomes.map(([what, times]) => `${what} ×${times}`).join(', ')}`);
  console.log(`  Submits answered 202 and polled: ${recorder.accepted}`);
  console.log(`  ramp-up (not in the table): ${rampRequests} requests, ${rampErrors} errors`);
  const errors = recorder.errors('all');
  console.log(errors.length === 0 ? '  errors: none' : '  errors (whole run):');
  for (const [failure, times] of errors.slice(0, 15)) console.log(`    ×${times}  ${failure}`);
  if (errors.length > 15) console.log(`    … and ${errors.length - 15} other kinds`);
  if (cpu) {
    const trees = Object.entries(cpu.trees)
      .map(([name, cores]) => `${name} ${cores.toFixed(2)}`)
      .join(', ');
    const keyspace = Object.values(cpu.trees).reduce((sum, cores) => sum + cores, 0);
    const ours = keyspace + cpu.loadGenerator;
    const others = Math.max(0, cpu.machineBusy * availableParallelism() - ours);
    console.log(
      `  CPU in the window: machine ${(cpu.machineBusy * 100).toFixed(0)}% busy of ${availableParallelism()} cores (steal ${(cpu.steal * 100).toFixed(0)}%); cores used: ${trees}, load generator ${cpu.loadGenerator.toFixed(2)}; everything else (other programs, the kernel) ${others.toFixed(2)}`,
    );
    // Gradings and Runs take most of it; pages a little: an average over every endpoint.
    console.log(
      `  Keyspace's CPU per request: ${((keyspace * seconds * 1000) / Math.max(requests, 1)).toFixed(1)} ms (its processes, workers and Redis servers included; all endpoints together)`,
    );
  }
  console.log(
    'unread' in loopDelay
      ? `  the app's event-loop delay in the window: not read (${loopDelay.unread})`
      : `  the app's event-loop delay in the window: p50 ${ms(loopDelay.p50)}, p99 ${ms(loopDelay.p99)}, max ${ms(loopDelay.max)} (its main thread, sampled every 10 ms: an idle loop reads 10 ms)`,
  );
  const over = windowRows
    .filter(([, figures]) => figures.p99 > p99Target)
    .map(([name, figures]) => `${label(name)} ${ms(figures.p99)}`);
  console.log(
    `  p99 ≤ ${p99Target} ms: all requests ${ms(warm.p99)}; endpoints above: ${over.length > 0 ? over.join(', ') : 'none'}`,
  );
  return {
    mode,
    rows: new Map(windowRows),
    warm,
    sandboxStarts,
    perSecond,
    errors: errors.reduce((sum, [, times]) => sum + times, 0),
  };
}

/** Queue mode beside inline mode: the same learners and choices, ratios within this run. */
export function reportSideBySide(inline: ModeResult, queue: ModeResult) {
  const ratio = (a: number, b: number) => (a > 0 ? `${(b / a).toFixed(2)}×` : '—');
  const cells = (a: number, b: number) =>
    `${ms(a).padStart(11)}${ms(b).padStart(11)}${ratio(a, b).padStart(8)}`;
  console.log('\ninline vs queue (ratio = queue ÷ inline)');
  console.log(
    `  ${'endpoint'.padEnd(NAME)}${'p50 inline'.padStart(11)}${'p50 queue'.padStart(11)}${'ratio'.padStart(8)}${'p99 inline'.padStart(11)}${'p99 queue'.padStart(11)}${'ratio'.padStart(8)}`,
  );
  const line = (name: string, a: RowFigures | undefined, b: RowFigures | undefined) => {
    if (!a || !b) return;
    console.log(`  ${label(name).padEnd(NAME)}${cells(a.p50, b.p50)}${cells(a.p99, b.p99)}`);
  };
  for (const name of ENDPOINTS) line(name, inline.rows.get(name), queue.rows.get(name));
  line('all of the above', inline.warm, queue.warm);
  line(FIRST_CONSOLE, inline.sandboxStarts, queue.sandboxStarts);
  console.log(
    `  ${'requests/s'.padEnd(NAME)}${inline.perSecond.toFixed(1).padStart(11)}${queue.perSecond.toFixed(1).padStart(11)}${ratio(inline.perSecond, queue.perSecond).padStart(8)}`,
  );
  console.log(
    `  ${'errors (whole run)'.padEnd(NAME)}${String(inline.errors).padStart(11)}${String(queue.errors).padStart(11)}`,
  );
}
