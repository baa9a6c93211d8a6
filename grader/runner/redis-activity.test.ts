import type Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeyState, Snapshot } from '../checks/api.ts';
import { SandboxServer } from '../redis/sandbox-server.ts';
import type { CheckResult, GradeResult } from '../result/grade-result.ts';
import { learnerModule } from '../test/one-exercise-course.ts';
import { oneExerciseGrader } from '../test/one-exercise-grader.ts';
import { assertValidResult } from '../test/result-schema.ts';
import { ActivityRecorder, described, keyRows, quoted } from './redis-activity.ts';
import { CommandBudget, RedisBridge } from './redis-bridge.ts';
import { resetSandbox } from './reset-sandbox.ts';
import { connectTrusted, SandboxConnections } from './sandbox-connections.ts';

// One exercise, `count`, that adds one to a page's visits. Its checks seed keys the learner's
// code starts from, so that the report has keys before and after to show.
const CHECKS = `
export default [
  {
    name: 'count adds one to the visits of home',
    async run({ call, sandboxClient, redis, expect }) {
      await redis.set('visits:home', '5');
      await redis.hset('page:home', 'title', 'Home');
      await call('count', sandboxClient, 'home');
      expect.equal(await redis.get('visits:home'), '6', 'GET visits:home');
    },
  },
  {
    name: 'the checks agree with themselves',
    async run({ expect }) {
      expect.equal(1, 1, 'one');
    },
  },
  {
    name: 'count keeps to its page among many',
    async run({ call, sandboxClient, redis, expect }) {
      for (let page = 0; page < 60; page++) await redis.set('visits:page' + page, '1');
      await call('count', sandboxClient, 'home');
      expect.equal(await redis.get('visits:home'), '1', 'GET visits:home');
    },
  },
];
`;

const SIGNATURE = 'export async function count(redis: Redis, page: string): Promise<void>';

describe('what the learner’s code did to Redis, under each check', () => {
  const graded = oneExerciseGrader({
    id: 'count',
    signature: SIGNATURE,
    checks: CHECKS,
    solution: "  await redis.incr('visits:' + page);",
    run: '{ call: count, args: [$redis, home] }',
  });

  async function grade(
    body: string,
    source = learnerModule(SIGNATURE, body),
  ): Promise<GradeResult> {
    const result = await graded.grader.grade('count', source, { file: 'ada/count.ts' });
    assertValidResult(result);
    return result;
  }
  const check = (result: GradeResult, index: number): CheckResult => {
    const found = result.checks[index];
    if (!found) throw new Error(`no check ${index}`);
    return found;
  };

  it('lists the commands a passing check saw, each with the line that sent it, and no keys', async () => {
    const result = await grade("  await redis.incr('visits:' + page);");
    expect(result.status).toBe('pass');
    expect(check(result, 0).redis).toEqual({
      commands: [
        {
          command: 'INCR visits:home',
          client: 1,
          location: { file: 'ada/count.ts', line: 4, column: 15 },
        },
      ],
    });
  });

  it('shows a failing check its commands in order, batches and clients apart, and the keys before and after, changed first', async () => {
    const result = await grade(
      '',
      [
        "import Redis from 'ioredis';",
        '',
        `${SIGNATURE} {`,
        '  const other = new Redis();',
        "  const seen = await redis.get('visits:' + page);",
        "  await helper(other, 'visits:' + page, String(Number(seen) + 2));",
        "  await redis.pipeline().set('last page', page).expire('last page', 60).exec();",
        '}',
        'async function helper(client: Redis, key: string, value: string) {',
        '  await client.set(key, value);',
        '}',
      ].join('\n'),
    );
    const failed = check(result, 0);
    expect(failed.status).toBe('fail');
    expect(failed.redis?.commands).toEqual([
      {
        command: 'GET visits:home',
        client: 1,
        location: { file: 'ada/count.ts', line: 5, column: 28 },
      },
      {
        command: 'SET visits:home 7',
        client: 2,
        location: { file: 'ada/count.ts', line: 10, column: 16 },
      },
      {
        command: 'SET "last page" home',
        client: 1,
        batch: 1,
        location: { file: 'ada/count.ts', line: 7, column: 73 },
      },
      {
        command: 'EXPIRE "last page" 60',
        client: 1,
        batch: 1,
        location: { file: 'ada/count.ts', line: 7, column: 73 },
      },
    ]);
    expect(failed.redis?.keys).toEqual([
      { key: 'last page', after: expect.stringMatching(/^string "home" · expires in (59|60) s$/) },
      { key: 'visits:home', before: 'string "5"', after: 'string "7"' },
      { key: 'page:home', before: 'hash {"title":"Home"}', after: 'hash {"title":"Home"}' },
    ]);
    expect(check(result, 1).redis).toBeUndefined();
  });

  it('lists the first twenty commands and counts the rest, and reads no keys from a crowded Redis', async () => {
    const result = await grade(
      "  for (let n = 0; n < 25; n++) await redis.set('visits:' + page, String(n));",
    );
    const crowded = check(result, 2);
    expect(crowded.status).toBe('fail');
    expect(crowded.redis?.commands).toHaveLength(20);
    expect(crowded.redis?.commands[19]?.command).toBe('SET visits:home 19');
    expect(crowded.redis?.moreCommands).toBe(5);
    // Sixty keys were seeded: reading them all for a report would cost the check.
    expect(crowded.redis?.keys).toBeUndefined();
  });

  it('reports the commands of code that threw, and the keys it left', async () => {
    const result = await grade(
      "  await redis.set('visits:' + page, 'many');\n  throw new Error('gave up');",
    );
    const failed = check(result, 0);
    expect(failed.reason).toBe('learner-error');
    expect(failed.redis?.commands.map(({ command }) => command)).toEqual(['SET visits:home many']);
    expect(failed.redis?.keys?.[0]).toEqual({
      key: 'visits:home',
      before: 'string "5"',
      after: 'string "many"',
    });
  });

  it('still reports when the code replaced how stacks are written', async () => {
    const result = await grade(
      "  Error.prepareStackTrace = () => 'nothing to see';\n  await redis.incr('visits:' + page);",
    );
    expect(result.status).toBe('pass');
    expect(check(result, 0).redis?.commands).toEqual([{ command: 'INCR visits:home', client: 1 }]);
  });
});

