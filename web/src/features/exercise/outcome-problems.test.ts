import { describe, expect, it } from 'vitest';
import { problemsOf } from './outcome-problems.ts';

const at = (line: number, file = 'cache-aside.ts') => ({ file, line });
const NO_USAGE = { commands: 0, redisMemoryBytes: 0, cpuMs: 0 };

describe('what the editor marks after a Run or a Submit', () => {
  it("marks a Run's compile error and the line each throwing call names", () => {
    expect(
      problemsOf('cache-aside', {
        ran: {
          status: 'error',
          message: 'cache-aside.ts:3:1: Expected ";"',
          location: at(3),
          calls: [{ call: 'getForecast', args: ['$redis'], error: 'threw: boom', location: at(7) }],
          output: '',
          durationMs: 1,
        },
      }),
    ).toEqual([
      { line: 3, message: 'cache-aside.ts:3:1: Expected ";"' },
      { line: 7, message: 'threw: boom' },
    ]);
  });

  it('marks each check that did not pass at its line of the learner’s file, and nothing in checks.ts', () => {
    const check = (
      name: string,
      status: 'pass' | 'fail' | 'error',
      line?: number,
      file?: string,
    ) => ({
      name,
      status,
      message: `${name} went wrong`,
      durationMs: 1,
      ...(line === undefined ? {} : { location: at(line, file) }),
    });
    expect(
      problemsOf('cache-aside', {
        graded: {
          version: 2,
          exercise: 'cache-aside',
          status: 'error',
          durationMs: 1,
          usage: NO_USAGE,
          checks: [
            check('passes', 'pass', 2),
            check('reads the cache', 'fail', 4),
            check('no line', 'fail'),
            check('crashed', 'error', 12, 'exercises/cache-aside/checks.ts'),
            check('times out', 'error', 4),
          ],
        },
      }),
    ).toEqual([
      { line: 4, message: 'Check "reads the cache" failed: reads the cache went wrong' },
      { line: 4, message: 'Check "times out" ended in error: times out went wrong' },
    ]);
  });

  it('shows, at the lines that sent them, the commands of the first check that did not pass', () => {
    const sent = (command: string, line?: number, file?: string) => ({
      command,
      ...(line === undefined ? {} : { location: at(line, file) }),
    });
    const check = (name: string, status: 'pass' | 'fail', commands: ReturnType<typeof sent>[]) => ({
      name,
      status,
      durationMs: 1,
      redis: { commands },
    });
    expect(
      problemsOf('cache-aside', {
        graded: {
          version: 2,
          exercise: 'cache-aside',
          status: 'fail',
          durationMs: 1,
          usage: NO_USAGE,
          checks: [
            check('passes', 'pass', [sent('GET a', 2)]),
            check('caches', 'fail', [
              sent('GET forecast', 5),
              sent('SET forecast sunny', 8),
              sent('EXPIRE forecast 60', 8),
              sent('SET elsewhere', 3, 'exercises/cache-aside/checks.ts'),
              sent('PING'),
            ]),
            check('later', 'fail', [sent('DEL forecast', 9)]),
          ],
        },
      }),
    ).toEqual([
      { line: 5, severity: 'info', message: 'Sent during check "caches": GET forecast' },
      {
        line: 8,
        severity: 'info',
        message: 'Sent during check "caches": SET forecast sunny; EXPIRE forecast 60',
      },
    ]);
  });
});
