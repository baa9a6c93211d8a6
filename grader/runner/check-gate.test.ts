import { describe, expect, it } from 'vitest';
import { CheckGate } from './check-gate.ts';

describe('a check gate', () => {
  it('passes calls through while open and refuses them once closed', async () => {
    const gate = new CheckGate();
    const double = gate.guard((n: number) => n * 2);
    expect(double(2)).toBe(4);
    gate.close();
    expect(() => double(2)).toThrow(/this check is over/);
  });

  it('never lets a sleep of a closed check wake up', async () => {
    const gate = new CheckGate();
    let woke = false;
    gate.sleep(5, 1).then(() => {
      woke = true;
    });
    gate.close();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(woke).toBe(false);
  });

  it('ends a cleared timer’s sleep at once, and only that one', async () => {
    const gate = new CheckGate();
    const woke: number[] = [];
    gate.sleep(60_000, 1).then(() => woke.push(1));
    gate.sleep(20, 2).then(() => woke.push(2));
    gate.cancelSleep(1);
    gate.cancelSleep(3);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(woke).toEqual([1, 2]);
    gate.close();
  });

  it('never settles a reply that arrives after the gate closed', async () => {
    const gate = new CheckGate();
    let settled = false;
    const slow = gate.guardAsync(
      () => new Promise((resolve) => setTimeout(() => resolve('late reply'), 5)),
    );
    slow().finally(() => {
      settled = true;
    });
    gate.close();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(settled).toBe(false);
  });

  it('answers a call made after the gate closed with a promise that never settles, never a refusal to catch', async () => {
    const gate = new CheckGate();
    let called = false;
    const send = gate.guardAsync(async () => {
      called = true;
    });
    gate.close();
    let settled = false;
    send().then(
      () => {
        settled = true;
      },
      () => {
        settled = true;
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect({ called, settled }).toEqual({ called: false, settled: false });
  });

  it('leaves no unhandled rejection behind when a guarded promise fails with nobody listening', async () => {
    const unhandled: unknown[] = [];
    const listener = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', listener);
    try {
      const failing = new CheckGate().guardAsync(async () => {
        throw new Error('reply after the isolate was disposed');
      });
      failing();
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', listener);
    }
  });
});
