import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Grader } from './grader.ts';

/** Every process descended from this one, by pid, from Linux's /proc. */
function descendants(): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = /^PPid:\s+(\d+)$/m.exec(readFileSync(`/proc/${entry}/status`, 'utf8'))?.[1];
      parents.set(Number(entry), Number(ppid));
    } catch {
      // Gone meanwhile.
    }
  }
  const mine = new Set([process.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, ppid] of parents) {
      if (!mine.has(pid) && mine.has(ppid)) {
        mine.add(pid);
        grew = true;
      }
    }
  }
  mine.delete(process.pid);
  return [...mine];
}

/**
 * The descendants by program: redis-servers (sandboxes) and node (grader workers) are fixed in
 * number; esbuild's service is started by each worker as it first transpiles, one at most.
 */
function processCount(): { redisServers: number; workers: number; others: number } {
  const count = { redisServers: 0, workers: 0, others: 0 };
  for (const pid of descendants()) {
    let command = '';
    try {
      command = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    } catch {
      continue;
    }
    if (command === 'redis-server') count.redisServers += 1;
    else if (command === 'node') count.workers += 1;
    else if (command !== 'esbuild') count.others += 1;
  }
  return count;
}

const HOSTILE = {
  'Lua debugger': `export async function main(redis) {
    await redis.call('SCRIPT', 'DEBUG', 'YES').catch(() => {});
    await redis.eval("redis.debug('x') return 1", 0).catch(() => {});
    return redis.call('SCRIPT', 'DEBUG', 'SYNC').catch(() => null);
  }`,
  'a script that builds a huge string': `export async function main(redis) {
    return redis.eval("return string.len(string.rep('x', 900 * 1024 * 1024))", 0);
  }`,
  'code that spins': 'export function main() { for (;;) {} }',
  'a wait that never ends': `export async function main(redis) { return redis.blpop('nothing', 0); }`,
  'one Buffer pipelined forty times': `export async function main(redis) {
    const big = Buffer.alloc(8 * 1024 * 1024);
    const pipeline = redis.pipeline();
    for (let i = 0; i < 40; i++) pipeline.set('k' + i, big);
    return pipeline.exec();
  }`,
};

describe('hostile submissions, as processes see them', () => {
  let grader: Grader;
  beforeAll(async () => {
    grader = await Grader.start({ concurrency: 2 });
  });
  afterAll(() => grader.stop());

  it('leave no process behind: the count returns to what it was before them', async () => {
    const before = processCount();
    expect(before).toEqual({ redisServers: 2, workers: 2, others: 0 });
    for (const [what, source] of Object.entries(HOSTILE)) {
      const result = await grader.grade('set-and-get', source);
      expect({ what, passed: result.status === 'pass' }).toEqual({ what, passed: false });
    }
    // Workers and sandboxes stopped by a limit are replaced: as many as before, no more.
    await expect.poll(() => processCount(), { timeout: 20_000, interval: 250 }).toEqual(before);
  }, 240_000);

  it("leaves no debugger on for the next learner's scripts", async () => {
    await grader.grade('set-and-get', HOSTILE['Lua debugger']);
    const next = await grader.grade(
      'set-and-get',
      `export async function main(redis) {
        return redis.eval("redis.call('SET', KEYS[1], 'sunny') return redis.call('GET', KEYS[1])", 1, 'weather');
      }`,
    );
    expect(next.status).toBe('pass');
  });
});
