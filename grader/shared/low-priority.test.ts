import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, getPriority } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { Grader } from '../grader.ts';
import { SandboxServer } from '../redis/sandbox-server.ts';
import { connectTrusted } from '../runner/sandbox-connections.ts';
import { WorkerPool } from '../worker/worker-pool.ts';
import { LOW_PRIORITY } from './low-priority.ts';

// Code whose last run hit a limit runs in processes the kernel serves after everyone else's:
// a worker and a sandbox under SCHED_IDLE at LOW_PRIORITY, and the learner's own console
// sandbox lowered.
const SOLUTION = readFileSync(
  new URL('../../exercises/set-and-get/solution.ts', import.meta.url),
  'utf8',
);
/** This process's own niceness: what a process started at normal priority inherits. */
const NORMAL = getPriority();
const LOW = Math.min(19, NORMAL + LOW_PRIORITY);

/** Linux's number for the SCHED_IDLE policy. */
const SCHED_IDLE = 5;

/**
 * The niceness and scheduling policy of every thread of a process (Linux: each thread has its
 * own), as `nice/policy`.
 */
function threadPriorities(pid: number): string[] {
  return readdirSync(`/proc/${pid}/task`).map((thread) => {
    const stat = readFileSync(`/proc/${pid}/task/${thread}/stat`, 'utf8');
    // Fields 19 and 41 of stat, counted after the command name's closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return `${fields[16]}/${fields[38]}`;
  });
}
const LOWEST = `${LOW}/${SCHED_IDLE}`;

async function serverPid(server: SandboxServer): Promise<number> {
  const trusted = connectTrusted(server.address);
  try {
    return Number(/process_id:(\d+)/.exec(await trusted.info('server'))?.[1]);
  } finally {
    trusted.disconnect();
  }
}

describe('low priority for code that hit a limit', () => {
  const stops: (() => Promise<void>)[] = [];
  afterAll(() => Promise.all(stops.map((stop) => stop())));

  it('starts a sandbox at low priority when asked, and lowers a running one for good', async () => {
    const [low, normal] = await Promise.all([
      SandboxServer.start({ lowPriority: true }),
      SandboxServer.start(),
    ]);
    stops.push(
      () => low.stop(),
      () => normal.stop(),
    );
    expect(new Set(threadPriorities(await serverPid(low)))).toEqual(new Set([LOWEST]));
    const normalPid = await serverPid(normal);
    expect(new Set(threadPriorities(normalPid))).toEqual(new Set([`${NORMAL}/0`]));
    // Lowered while running: every thread idle, and its main thread, where Redis runs commands
    // and scripts, lower.
    await normal.lowerPriority();
    expect(getPriority(normalPid)).toBe(LOW);
    expect(new Set(threadPriorities(normalPid).map((one) => one.split('/')[1]))).toEqual(
      new Set([String(SCHED_IDLE)]),
    );
  });

  it('starts low-priority workers, and replaces a dead one with another at low priority', async () => {
    const pool = await WorkerPool.start(1, { lowPriority: true });
    stops.push(() => pool.stop());
    const [first] = pool.pids;
    // Every thread: the learner's code runs in V8's and isolated-vm's, not only the main one.
    expect(new Set(threadPriorities(first as number))).toEqual(new Set([LOWEST]));
    process.kill(first as number, 'SIGKILL');
    await expect.poll(() => pool.live).toBe(0);
    // Borrowing finds it dead and starts its replacement.
    await pool.canReach(1);
    const [second] = pool.pids;
    expect(second).not.toBe(first);
    expect(new Set(threadPriorities(second as number))).toEqual(new Set([LOWEST]));
  });

  it('grades in the low-priority lane as well as in the normal one', async () => {
    const grader = await Grader.start({ concurrency: 1 });
    stops.push(() => grader.stop());
    const [low, normal] = await Promise.all([
      grader.grade('set-and-get', SOLUTION, { lowPriority: true }),
      grader.grade('set-and-get', SOLUTION),
    ]);
    expect(low.status).toBe('pass');
    expect(normal.status).toBe('pass');
  });
});

describe('the probe for the idle policy', () => {
  it('holds no request while a machine busy on every core keeps the probe waiting', async () => {
    // A fresh module: the probe is made once per process.
    vi.resetModules();
    const { lowPriorityPrefix } = await import('./low-priority.ts');
    const busy: ChildProcess[] = Array.from({ length: 2 * availableParallelism() }, () =>
      spawn(process.execPath, ['-e', 'const end = Date.now() + 4000; while (Date.now() < end);']),
    );
    try {
      await sleep(300);
      let longestGap = 0;
      let last = performance.now();
      const ticker = setInterval(() => {
        const now = performance.now();
        longestGap = Math.max(longestGap, now - last);
        last = now;
      }, 10);
      await lowPriorityPrefix();
      // A tick after it, so that a wait inside it counts.
      await sleep(30);
      clearInterval(ticker);
      // The probe's own process runs under SCHED_IDLE: behind the busy ones, it waits.
      expect(longestGap).toBeLessThan(500);
    } finally {
      for (const child of busy) child.kill('SIGKILL');
    }
  });
});
