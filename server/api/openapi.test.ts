import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Express } from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleSessions, Grader, lessonParts } from '../../grader/index.ts';
import { GradingQueue, GradingWorker } from '../../queue/index.ts';
import { createApp } from '../app.ts';
import { LivePreview } from '../preview/live-preview.ts';
import { type AppBeside, startAppBeside } from '../test/app-beside.ts';
import { LearnerClient } from '../test/learner-client.ts';
import { freePort, startRedisOnPort } from '../test/redis-on-port.ts';
import { startTestApp, type TestApp } from '../test/test-app.ts';
import { openApiDocument } from './openapi.ts';
import {
  OpenApiChecker,
  type OpenApiDocument,
  operationKey,
  refPath,
  type SentRequest,
} from './openapi-checker.ts';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const SOLUTION = read('../../exercises/set-and-get/solution.ts');
const STARTER = read('../../exercises/set-and-get/starter.ts');

const document = openApiDocument() as OpenApiDocument;

/** A request as `call` sends it, its query included. */
interface SentWithQuery extends SentRequest {
  query?: URLSearchParams;
}

/** A parameter of the document, as far as the query's are checked here. */
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema: object;
}

/**
 * The checker, holding query parameters to the document too: openapi-checker.ts reads only a
 * request's path parameters and body, so a 400 for a bad query would look to it like a refusal
 * of what the document allows. A query parameter must be there if it is required, be given at
 * most once, and match its schema (written inline: it is compiled on its own).
 */
class Checker extends OpenApiChecker {
  private readonly queryAjv = new Ajv2020({ strict: true, allErrors: true });

  override requestErrors(request: SentWithQuery): string[] {
    const errors = super.requestErrors(request);
    const item = this.document.paths[request.template] ?? {};
    const operation = (item[request.method.toLowerCase()] ?? {}) as { parameters?: unknown[] };
    const declared = [...((item.parameters ?? []) as unknown[]), ...(operation.parameters ?? [])];
    for (const parameter of declared.map((found) => this.resolve(found))) {
      if (parameter.in !== 'query') continue;
      const values = request.query?.getAll(parameter.name) ?? [];
      if (values.length > 1) errors.push(`query parameter ${parameter.name} given twice`);
      else if (values.length === 0 && parameter.required) {
        errors.push(`no query parameter ${parameter.name}`);
      } else if (values.length === 1 && !this.queryAjv.validate(parameter.schema, values[0])) {
        errors.push(`query parameter ${parameter.name}`);
      }
    }
    return errors;
  }

  /** A parameter, its `$ref` followed. */
  private resolve(found: unknown): Parameter {
    const { $ref } = found as { $ref?: string };
    if (!$ref) return found as Parameter;
    let node: unknown = this.document;
    for (const segment of refPath($ref)) node = (node as Record<string, unknown>)[segment];
    return node as Parameter;
  }
}

const checker = new Checker(document);

type Params = Record<string, string>;

/**
 * Sends a request to one operation of the document (`'GET /api/exercises/{id}'`), `params` put
 * into the path as they are, those the path does not name into the query (as they are too:
 * `'a&key=b'` is a second `key`), and holds the answer to the document. `body` is JSON to send,
 * or the body's text.
 */
async function call(
  client: LearnerClient,
  operation: string,
  params: Params = {},
  body?: unknown,
  contentType = 'application/json',
) {
  const [method = '', template = ''] = operation.split(' ');
  const inPath = Object.entries(params).filter(([name]) => template.includes(`{${name}}`));
  const query = Object.entries(params)
    .filter(([name]) => !template.includes(`{${name}}`))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? '');
  const text = body === undefined || typeof body === 'string' ? body : JSON.stringify(body);
  const headers: Params = text === undefined ? {} : { 'Content-Type': contentType };
  const response = await client.request(method, query ? `${path}?${query}` : path, text, {
    headers,
  });
  const decoded = inPath.map(([name, value]) => [name, decodeURIComponent(value)]);
  const request: SentWithQuery = {
    method,
    template,
    params: Object.fromEntries(decoded),
    query: new URLSearchParams(query),
    ...(text === undefined ? {} : { body: { contentType, text } }),
  };
  const parsed = await checker.check(request, response);
  // biome-ignore lint/suspicious/noExplicitAny: the document's schema has just vouched for it.
  return { status: response.status, headers: response.headers, body: parsed as any };
}

/** `call`, each time as a learner the server has not seen before. */
const newcomer =
  (base: string) =>
  (...[operation, params, body]: [string, Params?, unknown?]) =>
    call(new LearnerClient(base), operation, params, body);

const EXERCISE = { id: 'set-and-get' };
const NO_SUCH = { id: 'no-such' };
const BAD_IDS = ['..%2F..%2Fpackage.json', 'UPPER', '.hidden', 'x'.repeat(65)];
const OVERSIZED = 'x'.repeat(200_000);
const RUN = { exercise: 'set-and-get', source: SOLUTION };
/** The first block of the hashes lesson, which shows its reply, as the page sends it. */
const HASHES = read('../../lessons/04-hashes.md');
const FIRST_BLOCK = lessonParts(HASHES, 1).blocks[0]?.commands ?? '';
const BLOCK = { id: 'hashes', number: '1' };
const BLOCK_RUN = 'POST /api/lessons/{id}/blocks/{number}/runs';
/** Operations counted with the console's commands, which the rate-limit test spends first. */
const COUNTED_WITH_CONSOLE = [BLOCK_RUN, 'POST /api/console/reset'];

