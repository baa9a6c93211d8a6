import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Grader } from '../grader.ts';
import type { GradeResult } from '../result/grade-result.ts';
import { assertValidResult } from '../test/result-schema.ts';

// The fidelity exercise lives in a test course: each of its checks proves one thing that learner
// code does inside the sandbox as it would with Node and ioredis on the learner's own machine.
const COURSE = new URL('../test/course/', import.meta.url).pathname;

describe('learner code in the sandbox behaves as on the learner’s machine', () => {
  let grader: Grader;
  let result: GradeResult;

  beforeAll(async () => {
    grader = await Grader.start({ courseDir: COURSE });
    const solution = readFileSync(`${COURSE}exercises/fidelity/solution.ts`, 'utf8');
    result = await grader.grade('fidelity', solution);
    assertValidResult(result);
  });
  afterAll(() => grader.stop());

  const names = readFileSync(`${COURSE}exercises/fidelity/checks.ts`, 'utf8')
    .split('\n')
    .flatMap((line) => /^\s+name: '(.*)',$/.exec(line)?.[1] ?? [])
    .map((name) => name.replace('\\u2019', '’'));

  it.each(names)('%s', (name) => {
    const check = result.checks.find((candidate) => candidate.name === name);
    expect(check, `no check named ${name}`).toBeDefined();
    expect({ name, status: check?.status, message: check?.message }).toEqual({
      name,
      status: 'pass',
      message: undefined,
    });
  });

  it('applies the exercise’s own output limit, with a visible marker', () => {
    const output = result.checks.at(-1)?.output ?? '';
    expect(output.startsWith('line 0\nline 1\n')).toBe(true);
    expect(output).toContain('[output truncated');
    expect(output.length).toBeLessThan(120 + 100);
  });
});
