import type Redis from 'ioredis';
import type {
  CheckContext,
  CheckList,
  ExecutedCommand,
  Expect,
  RaceOutcome,
  RaceStepView,
  Random,
  TtlWindow,
} from '../../grader/checks/api.ts';

interface Exports {
  acquire(redis: Redis, name: string, ttlMs: number): Promise<string | null>;
  release(redis: Redis, name: string, token: string): Promise<boolean>;
  extend(redis: Redis, name: string, token: string, ttlMs: number): Promise<boolean>;
}

type Context = CheckContext<Exports>;

/** The fewest random bytes a token must hold; a UUID's 122 random bits count as enough. */
const MIN_TOKEN_BYTES = 16;
const JOBS = ['report', 'backup', 'invoices', 'sitemap', 'payouts', 'reindex', 'digest'];

const lockKey = (name: string) => `lock:${name}`;
const nameOf = (random: Random) => `${random.pick(JOBS)}-${random.word(random.int(4, 6))}`;
/**
 * A name with capitals, a space and a letter beyond ASCII: the key is lock:<name> as given, so
 * code that lower-cases, trims or otherwise normalises the name misses it.
 */
const shapedNameOf = (random: Random) => {
  const job = random.pick(JOBS);
  return `${job[0]?.toUpperCase()}${job.slice(1)} ${random.word(random.int(4, 6))}-é`;
};
/** A token of another holder, shaped like randomUUID()'s. */
const holderToken = (random: Random) => random.id('3f2b9c1e-7d4a-4e8b-9a61-0c5d2e8f4b17');

/**
 * A TTL in milliseconds that is no whole number of seconds: 500 to 800 ms past a second, so that
 * `EX` with the seconds rounded either way lands outside the window below.
 */
const ttlOf = (random: Random) => ttlOfSeconds(random, 5, 90);
/** Such a TTL from `min` to `max` whole seconds, 500 to 800 ms past one. */
function ttlOfSeconds(random: Random, min: number, max: number): number {
  return random.int(min, max) * 1000 + random.int(500, 800);
}
/** PX ttlMs, read back by the grader a moment later: a little under ttlMs, never over. */
const ttlWindow = (ttlMs: number): TtlWindow => ({ minMs: ttlMs - 450, maxMs: ttlMs });
/** Another holder's TTL: shorter than any ttlMs the checks pass, so that the two can be told apart. */
const holderTtlOf = (random: Random) => random.int(2_000, 4_500);

/**
 * Tokens that are not `token` but look like it: empty, in capitals, its first block with the rest
 * another's, its first half, and all of it but the last character changed. A token is compared
 * whole, as is: code that matches a part, a pattern or another case takes a lock it does not hold.
 */
function lookAlikes(random: Random, token: string): string[] {
  const last = token.at(-1) === 'a' ? 'b' : 'a';
  return [
    '',
    token.toUpperCase(),
    `${token.slice(0, 8)}${random.id(token.slice(8))}`,
    token.slice(0, Math.floor(token.length / 2)),
    `${token.slice(0, -1)}${last}`,
  ].filter((alike) => alike !== token);
}

/** What Redis holds under `key`, as a failure message says it. */
async function lockState(redis: Redis, key: string): Promise<string> {
  const [type, value, pttl] = await Promise.all([
    redis.type(key),
    redis.get(key).catch(() => null),
    redis.pttl(key),
  ]);
  if (type === 'none') return `${key} does not exist`;
  if (type !== 'string') return `${key} is a ${type}, not a string`;
  const ttl = pttl === -1 ? 'no TTL' : `PTTL ${pttl} ms`;
  return `${key} holds "${value}" with ${ttl}`;
}

async function keysHeld(redis: Redis): Promise<string> {
  const keys = (await redis.keys('*')).sort();
  return keys.length > 0 ? keys.join(', ') : 'no keys at all';
}

/** acquire must hand back a token before the lock can be looked at. */
function expectToken(expect: Expect, token: unknown, what: string): asserts token is string {
  expect.ok(
    typeof token === 'string' && token.length > 0,
    `${what} must return the new token, a non-empty string, when nobody holds the lock; it returned ${JSON.stringify(token)}`,
  );
}

const outcome = (result: RaceOutcome<unknown>) =>
  result.threw === undefined ? JSON.stringify(result.returned) : `threw "${result.threw}"`;

/**
 * The call's answer, held to what the grader saw when its one interjected command ran: `expected`
 * is true when the call had already done its work then (deleted or renewed the lock), false when
 * the lock changed hands first. A call that sent nothing could not have asked Redis.
 */
function expectAnswer(
  expect: Expect,
  steps: readonly RaceStepView[],
  returned: unknown,
  expected: boolean,
  call: string,
  key: string,
  token: string,
): void {
  const sent = steps.some(({ by, commands }) => by === 0 && commands.length > 0);
  expect.ok(
    sent,
    `${call} sent Redis no command, so it could not know whether ${key} still held "${token}": ` +
      "ask Redis who holds the lock, every time, not your program's memory",
  );
  expect.equal(
    returned,
    expected,
    expected
      ? `what ${call} returned when it had done its work before another worker took ${key}`
      : `what ${call} returned when another worker took ${key} before ${call} had done its work ` +
          '(an EXEC that answers null did nothing: look again, or return false)',
  );
}

