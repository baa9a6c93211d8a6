import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { CourseMap } from '../../contracts/index.ts';
import { WORKFLOW_FILE } from '../content/scaffold/course-template.ts';
import { FIRST_EXERCISE } from './new-course.ts';

const BIN = new URL('../../bin/keyspace.js', import.meta.url).pathname;

interface Ran {
  code: number;
  output: string;
}

/** A command as a shell runs it in `cwd`, with what it printed (both streams). */
function run(file: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  return new Promise<Ran>((resolve) => {
    execFile(
      file,
      args,
      { cwd, env: { ...process.env, ...env }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code) : 0, output: stdout + stderr }),
    );
  });
}

const keyspace = (cwd: string, ...args: string[]) => run(process.execPath, [BIN, ...args], cwd);

interface Step {
  name?: string;
  run?: string;
  uses?: string;
}

const folders: string[] = [];
afterAll(() => Promise.all(folders.map((dir) => rm(dir, { recursive: true, force: true }))));

async function emptyFolder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'keyspace-new-course-'));
  folders.push(dir);
  return dir;
}

describe('a course started by keyspace new in an empty folder', () => {
  let parent: string;
  let course: string;
  let made: Ran;
  beforeAll(async () => {
    parent = await emptyFolder();
    course = join(parent, 'streams-course');
    made = await keyspace(parent, 'new', 'streams-course');
  });

  it('gets the files of a course of its own, a first lesson and a first exercise', async () => {
    expect(made.code, made.output).toBe(0);
    const files = await readdir(course, { recursive: true, withFileTypes: true });
    expect(
      files
        .filter((entry) => entry.isFile())
        .map((entry) => join(entry.parentPath, entry.name).slice(course.length + 1))
        .sort(),
    ).toEqual(
      [
        WORKFLOW_FILE,
        '.gitignore',
        'biome.json',
        `exercises/${FIRST_EXERCISE}/checks.ts`,
        `exercises/${FIRST_EXERCISE}/exercise.md`,
        `exercises/${FIRST_EXERCISE}/solution.ts`,
        `exercises/${FIRST_EXERCISE}/starter.ts`,
        `exercises/${FIRST_EXERCISE}/wrong/no-expiry.ts`,
        `exercises/${FIRST_EXERCISE}/wrong/returns-its-argument.ts`,
        'lessons/01-getting-started.md',
        'package.json',
        'tsconfig.json',
      ].sort(),
    );
    expect(made.output).toContain('cd streams-course && npm install');
  });

  it('imports the checks API by the package name, which holds wherever the folder moves', async () => {
    const checks = await readFile(join(course, 'exercises', FIRST_EXERCISE, 'checks.ts'), 'utf8');
    expect(checks).toContain("from 'keyspace/checks';");
    expect(checks).not.toMatch(/from '\.\.?\//);
  });

  it("passes its own CI workflow's commands: install, lint, verify, and grading a class", async () => {
    const workflow = parse(await readFile(join(course, WORKFLOW_FILE), 'utf8'));
    const steps = Object.values(workflow.jobs as Record<string, { steps: Step[] }>).flatMap(
      (job) => job.steps,
    );
    // What only a GitHub runner does: its actions, and installing redis-server with sudo.
    const commands = steps.filter((step) => step.run && !step.run.startsWith('sudo '));
    expect(commands.map((step) => step.name)).toEqual([
      'Install Keyspace',
      'Lint',
      'Verify',
      'Grade the class',
    ]);
    const solution = join(course, 'exercises', FIRST_EXERCISE, 'solution.ts');
    const starter = join(course, 'exercises', FIRST_EXERCISE, 'starter.ts');
    for (const [learner, file] of [
      ['ada', solution],
      ['bob', starter],
    ] as const) {
      await mkdir(join(course, 'class', learner), { recursive: true });
      await cp(file, join(course, 'class', learner, `${FIRST_EXERCISE}.ts`));
    }
    for (const step of commands) {
      // Keyspace from this checkout (package.json says file:<it>), nothing from the network.
      const ran = await run('bash', ['-eo', 'pipefail', '-c', step.run ?? ''], course, {
        npm_config_offline: 'true',
      });
      expect(ran.code, `${step.name}: ${step.run}\n${ran.output}`).toBe(0);
    }
    const gradebook = (await readFile(join(course, 'gradebook.csv'), 'utf8')).split(/\r?\n/);
    expect(gradebook.slice(0, 3)).toEqual([
      expect.stringMatching(/^"learner","remember-with-expiry"/),
      expect.stringMatching(/^"ada","3"/),
      expect.stringMatching(/^"bob","0"/),
    ]);
  }, 180_000);

  it('previews itself with npm run dev, as `keyspace new lesson` says, its progress kept in the course', async () => {
    // After the install of the test above: the course's Keyspace is this checkout.
    const dev = spawn('npm', ['run', 'dev', '--', '--port', '0'], {
      cwd: course,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let printed = '';
      const url = await new Promise<string>((resolve, reject) => {
        dev.stdout.on('data', (chunk: Buffer) => {
          printed += chunk;
          const address = /open (http:\/\/localhost:\d+\/)/.exec(printed)?.[1];
          if (address) resolve(address);
        });
        dev.once('exit', (code) => reject(new Error(`npm run dev exited ${code}: ${printed}`)));
      });
      const page = await fetch(new URL('lessons/getting-started', url));
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
      const map = (await (await fetch(new URL('api/course', url))).json()) as CourseMap;
      expect(map.lessons.map(({ id }) => id)).toEqual(['getting-started']);
      expect(existsSync(join(course, '.keyspace', 'data'))).toBe(true);
      expect(await readFile(join(course, '.gitignore'), 'utf8')).toMatch(/^\.keyspace\/$/m);
    } finally {
      const exited = new Promise((resolve) => dev.once('exit', resolve));
      process.kill(-(dev.pid ?? 0), 'SIGTERM');
      await exited;
    }
  }, 120_000);
});

describe('keyspace new --course DIR', () => {
  it('starts a course there too, and refuses to start one where a course is', async () => {
    const dir = await emptyFolder();
    const first = await keyspace(dir, 'new', '--course', 'mine');
    expect(first.code, first.output).toBe(0);
    expect(first.output).toContain('Started a course in mine:');
    const again = await keyspace(dir, 'new', 'mine');
    expect(again.code).toBe(64);
    expect(again.output).toContain('mine is a course already (it has lessons/)');
  });
});
