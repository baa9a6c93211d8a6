import type Redis from 'ioredis';
import type {
  CheckContext,
  CheckList,
  ExecutedCommand,
  RaceOutcome,
  RaceStepView,
  Random,
} from '../../grader/checks/api.ts';

interface Exports {
  allow(
    redis: Redis,
    user: string,
    limit: number,
    windowMs: number,
    nowMs: number,
  ): Promise<boolean>;
}

type Context = CheckContext<Exports>;

const keyOf = (user: string) => `ratelimit:${user}`;

/** A user name of 4 to 7 letters, so that no answer can be typed into the code. */
const userOf = (random: Random) => random.word(random.int(4, 7));

/** A time in Unix milliseconds, far enough from the real clock that Date.now() cannot pass for it. */
const startOf = (random: Random) => random.int(1_500_000_000_000, 1_600_000_000_000);

/**
 * A time like a real server's Date.now(), days before the grading: code that treats the checks'
 * old times apart from real ones meets one, yet the clock cannot pass for it.
 */
const currentOf = (random: Random) =>
  Date.now() - random.int(1, 30) * 86_400_000 - random.int(0, 86_399_999);

/** How allow was called, as the learner would type it. */
const callText = (user: string, limit: number, windowMs: number, nowMs: number) =>
  `allow(redis, '${user}', ${limit}, ${windowMs}, ${nowMs})`;

/**
 * Entries written by "another server": members of the checks' own making, which the learner's
 * code must count without being able to recognise them.
 */
async function seedEntries(
  redis: Redis,
  random: Random,
  key: string,
  scores: readonly number[],
  windowMs: number,
): Promise<void> {
  if (scores.length === 0) return;
  const args: (string | number)[] = [];
  for (const [index, score] of scores.entries()) {
    args.push(score, `${score}-${random.word(4)}${index}`);
  }
  await redis.zadd(key, ...args);
  await redis.pexpire(key, windowMs);
}

/** The scores the set holds, lowest first, as Redis prints them. */
async function scoresIn(redis: Redis, key: string): Promise<string[]> {
  const flat = await redis.zrange(key, 0, '-1', 'WITHSCORES');
  return flat.filter((_, index) => index % 2 === 1);
}

/** What the key holds, for a message: its type, and a sorted set's scores. */
async function describeKey(redis: Redis, key: string): Promise<string> {
  const type = await redis.type(key);
  if (type === 'none') return `${key} does not exist`;
  if (type !== 'zset') return `${key} is a ${type}, not a sorted set`;
  const scores = await scoresIn(redis, key);
  return `${key} holds ${scores.length} ${scores.length === 1 ? 'entry' : 'entries'}${
    scores.length > 0
      ? `, scored ${scores.slice(0, 12).join(', ')}${scores.length > 12 ? ', …' : ''}`
      : ''
  }`;
}

/** Fails, naming what Redis holds, unless the key is a sorted set. */
async function expectSortedSet({ redis, expect }: Context, key: string, after: string) {
  const type = await redis.type(key);
  expect.ok(
    type === 'zset',
    type === 'none'
      ? `after ${after}, there is no key ${key}; Redis holds: ${(await redis.keys('*')).sort().slice(0, 10).join(', ') || 'no keys'}. Keep the allowed requests in the sorted set ${key}.`
      : `TYPE ${key} after ${after}: expected zset (a sorted set), got ${type}`,
  );
}

/** Calls allow and expects `expected`, explaining what the window held. */
async function expectAllow(
  context: Context,
  args: { user: string; limit: number; windowMs: number; nowMs: number },
  expected: boolean,
  why: string,
): Promise<void> {
  const { call, sandboxClient, redis, expect } = context;
  const { user, limit, windowMs, nowMs } = args;
  const before = await describeKey(redis, keyOf(user));
  const returned = await call('allow', sandboxClient, user, limit, windowMs, nowMs);
  expect.ok(
    returned === expected,
    `${callText(user, limit, windowMs, nowMs)} returned ${JSON.stringify(returned)}, expected ${expected}: ${why} (before the call, ${before}; after it, ${await describeKey(redis, keyOf(user))})`,
  );
}

/** Redis's clock, in milliseconds: an expiry is judged by the clock that runs it out. */
async function redisNowMs(redis: Redis): Promise<number> {
  const [seconds, micros] = await redis.time();
  return Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
}

/**
 * A window of a whole number of seconds plus 500 to 999 ms: an expiry rounded to seconds, or cut
 * by a margin, loses at least 500 ms of it, which an expiry measured from the call's start shows.
 */
const oddWindowOf = (random: Random, minSeconds: number, maxSeconds: number) =>
  random.int(minSeconds, maxSeconds) * 1000 + random.int(500, 999);

/**
 * Calls allow, expects it allowed, and expects the key to expire windowMs after the call: not
 * sooner, counted by Redis's clock from the call's start (100 ms allow for the learner's clock
 * against Redis's), and not later, by PTTL right after it.
 */
