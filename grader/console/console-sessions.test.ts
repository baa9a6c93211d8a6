import { readdirSync, readFileSync } from 'node:fs';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { SandboxesFullError } from '../errors.ts';
import type { SandboxAddress } from '../redis/sandbox-server.ts';
import { DEFAULT_LIMITS } from '../runner/limits.ts';
import { connectTrusted } from '../runner/sandbox-connections.ts';
import { type ConsoleLimits, ConsoleSessions, type ConsoleUser } from './console-sessions.ts';

/** A learner from an address of their own, unless told otherwise. */
const user = (learner: string, address = `address-of-${learner}`): ConsoleUser => ({
  learner,
  address,
});

/** Consoles for one test: one sandbox, kept, never paused, unless the test says otherwise. */
function consolesWith(limits: Partial<ConsoleLimits>): ConsoleSessions {
  const maxSessions = limits.maxSessions ?? 1;
  return new ConsoleSessions({
    maxSessions,
    maxPerAddress: maxSessions,
    idleMs: 60_000,
    pauseAfterMs: 60_000,
    spares: 2,
    burstSpares: 2,
    reclaimWhenFullMs: 60_000,
    commandTimeoutMs: 2_000,
    ...limits,
  });
}

/** The learner's own connection to their sandbox, as a Run's code has it. */
function connectLearner(sandbox: SandboxAddress): Redis {
  const learner = new Redis({
    path: sandbox.socketPath,
    username: 'learner',
    password: sandbox.learnerPassword,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  learner.on('error', () => {});
  return learner;
}

/** This process's redis-server children, by pid, with the state /proc shows (T: paused). */
function redisChildren(): Map<number, string> {
  const children = new Map<number, string>();
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    const [, name, state = '', parent] = /^\d+ \((.*)\) (\S) (\d+)/.exec(stat) ?? [];
    if (name === 'redis-server' && Number(parent) === process.pid) {
      children.set(Number(entry), state);
    }
  }
  return children;
}

describe('Redis consoles', () => {
  const consoles = consolesWith({
    maxSessions: 3,
    // Paused after 100 ms unused: between tests, and while a test uses the other learner's.
    pauseAfterMs: 100,
    // Long enough for the memory test's 72 MB of writes on a busy machine.
    commandTimeoutMs: 2_000,
  });
  const mine = user('learner-mine');
  const theirs = user('learner-theirs');
  beforeAll(async () => {
    await Promise.all([consoles.run(mine, 'PING'), consoles.run(theirs, 'PING')]);
  });
  afterAll(() => consoles.stop());

  it('keeps keys between commands and prints replies as redis-cli does', async () => {
    expect(await consoles.run(mine, 'SET greeting "hello world"')).toEqual({ output: 'OK' });
    expect(await consoles.run(mine, 'GET greeting')).toEqual({ output: '"hello world"' });
    expect(await consoles.run(mine, 'RPUSH l a b')).toEqual({ output: '(integer) 2' });
    expect(await consoles.run(mine, 'LRANGE l 0 -1')).toEqual({ output: '1) "a"\n2) "b"' });
    expect(await consoles.run(mine, 'GET nothing')).toEqual({ output: '(nil)' });
  });

  it("keeps each learner's keys to their own console", async () => {
    await consoles.run(mine, 'SET secret mine');
    expect(await consoles.run(theirs, 'GET secret')).toEqual({ output: '(nil)' });
  });

  it('runs several lines on one connection, so a transaction works', async () => {
    const reply = await consoles.run(mine, 'MULTI\nSET t 1\nINCR t\nEXEC');
    expect(reply.output).toBe('OK\nQUEUED\nQUEUED\n1) OK\n2) (integer) 2');
  });

  it('says why an administrative command is refused', async () => {
    const reply = await consoles.run(mine, 'CONFIG GET maxmemory');
    expect(reply.output).toMatch(/^\(error\) NOPERM/);
    expect(reply.note).toMatch(/does not let learners run administrative commands/);
  });

  it('says so too where redis-cli prints the refusal raw, without "(error)" (CLIENT LIST)', async () => {
    const reply = await consoles.run(mine, 'CLIENT LIST');
    expect(reply.output).toMatch(/^NOPERM/);
    expect(reply.note).toMatch(/does not let learners run administrative commands/);
  });

  it('says why DEBUG is refused, and what a WRONGTYPE means', async () => {
    expect((await consoles.run(mine, 'DEBUG SLEEP 0')).note).toMatch(/administrative commands/);
    await consoles.run(mine, 'HSET user:1 name Ada');
    const reply = await consoles.run(mine, 'GET user:1');
    expect(reply.output).toMatch(/^\(error\) WRONGTYPE/);
    expect(reply.note).toMatch(/TYPE <key> tells which/);
  });

  it('keeps replies to a readable size, and runs each command once', async () => {
    await consoles.run(mine, 'SETRANGE big 100000 x');
    const reply = await consoles.run(mine, 'GET big');
    expect(reply.output.length).toBeLessThanOrEqual(64 * 1024);
    expect(reply.note).toMatch(/cut at 64 KB/);
    const big = await consoles.key(mine, 'big');
    expect(big?.value).toMatchObject({ kind: 'bytes', length: 100_001 });
    expect(big?.value.kind === 'bytes' && big.value.hex.length).toBeLessThan(1024);
    const repeated = await consoles.run(mine, '1000000 INCR counter');
    expect(repeated).toMatchObject({ output: '', note: expect.stringMatching(/repeats it/) });
    expect(await consoles.run(mine, 'GET counter')).toEqual({ output: '(nil)' });
  });

  it('runs no command more than once, however the repeat count is written', async () => {
    for (const line of [
      '+5 INCR tally',
      '"5" INCR tally',
      "'5' INCR tally",
      '"\\x35" INCR tally',
      '5"" INCR tally',
      ' -0 INCR tally',
    ]) {
      const reply = await consoles.run(mine, `GET before\n${line}`);
      expect({ line, reply }).toMatchObject({
        line,
        reply: { output: '', note: expect.stringMatching(/repeats it/) },
      });
    }
    expect(await consoles.run(mine, 'GET tally')).toEqual({ output: '(nil)' });
    // A number that is an argument, not the first word, is no repeat count.
    expect(await consoles.run(mine, 'INCRBY tally 5')).toEqual({ output: '(integer) 5' });
  });

  it("shows INFO without the machine's paths, process and kernel", async () => {
    const { output } = await consoles.run(mine, 'INFO server');
    expect(output).toMatch(/redis_version:\d/);
    for (const field of ['os', 'process_id', 'run_id', 'executable', 'config_file']) {
      expect(output).toMatch(new RegExp(`^${field}:hidden\r?$`, 'm'));
    }
    expect(output).not.toMatch(/keyspace-sandbox-|\/redis-server|Linux/);
  });

  it('refuses SYNC and PSYNC with a reason, rather than failing', async () => {
    for (const line of ['SYNC', 'psync ? -1', '"sync"']) {
      expect(await consoles.run(mine, line)).toMatchObject({
        output: '',
        note: expect.stringMatching(/^SYNC and PSYNC make redis-cli a replica/),
      });
    }
  });

  it('says that MULTI typed alone lasts only for that entry', async () => {
    const reply = await consoles.run(mine, 'MULTI');
    expect(reply.note).toMatch(/connection of its own/);
  });

  it('stops a command that would wait for good, and goes on working', async () => {
    const blocked = await consoles.run(mine, 'BLPOP queue 0');
    expect(blocked.note).toMatch(/stopped after 2 s of waiting/);
    const looping = await consoles.run(mine, 'EVAL "while true do end" 0');
    expect(looping.note).toMatch(/stopped after 2 s of waiting/);
    expect(await consoles.run(mine, 'GET secret')).toEqual({ output: '"mine"' });
  });

  it('waits, once code is done with a sandbox, until it is idle: a script left running is killed, keys kept', async () => {
    await consoles.run(mine, 'SET kept yes');
    const note = await consoles.useSandbox(mine, async (sandbox) => {
      const learner = connectLearner(sandbox.address);
      learner.eval('while true do end', 0).catch(() => {});
      await new Promise((resolve) => setTimeout(resolve, 200));
      learner.disconnect();
      return sandbox.settle();
    });
    expect(note).toBeUndefined();
    expect(await consoles.run(mine, 'GET kept')).toEqual({ output: '"yes"' });
  });

  it('replaces a sandbox that one command keeps busy after the code is done, saying so', async () => {
    await consoles.run(theirs, 'SET lost soon');
    const started = performance.now();
    const note = await consoles.useSandbox(theirs, async (sandbox) => {
      const learner = connectLearner(sandbox.address);
      // One call into C (a pattern that backtracks for seconds): no SCRIPT KILL reaches it, and
      // the server answers nobody meanwhile.
      learner
        .eval("return string.find(string.rep('a', 200), string.rep('a*', 4) .. 'b')", 0)
        .catch(() => {});
      await new Promise((resolve) => setTimeout(resolve, 200));
      learner.disconnect();
      return sandbox.settle();
    });
    expect(note).toMatch(/still busy 2 s after your code was done .* \(script limit\)$/);
    // Replaced once the 2 s are up, not at the command's own end (a quarter of a minute here).
    expect(performance.now() - started).toBeLessThan(8_000);
    expect(await consoles.run(theirs, 'GET lost')).toEqual({ output: '(nil)' });
  });

  it('treats text as data: markup and escapes are stored and shown, never run', async () => {
    await consoles.run(mine, 'SET html "<img src=x onerror=alert(1)>"');
    expect(await consoles.run(mine, 'GET html')).toEqual({
      output: '"<img src=x onerror=alert(1)>"',
    });
  });

  it('starts one sandbox per learner, even for two first commands at once, and refuses one beyond the limit', async () => {
    await Promise.all([
      consoles.run(user('third'), 'SET a 1'),
      consoles.run(user('third'), 'SET b 2'),
    ]);
    expect(consoles.size).toBe(3);
    expect(await consoles.run(user('third'), 'DBSIZE')).toEqual({ output: '(integer) 2' });
    const full = consoles.run(user('fourth'), 'PING');
    await expect(full).rejects.toBeInstanceOf(SandboxesFullError);
    await expect(full).rejects.toThrow(/the server is full: all 3 learner sandboxes are in use/);
    await consoles.close('third');
    expect(await consoles.run(user('fourth'), 'PING')).toEqual({ output: 'PONG' });
    await consoles.close('fourth');
  });

  it("caps each sandbox's memory: a learner who fills theirs is refused, and another is not touched", async () => {
    const cap = DEFAULT_LIMITS.redisMemoryMb;
    const fill = Array.from({ length: cap / 4 + 2 }, (_, i) => `SETRANGE filler:${i} 4000000 x`);
    const reply = await consoles.run(mine, fill.join('\n'));
    expect(reply.output).toMatch(/OOM command not allowed when used memory > 'maxmemory'/);
    expect(await consoles.run(theirs, 'SET mine-is-fine yes')).toEqual({ output: 'OK' });
    expect(await consoles.run(theirs, 'DBSIZE')).toEqual({ output: '(integer) 1' });
    await consoles.run(mine, 'FLUSHDB');
  });

  it('reclaims the sandbox of a learner gone idle, and starts a fresh one when they return', async () => {
    const brief = consolesWith({
      idleMs: 150,
      reclaimWhenFullMs: 150,
      commandTimeoutMs: 500,
    });
    try {
      await brief.run(user('learner'), 'SET left behind');
      await expect.poll(() => brief.size, { timeout: 5_000 }).toBe(0);
      expect(await brief.run(user('learner'), 'GET left')).toEqual({ output: '(nil)' });
    } finally {
      await brief.stop();
    }
  });

  it('gives a newcomer the sandbox unused longest when full, but never one in use', async () => {
    const full = consolesWith({
      reclaimWhenFullMs: 200,
      commandTimeoutMs: 500,
    });
    try {
      await full.run(user('early'), 'SET mine 1');
      await expect(full.run(user('newcomer'), 'PING')).rejects.toBeInstanceOf(SandboxesFullError);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await full.run(user('newcomer'), 'GET mine')).toEqual({ output: '(nil)' });
      await expect(full.run(user('early'), 'PING')).rejects.toBeInstanceOf(SandboxesFullError);
    } finally {
      await full.stop();
    }
  });

  it('lets the learners of one address hold their share of sandboxes, however many cookies they make, and serves another address', async () => {
    const shared = consolesWith({
      maxSessions: 4,
      maxPerAddress: 2,
      reclaimWhenFullMs: 1_500,
      commandTimeoutMs: 500,
    });
    const attacker = (n: number) => user(`cookie-${n}`, '198.51.100.7');
    try {
      await shared.run(attacker(1), 'SET mine 1');
      await shared.run(attacker(2), 'SET mine 2');
      const third = shared.run(attacker(3), 'PING');
      await expect(third).rejects.toBeInstanceOf(SandboxesFullError);
      await expect(third).rejects.toThrow(
        /your network address already use 2 sandboxes, the most one address may hold/,
      );
      // The same cookies from another address still count against the address that opened them.
      await shared.run(user('cookie-1', '198.51.100.8'), 'PING');
      await expect(shared.run(attacker(3), 'PING')).rejects.toBeInstanceOf(SandboxesFullError);
      expect(await shared.run(user('honest', '203.0.113.5'), 'PING')).toEqual({ output: 'PONG' });
      expect(await shared.run(user('another', '203.0.113.9'), 'PING')).toEqual({ output: 'PONG' });
      // Once one of the address's sandboxes has gone unused, the next cookie takes that one.
      await new Promise((resolve) => setTimeout(resolve, 1_600));
      await shared.run(attacker(2), 'PING');
      expect(await shared.run(attacker(3), 'PING')).toEqual({ output: 'PONG' });
      await expect.poll(() => shared.size).toBe(4);
      expect(await shared.run(attacker(2), 'GET mine')).toEqual({ output: '"2"' });
    } finally {
      await shared.stop();
    }
  });

  it('gives a newcomer, when full, a sandbox of the address holding the most, never one from an address with no more than theirs', async () => {
    const full = consolesWith({
      maxSessions: 3,
      commandTimeoutMs: 500,
    });
    try {
      for (const n of [1, 2, 3]) await full.run(user(`greedy-${n}`, '198.51.100.7'), 'PING');
      // 3 against 0, then 2 against 1: the greedy address gives one up each time.
      expect(await full.run(user('b', '203.0.113.2'), 'PING')).toEqual({ output: 'PONG' });
      expect(await full.run(user('c', '203.0.113.3'), 'PING')).toEqual({ output: 'PONG' });
      // One each now: nobody holds more than a newcomer would, and nobody has been idle long.
      await expect(full.run(user('d', '203.0.113.4'), 'PING')).rejects.toBeInstanceOf(
        SandboxesFullError,
      );
      expect(await full.run(user('greedy-3', '198.51.100.7'), 'PING')).toEqual({ output: 'PONG' });
    } finally {
      await full.stop();
    }
  });

  it('refuses CONNECT, which would point redis-cli at another server, with a reason', async () => {
    expect(await consoles.run(mine, 'PING\nconnect localhost 6379')).toMatchObject({
      output: '',
      note: expect.stringMatching(/the console speaks only to your own Redis$/),
    });
  });

  it('says so when the connection to Redis closes during an entry, and replaces a Redis that stopped', async () => {
    const own = consolesWith({
      commandTimeoutMs: 5_000,
    });
    onTestFinished(() => own.stop());
    const learner = user('loses-redis');
    await own.run(learner, 'SET kept yes');
    const trusted = connectTrusted(await own.useSandbox(learner, async ({ address }) => address));
    onTestFinished(() => trusted.disconnect());
    /** Runs the lines, and `meanwhile` once a BLPOP of theirs waits in Redis. */
    const whileBlocked = async (lines: string, meanwhile: () => Promise<unknown>) => {
      const blocked = async () =>
        ((await trusted.call('CLIENT', 'LIST', 'TYPE', 'normal')) as string).includes('blpop');
      const [reply] = await Promise.all([
        own.run(learner, lines),
        (async () => {
          while (!(await blocked())) await new Promise((resolve) => setTimeout(resolve, 20));
          await meanwhile();
        })(),
      ]);
      return reply;
    };
    const killed = await whileBlocked('BLPOP queue 0\nGET kept', () =>
      trusted.call('CLIENT', 'KILL', 'USER', 'learner'),
    );
    expect(killed).toEqual({
      output: 'Error: Server closed the connection\n"yes"',
      note: 'the connection to your Redis closed during the entry',
    });
    const stopped = await whileBlocked('BLPOP queue 0\nGET kept', () =>
      trusted.call('SHUTDOWN', 'NOSAVE').catch(() => {}),
    );
    expect(stopped.output).toMatch(
      /^Error: Server closed the connection\nCould not connect to Redis at redis\.sock: /,
    );
    expect(stopped.note).toMatch(/a new, empty sandbox took its place$/);
    expect(await own.run(learner, 'GET kept')).toEqual({ output: '(nil)' });
  });

  it("pauses a sandbox left unused, and every way to it resumes it first: commands, a Run's code, the key browser, a lesson's block, a reset", async () => {
    const dozing = consolesWith({ pauseAfterMs: 100 });
    onTestFinished(() => dozing.stop());
    const learner = user('dozes');
    await dozing.run(learner, 'SET kept yes\nSET brief gone PX 600');
    /** Runs `work` with the learner's own client, as a Run's code has it. */
    const asRun = <T>(work: (redis: Redis) => Promise<T>) =>
      dozing.useSandbox(learner, async ({ address }) => {
        const redis = connectLearner(address);
        try {
          return await work(redis);
        } finally {
          redis.disconnect();
        }
      });
    const pid = Number(
      /process_id:(\d+)/.exec(await asRun((redis) => redis.info('server')))?.[1] ?? Number.NaN,
    );
    const paused = () => expect.poll(() => redisChildren().get(pid), { timeout: 10_000 }).toBe('T');
    await paused();
    await new Promise((resolve) => setTimeout(resolve, 700));
    // Its TTL ran out meanwhile: Redis reads the clock when it runs again.
    expect(await dozing.run(learner, 'GET kept\nGET brief')).toEqual({ output: '"yes"\n(nil)' });
    await paused();
    expect(await asRun((redis) => redis.get('kept'))).toBe('yes');
    await paused();
    expect((await dozing.keyPage(learner)).keys.map(({ key }) => key)).toEqual(['kept']);
    await paused();
    const block = { commands: 'GET kept', expected: '"yes"\n' };
    expect(await dozing.runBlock(learner, block, [])).toMatchObject({ output: '"yes"' });
    await paused();
    expect(await dozing.reset(learner, [])).toEqual({ ran: 0 });
    await paused();
    expect(await dozing.run(learner, 'DBSIZE')).toEqual({ output: '(integer) 0' });
  });

  it('does not pause a sandbox under a command that waits longer than the pause comes', async () => {
    const dozing = consolesWith({
      pauseAfterMs: 100,
      commandTimeoutMs: 3_000,
    });
    onTestFinished(() => dozing.stop());
    const learner = user('waits');
    await dozing.run(learner, 'PING');
    // Four pauses' worth of waiting: a pause taken under it would hold BLPOP past the console's limit.
    const reply = await dozing.run(learner, 'BLPOP nothing 0.4\nRPUSH after 1');
    // redis-cli prints how long a command took once it took half a second: a busy machine's doing.
    expect(reply.output).toMatch(/^\(nil\)\n(\(\d+\.\d\ds\)\n)?\(integer\) 1$/);
    expect(reply.note).toBeUndefined();
  });

  it('starts sandboxes ahead, paused, for newcomers, never past the most it may hold, and stops them with the rest', async () => {
    const before = redisChildren();
    const started = () => [...redisChildren()].filter(([pid]) => !before.has(pid));
    const ahead = consolesWith({
      maxSessions: 2,
    });
    try {
      await ahead.run(user('first'), 'SET mine first');
      // The first learner's sandbox, and one spare: two spares would pass the most it may hold.
      const paused = () => started().filter(([, state]) => state === 'T').length;
      await expect.poll(paused).toBe(1);
      expect(started()).toHaveLength(2);
      expect(await ahead.run(user('second'), 'GET mine')).toEqual({ output: '(nil)' });
      // The newcomer took the spare; none is started for a third, who would find no room.
      expect(started()).toHaveLength(2);
      expect(await ahead.run(user('first'), 'GET mine')).toEqual({ output: '"first"' });
    } finally {
      await ahead.stop();
    }
    expect(started()).toEqual([]);
  });

  it('stops a spare that arrives once newcomers have taken the room it was started for', async () => {
    const before = redisChildren();
    const started = () => [...redisChildren()].filter(([pid]) => !before.has(pid));
    const ahead = consolesWith({ maxSessions: 2 });
    try {
      // The spare starts as the first sandbox opens; the second learner does not wait for it.
      await ahead.run(user('first'), 'PING');
      await ahead.run(user('second'), 'PING');
      await expect.poll(() => started().length).toBe(2);
      expect(await ahead.run(user('second'), 'SET mine 2')).toEqual({ output: 'OK' });
    } finally {
      await ahead.stop();
    }
    expect(started()).toEqual([]);
  });

  it('finishes the work queued on a sandbox before reclaiming it, and starts afresh after', async () => {
    const brief = consolesWith({
      maxSessions: 2,
      commandTimeoutMs: 500,
    });
    try {
      await brief.run(user('learner'), 'PING');
      const running = brief.run(user('learner'), 'SET during close');
      // The command is queued on the sandbox (not yet run) when the reclaiming begins.
      await new Promise((resolve) => setImmediate(resolve));
      const closing = brief.close('learner');
      expect(await running).toEqual({ output: 'OK' });
      await closing;
      expect(await brief.run(user('learner'), 'GET during')).toEqual({ output: '(nil)' });
      expect(brief.size).toBe(1);
    } finally {
      await brief.stop();
    }
  });
});
