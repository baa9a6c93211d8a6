import type { LoggedCommand } from '../checks/api.ts';
import type { RanCommand } from './command-keys.ts';
import { loggedArgs } from './logged-args.ts';
import type { MonitorLine } from './monitor-line.ts';

/**
 * How a script of the grader's own begins (see race-scheduler.ts): what it runs is not the
 * learner's, and is left out.
 */
export const GRADER_SCRIPT = '-- keyspace: the grader';

/** Commands that run a Lua script or function: the commands inside them are theirs. */
const SCRIPT_COMMANDS = new Set(['eval', 'evalsha', 'eval_ro', 'evalsha_ro', 'fcall', 'fcall_ro']);

interface ScriptRun {
  args: string[];
  inner: string[][];
}

/**
 * What Redis executed for the learner during a check: the commands the learner's clients sent
 * (known from the bridge, with their client), each script or function call followed by the
 * commands it ran (known only from MONITOR). A MONITOR line does not say which connection sent
 * it, so a script run is matched to the learner's call by its arguments, in order. A run that
 * matches none (arguments the log cut in a way that no longer compares) is listed at the end
 * all the same, without a client: a read is never hidden by failing to match.
 */
export function executedCommands(
  sent: readonly LoggedCommand[],
  lines: readonly MonitorLine[],
): RanCommand[] {
  const runs = scriptRuns(lines);
  const matched = new Set<ScriptRun>();
  let next = 0;
  const executed: RanCommand[] = [];
  for (const command of sent) {
    executed.push(command);
    if (!SCRIPT_COMMANDS.has(command.name)) continue;
    const found = runs.findIndex((run, index) => index >= next && matches(command, run.args));
    const run = runs[found];
    if (!run) continue;
    next = found + 1;
    matched.add(run);
    executed.push(...innerCommands(run, command.name, command.client));
  }
  for (const run of runs) {
    if (!matched.has(run) && !run.args[1]?.startsWith(GRADER_SCRIPT)) {
      executed.push(...innerCommands(run, run.args[0]?.toLowerCase() ?? 'eval', undefined));
    }
  }
  return executed;
}

function innerCommands(run: ScriptRun, script: string, client: number | undefined): RanCommand[] {
  return run.inner.map(([name = '', ...args]) => ({
    name: name.toLowerCase(),
    args: loggedArgs(args),
    script,
    ...(client === undefined ? {} : { client }),
  }));
}

function scriptRuns(lines: readonly MonitorLine[]): ScriptRun[] {
  const runs: ScriptRun[] = [];
  let current: ScriptRun | undefined;
  for (const { source, args: bytes } of lines) {
    // MONITOR gives bytes; the learner's client sent text as UTF-8.
    const args = bytes.map(fromUtf8);
    if (source === 'lua') {
      current?.inner.push(args);
      continue;
    }
    current = SCRIPT_COMMANDS.has(args[0]?.toLowerCase() ?? '') ? { args, inner: [] } : undefined;
    if (current) runs.push(current);
  }
  return runs;
}

/** Bytes (one character each, as MONITOR lines are read) as the text they encode. */
function fromUtf8(bytes: string): string {
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** The learner's logged call (arguments cut for the log) against a script run MONITOR saw. */
function matches(command: LoggedCommand, args: readonly string[]): boolean {
  if (args[0]?.toLowerCase() !== command.name) return false;
  const logged = loggedArgs(args.slice(1));
  return (
    logged.length === command.args.length &&
    logged.every(
      (arg, index) =>
        arg === command.args[index] || /^<\d+ bytes>$/.test(command.args[index] ?? ''),
    )
  );
}