/** Operations that take a JSON body, each with one it accepts. */
const WITH_BODY: [string, Params, Record<string, string>][] = [
  ['PUT /api/exercises/{id}/draft', EXERCISE, { source: 'x' }],
  ['POST /api/exercises/{id}/submissions', EXERCISE, { source: SOLUTION }],
  ['POST /api/console/commands', {}, { commands: 'PING' }],
  ['POST /api/console/runs', {}, RUN],
  [BLOCK_RUN, BLOCK, { commands: FIRST_BLOCK }],
  ['POST /api/console/reset', {}, { lesson: 'hashes' }],
];

/** Operations that use the app's Redis (or its rate limits), each with a request it accepts. */
const USING_STATE: [string, Params?, unknown?][] = [
  ['POST /api/lessons/{id}/visits', EXERCISE],
  ['POST /api/exercises/{id}/hints/{number}', { ...EXERCISE, number: '1' }],
  ['GET /api/exercises/{id}/solution', EXERCISE],
  ['GET /api/progress'],
  ['POST /api/session/sign-out-others'],
  ['POST /api/session/recovery-code'],
  ['POST /api/session/recover', {}, { code: 'ABCD'.repeat(8) }],
  ['GET /api/progress/commands'],
  ['GET /api/exercises/{id}/draft', EXERCISE],
  ['DELETE /api/exercises/{id}/draft', EXERCISE],
  ['GET /api/exercises/{id}/submissions', EXERCISE],
  ['GET /api/console/commands'],
  ['GET /api/console/keys'],
  ['GET /api/console/keys/value', { key: 'greeting' }],
  ['DELETE /api/console/keys/value', { key: 'greeting' }],
  ['GET /api/console/keys/bytes', { key: 'greeting' }],
  ...WITH_BODY,
];

const INSTRUCTOR_TOKEN = 'an instructor token for this test only';
const INSTRUCTOR = ['GET /api/instructor/exercises', 'GET /api/instructor/exercises.csv'];

/** The instructor page, as the API sees it: no cookie kept, the token sent with each request. */
class InstructorClient extends LearnerClient {
  constructor(
    base: string,
    private readonly token = INSTRUCTOR_TOKEN,
  ) {
    super(base);
  }

  override request(method: string, path: string, body?: unknown, init: RequestInit = {}) {
    const headers = new Headers(init.headers);
    headers.set('Authorization', `Bearer ${this.token}`);
    return super.request(method, path, body, { ...init, headers });
  }
}

/** Operations that read no course file: a broken course folder does not make them fail. */
const READING_NO_COURSE = [
  'GET /api/progress',
  'POST /api/session/sign-out-others',
  'POST /api/session/recovery-code',
  'POST /api/session/recover',
  'GET /api/progress/commands',
  'GET /api/console/commands',
  'GET /api/console/keys',
  'GET /api/console/keys/value',
  'DELETE /api/console/keys/value',
  'GET /api/console/keys/bytes',
  'POST /api/console/commands',
];

/**
 * Answers no test here produces: a grading fails (500) only when the queue's workers do, and
 * its 503 needs the queue mode's Redis gone (server/grading/queue-mode.test.ts kills workers).
 */
const UNPRODUCED = ['GET /api/gradings/{id} 500', 'GET /api/gradings/{id} 503'];

