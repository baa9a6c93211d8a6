import { describe, expect, it } from 'vitest';
import { assertValidGradedFiles, assertValidResult } from '../test/result-schema.ts';
import { errorResult, type GradeResult, overallStatus } from './grade-result.ts';

const passing: GradeResult = {
  version: 2,
  exercise: 'set-and-get',
  status: 'pass',
  durationMs: 3,
  checks: [{ name: 'weather is sunny', status: 'pass', durationMs: 1 }],
  usage: { commands: 2, redisMemoryBytes: 1024, cpuMs: 0.5 },
};

describe('the result schema', () => {
  it('accepts a pass with a check and an error with none', () => {
    expect(() => assertValidResult(passing)).not.toThrow();
    expect(() => assertValidResult(errorResult('set-and-get', 'syntax error', 2))).not.toThrow();
  });

  it('refuses a pass in which no check ran', () => {
    expect(() => assertValidResult({ ...passing, checks: [] })).toThrow(/minItems/);
  });

  it('refuses fields it does not document', () => {
    expect(() => assertValidResult({ ...passing, grade: 100 })).toThrow(/additionalProperties/);
  });

  it('documents points per check and the score', () => {
    const scored = {
      ...passing,
      checks: [{ ...passing.checks[0], points: 2.5 }],
      score: { points: 2.5, of: 4 },
    };
    expect(() => assertValidResult(scored)).not.toThrow();
    expect(() => assertValidResult({ ...scored, score: { points: 2.5 } })).toThrow(/required/);
  });

  it('describes what --format json prints for several files', () => {
    const files = [
      { file: 'solutions/set-and-get.ts', result: passing },
      { file: 'class/ada/set-and-get.ts', result: errorResult('set-and-get', 'syntax error', 2) },
    ];
    expect(() => assertValidGradedFiles(files)).not.toThrow();
    expect(() =>
      assertValidGradedFiles([{ file: 'a.ts', result: { ...passing, checks: [] } }]),
    ).toThrow(/minItems/);
    expect(() => assertValidGradedFiles([passing])).toThrow(/required/);
  });
});

describe('the overall status', () => {
  it('is an error when no check ran, never a pass', () => {
    expect(overallStatus([])).toBe('error');
  });

  it('is an error before a failure, and a failure before a pass', () => {
    const check = (status: GradeResult['status']) => ({ name: status, status, durationMs: 0 });
    expect(overallStatus([check('pass'), check('fail'), check('error')])).toBe('error');
    expect(overallStatus([check('pass'), check('fail')])).toBe('fail');
    expect(overallStatus([check('pass')])).toBe('pass');
  });
});
