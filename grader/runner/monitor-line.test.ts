import { describe, expect, it } from 'vitest';
import { parseMonitorLine } from './monitor-line.ts';

describe('a MONITOR line, parsed', () => {
  it('gives the time, the source and the arguments', () => {
    expect(parseMonitorLine('1796458435.585364 [0 lua] "GET" "a"')).toEqual({
      at: 1796458435585.364,
      source: 'lua',
      args: ['GET', 'a'],
    });
    expect(
      parseMonitorLine('1796458435.541494 [0 unix:/tmp/x/redis.sock] "SET" "a" "1"')?.source,
    ).toBe('unix:/tmp/x/redis.sock');
  });

  it('undoes every escape, so the bytes come back exactly', () => {
    const line = String.raw`1.2 [3 lua] "SET" "say \"hi\" \\ now" "line\nbreak\r\t" "\x00\xff" "" "a\" \"b"`;
    expect(parseMonitorLine(line)?.args).toEqual([
      'SET',
      'say "hi" \\ now',
      'line\nbreak\r\t',
      '\x00\xff',
      '',
      'a" "b',
    ]);
  });

  it('refuses a line that is not a command', () => {
    expect(parseMonitorLine('OK')).toBeUndefined();
  });
});
