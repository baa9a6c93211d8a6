import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GradedSubmission } from '../../contracts/index.ts';
import { LearnerClient } from '../test/learner-client.ts';
import { startTestApp, type TestApp } from '../test/test-app.ts';
import type { CourseEvent } from './live-preview.ts';

const TINY_COURSE = new URL('../../grader/test/tiny-course/', import.meta.url).pathname;
const EXERCISE = 'exercises/count-visits';

/** A page's EventSource, as far as the test needs one: the course events, in order. */
class EventStream {
  private readonly received: CourseEvent[] = [];
  private readonly abort = new AbortController();

  static async open(url: string): Promise<EventStream> {
    const stream = new EventStream();
    const response = await fetch(url, { signal: stream.abort.signal });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    void stream.read(response);
    return stream;
  }

  private async read(response: Response): Promise<void> {
    let buffered = '';
    const decoder = new TextDecoder();
    try {
      for await (const chunk of response.body ?? []) {
        buffered += decoder.decode(chunk, { stream: true });
        let end = buffered.indexOf('\n\n');
        while (end !== -1) {
          const data = /^data: (.*)$/m.exec(buffered.slice(0, end))?.[1];
          if (data) this.received.push(JSON.parse(data) as CourseEvent);
          buffered = buffered.slice(end + 2);
          end = buffered.indexOf('\n\n');
        }
      }
    } catch {
      // Aborted by close().
    }
  }

  /** The next event that names a file, waiting for it. */
  async next(): Promise<CourseEvent> {
    await expect.poll(() => this.received.length, { timeout: 10_000 }).toBeGreaterThan(0);
    return this.received.shift() as CourseEvent;
  }

  close(): void {
    this.abort.abort();
  }
}

describe('the live preview (keyspace start --watch)', () => {
  let courseDir: string;
  let app: TestApp;
  let events: EventStream;
  const learner = () => new LearnerClient(app.url);
  const edit = async (file: string, change: (text: string) => string) => {
    const path = join(courseDir, file);
    await writeFile(path, change(await readFile(path, 'utf8')));
  };

  beforeAll(async () => {
    courseDir = await mkdtemp(join(tmpdir(), 'keyspace-preview-course-'));
    await cp(TINY_COURSE, courseDir, { recursive: true });
    app = await startTestApp({ courseDir, watch: true });
    events = await EventStream.open(`${app.url}/api/preview/events`);
  });
  afterAll(async () => {
    events?.close();
    await app?.stop();
    await rm(courseDir, { recursive: true, force: true });
  });

  it('tells a page at once that the course is fine', async () => {
    expect(await events.next()).toEqual({ files: [], problems: [] });
  });

  it('tells pages which file changed, and serves the new text on the next load', async () => {
    await edit('lessons/01-counting.md', (text) =>
      text.replace('title: Counting', 'title: Tallies'),
    );
    expect(await events.next()).toEqual({ files: ['lessons/01-counting.md'], problems: [] });
    const lesson = await learner().json<{ title: string }>(learner().get('/api/lessons/counting'));
    expect(lesson.title).toBe('Tallies');
  });

  it('names the file, line and fault of a broken file, and keeps serving', async () => {
    await edit(`${EXERCISE}/exercise.md`, (text) =>
      text.replace('title: Count the visits', 'title: 42'),
    );
    const { problems } = await events.next();
    expect(problems).toEqual([
      {
        file: `${EXERCISE}/exercise.md`,
        line: 2,
        message: expect.stringMatching(/^front matter is invalid:\n {2}title: /),
      },
    ]);
    const answer = await learner().get('/api/exercises/count-visits');
    expect(answer.status).toBe(500);
    expect(await answer.json()).toMatchObject({
      error: 'broken_content',
      message: expect.stringContaining(`${EXERCISE}/exercise.md:2: front matter is invalid`),
    });
    expect((await learner().get('/api/course')).status).toBe(200);

    await edit(`${EXERCISE}/exercise.md`, (text) =>
      text.replace('title: 42', 'title: Count the visits'),
    );
    expect((await events.next()).problems).toEqual([]);
  });

  it('names the line of a TypeScript syntax error', async () => {
    await edit(`${EXERCISE}/checks.ts`, (text) => `${text}\nconst broken = ;\n`);
    const { problems } = await events.next();
    expect(problems).toEqual([
      { file: `${EXERCISE}/checks.ts`, line: expect.any(Number), message: expect.any(String) },
    ]);
    const lines = (await readFile(join(courseDir, `${EXERCISE}/checks.ts`), 'utf8')).split('\n');
    expect(lines[(problems[0]?.line ?? 0) - 1]).toBe('const broken = ;');
    await edit(`${EXERCISE}/checks.ts`, (text) => text.replace('\nconst broken = ;\n', ''));
    expect((await events.next()).problems).toEqual([]);
  });

  it('grades with the checks as saved, without a restart', async () => {
    const solution = await readFile(join(courseDir, `${EXERCISE}/solution.ts`), 'utf8');
    const grade = async () =>
      (
        await learner().json<GradedSubmission>(
          learner().post('/api/exercises/count-visits/submissions', { source: solution }),
        )
      ).result;
    expect((await grade()).checks).toHaveLength(3);

    await edit(`${EXERCISE}/checks.ts`, (text) =>
      text.replace(
        'const checks: CheckList<Exports> = [',
        `const checks: CheckList<Exports> = [
  {
    name: 'a check added while the server runs',
    async run({ expect }) {
      expect.ok(false, 'this check was read from the file as saved');
    },
  },`,
      ),
    );
    await events.next();
    const graded = await grade();
    expect(graded.status).toBe('fail');
    expect(graded.checks[0]).toMatchObject({
      name: 'a check added while the server runs',
      status: 'fail',
    });
    expect(graded.checks).toHaveLength(4);
  });
});

describe('without --watch', () => {
  it('answers 204, so that a page does not follow anything', async () => {
    const app = await startTestApp();
    try {
      const answer = await fetch(`${app.url}/api/preview/events`);
      expect(answer.status).toBe(204);
    } finally {
      await app.stop();
    }
  });
});
