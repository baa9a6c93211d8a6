import { setPriority } from 'node:os';

/**
 * The niceness of the processes that run code whose last run hit a limit: when the machine is
 * busy, Linux gives them about a tenth of the CPU that a process at 0 gets, so code spinning in
 * them cannot slow the gradings, Runs and pages of everyone else; on an idle machine they run
 * at full speed.
 */
export const LOW_PRIORITY = 10;

/**
 * Lowers a process's CPU priority to LOW_PRIORITY. One-way: raising it again takes a privilege
 * the app need not have, so a process lowered stays lowered. Where the platform refuses (or the
 * process is gone), it runs on as it was.
 */
export function lowerPriority(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    setPriority(pid, LOW_PRIORITY);
  } catch {
    // Gone already, or no priorities here: nothing to lower.
  }
}
