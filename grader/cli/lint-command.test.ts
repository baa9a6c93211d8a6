import { execFile } from 'node:child_process';
import { appendFile, cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = new URL('../../bin/keyspace.js', import.meta.url).pathname;
const TINY_COURSE = new URL('../test/tiny-course/', import.meta.url).pathname;
const EXERCISE = 'exercises/count-visits';

function keyspace(...args: string[]) {
  return new Promise<{ code: number; output: string }>((resolve) => {
    execFile(process.execPath, [BIN, ...args], (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, output: stdout + stderr }),
    );
  });
}

describe('keyspace lint', () => {
  let course: string;
  beforeAll(async () => {
    // A course outside this repository, with no node_modules: it imports the checks API by the
    // package's name, as a course made by `keyspace new` does.
    course = await mkdtemp(join(tmpdir(), 'keyspace-lint-'));
    await cp(TINY_COURSE, course, { recursive: true });
    const checks = join(course, EXERCISE, 'checks.ts');
    await writeFile(
      checks,
      (await readFile(checks, 'utf8')).replace(/'[./]+checks\/api\.ts'/, "'keyspace/checks'"),
    );
  });
  afterAll(() => rm(course, { recursive: true, force: true }));

  it('names the file and line of a type error and of a format problem, exits 3, and --fix fixes the format only', async () => {
    await appendFile(
      join(course, EXERCISE, 'solution.ts'),
      "\nexport const visits: number = 'many';\n",
    );
    await appendFile(join(course, EXERCISE, 'starter.ts'), '\nexport const   page = "home"\n');
    const run = await keyspace('lint', '--course', course);
    expect(run.code).toBe(3);
    expect(run.output).toMatch(
      /^exercises\/count-visits\/solution\.ts:7:14: TS2322: Type 'string' is not assignable to type 'number'\.$/m,
    );
    // Only that one: ioredis and keyspace/checks resolve, though the course installed nothing.
    expect(run.output).toContain('TypeScript: 1 type error.');
    expect(run.output).toContain(`${EXERCISE}/starter.ts format`);

    const fixed = await keyspace('lint', '--fix', '--course', course);
    expect(fixed.code).toBe(3);
    expect(fixed.output).toContain('solution.ts:7:14: TS2322');
    expect(fixed.output).not.toContain('starter.ts format');
    expect(await readFile(join(course, EXERCISE, 'starter.ts'), 'utf8')).toContain(
      "export const page = 'home';",
    );
  });
});
