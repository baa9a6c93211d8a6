import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SandboxServer } from '../redis/sandbox-server.ts';
import { connectTrusted } from '../runner/sandbox-connections.ts';
import { splitArguments } from './cli-arguments.ts';
import { runRedisCli } from './redis-cli.ts';

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
];

describe('splitting a console line as redis-cli does', () => {
  let sandbox: SandboxServer;
  beforeAll(async () => {
    sandbox = await SandboxServer.start();
  });
  afterAll(() => sandbox.stop());

  it('finds the very arguments redis-cli sends', async () => {
    const trusted = connectTrusted(sandbox.address);
    try {
      for (const line of LINES) {
        await trusted.del('args');
        const printed = await runRedisCli(sandbox.address, `RPUSH args ${line}`, 5_000);
        expect(printed.text, line).toMatch(/^\(integer\) \d+/);
        // No \x escape here goes above 0x7f, so the bytes sent read back as the same text.
        const sent = await trusted.lrange('args', 0, -1);
        expect(splitArguments(line), line).toEqual(sent);
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
});
