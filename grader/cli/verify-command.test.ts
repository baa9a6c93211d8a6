import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;
const TINY_COURSE = join(ROOT, 'grader/test/tiny-course');
const BROKEN_COURSE = join(ROOT, 'grader/test/broken-course');

function keyspace(...args: string[]) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile('node', [join(ROOT, 'bin/keyspace.js'), ...args], (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

describe('keyspace verify <exercise>', () => {
  it.concurrent('verifies the exercise named, and no lesson', async () => {
    const run = await keyspace('verify', 'count-visits', '--course', TINY_COURSE);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('ok   exercises/count-visits\n');
    expect(run.stdout).not.toContain('lessons/');
    expect(run.stdout).toContain('count-visits holds: 1 exercise verified');
  });

  it.concurrent('refuses an exercise the course does not have, listing those it has', async () => {
    const run = await keyspace('verify', '--only', 'count-visit', '--course', TINY_COURSE);
    expect(run.code).toBe(64);
    expect(run.stderr).toContain(
      "no exercise named 'count-visit' in this course: its exercises are count-visits",
    );
  });

  it.concurrent('prints the seed of a failing grading, and replays it with --seed', async () => {
    const run = await keyspace(
      'verify',
      '--only',
      'echo',
      '--seed',
      '42',
      '--course',
      BROKEN_COURSE,
    );
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(
      /^exercises\/echo\/right\/shouts\.ts: run 1 of 5 did not pass: "echo holds the value": GET echo: expected '\w+', got '\w+' \(seed 42\)$/m,
    );
    expect(run.stdout).not.toContain('lessons/');
    expect(run.stdout).toMatch(/problems in echo/);
    // The broken course's echo is verified whole: a little more than the 30 s of one test.
  }, 60_000);
});
