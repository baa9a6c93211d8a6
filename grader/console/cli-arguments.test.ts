import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SandboxServer } from '../redis/sandbox-server.ts';
import { connectTrusted } from '../runner/sandbox-connections.ts';
import { repeatCount, splitArgumentBytes, splitArguments } from './cli-arguments.ts';
import { spawnRedisCli } from './spawned-redis-cli.ts';

/** Lines whose arguments redis-cli sends; each is appended to `RPUSH args`. */
const LINES = [
  'plain words here',
  '"two words" one',
  `'single \\'quoted\\'' "double \\"quoted\\""`,
  '"\\x41\\x62c" "tab\\there" "new\\nline"',
  'mid"dle quoted" x',
  `"" '' empty`,
  '\'back\\slash\' "back\\\\slash"',
  '   spaced    out   ',
  'ünïcödé "ünï cödé"',
  // Bytes that are no UTF-8, and spaces that are no C spaces: part of their argument.
  '"\\xff\\x00\\xc3" x',
  'no\u00a0break\u2003em vertical\vtab form\ffeed',
  // A line ends, for redis-cli, at its first NUL.
  'before\u0000after',
];

describe('splitting a console line as redis-cli does', () => {
  let sandbox: SandboxServer;
  beforeAll(async () => {
    sandbox = await SandboxServer.start();
  });
  afterAll(() => sandbox.stop());

  it('finds the very bytes redis-cli sends', async () => {
    const trusted = connectTrusted(sandbox.address);
    try {
      for (const line of LINES) {
        await trusted.del('args');
        const printed = await spawnRedisCli(sandbox.address, `RPUSH args ${line}`, 5_000);
        expect(printed.stdout, line).toMatch(/^\(integer\) \d+/);
        const sent = await trusted.lrangeBuffer('args', 0, -1);
        expect(splitArgumentBytes(line), line).toEqual(sent);
      }
    } finally {
      trusted.disconnect();
    }
  });

  it('refuses what redis-cli refuses: an unbalanced quote, or a quote not ending its argument', () => {
    expect(splitArguments('GET "open')).toBeUndefined();
    expect(splitArguments("GET 'open")).toBeUndefined();
    expect(splitArguments('GET "a"b')).toBeUndefined();
    expect(splitArguments('')).toEqual([]);
  });

  it('reads a repeat count as C reads a number, before a command only', () => {
    const count = (line: string) => repeatCount(splitArgumentBytes(line) ?? []);
    expect(count('5 INCR x')).toBe(5);
    expect(count('"\\x35" INCR x')).toBe(5);
    expect(count('" +7" INCR x')).toBe(7);
    expect(count('"5\\x00junk" INCR x')).toBe(5);
    expect(count('5')).toBeUndefined();
    expect(count('5x INCR x')).toBeUndefined();
    expect(count('INCRBY x 5')).toBeUndefined();
    for (const refused of ['0 PING', '-3 PING', '"" PING', '99999999999999999999 PING']) {
      expect(count(refused), refused).toBe('invalid');
    }
  });
});