/** What the grader's interjected command answered, or undefined when it has not run. */
function graderReply(steps: readonly RaceStepView[]): unknown {
  const look = steps.find(({ by }) => by === 'grader');
  return look?.reply && 'value' in look.reply ? look.reply.value : undefined;
}

/** Redis's clock, in Unix milliseconds: what PX and PEXPIRE count from. */
async function redisNow(redis: Redis): Promise<number> {
  const [seconds, micros] = await redis.time();
  return Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
}

/**
 * `key` must expire ttlMs after the command that set it, which Redis ran between `from` and
 * `to` (its own clock, read before and after the call): whatever the machine's load, a lock
 * set for less, or for more, lands outside. PX, PEXPIRE and PXAT from Redis's TIME pass alike.
 */
async function expectExpiry(
  expect: Expect,
  redis: Redis,
  key: string,
  ttlMs: number,
  from: number,
  to: number,
  what: string,
): Promise<void> {
  const at = Number(await redis.call('PEXPIRETIME', key));
  const [low, high] = [from + ttlMs - 1, to + ttlMs + 1];
  const off =
    at < low ? `${low + 1 - at} ms short of ttlMs` : at > high ? `${at - high + 1} ms over` : '';
  expect.ok(
    at >= low && at <= high,
    at < 0
      ? `${what}: ${await lockState(redis, key)}, but it must expire ${ttlMs} ms after it was set`
      : `${what}: ${key} must expire ${ttlMs} ms after the command that set it, which Redis ran ` +
          `${to - from} ms or less before the grader read PEXPIRETIME; it expires ${off}. Set ` +
          'exactly ttlMs with PX or PEXPIRE, no margin of your own',
  );
}

/** Look-alike locks of other jobs, each held by someone else. */
function otherLocks(context: Context, like: string): Promise<string[]> {
  const { decoys, redis, random } = context;
  return decoys(like, 3, (id) =>
    redis.set(lockKey(id), holderToken(random), 'PX', random.int(20_000, 60_000)),
  );
}

const DELETES = new Set(['del', 'unlink', 'getdel']);
const RENEWALS = new Set([
  'pexpire',
  'pexpireat',
  'expire',
  'expireat',
  'set',
  'psetex',
  'setex',
  'getex',
  'getset',
]);

/**
 * A write of `key` that nothing ties to the look at the token before it: sent on its own, or in
 * a MULTI/EXEC without a WATCH of the key (a transaction runs its commands together, but it does
 * not undo one whose look, a GET before the MULTI, is stale by then). A script's commands are
 * one EVAL step and not seen here. Said as Redis received it, or undefined when there is none.
 */
function loneWrite(
  steps: readonly RaceStepView[],
  key: string,
  writes: ReadonlySet<string>,
): string | undefined {
  let watching = false;
  let queuing = false;
  for (const { by, commands } of steps) {
    if (by !== 0) continue;
    for (const { name, args } of commands) {
      if (name === 'watch') watching ||= args.includes(key);
      else if (name === 'unwatch') watching = false;
      else if (name === 'multi') queuing = true;
      else if (name === 'exec' || name === 'discard') {
        queuing = false;
        watching = false;
      } else if (writes.has(name) && args[0] === key && !(queuing && watching)) {
        const text = [name.toUpperCase(), ...args].join(' ');
        return queuing ? `${text} in a MULTI/EXEC without a WATCH of ${key}` : `${text} on its own`;
      }
    }
  }
  return undefined;
}

/**
 * The same rule as loneWrite, on what Redis executed for one call run alone: a write of `key`
 * must come in a script that read the key before it, or in a MULTI/EXEC under a WATCH of the
 * key. A race's first interleaving runs each call alone, its harmful places unvisited, and
 * padding can keep the grader's SET before the look: judged here, the careless path shows
 * wherever it runs. Said as Redis executed it, or undefined when every write is guarded.
 */
function unguardedWrite(ran: readonly ExecutedCommand[], key: string): string | undefined {
  const watching = new Set<number | undefined>();
  const queuing = new Set<number | undefined>();
  let scriptRead = false;
  let looked = false;
  for (const command of ran) {
    const { name, args, keys, write, client, script } = command;
    const names = keys.includes(key);
    if (script !== undefined) {
      if (names && !write) scriptRead = true;
      else if (names && write && !scriptRead) {
        return `${listed([command])}, which read nothing of ${key} before it`;
      }
      continue;
    }
    scriptRead = false;
    if (names && !write) looked = true;
    if (name === 'watch') {
      if (args.includes(key)) watching.add(client);
    } else if (name === 'unwatch') watching.delete(client);
    else if (name === 'multi') queuing.add(client);
    else if (name === 'exec' || name === 'discard') {
      queuing.delete(client);
      watching.delete(client);
    } else if (names && write && !(queuing.has(client) && watching.has(client))) {
      return queuing.has(client)
        ? `${listed([command])} in a MULTI/EXEC without a WATCH of ${key}`
        : `${listed([command])} on its own${looked ? '' : ', with no look at the token at all'}`;
    }
  }
  return undefined;
}

