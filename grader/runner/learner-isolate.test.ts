import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { CheckGate } from './check-gate.ts';
import { type Capabilities, LearnerIsolate } from './learner-isolate.ts';
import { DEFAULT_LIMITS } from './limits.ts';
import { RandomnessRecord } from './randomness-record.ts';
import { transpile } from './transpile.ts';

setFlagsFromString('--expose-gc');
/** The host's garbage collector: what the worker's V8 runs whenever it likes. */
const collectGarbage = runInNewContext('gc') as () => void;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What one check lends, behind its gate; Redis never answers. */
function capabilitiesBehind(gate: CheckGate): Capabilities {
  const unanswered = () => new Promise<never>(() => {});
  return {
    send: gate.guardAsync(unanswered),
    exec: gate.guardAsync(unanswered),
    sleep: gate.sleep,
    random: new RandomnessRecord().draw,
    readFixture: gate.guard(() => new Uint8Array()),
    receive: gate.guardAsync(unanswered),
    hangUp: gate.guard(() => {}),
    connect: gate.guard(() => false),
    clientEvent: gate.guard(() => {}),
    byteLimitHit: () => {},
    cancelSleep: () => {},
  };
}

describe('a learner isolate', () => {
  it("loads the module afresh in each context a racer's isolate was made with ahead", async () => {
    const program = transpile(
      `const seenBefore = globalThis.marked;
       globalThis.marked = true;
       let count = 0;
       export function next() {
         count += 1;
         return { count, fresh: seenBefore === undefined };
       }`,
      'counts.ts',
    );
    // As after a run whose racer loaded the module three times.
    LearnerIsolate.prepareSpares(DEFAULT_LIMITS, [1, 3]);
    await pause(300);
    const isolate = LearnerIsolate.forRun(program, DEFAULT_LIMITS, true);
    try {
      for (let load = 0; load < 4; load++) {
        const gate = new CheckGate();
        const context = await isolate.load(capabilitiesBehind(gate));
        expect((await context.call('next', [])).value).toEqual({ count: 1, fresh: true });
        expect((await context.call('next', [])).value).toEqual({ count: 2, fresh: true });
        gate.close();
        await context.takeOutput();
        context.release();
      }
    } finally {
      isolate.dispose();
    }
  });

  it('never wakes code a closed check left waiting, even once the host collected its garbage', async () => {
    const program = transpile(
      `import Redis from 'ioredis';
       let woke = 'no';
       export async function wait() {
         try {
           await new Redis().get('k');
           woke = 'answered';
         } catch (error) {
           woke = String(error);
         }
       }
       export function wokeUp() {
         return woke;
       }`,
      'waits.ts',
    );
    const isolate = LearnerIsolate.forRun(program, DEFAULT_LIMITS);
    try {
      const first = new CheckGate();
      const context = await isolate.load(capabilitiesBehind(first));
      void context.call('wait', []).catch(() => {});
      await pause(20);
      first.close();
      isolate.abandonUnfinished();
      for (let round = 0; round < 3; round++) {
        collectGarbage();
        await pause(20);
      }
      context.lend(capabilitiesBehind(new CheckGate()));
      expect((await context.call('wokeUp', [])).value).toBe('no');
    } finally {
      isolate.dispose();
    }
  });

  it('holds little memory until a module keeps bytes outside the heap, released or not', async () => {
    const module = (bytes: number) =>
      transpile(
        `const kept = new Uint8Array(${bytes}).fill(1);
         export function size() {
           return kept.length;
         }`,
        'keeps.ts',
      );
    const small = LearnerIsolate.forRun(module(1024), DEFAULT_LIMITS);
    const large = LearnerIsolate.forRun(module(2 * 1024 * 1024), DEFAULT_LIMITS);
    try {
      expect(await large.holdsLittleMemory()).toBe(true);
      const loaded = await large.load(capabilitiesBehind(new CheckGate()));
      expect((await loaded.call('size', [])).value).toBe(2 * 1024 * 1024);
      expect(await large.holdsLittleMemory()).toBe(false);
      // Garbage now, but bytes outside the heap wait for a collection no allocation prompts.
      loaded.release();
      expect(await large.holdsLittleMemory()).toBe(false);
      await small.load(capabilitiesBehind(new CheckGate()));
      expect(await small.holdsLittleMemory()).toBe(true);
    } finally {
      small.dispose();
      large.dispose();
    }
    expect(await large.holdsLittleMemory()).toBe(false);
  });
});
