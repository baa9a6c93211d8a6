import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SandboxServer } from '../redis/sandbox-server.ts';
import { stderrLog } from '../shared/grader-log.ts';
import { SpareSandboxes } from './spare-sandboxes.ts';

/** Spares settled: as many as `wanted`, none starting, and still so a moment later. */
async function settlesAt(spares: SpareSandboxes, count: number): Promise<void> {
  await expect.poll(() => spares.count, { timeout: 10_000 }).toBe(count);
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(spares.count).toBe(count);
}

describe('sandboxes started ahead for newcomers', () => {
  const taken: SandboxServer[] = [];
  afterEach(async () => {
    vi.useRealTimers();
    await Promise.all(taken.splice(0).map((sandbox) => sandbox.stop()));
  });

  it('keeps more ahead while newcomers keep coming, up to the most, and the fewest once they stop', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const spares = new SpareSandboxes(1, 3, stderrLog);
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
      // Ten quiet seconds later a newcomer counts alone: the two spares left are enough.
      vi.setSystemTime(Date.now() + 10_001);
      await newcomer();
      await settlesAt(spares, 2);
    } finally {
      await spares.stop();
    }
  });

  it('starts none past the room it is given', async () => {
    const spares = new SpareSandboxes(2, 8, stderrLog);
    try {
      taken.push(await spares.take());
      spares.refill(() => spares.count < 1);
      await settlesAt(spares, 1);
    } finally {
      await spares.stop();
    }
  });
});
