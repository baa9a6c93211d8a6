import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';
import { isExecutable } from '../shared/is-executable.ts';

const SETPRIV = '/usr/bin/setpriv';

const hasSetpriv = isExecutable(SETPRIV);

/**
 * Spawns a process that the kernel kills when this one dies, even by SIGKILL, so that a crashed
 * grader or server leaves no redis-server behind. Linux only (util-linux setpriv); elsewhere
 * the child is stopped on a clean exit only.
 *
 * Tied, it runs in a process group of its own: a Ctrl+C in the terminal signals the whole
 * foreground group, and a Redis stopped by it would be gone while this process still finishes
 * its work. This process stops it in its own time. Untied, the Ctrl+C is what stops it.
 */
export function spawnTied(command: string, args: string[], options: SpawnOptions): ChildProcess {
  if (!hasSetpriv) return spawn(command, args, options);
  return spawn(SETPRIV, ['--pdeathsig', 'KILL', '--', command, ...args], {
    ...options,
    detached: true,
  });
}
