import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadLessons } from '../content/course.ts';
import { Grader } from '../grader.ts';
import { SandboxServer } from '../redis/sandbox-server.ts';
import { type Problem, verifyCourse } from '../verify/verify-course.ts';
import { newCommand } from './new-command.ts';
import { runCli } from './run-cli.ts';

/** Runs `keyspace new …` as bin/keyspace.js does, with what it prints. */
async function keyspaceNew(...argv: string[]) {
  let out = '';
  let err = '';
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    err += String(chunk);
    return true;
  });
  try {
    return { code: await runCli(() => newCommand(argv)), out, err };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

/** Every file under `dir` with its text, to prove a refusal wrote nothing. */
async function filesIn(dir: string): Promise<Record<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files: Record<string, string> = {};
  for (const entry of entries.filter((found) => found.isFile())) {
    const path = join(entry.parentPath, entry.name);
    files[path.slice(dir.length + 1)] = await readFile(path, 'utf8');
  }
  return files;
}

const lesson = (title: string, extra = '') =>
  `---\ntitle: ${title}\nsummary: About ${title}.\nminutes: 5\n${extra}---\n\nText.\n`;

const folders: string[] = [];
async function tempCourse(lessons: Record<string, string> = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'keyspace-new-'));
  folders.push(dir);
  for (const [name, text] of Object.entries(lessons)) {
    await mkdir(join(dir, 'lessons'), { recursive: true });
    await writeFile(join(dir, 'lessons', name), text);
  }
  return dir;
}
afterAll(() => Promise.all(folders.map((dir) => rm(dir, { recursive: true, force: true }))));

describe('keyspace new, from an empty folder', () => {
  let course: string;
  let made: Awaited<ReturnType<typeof keyspaceNew>>[];
  let problems: Problem[];
  beforeAll(async () => {
    course = await tempCourse();
    made = [
      await keyspaceNew('lesson', 'sorted-sets', '--course', course),
      await keyspaceNew('exercise', 'top-scores', '--lesson', 'sorted-sets', '--course', course),
    ];
    const [grader, sandbox] = await Promise.all([
      Grader.start({ courseDir: course, concurrency: 1 }),
      SandboxServer.start(),
    ]);
    try {
      problems = await verifyCourse({ courseDir: course, grader, sandbox });
    } finally {
      await Promise.all([grader.stop(), sandbox.stop()]);
    }
  }, 60_000);

  it('makes the files of a course, the lesson and the exercise folder, and says what to do next', async () => {
    expect(made.map(({ code, err }) => ({ code, err }))).toEqual([
      { code: 0, err: '' },
      { code: 0, err: '' },
    ]);
    expect(Object.keys(await filesIn(course)).sort()).toEqual([
      '.github/workflows/course.yml',
      '.gitignore',
      'biome.json',
      'exercises/top-scores/checks.ts',
      'exercises/top-scores/exercise.md',
      'exercises/top-scores/solution.ts',
      'exercises/top-scores/starter.ts',
      'exercises/top-scores/wrong/no-expiry.ts',
      'exercises/top-scores/wrong/returns-its-argument.ts',
      'lessons/01-sorted-sets.md',
      'package.json',
      'tsconfig.json',
    ]);
    expect(made[0]?.out).toContain('Created lessons/01-sorted-sets.md, package.json');
    expect(made[1]?.out).toContain('  exercises/top-scores/checks.ts\n');
    expect(made[1]?.out).toContain(
      'Added top-scores to the exercises of lessons/01-sorted-sets.md',
    );
    expect(made[1]?.out).toContain(`npx keyspace verify --course ${course}`);
    expect(made[1]?.out).toContain(`npm run dev -- --course ${course}`);
  });

  it('titles the lesson from its slug and names the exercise in its front matter', async () => {
    const [only] = await loadLessons(course);
    expect(only).toMatchObject({
      id: 'sorted-sets',
      title: 'Sorted sets',
      exercises: ['top-scores'],
    });
  });

  it('makes a course that keyspace verify proves: the solution passes, the rest fails as named', () => {
    expect(problems).toEqual([]);
  });
});

