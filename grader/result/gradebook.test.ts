import { describe, expect, it } from 'vitest';
import { errorResult, type GradeResult } from './grade-result.ts';
import { buildGradebook, gradebookCsv } from './gradebook.ts';

const passed = (exercise: string): GradeResult => ({
  ...errorResult(exercise, '', 1),
  status: 'pass',
  checks: [{ name: 'c', status: 'pass', durationMs: 1 }],
});

describe('the gradebook', () => {
  it('has one row per learner and one column per exercise, blank where nothing was handed in', () => {
    const book = buildGradebook([
      { learner: 'bob', exercise: 'set-and-get', result: passed('set-and-get') },
      { learner: 'ada', exercise: 'hashes', result: errorResult('hashes', 'syntax error', 1) },
      { learner: 'ada', exercise: 'set-and-get', result: passed('set-and-get') },
      { learner: 'cy', exercise: 'nope', problem: "no exercise named 'nope'" },
    ]);
    expect(book.exercises).toEqual(['hashes', 'nope', 'set-and-get']);
    expect(gradebookCsv(book).split('\r\n')).toEqual([
      '"learner","hashes","nope","set-and-get"',
      '"ada","error (0/0)","","pass (1/1)"',
      '"bob","","","pass (1/1)"',
      '"cy","","error (0/0)",""',
      '',
    ]);
  });

  it('never lets a learner name become a spreadsheet formula or break a field', () => {
    const book = buildGradebook([
      {
        learner: '=HYPERLINK("http://x","y")',
        exercise: 'set-and-get',
        result: passed('set-and-get'),
      },
    ]);
    expect(gradebookCsv(book)).toContain('"\'=HYPERLINK(""http://x"",""y"")","pass (1/1)"');
  });
});
