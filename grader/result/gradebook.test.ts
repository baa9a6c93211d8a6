import { describe, expect, it } from 'vitest';
import { type CheckResult, errorResult, type GradeResult, scoreOf } from './grade-result.ts';
import { buildGradebook, gradebookCsv } from './gradebook.ts';

const check = (status: CheckResult['status'], points: number): CheckResult => ({
  name: `worth ${points}`,
  status,
  ...(status === 'pass' ? {} : { reason: 'assertion', message: `${status}ed` }),
  durationMs: 1,
  points,
});

/** A grading of checks worth 1, 2 and 3 points. */
const graded = (exercise: string, ...statuses: CheckResult['status'][]): GradeResult => {
  const checks = statuses.map((status, index) => check(status, index + 1));
  return {
    version: 2,
    exercise,
    status: statuses.includes('fail') ? 'fail' : 'pass',
    durationMs: 1,
    checks,
    usage: { commands: 0, redisMemoryBytes: 0, cpuMs: 0 },
    score: scoreOf(checks, 6),
  };
};

describe('the gradebook', () => {
  it('scores each exercise and totals each learner, its columns in the course’s order', () => {
    const book = buildGradebook(
      [
        { learner: 'bob', exercise: 'set-and-get', result: graded('set-and-get', 'pass', 'pass') },
        {
          learner: 'ada',
          exercise: 'hashes',
          result: { ...errorResult('hashes', 'syntax error', 1), score: { points: 0, of: 2.5 } },
        },
        {
          learner: 'ada',
          exercise: 'set-and-get',
          result: graded('set-and-get', 'fail', 'pass', 'pass'),
        },
      ],
      ['set-and-get', 'page-views', 'hashes'],
    );
    expect(book.exercises).toEqual(['set-and-get', 'hashes']);
    expect(book.points).toEqual({ 'set-and-get': 6, hashes: 2.5 });
    expect(book.learners.map(({ learner, score }) => [learner, score])).toEqual([
      ['ada', { points: 5, of: 8.5 }],
      ['bob', { points: 3, of: 8.5 }],
    ]);
    expect(book.learners[0]?.results['set-and-get']).toMatchObject({
      status: 'fail',
      passed: 2,
      total: 3,
      score: { points: 5, of: 6 },
      message: 'failed',
      reason: 'assertion',
    });
    expect(gradebookCsv(book).split('\r\n')).toEqual([
      '"learner","set-and-get","hashes","total"',
      '"ada","5","0","5"',
      '"bob","3","","3"',
      '',
    ]);
  });

  it('gives a grading that stopped before its checks were known no points, of what the others say', () => {
    const book = buildGradebook(
      [
        { learner: 'ada', exercise: 'set-and-get', result: graded('set-and-get', 'pass') },
        {
          learner: 'bob',
          exercise: 'set-and-get',
          result: errorResult('set-and-get', 'killed', 1),
        },
      ],
      [],
    );
    expect(book.learners[1]?.results['set-and-get']?.score).toEqual({ points: 0, of: 6 });
  });

  it('never lets a learner name become a spreadsheet formula or break a field', () => {
    const book = buildGradebook(
      [
        {
          learner: '=HYPERLINK("http://x","y")',
          exercise: 'set-and-get',
          result: graded('set-and-get', 'pass'),
        },
      ],
      [],
    );
    expect(gradebookCsv(book)).toContain('"\'=HYPERLINK(""http://x"",""y"")","1","1"');
  });
});
