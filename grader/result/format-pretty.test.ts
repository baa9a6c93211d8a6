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
});
