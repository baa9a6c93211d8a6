import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_COURSE_DIR, loadLessons } from '../grader/index.ts';
import { assertValidResult } from '../grader/test/result-schema.ts';
import { MAX_SOURCE_CHARS } from './routes/json-body.ts';
import { expectError } from './test/expect-error.ts';
import { LearnerClient } from './test/learner-client.ts';
import { startTestApp, type TestApp } from './test/test-app.ts';

const SOLUTION = readFileSync(
  new URL('../exercises/set-and-get/solution.ts', import.meta.url),
  'utf8',
);
const STARTER = readFileSync(
  new URL('../exercises/set-and-get/starter.ts', import.meta.url),
  'utf8',
);

describe('the HTTP API', () => {
  let app: TestApp;
  let base: string;
  let learner: LearnerClient;

  beforeAll(async () => {
    app = await startTestApp({ consoleLimits: { maxSessions: 2, commandTimeoutMs: 1_000 } });
    base = `${app.url}/api`;
    learner = new LearnerClient(base);
  });

  afterAll(() => app.stop());

  const submit = (id: string, body: string, type = 'application/json') =>
    learner.request('POST', `/exercises/${id}/submissions`, body, {
      headers: { 'Content-Type': type },
    });

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

  it('serves hints once the exercise was submitted, one at a time, by number', async () => {
    const newcomer = new LearnerClient(base);
    await expectError(
      await newcomer.post('/exercises/set-and-get/hints/1'),
      403,
      /hints open once you have submitted this exercise/,
    );
    await newcomer.json(newcomer.post('/exercises/set-and-get/submissions', { source: STARTER }));
    const first = await newcomer.json<{ html: string }>(
      newcomer.post('/exercises/set-and-get/hints/1'),
    );
    expect(first).toMatchObject({ number: 1, count: 2 });
    expect(first.html).toMatch(/^<p>/);
    const second = await newcomer.json<{ html: string }>(
      newcomer.post('/exercises/set-and-get/hints/2'),
    );
    expect(second.html).not.toBe(first.html);
    await expectError(
      await newcomer.post('/exercises/set-and-get/hints/3'),
      404,
      /has hints 1 to 2/,
    );
    // A GET reveals nothing: a link or a prefetch must not change the learner's progress.
    await expectError(await fetch(`${base}/exercises/set-and-get/hints/1`), 404, /no API route/);
    for (const number of ['0', 'x', '1.5', '-1']) {
      await expectError(
        await fetch(`${base}/exercises/set-and-get/hints/${number}`, { method: 'POST' }),
        400,
        /hint number in the path must be a whole number/,
      );
    }
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

  it('grades a submission and answers the result JSON, with the progress it made', async () => {
    const response = await submit('set-and-get', JSON.stringify({ source: SOLUTION }));
    expect(response.status).toBe(200);
    const { result, progress } = await response.json();
    assertValidResult(result);
    expect(result.status).toBe('pass');
    expect(progress).toMatchObject({ status: 'passed', attempts: 1, failures: 0 });
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

  it('refuses ids that are not ids, path traversal included, before touching a file', async () => {
    const bad = ['..%2F..%2Fpackage.json', '..%2F', '.hidden', 'UPPER', 'a%00b', 'x'.repeat(65)];
    for (const id of bad) {
      await expectError(
        await fetch(`${base}/exercises/${id}`),
        400,
        /exercise id in the path is not valid/,
      );
      await expectError(await submit(id, JSON.stringify({ source: 'x' })), 400, /exercise id/);
      await expectError(
        await fetch(`${base}/lessons/${id}`),
        400,
        /lesson id in the path is not valid/,
      );
    }
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

  it("answers at the learner's own console, runs code there, and shows its keys", async () => {
    const run = (commands: unknown) => learner.post('/console/commands', { commands });
    expect(await learner.json(run('SET weather sunny'))).toEqual({ output: 'OK' });
    expect(await learner.json(run('GET weather'))).toEqual({ output: '"sunny"' });
    const ran = learner.post('/console/runs', { exercise: 'set-and-get', source: SOLUTION });
    expect(await learner.json(ran)).toMatchObject({
      status: 'ok',
      calls: [{ call: 'main', returned: "'sunny'" }],
    });
    // Its turn at the grader's workers is in the metrics: a Run, which waited for none.
    const metrics = await (await fetch(`${base.replace(/\/api$/, '')}/metrics`)).text();
    expect(metrics).toMatch(/^keyspace_turn_wait_seconds_count\{role="app",kind="run"\} [1-9]/m);
    expect(await learner.json(learner.get('/console/keys'))).toEqual({
      keys: [
        {
          key: 'weather',
          type: 'string',
          ttl: null,
          value: { kind: 'text', text: 'sunny', length: 5 },
          cut: false,
        },
      ],
      next: null,
    });
    await expectError(await run(42), 400, /commands must be a string/);
    await expectError(await run('x'.repeat(20_000)), 400, /longer than 16384 characters/);
    await expectError(
      await learner.post('/console/runs', { exercise: '../x', source: SOLUTION }),
      400,
      /exercise must be an exercise id/,
    );
    await expectError(
      await learner.post('/console/runs', { exercise: 'no-such', source: SOLUTION }),
      404,
      /no exercise named 'no-such'/,
    );
  });

  it('ends a Run only once its sandbox is idle, replacing one its code left busy, and says so', async () => {
    await learner.json(learner.post('/console/commands', { commands: 'SET before run' }));
    // One call into C that Redis cannot interrupt (a pattern that backtracks for seconds, in
    // little memory), outlasting the call's time limit and then some.
    const source = `export async function main(redis) {
      return redis.eval("return string.find(string.rep('a', 200), string.rep('a*', 4) .. 'b')", 0);
    }`;
    const ran = await learner.json<{ status: string; message?: string; calls: unknown[] }>(
      learner.post('/console/runs', { exercise: 'set-and-get', source }),
    );
    expect(ran.status).toBe('error');
    expect(ran.message).toMatch(/sandbox Redis was still busy .* \(script limit\)$/);
    const after = await learner.json(learner.post('/console/commands', { commands: 'GET before' }));
    expect(after).toEqual({ output: '(nil)' });
  });

  it("keeps the key view's pages small however large the learner's values, and pages through every key once", async () => {
    const run = async (commands: string[]) => {
      const reply = await learner.json<{ output: string; note?: string }>(
        learner.post('/console/commands', { commands: commands.join('\n') }),
      );
      expect(reply.note).toBeUndefined();
      expect(reply.output).not.toMatch(/\(error\)/);
    };
    const IMAGE_BYTES = 500 * 1024;
    const images = Array.from({ length: 60 }, (_, i) => `img:${i}`);
    await run(['FLUSHDB']);
    // Values that start as a PNG does, 500 KB each: 30 MB, 40 MB once in base64.
    for (let start = 0; start < images.length; start += 20) {
      await run(
        images
          .slice(start, start + 20)
          .flatMap((key) => [
            `SETRANGE ${key} ${IMAGE_BYTES - 1} x`,
            `SETRANGE ${key} 0 "\\x89PNG\\r\\n\\x1a\\n"`,
          ]),
      );
    }
    // Hashes of 10 fields of 20 KB, lists of 20 items of 5 KB: long names and values, many items.
    await run([
      `EVAL "for i = 1, 30 do for f = 1, 10 do redis.call('HSET', 'hash:' .. i, string.rep('f', 100) .. f, string.rep('v', 20000)) end end" 0`,
      `EVAL "for i = 1, 30 do for n = 1, 20 do redis.call('RPUSH', 'list:' .. i, string.rep('i', 5000)) end end" 0`,
      // Names of 200 KB: a page shows the first 1024 characters of each.
      `EVAL "for i = 1, 10 do redis.call('SET', 'long:' .. i .. string.rep('n', 200000), 'v') end" 0`,
    ]);
    const longName = (i: number) => `long:${i}${'n'.repeat(200_000)}`.slice(0, 1024);
    const keys = [
      ...images,
      ...Array.from({ length: 30 }, (_, i) => [`hash:${i + 1}`, `list:${i + 1}`]).flat(),
      ...Array.from({ length: 10 }, (_, i) => `${longName(i + 1)}…`),
    ];

    /** What the sandbox has sent its clients so far: the key browser's reads among them. */
    const sentBySandbox = async () => {
      const { output } = await learner.json<{ output: string }>(
        learner.post('/console/commands', { commands: 'INFO stats' }),
      );
      return Number(/total_net_output_bytes:(\d+)/.exec(output)?.[1]);
    };
    const sentBefore = await sentBySandbox();
    const pages: { keys: { key: string; value: Record<string, unknown>; cut: boolean }[] }[] = [];
    let next: string | null = null;
    do {
      const response = await learner.get(`/console/keys${next ? `?cursor=${next}` : ''}`);
      const text = await response.text();
      expect(response.status, text.slice(0, 200)).toBe(200);
      expect(Buffer.byteLength(text)).toBeLessThan(64 * 1024);
      // No image's bytes: neither a base64 field nor the base64 of a PNG signature.
      expect(text).not.toMatch(/base64|iVBORw0KGgo/);
      const page = JSON.parse(text);
      pages.push(page);
      next = page.next;
    } while (next !== null && pages.length <= 10);
    expect(next).toBeNull();
    expect(pages.length).toBeGreaterThan(1);
    // Elements are cut inside Redis: of the 6 MB of hash values (a page's scans reach about half
    // of them) and the list items, only their first bytes cross. The 2 MB of long key names do,
    // as SCAN answers them.
    expect((await sentBySandbox()) - sentBefore).toBeLessThan(3 * 1024 * 1024);
    const seen = pages.flatMap((page) => page.keys.map(({ key }) => key));
    expect(seen.length).toBe(keys.length);
    expect([...seen].sort()).toEqual([...keys].sort());

    const views = new Map(pages.flatMap((page) => page.keys.map((view) => [view.key, view])));
    expect(views.get('img:0')).toMatchObject({
      value: { kind: 'image', mediaType: 'image/png', length: IMAGE_BYTES },
      cut: false,
    });
    const hash = views.get('hash:1');
    expect(hash).toMatchObject({ value: { kind: 'hash', length: 10 }, cut: true });
    const fields = hash?.value.fields as [string, string][];
    expect(fields).toHaveLength(5);
    expect(fields.flat().every((text) => text.length === 81 && text.endsWith('…'))).toBe(true);
    expect(views.get('list:1')).toMatchObject({ value: { kind: 'list', length: 20 }, cut: true });
    expect(views.get('list:1')?.value.items).toHaveLength(5);

    // The key's own view shows more; an image's bytes come on their own, as they are.
    const full = await learner.json<{ value: { fields: [string, string][] }; cut: boolean }>(
      learner.get('/console/keys/value?key=hash%3A1'),
    );
    expect(full.cut).toBe(true);
    expect(full.value.fields).toHaveLength(10);
    expect(full.value.fields.every(([, text]) => text.length === 4097)).toBe(true);
    const image = await learner.get('/console/keys/bytes?key=img%3A0');
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(image.headers.get('x-content-type-options')).toBe('nosniff');
    const bytes = Buffer.from(await image.arrayBuffer());
    expect(bytes.length).toBe(IMAGE_BYTES);
    expect(bytes.subarray(0, 8)).toEqual(Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'));
    await run(['FLUSHDB']);
  });

  it('refuses a console command the sandbox does not allow, and says why', async () => {
    const reply = await learner.json<{ output: string; note: string }>(
      learner.post('/console/commands', { commands: 'CONFIG SET dir /tmp' }),
    );
    expect(reply.output).toMatch(/NOPERM/);
    expect(reply.note).toMatch(/does not let learners run administrative commands/);
  });

  it('keeps learners apart, and says the server is full when every sandbox is taken', async () => {
    const other = new LearnerClient(base);
    expect(await other.json(other.post('/console/commands', { commands: 'GET weather' }))).toEqual({
      output: '(nil)',
    });
    const third = new LearnerClient(base);
    const full = await third.post('/console/commands', { commands: 'PING' });
    await expectError(full, 503, /the server is full: all 2 learner sandboxes are in use/);
    expect(full.headers.get('retry-after')).toBe('60');
  });

  it("lets one address's learners hold only their share of console sandboxes, however many cookies they make", async () => {
    const shared = await startTestApp({
      consoleLimits: { maxSessions: 3, maxPerAddress: 1 },
      trustProxy: 'loopback',
    });
    const from = (address: string) => ({ headers: { 'X-Forwarded-For': address } });
    const at = (client: LearnerClient, address: string, commands: string) =>
      client.json<{ output: string }>(
        client.request('POST', '/console/commands', { commands }, from(address)),
      );
    try {
      const [first, second, honest] = [1, 2, 3].map(() => new LearnerClient(`${shared.url}/api`));
      if (!first || !second || !honest) throw new Error('three learners');
      await at(first, '198.51.100.7', 'SET mine first');
      // A second cookie from the same address is refused; a learner elsewhere is not.
      const refused = await second.request(
        'POST',
        '/console/commands',
        { commands: 'PING' },
        from('198.51.100.7'),
      );
      await expectError(
        refused,
        503,
        /your network address already use 1 sandbox, the most one address may hold/,
      );
      expect(await at(honest, '203.0.113.5', 'PING')).toEqual({ output: 'PONG' });
    } finally {
      await shared.stop();
    }
  });

  it('answers JSON 404 for an unknown API route and hides the framework', async () => {
    const response = await fetch(`${base}/nothing-here`);
    await expectError(response, 404, /no API route GET \/api\/nothing-here/);
    expect(response.headers.get('x-powered-by')).toBeNull();
    await expectError(
      await fetch(`${base}/course`, { method: 'DELETE' }),
      404,
      /no API route DELETE/,
    );
  });

  it('answers liveness at /healthz and readiness at /readyz', async () => {
    expect(await (await fetch(`${app.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { redis: true, grader: true } });
  });
});