describe('the OpenAPI document', () => {
  it('is a sound OpenAPI 3.1 document whose schemas all compile', () => {
    expect(checker.problems()).toEqual([]);
    expect(checker.operations().length).toBeGreaterThan(0);
  });

  it('names what is wrong with a broken document', () => {
    const broken = structuredClone(document);
    broken.openapi = '3.0.3';
    const course = broken.paths['/api/course'] as { get: { responses: Record<string, unknown> } };
    course.get.responses['200'] = { $ref: '#/components/responses/Nothing' };
    (broken.components?.schemas as Record<string, unknown>).Error = { additionalProperty: false };
    broken.paths['/api/lessons/{lesson}'] = broken.paths['/api/lessons/{id}'] ?? {};
    expect(new OpenApiChecker(broken).problems()).toEqual(
      expect.arrayContaining([
        'openapi is 3.0.3, not 3.1.x',
        'schema Error: strict mode: unknown keyword: "additionalProperty"',
        'GET /api/course: nothing at #/components/responses/Nothing',
        'GET /api/lessons/{lesson}: operationId getLesson is taken',
        'GET /api/lessons/{lesson}: path parameters id are not those of the path',
      ]),
    );
  });

  it('refuses an answer the document does not promise', async () => {
    const course = { method: 'GET', template: '/api/course', params: {} };
    const cookie = 'keyspace_learner=s%3Aid.sig; Path=/; HttpOnly; SameSite=Lax';
    const answer = (body: unknown, status = 200, headers: Params = {}) =>
      new Response(JSON.stringify(body), {
        status,
        headers: { 'Content-Type': 'application/json', 'Set-Cookie': cookie, ...headers },
      });
    await expect(checker.check(course, answer({ lessons: [] }))).resolves.toEqual({ lessons: [] });
    await expect(checker.check(course, answer({ lessons: [], more: 1 }))).rejects.toThrow(
      /must NOT have additional properties/,
    );
    await expect(checker.check(course, answer({}, 418))).rejects.toThrow(/undocumented status/);
    // The learner cookie is set only where there was none, but never other than as documented.
    const bare = new Response('{"lessons":[]}', {
      headers: { 'Content-Type': 'application/json' },
    });
    await expect(checker.check(course, bare)).resolves.toEqual({ lessons: [] });
    await expect(
      checker.check(course, answer({ lessons: [] }, 200, { 'Set-Cookie': 'keyspace_learner=x' })),
    ).rejects.toThrow(/Set-Cookie: keyspace_learner=x does not match the document/);
    await expect(
      checker.check(course, answer({ lessons: [] }, 200, { 'Content-Type': 'text/plain' })),
    ).rejects.toThrow(/undocumented content type 'text\/plain'/);
    await expect(checker.check({ ...course, method: 'DELETE' }, answer({}))).rejects.toThrow(
      /DELETE \/api\/course is not in the document/,
    );
  });

  it("refuses an answer that contradicts the document's request constraints", async () => {
    const draft = (source: string) => ({
      method: 'PUT',
      template: '/api/exercises/{id}/draft',
      params: EXERCISE,
      body: { contentType: 'application/json', text: JSON.stringify({ source }) },
    });
    const answer = (body: unknown, status: number) =>
      new Response(JSON.stringify(body), {
        status,
        headers: {
          'Content-Type': 'application/json',
          'Set-Cookie': 'keyspace_learner=s%3Aid.sig; HttpOnly; SameSite=Lax',
        },
      });
    const saved = { savedAt: new Date().toISOString() };
    await expect(checker.check(draft('x'.repeat(65_537)), answer(saved, 200))).rejects.toThrow(
      /took what the document forbids \(body: data\/source must NOT have more than 65536/,
    );
    const refusal = { error: 'bad_request', message: 'no' };
    await expect(checker.check(draft('x'), answer(refusal, 400))).rejects.toThrow(
      /refused what the document allows/,
    );
  });

  it('embeds the grade result schema exactly as grader/result/grade-result.schema.json has it', () => {
    const { $schema, ...schema } = JSON.parse(read('../../grader/result/grade-result.schema.json'));
    expect($schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(
      (document.components?.schemas as Record<string, unknown> | undefined)?.GradeResult,
      'copy grade-result.schema.json into openapi.yaml (components.schemas.GradeResult)',
    ).toEqual(schema);
  });
});

describe('the running app, against its OpenAPI document', () => {
  let app: TestApp;
  /** Tiny rate limits and one sandbox; its Redis goes away at the end. */
  let limited: TestApp;
  /** The app on a course folder whose files are broken. */
  let broken: Awaited<ReturnType<typeof startBrokenApp>>;
  /** The app without an instructor token. */
  let noInstructor: AppBeside;
  /** The app with the live preview on, as `keyspace start --watch`. */
  let watching: AppBeside;
  let preview: LivePreview;
  /** The app in queue mode, answering 202 at once; no worker takes its jobs until a test starts one. */
  let queued: AppBeside;
  let queue: GradingQueue;
  let queueRedis: Awaited<ReturnType<typeof startRedisOnPort>>;
  let queueRedisUrl: string;
  let ada: LearnerClient;

  beforeAll(async () => {
    const once = { requests: 1, perSeconds: 60 };
    [app, limited] = await Promise.all([
      startTestApp({ instructorToken: INSTRUCTOR_TOKEN }),
      startTestApp({
        rateLimits: {
          submit: once,
          run: once,
          console: once,
          draft: once,
          instructor: once,
          recover: once,
        },
        consoleLimits: { maxSessions: 1 },
        instructorToken: INSTRUCTOR_TOKEN,
        metricsToken: 'a-metrics-token-for-the-test',
      }),
    ]);
    preview = await LivePreview.start(app.grader.courseDir, app.grader, pino({ level: 'silent' }));
    const port = await freePort();
    queueRedis = await startRedisOnPort(port);
    queueRedisUrl = `redis://127.0.0.1:${port}`;
    queue = await GradingQueue.open({ redisUrl: queueRedisUrl, limit: 1 });
    [broken, noInstructor, watching, queued] = await Promise.all([
      startBrokenApp(app),
      startAppBeside(app),
      startAppBeside(app, { preview }),
      startAppBeside(app, { queue: { queue, waitMs: 0 } }),
    ]);
    ada = new LearnerClient(app.url);
  });

  afterAll(async () => {
    await preview?.close();
    await Promise.all([broken?.stop(), noInstructor?.stop(), watching?.stop(), queued?.stop()]);
    await queue?.close();
    queueRedis?.kill('SIGKILL');
    await Promise.all([app?.stop(), limited?.stop()]);
  });

  it('documents every route the app registers, and no route it does not', () => {
    expect(routesOf(broken.express).sort()).toEqual(checker.operations().sort());
  });

  it('serves liveness, readiness, metrics and its own document (without a cookie)', async () => {
    const ask = newcomer(app.url);
    expect((await ask('GET /healthz')).body).toEqual({ status: 'ok' });
    expect((await ask('GET /readyz')).status).toBe(200);
    const metrics = await ask('GET /metrics');
    expect(metrics.body).toMatch(/^# TYPE keyspace_gradings_total counter$/m);
    expect(metrics.headers.getSetCookie()).toEqual([]);
    // A server started with a metrics token asks for it.
    expect((await newcomer(limited.url)('GET /metrics')).status).toBe(401);
    const served = await ask('GET /api/openapi.json');
    expect(served.body).toEqual(document);
    expect(served.headers.getSetCookie()).toEqual([]);
  });

  it('serves the course, its lessons and exercises, and records visits', async () => {
    const { body: course } = await call(ada, 'GET /api/course');
    const lesson = { id: course.lessons[0].id };
    await call(ada, 'GET /api/lessons/{id}', lesson);
    expect((await call(ada, 'POST /api/lessons/{id}/visits', lesson)).status).toBe(204);
    expect((await call(ada, 'GET /api/exercises/{id}', EXERCISE)).body.hintCount).toBe(2);
  });

  it('answers 400 for an id that is not one, and 404 for one that names nothing', async () => {
    const source = { source: 'x' };
    const byId: [string, unknown?][] = [
      ['GET /api/lessons/{id}'],
      ['POST /api/lessons/{id}/visits'],
      ['GET /api/exercises/{id}'],
      ['GET /api/exercises/{id}/solution'],
      ['GET /api/exercises/{id}/draft'],
      ['PUT /api/exercises/{id}/draft', source],
      ['DELETE /api/exercises/{id}/draft'],
      ['GET /api/exercises/{id}/submissions'],
      ['POST /api/exercises/{id}/submissions', source],
    ];
    for (const [operation, body] of byId) {
      for (const id of BAD_IDS) {
        const refused = await call(ada, operation, { id }, body);
        expect(refused.body.error, `${operation} ${id}`).toBe('bad_request');
      }
      expect((await call(ada, operation, NO_SUCH, body)).status, operation).toBe(404);
    }
    const hint = 'POST /api/exercises/{id}/hints/{number}';
    for (const number of ['0', '100', 'x', '1.5', '-1']) {
      expect((await call(ada, hint, { ...EXERCISE, number })).status).toBe(400);
    }
    expect((await call(ada, hint, { id: BAD_IDS[0] ?? '', number: '1' })).status).toBe(400);
    expect((await call(ada, hint, { ...NO_SUCH, number: '1' })).status).toBe(404);
    const run = 'POST /api/console/runs';
    expect((await call(ada, run, {}, { ...RUN, exercise: '../x' })).status).toBe(400);
    expect((await call(ada, run, {}, { ...RUN, exercise: 'no-such' })).status).toBe(404);
    for (const [args, status, message] of [
      ['$redis', 400, /args must be a list of argument lists/],
      [[['$redis', 'x'.repeat(10_000)]], 422, /args are longer than 10000 characters as JSON/],
      [[['$redis'], ['$redis']], 422, /for each of the Run's 1 call\(s\), in order; it holds 2/],
    ] as const) {
      const refused = await call(ada, run, {}, { ...RUN, args });
      expect([refused.status, refused.body.message]).toEqual([
        status,
        expect.stringMatching(message),
      ]);
    }
    const commands = { commands: FIRST_BLOCK };
    for (const number of ['0', 'x', '1.5', '-1', '10000']) {
      expect((await call(ada, BLOCK_RUN, { ...BLOCK, number }, commands)).status).toBe(400);
    }
    expect((await call(ada, BLOCK_RUN, { ...BLOCK, id: '..%2Fx' }, commands)).status).toBe(400);
    expect((await call(ada, BLOCK_RUN, { ...BLOCK, ...NO_SUCH }, commands)).status).toBe(404);
    expect((await call(ada, BLOCK_RUN, { ...BLOCK, number: '999' }, commands)).status).toBe(404);
    const reset = 'POST /api/console/reset';
    expect((await call(ada, reset, {}, { lesson: null, block: 2 })).status).toBe(400);
    expect((await call(ada, reset, {}, {})).status).toBe(400);
    expect((await call(ada, reset, {}, { lesson: 'hashes', block: 0 })).status).toBe(400);
    expect((await call(ada, reset, {}, { lesson: 'no-such' })).status).toBe(404);
    expect((await call(ada, reset, {}, { lesson: 'hashes', block: 999 })).status).toBe(404);
  });

  it("signs out the other copies of a learner's cookie, which are refused from then on", async () => {
    const learner = new LearnerClient(app.url);
    await call(learner, 'GET /api/progress');
    const copy = new LearnerClient(app.url);
    copy.cookie = learner.cookie;
    expect((await call(learner, 'POST /api/session/sign-out-others')).status).toBe(204);
    const refused = await call(copy, 'POST /api/session/sign-out-others');
    expect([refused.status, refused.body.error]).toEqual([401, 'signed_out']);
  });

  it('makes a recovery code, which carries the learner to another browser, and refuses others', async () => {
    const recover = 'POST /api/session/recover';
    const made = await call(new LearnerClient(app.url), 'POST /api/session/recovery-code');
    const other = new LearnerClient(app.url);
    expect((await call(other, recover, {}, { code: made.body.code })).status).toBe(204);
    const answers = [
      await call(other, recover, {}, { code: 'not a code' }),
      await call(other, recover, {}, { code: '0000'.repeat(8) }),
      await call(other, recover, {}, 'code=x', 'text/plain'),
      await call(other, recover, {}, '{"code": '),
      await call(other, recover, {}, { code: OVERSIZED }),
    ];
    expect(answers.map(({ status, body }) => `${status} ${body.error}`)).toEqual([
      '400 bad_request',
      '404 unknown_recovery_code',
      '415 unsupported_media_type',
      '400 bad_json',
      '413 too_large',
    ]);
    // Codes typed are counted per address.
    const guesser = new LearnerClient(limited.url);
    expect((await call(guesser, recover, {}, { code: '0000'.repeat(8) })).status).toBe(404);
    const refused = await call(guesser, recover, {}, { code: '0000'.repeat(8) });
    expect([refused.status, refused.body.error]).toEqual([429, 'rate_limited']);
  });

  it('reveals hints once the exercise was submitted, one at a time, and only those there are', async () => {
    const bo = new LearnerClient(app.url);
    const hint = (number: string) =>
      call(bo, 'POST /api/exercises/{id}/hints/{number}', { ...EXERCISE, number });
    expect((await hint('1')).body.error).toBe('hints_locked');
    await call(bo, 'POST /api/exercises/{id}/submissions', EXERCISE, { source: STARTER });
    expect((await hint('1')).body).toMatchObject({ number: 1, count: 2 });
    expect((await hint('3')).body.error).toBe('not_found');
  });

  it('locks the solution until the learner passes, and records each submission', async () => {
    const solution = () => call(ada, 'GET /api/exercises/{id}/solution', EXERCISE);
    const submit = (source: string) =>
      call(ada, 'POST /api/exercises/{id}/submissions', EXERCISE, { source });
    expect((await solution()).body.error).toBe('solution_locked');
    expect((await submit(STARTER)).body.result.status).toBe('fail');
    const passed = (await submit(SOLUTION)).body;
    expect(passed.result.status).toBe('pass');
    expect((await solution()).body.solution).toBe(SOLUTION);
    const history = await call(ada, 'GET /api/exercises/{id}/submissions', EXERCISE);
    const statuses = history.body.submissions.map(({ status }: { status: string }) => status);
    expect(statuses).toEqual(['pass', 'fail']);
    const { body: progress } = await call(ada, 'GET /api/progress');
    expect(progress.exercises['set-and-get']).toMatchObject({ status: 'passed', attempts: 2 });
    expect(passed.progress).toEqual(progress.exercises['set-and-get']);
    const { body: commands } = await call(ada, 'GET /api/progress/commands');
    expect(commands.commands.map(({ name }: { name: string }) => name)).toEqual(['GET', 'SET']);
  });

  it("serves the instructor view to the instructor's token only, and only when it is set", async () => {
    const instructor = new InstructorClient(app.url);
    const { body: report } = await call(instructor, 'GET /api/instructor/exercises');
    const row = report.exercises.find(({ id }: { id: string }) => id === 'set-and-get');
    // Bo's fail before a hint, and Ada's fail then pass, above.
    expect(row).toMatchObject({ attempted: 2, passed: 1, attemptsToPass: { median: 2 } });
    const csv = await call(instructor, 'GET /api/instructor/exercises.csv');
    expect(csv.body.split('\r\n')).toHaveLength(report.exercises.length + 2);
    for (const operation of INSTRUCTOR) {
      for (const client of [new LearnerClient(app.url), new InstructorClient(app.url, 'wrong')]) {
        const refused = await call(client, operation);
        expect(refused.body.error, operation).toBe('unauthorized');
        expect(refused.headers.getSetCookie()).toEqual([]);
      }
      const off = await call(new InstructorClient(noInstructor.url), operation);
      expect(off.body.error, operation).toBe('not_found');
    }
  });

  it('streams course events while the course is watched, and answers 204 otherwise', async () => {
    const off = await call(new LearnerClient(app.url), 'GET /api/preview/events');
    expect(off.status).toBe(204);
    expect(off.headers.getSetCookie()).toEqual([]);

    // The stream never ends by itself: its first event is what the document is held to.
    const stream = new AbortController();
    const response = await fetch(`${watching.url}/api/preview/events`, { signal: stream.signal });
    let first = '';
    const decoder = new TextDecoder();
    for await (const chunk of response.body ?? []) {
      first += decoder.decode(chunk, { stream: true });
      if (first.includes('\n\n')) break;
    }
    stream.abort();
    const event = first.slice(0, first.indexOf('\n\n') + 2);
    await checker.check(
      { method: 'GET', template: '/api/preview/events', params: {} },
      new Response(event, { status: response.status, headers: response.headers }),
    );
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(JSON.parse(event.split('data: ')[1] ?? '')).toEqual({ files: [], problems: [] });
  });

  it('saves, answers and forgets a draft', async () => {
    const draft = (method: string, body?: unknown) =>
      call(ada, `${method} /api/exercises/{id}/draft`, EXERCISE, body);
    const { savedAt } = (await draft('PUT', { source: 'let x = 1;' })).body;
    expect((await draft('GET')).body).toEqual({ source: 'let x = 1;', savedAt });
    expect((await draft('DELETE')).status).toBe(204);
    expect((await draft('GET')).body).toEqual({ source: null, savedAt: null });
  });

  it('refuses a body that is not JSON, not what the operation takes, or too large', async () => {
    for (const [operation, params, accepted] of WITH_BODY) {
      const wrong = Object.fromEntries(Object.keys(accepted).map((name) => [name, 42]));
      const huge = Object.fromEntries(Object.keys(accepted).map((name) => [name, OVERSIZED]));
      const answers = [
        await call(ada, operation, params),
        await call(ada, operation, params, 'source=x', 'text/plain'),
        await call(ada, operation, params, accepted, 'application/json; charset=latin1'),
        await call(ada, operation, params, '{"source": '),
        await call(ada, operation, params, '"a JSON string"'),
        await call(ada, operation, params, ''),
        await call(ada, operation, params, wrong),
        await call(ada, operation, params, huge),
      ];
      expect(
        answers.map(({ status, body }) => `${status} ${body.error}`),
        operation,
      ).toEqual([
        '415 unsupported_media_type',
        '415 unsupported_media_type',
        '415 unsupported_media_type',
        '400 bad_json',
        '400 bad_json',
        '400 bad_request',
        '400 bad_request',
        '413 too_large',
      ]);
    }
  });

  it('takes strings up to their documented length, and refuses one character more', async () => {
    const draft = 'PUT /api/exercises/{id}/draft';
    expect((await call(ada, draft, EXERCISE, { source: 'x'.repeat(65_536) })).status).toBe(200);
    expect((await call(ada, draft, EXERCISE, { source: 'x'.repeat(65_537) })).status).toBe(400);
    const console = 'POST /api/console/commands';
    expect((await call(ada, console, {}, { commands: ' '.repeat(16_384) })).status).toBe(200);
    expect((await call(ada, console, {}, { commands: ' '.repeat(16_385) })).status).toBe(400);
  });

  it("runs a lesson's block from the course, compares its reply, and sets Redis as the lesson has it", async () => {
    const cy = new LearnerClient(app.url);
    // A key of the block's, left by something other than the lesson.
    await call(cy, 'POST /api/console/commands', {}, { commands: 'HSET user:42 name Old' });
    const differs = await call(cy, BLOCK_RUN, BLOCK, { commands: FIRST_BLOCK });
    expect(differs.body.comparison).toEqual({
      matches: false,
      fromEarlier: ['user:42'],
      missing: [],
    });
    const changed = await call(cy, BLOCK_RUN, BLOCK, { commands: 'FLUSHALL' });
    expect(changed.body.error).toBe('lesson_changed');
    const emptied = await call(cy, 'POST /api/console/reset', {}, { lesson: null });
    expect(emptied.body).toEqual({ ran: 0 });
    const same = await call(cy, BLOCK_RUN, BLOCK, { commands: FIRST_BLOCK });
    expect(same.body.comparison.matches).toBe(true);
    const second = { ...BLOCK, number: '2' };
    const set = await call(cy, 'POST /api/console/reset', {}, { lesson: 'hashes', block: 2 });
    expect(set.body).toEqual({ ran: 1 });
    const blocks = lessonParts(HASHES, 1).blocks;
    const again = await call(cy, BLOCK_RUN, second, { commands: blocks[1]?.commands });
    expect(again.body.comparison.matches).toBe(true);
    expect(again.body.output.trimEnd()).toBe(blocks[1]?.expected?.text.trimEnd());
  });

  it("shows every kind of value in the console's key view, after commands and a Run", async () => {
    const many = Array.from({ length: 60 }, (_, i) => `many:${i} ${i}`);
    const script = [
      'SET greeting hello',
      'SET soon later EX 100',
      'SET raw "\\x00\\x01\\xff"',
      'SET pixel "\\x89PNG\\r\\n\\x1a\\n"',
      'HSET user:1 name Ada',
      'RPUSH queue a b',
      'SADD tags x y',
      'ZADD board 1 ada +inf max',
      'XADD events * kind click',
      // A value a page shows less of, enough keys for more than one page, one too large to fetch.
      `RPUSH long ${'x'.repeat(100)} 2 3 4 5 6`,
      `MSET ${many.join(' ')}`,
      'SETRANGE big 1048576 x',
    ].join('\n');
    await call(ada, 'POST /api/console/commands', {}, { commands: script });
    const refused = await call(ada, 'POST /api/console/commands', {}, { commands: 'CONFIG GET *' });
    expect(refused.body.note).toMatch(/administrative commands/);
    const ran = await call(ada, 'POST /api/console/runs', {}, RUN);
    expect(ran.body).toMatchObject({
      status: 'ok',
      calls: [{ call: 'main', args: ['$redis'], returned: "'sunny'" }],
    });
    const own = await call(ada, 'POST /api/console/runs', {}, { ...RUN, args: [['$redis', 7]] });
    expect(own.body.calls).toMatchObject([{ call: 'main', args: ['$redis', 7] }]);
    const failed = await call(ada, 'POST /api/console/runs', {}, { ...RUN, source: 'export =;' });
    expect(failed.body).toMatchObject({ status: 'error', message: expect.any(String) });
    const keys: { key: string; value: { kind: string; items?: string[] }; cut: boolean }[] = [];
    let page = await call(ada, 'GET /api/console/keys');
    keys.push(...page.body.keys);
    for (let pages = 1; page.body.next !== null; pages++) {
      if (pages > 10) throw new Error('the pages of keys do not end');
      page = await call(ada, 'GET /api/console/keys', { cursor: page.body.next });
      keys.push(...page.body.keys);
    }
    const names = keys.map(({ key }) => key);
    expect(names.length).toBeGreaterThan(70);
    // Filtered by the server: the first page of a few keys among many may hold none of them.
    const matched: string[] = [];
    for (let cursor = '0', pages = 0; cursor !== null; pages++) {
      if (pages > 10) throw new Error('the pages of matching keys do not end');
      const found = await call(ada, 'GET /api/console/keys', { cursor, match: 'many:1?' });
      matched.push(...found.body.keys.map(({ key }: { key: string }) => key));
      cursor = found.body.next;
    }
    expect(matched.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `many:1${i}`).sort());
    const { body: docs } = await call(ada, 'GET /api/console/commands');
    expect(docs.commands).toContainEqual({
      name: 'GET',
      summary: 'Get the value of a key',
      syntax: 'GET key',
    });
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['greeting', 'many:0', 'many:59', 'big']));
    const kinds = new Set(keys.map(({ value }) => value.kind));
    expect([...kinds].sort()).toEqual([
      'bytes',
      'hash',
      'image',
      'list',
      'other',
      'set',
      'text',
      'zset',
    ]);

    const long = keys.find(({ key }) => key === 'long');
    expect(long?.cut).toBe(true);
    expect(long?.value.items).toEqual([`${'x'.repeat(80)}…`, '2', '3', '4', '5']);
    const value = 'GET /api/console/keys/value';
    expect((await call(ada, value, { key: 'long' })).body).toMatchObject({
      value: { kind: 'list', items: ['x'.repeat(100), '2', '3', '4', '5', '6'], length: 6 },
      cut: false,
    });
    expect((await call(ada, value, { key: 'user:1' })).body).toEqual({
      key: 'user:1',
      type: 'hash',
      ttl: null,
      value: { kind: 'hash', fields: [['name', 'Ada']], length: 1 },
      cut: false,
    });
    const bytes = 'GET /api/console/keys/bytes';
    const pixel = await call(ada, bytes, { key: 'pixel' });
    expect(pixel.body).toBe('\uFFFDPNG\r\n\x1a\n');
    const raw = await call(ada, bytes, { key: 'raw' });
    for (const [answer, type, disposition, length] of [
      [pixel, 'image/png', 'inline', '8'],
      [raw, 'application/octet-stream', 'attachment', '3'],
    ] as const) {
      expect(answer.headers.get('content-type')).toBe(type);
      expect(answer.headers.get('content-disposition')).toBe(disposition);
      expect(answer.headers.get('content-length')).toBe(length);
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('cache-control')).toBe('no-store');
    }
    expect((await call(ada, 'DELETE /api/console/keys/value', { key: 'soon' })).status).toBe(204);
    const refusals = [
      await call(ada, 'DELETE /api/console/keys/value', { key: 'soon' }),
      await newcomer(app.url)('DELETE /api/console/keys/value', { key: 'greeting' }),
      await call(ada, value, { key: 'no-such' }),
      await call(ada, bytes, { key: 'no-such' }),
      // A learner without a sandbox has no keys, and gets no sandbox for asking.
      await newcomer(app.url)(value, { key: 'greeting' }),
      await newcomer(app.url)(bytes, { key: 'greeting' }),
      await call(ada, bytes, { key: 'user:1' }),
      await call(ada, bytes, { key: 'big' }),
    ];
    expect(refusals.map(({ status, body }) => `${status} ${body.error}`)).toEqual([
      '404 not_found',
      '404 not_found',
      '404 not_found',
      '404 not_found',
      '404 not_found',
      '404 not_found',
      '409 not_a_string',
      '413 value_too_large',
    ]);
  });

  it('answers 400 for a query parameter that is missing, given twice, or not valid', async () => {
    const cursors = ['x', '-1', '1.5', '', '1'.repeat(21), '9'.repeat(20), '0&cursor=0'];
    for (const cursor of cursors) {
      const refused = await call(ada, 'GET /api/console/keys', { cursor });
      expect(refused.body.error, cursor).toBe('bad_request');
    }
    for (const match of ['', 'x'.repeat(257), 'a&match=b']) {
      const refused = await call(ada, 'GET /api/console/keys', { match });
      expect(refused.body.error, match).toBe('bad_request');
    }
    expect((await call(ada, 'GET /api/console/keys', { match: 'x'.repeat(256) })).status).toBe(200);
    const longest = 'k'.repeat(1024);
    const byKey = [
      'GET /api/console/keys/value',
      'DELETE /api/console/keys/value',
      'GET /api/console/keys/bytes',
    ];
    for (const operation of byKey) {
      const refusedKeys: Params[] = [{}, { key: '' }, { key: 'a&key=b' }, { key: `${longest}k` }];
      for (const params of refusedKeys) {
        const refused = await call(ada, operation, params);
        expect(refused.body.error, `${operation} ${JSON.stringify(params)}`).toBe('bad_request');
      }
      expect((await call(ada, operation, { key: longest })).status, operation).toBe(404);
    }
  });

  it('answers 429 with Retry-After once a learner is over a rate limit', async () => {
    const bob = new LearnerClient(limited.url);
    const limitedOnes = WITH_BODY.filter(
      ([operation]) =>
        checker.statuses(operation).includes(429) && !COUNTED_WITH_CONSOLE.includes(operation),
    );
    expect(limitedOnes).toHaveLength(4);
    for (const [operation, params, body] of limitedOnes) {
      expect((await call(bob, operation, params, body)).status, operation).toBe(200);
      const refused = await call(bob, operation, params, body);
      expect(refused.body.error, operation).toBe('rate_limited');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(50);
    }
    // The key view counts with the console's commands, forgetting the code with saving it.
    expect((await call(bob, 'GET /api/console/keys')).status).toBe(429);
    for (const [operation, params, body] of WITH_BODY) {
      if (COUNTED_WITH_CONSOLE.includes(operation)) {
        expect((await call(bob, operation, params, body)).status, operation).toBe(429);
      }
    }
    expect((await call(bob, 'GET /api/console/keys/value', { key: 'k' })).status).toBe(429);
    expect((await call(bob, 'GET /api/console/keys/bytes', { key: 'k' })).status).toBe(429);
    expect((await call(bob, 'DELETE /api/console/keys/value', { key: 'k' })).status).toBe(429);
    expect((await call(bob, 'GET /api/console/commands')).status).toBe(429);
    expect((await call(bob, 'DELETE /api/exercises/{id}/draft', EXERCISE)).status).toBe(429);
    // Guesses of the instructor's token count per address, for both operations together; the
    // token itself is never refused.
    const guesser = new InstructorClient(limited.url, 'not-the-instructor-token');
    expect((await call(guesser, 'GET /api/instructor/exercises')).status).toBe(401);
    const instructor = new InstructorClient(limited.url);
    expect((await call(instructor, 'GET /api/instructor/exercises')).status).toBe(200);
    for (const operation of INSTRUCTOR) {
      const refused = await call(guesser, operation);
      expect(refused.body.error, operation).toBe('rate_limited');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(50);
    }
  });

  it('answers 503 sandboxes_full with Retry-After when every sandbox is taken', async () => {
    // The rate-limit test's learner holds the only sandbox.
    const ask = newcomer(limited.url);
    const answers = [
      await ask('POST /api/console/commands', {}, { commands: 'PING' }),
      await ask('POST /api/console/runs', {}, RUN),
    ];
    for (const { body, headers } of answers) {
      expect(body.error).toBe('sandboxes_full');
      expect(headers.get('retry-after')).toBe('60');
    }
  });

  it('answers 500 broken_content, and no stack, when the course folder is broken', async () => {
    const ask = newcomer(broken.url);
    const reading = USING_STATE.filter(([operation]) => !READING_NO_COURSE.includes(operation));
    const answers = [
      await ask('GET /api/course'),
      await ask('GET /api/lessons/{id}', EXERCISE),
      await ask('GET /api/exercises/{id}', EXERCISE),
      ...(await Promise.all(reading.map((request) => ask(...request)))),
      ...(await Promise.all(
        INSTRUCTOR.map((operation) => call(new InstructorClient(broken.url), operation)),
      )),
    ];
    for (const { status, body } of answers) {
      expect(status).toBe(500);
      expect(body.error).toBe('broken_content');
      expect(body.message).not.toMatch(/\s+at |\/tmp\//);
    }
  });

  // Last: the limited app's Redis does not come back.
  it("answers 503 state_unavailable, and readiness says not ready, when the app's Redis is gone", async () => {
    limited.state.redis.disconnect();
    const ask = newcomer(limited.url);
    const readiness = await ask('GET /readyz');
    expect(readiness.body).toEqual({ status: 'not_ready', checks: { redis: false, grader: true } });
    for (const request of USING_STATE) {
      const { body, headers } = await ask(...request);
      expect(body.error, request[0]).toBe('state_unavailable');
      expect(headers.get('retry-after')).toBe('5');
    }
    for (const operation of INSTRUCTOR) {
      const { body, headers } = await call(new InstructorClient(limited.url), operation);
      expect(body.error, operation).toBe('state_unavailable');
      expect(headers.get('retry-after')).toBe('5');
    }
  });

  it('answers a submission 202 in queue mode, and its grading once a worker has graded it', async () => {
    const bea = new LearnerClient(queued.url);
    const submit = () =>
      call(bea, 'POST /api/exercises/{id}/submissions', EXERCISE, { source: SOLUTION });
    const pending = await submit();
    expect(pending.status).toBe(202);
    expect(pending.body.state).toBe('queued');
    const grading = { id: pending.body.id };
    expect((await call(bea, 'GET /api/gradings/{id}', grading)).status).toBe(202);
    const full = await submit();
    expect([full.status, full.body.error]).toEqual([503, 'queue_full']);

    const worker = await GradingWorker.start({
      redisUrl: queueRedisUrl,
      grader: app.grader,
      concurrency: 1,
      name: 'openapi-test',
      log: pino({ level: 'silent' }),
    });
    try {
      let answer = await call(bea, 'GET /api/gradings/{id}', grading);
      for (const deadline = Date.now() + 30_000; answer.status === 202; ) {
        if (Date.now() > deadline) throw new Error('the queued grading never finished');
        await new Promise((resolve) => setTimeout(resolve, 100));
        answer = await call(bea, 'GET /api/gradings/{id}', grading);
      }
      expect(answer.body.result.status).toBe('pass');
      expect(answer.body.progress).toMatchObject({ status: 'passed', attempts: 1 });
    } finally {
      await worker.close();
    }
    // Asked again, it comes from the learner's records; someone else is told it is not theirs.
    expect((await call(bea, 'GET /api/gradings/{id}', grading)).body.result.status).toBe('pass');
    expect((await newcomer(queued.url)('GET /api/gradings/{id}', grading)).status).toBe(404);
    expect((await call(bea, 'GET /api/gradings/{id}', { id: 'not-a-uuid' })).status).toBe(400);
    const history = await call(bea, 'GET /api/exercises/{id}/submissions', EXERCISE);
    expect(history.body.submissions).toHaveLength(1);
  });

  it('has had every documented answer of every operation from the app, but those no test here can produce', () => {
    expect([...checker.seen.keys()].sort()).toEqual(checker.operations().sort());
    const missing = checker.operations().flatMap((operation) => {
      const seen = checker.seen.get(operation);
      const statuses = checker.statuses(operation).filter((status) => !seen?.has(status));
      return statuses.map((status) => `${operation} ${status}`);
    });
    const unproduced = [...READING_NO_COURSE.map((operation) => `${operation} 500`), ...UNPRODUCED];
    expect(missing.sort()).toEqual(unproduced.sort());
  });
});

/**
 * The app as createApp builds it, with the test app's Redis, on a course folder whose files are
 * broken: a lesson file misnamed, an exercise without its starter.
 */
async function startBrokenApp(app: TestApp) {
  const courseDir = await mkdtemp(join(tmpdir(), 'keyspace-broken-course-'));
  const exerciseDir = join(courseDir, 'exercises', 'set-and-get');
  await mkdir(join(courseDir, 'lessons'));
  await mkdir(exerciseDir, { recursive: true });
  await writeFile(join(courseDir, 'lessons', 'no-number.md'), '# A lesson file misnamed\n');
  await writeFile(
    join(exerciseDir, 'exercise.md'),
    read('../../exercises/set-and-get/exercise.md'),
  );
  const grader = await Grader.start({ courseDir });
  const consoles = new ConsoleSessions();
  const express = createApp({
    grader,
    consoles,
    state: app.state,
    log: pino({ level: 'silent' }),
    cookieSecret: 'a secret for this test only',
    instructorToken: INSTRUCTOR_TOKEN,
  });
  const server: Server = express.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    express,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await Promise.all([grader.stop(), consoles.stop()]);
      await rm(courseDir, { recursive: true, force: true });
    },
  };
}

/** A layer of Express 5's router: a route, a mounted router, or other middleware. */
interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
  rawPath?: unknown;
  /** Mounted without a path. */
  slash: boolean;
}

/** Every route the app registers, as `METHOD /path/{param}`, routers' mount paths included. */
function routesOf(express: Express): string[] {
  const walk = (stack: Layer[], prefix: string): string[] =>
    stack.flatMap((layer) => {
      if (layer.route) {
        const path = `${prefix}${layer.route.path}`.replace(/:(\w+)/g, '{$1}');
        return Object.keys(layer.route.methods).map((method) => operationKey(method, path));
      }
      if (!layer.handle.stack) return [];
      return walk(layer.handle.stack, layer.slash ? prefix : `${prefix}${String(layer.rawPath)}`);
    });
  return walk((express.router as unknown as { stack: Layer[] }).stack, '');
}
