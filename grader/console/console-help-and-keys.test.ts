import { afterAll, describe, expect, it } from 'vitest';
import { ConsoleSessions, type ConsoleUser } from './console-sessions.ts';

const ada: ConsoleUser = { learner: 'learner-ada', address: 'address-of-ada' };
const bo: ConsoleUser = { learner: 'learner-bo', address: 'address-of-bo' };

describe("a console's help, and its keys deleted one at a time", () => {
  const consoles = new ConsoleSessions({
    maxSessions: 2,
    maxPerAddress: 2,
    idleMs: 60_000,
    // A spare is paused until taken, and a sandbox 100 ms unused: the turns here resume them.
    pauseAfterMs: 100,
    spares: 2,
    burstSpares: 2,
    reclaimWhenFullMs: 60_000,
    commandTimeoutMs: 2_000,
  });
  afterAll(() => consoles.stop());

  it('reads the command docs once, for every learner, without a sandbox of theirs', async () => {
    const [first, second] = await Promise.all([consoles.commandDocs(), consoles.commandDocs()]);
    expect(first).toBe(second);
    expect(await consoles.commandDocs()).toBe(first);
    expect(first.find(({ name }) => name === 'GET')?.syntax).toBe('GET key');
    expect(consoles.size).toBe(0);
  }, 30_000);

  it('asks "did you mean" of a command Redis does not know', async () => {
    const reply = await consoles.run(ada, 'SET weather sunny\ngte weather\nGTE x\nfrobnicate');
    expect(reply.output).toMatch(/^OK\n\(error\) ERR unknown command 'gte'/);
    expect(reply.note).toBe('Redis has no command GTE: did you mean GET?');
    expect((await consoles.run(ada, 'XET k')).note).toBe(
      'Redis has no command XET: did you mean GET or SET?',
    );
    expect((await consoles.run(ada, 'frobnicate')).note).toBeUndefined();
  }, 30_000);

  it("deletes a key of the learner's own Redis only, and none for a learner without one", async () => {
    await consoles.run(bo, 'SET weather rainy');
    expect(await consoles.deleteKey(ada, 'weather')).toBe(true);
    expect(await consoles.deleteKey(ada, 'weather')).toBe(false);
    expect((await consoles.run(ada, 'GET weather')).output).toBe('(nil)');
    expect((await consoles.run(bo, 'GET weather')).output).toBe('"rainy"');
    const carl: ConsoleUser = { learner: 'learner-carl', address: 'address-of-carl' };
    expect(await consoles.deleteKey(carl, 'weather')).toBe(false);
    expect(consoles.size).toBe(2);
  }, 30_000);

  it('filters the keys of a page by a pattern', async () => {
    await consoles.run(ada, 'MSET user:1 a user:2 b other c');
    const page = await consoles.keyPage(ada, '0', 'user:*');
    expect(page.keys.map(({ key }) => key)).toEqual(['user:1', 'user:2']);
  }, 30_000);
});
