import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;
const TINY_COURSE = join(ROOT, 'grader/test/tiny-course');
const SOLUTION = join(TINY_COURSE, 'exercises/count-visits/solution.ts');

function keyspace(args: string[], env: NodeJS.ProcessEnv = {}, cwd = ROOT) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      'node',
      [join(ROOT, 'bin/keyspace.js'), ...args],
      { env: { ...process.env, ...env }, cwd },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

describe('any course folder, named by --course or KEYSPACE_COURSE', () => {
  it.concurrent('verify proves the tiny course', async () => {
    const run = await keyspace(['verify', '--course', TINY_COURSE]);
    expect(run.stdout).toContain('The course holds: 1 lesson and 1 exercise verified');
    expect(run.code).toBe(0);
  });

  it.concurrent("grade grades the tiny course's exercise, and knows no other", async () => {
    const passed = await keyspace(['grade', 'count-visits', SOLUTION, '--course', TINY_COURSE]);
    expect(JSON.parse(passed.stdout).status).toBe('pass');
    expect(passed.code).toBe(0);
    const other = await keyspace(['grade', 'set-and-get', SOLUTION, '--course', TINY_COURSE]);
    expect(other.stderr).toContain("no exercise named 'set-and-get'");
    expect(other.code).toBe(64);
  });

  it.concurrent('grade --batch takes the course from KEYSPACE_COURSE', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'keyspace-course-batch-'));
    try {
      await Promise.all(['ada', 'bob'].map((learner) => mkdir(join(dir, learner))));
      await writeFile(join(dir, 'ada', 'count-visits.ts'), await readFile(SOLUTION, 'utf8'));
      await writeFile(join(dir, 'bob', 'count-visits.ts'), 'export const countVisit = () => 0;');
      const run = await keyspace(['grade', '--batch', dir, '--out', dir], {
        KEYSPACE_COURSE: TINY_COURSE,
      });
      expect(run.code).toBe(0);
      const gradebook = JSON.parse(await readFile(join(dir, 'gradebook.json'), 'utf8'));
      expect(gradebook.exercises).toEqual(['count-visits']);
      expect(run.stdout).toContain('1 pass, 1 fail, 0 error');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.concurrent('takes the current folder as the course when it is one, and none is named', async () => {
    const env = { KEYSPACE_COURSE: '' };
    const run = await keyspace(['grade', 'count-visits', SOLUTION], env, TINY_COURSE);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout).status).toBe('pass');
  });

  it.concurrent('refuses a folder that is not a course, saying what a course has', async () => {
    const run = await keyspace(['verify', '--course', join(ROOT, 'grader')]);
    expect(run.code).toBe(64);
    expect(run.stderr).toMatch(/is not a course folder: it has no lessons\/ folder/);
  });
});
