import { createServer } from 'node:net';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Grader } from '../grader.ts';
import { oneExerciseCourse } from '../test/one-exercise-course.ts';
import { assertValidResult } from '../test/result-schema.ts';

// What ioredis does with no Redis to reach, traced as events, statuses and settled commands:
// under Node, real ioredis against a port where nothing listens; in the sandbox, the same code
// while its check has taken Redis away (redisAway). The traces must be the same.
const TRACE = `async function trace(Redis, port, scenario) {
  const log = [];
  // Between two attempts, however long a refused connection takes to tell (a sandbox's is
  // slower on a busy machine): a fixed wait would land in an attempt there and not under Node.
  const reconnecting = (redis, times) =>
    new Promise((resolve) => {
      let seen = 0;
      redis.on('reconnecting', () => {
        seen += 1;
        if (seen === times) resolve();
      });
    });
  const scenarios = {
    'maxRetriesPerRequest flushes the offline queue': [
      { maxRetriesPerRequest: 1, retryStrategy: (times) => (times > 3 ? null : 20) },
      async (redis) => {
        try { log.push('get ' + (await redis.get('k'))); } catch (error) { log.push('get failed ' + error.name + ': ' + error.message); }
      },
    ],
    'a retryStrategy without a number ends the client': [
      { retryStrategy: () => null },
      async (redis) => {
        try { log.push('get ' + (await redis.get('k'))); } catch (error) { log.push('get failed ' + error.message); }
      },
    ],
    'enableOfflineQueue: false fails a command at once': [
      { enableOfflineQueue: false, retryStrategy: (times) => (times > 2 ? null : 20) },
      async (redis) => {
        try { log.push('get ' + (await redis.get('k'))); } catch (error) { log.push('get failed ' + error.message); }
      },
    ],
    'disconnect() stops reconnecting': [
      { retryStrategy: () => 100 },
      async (redis) => {
        redis.get('k').then((value) => log.push('get ' + value), (error) => log.push('get failed ' + error.message));
        await reconnecting(redis, 2);
        log.push('disconnect in ' + redis.status);
        redis.disconnect();
      },
    ],
    'quit() with nothing queued resolves at once': [
      { retryStrategy: () => 100 },
      async (redis) => {
        await reconnecting(redis, 2);
        log.push('quit in ' + redis.status);
        log.push('quit ' + (await redis.quit()));
      },
    ],
    'connect() of a lazy client rejects when the connection closes': [
      { lazyConnect: true, retryStrategy: (times) => (times > 1 ? null : 20) },
      async (redis) => {
        try { await redis.connect(); log.push('connected'); } catch (error) { log.push('connect failed ' + error.message); }
      },
    ],
    'a pipeline fails command by command, a transaction whole': [
      { maxRetriesPerRequest: 0, retryStrategy: (times) => (times > 1 ? null : 20) },
      async (redis) => {
        const piped = redis.pipeline().set('a', '1').get('a').exec()
          .then((results) => log.push('pipeline ' + results.map(([error]) => error && error.message).join(' | ')));
        const multi = redis.multi().set('a', '1').exec()
          .then(() => log.push('multi answered'), (error) => log.push('multi failed ' + error.message));
        await Promise.all([piped, multi]);
      },
    ],
  };
  const [options, body] = scenarios[scenario];
  const redis = new Redis({ port, ...options });
  for (const event of ['wait', 'connecting', 'connect', 'ready', 'error', 'close', 'reconnecting', 'end']) {
    redis.on(event, (arg) => log.push(event + (arg instanceof Error ? ' ' + arg.message : arg === undefined ? '' : ' ' + arg) + ' in ' + redis.status));
  }
  await body(redis);
  await new Promise((resolve) => setTimeout(resolve, 250));
  log.push('finally ' + redis.status);
  redis.disconnect();
  return log;
}`;

const SCENARIOS = [
  'maxRetriesPerRequest flushes the offline queue',
  'a retryStrategy without a number ends the client',
  'enableOfflineQueue: false fails a command at once',
  'disconnect() stops reconnecting',
  'quit() with nothing queued resolves at once',
  'connect() of a lazy client rejects when the connection closes',
  'a pipeline fails command by command, a transaction whole',
];

type Trace = (redis: typeof Redis, port: number, scenario: string) => Promise<string[]>;

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

const SIGNATURE = 'export async function run(scenario: string): Promise<string[]>';

