import { execFile } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { findRedisServer } from '../redis/find-redis-server.ts';
import { assertValidResult } from '../test/result-schema.ts';
import { NO_NETWORK_NAMESPACE } from '../worker/network-isolation.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const EXERCISE = join(ROOT, 'exercises/set-and-get');
const TINY_COURSE = join(ROOT, 'grader/test/tiny-course');
/** For a command that grades several files and writes several reports, on a busy machine. */
const GRADING_MS = 60_000;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function keyspace(...args: string[]): Promise<Run> {
  return keyspaceIn({}, ...args);
}

function keyspaceIn(
  options: { cwd?: string; env?: NodeJS.ProcessEnv },
  ...args: string[]
): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(ROOT, 'bin/keyspace.js'), ...args],
      options,
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
}

const made: string[] = [];
afterAll(() => {
  for (const path of made) rmSync(path, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

function tempFile(name: string, text: string): string {
  const path = join(tmpdir(), `keyspace-cli-${process.pid}-${name}`);
  writeFileSync(path, text);
  made.push(path);
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
    expect(run.stdout).toContain(`set-and-get (${file}): ERROR`);
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
    expect(run.stdout).toContain(
      `set-and-get (${relative(process.cwd(), join(EXERCISE, 'starter.ts'))}): FAIL (2 of 5 checks passed, 2 of 5 points`,
    );
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
    [
      ['grade', 'set-and-get', join(EXERCISE, 'starter.ts'), '--report', 'junit'],
      /--report takes FORMAT=PATH \(e\.g\. --report junit=reports\/junit\.xml\), not 'junit'/,
    ],
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
    const out = join(tempDir('keyspace-junit-'), 'report.xml');
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

  it.concurrent(
    'grades a class with --batch into a gradebook of the checks’ points, and a report, into a folder it makes',
    async () => {
      const root = tempDir('keyspace-batch-');
      // The tiny course, its last check worth 4 points.
      const course = join(root, 'course');
      cpSync(TINY_COURSE, course, { recursive: true });
      const checks = join(course, 'exercises/count-visits/checks.ts');
      writeFileSync(
        checks,
        readFileSync(checks, 'utf8').replace(
          "name: 'a visit is one INCR, so that none is lost',",
          "name: 'a visit is one INCR, so that none is lost',\n    points: 4,",
        ),
      );
      const submit = (learner: string, file: string, text: string) => {
        mkdirSync(join(root, 'class', learner), { recursive: true });
        writeFileSync(join(root, 'class', learner, file), text);
      };
      const exercise = join(course, 'exercises/count-visits');
      submit('ada', 'count-visits.ts', readFileSync(join(exercise, 'solution.ts'), 'utf8'));
      submit(
        'bob',
        'count-visits.ts',
        readFileSync(join(exercise, 'wrong/get-then-set.ts'), 'utf8'),
      );
      submit('cy', 'count-visits.ts', 'export async function countVisit( {');
      submit('cy', 'no-such-exercise.ts', 'export {}');
      const out = join(root, 'not', 'yet');
      const run = await keyspace(
        'grade',
        '--batch',
        join(root, 'class'),
        '--course',
        course,
        '--out',
        out,
        '--format',
        'junit',
      );
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toContain(
        `keyspace: warning: ${join(root, 'class/cy/no-such-exercise.ts')} names no exercise of the course ('no-such-exercise'): not graded`,
      );
      expect(run.stderr).toContain(
        'Graded 3 submissions from 3 learners: 1 pass, 1 fail, 1 error.',
      );
      const suites = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(
        run.stdout,
      ).testsuites.testsuite;
      expect(suites.map((suite: { failures: string }) => suite.failures)).toEqual(['0', '1', '0']);
      expect(readFileSync(join(out, 'gradebook.csv'), 'utf8').split('\r\n')).toEqual([
        '"learner","count-visits","total"',
        '"ada","6","6"',
        '"bob","2","2"',
        '"cy","0","0"',
        '',
      ]);
      const book = JSON.parse(readFileSync(join(out, 'gradebook.json'), 'utf8'));
      const cy = join(root, 'class/cy/count-visits.ts');
      expect(book.learners[2].results['count-visits']).toMatchObject({
        status: 'error',
        score: { points: 0, of: 6 },
        reason: 'compile-error',
        location: { file: cy, line: 1 },
      });
      expect(book.learners[2].results['count-visits'].message.startsWith(`${cy}:1:`)).toBe(true);
    },
    GRADING_MS,
  );

  it.concurrent(
    'writes every report from one grading, files named as given, and warns when workers can reach the network',
    async () => {
      // The failing check's message names the page its random data drew: a second grading would
      // draw another.
      const dir = tempDir('keyspace-reports-');
      mkdirSync(join(dir, 'solutions'));
      writeFileSync(
        join(dir, 'solutions/count-visits.ts'),
        readFileSync(join(TINY_COURSE, 'exercises/count-visits/wrong/forgets-the-page.ts')),
      );
      // Without unshare on its PATH, no worker gets a network namespace of its own.
      const bin = tempDir('keyspace-no-unshare-');
      symlinkSync(process.execPath, join(bin, 'node'));
      const run = await keyspaceIn(
        { cwd: dir, env: { ...process.env, PATH: bin, REDIS_SERVER_BIN: findRedisServer() } },
        'grade',
        'solutions/count-visits.ts',
        '--course',
        TINY_COURSE,
        '--format',
        'json',
        '--report',
        'junit=reports/junit.xml',
        '--report',
        'github=reports/annotations.txt',
        '--report',
        'tap=reports/tap.txt',
      );
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toBe(`keyspace: warning: ${NO_NETWORK_NAMESPACE}\n`);
      const result = JSON.parse(run.stdout);
      assertValidResult(result);
      const failed = result.checks[1];
      expect(failed?.location?.file).toBe('solutions/count-visits.ts');
      const junit = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(
        readFileSync(join(dir, 'reports/junit.xml'), 'utf8'),
      ).testsuites.testsuite;
      expect(junit.testcase[1].failure.message).toBe(failed?.message);
      expect(junit.testcase[1].file).toBe('solutions/count-visits.ts');
      const annotations = readFileSync(join(dir, 'reports/annotations.txt'), 'utf8');
      expect(annotations).toContain(
        `::error file=solutions/count-visits.ts,line=${failed?.location?.line},`,
      );
      expect(annotations).toContain(`::${failed?.message}%0A`);
      expect(readFileSync(join(dir, 'reports/tap.txt'), 'utf8')).toContain(
        `message: ${JSON.stringify(failed?.message)}`,
      );
    },
    GRADING_MS,
  );

  it.concurrent('refuses an --out it cannot write in one line, before it grades anything', async () => {
    const root = tempDir('keyspace-batch-out-');
    mkdirSync(join(root, 'class/ada'), { recursive: true });
    writeFileSync(join(root, 'class/ada/set-and-get.ts'), 'export {}');
    writeFileSync(join(root, 'taken'), '');
    // Were it to grade first, the missing redis-server would end it with 70.
    const run = await keyspaceIn(
      { env: { ...process.env, REDIS_SERVER_BIN: '/nonexistent/redis-server' } },
      'grade',
      '--batch',
      join(root, 'class'),
      '--out',
      join(root, 'taken'),
    );
    expect(run.code).toBe(64);
    expect(run.stderr).toBe(
      `keyspace: cannot write ${join(root, 'taken/gradebook.json')}: it, or a folder on its path, is a file\n`,
    );
  });

  it('lists every exit code and format in grade --help', async () => {
    const run = await keyspace('grade', '--help');
    expect(run.code).toBe(0);
    // As a terminal shows it: the usage text wraps where a line is full.
    const text = run.stdout.replace(/\s+/g, ' ');
    expect(text).toContain('64 a usage error, 70 an internal error');
    expect(text).toContain('pretty, json, junit, tap, github, summary, classroom');
  });
});
