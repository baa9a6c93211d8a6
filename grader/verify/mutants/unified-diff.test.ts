import { describe, expect, it } from 'vitest';
import { unifiedDiff } from './unified-diff.ts';

const solution = ['a', 'b', 'c', 'd', 'e'].join('\n');

describe('the diff of a mutant against its solution', () => {
  it('shows a changed line between one line of context each side', () => {
    expect(unifiedDiff(solution, solution.replace('c', 'C'))).toEqual([
      '@@ -2,3 +2,3 @@',
      ' b',
      '-c',
      '+C',
      ' d',
    ]);
  });

  it('counts a removed line on one side only', () => {
    expect(unifiedDiff(solution, solution.replace('c\n', ''))).toEqual([
      '@@ -2,3 +2,2 @@',
      ' b',
      '-c',
      ' d',
    ]);
  });

  it('stops its context at the first and last lines', () => {
    expect(unifiedDiff(solution, solution.replace('a', 'A').replace('e', 'E'))).toEqual([
      '@@ -1,5 +1,5 @@',
      '-a',
      '-b',
      '-c',
      '-d',
      '-e',
      '+A',
      '+b',
      '+c',
      '+d',
      '+E',
    ]);
  });

  it('is empty for the same text', () => {
    expect(unifiedDiff(solution, solution)).toEqual([]);
  });
});
