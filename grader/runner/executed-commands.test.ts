import { describe, expect, it } from 'vitest';
import { executedCommands, GRADER_SCRIPT } from './executed-commands.ts';
import type { MonitorLine } from './monitor-line.ts';

/** A script run as MONITOR shows it, from a connection none of the learner's calls matches. */
const run = (script: string): MonitorLine[] => [
  { at: 1, source: '0 unix:/s', args: ['EVAL', script, '0'] },
  { at: 2, source: 'lua', args: ['KEYS', '*'] },
];

describe('what Redis executed for the learner', () => {
  it("lists a script run no call matches, but not the grader's own scripts", () => {
    expect(executedCommands([], run("return redis.call('KEYS', '*')"))).toEqual([
      { name: 'keys', args: ['*'], script: 'eval' },
    ]);
    expect(executedCommands([], run(`${GRADER_SCRIPT}'s look\nreturn 1`))).toEqual([]);
  });
});