/** A client kept open across calls, without an error listener, to lose its connection. */
const OWN_CLIENT = `let own;
const ownLog = [];
export async function open() {
  own = new Redis();
  for (const event of ['close', 'reconnecting', 'ready']) own.on(event, () => ownLog.push(event));
  await own.ping();
}
export async function readOwn() {
  ownLog.length = 0;
  ownLog.push('get ' + (await own.get('k')));
  return ownLog;
}
export async function openWithout(retries) {
  own = new Redis(retries ? {} : { retryStrategy: null });
  own.on('error', () => {});
  await own.ping();
}
export async function failedGet() {
  return own.get('k').then((value) => 'get ' + value, (error) => 'get failed ' + error.message);
}
export async function quitOwn() {
  const reply = await own.quit().catch((error) => 'quit failed ' + error.message);
  await new Promise((resolve) => setTimeout(resolve, 300));
  return [reply, own.status];
}`;

/** Checks of what only the sandbox can show: a connection lost and back, and clients(). */
const OUTAGE_CHECKS = `{
    name: 'a connected client loses its connection, and its command goes through once Redis is back',
    async run({ call, redis, redisAway, clients, expect }) {
      await redis.set('k', 'v');
      await call('open');
      redisAway(300);
      const log = await call('readOwn');
      const [client] = clients();
      expect.equal(log[0], 'close', 'the first event');
      expect.equal(log.filter((event) => event === 'ready').length, 1, 'ready events');
      expect.equal(log.at(-1), 'get v', 'the GET');
      expect.ok(client.refused >= 1, 'refused attempts: ' + client.refused);
      expect.equal(client.attempts.length, client.refused + 2, 'attempts (the first, the refused, the last)');
      expect.equal(client.unhandledErrors, client.refused, 'errors nobody listened for');
    },
  },
  {
    name: 'a connected client that may not reconnect fails its command when Redis goes away',
    async run({ call, redisAway, expect }) {
      await call('openWithout', false);
      redisAway();
      expect.equal(await call('failedGet'), 'get failed Connection is closed.', 'the GET');
    },
  },
  {
    name: 'a connected client that quits while Redis is away ends, and tries no more',
    async run({ call, redisAway, clients, expect }) {
      await call('openWithout', true);
      redisAway();
      const [reply, status] = await call('quitOwn');
      expect.equal([reply, status], ['quit failed Connection is closed.', 'end'], 'quit and status');
      expect.equal(clients()[0]?.attempts.length, 1, 'connection attempts');
    },
  }`;

describe('code whose Redis is away', () => {
  let port: number;
  let expected: Record<string, string[]>;
  let course: ReturnType<typeof oneExerciseCourse>;
  let grader: Grader;

  beforeAll(async () => {
    port = await closedPort();
    const trace = new Function(`return ${TRACE}`)() as Trace;
    expected = {};
    for (const scenario of SCENARIOS) expected[scenario] = await trace(Redis, port, scenario);
    const checks = SCENARIOS.map(
      (scenario) => `{
    name: ${JSON.stringify(scenario)},
    async run({ call, redisAway, expect }) {
      redisAway();
      expect.equal(await call('run', ${JSON.stringify(scenario)}), ${JSON.stringify(expected[scenario])}, 'the trace');
    },
  }`,
    );
    course = oneExerciseCourse({
      id: 'away',
      signature: SIGNATURE,
      checks: `export default [\n  ${[...checks, OUTAGE_CHECKS].join(',\n  ')},\n];\n`,
      solution: '  return [scenario];',
      run: '{ call: run, args: [none] }',
    });
    grader = await Grader.start({ courseDir: course.dir, concurrency: 1 });
  }, 60_000);
  afterAll(async () => {
    await grader?.stop();
    course?.remove();
  });

  it('goes through what real ioredis goes through: errors, reconnections, the offline queue', async () => {
    const source = `import Redis from 'ioredis';\n\n${TRACE}\n\n${OWN_CLIENT}\n\n${SIGNATURE} {\n  return trace(Redis, ${port}, scenario);\n}\n`;
    const result = await grader.grade('away', source);
    assertValidResult(result);
    expect(result.checks.map(({ name, status, message }) => ({ name, status, message }))).toEqual(
      [
        ...SCENARIOS,
        'a connected client loses its connection, and its command goes through once Redis is back',
        'a connected client that may not reconnect fails its command when Redis goes away',
        'a connected client that quits while Redis is away ends, and tries no more',
      ].map((name) => ({ name, status: 'pass', message: undefined })),
    );
  }, 60_000);
});
