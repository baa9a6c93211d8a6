import { execFile } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// docs/grading-in-ci.md's commands, run as the page writes them, in folders laid out as it says.
const ROOT = new URL('../../', import.meta.url).pathname;
const GUIDE = readFileSync(join(ROOT, 'docs/grading-in-ci.md'), 'utf8');

/** What only GitHub, or a machine set up by hand, runs: installing, sudo, cloning from GitHub. */
const NOT_HERE = [/^sudo /, /^npm ci$/, /^gh classroom clone /];

/** The guide's fenced blocks in `language`, in order. */
function blocks(language: string): string[] {
  return [...GUIDE.matchAll(/^```(\w+)\n([\s\S]*?)^```$/gm)]
    .filter((match) => match[1] === language)
    .map((match) => match[2] ?? '');
}

interface Step {
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** A `run:` script as GitHub runs it on Linux: bash, stopping at the first failing command. */
function bash(script: string, cwd: string, env: Record<string, string> = {}): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(
      'bash',
      ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script],
      { cwd, env: { ...process.env, ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

/** A folder holding a `keyspace/` checkout (this one), as the guide's commands expect. */
function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'keyspace-ci-guide-'));
  symlinkSync(ROOT, join(dir, 'keyspace'));
  return dir;
}

function put(path: string, from: string): void {
  mkdirSync(dirname(path), { recursive: true });
  copyFileSync(from, path);
}

const exerciseFile = (exercise: string, which: 'solution' | 'starter') =>
  join(ROOT, 'exercises', exercise, `${which}.ts`);

describe('docs/grading-in-ci.md', () => {
  const made: string[] = [];
  afterAll(() => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });

  it('grades a learner’s repository with its workflow: annotations, a summary, JUnit and Classroom points from one grading', async () => {
    const repo = workspace();
    made.push(repo);
    put(join(repo, 'solutions/set-and-get.ts'), exerciseFile('set-and-get', 'starter'));
    put(join(repo, 'solutions/page-views.ts'), exerciseFile('page-views', 'solution'));
    writeFileSync(join(repo, 'solutions/notes.ts'), 'export {};\n');
    const summaryFile = join(repo, 'step-summary.md');
    writeFileSync(summaryFile, '');

    const [workflow] = blocks('yaml');
    const steps: Step[] = parse(workflow ?? '').jobs['run-autograding-tests'].steps;
    const outputs: Record<string, Record<string, string>> = {};
    const ran: { step: Step; result: Ran }[] = [];
    const notHere: string[] = [];
    let failed = false;
    for (const [index, step] of steps.entries()) {
      if (step.uses) continue;
      const script = step.run ?? '';
      if (NOT_HERE.some((pattern) => pattern.test(script))) {
        notHere.push(script.trim());
        continue;
      }
      if (failed && step.if !== 'always()') continue;
      const outputFile = join(repo, `step-${index}-output`);
      writeFileSync(outputFile, '');
      const result = await bash(script, repo, {
        GITHUB_STEP_SUMMARY: summaryFile,
        GITHUB_OUTPUT: outputFile,
      });
      ran.push({ step, result });
      failed ||= result.code !== 0;
      if (step.id) {
        outputs[step.id] = Object.fromEntries(
          readFileSync(outputFile, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
        );
      }
    }
    expect(notHere).toEqual([
      'sudo apt-get update && sudo apt-get install -y redis-server',
      'sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0',
      'npm ci',
    ]);
    const [grading, summary] = ran;
    // The worst file decides: a check of the starter fails.
    expect(grading?.result.code, grading?.result.stderr).toBe(1);
    expect(grading?.result.stdout).toMatch(
      /^::error file=solutions\/set-and-get\.ts,line=\d+(,col=\d+)?,title=set-and-get%3A /m,
    );
    expect(grading?.result.stderr).toContain(
      "keyspace: warning: solutions/notes.ts names no exercise of the course ('notes'): not graded",
    );
    expect(summary?.result.code).toBe(0);
    expect(readFileSync(summaryFile, 'utf8')).toContain(
      '## Keyspace: 1 of 2 files passed, 13 of 16 points',
    );
    expect(XMLValidator.validate(readFileSync(join(repo, 'reports/junit.xml'), 'utf8'))).toBe(true);

    // What GitHub Classroom's reporter does with its `runners` and their `<RUNNER>_RESULTS`.
    const reporter = steps.find((step) =>
      step.uses?.startsWith('classroom-resources/autograding-grading-reporter@'),
    );
    const [runner] = (reporter?.with?.runners ?? '').split(',');
    const reference = reporter?.env?.[`${runner?.trim().toUpperCase()}_RESULTS`] ?? '';
    const [, stepId, output] =
      /^\$\{\{ steps\.([\w-]+)\.outputs\.(\w+) \}\}$/.exec(reference) ?? [];
    const results = JSON.parse(
      Buffer.from(outputs[stepId ?? '']?.[output ?? ''] ?? '', 'base64').toString('utf8'),
    );
    const points = results.tests.reduce(
      (sum: number, test: { score: number }) => sum + test.score,
      0,
    );
    expect({ points, of: results.max_score }).toEqual({ points: 13, of: 16 });
  }, 120_000);

  it('grades a class cloned by gh classroom into the gradebook it shows', async () => {
    const dir = workspace();
    made.push(dir);
    // The class as the guide lays it out: ada hands in each exercise's solution, bob its starter.
    const layout = blocks('text').find((block) => block.includes('-submissions/')) ?? '';
    const [root, ...files] = layout.trim().split('\n');
    for (const file of files) {
      const [learner, , name] = file.trim().split('/');
      const exercise = (name ?? '').replace(/\.ts$/, '');
      put(
        join(dir, root ?? '', file.trim()),
        exerciseFile(exercise, learner?.endsWith('-ada') ? 'solution' : 'starter'),
      );
    }
    const stray = join(dir, root ?? '', files[0]?.trim() ?? '', '../notes.ts');
    writeFileSync(stray, 'export {};\n');

    const [commands] = blocks('sh').filter((block) => block.includes('--batch'));
    const lines = (commands ?? '').trim().split('\n');
    expect(lines.filter((line) => NOT_HERE.some((pattern) => pattern.test(line)))).toEqual([
      'gh classroom clone student-repos --assignment-id 123456',
    ]);
    const run = await bash(
      lines.filter((line) => !NOT_HERE.some((pattern) => pattern.test(line))).join('\n'),
      dir,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/notes\.ts names no exercise of the course/);
    expect(run.stdout).toContain('Graded 3 submissions from 2 learners: 2 pass, 1 fail, 0 error.');

    const shown = blocks('text').find((block) => block.startsWith('"learner"')) ?? '';
    expect(readFileSync(join(dir, 'grades/gradebook.csv'), 'utf8')).toBe(
      shown.replaceAll('\n', '\r\n'),
    );
    const book = JSON.parse(readFileSync(join(dir, 'grades/gradebook.json'), 'utf8'));
    expect(book.points).toEqual({ 'set-and-get': 5, 'page-views': 11 });
    expect(book.learners[1].results['set-and-get']).toMatchObject({
      status: 'fail',
      score: { points: 2, of: 5 },
      reason: 'assertion',
      location: { file: 'redis-basics-submissions/redis-basics-bob/solutions/set-and-get.ts' },
    });
    expect(readFileSync(join(dir, 'grades/summary.md'), 'utf8')).toContain(
      '## Keyspace: 2 of 3 files passed, 18 of 21 points',
    );
    expect(XMLValidator.validate(readFileSync(join(dir, 'grades/junit.xml'), 'utf8'))).toBe(true);
  }, 120_000);
});