describe('keyspace new lesson', () => {
  it('numbers the lesson after the last one, and takes --title', async () => {
    const course = await tempCourse({ '01-a.md': lesson('A'), '07-b.md': lesson('B') });
    const { code } = await keyspaceNew('lesson', 'c', '--title', 'Sea: deep', '--course', course);
    expect(code).toBe(0);
    const lessons = await loadLessons(course);
    expect(lessons.map(({ file, title }) => [file, title])).toEqual([
      ['lessons/01-a.md', 'A'],
      ['lessons/07-b.md', 'B'],
      ['lessons/08-c.md', 'Sea: deep'],
    ]);
    expect(existsSync(join(course, 'exercises'))).toBe(true);
  });

  it.each([
    [['lesson', 'a'], 'lesson a already exists: lessons/01-a.md'],
    [['lesson', 'Bad_Slug'], "'Bad_Slug' cannot name a lesson"],
    [['lesson', 'b', '--lesson', 'a'], '--lesson is for `keyspace new exercise`'],
    [['lesson', 'b', '--title', 'two\nlines'], '--title must be one line'],
  ])('refuses %j without writing anything', async (argv, message) => {
    const course = await tempCourse({ '01-a.md': lesson('Old') });
    const before = await filesIn(course);
    const { code, err } = await keyspaceNew(...argv, '--course', course);
    expect({ code, err }).toEqual({ code: 64, err: expect.stringContaining(message) });
    expect(await filesIn(course)).toEqual(before);
  });
});

describe('keyspace new exercise', () => {
  it('keeps the comments and the other keys of the front matter it adds to', async () => {
    const text = lesson('A', '# Shown first.\nexercises:\n  - old-one # the easy one\n');
    const course = await tempCourse({ '01-a.md': text });
    await mkdir(join(course, 'exercises/old-one'), { recursive: true });
    const { code } = await keyspaceNew('exercise', 'new-one', '--lesson', 'a', '--course', course);
    expect(code).toBe(0);
    expect(await readFile(join(course, 'lessons/01-a.md'), 'utf8')).toBe(
      text.replace('# the easy one\n', '# the easy one\n  - new-one\n'),
    );
  });

  it.each([
    [
      ['exercise', 'x', '--lesson', 'nowhere'],
      64,
      "no lesson nowhere; the course's lessons are: a, b",
    ],
    [['exercise', 'Not An Id', '--lesson', 'a'], 64, "'Not An Id' cannot name an exercise"],
    [['exercise', 'taken', '--lesson', 'a'], 64, 'exercises/taken already exists'],
    [['exercise', 'listed', '--lesson', 'a'], 64, 'lessons/02-b.md names exercise listed already'],
    [['exercise', 'x'], 64, 'which lesson is x part of?'],
  ])('refuses %j without writing anything', async (argv, exitCode, message) => {
    const course = await tempCourse({
      '01-a.md': lesson('A'),
      '02-b.md': lesson('B', 'exercises:\n  - listed\n'),
    });
    await mkdir(join(course, 'exercises/taken'), { recursive: true });
    const before = await filesIn(course);
    const { code, err } = await keyspaceNew(...argv, '--course', course);
    expect({ code, err }).toEqual({ code: exitCode, err: expect.stringContaining(message) });
    expect(await filesIn(course)).toEqual(before);
  });

  it('says a course without lessons needs one first', async () => {
    const course = await tempCourse();
    const { code, err } = await keyspaceNew('exercise', 'x', '--lesson', 'a', '--course', course);
    expect(code).toBe(64);
    expect(err).toContain('start one with `keyspace new lesson a`');
    expect(await readdir(course)).toEqual([]);
  });

  it('names a lesson whose front matter does not parse, and exits 3', async () => {
    const course = await tempCourse({ '01-a.md': '---\ntitle: [unclosed\n---\n' });
    const { code, err } = await keyspaceNew('exercise', 'x', '--lesson', 'a', '--course', course);
    expect(code).toBe(3);
    expect(err).toMatch(/lessons\/01-a\.md(:\d+)?: front matter is not valid YAML/);
    expect(existsSync(join(course, 'exercises'))).toBe(false);
  });
});
