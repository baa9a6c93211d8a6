import { readdirSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleSessions, DEFAULT_COURSE_DIR, Grader, loadLessons } from '../grader/index.ts';
import { assertValidResult } from '../grader/test/result-schema.ts';
import { createApp } from './app.ts';
import { MAX_SOURCE_CHARS } from './routes/json-body.ts';

const SOLUTION = readFileSync(
  new URL('../exercises/set-and-get/solution.ts', import.meta.url),
  'utf8',
);

describe('the HTTP API', () => {
  let grader: Grader;
  let consoles: ConsoleSessions;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    grader = await Grader.start();
    consoles = new ConsoleSessions({ maxSessions: 2, idleMs: 60_000, commandTimeoutMs: 1_000 });
    server = createApp({ grader, consoles }).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await Promise.all([grader.stop(), consoles.stop()]);
  });

  const submit = (id: string, body: string, type = 'application/json') =>
    fetch(`${base}/exercises/${id}/submissions`, {
      method: 'POST',
      headers: { 'Content-Type': type },
      body,
    });

  async function expectError(response: Response, status: number, message: RegExp) {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = await response.json();
    expect(Object.keys(body).sort()).toEqual(['error', 'message']);
    expect(body.message).toMatch(message);
    expect(JSON.stringify(body)).not.toMatch(/\s+at |node_modules|\/work\//);
  }

  it('lists the lessons of the course in order', async () => {
    const response = await fetch(`${base}/course`);
    expect(response.status).toBe(200);
    const { lessons } = await response.json();
    const files = await loadLessons(DEFAULT_COURSE_DIR);
    expect(lessons.map((lesson: { id: string }) => lesson.id)).toEqual(files.map(({ id }) => id));
    expect(lessons.find((lesson: { id: string }) => lesson.id === 'set-and-get')).toMatchObject({
      title: 'SET and GET',
      exercises: expect.arrayContaining(['set-and-get']),
    });
    expect(Object.keys(lessons[0]).sort()).toEqual([
      'exercises',
      'id',
      'minutes',
      'summary',
      'title',
    ]);
  });

  it('serves a lesson as HTML rendered from its Markdown, runnable blocks marked', async () => {
    const lesson = await (await fetch(`${base}/lessons/set-and-get`)).json();
    expect(lesson.html).toContain('<h2>What you will learn</h2>');
    expect(lesson.html).toMatch(
      /<div class="runnable-redis"><pre><code class="language-redis"><span class="hljs-keyword">SET<\/span> /,
    );
  });

  it('serves an exercise with its statement and starter, never its solution or hints', async () => {
    const exercise = await (await fetch(`${base}/exercises/set-and-get`)).json();
    expect(exercise.starter).toContain('export async function main');
    expect(exercise.statementHtml).toContain('<code>weather</code>');
    expect(exercise.hintCount).toBe(2);
    expect(JSON.stringify(exercise)).not.toContain("redis.set('weather', 'sunny')");
  });

  it('serves hints one at a time, by number, and says which numbers there are', async () => {
    const first = await (await fetch(`${base}/exercises/set-and-get/hints/1`)).json();
    expect(first).toMatchObject({ number: 1, count: 2 });
    expect(first.html).toMatch(/^<p>/);
    const second = await (await fetch(`${base}/exercises/set-and-get/hints/2`)).json();
    expect(second.html).not.toBe(first.html);
    for (const number of ['0', '3', 'x', '1.5']) {
      await expectError(
        await fetch(`${base}/exercises/set-and-get/hints/${number}`),
        404,
        /has hints 1 to 2/,
      );
    }
  });

  it('serves the reference solution when asked for it', async () => {
    const { solution } = await (await fetch(`${base}/exercises/set-and-get/solution`)).json();
    expect(solution).toBe(SOLUTION);
    await expectError(await fetch(`${base}/exercises/no-such/solution`), 404, /no exercise named/);
  });

  it('sets security headers: a Content-Security-Policy, no X-Powered-By', async () => {
    const response = await fetch(`${base}/course`);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain('unsafe-eval');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('grades a submission and answers the result JSON', async () => {
    const response = await submit('set-and-get', JSON.stringify({ source: SOLUTION }));
    expect(response.status).toBe(200);
    const result = await response.json();
    assertValidResult(result);
    expect(result.status).toBe('pass');
  });

  it('answers 404 for an unknown exercise or lesson', async () => {
    await expectError(
      await submit('no-such', JSON.stringify({ source: 'x' })),
      404,
      /no exercise named 'no-such'/,
    );
    await expectError(await fetch(`${base}/exercises/no-such`), 404, /no exercise named/);
    await expectError(await fetch(`${base}/lessons/no-such`), 404, /no lesson named 'no-such'/);
  });

  it('refuses path traversal in an exercise id as an unknown exercise', async () => {
    await expectError(
      await fetch(`${base}/exercises/..%2F..%2Fpackage.json`),
      404,
      /no exercise named/,
    );
  });

  it('answers 400 when the source is missing, empty or not a string', async () => {
    await expectError(await submit('set-and-get', '{}'), 400, /source must be a string/);
    await expectError(await submit('set-and-get', '{"source":""}'), 400, /source is empty/);
    await expectError(await submit('set-and-get', '{"source":42}'), 400, /source must be a string/);
  });

  it('answers 400 for a body that is not valid JSON', async () => {
    await expectError(await submit('set-and-get', '{"source": '), 400, /not valid JSON/);
  });

  it('answers 415 for a body that is not JSON at all', async () => {
    await expectError(
      await submit('set-and-get', 'source=x', 'text/plain'),
      415,
      /send JSON: {"source": "..."}/,
    );
  });

  it('answers 400 for a source over the limit, and 413 for an oversized body', async () => {
    const long = JSON.stringify({ source: 'x'.repeat(MAX_SOURCE_CHARS + 1) });
    await expectError(await submit('set-and-get', long), 400, /longer than/);
    const huge = JSON.stringify({ source: 'x'.repeat(1024 * 1024) });
    await expectError(await submit('set-and-get', huge), 413, /too large/);
  });

  it("serves the course's pictures, and runs nothing a picture holds", async () => {
    const [picture] = readdirSync(new URL('../lessons/images/', import.meta.url));
    expect(picture).toBeDefined();
    const response = await fetch(`${base.replace(/\/api$/, '')}/course/images/${picture}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/svg+xml');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const missing = await fetch(`${base.replace(/\/api$/, '')}/course/images/nothing.svg`);
    expect(missing.status).toBe(404);
  });

  it('opens a console that keeps its keys and answers as redis-cli prints', async () => {
    const opened = await fetch(`${base}/consoles`, { method: 'POST' });
    expect(opened.status).toBe(201);
    const { id } = await opened.json();
    const run = (commands: unknown) =>
      fetch(`${base}/consoles/${id}/commands`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ commands }),
      });
    expect(await (await run('SET weather sunny')).json()).toEqual({ output: 'OK' });
    expect(await (await run('GET weather')).json()).toEqual({ output: '"sunny"' });
    const ran = await fetch(`${base}/consoles/${id}/runs`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ exercise: 'set-and-get', source: SOLUTION }),
    });
    expect(await ran.json()).toMatchObject({
      status: 'ok',
      calls: [{ call: 'main', returned: "'sunny'" }],
    });
    const { keys } = await (await fetch(`${base}/consoles/${id}/keys`)).json();
    expect(keys).toEqual([
      {
        key: 'weather',
        type: 'string',
        ttl: null,
        value: { kind: 'text', text: 'sunny', length: 5 },
      },
    ]);
    await expectError(await run(42), 400, /commands must be a string/);
    await expectError(await run('x'.repeat(20_000)), 400, /longer than 16384 characters/);
  });

  it('answers 404 for a console that does not exist, and 503 when none is left', async () => {
    const unknown = (id: string) =>
      fetch(`${base}/consoles/${id}/commands`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ commands: 'PING' }),
      });
    await expectError(await unknown('..%2F..%2Fetc'), 404, /console session has ended/);
    await expectError(await unknown(crypto.randomUUID()), 404, /console session has ended/);
    await fetch(`${base}/consoles`, { method: 'POST' });
    const full = await fetch(`${base}/consoles`, { method: 'POST' });
    await expectError(full, 503, /as many consoles as it can \(2\)/);
    expect(full.headers.get('retry-after')).toBe('60');
  });

  it('answers JSON 404 for an unknown API route and hides the framework', async () => {
    const response = await fetch(`${base}/nothing-here`);
    await expectError(response, 404, /no API route GET \/api\/nothing-here/);
    expect(response.headers.get('x-powered-by')).toBeNull();
  });
});
