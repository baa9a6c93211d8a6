import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Grader } from './grader.ts';
import type { GradeResult } from './result/grade-result.ts';
import { assertValidResult } from './test/result-schema.ts';

// Golden fixtures: test/fixtures/<exercise>/<outcome>/<case>.ts with <case>.json beside it,
// holding the result without its timings and usage. UPDATE_GOLDEN=1 rewrites them; review the diff.
const FIXTURES = new URL('./test/fixtures/', import.meta.url).pathname;

const cases = readdirSync(FIXTURES).flatMap((exercise) =>
  readdirSync(join(FIXTURES, exercise)).flatMap((outcome) =>
    readdirSync(join(FIXTURES, exercise, outcome))
      .filter((file) => file.endsWith('.ts'))
      .map((file) => ({ exercise, outcome, file, path: join(FIXTURES, exercise, outcome, file) })),
  ),
);

function withoutTimings({ durationMs: _, usage: __, ...result }: GradeResult) {
  return { ...result, checks: result.checks.map(({ durationMs: ___, ...check }) => check) };
}

describe('the grader, on golden fixtures', () => {
  let grader: Grader;
  beforeAll(async () => {
    grader = await Grader.start({ concurrency: 2 });
  });
  afterAll(() => grader.stop());

  it.each(cases)('$exercise/$outcome/$file', async ({ exercise, outcome, path }) => {
    const result = await grader.grade(exercise, readFileSync(path, 'utf8'));
    assertValidResult(result);
    expect(result.status).toBe(outcome);
    const golden = path.replace(/\.ts$/, '.json');
    if (process.env.UPDATE_GOLDEN) {
      writeFileSync(golden, `${JSON.stringify(withoutTimings(result), null, 2)}\n`);
    }
    expect(withoutTimings(result)).toEqual(JSON.parse(readFileSync(golden, 'utf8')));
  });

  it('counts the commands the learner sent and the CPU its code used', async () => {
    const result = await grader.grade(
      'set-and-get',
      readFileSync(new URL('../exercises/set-and-get/solution.ts', import.meta.url), 'utf8'),
    );
    expect(result.usage.commands).toBe(8);
    expect(result.usage.cpuMs).toBeGreaterThan(0);
    expect(result.usage.redisMemoryBytes).toBeGreaterThan(0);
  });

  it('keeps grading after code that had to be stopped', async () => {
    const hung = await grader.grade(
      'set-and-get',
      'export const main = () => new Promise(() => {});',
    );
    expect(hung.status).toBe('error');
    const next = await grader.grade(
      'set-and-get',
      "export async function main(r) { await r.set('weather', 'sunny'); return r.get('weather'); }",
    );
    expect(next.status).toBe('pass');
  });
});
