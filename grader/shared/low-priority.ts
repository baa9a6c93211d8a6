import { getPriority, setPriority } from 'node:os';
import { isExecutable } from './is-executable.ts';

/**
 * How much lower than the app the processes run that run code whose last run hit a limit: when
 * the machine is busy, Linux gives a process at nice +10 about a tenth of the CPU of one at the
 * app's, so code spinning in them cannot slow the gradings, Runs and pages of everyone else; on
 * an idle machine they run at full speed.
 */
export const LOW_PRIORITY = 10;

const NICE = '/usr/bin/nice';
const hasNice = isExecutable(NICE);

/**
 * The prefix that starts a command LOW_PRIORITY below this process, where coreutils has `nice`:
 * every thread the command starts inherits it (Linux's niceness is a thread's, and a worker's
 * V8 and isolate threads do the learner's work).
 */
export function lowPriorityPrefix(): string[] {
  return hasNice ? [NICE, '-n', String(LOW_PRIORITY)] : [];
}

/**
 * Lowers a running process's main thread LOW_PRIORITY below this process (a redis-server does
 * its commands and scripts there). One-way: raising it again takes a privilege the app need not
 * have. Where the platform refuses (or the process is gone), it runs on as it was.
 */
export function lowerPriority(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    setPriority(pid, Math.min(19, getPriority() + LOW_PRIORITY));
  } catch {
    // Gone already, or no priorities here: nothing to lower.
  }
}
