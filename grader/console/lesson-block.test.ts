import { afterAll, describe, expect, it } from 'vitest';
import { ConsoleSessions, type ConsoleUser } from './console-sessions.ts';

const user = (learner: string): ConsoleUser => ({ learner, address: `address-of-${learner}` });

describe("a lesson's blocks in the learner's console", () => {
  const consoles = new ConsoleSessions({
    maxSessions: 8,
    maxPerAddress: 8,
    idleMs: 60_000,
    // A spare is paused until taken, and a sandbox 100 ms unused: the turns here resume them.
    pauseAfterMs: 100,
    spares: 2,
    burstSpares: 2,
    reclaimWhenFullMs: 60_000,
    commandTimeoutMs: 2_000,
  });
  afterAll(() => consoles.stop());

  it("says the reply is the lesson's when it is, to the character", async () => {
    const reply = await consoles.runBlock(
      user('matching'),
      { commands: 'SADD tags a b c\nSCARD tags', expected: '(integer) 3\n(integer) 3\n' },
      [],
    );
    expect(reply).toEqual({
      output: '(integer) 3\n(integer) 3',
      comparison: { matches: true, fromEarlier: [], missing: [] },
    });
  });

  it('names the keys that were there before the block though no block above made them', async () => {
    const learner = user('leftovers');
    // Left by another lesson, or typed at the console.
    await consoles.run(learner, 'SADD tags x\nSET unrelated 1');
    const reply = await consoles.runBlock(
      learner,
      { commands: 'SADD tags a b c\nSADD other z', expected: '(integer) 3\n(integer) 1' },
      ['SET other:seen 1'],
    );
    expect(reply.output).toBe('(integer) 3\n(integer) 1');
    // The reply matches although `tags` came from earlier: it is said only when it differs.
    expect(reply.comparison).toEqual({ matches: true, fromEarlier: ['tags'], missing: [] });
    const again = await consoles.runBlock(
      learner,
      { commands: 'SADD tags a b c', expected: '(integer) 3' },
      [],
    );
    expect(again.comparison).toEqual({ matches: false, fromEarlier: ['tags'], missing: [] });
  });

  it('names the keys a block above makes that are missing: the blocks above were not run', async () => {
    const reply = await consoles.runBlock(
      user('skipped-ahead'),
      { commands: 'HGET user:42 name\nEXISTS user:7', expected: '"Ada"\n(integer) 0' },
      ['HSET user:42 name Ada', 'PING'],
    );
    expect(reply.output).toBe('(nil)\n(integer) 0');
    expect(reply.comparison).toEqual({ matches: false, fromEarlier: [], missing: ['user:42'] });
  });

  it('compares nothing for a block the lesson shows no reply for', async () => {
    expect(await consoles.runBlock(user('no-reply'), { commands: 'SET a 1' }, [])).toEqual({
      output: 'OK',
    });
  });

  it('empties Redis, scripts included, and runs the blocks above to make it as the lesson has it', async () => {
    const learner = user('resetting');
    await consoles.run(learner, 'SET stale 1\nSCRIPT LOAD "return 1"');
    expect(await consoles.reset(learner, ['SET count 1', 'INCR count\nRPUSH l a'])).toEqual({
      ran: 2,
    });
    const looked = await consoles.run(
      learner,
      'GET count\nLRANGE l 0 -1\nEXISTS stale\nSCRIPT EXISTS e0e1f9fabfc9d4800c877a703b823ac0578ff8db',
    );
    expect(looked.output).toBe('"2"\n1) "a"\n(integer) 0\n1) (integer) 0');
  });

  it('says which block went wrong while setting up, and stops there', async () => {
    const learner = user('broken-setup');
    expect(await consoles.reset(learner, ['SET s text', 'INCR s', 'SET never 1'])).toEqual({
      ran: 1,
      note: 'block 2 did not run cleanly: (error) ERR value is not an integer or out of range',
    });
    expect((await consoles.run(learner, 'EXISTS never')).output).toBe('(integer) 0');
  });

  it('starts no Redis to empty for a learner who has none', async () => {
    const before = consoles.size;
    expect(await consoles.reset(user('never-here'), [])).toEqual({ ran: 0 });
    expect(consoles.size).toBe(before);
  });
});
