import type Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SandboxServer } from '../redis/sandbox-server.ts';
import { resetSandbox } from '../runner/reset-sandbox.ts';
import { connectTrusted } from '../runner/sandbox-connections.ts';
import { seconds } from './cli-repl.ts';
import { MAX_OUTPUT_CHARS, runRedisCli } from './redis-cli.ts';
import { spawnRedisCli } from './spawned-redis-cli.ts';

interface Case {
  lines: string[];
  /** How long both runs are given: a run still waiting then is stopped. */
  timeoutMs?: number;
  /** What another client does while the lines run (a PUBLISH to a subscriber). */
  meanwhile?: (trusted: Redis) => Promise<void>;
}

/** Publishes once the console's connection listens to `channel`, as another client would. */
const publishTo =
  (channel: string, ...messages: string[]) =>
  async (trusted: Redis): Promise<void> => {
    const listening = async () => {
      const [, count] = (await trusted.call('PUBSUB', 'NUMSUB', channel)) as [string, number];
      const patterns = (await trusted.call('PUBSUB', 'NUMPAT')) as number;
      return count + patterns > 0;
    };
    while (!(await listening())) await new Promise((resolve) => setTimeout(resolve, 20));
    for (const message of messages) await trusted.publish(channel, message);
  };

/** Each case runs on an empty Redis, through redis-cli and through runRedisCli. */
const CASES: Record<string, Case> = {
  'strings: binary, non-ASCII, empty and nil': {
    lines: [
      'SET greeting "hello world"',
      'GET greeting',
      'GET missing',
      'SET empty ""',
      'GET empty',
      String.raw`SET bytes "\x00\x01\x7f\x80\xff \"quoted\" back\\slash \r\n\t\a\b"`,
      'GET bytes',
      'SET text "ünïcödé 日本語 🙂"',
      'GET text',
      'SET typed ünïcödé',
      'GET typed',
      'APPEND greeting !',
      'INCRBY counter -9223372036854775807',
      'INCRBYFLOAT float 1.5',
      'MGET greeting missing empty',
    ],
  },
  'lists, sets, hashes and sorted sets in RESP2': {
    lines: [
      'RPUSH list a "" c',
      'LRANGE list 0 -1',
      'LRANGE missing 0 -1',
      'LPOP missing',
      'RPUSH many 1 2 3 4 5 6 7 8 9 10 11 12',
      'LRANGE many 0 -1',
      'SADD set only',
      'SMEMBERS set',
      'HSET hash field value empty ""',
      'HGETALL hash',
      'HMGET hash field nope empty',
      'HGETALL missing',
      'ZADD board 1 ada 2.5 bo',
      'ZRANGE board 0 -1 WITHSCORES',
      'ZSCORE board bo',
    ],
  },
  'nested arrays: streams, COMMAND INFO, Lua tables': {
    lines: [
      'XADD stream 1-1 name ada lang c',
      'XADD stream 2-0 name bo',
      'XRANGE stream - +',
      'XREAD COUNT 1 STREAMS stream 0',
      'COMMAND INFO get',
      `EVAL "return {1, {2, {3, {}}}, {}, 'x', {err='nested error'}}" 0`,
      'EVAL "return {}" 0',
      'EVAL "return {1,2,3,4,5,6,7,8,9,10,{1,2,3,4,5,6,7,8,9,10,11}}" 0',
    ],
  },
  'errors and statuses': {
    lines: [
      'GET',
      'frobnicate x',
      'HSET h f v',
      'GET h',
      'CONFIG GET maxmemory',
      `EVAL "return redis.error_reply('my own error')" 0`,
      `EVAL "return {ok='fine'}" 0`,
      `EVAL "return {err='ünï'}" 0`,
      String.raw`EVAL "return redis.status_reply('\xff\xfe')" 0`,
      'AUTH learner wrong',
      'MONITOR',
      'MULTI',
      'SET t 1',
      'INCR t',
      'GET h',
      'EXEC',
      'MULTI',
      'SET t',
      'EXEC',
    ],
  },
  'RESP3 after HELLO 3: maps, sets, doubles, booleans, verbatim strings': {
    lines: [
      'HELLO 3',
      'HSET hash a 1 b ""',
      'HGETALL hash',
      'HGETALL missing',
      'SADD set x',
      'SMEMBERS set',
      'SMEMBERS missing',
      'ZADD board 1 ada 2.5 bo',
      'ZSCORE board bo',
      'ZRANGE board 0 -1 WITHSCORES',
      'ZINCRBY board 0.1 ada',
      'EVAL "return true" 0',
      'EVAL "return false" 0',
      'EVAL "return {double=1/0}" 0',
      'EVAL "return {map={a=1, b={1, 2}}}" 0',
      'EVAL "return {set={a=true}}" 0',
      String.raw`EVAL "return {verbatim_string={format='txt', string='two\\nlines'}}" 0`,
      'XADD stream 1-1 a 1',
      'XINFO STREAM stream',
      'COMMAND DOCS get',
      'GET missing',
      'LPOP missing',
    ],
  },
  "redis-cli's own words: help, preferences, repeat counts, bad quotes, QUIT": {
    lines: [
      'help GET',
      'help @hyperloglog',
      'help config get',
      '? ttl',
      'help',
      ':set hints',
      ':set colours',
      ':nothing',
      'restart',
      'GET "unbalanced',
      'SET k "a"b',
      '"" GET k',
      '0 PING',
      '3 PING',
      'PING',
      'QUIT',
      'PING',
    ],
  },
  'raw replies: INFO and its like, RESP2 and RESP3': {
    lines: [
      'SET k v',
      'INFO keyspace',
      'CLIENT LIST',
      'MEMORY DOCTOR',
      'HELLO 3',
      'INFO keyspace',
      'MEMORY DOCTOR',
    ],
  },
  'blocking commands: with a timeout, and without one until stopped': {
    lines: ['RPUSH queue job', 'BLPOP queue 0.6', 'BLPOP queue 0.6', 'BLPOP queue 0', 'PING'],
    timeoutMs: 1_500,
  },
  'SUBSCRIBE, and a PUBLISH from another connection': {
    lines: ['SUBSCRIBE', 'SUBSCRIBE news other', 'PING'],
    timeoutMs: 1_200,
    meanwhile: publishTo('news', 'hello', 'ünï\u0000'),
  },
  'PSUBSCRIBE in RESP3: push messages': {
    lines: ['HELLO 3', 'PSUBSCRIBE n*'],
    timeoutMs: 1_200,
    meanwhile: publishTo('news', 'hello'),
  },
  'UNSUBSCRIBE alone in RESP3: its push is dropped, and redis-cli waits for a reply': {
    lines: ['HELLO 3', 'UNSUBSCRIBE', 'PING'],
    timeoutMs: 1_000,
  },
};