async function expectAllowedExpiry(
  context: Context,
  args: { user: string; limit: number; windowMs: number; nowMs: number },
  why: string,
  had: string,
): Promise<void> {
  const { redis, expect } = context;
  const { user, limit, windowMs, nowMs } = args;
  const key = keyOf(user);
  const began = await redisNowMs(redis);
  await expectAllow(context, args, true, why);
  const expiresAt = await redis.pexpiretime(key);
  const pttl = await redis.pttl(key);
  const lived = expiresAt - began;
  const found =
    expiresAt === -2
      ? 'the key does not exist'
      : expiresAt === -1
        ? 'the key has no expiry'
        : `PEXPIRETIME ${key} answers ${expiresAt}, ${lived} ms after the call began by Redis's clock, and PTTL ${pttl} right after it`;
  expect.ok(
    expiresAt >= 0 && lived >= windowMs - 100 && pttl <= windowMs,
    `${key} ${had} when ${callText(user, limit, windowMs, nowMs)} was allowed; afterwards ${found}, expected it to expire ${windowMs} ms after the call: each allowed request sets the expiry again to the whole of windowMs, in milliseconds (PEXPIRE ${key} ${windowMs}), not rounded to seconds, capped or cut by a margin, since its entry counts for windowMs more`,
  );
}

/** `n` requests, or `1 request`. */
const requests = (n: number) => `${n} ${n === 1 ? 'request' : 'requests'}`;

const outcome = (result: RaceOutcome<boolean>) =>
  result.threw === undefined ? JSON.stringify(result.returned) : `threw "${result.threw}"`;

/** Another server's request, decided and added in one step: the right answer, run by the grader. */
const OTHER_SERVER = `
local now = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('ZADD', KEYS[1], now, ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
`;

/** What the grader's EVALs of OTHER_SERVER answered, in order. */
const otherServers = (steps: readonly RaceStepView[]) =>
  steps
    .filter((step) => step.by === 'grader' && step.commands[0]?.name === 'eval')
    .map((step) => (step.reply && 'value' in step.reply ? step.reply.value : step.reply?.error));

const SEARCHES = new Set(['keys', 'scan']);

/**
 * The writes Redis ran for the learner to keys not in `allowed`, scripts' included. A key written
 * and deleted within one call (a lock) leaves no trace in a snapshot, but shows here.
 */
const writesOutside = (executed: readonly ExecutedCommand[], allowed: ReadonlySet<string>) =>
  executed.filter((command) => command.write && command.keys.some((key) => !allowed.has(key)));

/**
 * The learner's own writes to `key` that a concurrent call could slip between its count and
 * them: not run by a script, and not inside a MULTI/EXEC after a WATCH of the key on that client.
 */
function unguardedWrites(executed: readonly ExecutedCommand[], key: string): ExecutedCommand[] {
  const watching = new Set<number>();
  const transaction = new Map<number, boolean>();
  const found: ExecutedCommand[] = [];
  for (const command of executed) {
    if (command.script !== undefined) continue;
    const client = command.client ?? 0;
    if (command.name === 'watch') {
      if (command.keys.includes(key)) watching.add(client);
    } else if (command.name === 'unwatch') {
      watching.delete(client);
    } else if (command.name === 'multi') {
      transaction.set(client, watching.has(client));
    } else if (command.name === 'exec' || command.name === 'discard') {
      transaction.delete(client);
      watching.delete(client);
    } else if (command.write && command.keys.includes(key) && transaction.get(client) !== true) {
      found.push(command);
    }
  }
  return found;
}

const shown = (command: ExecutedCommand) =>
  `${[command.name.toUpperCase(), ...command.args].join(' ')}${command.script ? ` (inside ${command.script})` : ''}`;

