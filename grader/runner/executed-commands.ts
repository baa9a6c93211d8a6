import type { ExecutedCommand, LoggedCommand } from '../checks/api.ts';
import { loggedArgs } from './logged-args.ts';
import type { MonitorLine } from './monitor-line.ts';

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
 * it, so a script run is matched to the learner's call by its arguments, in order; the grader's
 * own reads never run scripts the learner sent.
 */
export function executedCommands(
  sent: readonly LoggedCommand[],
  lines: readonly MonitorLine[],
): ExecutedCommand[] {
  const runs = scriptRuns(lines);
  let next = 0;
  const executed: ExecutedCommand[] = [];
  for (const command of sent) {
    executed.push(command);
    if (!SCRIPT_COMMANDS.has(command.name)) continue;
    const found = runs.findIndex((run, index) => index >= next && matches(command, run.args));
    if (found < 0) continue;
    next = found + 1;
    for (const [name = '', ...args] of runs[found]?.inner ?? []) {
      executed.push({
        name: name.toLowerCase(),
        args: loggedArgs(args),
        script: command.name,
        ...(command.client === undefined ? {} : { client: command.client }),
      });
    }
  }
  return executed;
}

function scriptRuns(lines: readonly MonitorLine[]): ScriptRun[] {
  const runs: ScriptRun[] = [];
  let current: ScriptRun | undefined;
  for (const { source, args } of lines) {
    if (source === 'lua') {
      current?.inner.push(args);
      continue;
    }
    current = SCRIPT_COMMANDS.has(args[0]?.toLowerCase() ?? '') ? { args, inner: [] } : undefined;
    if (current) runs.push(current);
  }
  return runs;
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