/** What differs between two runs however faithful: a connection's id, and a command's time. */
function steady(text: string): string {
  return text
    .replace(/"id" => \(integer\) \d+/g, '"id" => (integer) N')
    .replace(/^\(\d+\.\d\ds\)\n/gm, '');
}

describe('the console prints as redis-cli prints', () => {
  let sandbox: SandboxServer;
  let trusted: Redis;
  beforeAll(async () => {
    sandbox = await SandboxServer.start();
    trusted = connectTrusted(sandbox.address);
  });
  afterAll(async () => {
    trusted.disconnect();
    await sandbox.stop();
  });

  for (const [name, { lines, timeoutMs = 5_000, meanwhile }] of Object.entries(CASES)) {
    it(name, async () => {
      const commands = lines.join('\n');
      await resetSandbox(trusted);
      const [real] = await Promise.all([
        spawnRedisCli(sandbox.address, commands, timeoutMs),
        meanwhile?.(trusted),
      ]);
      await resetSandbox(trusted);
      const [mine] = await Promise.all([
        runRedisCli(sandbox.address, commands, timeoutMs),
        meanwhile?.(trusted),
      ]);
      expect(real.stderr).toBe('');
      expect(steady(mine.text)).toBe(steady(real.stdout));
      expect(mine.timedOut).toBe(real.code === null);
      expect(mine).toMatchObject({ cut: false, lost: false });
    });
  }

  it('prints the time a command took once it is half a second or more', async () => {
    const { text } = await runRedisCli(sandbox.address, 'BLPOP queue 0.6\nPING', 5_000);
    expect(text).toMatch(/^\(nil\)\n\(0\.\d\ds\)\nPONG\n$/);
  });

  it("writes a command's time as printf's %.2f does, an exact tie rounded to even", () => {
    expect([500, 625, 875, 1005, 1125, 61_234].map(seconds)).toEqual([
      '0.50',
      '0.62',
      '0.88',
      '1.00',
      '1.12',
      '61.23',
    ]);
  });

  it('says, as redis-cli does, that it knows no RESP3 big number, and stops', async () => {
    const commands = `HELLO 3\nPING\nEVAL "return {big_number='12345678901234567890'}" 0\nPING`;
    const real = await spawnRedisCli(sandbox.address, commands, 5_000);
    const mine = await runRedisCli(sandbox.address, commands, 5_000);
    expect(real).toMatchObject({ code: 1, stderr: 'Unknown reply type: 13\n' });
    expect(steady(mine.text)).toBe(steady(real.stdout + real.stderr));
  });

  it('cuts a long string or a long array where redis-cli would have printed that much', async () => {
    await resetSandbox(trusted);
    await trusted.setrange('big', 100_000, 'x');
    await trusted.eval("for i = 1, 20000 do redis.call('RPUSH', 'list', i) end", 0);
    for (const command of ['GET big', 'LRANGE list 0 -1']) {
      const real = await spawnRedisCli(sandbox.address, command, 5_000);
      const mine = await runRedisCli(sandbox.address, command, 5_000);
      expect(real.stdout.length).toBeGreaterThan(MAX_OUTPUT_CHARS);
      expect(mine).toMatchObject({ cut: true, timedOut: false });
      expect(mine.text === real.stdout.slice(0, MAX_OUTPUT_CHARS), command).toBe(true);
    }
  });

  it('cuts a string of 10 MB, and runs nothing after it', async () => {
    await resetSandbox(trusted);
    await trusted.setrange('huge', 10_000_000, 'x');
    const mine = await runRedisCli(sandbox.address, 'GET huge\nSET after 1', 5_000);
    expect(mine).toMatchObject({ cut: true, timedOut: false });
    expect(mine.text).toBe(`"${'\\x00'.repeat(MAX_OUTPUT_CHARS / 4)}`.slice(0, MAX_OUTPUT_CHARS));
    expect(await trusted.exists('after')).toBe(0);
  });

  it('says so when Redis closes the connection, and goes on with a new one as redis-cli does', async () => {
    const commands = 'BLPOP queue 0\nPING';
    const kill = async () => {
      while (
        !((await trusted.call('CLIENT', 'LIST', 'TYPE', 'normal')) as string).includes('blpop')
      ) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await trusted.call('CLIENT', 'KILL', 'USER', 'learner');
    };
    const [real] = await Promise.all([spawnRedisCli(sandbox.address, commands, 5_000), kill()]);
    const [mine] = await Promise.all([runRedisCli(sandbox.address, commands, 5_000), kill()]);
    expect(real).toMatchObject({
      stdout: 'PONG\n',
      stderr: 'Error: Server closed the connection\n',
    });
    expect(mine).toMatchObject({
      text: 'Error: Server closed the connection\nPONG\n',
      lost: true,
      timedOut: false,
    });
  });

  it('says so, for every command, when Redis is away, without showing where its socket was', async () => {
    const gone = await SandboxServer.start();
    await gone.stop();
    const real = await spawnRedisCli(gone.address, 'PING\nPING', 5_000);
    const mine = await runRedisCli(gone.address, 'PING\nPING', 5_000);
    const message = 'Could not connect to Redis at redis.sock: No such file or directory\n';
    expect(real.stderr.replaceAll(gone.address.socketPath, 'redis.sock')).toBe(message.repeat(3));
    expect(mine).toMatchObject({ text: message.repeat(3), lost: true });
  });
});
