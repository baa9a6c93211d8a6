import { describe, expect, it } from 'vitest';
import type { GraderLog } from './grader-log.ts';
import { ReplacingPool } from './replacing-pool.ts';

/** What the pool holds here: a numbered thing that can die. */
class Item {
  alive = true;
  stopped = false;
  constructor(readonly number: number) {}
  async stop(): Promise<void> {
    this.stopped = true;
    this.alive = false;
  }
}

function recordingLog() {
  const lines: string[] = [];
  const log: GraderLog = {
    warn: (_, message) => lines.push(`warn: ${message}`),
    error: (_, message) => lines.push(`error: ${message}`),
  };
  return { lines, log };
}

describe('a pool that replaces what stops', () => {
  it('lends each one to one borrower at a time, the next borrower waiting', async () => {
    let made = 0;
    const pool = await ReplacingPool.start(
      1,
      async () => new Item(++made),
      'thing',
      recordingLog().log,
    );
    const first = await pool.borrow();
    let second: Item | undefined;
    const waiting = pool.borrow().then((item) => {
      second = item;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(second).toBeUndefined();
    pool.giveBack(first);
    await waiting;
    expect(second).toBe(first);
  });

  it('replaces one given back dead, and tries again, saying so, when the replacement fails', async () => {
    let made = 0;
    let failNext = false;
    const { lines, log } = recordingLog();
    const pool = await ReplacingPool.start(
      1,
      async () => {
        if (failNext) {
          failNext = false;
          throw new Error('no room');
        }
        return new Item(++made);
      },
      'thing',
      log,
    );
    const first = await pool.borrow();
    first.alive = false;
    failNext = true;
    pool.giveBack(first);
    const next = await pool.borrow();
    expect(next.number).toBe(2);
    expect(pool.restarts).toBe(1);
    expect(lines).toEqual(['error: a thing could not be started in place of one that stopped']);
  });

  it('stops and replaces one given back lost, or outdated by renew, though alive', async () => {
    let made = 0;
    const pool = await ReplacingPool.start(
      1,
      async () => new Item(++made),
      'thing',
      recordingLog().log,
    );
    const first = await pool.borrow();
    pool.giveBack(first, { lost: true });
    const second = await pool.borrow();
    expect([first.stopped, second.number]).toEqual([true, 2]);
    pool.giveBack(second);
    pool.renew();
    const third = await pool.borrow();
    expect([second.stopped, third.number, pool.restarts]).toEqual([true, 3, 0]);
    await pool.stop();
    expect(third.stopped).toBe(true);
  });
});