describe('the keys before a check’s first call', () => {
  let server: SandboxServer;
  let connections: SandboxConnections;
  let redis: Redis;
  /** A connection of the test's own: asking Redis must not count as the grader writing. */
  let observer: Redis;
  const scans = async () =>
    Number(/^cmdstat_scan:calls=(\d+)/m.exec(await observer.info('commandstats'))?.[1] ?? 0);
  const recorder = () =>
    new ActivityRecorder(redis, new RedisBridge(connections, new CommandBudget(100, 1_000_000)));

  beforeAll(async () => {
    server = await SandboxServer.start();
    connections = new SandboxConnections(server.address);
    redis = connections.trusted();
    observer = connectTrusted(server.address);
  });
  afterAll(async () => {
    observer.disconnect();
    connections.close();
    await server.stop();
  });

  it('are not read from a sandbox its reset left empty, and listed after a failure as none', async () => {
    await resetSandbox(redis);
    const activity = recorder();
    activity.emptied();
    const scanned = await scans();
    await activity.beforeCall();
    expect(await scans()).toBe(scanned);
    await observer.set('visits', '1');
    expect((await activity.activity({ status: 'fail', reason: 'assertion' }))?.keys).toEqual([
      { key: 'visits', after: 'string "1"' },
    ]);
  });

  it('are read once the check wrote, or the learner’s code sent a command, since the reset', async () => {
    await resetSandbox(redis);
    const afterCheck = recorder();
    afterCheck.emptied();
    await redis.set('visits', '1');
    const scanned = await scans();
    await afterCheck.beforeCall();
    expect(await scans()).toBe(scanned + 1);
    expect((await afterCheck.activity({ status: 'fail', reason: 'assertion' }))?.keys).toEqual([
      { key: 'visits', before: 'string "1"', after: 'string "1"' },
    ]);

    await resetSandbox(redis);
    const bridge = new RedisBridge(connections, new CommandBudget(100, 1_000_000));
    // As a module whose loading sends a command, before the check begins.
    await bridge.send(1, 'set', ['loaded', 'yes']);
    const afterLoad = new ActivityRecorder(redis, bridge);
    afterLoad.emptied();
    const scannedAgain = await scans();
    await afterLoad.beforeCall();
    expect(await scans()).toBe(scannedAgain + 1);
    bridge.close();
  });
});

describe('the report’s words for arguments and keys', () => {
  it('quotes an argument only where redis-cli would need it', () => {
    expect(
      ['plain', 'two words', '', 'say "hi"', 'a\nb', 'tab\there', '<3 bytes>'].map(quoted),
    ).toEqual([
      'plain',
      '"two words"',
      '""',
      '"say \\"hi\\""',
      '"a\\nb"',
      '"tab\\there"',
      '<3 bytes>',
    ]);
    expect(quoted('\u0001')).toBe('"\\x01"');
  });

  it('describes each type with its value and time to live, cut to a line', () => {
    const state = (type: string, value: unknown, pttl = -1) => ({
      type,
      value,
      pttl,
      expiresAt: -1,
    });
    expect(
      described(
        state('zset', [
          ['ada', 3],
          ['bo', 1.5],
        ]),
      ),
    ).toBe('zset ada=3, bo=1.5');
    expect(described(state('list', ['a', 'b'], 4_200))).toBe('list ["a","b"] · expires in 4.2 s');
    expect(described(state('string', Buffer.from([0xff, 0xfe])))).toBe('string <2 bytes>');
    expect(described(state('stream', [['1-0', ['f', 'v']]]))).toBe('stream 1 entry');
    expect(described(state('string', 'x'.repeat(500)))).toHaveLength(120);
  });

  it('lists keys the check changed before those it did not', () => {
    const state = (value: string, pttl = -1, expiresAt = -1): KeyState => ({
      type: 'string',
      value,
      pttl,
      expiresAt,
    });
    const snapshot = (entries: [string, string][], ttlPttl: number): Snapshot => ({
      takenAt: 0,
      keys: new Map([
        ...entries.map(([key, value]): [string, KeyState] => [key, state(value)]),
        ['ttl', state('1', ttlPttl, 1_000_000)],
      ]),
    });
    const rows = keyRows(
      snapshot(
        [
          ['a', '1'],
          ['b', '1'],
          ['gone', '1'],
        ],
        9_000,
      ),
      snapshot(
        [
          ['a', '1'],
          ['b', '2'],
          ['new', '1'],
        ],
        8_900,
      ),
    );
    expect(rows.map(({ key }) => key)).toEqual(['b', 'gone', 'new', 'a', 'ttl']);
    // Its time to live ran down, and its expiry stayed: unchanged, in the same words.
    expect(rows[4]).toEqual({
      key: 'ttl',
      before: 'string "1" · expires in 9.0 s',
      after: 'string "1" · expires in 9.0 s',
    });
    expect(rows[1]).toEqual({ key: 'gone', before: 'string "1"' });
  });
});
