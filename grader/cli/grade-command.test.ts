import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { assertValidResult } from '../test/result-schema.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const EXERCISE = join(ROOT, 'exercises/set-and-get');
const TINY_COURSE = join(ROOT, 'grader/test/tiny-course');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function keyspace(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile('node', [join(ROOT, 'bin/keyspace.js'), ...args], (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

function tempFile(name: string, text: string): string {
  const path = join(tmpdir(), `keyspace-cli-${process.pid}-${name}`);
  writeFileSync(path, text);
  return path;
}

describe('keyspace grade', () => {
  it.concurrent('exits 0 and prints a valid JSON result for the reference solution', async () => {
    const run = await keyspace(
      'grade',
      'set-and-get',
      join(EXERCISE, 'solution.ts'),
      '--format',
      'json',
    );
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    assertValidResult(result);
    expect(result.status).toBe('pass');
  });

  it.concurrent('exits 1 for the starter, whose checks fail', async () => {
    const run = await keyspace(
      'grade',
      'set-and-get',
      join(EXERCISE, 'starter.ts'),
      '--format',
      'json',
    );
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).status).toBe('fail');
  });

  it.concurrent('exits 2 for a syntax error and names the file and line', async () => {
    const file = tempFile('syntax.ts', 'export async function main( {\n');
    const run = await keyspace('grade', 'set-and-get', file, '--format', 'pretty');
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('set-and-get: ERROR');
    expect(run.stdout).toContain(`${file}:2:1: Expected`);
  });

  it.concurrent('points a GitHub annotation at the line where the learner’s code threw', async () => {
    const file = tempFile(
      'throws.ts',
      "import type Redis from 'ioredis';\n\nexport async function main(redis: Redis) {\n  await redis.set('weather', 'sunny');\n  throw new Error('not yet');\n}\n",
    );
    const run = await keyspace('grade', 'set-and-get', file, '--format', 'github');
    expect(run.code).toBe(2);
    expect(run.stdout).toContain(`::error file=${file},line=5,col=9,title=set-and-get%3A `);
  });

  it.concurrent('prints a readable report with --format pretty', async () => {
    const run = await keyspace(
      'grade',
      'set-and-get',
      join(EXERCISE, 'starter.ts'),
      '--format',
      'pretty',
    );
    expect(run.stdout).toContain('set-and-get: FAIL (2 of 5 checks passed');
    expect(run.stdout).toContain(
      '✗ weather holds the string sunny after main, whatever it held before',
    );
    expect(run.stdout).toContain('expected: 1');
  });

  it.concurrent.each([
    [['grade'], /Usage: keyspace grade/],
    [['grade', 'set-and-get', '/no/such/file.ts'], /cannot read \/no\/such\/file.ts: no such file/],
    [
      ['grade', 'no-such-exercise', join(EXERCISE, 'starter.ts')],
      /no exercise named 'no-such-exercise'/,
    ],
    [
      ['grade', 'set-and-get', join(EXERCISE, 'starter.ts'), '--format', 'xml'],
      /unknown format 'xml'/,
    ],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['grade', 'set-and-get', join(EXERCISE, 'starter.ts'), '--format'], /argument missing/],
    [
      ['grade', 'set-and-get', join(EXERCISE, 'starter.ts'), '--seed', 'abc'],
      /--seed must be a whole number from 0 to 2147483647, not 'abc'/,
    ],
    [['start', '--port', 'abc'], /--port must be a whole number from 0 to 65535, not 'abc'/],
  ])('exits 64 with a clear message for %j', async (args, message) => {
    const run = await keyspace(...args);
    expect(run.code).toBe(64);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it.concurrent("replays a grading's random data with --seed", async () => {
    // Its failing check's message names the random page and count.
    const wrong = join(TINY_COURSE, 'exercises/count-visits/wrong/forgets-the-page.ts');
    const messages = async (...seed: string[]) => {
      const run = await keyspace(
        'grade',
        'count-visits',
        wrong,
        wrong,
        '--course',
        TINY_COURSE,
        ...seed,
      );
      expect(run.code, run.stderr).toBe(1);
      return JSON.parse(run.stdout).map(
        ({ result }: { result: { checks: { message?: string }[] } }) => result.checks[1]?.message,
      );
    };
    const [first, second] = await messages('--seed', '7');
    expect(first).toMatch(/^countVisit\(\w+\) after SET visits:\w+ \d+: expected \d+, got 1$/);
    expect(second).toBe(first);
    const [fresh, other] = await messages();
    expect(other).not.toBe(fresh);
  });

  it.concurrent('says how to install redis-server when there is none, without a stack trace', async () => {
    const run = await new Promise<Run>((resolve) => {
      execFile(
        'node',
        [join(ROOT, 'bin/keyspace.js'), 'grade', 'set-and-get', join(EXERCISE, 'solution.ts')],
        { env: { ...process.env, REDIS_SERVER_BIN: '/nonexistent/redis-server' } },
        (error, stdout, stderr) => resolve({ code: Number(error?.code ?? 0), stdout, stderr }),
      );
    });
    expect(run.code).toBe(70);
    expect(run.stderr).toContain('apt-get install -y redis-server');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it.concurrent('grades several files into one JUnit report written with --out, exiting on the worst', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'keyspace-junit-')), 'report.xml');
    const run = await keyspace(
      'grade',
      'set-and-get',
      join(EXERCISE, 'solution.ts'),
      join(EXERCISE, 'starter.ts'),
      '--format',
      'junit',
      '--out',
      out,
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const suites = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(
      readFileSync(out, 'utf8'),
    ).testsuites.testsuite;
    expect(suites.map((suite: { failures: string }) => suite.failures)).toEqual(['0', '3']);
  });

  it.concurrent('grades a class with --batch into a CSV and JSON gradebook', async () => {
    const root = mkdtempSync(join(tmpdir(), 'keyspace-batch-'));
    const submit = (learner: string, file: string, text: string) => {
      mkdirSync(join(root, 'class', learner), { recursive: true });
      writeFileSync(join(root, 'class', learner, file), text);
    };
    submit('ada', 'set-and-get.ts', readFileSync(join(EXERCISE, 'solution.ts'), 'utf8'));
    submit('bob', 'set-and-get.ts', readFileSync(join(EXERCISE, 'starter.ts'), 'utf8'));
    submit('cy', 'set-and-get.ts', 'export async function main( {');
    submit('cy', 'no-such-exercise.ts', 'export {}');
    const run = await keyspace('grade', '--batch', join(root, 'class'), '--out', root);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Graded 4 submissions from 3 learners: 1 pass, 1 fail, 2 error.');
    expect(readFileSync(join(root, 'gradebook.csv'), 'utf8').split('\r\n')).toEqual([
      '"learner","no-such-exercise","set-and-get"',
      '"ada","","pass (5/5)"',
      '"bob","","fail (2/5)"',
      '"cy","error (0/0)","error (0/0)"',
      '',
    ]);
    const book = JSON.parse(readFileSync(join(root, 'gradebook.json'), 'utf8'));
    expect(book.learners[2].results['set-and-get']).toMatchObject({
      reason: 'compile-error',
      location: { file: 'cy/set-and-get.ts', line: 1 },
    });
    expect(book.learners[2].results['set-and-get'].message).toMatch(/^cy\/set-and-get\.ts:1:\d+: /);
  });
});
