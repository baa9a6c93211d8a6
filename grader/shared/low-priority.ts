import { execFile } from 'node:child_process';
import { getPriority, setPriority } from 'node:os';
import { isExecutable } from './is-executable.ts';

/**
 * How much lower than the app the processes run that run code whose last run hit a limit, where
 * the kernel refuses them the idle policy (below): when the machine is busy, Linux gives a
 * process at nice +10 about a tenth of the CPU of one at the app's.
 */
export const LOW_PRIORITY = 10;

const NICE = '/usr/bin/nice';
const CHRT = '/usr/bin/chrt';
const hasNice = isExecutable(NICE);
let idleAllowed: Promise<boolean> | undefined;

/**
 * Whether processes can be run under SCHED_IDLE here (util-linux's `chrt`, and a kernel or
 * container that allows it): such a process runs only on a core no one else wants, and gives
 * it up the moment someone does. Niceness alone is not enough: on a kernel that schedules by
 * deadlines (EEVDF, Linux 6.6 on) a waking process at nice 0 may wait out the slice of one at
 * +10, milliseconds at each of the dozens of hand-offs of a grading between app, worker and
 * Redis.
 */
function idlePolicyAllowed(): Promise<boolean> {
  // Asked without waiting on the event loop: the probe runs under SCHED_IDLE itself, so on a
  // machine whose cores are all taken it waits seconds for a turn. A synchronous probe, made when
  // a learner's code first hit a limit, held every request of the app for 9 s under load.
  idleAllowed ??= isExecutable(CHRT)
    ? new Promise((resolve) => {
        execFile(CHRT, ['--idle', '0', '/bin/true'], (error) => resolve(!error));
      })
    : Promise.resolve(false);
  return idleAllowed;
}

/**
 * The prefix that starts a command at low priority: SCHED_IDLE where allowed, and
 * LOW_PRIORITY below this process's niceness where coreutils has `nice`. Every thread the
 * command starts inherits both (a worker's V8 and isolate threads do the learner's work).
 */
export async function lowPriorityPrefix(): Promise<string[]> {
  return [
    ...((await idlePolicyAllowed()) ? [CHRT, '--idle', '0'] : []),
    ...(hasNice ? [NICE, '-n', String(LOW_PRIORITY)] : []),
  ];
}

/**
 * Lowers a running process as lowPriorityPrefix would have started it: every thread to
 * SCHED_IDLE, its main thread LOW_PRIORITY below this process (a redis-server does its commands
 * and scripts there). One-way: raising it again takes a privilege the app need not have. Where
 * the platform refuses (or the process is gone), it runs on as it was.
 */
export async function lowerPriority(pid: number | undefined): Promise<void> {
  if (pid === undefined) return;
  try {
    setPriority(pid, Math.min(19, getPriority() + LOW_PRIORITY));
  } catch {
    // Gone already, or no priorities here: nothing to lower.
  }
  if (!(await idlePolicyAllowed())) return;
  await new Promise<void>((done) => {
    // A failure is the process gone: nothing to lower.
    execFile(CHRT, ['--idle', '--all-tasks', '--pid', '0', String(pid)], () => done());
  });
}
