import { readFileSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExerciseStats, GradedSubmission } from '../../contracts/index.ts';
import { keys } from '../progress/keys.ts';
import { type AppBeside, startAppBeside } from '../test/app-beside.ts';
import { expectError } from '../test/expect-error.ts';
import { LearnerClient } from '../test/learner-client.ts';
import { startTestApp, type TestApp } from '../test/test-app.ts';

const code = (file: string) =>
  readFileSync(new URL(`../../exercises/set-and-get/${file}`, import.meta.url), 'utf8');
const SOLUTION = code('solution.ts');
const STARTER = code('starter.ts');
/** Fails only the check named SUNNY below. */
const CAPITAL_S = code('wrong/capital-s.ts');

const TOKEN = 'a token for this test only';
const SUNNY = 'weather holds the string sunny after main, whatever it held before';

describe('the instructor view', () => {
  let app: TestApp;
  /** No instructor token. */
  let off: AppBeside;
  /** A token, and a tiny rate limit per address (told by X-Forwarded-For). */
  let guarded: AppBeside;

  beforeAll(async () => {
    app = await startTestApp({ instructorToken: TOKEN });
    [off, guarded] = await Promise.all([
      startAppBeside(app),
      startAppBeside(app, {
        instructorToken: TOKEN,
        rateLimits: { instructor: { requests: 3, perSeconds: 60 } },
        trustProxy: 'loopback',
      }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([off?.stop(), guarded?.stop()]);
    await app?.stop();
  });

  /** Without a token when `token` is null. */
  const ask = (path: string, token: string | null = TOKEN, base = app.url) =>
    fetch(`${base}/api/instructor/${path}`, {
      headers: token === null ? {} : { Authorization: `Bearer ${token}` },
    });
  const report = async () => {
    const response = await ask('exercises');
    expect(response.status).toBe(200);
    return ((await response.json()) as { exercises: ExerciseStats[] }).exercises;
  };

  it('shows how many learners attempted and passed, what it took, and which check fails most', async () => {
    const submit = async (learner: LearnerClient, source: string) =>
      (
        await learner.json<GradedSubmission>(
          learner.post('/api/exercises/set-and-get/submissions', { source }),
        )
      ).result.status;
    const ada = new LearnerClient(app.url);
    const bob = new LearnerClient(app.url);
    const cy = new LearnerClient(app.url);
    expect(await submit(ada, STARTER)).toBe('fail');
    expect(await submit(ada, CAPITAL_S)).toBe('fail');
    expect(await submit(ada, SOLUTION)).toBe('pass');
    expect(await submit(bob, SOLUTION)).toBe('pass');
    expect(await submit(cy, CAPITAL_S)).toBe('fail');

    const rows = await report();
    const { lessons } = (await (await fetch(`${app.url}/api/course`)).json()) as {
      lessons: { exercises: string[] }[];
    };
    expect(rows.map(({ id }) => id)).toEqual(lessons.flatMap(({ exercises }) => exercises));
    const row = rows.find(({ id }) => id === 'set-and-get');
    expect(row).toMatchObject({
      title: 'Store the weather',
      lesson: { id: 'set-and-get', title: 'SET and GET' },
      attempted: 3,
      passed: 2,
      passRate: 0.667,
      attemptsToPass: { median: 2, mean: 2 },
      submissions: 5,
      mostFailedCheck: { name: SUNNY, failures: 3, share: 0.6 },
      concerns: [],
    });
    // The starter failed the other two checks once each.
    expect(row?.failingChecks.slice(1).map(({ failures }) => failures)).toEqual([1, 1]);
    const untried = rows.find(({ id }) => id === 'leaderboard');
    expect(untried).toMatchObject({ attempted: 0, passRate: null, mostFailedCheck: null });
  });

  it('gives the same rows as CSV, to download, where no field can become a formula', async () => {
    // As if a course author had named a check so; and an exercise since taken out of the course.
    const formula = '=HYPERLINK("http://example.com","click")';
    await app.state.redis.zincrby(keys.failingChecks('set-and-get'), 4, formula);
    await app.state.redis.hset(keys.exerciseStats('retired'), 'submissions', 4, 'attempted', 2);
    await app.state.redis.sadd(keys.statsExercises, 'retired');

    const rows = await report();
    expect(rows.at(-1)).toMatchObject({ id: 'retired', title: 'retired', lesson: null });
    expect(rows.find(({ id }) => id === 'set-and-get')?.mostFailedCheck?.name).toBe(formula);

    const response = await ask('exercises.csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename=keyspace-exercise-stats.csv',
    );
    const lines = (await response.text()).split('\r\n');
    expect(lines).toHaveLength(rows.length + 2);
    expect(lines[0]).toBe(
      '"exercise","title","lesson","attempted","passed","pass_rate","median_attempts_to_pass","mean_attempts_to_pass","submissions","most_failed_check","most_failed_check_failures","most_failed_check_share","concerns"',
    );
    expect(lines.find((line) => line.startsWith('"set-and-get"'))).toBe(
      `"set-and-get","Store the weather","SET and GET","3","2","0.667","2","2","5","'=HYPERLINK(""http://example.com"",""click"")","4","0.8",""`,
    );
    expect(lines.at(-2)).toBe('"retired","retired","","2","0","0","","","4","","","",""');
    expect(lines.at(-1)).toBe('');
  });

  it('refuses a missing or wrong token with 401 and WWW-Authenticate, and never sets a cookie', async () => {
    const missing = await ask('exercises', null);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer realm="Keyspace instructor view"');
    await expectError(missing, 401, /Authorization: Bearer/);
    for (const path of ['exercises', 'exercises.csv']) {
      const wrong = await ask(path, `${TOKEN}x`);
      expect(wrong.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
      expect(wrong.headers.getSetCookie()).toEqual([]);
      await expectError(wrong, 401, /KEYSPACE_INSTRUCTOR_TOKEN/);
    }
    const basic = await fetch(`${app.url}/api/instructor/exercises`, {
      headers: { Authorization: `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}` },
    });
    await expectError(basic, 401, /Authorization: Bearer/);
    const right = await ask('exercises');
    expect(right.headers.getSetCookie()).toEqual([]);
    expect(right.headers.get('cache-control')).toBe('no-store');
    const elsewhere = await ask('learners');
    expect(elsewhere.headers.getSetCookie()).toEqual([]);
    await expectError(elsewhere, 404, /no API route GET \/api\/instructor\/learners/);
  });

  it('does not exist without a token configured: 404, whatever the request says', async () => {
    for (const path of ['exercises', 'exercises.csv']) {
      for (const token of [TOKEN, null]) {
        const response = await ask(path, token, off.url);
        expect(response.headers.get('www-authenticate')).toBeNull();
        await expectError(response, 404, /^no API route GET \/api\/instructor\//);
      }
    }
  });

  it('counts the guesses per client address, so that guessing the token is slow, and never locks out the token', async () => {
    const from = (address: string, token: string) =>
      fetch(`${guarded.url}/api/instructor/exercises`, {
        headers: { Authorization: `Bearer ${token}`, 'X-Forwarded-For': address },
      });
    const guesses = [];
    for (const guess of ['a', 'b', 'c']) guesses.push((await from('203.0.113.7', guess)).status);
    expect(guesses).toEqual([401, 401, 401]);
    const limited = await from('203.0.113.7', 'd');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(50);
    await expectError(limited, 429, /3 instructor requests are allowed every 60 s/);
    // The instructor behind the guesser's address still gets in, however often.
    for (let again = 0; again < 5; again++) {
      expect((await from('203.0.113.7', TOKEN)).status).toBe(200);
    }
    expect((await from('203.0.113.7', 'e')).status).toBe(429);
    expect((await from('198.51.100.1', 'f')).status).toBe(401);
  });
});

describe('the instructor view of a course being written', () => {
  it('lists an exercise whose folder is missing or broken by its id, and the rest as usual', async () => {
    const courseDir = await mkdtemp(join(tmpdir(), 'keyspace-instructor-course-'));
    await cp(new URL('../../grader/test/tiny-course/', import.meta.url).pathname, courseDir, {
      recursive: true,
    });
    const lesson = join(courseDir, 'lessons/01-counting.md');
    await writeFile(
      lesson,
      (await readFile(lesson, 'utf8')).replace(
        '  - count-visits\n',
        '  - count-visits\n  - not-written-yet\n',
      ),
    );
    const app = await startTestApp({ courseDir, instructorToken: TOKEN });
    try {
      const response = await fetch(`${app.url}/api/instructor/exercises`, {
        headers: { Authorization: `Bearer ${TOKEN}` },
      });
      expect(response.status).toBe(200);
      const { exercises } = (await response.json()) as { exercises: ExerciseStats[] };
      expect(exercises.map(({ id, title }) => [id, title])).toEqual([
        ['count-visits', 'Count the visits'],
        ['not-written-yet', 'not-written-yet'],
      ]);
    } finally {
      await app.stop();
      await rm(courseDir, { recursive: true, force: true });
    }
  });
});
