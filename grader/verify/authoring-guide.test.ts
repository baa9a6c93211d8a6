import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import MarkdownIt from 'markdown-it';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Grader } from '../grader.ts';
import { SandboxServer } from '../redis/sandbox-server.ts';
import { verifyCourse } from './verify-course.ts';

const GUIDE = new URL('../../AUTHORING.md', import.meta.url);

/** The guide's blocks whose info string names a file (`ts file=exercises/x/checks.ts`). */
async function filesOfTheGuide(): Promise<Map<string, string>> {
  const tokens = new MarkdownIt().parse(await readFile(GUIDE, 'utf8'), {});
  const files = new Map<string, string>();
  for (const token of tokens) {
    const file = /(?:^|\s)file=(\S+)/.exec(token.info)?.[1];
    if (token.type === 'fence' && file) files.set(file, token.content);
  }
  return files;
}

describe("AUTHORING.md's complete example", () => {
  let courseDir: string;
  let grader: Grader;
  let sandbox: SandboxServer;
  let files: Map<string, string>;

  beforeAll(async () => {
    files = await filesOfTheGuide();
    courseDir = await mkdtemp(join(tmpdir(), 'keyspace-guide-course-'));
    for (const [file, text] of files) {
      await mkdir(dirname(join(courseDir, file)), { recursive: true });
      await writeFile(join(courseDir, file), text);
    }
    [grader, sandbox] = await Promise.all([
      Grader.start({ courseDir, concurrency: 2 }),
      SandboxServer.start(),
    ]);
  });
  afterAll(async () => {
    await Promise.all([grader?.stop(), sandbox?.stop()]);
    if (courseDir) await rm(courseDir, { recursive: true, force: true });
  });

  it('is a whole lesson and exercise', () => {
    expect([...files.keys()].sort()).toEqual([
      'exercises/recent-visitors/checks.ts',
      'exercises/recent-visitors/exercise.md',
      'exercises/recent-visitors/solution.ts',
      'exercises/recent-visitors/starter.ts',
      'exercises/recent-visitors/wrong/list-of-visits.ts',
      'exercises/recent-visitors/wrong/no-expiry.ts',
      'exercises/recent-visitors/wrong/reads-every-visitor.ts',
      'lessons/01-sorted-sets.md',
    ]);
  });

  it('passes keyspace verify as it is written', async () => {
    expect(await verifyCourse({ courseDir, grader, sandbox })).toEqual([]);
  });
});
