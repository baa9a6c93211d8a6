import { describe, expect, it } from 'vitest';
import { formatPretty } from './format-pretty.ts';
import type { GradeResult } from './grade-result.ts';

const result = (overrides: Partial<GradeResult>): GradeResult => ({
  version: 2,
  exercise: 'set-and-get',
  status: 'fail',
  durationMs: 12,
  checks: [],
  usage: { commands: 0, redisMemoryBytes: 0, cpuMs: 0 },
  ...overrides,
});

describe('the pretty format', () => {
  it('shows each check with its verdict, and expected and actual for a failure', () => {
    const text = formatPretty(
      result({
        checks: [
          { name: 'weather exists', status: 'pass', durationMs: 1 },
          {
            name: 'weather is sunny',
            status: 'fail',
            message: 'GET weather: expected sunny',
            expected: "'sunny'",
            actual: 'null',
            durationMs: 1,
          },
        ],
      }),
    );
    expect(text).toContain('set-and-get: FAIL (1 of 2 checks passed, 12 ms)');
    expect(text).toContain('✓ weather exists');
    expect(text).toContain('✗ weather is sunny');
    expect(text).toContain("expected: 'sunny'");
    expect(text).toContain('actual:   null');
  });

  it('names the file, the score and where each failure points', () => {
    const text = formatPretty(
      result({
        checks: [
          {
            name: 'weather is sunny',
            status: 'fail',
            reason: 'assertion',
            location: { file: 'solutions/set-and-get.ts', line: 5, column: 9 },
            durationMs: 1,
            points: 2,
          },
        ],
        score: { points: 0, of: 2 },
      }),
      { file: 'solutions/set-and-get.ts' },
    );
    expect(text).toContain(
      'set-and-get (solutions/set-and-get.ts): FAIL (0 of 1 checks passed, 0 of 2 points, 12 ms)',
    );
    expect(text).toContain('  ✗ weather is sunny\n      at solutions/set-and-get.ts:5:9');
  });

  it('never lets learner output drive the terminal', () => {
    const text = formatPretty(
      result({
        checks: [
          { name: 'x', status: 'fail', output: '\u001b[2J\u001b[31mred\u0007', durationMs: 1 },
        ],
      }),
    );
    expect(text).not.toContain('\u001b');
    expect(text).not.toContain('\u0007');
    expect(text).toContain('\\x1b[2J');
  });

  it('shows what a failed check’s code sent to Redis, with its lines, and the keys it changed', () => {
    const text = formatPretty(
      result({
        checks: [
          {
            name: 'weather is sunny',
            status: 'fail',
            reason: 'assertion',
            durationMs: 1,
            redis: {
              commands: [
                {
                  command: 'SET weather "\u001b[31mred"',
                  location: { file: 'a.ts', line: 4, column: 15 },
                },
                { command: 'GET weather' },
              ],
              moreCommands: 3,
              keys: [
                { key: 'weather', before: 'string "rain"', after: 'string "red"' },
                { key: 'city', before: 'string "Oslo"', after: 'string "Oslo"' },
              ],
            },
          },
        ],
      }),
    );
    expect(text).toContain(
      '      sent to Redis:\n        SET weather "\\x1b[31mred"  (line 4)\n        GET weather\n        …and 3 more',
    );
    expect(text).toContain(
      '      * weather: string "rain" → string "red"\n        city: string "Oslo" → string "Oslo"',
    );
  });
});