/** Another worker takes the lock, and tells what it replaced: its PTTL, then its value. */
const TAKE_OVER = `-- another worker takes the lock
local left = redis.call('PTTL', KEYS[1])
local was = redis.call('GET', KEYS[1])
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return {left, was}`;

const SEARCHES = new Set(['keys', 'scan', 'randomkey']);

function listed(commands: readonly ExecutedCommand[]): string {
  if (commands.length === 0) return 'no commands';
  const shown = commands.slice(0, 10).map((command) => {
    const text = [command.name.toUpperCase(), ...command.args].join(' ').replace(/\s+/g, ' ');
    const short = text.length > 60 ? `${text.slice(0, 57)}…` : text;
    return command.script ? `${short} (in a script)` : short;
  });
  return commands.length > 10 ? `${shown.join('; ')}; …` : shown.join('; ');
}

const checks: CheckList<Exports> = [
  {
    name: 'acquire stores its token in lock:<name> and returns it',
    async run({ call, sandboxClient, redis, expect, random }) {
      const name = shapedNameOf(random);
      const key = lockKey(name);
      const token = await call('acquire', sandboxClient, name, ttlOf(random));
      expectToken(expect, token, `acquire(redis, '${name}', ttlMs)`);
      expect.ok(
        (await redis.exists(key)) === 1,
        `after acquire(redis, '${name}', ttlMs) there is no key ${key} (Redis holds: ${await keysHeld(redis)})`,
      );
      expect.equal(await redis.type(key), 'string', `TYPE ${key}`);
      expect.equal(
        await redis.get(key),
        token,
        `GET ${key}, compared with the token acquire returned (the lock must hold its holder's token, as is)`,
      );
    },
  },
  {
    name: 'the lock expires ttlMs milliseconds after acquire',
    async run({ call, sandboxClient, redis, expect, random, expectTtl }) {
      const name = nameOf(random);
      const key = lockKey(name);
      const ttlMs = ttlOf(random);
      const from = await redisNow(redis);
      const token = await call('acquire', sandboxClient, name, ttlMs);
      const to = await redisNow(redis);
      expectToken(expect, token, `acquire(redis, '${name}', ${ttlMs})`);
      expect.ok(
        (await redis.exists(key)) === 1,
        `after acquire(redis, '${name}', ${ttlMs}) there is no key ${key} (Redis holds: ${await keysHeld(redis)})`,
      );
      // ttlMs counts milliseconds: PX, not EX (which would make it 1000 times longer).
      await expectTtl(key, ttlWindow(ttlMs));
      // Exactly ttlMs, by Redis's clock: a "safety margin" off it shortens every lock.
      const what = `acquire(redis, '${name}', ${ttlMs})`;
      await expectExpiry(expect, redis, key, ttlMs, from, to, what);

      // The shortest locks and the longest the statement allows: the caller's ttlMs, however
      // short or long, not a floor or a cap of the program's (a floor past 1.8 s, a cap under
      // 115 s, fails here in every grading).
      for (const [each, eachMs] of [
        [nameOf(random), ttlOfSeconds(random, 1, 1)],
        [nameOf(random), ttlOfSeconds(random, 115, 119)],
      ] as const) {
        const eachFrom = await redisNow(redis);
        const eachToken = await call('acquire', sandboxClient, each, eachMs);
        const eachTo = await redisNow(redis);
        const eachWhat = `acquire(redis, '${each}', ${eachMs})`;
        expectToken(expect, eachToken, eachWhat);
        await expectTtl(lockKey(each), ttlWindow(eachMs));
        await expectExpiry(expect, redis, lockKey(each), eachMs, eachFrom, eachTo, eachWhat);
      }
    },
  },
  {
    name: 'every acquire draws a new token from node:crypto',
    async run({ call, sandboxClient, redis, expect, random, randomBytesIn, cameFromRandomness }) {
      const [name, otherName] = [nameOf(random), nameOf(random)];
      const first = await call('acquire', sandboxClient, name, ttlOf(random));
      expectToken(expect, first, `acquire(redis, '${name}', ttlMs)`);
      await redis.del(lockKey(name)); // the lock expired: the next holder needs a token of its own
      const second = await call('acquire', sandboxClient, name, ttlOf(random));
      expectToken(
        expect,
        second,
        `acquire(redis, '${name}', ttlMs) once ${lockKey(name)} had expired`,
      );
      const third = await call('acquire', sandboxClient, otherName, ttlOf(random));
      expectToken(expect, third, `acquire(redis, '${otherName}', ttlMs)`);
      const tokens = [first, second, third];
      expect.ok(
        new Set(tokens).size === 3,
        `three acquires returned the tokens ${tokens.map((t) => `"${t}"`).join(', ')}: every holder ` +
          `needs a token of its own, or an earlier holder of ${lockKey(name)} could release the next one's lock`,
      );
      for (const token of tokens) {
        expect.ok(
          cameFromRandomness(token),
          `the token "${token}" holds no value drawn from node:crypto: a token made from the clock, ` +
            'Math.random(), a counter or the lock name (even hashed) can be guessed or repeated. ' +
            `Use randomUUID(), or randomBytes(${MIN_TOKEN_BYTES}) in hex or base64url`,
        );
        const bytes = randomBytesIn(token);
        expect.ok(
          bytes >= MIN_TOKEN_BYTES,
          `the token "${token}" holds only ${bytes} bytes of randomness: two holders could draw the ` +
            `same one. Use randomUUID(), or at least randomBytes(${MIN_TOKEN_BYTES})`,
        );
        // A draw another token holds too is known to that holder: with a counter beside it, the
        // earlier holder of a lock can work out the next one's token.
        const others = tokens.filter((other) => other !== token);
        expect.ok(
          randomBytesIn(token, others) >= MIN_TOKEN_BYTES,
          `the tokens ${tokens.map((t) => `"${t}"`).join(', ')} share a random value: whoever held one ` +
            'lock can work out the token of the next holder. Draw a new value with randomUUID() or ' +
            'randomBytes() for every acquire, and make the token of it alone',
        );
      }
    },
  },
  {
    name: 'acquire returns null and leaves a held lock alone, then takes it once it is gone',
    async run({ call, race, sandboxClient, redis, expect, random, snapshot, diff }) {
      const name = nameOf(random);
      const key = lockKey(name);
      const holder = holderToken(random);
      // acquire answers at once: a held lock means null now, not a wait for it to free up. In a
      // race, any timer the call waits on fires as a step of its own.
      await race({
        calls: [['acquire', sandboxClient, name, ttlOf(random)]],
        labels: [`acquire('${name}')`],
        setup: async () => {
          await redis.set(key, holder, 'PX', 30_000);
        },
        verify: async ([result], steps) => {
          const timers = steps.filter((step) => step.by === 0 && step.commands.length === 0);
          expect.ok(
            result.threw === undefined && result.returned === null && timers.length === 0,
            `acquire('${name}') while ${key} was held returned ${outcome(result)}` +
              `${timers.length > 0 ? `, after waiting on a timer ${timers.length} time${timers.length === 1 ? '' : 's'}` : ''}: ` +
              'it must return null at once, without waiting for the lock to free up',
          );
        },
      });

      // Held is held: a lock about to expire, and one with no expiry at all (an operator's, or an
      // older program's), belong to their holders as much as one with a minute left.
      const dying = nameOf(random);
      const forever = nameOf(random);
      const dyingMs = random.int(900, 1_500);
      const held: [string, string][] = [
        [dying, `with ${dyingMs} ms left`],
        [forever, 'with no expiry'],
        [name, 'with tens of seconds left'],
      ];
      await redis.set(lockKey(dying), holderToken(random), 'PX', dyingMs);
      await redis.set(lockKey(forever), holderToken(random));
      await redis.set(key, holder, 'PX', random.int(20_000, 60_000));
      const before = await snapshot();
      for (const [each, how] of held) {
        const refused = await call('acquire', sandboxClient, each, ttlOf(random));
        expect.equal(
          refused,
          null,
          `acquire(redis, '${each}', ttlMs) while ${lockKey(each)} held another holder's token ${how}`,
        );
      }
      const changes = diff(before, await snapshot());
      expect.ok(
        changes.changes.length === 0,
        `acquire must change nothing while another holder has the lock, but it ${changes.describe(changes.changes)}` +
          " (an EXPIRE or PEXPIRE sent after a SET NX that failed moves the holder's expiry; a lock " +
          'close to its end, or with no TTL, is still held)',
      );

      // A lock in its last fraction of a second is held too. It may run out while acquire works
      // on a loaded machine, and then taking it is right: so judge by Redis's clock when the new
      // lock was set (its expiry less ttlMs), against when the holder's was due to end, less 50 ms
      // for a PXAT counted from a TIME that Redis answered a moment before the SET.
      const brink = nameOf(random);
      const brinkKey = lockKey(brink);
      const brinkTtl = ttlOf(random);
      await redis.set(brinkKey, holderToken(random), 'PX', random.int(150, 250));
      const due = Number(await redis.call('PEXPIRETIME', brinkKey));
      const taken = await call('acquire', sandboxClient, brink, brinkTtl);
      if (taken !== null) {
        const setAt = Number(await redis.call('PEXPIRETIME', brinkKey)) - brinkTtl;
        expect.ok(
          setAt >= due - 50,
          `acquire(redis, '${brink}', ${brinkTtl}) returned ${JSON.stringify(taken)} while ` +
            `${brinkKey} was still held by another worker, ${due - setAt} ms before its lock was due ` +
            'to expire: a lock about to expire is held until it is gone (its holder may be extending ' +
            'it); SET … NX takes it only once Redis has let it go',
        );
      }

      await redis.del(key); // the holder released it, or it expired
      const ttlMs = ttlOf(random);
      const token = await call('acquire', sandboxClient, name, ttlMs);
      expectToken(expect, token, `acquire(redis, '${name}', ${ttlMs}) after ${key} was deleted`);
      expect.equal(
        await redis.get(key),
        token,
        `GET ${key} after the second acquire (ask Redis every time: the lock may have gone since the last call)`,
      );
      // This program holds it now: another acquire of its own is refused like anyone's.
      const again = await call('acquire', sandboxClient, name, ttlMs);
      expect.ok(
        again === null && (await redis.get(key)) === token,
        `acquire(redis, '${name}', ${ttlMs}) returned "${token}"; a second acquire of '${name}' while ` +
          `that lock was still held returned ${JSON.stringify(again)}, and ${await lockState(redis, key)}. ` +
          'It must return null: two jobs of the same program would otherwise run side by side',
      );
    },
  },
  {
    name: 'of two acquires at the same time, exactly one gets the lock',
    async run({ race, sandboxClient, redis, expect, random }) {
      const name = nameOf(random);
      const key = lockKey(name);
      const ttlMs = ttlOf(random);
      await race({
        calls: [
          ['acquire', sandboxClient, name, ttlMs],
          ['acquire', sandboxClient, name, ttlMs],
        ],
        labels: [`acquire('${name}') #1`, `acquire('${name}') #2`],
        verify: async (results) => {
          const winners = results.filter((r) => typeof r.returned === 'string');
          const losers = results.filter((r) => r.threw === undefined && r.returned === null);
          const [held, pttl] = await Promise.all([redis.get(key), redis.pttl(key)]);
          expect.ok(
            winners.length === 1 && losers.length === 1 && held === winners[0]?.returned,
            `${key} was free, and two workers asked for it at the same time: exactly one must get a ` +
              `token, the other null; they returned ${results.map(outcome).join(' and ')}, and ` +
              `${await lockState(redis, key)}.${
                winners.length > 1
                  ? ' Checking whether the key exists and then writing it lets both in: take the lock with one SET … NX'
                  : ''
              }`,
          );
          expect.ok(
            pttl > 0 && pttl <= ttlMs,
            `after the two acquires ${await lockState(redis, key)}: it must expire within ${ttlMs} ms`,
          );
        },
      });
    },
  },
  {
    name: 'the lock never exists without its expiry, not even between two commands',
    async run({ race, sandboxClient, redis, expect, random }) {
      const name = nameOf(random);
      const key = lockKey(name);
      const ttlMs = ttlOf(random);
      await race({
        calls: [['acquire', sandboxClient, name, ttlMs]],
        labels: [`acquire('${name}', ${ttlMs})`],
        interject: [['PTTL', key]],
        verify: async ([result], steps) => {
          expect.ok(result.threw === undefined, `acquire threw: ${result.threw}`);
          const look = steps.find(({ by }) => by === 'grader');
          const seen = look?.reply && 'value' in look.reply ? Number(look.reply.value) : undefined;
          expect.ok(
            seen !== -1,
            `another client looked at ${key} between acquire's commands and found it with no TTL ` +
              `(PTTL ${key} answered -1). A worker that crashes at that moment leaves a lock that ` +
              'never ends: set the value, NX and the expiry in one SET command',
          );
          const pttl = await redis.pttl(key);
          expect.ok(
            pttl > 0 && pttl <= ttlMs,
            `acquire(redis, '${name}', ${ttlMs}) found the lock free, and must take it for ${ttlMs} ms; ` +
              `afterwards ${await lockState(redis, key)}`,
          );
        },
      });
    },
  },
  {
    name: 'release deletes the lock it holds the token of, and returns true',
    // The grading's first release: what it ran must be as atomic as every later one.
    logExecuted: true,
    async run(context) {
      const { call, sandboxClient, redis, expect, random, snapshot, diff, executed } = context;
      // A lock taken with acquire, then one taken by another process of the same program: the
      // holder is whoever Redis says it is, not whoever this module remembers.
      const name = nameOf(random);
      const key = lockKey(name);
      const token = await call('acquire', sandboxClient, name, ttlOf(random));
      expectToken(expect, token, `acquire(redis, '${name}', ttlMs)`);
      const acquired = (await executed()).length;
      const released = await call('release', sandboxClient, name, token);
      expect.equal(
        released,
        true,
        `release(redis, '${name}', token) right after acquire returned that token`,
      );
      expect.equal(await redis.exists(key), 0, `EXISTS ${key} after release`);
      const ran = (await executed()).slice(acquired);
      const unguarded = unguardedWrite(ran, key);
      expect.ok(
        unguarded === undefined,
        `release(redis, '${name}', token) ran ${unguarded}: nothing ties this delete to the look ` +
          'at the token, so the lock can expire and another worker take it in between, and the ' +
          `delete removes their lock. Compare and delete in one Lua script (Redis ran: ${listed(ran)})`,
      );

      const seededName = shapedNameOf(random);
      const seededKey = lockKey(seededName);
      const seeded = holderToken(random);
      await redis.set(seededKey, seeded, 'PX', random.int(20_000, 60_000));
      await otherLocks(context, seededName);
      const before = await snapshot();
      const again = await call('release', sandboxClient, seededName, seeded);
      expect.equal(
        again,
        true,
        `release(redis, '${seededName}', '${seeded}') when ${seededKey} held "${seeded}", put there by ` +
          "another process of your program (read the holder from Redis, not from your program's memory)",
      );
      const changes = diff(before, await snapshot());
      expect.ok(
        changes.deleted.includes(seededKey),
        `release must delete ${seededKey}, which held its token; ${await lockState(redis, seededKey)}`,
      );
      const elsewhere = changes.outside([seededKey]);
      expect.ok(
        elsewhere.length === 0,
        `release('${seededName}') may delete ${seededKey} only, but it also ${changes.describe(elsewhere)}`,
      );

      // A lock with no expiry that holds the token is its holder's to release all the same.
      const bare = nameOf(random);
      const bareKey = lockKey(bare);
      const bareToken = holderToken(random);
      await redis.set(bareKey, bareToken);
      const freed = await call('release', sandboxClient, bare, bareToken);
      expect.ok(
        freed === true && (await redis.exists(bareKey)) === 0,
        `release(redis, '${bare}', '${bareToken}') when ${bareKey} held that token with no expiry returned ${JSON.stringify(freed)}, and ${await lockState(redis, bareKey)}: a lock with no TTL is held by whoever holds its token, and they may release it`,
      );
    },
  },
  {
    name: "release with a token that is not the holder's returns false and changes nothing",
    async run({ call, sandboxClient, redis, expect, random, snapshot, diff }) {
      const name = nameOf(random);
      const key = lockKey(name);
      const holder = holderToken(random);
      const stranger = random.id(holder);
      await redis.set(key, holder, 'PX', random.int(20_000, 60_000));
      // A lock with no expiry (an operator's, or an older program's) is held all the same.
      const stuck = nameOf(random);
      const stuckHolder = holderToken(random);
      await redis.set(lockKey(stuck), stuckHolder);
      const missing = nameOf(random);
      const before = await snapshot();
      const refused = await call('release', sandboxClient, name, stranger);
      expect.equal(
        refused,
        false,
        `release(redis, '${name}', '${stranger}') when ${key} holds another token, "${holder}"`,
      );
      const kept = await call('release', sandboxClient, stuck, stranger);
      expect.equal(
        kept,
        false,
        `release(redis, '${stuck}', '${stranger}') when ${lockKey(stuck)} holds another token, ` +
          `"${stuckHolder}", with no expiry`,
      );
      const gone = await call('release', sandboxClient, missing, stranger);
      expect.equal(
        gone,
        false,
        `release(redis, '${missing}', token) when ${lockKey(missing)} does not exist`,
      );
      for (const alike of lookAlikes(random, holder)) {
        const lookalike = await call('release', sandboxClient, name, alike);
        expect.equal(
          lookalike,
          false,
          `release(redis, '${name}', ${JSON.stringify(alike)}) when ${key} holds "${holder}" (compare the whole token, as is: not a part of it, a pattern, or without regard to case)`,
        );
      }
      const changes = diff(before, await snapshot());
      expect.ok(
        changes.changes.length === 0,
        `a release with the wrong token must change nothing, but it ${changes.describe(changes.changes)}` +
          ` (compare the token with GET before you delete)`,
      );

      // Our lock expired while we worked, and another worker took it: our old token must not free it.
      const ours = nameOf(random);
      const ourKey = lockKey(ours);
      const token = await call('acquire', sandboxClient, ours, ttlOf(random));
      expectToken(expect, token, `acquire(redis, '${ours}', ttlMs)`);
      const next = holderToken(random);
      await redis.set(ourKey, next, 'PX', random.int(20_000, 60_000));
      const late = await call('release', sandboxClient, ours, token);
      expect.ok(
        late === false && (await redis.get(ourKey)) === next,
        `acquire('${ours}') returned "${token}"; then that lock expired and another worker took ` +
          `${ourKey} with "${next}". release(redis, '${ours}', '${token}') returned ${JSON.stringify(late)}, ` +
          `and ${await lockState(redis, ourKey)}: it must return false and leave the new holder's lock`,
      );
    },
  },
  {
    name: 'release never deletes a lock that another holder took in the meantime',
    async run({ race, sandboxClient, redis, expect, random }) {
      const name = nameOf(random);
      const key = lockKey(name);
      const token = holderToken(random);
      const next = random.id(token);
      const nextTtl = random.int(20_000, 60_000);
      await race({
        calls: [['release', sandboxClient, name, token]],
        labels: [`release('${name}', its token)`],
        setup: async () => {
          await redis.set(key, token, 'PX', 30_000);
        },
        // Between any two of release's commands, the lock may expire and another worker take it.
        // GET tells what the SET replaced: the token (release had not deleted it yet) or nothing.
        interject: [['SET', key, next, 'PX', String(nextTtl), 'GET']],
        verify: async ([result], steps) => {
          expect.ok(result.threw === undefined, `release threw: ${result.threw}`);
          // A DEL on its own is never atomic with the look before it, however many other
          // commands keep the two apart in this race: judge it where it stands.
          const lone = loneWrite(steps, key, DELETES);
          expect.ok(
            lone === undefined,
            `release('${name}') sent ${lone}: nothing ties this delete to the look at the token ` +
              'before it, so between the two the lock can expire and another worker take it, and ' +
              'the delete removes their lock. Compare and delete in one Lua script',
          );
          expect.ok(
            (await redis.get(key)) === next,
            `${key} held "${token}"; while release ran, it expired and another worker took it with ` +
              `"${next}" (the grader's SET). Now ${await lockState(redis, key)}: release deleted the new ` +
              "holder's lock. A GET, then a DEL, leaves a moment between them: compare and delete in one Lua script",
          );
          const released = graderReply(steps) === null;
          expectAnswer(
            expect,
            steps,
            result.returned,
            released,
            `release('${name}', token)`,
            key,
            token,
          );
        },
      });
    },
  },
  {
    name: "extend sets the holder's lock to expire ttlMs from now",
    // The grading's first extend: what it ran must be as atomic as every later one.
    logExecuted: true,
    async run({ call, sandboxClient, redis, expect, random, expectTtl, executed }) {
      // Capitals, a space and é: extend names lock:<name> as given, like acquire and release.
      const name = shapedNameOf(random);
      const key = lockKey(name);
      const token = holderToken(random);
      // About to expire: extend gives it ttlMs from now, not ttlMs more than it had.
      await redis.set(key, token, 'PX', holderTtlOf(random));
      // Near the longest ttlMs the statement allows: no cap of the program's.
      const ttlMs = ttlOfSeconds(random, 115, 119);
      const from = await redisNow(redis);
      const extended = await call('extend', sandboxClient, name, token, ttlMs);
      const to = await redisNow(redis);
      expect.equal(
        extended,
        true,
        `extend(redis, '${name}', '${token}', ${ttlMs}) when ${key} holds that token`,
      );
      const ran = await executed();
      const unguarded = unguardedWrite(ran, key);
      expect.ok(
        unguarded === undefined,
        `extend(redis, '${name}', token, ${ttlMs}) ran ${unguarded}: nothing ties this write to ` +
          'the look at the token, so the lock can expire and another worker take it in between, ' +
          `and the write changes their lock. Compare and extend in one Lua script (Redis ran: ${listed(ran)})`,
      );
      expect.equal(
        await redis.get(key),
        token,
        `GET ${key} after extend (the token stays as it was)`,
      );
      await expectTtl(key, ttlWindow(ttlMs));
      const what = `extend(redis, '${name}', token, ${ttlMs})`;
      await expectExpiry(expect, redis, key, ttlMs, from, to, what);

      // And a lock this module took itself for the shortest ttlMs, which another process of the
      // program (handed the token) then extended far past it: the new ttlMs, shorter than what
      // it has left, is what it gets. (Waiting out the module's own second, to catch code that
      // trusts its clock over Redis, would cost every grading that second.)
      const own = nameOf(random);
      const ownKey = lockKey(own);
      const mine = await call('acquire', sandboxClient, own, 1_000);
      expectToken(expect, mine, `acquire(redis, '${own}', 1000)`);
      const left = random.int(100_000, 120_000);
      await redis.pexpire(ownKey, left);
      const shorter = ttlOfSeconds(random, 1, 1);
      const again = await call('extend', sandboxClient, own, mine, shorter);
      expect.equal(
        again,
        true,
        `acquire('${own}', 1000) returned "${mine}"; another process of your program extended ` +
          `${ownKey} to ${left} ms, and then extend(redis, '${own}', token, ${shorter}) ` +
          `was called while ${await lockState(redis, ownKey)} (ask Redis who holds the lock: ` +
          'not how long your program thinks it lasts; and a shorter ttlMs is still a renewal)',
      );
      await expectTtl(ownKey, ttlWindow(shorter));

      // A lock with no expiry (an older program's, or one whose expiry an operator removed) that
      // holds the token is its holder's all the same: extend gives it ttlMs.
      const bare = nameOf(random);
      const bareKey = lockKey(bare);
      const bareToken = holderToken(random);
      await redis.set(bareKey, bareToken);
      const bareMs = ttlOf(random);
      const bareFrom = await redisNow(redis);
      const renewed = await call('extend', sandboxClient, bare, bareToken, bareMs);
      const bareTo = await redisNow(redis);
      const bareWhat = `extend(redis, '${bare}', '${bareToken}', ${bareMs})`;
      expect.equal(
        renewed,
        true,
        `${bareWhat} when ${bareKey} holds that token with no expiry (a lock with no TTL is held, by whoever holds its token)`,
      );
      await expectExpiry(expect, redis, bareKey, bareMs, bareFrom, bareTo, bareWhat);
    },
  },
  {
    name: 'extend refuses a lock it does not hold, and creates none',
    async run({ call, sandboxClient, redis, expect, random, snapshot, diff }) {
      const name = nameOf(random);
      const key = lockKey(name);
      const holder = holderToken(random);
      const stranger = random.id(holder);
      await redis.set(key, holder, 'PX', holderTtlOf(random));
      const missing = nameOf(random);
      const before = await snapshot();
      const refused = await call('extend', sandboxClient, name, stranger, ttlOf(random));
      expect.equal(
        refused,
        false,
        `extend(redis, '${name}', '${stranger}', ttlMs) when ${key} holds another token, "${holder}"`,
      );
      const expired = await call('extend', sandboxClient, missing, stranger, ttlOf(random));
      expect.equal(
        expired,
        false,
        `extend(redis, '${missing}', token, ttlMs) when ${lockKey(missing)} has expired (no such key)`,
      );
      for (const alike of lookAlikes(random, holder)) {
        const lookalike = await call('extend', sandboxClient, name, alike, ttlOf(random));
        expect.equal(
          lookalike,
          false,
          `extend(redis, '${name}', ${JSON.stringify(alike)}, ttlMs) when ${key} holds "${holder}" (compare the whole token, as is: not a part of it, a pattern, or without regard to case)`,
        );
      }
      const changes = diff(before, await snapshot());
      expect.ok(
        changes.changes.length === 0,
        `an extend of a lock you do not hold must change nothing, but it ${changes.describe(changes.changes)}` +
          ' (an expired lock is not yours any more: take it again with acquire)',
      );

      const ours = nameOf(random);
      const ourKey = lockKey(ours);
      const token = await call('acquire', sandboxClient, ours, ttlOf(random));
      expectToken(expect, token, `acquire(redis, '${ours}', ttlMs)`);
      const next = holderToken(random);
      const nextTtl = holderTtlOf(random);
      await redis.set(ourKey, next, 'PX', nextTtl);
      const ttlMs = ttlOf(random);
      const late = await call('extend', sandboxClient, ours, token, ttlMs);
      const pttl = await redis.pttl(ourKey);
      expect.ok(
        late === false && (await redis.get(ourKey)) === next && pttl > 0 && pttl <= nextTtl,
        `acquire('${ours}') returned "${token}"; then that lock expired and another worker took ` +
          `${ourKey} with "${next}" for ${nextTtl} ms. extend(redis, '${ours}', '${token}', ${ttlMs}) ` +
          `returned ${JSON.stringify(late)}, and ${await lockState(redis, ourKey)}: it must return false ` +
          "and leave the new holder's lock and expiry alone",
      );
    },
  },
  {
    name: 'extend never changes a lock that another holder took in the meantime',
    async run({ race, sandboxClient, redis, expect, random }) {
      const name = nameOf(random);
      const key = lockKey(name);
      const token = holderToken(random);
      const next = random.id(token);
      const nextTtl = holderTtlOf(random);
      const ttlMs = ttlOf(random);
      await race({
        calls: [['extend', sandboxClient, name, token, ttlMs]],
        labels: [`extend('${name}', its token, ${ttlMs})`],
        setup: async () => {
          await redis.set(key, token, 'PX', 3_000);
        },
        // The other worker's SET, after a look at what it replaces: a lock still at its 3 s was
        // not renewed yet (every ttlMs is longer).
        interject: [['EVAL', TAKE_OVER, '1', key, next, String(nextTtl)]],
        verify: async ([result], steps) => {
          expect.ok(result.threw === undefined, `extend threw: ${result.threw}`);
          const lone = loneWrite(steps, key, RENEWALS);
          expect.ok(
            lone === undefined,
            `extend('${name}') sent ${lone}: nothing ties this write to the look at the token ` +
              'before it, so between the two the lock can expire and another worker take it, and ' +
              'the write changes their lock. Compare and extend in one Lua script',
          );
          const [held, pttl] = await Promise.all([redis.get(key), redis.pttl(key)]);
          expect.ok(
            held === next && pttl > 0 && pttl <= nextTtl,
            `${key} held "${token}"; while extend ran, it expired and another worker took it with ` +
              `"${next}" for ${nextTtl} ms (the grader's SET). Now ${await lockState(redis, key)}: extend ` +
              "changed the new holder's lock. A GET, then a PEXPIRE or SET, leaves a moment between " +
              'them: compare and extend in one Lua script',
          );
          const [left, was] = (graderReply(steps) ?? []) as [number?, string?];
          const renewed = was === token && left !== undefined && left > 3_000;
          expectAnswer(
            expect,
            steps,
            result.returned,
            renewed,
            `extend('${name}', token)`,
            key,
            token,
          );
        },
      });
    },
  },
  {
    name: 'acquire, release and extend change only lock:<name>, found by its name',
    logExecuted: true,
    async run(context) {
      const { call, sandboxClient, redis, expect, random, snapshot, diff, executed } = context;
      const name = nameOf(random);
      const key = lockKey(name);
      const token = holderToken(random);
      const taken = nameOf(random);
      await redis.set(key, token, 'PX', holderTtlOf(random));
      await otherLocks(context, name);
      const before = await snapshot();
      const mine = await call('acquire', sandboxClient, taken, ttlOf(random));
      expectToken(expect, mine, `acquire(redis, '${taken}', ttlMs)`);
      await call('extend', sandboxClient, name, token, ttlOf(random));
      await call('release', sandboxClient, name, token);
      const changes = diff(before, await snapshot());
      const elsewhere = changes.outside([key, lockKey(taken)]);
      expect.ok(
        elsewhere.length === 0,
        `acquire of '${taken}' may create ${lockKey(taken)} only, and extend and release of ` +
          `'${name}' change ${key} only, but they also ${changes.describe(elsewhere)}`,
      );
      const ran = await executed();
      const searches = ran.filter((command) => SEARCHES.has(command.name));
      expect.ok(
        searches.length === 0,
        `the lock's key is lock:${name}: name it. Redis ran ${listed(searches)}, which walks every ` +
          `key of the database (all it ran: ${listed(ran)})`,
      );
    },
  },
];

export default checks;
