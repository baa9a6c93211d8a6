import { describe, expect, it } from 'vitest';
import { SandboxesFullError } from '../errors.ts';
import { type HeldSandbox, sandboxToReclaim } from './console-room.ts';

const NOW = 1_000_000;
const limits = { maxSessions: 4, maxPerAddress: 2, reclaimWhenFullMs: 60_000 };
/** A sandbox of `address`, last used `ago` ms before NOW. */
const held = (address: string, ago: number): HeldSandbox => ({ address, lastUsed: NOW - ago });

describe("making room for a newcomer's sandbox", () => {
  it('reclaims nothing while there is room and the address is under its share', () => {
    expect(sandboxToReclaim('a', [held('a', 0), held('b', 0)], [], limits, NOW)).toBeUndefined();
  });

  it("gives up the address's own sandbox unused longest once past the wait, never one in use", () => {
    const older = held('a', 90_000);
    const sandboxes = [held('a', 70_000), older, held('b', 120_000)];
    expect(sandboxToReclaim('a', sandboxes, [], limits, NOW)).toBe(older);
    expect(() => sandboxToReclaim('a', [held('a', 0), held('a', 59_000)], [], limits, NOW)).toThrow(
      SandboxesFullError,
    );
  });

  it('counts the sandboxes being started against their address and the whole', () => {
    expect(() => sandboxToReclaim('a', [held('a', 0)], ['a'], limits, NOW)).toThrow(
      /your network address already use 2 sandboxes/,
    );
    const idle = held('c', 61_000);
    expect(sandboxToReclaim('d', [held('b', 0), idle], ['b', 'c'], limits, NOW)).toBe(idle);
  });

  it('when full, reclaims the sandbox unused longest, else one of the address holding more than the newcomer would', () => {
    const idle = held('b', 61_000);
    expect(
      sandboxToReclaim('d', [held('a', 0), idle, held('c', 0), held('a', 0)], [], limits, NOW),
    ).toBe(idle);
    const oldestOfGreedy = held('g', 500);
    const greedy = [held('g', 100), oldestOfGreedy, held('g', 10), held('h', 5_000)];
    const wide = { ...limits, maxPerAddress: 4 };
    expect(sandboxToReclaim('n', greedy, [], wide, NOW)).toBe(oldestOfGreedy);
  });

  it('refuses a newcomer when nobody holds more than one more than theirs would', () => {
    const wide = { ...limits, maxPerAddress: 4 };
    const even = [held('a', 0), held('a', 0), held('b', 0), held('b', 0)];
    expect(() => sandboxToReclaim('a', even, [], wide, NOW)).toThrow(SandboxesFullError);
    // Taking one of a's two would leave c with two and a with one: no fairer.
    const nearly = [held('a', 0), held('a', 0), held('b', 0), held('c', 0)];
    expect(() => sandboxToReclaim('c', nearly, [], wide, NOW)).toThrow(SandboxesFullError);
  });
});