const checks: CheckList<Exports> = [
  // First in the list, so that its first call is the module's first call of the grading: code
  // careless on a first call only meets the rule its later calls keep, which no race can show (a
  // race's first interleaving runs the calls one after another). Code careless on every call is
  // left to the races, which show how the commands interleave.
  {
    name: 'the first limit requests in a window are allowed, the next one is refused',
    logExecuted: true,
    async run(context) {
      const { random, expect, executed } = context;
      const user = userOf(random);
      const key = keyOf(user);
      const limit = random.int(2, 8);
      const windowMs = random.int(10_000, 120_000);
      let nowMs = startOf(random);
      const first = nowMs;
      let firstRan: readonly ExecutedCommand[] = [];
      for (let count = 0; count < limit; count++) {
        await expectAllow(
          context,
          { user, limit, windowMs, nowMs },
          true,
          `only ${count} ${count === 1 ? 'request was' : 'requests were'} allowed in the last ${windowMs} ms, fewer than the limit of ${limit}`,
        );
        if (count === 0) firstRan = await executed();
        nowMs += random.int(1, Math.floor(windowMs / (2 * limit)));
      }
      const laterRan = (await executed()).slice(firstRan.length);
      const unguarded = unguardedWrites(firstRan, key);
      const laterWrites = laterRan.filter((command) => command.write && command.keys.includes(key));
      expect.ok(
        unguarded.length === 0 || unguardedWrites(laterRan, key).length === laterWrites.length,
        `the grading's first call of allow, ${callText(user, limit, windowMs, first)}, wrote ${key} outside a Lua script and outside a MULTI/EXEC guarded by WATCH ${key}, which the later calls do not; Redis ran: ${unguarded.map(shown).join('; ')}. Servers that start at the same moment all make a first call: it must count and add in one step like every later one`,
      );
      await expectAllow(
        context,
        { user, limit, windowMs, nowMs },
        false,
        `the ${limit} requests allowed since ${first} are all within the last ${windowMs} ms, which is the limit`,
      );
    },
  },
  {
    name: 'ratelimit:<user> is a sorted set of the allowed requests, scored by nowMs',
    async run(context) {
      const { call, sandboxClient, redis, random, expect } = context;
      const user = userOf(random);
      const key = keyOf(user);
      const limit = random.int(4, 9);
      const windowMs = random.int(10_000, 120_000);
      const times: number[] = [];
      let nowMs = startOf(random);
      for (let count = random.int(2, limit - 1); count > 0; count--) {
        times.push(nowMs);
        await call('allow', sandboxClient, user, limit, windowMs, nowMs);
        nowMs += random.int(1, 1000);
      }
      const calls = `${times.length} allowed calls of allow(redis, '${user}', ${limit}, ${windowMs}, nowMs)`;
      await expectSortedSet(context, key, calls);
      expect.equal(
        await scoresIn(redis, key),
        times.map(String),
        `the scores in ${key} (ZRANGE ${key} 0 -1 WITHSCORES) after ${calls} with nowMs = ${times.join(', ')}: one entry per allowed request, scored by its nowMs in milliseconds`,
      );

      // A limit of 1 is a limit like any other: the log is the same sorted set.
      const single = `${user}${random.word(2)}`;
      const singleKey = keyOf(single);
      await call('allow', sandboxClient, single, 1, windowMs, nowMs);
      const one = `one allowed call of ${callText(single, 1, windowMs, nowMs)}`;
      await expectSortedSet(context, singleKey, one);
      expect.equal(
        await scoresIn(redis, singleKey),
        [String(nowMs)],
        `the scores in ${singleKey} after ${one}: a limit of 1 keeps the same log as any other limit`,
      );

      // Another server's request, a few ms ahead of this one: this request is scored by its own
      // nowMs all the same, not moved after the newest entry.
      const behind = `${user}${random.word(3)}`;
      const behindKey = keyOf(behind);
      const ahead = nowMs + random.int(1, 5);
      await seedEntries(redis, random, behindKey, [ahead], windowMs);
      const returned = await call('allow', sandboxClient, behind, limit, windowMs, nowMs);
      const late = `${callText(behind, limit, windowMs, nowMs)} (which returned ${JSON.stringify(returned)}; one request counted, fewer than ${limit}) while ${behindKey} held another server's request at ${ahead}`;
      await expectSortedSet(context, behindKey, late);
      expect.equal(
        await scoresIn(redis, behindKey),
        [String(nowMs), String(ahead)],
        `the scores in ${behindKey} after ${late}: requests from two servers arrive a few ms apart in either order: allow the one behind when there is room, and score each by its own nowMs`,
      );
    },
  },
  {
    name: 'a request exactly windowMs old no longer counts; one a millisecond younger still does',
    async run(context) {
      const { redis, random, expect } = context;
      const user = userOf(random);
      const key = keyOf(user);
      const limit = random.int(2, 6);
      const windowMs = random.int(5_000, 90_000);
      const oldest = startOf(random);
      // The newest is another server's, a few ms ahead of the first call: it counts, and it does
      // not move that call's window forward.
      const ahead = oldest + windowMs - 1 + random.int(1, 5);
      const others = [
        ...Array.from({ length: limit - 2 }, (_, index) => oldest + 1 + index * 7),
        ahead,
      ];
      await seedEntries(redis, random, key, [oldest, ...others], windowMs);

      await expectAllow(
        context,
        { user, limit, windowMs, nowMs: oldest + windowMs - 1 },
        false,
        `the request at ${oldest} is ${windowMs - 1} ms old, still inside the window, and the one at ${ahead} (another server's, a few ms ahead) counts too, so ${limit} requests count, which is the limit: the window ends at this call's nowMs - windowMs, whatever the newest score`,
      );
      const after = await scoresIn(redis, key);
      expect.ok(
        after[0] === String(oldest),
        `the entry scored ${oldest} was ${windowMs - 1} ms old and still counts, but the refused call removed it (${key} now holds scores ${after.join(', ') || 'none'}): remove only scores at or before nowMs - windowMs`,
      );
      await expectAllow(
        context,
        { user, limit, windowMs, nowMs: oldest + windowMs },
        true,
        `the request at ${oldest} is now exactly ${windowMs} ms old, so it has left the window and only ${requests(limit - 1)} count: remove scores up to and including nowMs - windowMs (ZREMRANGEBYSCORE ${key} -inf ${oldest})`,
      );
    },
  },
  {
    name: 'every call removes the entries that have left the window, allowed or refused',
    async run(context) {
      const { redis, random, expect } = context;
      const user = userOf(random);
      const key = keyOf(user);
      const limit = random.int(2, 6);
      const windowMs = random.int(10_000, 90_000);
      const nowMs = startOf(random);
      const stale = (at: number) => [
        at - windowMs,
        ...Array.from({ length: random.int(1, 4) }, () => at - windowMs - random.int(1, windowMs)),
      ];
      // Young enough to stay in the window at `later` too, 1 to 50 ms on. One fewer than would
      // fill the window: old entries must go by score even when the set is no bigger than limit.
      const young = () => nowMs - random.int(1, windowMs - 100);
      const recent = Array.from({ length: limit - 2 }, young);
      await seedEntries(redis, random, key, [...stale(nowMs), ...recent], windowMs);

      const leftOver = async (at: number) =>
        (await scoresIn(redis, key)).filter((score) => Number(score) <= at - windowMs);

      await expectAllow(
        context,
        { user, limit, windowMs, nowMs },
        true,
        `${requests(limit - 2)} of the entries are within the last ${windowMs} ms; the others are ${windowMs} ms old or older and do not count`,
      );
      const afterAllowed = await leftOver(nowMs);
      expect.ok(
        afterAllowed.length === 0,
        `after ${callText(user, limit, windowMs, nowMs)}, ${key} still holds entries scored ${afterAllowed.join(', ')}, at or before ${nowMs - windowMs} (nowMs - windowMs): remove them with ZREMRANGEBYSCORE, or the set grows for as long as the user keeps coming`,
      );

      // Another server fills the window, and more stale entries appear, before a refusal.
      const later = nowMs + random.int(1, 50);
      await seedEntries(redis, random, key, [...stale(later), young()], windowMs);
      await expectAllow(
        context,
        { user, limit, windowMs, nowMs: later },
        false,
        `the ${limit} requests of the last ${windowMs} ms fill the window`,
      );
      const afterRefused = await leftOver(later);
      expect.ok(
        afterRefused.length === 0,
        `after the refused ${callText(user, limit, windowMs, later)}, ${key} still holds entries scored ${afterRefused.join(', ')}, at or before ${later - windowMs}: a refused call removes old entries too, before it counts`,
      );
    },
  },
  {
    name: 'refused requests are not recorded: a client that keeps trying gets through once the window has moved',
    async run(context) {
      const { redis, random, expect } = context;
      const user = userOf(random);
      const key = keyOf(user);
      const limit = random.int(2, 5);
      const windowMs = random.int(10_000, 60_000);
      const first = startOf(random);
      let nowMs = first;
      for (let count = 0; count < limit; count++) {
        await expectAllow(
          context,
          { user, limit, windowMs, nowMs },
          true,
          `only ${requests(count)} allowed in the last ${windowMs} ms, fewer than ${limit}`,
        );
        nowMs += random.int(1, Math.floor(windowMs / (4 * limit)));
      }
      const tries = random.int(3, 6);
      const step = Math.floor((first + windowMs - nowMs) / (tries + 1));
      for (let attempt = 0; attempt < tries; attempt++) {
        await expectAllow(
          context,
          { user, limit, windowMs, nowMs },
          false,
          `the ${limit} requests allowed since ${first} are within the last ${windowMs} ms`,
        );
        nowMs += step;
      }
      const held = await scoresIn(redis, key);
      expect.ok(
        held.length === limit,
        `after ${limit} allowed and ${tries} refused requests, ${key} holds ${held.length} entries (scores ${held.join(', ')}), expected the ${limit} allowed ones only: a refused request must not be added to the set, or a client that keeps trying while blocked stays blocked for ever`,
      );
      await expectAllow(
        context,
        { user, limit, windowMs, nowMs: first + windowMs },
        true,
        `the first request, at ${first}, has left the window, so only ${requests(limit - 1)} count; the ${tries} refused ones never count`,
      );
    },
  },
  {
    name: 'two requests in the same millisecond both count',
    async run(context) {
      const { redis, random, expect } = context;
      const user = userOf(random);
      const key = keyOf(user);
      const limit = random.int(2, 6);
      const windowMs = random.int(10_000, 120_000);
      const nowMs = startOf(random);
      for (let count = 0; count < limit; count++) {
        await expectAllow(
          context,
          { user, limit, windowMs, nowMs },
          true,
          `${requests(count)} allowed so far, all at ${nowMs}, fewer than ${limit}`,
        );
        const held = await redis.zcard(key);
        expect.ok(
          held === count + 1,
          `after ${count + 1} allowed requests, all at nowMs = ${nowMs}, ZCARD ${key} answers ${held}: each request needs a member of its own (a sorted set keeps a member once, and ZADD with the same member only moves it), e.g. nowMs joined to a random part`,
        );
      }
      await expectAllow(
        context,
        { user, limit, windowMs, nowMs },
        false,
        `${limit} requests were allowed at ${nowMs}, which is the limit`,
      );
    },
  },
  {
    name: 'the window slides: no more than limit requests in any windowMs, across a clock boundary too',
    async run(context) {
      const { redis, random } = context;
      const user = userOf(random);
      const limit = random.int(2, 5);
      const windowMs = random.int(5, 60) * 1000;
      // A multiple of windowMs, where a fixed window (Math.floor(nowMs / windowMs)) starts afresh.
      const boundary = (Math.floor(startOf(random) / windowMs) + 1) * windowMs;
      const first = boundary - random.int(limit, Math.floor(windowMs / 4));
      for (let count = 0; count < limit; count++) {
        await expectAllow(
          context,
          { user, limit, windowMs, nowMs: first + count },
          true,
          `only ${requests(count)} allowed in the last ${windowMs} ms`,
        );
      }
      const probe = boundary + random.int(0, Math.floor(windowMs / 4));
      await expectAllow(
        context,
        { user, limit, windowMs, nowMs: probe },
        false,
        `${limit} requests were allowed from ${first} to ${first + limit - 1}, less than ${windowMs} ms before ${probe}, even if ${boundary} is a round multiple of ${windowMs}: the window is the last ${windowMs} ms, not a slot of the clock`,
      );
      // The first request leaves the window; the other limit - 1 stay. One more fits, not two.
      const later = first + windowMs;
      await expectAllow(
        context,
        { user, limit, windowMs, nowMs: later },
        true,
        `the request at ${first} has left the window; ${limit - 1} remain`,
      );
      await expectAllow(
        context,
        { user, limit, windowMs, nowMs: later },
        false,
        `the ${requests(limit - 1)} from ${first + 1} to ${first + limit - 1} and the one just allowed at ${later} are all within the last ${windowMs} ms: only the entries that have left the window go, not the whole set`,
      );
      // The user's plan changes: a call counts against the limit it is given, not an earlier one.
      await expectAllow(
        context,
        { user, limit: limit + 1, windowMs, nowMs: later },
        true,
        `${limit} requests count, fewer than this call's limit of ${limit + 1}: use the limit each call passes, not one remembered from an earlier call`,
      );
      // This module let every request of the window through itself: still, the set decides.
      await redis.del(keyOf(user));
      await expectAllow(
        context,
        { user, limit, windowMs, nowMs: later },
        true,
        `${keyOf(user)} was deleted (an administrator lifted the limit), so no request counts, although this server let ${limit + 1} requests of the last ${windowMs} ms through itself: read the count from Redis on every call, not from your program's memory`,
      );
    },
  },
  {
    name: "every call reads the window from Redis, where other servers' requests count at once",
    async run(context) {
      const { redis, random, expect } = context;
      const user = userOf(random);
      const key = keyOf(user);
      // A big limit: code that caps the log (at 50 entries, say) lets every request through.
      const limit = random.int(60, 150);
      const windowMs = random.int(10_000, 120_000);
      const nowMs = startOf(random);
      await expectAllow(context, { user, limit, windowMs, nowMs }, true, 'the window is empty');

      // Other servers of the same application let this user's requests through meanwhile.
      const theirs = Array.from({ length: limit - 2 }, (_, index) => nowMs - index * 3);
      await seedEntries(redis, random, key, theirs, windowMs);
      await expectAllow(
        context,
        { user, limit, windowMs, nowMs: nowMs + 1 },
        true,
        `other servers added ${limit - 2} requests to ${key} after your first call, so ${limit - 1} count, one fewer than the limit of ${limit}`,
      );
      await expectAllow(
        context,
        { user, limit, windowMs, nowMs: nowMs + 1 },
        false,
        `${limit - 2} requests of other servers and your 2 count, ${limit} in all, which is the limit: read the count from Redis on every call, not from your program's memory, and keep every entry that is still in the window, however many there are`,
      );

      await redis.del(key);
      await expectAllow(
        context,
        { user, limit, windowMs, nowMs: nowMs + 2 },
        true,
        `${key} was deleted (an administrator lifted the limit), so no request counts`,
      );
      expect.equal(
        await scoresIn(redis, key),
        [String(nowMs + 2)],
        `the scores in ${key} after it was deleted and one request was allowed at ${nowMs + 2}`,
      );
    },
  },
  {
    name: 'ratelimit:<user> expires windowMs after the last allowed request',
    async run(context) {
      const { redis, random, expect } = context;
      const user = userOf(random);
      const key = keyOf(user);
      const limit = random.int(3, 5);
      const windowMs = oddWindowOf(random, 10, 90);
      let nowMs = startOf(random);
      await expectAllowedExpiry(
        context,
        { user, limit, windowMs, nowMs },
        'the window is empty',
        'did not exist',
      );

      // Time passes on Redis's clock: the TTL runs down. The next allowed request sets it again,
      // whether most of the window is left (a refresh "only when it runs low" misses that one)
      // or little of it.
      const low = random.int(500, Math.floor(windowMs / 2));
      const high = windowMs - random.int(2100, 2600);
      nowMs += windowMs - low;
      for (let count = 1; count < limit; count++) {
        const left = count === 1 ? high : low;
        await redis.pexpire(key, left);
        await expectAllowedExpiry(
          context,
          { user, limit, windowMs, nowMs },
          `only ${requests(count)} allowed in the last ${windowMs} ms`,
          `had ${left} ms left to live`,
        );
        nowMs += 1;
      }

      // A window of months (a plan's monthly quota): an expiry capped at an hour, a day or a month
      // drops requests that still count. No cap past 90 days can be shown without a longer one.
      const monthly = `${user}${random.word(2)}`;
      const monthMs = oddWindowOf(random, 31 * 86_400, 90 * 86_400);
      await expectAllowedExpiry(
        context,
        { user: monthly, limit, windowMs: monthMs, nowMs },
        'the window is empty',
        'did not exist',
      );

      // Time passes again, to an expiry no allowed request would set: a refusal keeps it or sets
      // windowMs again, and anything else drops entries that still count (or keeps them too long).
      const kept = random.int(Math.floor(windowMs / 2) + 2500, windowMs - 2500);
      await redis.pexpire(key, kept);
      await expectAllow(
        context,
        { user, limit, windowMs, nowMs },
        false,
        `${limit} requests were allowed in the last ${windowMs} ms`,
      );
      const pttl = await redis.pttl(key);
      expect.ok(
        (pttl > kept - 2000 && pttl <= kept) || (pttl > windowMs - 2000 && pttl <= windowMs),
        `${key} had ${kept} ms left to live when ${callText(user, limit, windowMs, nowMs)} was refused; afterwards PTTL ${key} answers ${pttl}, expected about ${kept} (the expiry left as it was) or ${windowMs - 2000} to ${windowMs} (set again to windowMs). ${pttl === -2 ? 'The refused call deleted the set, and the requests that still count with it' : pttl === -1 ? 'The set no longer expires' : 'An earlier expiry takes the requests that still count with it when it runs out, so the client gets a fresh limit'}: on a refusal, leave the expiry alone or PEXPIRE ${key} ${windowMs}`,
      );
    },
  },
  {
    name: 'allow changes ratelimit:<user> only, and finds it by its name',
    logExecuted: true,
    async run(context) {
      const { redis, random, expect, decoys, snapshot, diff, executed } = context;
      const user = userOf(random);
      const key = keyOf(user);
      const limit = random.int(2, 5);
      const windowMs = random.int(10_000, 90_000);
      const nowMs = startOf(random);
      // Other users' windows, with old entries a global clean-up would remove.
      await decoys(user, 3, (other) =>
        seedEntries(
          redis,
          random,
          keyOf(other),
          [nowMs - windowMs - random.int(0, 5000), nowMs - random.int(1, windowMs - 1)],
          windowMs,
        ),
      );
      await redis.set(`rate:${user}`, random.int(1, 9), 'EX', 60);
      await seedEntries(redis, random, key, [nowMs - windowMs - 10, nowMs - 5], windowMs);

      const before = await snapshot();
      await expectAllow(
        context,
        { user, limit, windowMs, nowMs },
        true,
        `one request counts, fewer than ${limit}`,
      );
      const changes = diff(before, await snapshot());
      const elsewhere = changes.outside([key]);
      expect.ok(
        elsewhere.length === 0,
        `${callText(user, limit, windowMs, nowMs)} may change ${key} only, but it also ${changes.describe(elsewhere)}`,
      );

      // A user seen for the first time: code that tidies up "when a set is new" does it here.
      const [newcomer = `${user}x`] = await decoys(user, 1, async () => undefined);
      const newKey = keyOf(newcomer);
      const beforeNew = await snapshot();
      await expectAllow(
        context,
        { user: newcomer, limit, windowMs, nowMs },
        true,
        `${newKey} did not exist, so no request counts`,
      );
      const newChanges = diff(beforeNew, await snapshot());
      const elsewhereNew = newChanges.outside([newKey]);
      expect.ok(
        elsewhereNew.length === 0,
        `${callText(newcomer, limit, windowMs, nowMs)}, for a user with no ${newKey} yet, may create ${newKey} only, but it also ${newChanges.describe(elsewhereNew)}`,
      );

      // A refused call: code that tidies up "while the user waits" does it here.
      await seedEntries(
        redis,
        random,
        key,
        Array.from({ length: limit }, (_, index) => nowMs - 1 - index),
        windowMs,
      );
      const beforeRefused = await snapshot();
      await expectAllow(
        context,
        { user, limit, windowMs, nowMs },
        false,
        `more than ${limit} requests count, so the window is full`,
      );
      const refusedChanges = diff(beforeRefused, await snapshot());
      const elsewhereRefused = refusedChanges.outside([key]);
      expect.ok(
        elsewhereRefused.length === 0,
        `${callText(user, limit, windowMs, nowMs)}, refused, may change ${key} only, but it also ${refusedChanges.describe(elsewhereRefused)}`,
      );

      const ran = await executed();
      const searches = ran.filter((command) => SEARCHES.has(command.name));
      expect.ok(
        searches.length === 0,
        `allow knows its key, ${key}: use it by its name. KEYS and SCAN walk every key in Redis (KEYS blocking every other client while it does); Redis ran: ${searches.map(shown).join('; ')}`,
      );
      const writes = writesOutside(ran, new Set([key, newKey]));
      expect.ok(
        writes.length === 0,
        `${callText(user, limit, windowMs, nowMs)} and ${callText(newcomer, limit, windowMs, nowMs)} may write ${key} and ${newKey} only, but Redis ran: ${writes.map(shown).join('; ')}. A key made and deleted within the call (a lock, say) is a write too: a Lua script, or WATCH with MULTI/EXEC, makes the decision one step without one`,
      );
    },
  },
  {
    name: 'two requests at the same time with room for one: exactly one gets through',
    async run({ race, sandboxClient, redis, random, expect }) {
      const user = userOf(random);
      const key = keyOf(user);
      // A big limit and a time like this moment's own, where a real server's requests crowd:
      // code that takes "a faster path" for either meets two requests at once there.
      const limit = random.int(10, 120);
      const windowMs = random.int(10_000, 90_000);
      const nowMs = Date.now() - random.int(0, 1000);
      const earlier = Array.from({ length: limit - 1 }, (_, index) => nowMs - 1 - index * 11);
      await race({
        calls: [
          ['allow', sandboxClient, user, limit, windowMs, nowMs],
          ['allow', sandboxClient, user, limit, windowMs, nowMs],
        ],
        labels: [`allow(${user}) #1`, `allow(${user}) #2`],
        setup: async () => {
          await seedEntries(redis, random, key, earlier, windowMs);
        },
        verify: async (results) => {
          const allowed = results.filter((result) => result.returned === true).length;
          const held = await scoresIn(redis, key);
          expect.ok(
            allowed === 1 && held.length === limit && held.includes(String(nowMs)),
            `${key} held ${requests(limit - 1)} of the last ${windowMs} ms, room for one more under the limit of ${limit}; two ${callText(user, limit, windowMs, nowMs)} at the same time returned ${results.map(outcome).join(' and ')}, and ${key} holds ${held.length} entries (${held.includes(String(nowMs)) ? `${held.filter((score) => score === String(nowMs)).length} scored ${nowMs}` : `none scored ${nowMs}`}). Exactly one may get through: the count and the add must happen as one step (a Lua script, or WATCH with MULTI/EXEC), or both calls can count ${limit - 1} before either adds.`,
          );
        },
      });
    },
  },
  {
    name: "another server's writes between a call's count and its add: still no more than limit, and no refusal while there is room",
    async run({ race, sandboxClient, redis, random, expect }) {
      const user = userOf(random);
      const key = keyOf(user);
      const limit = random.int(2, 6);
      const windowMs = random.int(10_000, 90_000);
      const nowMs = currentOf(random);
      const earlier = Array.from({ length: limit - 1 }, (_, index) => nowMs - 1 - index * 11);
      const touch = ['PEXPIRE', key, String(windowMs)];
      const base = {
        calls: [['allow', sandboxClient, user, limit, windowMs, nowMs]],
        labels: [`allow(${user})`],
        setup: async () => {
          await seedEntries(redis, random, key, earlier, windowMs);
        },
      } as const;
      // A write that changes no count makes a WATCHed EXEC fail; the retry must be watched too,
      // or another server's request that lands before its EXEC goes unseen.
      await race({
        ...base,
        interject: [
          touch,
          [
            'EVAL',
            OTHER_SERVER,
            '1',
            key,
            String(nowMs),
            String(windowMs),
            String(limit),
            `${nowMs}-other`,
          ],
        ],
        verify: async ([result], steps) => {
          const [theirs] = otherServers(steps);
          const held = await scoresIn(redis, key);
          expect.ok(
            [result.returned === true, theirs === 1].filter(Boolean).length === 1 &&
              held.length === limit,
            `${key} held ${requests(limit - 1)} of the last ${windowMs} ms, room for one more under the limit of ${limit}; while ${callText(user, limit, windowMs, nowMs)} ran, another server set the expiry again and then let its own request through with a script, in one step ("grader" in the table, which answered ${JSON.stringify(theirs)}). allow returned ${outcome(result)}, and ${key} holds ${held.length} entries (scores ${held.join(', ')}): exactly one of the two requests may get through. With WATCH, send it again at the start of every try: EXEC, even one that fails, ends the WATCH, so an unwatched retry counts and adds in two steps.`,
          );
        },
      });
      // Writes that change no count, one per try: a call with room must keep trying until it
      // gets in, however many tries that takes.
      await race({
        ...base,
        interject: [touch, touch],
        verify: async ([result]) => {
          const held = await scoresIn(redis, key);
          expect.ok(
            result.returned === true && held.length === limit,
            `${key} held ${requests(limit - 1)} of the last ${windowMs} ms, room for one more under the limit of ${limit}; while ${callText(user, limit, windowMs, nowMs)} ran, other servers set the expiry of ${key} again twice, adding nothing ("grader" in the table). allow returned ${outcome(result)}, and ${key} holds ${held.length} ${held.length === 1 ? 'entry' : 'entries'} (scores ${held.join(', ')}): the request had room and must be allowed. A WATCH retry loop may not give up after a few tries: retry until EXEC succeeds or the window is full.`,
          );
        },
      });
    },
  },
  {
    name: "two servers' requests in the same millisecond are both recorded",
    async run({ race, sandboxClient, redis, random, expect }) {
      const user = userOf(random);
      const key = keyOf(user);
      const limit = random.int(2, 6);
      const windowMs = random.int(10_000, 90_000);
      const nowMs = startOf(random);
      const earlier = Array.from({ length: limit - 2 }, (_, index) => nowMs - 1 - index * 13);
      await race({
        calls: [
          ['allow', sandboxClient, user, limit, windowMs, nowMs],
          ['allow', sandboxClient, user, limit, windowMs, nowMs],
        ],
        labels: [`allow(${user}) on server A`, `allow(${user}) on server B`],
        setup: async () => {
          await seedEntries(redis, random, key, earlier, windowMs);
        },
        verify: async (results) => {
          const held = await scoresIn(redis, key);
          const atNow = held.filter((score) => score === String(nowMs)).length;
          expect.ok(
            results.every((result) => result.returned === true) && atNow === 2,
            `${key} held ${requests(limit - 2)}, room for two more under the limit of ${limit}; two ${callText(user, limit, windowMs, nowMs)} from two servers (each with its own copy of your module) returned ${results.map(outcome).join(' and ')}, and ${key} holds ${atNow} ${atNow === 1 ? 'entry' : 'entries'} scored ${nowMs}, expected 2. Members must be unique across servers too: a counter in your module starts at the same value in every process; draw a random part (randomUUID) instead.`,
          );
        },
      });
    },
  },
  {
    name: 'a refused request never counts against another, not even for a moment',
    async run({ race, sandboxClient, redis, random, expect }) {
      const user = userOf(random);
      const key = keyOf(user);
      const limit = random.int(2, 5);
      const windowMs = random.int(10_000, 90_000);
      const late = startOf(random);
      const oldest = late - windowMs; // gone for the later request, still counted by the earlier one
      const early = late - random.int(1, 50);
      const others = Array.from({ length: limit - 1 }, (_, index) => early - index * 17);
      await race({
        calls: [
          ['allow', sandboxClient, user, limit, windowMs, early],
          ['allow', sandboxClient, user, limit, windowMs, late],
        ],
        labels: [`allow(${user}, now ${early})`, `allow(${user}, now ${late})`],
        setup: async () => {
          await seedEntries(redis, random, key, [oldest, ...others], windowMs);
        },
        verify: async ([earlier, later]) => {
          const held = await scoresIn(redis, key);
          const expected = [...others.map(String), String(late)].sort(
            (a, b) => Number(a) - Number(b),
          );
          expect.ok(
            earlier.returned === false &&
              later.returned === true &&
              JSON.stringify(held) === JSON.stringify(expected),
            `${key} held ${limit} requests, the oldest at ${oldest}. At ${early} all ${limit} count, so ${callText(user, limit, windowMs, early)} must be refused; at ${late} the oldest has left the window, so ${callText(user, limit, windowMs, late)} must be allowed, whichever runs first (an entry newer than nowMs counts too). They returned ${outcome(earlier)} and ${outcome(later)}, and ${key} holds scores ${held.join(', ') || 'none'}, expected ${expected.join(', ')}. ${
              earlier.returned === true
                ? `The request at ${early} was allowed although ${limit} requests count for it: the other call removed the entry at ${oldest} (stale for ${late}, not for ${early}) before this one counted. Remove, count and add in one step: all in one Lua script, or the clean-up inside MULTI after WATCH.`
                : later.returned === false
                  ? `The request at ${late} was refused although its window holds only ${requests(limit - 1)}: it counted an entry that was in the set for a moment only. A request that is added and removed again when it turns out to be over the limit is counted by any request that looks in between: decide before you add.`
                  : 'Remove only the entries at or before nowMs - windowMs, and add only an allowed request.'
            }`,
          );
        },
      });
    },
  },
];

export default checks;
