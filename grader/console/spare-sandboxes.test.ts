import { afterEach, describe, expect, it } from 'vitest';
import type { SandboxServer } from '../redis/sandbox-server.ts';
import { stderrLog } from '../shared/grader-log.ts';
import { SpareSandboxes } from './spare-sandboxes.ts';

/** Spares settled: `count` of them, none starting, and still so a moment later. */
async function settlesAt(spares: SpareSandboxes, count: number): Promise<void> {
  for (const until = Date.now() + 10_000; spares.count !== count && Date.now() < until; ) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(spares.count).toBe(count);
}

describe('sandboxes started ahead for newcomers', () => {
  const taken: SandboxServer[] = [];
  afterEach(async () => {
    await Promise.all(taken.splice(0).map((sandbox) => sandbox.stop()));
  });

  it('starts more ahead while newcomers keep coming, up to the most, and only the fewest once they stop', async () => {
    // The clock the spares read: moved by hand, so that how long the starts take does not count.
    let now = 0;
    const spares = new SpareSandboxes(1, 3, stderrLog, () => now);
    const room = () => true;
    const newcomer = async () => {
      taken.push(await spares.take());
      spares.refill(room);
    };
    try {
      await newcomer();
      await settlesAt(spares, 1);
      // Each newcomer of the last ten seconds asks for one spare more.
      await newcomer();
      await newcomer();
      await settlesAt(spares, 3);
      // Five taken, but three at most.
      await newcomer();
      await newcomer();
      await settlesAt(spares, 3);
      // Ten quiet seconds later a newcomer counts alone, asking for one: none is started for the
      // one it took, and the two left over stay.
      now += 10_001;
      await newcomer();
      await settlesAt(spares, 2);
      await newcomer();
      await newcomer();
      await settlesAt(spares, 3);
    } finally {
      await spares.stop();
    }
  });

  it('starts the fewest even when the most is set lower, and none past the room it is given', async () => {
    const spares = new SpareSandboxes(2, 1, stderrLog);
    try {
      taken.push(await spares.take());
      spares.refill(() => true);
      await settlesAt(spares, 2);
    } finally {
      await spares.stop();
    }
    const cramped = new SpareSandboxes(2, 8, stderrLog);
    try {
      taken.push(await cramped.take());
      cramped.refill(() => cramped.count < 1);
      await settlesAt(cramped, 1);
    } finally {
      await cramped.stop();
    }
  });
});
