import { isExecutable } from './is-executable.ts';

const NICE = '/usr/bin/nice';
const hasNice = isExecutable(NICE);

/**
 * The prefix that starts a command at a lower CPU priority (nice 10), where coreutils has
 * `nice`: what runs learner code (grader workers, sandbox redis-servers) gives way to the app,
 * so that code spinning on every core cannot slow the pages and the console of everyone else.
 */
export function lowPriority(): string[] {
  return hasNice ? [NICE, '-n', '10'] : [];
}
