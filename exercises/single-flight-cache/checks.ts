import type Redis from 'ioredis';
import type {
  CheckContext,
  CheckList,
  ExecutedCommand,
  LoggedCommand,
  RaceOutcome,
  RaceStepView,
  Random,
} from '../../grader/checks/api.ts';

interface Exports {
  getPrice(redis: Redis, id: string): Promise<string | null>;
}

type Context = CheckContext<Exports>;

const SOURCE = 'db:prices';
const PRICE_MIN_MS = 300_000;
const PRICE_MAX_MS = 360_000;
const MISSING_SECONDS = 30;
const LOCK_MS = 5_000;
/** The other caller letting go of its lock: deleted only if it is still there, as its own. */
const RELEASE_THEIRS =
  "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";
/** How many prices the jitter check loads: enough that a fair draw always spreads them. */
const JITTER_KEYS = 30;
/** How many of those loads are the first id again. */
const JITTER_RELOADS = 6;
/**
 * How many reads of the lock the grader makes before letting go of it, in the race where a
 * caller waits: one more step of the waiter each (a GET, a SET … NX and a pause make one try),
 * so about 63 tries in all, over 3 s of pauses of 50 ms. Enough to fail a waiter that gives up
 * after 50 or 60 such tries; one that gives up after 4 s of them passes, but 5 s of tries would
 * take 300 steps, which a busy machine does not run within a call's 2 s.
 */
const HOLD_READS = 90;

const cacheKeyOf = (id: string) => `cache:price:${id}`;
const lockKeyOf = (id: string) => `lock:price:${id}`;
const idOf = (random: Random) => `${random.word(random.int(3, 5))}-${random.int(100, 9999)}`;
const priceOf = (random: Random) =>
  `${random.int(1, 499)}.${String(random.int(0, 99)).padStart(2, '0')}`;
/**
 * An id as a shop may have it, with a capital, two spaces in a row, one at the end, accents
 * both precomposed and combining (e + U+0301), a colon and a `$&`: the keys and the source's
 * field are that id as it is, not a trimmed, Unicode-normalised or escaped one, nor one put
 * through String.replace's replacement patterns (`$&` is the text matched).
 */
const oddIdOf = (random: Random) => {
  const word = random.word(random.int(3, 5));
  return `${word.charAt(0).toUpperCase()}${word.slice(1)}  ${random.word(3)}é${random.word(2)}e\u0301:$&-${random.int(10, 99)} `;
};
/** A price with no two decimals ("12.5", "7", "9.999"): returned as the source holds it. */
const oddPriceOf = (random: Random) => {
  const units = random.int(1, 499);
  return random.pick([
    `${units}.${random.int(0, 9)}`,
    `${units}`,
    `${units}.${random.int(100, 999)}`,
  ]);
};

/** A price that differs from `other`, so that a check can tell where an answer came from. */
function otherPrice(random: Random, other: string | null | undefined): string {
  let price = priceOf(random);
  while (price === other) price = priceOf(random);
  return price;
}

/**
 * Another caller takes the lock, if there is one, with a token shaped like the one it holds:
 * every digit, hex letter and other letter turned into another of its kind (never itself), so
 * that a UUID stays a UUID, hex stays hex and base64url stays base64url. Answers the new token.
 */
const TAKE_OVER = `
local held = redis.call('GET', KEYS[1])
if not held then return false end
local shift = tonumber(ARGV[1])
local function turn(c, first, size)
  return string.char(first + (c - first + shift % (size - 1) + 1) % size)
end
local theirs = string.gsub(held, '%w', function(ch)
  local c = string.byte(ch)
  if c >= 48 and c <= 57 then return turn(c, 48, 10) end
  if c >= 97 and c <= 102 then return turn(c, 97, 6) end
  if c >= 103 and c <= 122 then return turn(c, 103, 20) end
  if c >= 65 and c <= 70 then return turn(c, 65, 6) end
  if c >= 71 and c <= 90 then return turn(c, 71, 20) end
  return ch
end)
redis.call('SET', KEYS[1], theirs, 'PX', ARGV[2])
return theirs
`;

/** Commands that change a string key or its expiry, as a release or a cache write may send. */
const WRITES = new Set([
  'set',
  'setex',
  'psetex',
  'setnx',
  'getset',
  'getdel',
  'del',
  'unlink',
  'expire',
  'pexpire',
  'expireat',
  'pexpireat',
  'persist',
  'append',
  'setrange',
  'mset',
  'msetnx',
  'rename',
  'renamenx',
  'copy',
  'move',
  'restore',
]);

/**
 * Whether a step of a race wrote `key`: a transaction EXEC refused (a WATCH fired) did not, and
 * a script is judged by what Redis holds afterwards.
 */
function writesKey(step: RaceStepView, key: string): boolean {
  if (step.commands.some((command) => command.name === 'exec')) {
    if (step.reply && 'value' in step.reply && step.reply.value === null) return false;
  }
  return step.commands.some(
    (command) =>
      command.args.includes(key) &&
      (WRITES.has(command.name) || (command.name === 'getex' && command.args.length > 1)),
  );
}

/** A token of another caller, shaped like randomUUID()'s. */
const foreignToken = (random: Random) => random.id('3f2b9c1e-7d4a-4e8b-9a61-0c5d2e8f4b17');

/**
 * Fills db:prices with several ids (random, so that no price can be typed into the code) and
 * caches a few other ids beside them, so that code which searches instead of reading its own key
 * meets them. Returns the id a check asks about.
 */
async function seed({ redis, random, decoys }: Context) {
  const id = oddIdOf(random);
  const ids = new Set<string>([id]);
  while (ids.size < 6) ids.add(idOf(random));
  const prices = Object.fromEntries([...ids].map((one) => [one, priceOf(random)]));
  prices[id] = oddPriceOf(random);
  await redis.hset(SOURCE, prices);
  await decoys(id, 3, (other) =>
    redis.set(cacheKeyOf(other), priceOf(random), 'EX', random.int(60, 300)),
  );
  return { id, price: prices[id] ?? '', cacheKey: cacheKeyOf(id), lockKey: lockKeyOf(id) };
}

/** An id shaped like the known ones that neither db:prices nor the cache has. */
async function unknownId(redis: Redis, random: Random, like: string): Promise<string> {
  let id = random.id(like);
  while ((await redis.hexists(SOURCE, id)) || (await redis.exists(cacheKeyOf(id)))) {
    id = random.id(like);
  }
  return id;
}

/** An argument as a log line shows it: on one line, a long one (a Lua script) cut short. */
const shortArg = (arg: string) => {
  // A script is shown on one line; an id keeps its spaces, which tell it from another.
  const line = arg.length > 40 ? arg.replace(/\s+/g, ' ').trim() : arg;
  if (line === '' || /[\s"]/.test(line)) return JSON.stringify(line.slice(0, 40));
  return line.length > 40 ? `${line.slice(0, 37)}…` : line;
};

const show = (command: LoggedCommand) =>
  [command.name.toUpperCase(), ...command.args.map(shortArg)].join(' ');

function listed(commands: readonly ExecutedCommand[], max = 12): string {
  if (commands.length === 0) return 'nothing';
  const shown = commands
    .slice(0, max)
    .map((command) =>
      command.script ? `${show(command)} (inside ${command.script})` : show(command),
    );
  return commands.length > max
    ? `${shown.join('; ')}; … (${commands.length} in all)`
    : shown.join('; ');
}

/**
 * How long a lock taken with these SET options lives, in ms, as a range: PXAT and EXAT are
 * judged against when the call ran, and EXAT's whole seconds may cut up to one off. Undefined
 * without an expiry.
 */
function lockLifeMs(
  options: readonly string[],
  args: readonly string[],
  sentFrom: number,
  sentBy: number,
): { min: number; max: number; slack: number } | undefined {
  const at = (name: string) => {
    const index = options.indexOf(name);
    return index === -1 ? undefined : Number(args[index + 1]);
  };
  const px = at('px') ?? (at('ex') === undefined ? undefined : Number(at('ex')) * 1000);
  if (px !== undefined) return { min: px, max: px, slack: 0 };
  const pxat = at('pxat') ?? (at('exat') === undefined ? undefined : Number(at('exat')) * 1000);
  if (pxat === undefined) return undefined;
  return { min: pxat - sentBy, max: pxat - sentFrom, slack: at('exat') === undefined ? 0 : 1000 };
}

const SCRIPT_RUNNERS = new Set(['eval', 'evalsha', 'eval_ro', 'evalsha_ro', 'fcall', 'fcall_ro']);
const SEARCHES = new Set(['keys', 'scan']);

/** Commands that reached db:prices: sent by the learner's client, or run by a script. */
const sourceCommands = (executed: readonly ExecutedCommand[]) =>
  executed.filter((command) => !SCRIPT_RUNNERS.has(command.name) && command.args[0] === SOURCE);

/** Whether a command reads the one field `id` of db:prices, and nothing more. */
function readsOnlyField(command: LoggedCommand, id: string): boolean {
  const [key, ...fields] = command.args;
  if (key !== SOURCE || fields.length === 0 || fields.some((field) => field !== id)) return false;
  return command.name === 'hget' || command.name === 'hmget';
}

/** The steps of a race in which a call read db:prices (a script that reads it is not counted). */
const sourceReadSteps = (steps: readonly RaceStepView[]) =>
  steps.filter(
    (step) =>
      step.by !== 'grader' &&
      step.commands.some(
        (command) => !SCRIPT_RUNNERS.has(command.name) && command.args[0] === SOURCE,
      ),
  );

/** Whether a step's command is a script call that names db:prices: the source read in Lua. */
const scriptNamesSource = (steps: readonly RaceStepView[]) =>
  steps.some((step) =>
    step.commands.some(
      (command) => SCRIPT_RUNNERS.has(command.name) && command.args.includes(SOURCE),
    ),
  );

const said = (result: RaceOutcome<string | null>) =>
  result.threw === undefined ? JSON.stringify(result.returned) : `threw "${result.threw}"`;

/** What Redis holds under `key`, as a failure message says it. */
async function keyState(redis: Redis, key: string): Promise<string> {
  const type = await redis.type(key);
  if (type === 'none') return `${key} does not exist`;
  if (type !== 'string') return `${key} is a ${type}, not a string`;
  const [value, pttl] = await Promise.all([redis.get(key), redis.pttl(key)]);
  const ttl = pttl === -1 ? 'no TTL' : `PTTL ${pttl} ms`;
  return `${key} holds ${JSON.stringify(value)} with ${ttl}`;
}

/**
 * Races `count` calls for one id while nothing is cached: db:prices must be read once, by one of
 * them, and every call must return what it holds (`price`, or null for an id it does not have).
 */
async function stampede(context: Context, count: number, known: boolean): Promise<void> {
  const { race, sandboxClient, redis, expect, random } = context;
  const id = idOf(random);
  const price = known ? priceOf(random) : null;
  const cacheKey = cacheKeyOf(id);
  const neighbour = { [idOf(random)]: priceOf(random) };
  const calls = Array.from({ length: count }, () => ['getPrice', sandboxClient, id] as const);
  await race({
    calls,
    labels: calls.map(() => `getPrice('${id}')`),
    // Two calls: the first 16 interleavings, tried in order, hold every mistake of wrong/; three
    // calls are many more, and slow: a sample.
    maxInterleavings: count > 2 ? 12 : known ? 32 : 16,
    setup: async () => {
      await redis.hset(SOURCE, price === null ? neighbour : { ...neighbour, [id]: price });
    },
    verify: async (results, steps) => {
      const reads = sourceReadSteps(steps);
      const answer = price === null ? `null (${SOURCE} has no ${id})` : `"${price}"`;
      expect.ok(
        results.every((result) => result.threw === undefined && result.returned === price),
        `every call must return ${answer}; the ${count} calls returned ${results.map(said).join(', ')}`,
      );
      expect.ok(
        reads.length > 0 || !scriptNamesSource(steps),
        `the calls read ${SOURCE} inside a Lua script: read it with HGET sent by getPrice itself, as an application reads its database (a script cannot reach one)`,
      );
      expect.ok(
        reads.length === 1,
        `${count} calls missed at the same time and must read ${SOURCE} once between them (the one holding ${lockKeyOf(id)}); they read it ${reads.length} times` +
          (reads.length > 1
            ? '. A call that loses the lock must wait and look at the cache again; the one that wins must look at the cache once more before it reads the source, and write the cache before it lets go of the lock'
            : ''),
      );
      // A call that finds the cache filled on its second look answers from it, as from a hit:
      // writing it again would give the first loader's price a new TTL.
      const writes = steps.filter(
        (step) =>
          step.by !== 'grader' &&
          (writesKey(step, cacheKey) ||
            step.commands.some(
              (command) => SCRIPT_RUNNERS.has(command.name) && command.args.includes(cacheKey),
            )),
      );
      expect.ok(
        writes.length <= 1,
        `${count} calls missed at the same time and one of them loaded the price: ${cacheKey} must be written once, by that one; the calls wrote it ${writes.length} times (${writes.map((step) => `#${Number(step.by) + 1} ${step.commands.map(show).join('; ')}`).join(', ')}). A call that finds the cache filled once it holds the lock answers from it and writes nothing`,
      );
      const [cached, pttl, keys] = await Promise.all([
        redis.get(cacheKey),
        redis.pttl(cacheKey),
        redis.keys('*'),
      ]);
      const minMs = price === null ? (MISSING_SECONDS - 2) * 1000 : PRICE_MIN_MS - 2000;
      const maxMs = price === null ? MISSING_SECONDS * 1000 : PRICE_MAX_MS;
      expect.ok(
        cached === (price ?? '') && pttl >= minMs && pttl <= maxMs,
        `afterwards ${cacheKey} must hold ${JSON.stringify(price ?? '')} with a PTTL from ${minMs} to ${maxMs} ms; ${await keyState(redis, cacheKey)}`,
      );
      const extra = keys.filter((key) => key !== cacheKey && key !== SOURCE).sort();
      expect.ok(
        extra.length === 0,
        `afterwards Redis must hold ${SOURCE} and ${cacheKey} only (the lock released), but it also holds ${extra.join(', ')}`,
      );
    },
  });
}

/**
 * Runs one call for an id whose lock another caller holds, with the cache empty: the call must
 * wait without touching that lock or the source, pausing and reading the cache before each new
 * try, then take the lock once it is gone and load the price. The lock expires in `leftMs`, or,
 * with `release`, its holder lets go of it when the exploration gives the grader its turn.
 */
async function waitsForTheLock(
  { race, sandboxClient, redis, expect, random }: Context,
  options: { leftMs: number; release?: boolean; situation: (lockKey: string) => string },
): Promise<void> {
  const id = idOf(random);
  const price = priceOf(random);
  const lockKey = lockKeyOf(id);
  const cacheKey = cacheKeyOf(id);
  const theirs = foreignToken(random);
  const situation = `${options.situation(lockKey)}; ${cacheKey} stayed empty`;
  await race({
    calls: [['getPrice', sandboxClient, id]],
    labels: [`getPrice('${id}')`],
    ...(options.release
      ? {
          // Past its first 100 steps an interleaving takes turns fairly: each of these reads
          // gives the waiter one more step before the release, as a slow holder would.
          interject: [
            ...Array.from({ length: HOLD_READS }, () => ['PTTL', lockKey]),
            ['EVAL', RELEASE_THEIRS, '1', lockKey, theirs],
          ],
          maxInterleavings: 1,
        }
      : {}),
    setup: async () => {
      await redis.hset(SOURCE, id, price);
      await redis.set(lockKey, theirs, 'PX', options.leftMs);
    },
    verify: async ([result], steps) => {
      const own = steps.filter((step) => step.by !== 'grader');
      const won = own.findIndex((step) =>
        step.commands.some(
          (command) =>
            command.name === 'set' &&
            command.args[0] === lockKey &&
            step.reply !== undefined &&
            'value' in step.reply &&
            step.reply.value === 'OK',
        ),
      );
      const waiting = won === -1 ? own : own.slice(0, won);
      const broke = waiting.filter((step) =>
        step.commands.some(
          (command) =>
            command.args.includes(lockKey) &&
            !['get', 'exists', 'pttl', 'ttl'].includes(command.name) &&
            !(
              command.name === 'set' &&
              command.args.slice(2).some((arg) => arg.toLowerCase() === 'nx')
            ),
        ),
      );
      expect.ok(
        broke.length === 0,
        `${situation}. While another caller's lock is there, only try to take it with SET … NX: getPrice('${id}') sent ${broke.map((step) => step.commands.map(show).join('; ')).join(', ')} before it held the lock`,
      );
      const early = sourceReadSteps(waiting);
      expect.ok(
        early.length === 0,
        `${situation}. getPrice('${id}') read ${SOURCE} while the other caller's lock was still there: wait for the lock instead, however long its holder takes (up to its 5 s)`,
      );
      const tries = waiting.filter((step) =>
        step.commands.some((command) => command.name === 'set' && command.args[0] === lockKey),
      );
      // The race fires timers at once, but knows the delay each was set for.
      const pausedMs = waiting.reduce((sum, step) => sum + (step.timerMs ?? 0), 0);
      if (won === -1 && result.returned !== price) {
        // Giving up is allowed once the waiter has tried for the lock's whole lifetime (one
        // pause of slack: its last try may come a pause before the 5 s are up).
        if (result.threw !== undefined && pausedMs >= LOCK_MS - 100) return;
        expect.ok(
          false,
          `${situation}. getPrice('${id}') ${result.threw === undefined ? `returned ${JSON.stringify(result.returned)}` : `threw "${result.threw}"`} after trying the lock ${tries.length} times, pausing ${pausedMs} ms in all, while the lock was still there: keep trying for at least ${LOCK_MS / 1000} seconds of pauses (the lock's lifetime, after which it frees itself), for example ${LOCK_MS / 50 + 20} tries 50 ms apart; only then may it throw${result.threw === undefined ? ' (never answer null, which says the id has no price)' : ''}`,
        );
      }
      expect.ok(
        result.threw === undefined && result.returned === price,
        `${situation}. getPrice('${id}') must keep trying (for at least 5 seconds), take the lock once it is free, and return "${price}"; it ${result.threw === undefined ? `returned ${JSON.stringify(result.returned)}` : `threw "${result.threw}"`} after trying the lock ${tries.length} times`,
      );
      expect.ok(
        won !== -1,
        `${situation}. getPrice('${id}') never took ${lockKey}: once the lock is free, the waiting caller takes it and loads the price`,
      );
      for (let index = 1; index < tries.length; index++) {
        const between = waiting.slice(
          waiting.indexOf(tries[index - 1] as RaceStepView) + 1,
          waiting.indexOf(tries[index] as RaceStepView),
        );
        const paused = between.reduce((sum, step) => sum + (step.timerMs ?? 0), 0);
        expect.ok(
          paused >= 10 && paused <= 100,
          `${situation}. getPrice('${id}') tried the lock ${tries.length} times, ${paused === 0 ? 'without waiting in between' : `pausing ${paused} ms between tries ${index} and ${index + 1}`}: pause 10 to 100 ms (setTimeout) before each new try, or the waiting callers flood Redis${paused > 100 ? ' (too long a pause leaves the callers waiting after the price is cached)' : ''}`,
        );
        expect.ok(
          between.some((step) => step.commands.some((command) => command.args.includes(cacheKey))),
          `${situation}. After a pause, getPrice('${id}') tried the lock again without reading ${cacheKey} first: go back to GET ${cacheKey}, which the holder may have filled meanwhile, or the waiting callers take the lock one after another for nothing`,
        );
      }
      // Timers run ahead of the clock, but never past the lock's expiry: pauses of 10 ms or
      // more fit in its lifetime so many times at most.
      const most = Math.floor(options.leftMs / 10) + 2;
      expect.ok(
        options.release || tries.length <= most,
        `${situation}. getPrice('${id}') tried the lock ${tries.length} times meanwhile, more than pauses of 10 ms allow (${most}): pause 10 to 100 ms between tries, or the waiting callers flood Redis`,
      );
      const [cached, pttl] = await Promise.all([redis.get(cacheKey), redis.pttl(cacheKey)]);
      expect.ok(
        cached === price && pttl >= PRICE_MIN_MS - 2000 && pttl <= PRICE_MAX_MS,
        `${situation}. Afterwards ${cacheKey} must hold "${price}" with a PTTL of 300 to 360 s; ${await keyState(redis, cacheKey)}`,
      );
    },
  });
}

const checks: CheckList<Exports> = [
  {
    name: 'a miss returns the price from db:prices and caches it in cache:price:<id>',
    async run(context) {
      const { call, sandboxClient, redis, expect } = context;
      const { id, price, cacheKey } = await seed(context);
      const returned = await call('getPrice', sandboxClient, id);
      expect.equal(
        returned,
        price,
        `what getPrice('${id}') returned (${cacheKey} did not exist; HGET ${SOURCE} ${id} holds "${price}")`,
      );
      const type = await redis.type(cacheKey);
      const keys = (await redis.keys('cache:*')).sort().join(', ');
      expect.ok(
        type !== 'none',
        `after getPrice('${id}') there is no key ${cacheKey} (the cache holds: ${keys || 'no keys'})`,
      );
      expect.equal(type, 'string', `TYPE ${cacheKey}`);
      expect.equal(await redis.get(cacheKey), price, `GET ${cacheKey}`);
    },
  },
  {
    name: 'a miss reads db:prices once, with HGET sent by getPrice itself, not in a script',
    logExecuted: true,
    async run(context) {
      const { call, sandboxClient, expect, executed } = context;
      const { id } = await seed(context);
      await call('getPrice', sandboxClient, id);
      const all = await executed();
      const reads = sourceCommands(all);
      expect.ok(
        reads.length > 0,
        `getPrice('${id}') did not read ${SOURCE} on a miss; Redis ran: ${listed(all)}`,
      );
      const scripted = reads.filter((command) => command.script !== undefined);
      expect.ok(
        scripted.length === 0,
        `read ${SOURCE} with HGET from getPrice itself, as an application reads its database: a Lua script could not reach a real one. Redis ran: ${listed(scripted)}`,
      );
      expect.ok(
        reads.length === 1 && reads.every((command) => readsOnlyField(command, id)),
        `a miss reads one field of the slow source once, HGET ${SOURCE} ${id}; getPrice('${id}') sent: ${listed(reads)}`,
      );
    },
  },
  {
    name: 'a loaded price expires 300 to 360 seconds later',
    async run(context) {
      const { call, sandboxClient, redis, expectTtl } = context;
      await seed(context);
      // Several, each with its own draw: a jitter drawn from too wide a range cannot land
      // inside the window every time.
      const ids = (await redis.hkeys(SOURCE)).slice(0, 5);
      for (const id of ids) {
        await call('getPrice', sandboxClient, id);
        await expectTtl(cacheKeyOf(id), { minMs: PRICE_MIN_MS - 2000, maxMs: PRICE_MAX_MS });
      }
    },
  },
  {
    name: 'prices loaded one after another get TTLs spread across the 300-360 s window',
    async run({ call, sandboxClient, redis, expect, random }) {
      const ids = new Set<string>();
      while (ids.size < JITTER_KEYS - JITTER_RELOADS) ids.add(idOf(random));
      await redis.hset(SOURCE, Object.fromEntries([...ids].map((id) => [id, priceOf(random)])));
      // One id loaded again and again, its copy gone each time: a "jitter" taken from the id (a
      // hash of it) spreads different ids but gives this one the same TTL every time.
      const [again = ''] = ids;
      const loads = [...ids, ...Array.from({ length: JITTER_RELOADS }, () => again)];
      const ttls: number[] = [];
      for (const id of loads) {
        await redis.del(cacheKeyOf(id));
        await call('getPrice', sandboxClient, id);
        // Read at once, so that the time the loop takes does not count as jitter.
        ttls.push(await redis.pttl(cacheKeyOf(id)));
      }
      const unloaded = loads.filter((_, index) => ttls[index] === -2);
      expect.ok(
        unloaded.length === 0,
        `each price was loaded on a miss, its copy in Redis deleted before; but afterwards ${cacheKeyOf(unloaded[0] ?? '')} did not exist: read the cache and the source in Redis on every call, and keep no copy in your program's memory`,
      );
      const outside = ttls.filter((ttl) => ttl < PRICE_MIN_MS - 2000 || ttl > PRICE_MAX_MS);
      expect.ok(
        outside.length === 0,
        `every price must expire 300 to 360 s after it was loaded; PTTL of the ${JITTER_KEYS} keys in ms: ${ttls.join(', ')}`,
      );
      const seconds = ttls.map((ttl) => Math.round(ttl / 1000));
      expect.ok(
        ttls.some((ttl) => ttl <= 325_000) && ttls.some((ttl) => ttl > 335_000),
        `${JITTER_KEYS} prices loaded together must not expire together: draw the extra 0 to 60 seconds anew for each key, so that their TTLs spread over the whole window (some under 325 s, some over 335 s). Their TTLs in seconds: ${seconds.join(', ')}`,
      );
      // Fair draws all alike: (1/61)^JITTER_RELOADS.
      const againSeconds = seconds.filter((_, index) => loads[index] === again);
      expect.ok(
        new Set(againSeconds).size > 1,
        `${cacheKeyOf(again)} was loaded ${againSeconds.length} times, its copy deleted in between, and got the same TTL every time (in seconds: ${againSeconds.join(', ')}): draw the extra 0 to 60 seconds at random for every write (randomInt(0, 61)), not from the id, so that an id's reloads do not keep expiring with the same neighbours`,
      );
    },
  },
  {
    name: 'an id db:prices does not have returns null and is cached as "" for 30 seconds',
    async run(context) {
      const { call, sandboxClient, redis, expect, random, expectTtl } = context;
      const { id: known } = await seed(context);
      const id = await unknownId(redis, random, known);
      const cacheKey = cacheKeyOf(id);
      const returned = await call('getPrice', sandboxClient, id);
      expect.equal(
        returned,
        null,
        `what getPrice('${id}') returned (${cacheKey} did not exist, HGET ${SOURCE} ${id} is nil)`,
      );
      const type = await redis.type(cacheKey);
      expect.ok(
        type === 'string',
        `an id the source does not have is remembered as "" in ${cacheKey}, so that the next calls do not ask ${SOURCE} again; after getPrice('${id}') ${await keyState(redis, cacheKey)}`,
      );
      expect.equal(await redis.get(cacheKey), '', `GET ${cacheKey}`);
      await expectTtl(cacheKey, { seconds: MISSING_SECONDS });
    },
  },
  {
    name: 'a hit returns the cached price, changes nothing and does not read db:prices',
    logExecuted: true,
    async run(context) {
      const { call, sandboxClient, redis, expect, random, executed, snapshot, diff } = context;
      const { id, price, cacheKey } = await seed(context);
      // One price about to expire, and one cached with no TTL at all (pinned by hand): a hit
      // leaves either as it is.
      const cached = otherPrice(random, price);
      await redis.set(cacheKey, cached, 'EX', random.int(5, 40));
      const [pinnedId = id] = (await redis.hkeys(SOURCE)).filter((one) => one !== id);
      const pinnedKey = cacheKeyOf(pinnedId);
      const pinned = otherPrice(random, await redis.hget(SOURCE, pinnedId));
      await redis.set(pinnedKey, pinned);
      const before = await snapshot();
      for (const [one, key, value, ttl] of [
        [id, cacheKey, cached, 'a TTL of a few seconds'],
        [pinnedId, pinnedKey, pinned, 'no TTL'],
      ] as const) {
        expect.equal(
          await call('getPrice', sandboxClient, one),
          value,
          `what getPrice('${one}') returned (GET ${key} holds "${value}" with ${ttl}, HGET ${SOURCE} ${one} holds "${await redis.hget(SOURCE, one)}")`,
        );
      }
      const all = await executed();
      const reads = [
        ...sourceCommands(all),
        ...all.filter(
          (command) =>
            command.args.includes(lockKeyOf(id)) || command.args.includes(lockKeyOf(pinnedId)),
        ),
      ];
      expect.ok(
        reads.length === 0,
        `${cacheKey} and ${pinnedKey} held prices, so getPrice must answer without touching ${SOURCE} (not even from a script) or the lock, but Redis ran: ${listed(reads)} (all it ran: ${listed(all)})`,
      );
      const changes = diff(before, await snapshot());
      expect.ok(
        changes.changes.length === 0,
        `a hit only reads: a price keeps the TTL it was given (or none), so that it is reloaded in time, whatever is left of it; but getPrice('${id}') then getPrice('${pinnedId}') ${changes.describe(changes.changes)}`,
      );
    },
  },
  {
    name: 'a cached "" answers null without reading db:prices or taking the lock',
    logExecuted: true,
    async run(context) {
      const { call, sandboxClient, redis, expect, random, executed, snapshot, diff } = context;
      const { id: known } = await seed(context);
      // The source has just got a price for the id, but the cache still remembers "not found".
      const id = await unknownId(redis, random, known);
      const cacheKey = cacheKeyOf(id);
      await redis.set(cacheKey, '', 'EX', random.int(5, MISSING_SECONDS));
      await redis.hset(SOURCE, id, priceOf(random));
      const before = await snapshot();
      const returned = await call('getPrice', sandboxClient, id);
      expect.equal(
        returned,
        null,
        `what getPrice('${id}') returned while ${cacheKey} held "" ("not found", cached): compare the reply with null, since "" is falsy too`,
      );
      const all = await executed();
      const touched = all.filter(
        (command) =>
          (!SCRIPT_RUNNERS.has(command.name) && command.args[0] === SOURCE) ||
          command.args.includes(lockKeyOf(id)),
      );
      expect.ok(
        touched.length === 0,
        `a cached "" is a hit: getPrice('${id}') must answer null from it, but Redis ran: ${listed(touched)}`,
      );
      const changes = diff(before, await snapshot());
      expect.ok(
        changes.changes.length === 0,
        `a hit only reads, but getPrice('${id}') ${changes.describe(changes.changes)}`,
      );
    },
  },
  {
    name: 'every call reads Redis afresh: a new cache or source value shows at once',
    async run(context) {
      const { call, sandboxClient, redis, expect, random } = context;
      const { id, price, cacheKey } = await seed(context);
      await call('getPrice', sandboxClient, id);

      const recached = otherPrice(random, price);
      await redis.set(cacheKey, recached, 'EX', random.int(60, 300));
      expect.equal(
        await call('getPrice', sandboxClient, id),
        recached,
        `what getPrice('${id}') returned once ${cacheKey} held "${recached}" (it first returned "${price}")`,
      );

      // The copy expired, and the source changed meanwhile: the next call must load the new one.
      const updated = otherPrice(random, recached);
      await redis.del(cacheKey);
      await redis.hset(SOURCE, id, updated);
      expect.equal(
        await call('getPrice', sandboxClient, id),
        updated,
        `what getPrice('${id}') returned after ${cacheKey} expired and HGET ${SOURCE} ${id} became "${updated}"`,
      );

      // And an id that was missing, once its "not found" expired and the source got it.
      const added = await unknownId(redis, random, id);
      expect.equal(
        await call('getPrice', sandboxClient, added),
        null,
        `what getPrice('${added}') returned while ${SOURCE} had no ${added}`,
      );
      const addedPrice = priceOf(random);
      await redis.del(cacheKeyOf(added));
      await redis.hset(SOURCE, added, addedPrice);
      expect.equal(
        await call('getPrice', sandboxClient, added),
        addedPrice,
        `what getPrice('${added}') returned after ${cacheKeyOf(added)} expired and ${SOURCE} got "${addedPrice}"`,
      );
    },
  },
  {
    name: 'a miss takes lock:price:<id> with one SET … NX PX and a random token',
    logExecuted: true,
    async run(context) {
      const { call, sandboxClient, redis, expect, executed, randomBytesIn } = context;
      const { id, lockKey, cacheKey } = await seed(context);
      const sentFrom = Date.now();
      await call('getPrice', sandboxClient, id);
      const sentBy = Date.now();
      const all = await executed();
      const onLock = all.filter((command) => command.args.includes(lockKey));
      const takes = onLock.filter(
        (command) => command.name === 'set' && command.args[0] === lockKey && !command.script,
      );
      const [take] = takes;
      expect.ok(
        take !== undefined,
        `on a miss, getPrice('${id}') must take the lock with SET ${lockKey} <token> NX PX ${LOCK_MS}; what it ran on ${lockKey}: ${listed(onLock)}`,
      );
      if (take === undefined) return;
      const options = take.args.slice(2).map((arg) => arg.toLowerCase());
      expect.ok(
        options.includes('nx') && ['px', 'ex', 'pxat', 'exat'].some((o) => options.includes(o)),
        `take the lock and give it its expiry in one command, SET ${lockKey} <token> NX PX ${LOCK_MS}: NX so that only one caller gets it, PX so that a caller that crashes cannot hold it forever; getPrice sent ${show(take)}`,
      );
      // Judged from the SET itself: the race that looks at the lock's PTTL must allow for a busy
      // machine, so a lock a second short would pass there.
      const life = lockLifeMs(options, take.args.slice(2), sentFrom, sentBy);
      expect.ok(
        life !== undefined &&
          life.max >= LOCK_MS - 500 - life.slack &&
          life.min <= LOCK_MS + life.slack,
        `the lock lives ${LOCK_MS / 1000} seconds, PX ${LOCK_MS} (or EX 5): long enough for a slow load, and as long as the waiters keep trying; getPrice sent ${show(take)}${life === undefined ? '' : `, a lock of ${life.min === life.max ? life.min : `${life.min} to ${life.max}`} ms`}`,
      );
      const token = take.args[1] ?? '';
      expect.ok(
        randomBytesIn(token) >= 16,
        `the lock's value must be a token nobody else can have, made with randomUUID() (or 16 bytes of randomBytes), so that a caller deletes only its own lock; getPrice wrote "${token}"`,
      );
      // A second miss for the same id, by the same module: a token kept from the first call
      // (per id, per process) would let two callers of one process delete each other's lock.
      await redis.del(cacheKey);
      await call('getPrice', sandboxClient, id);
      const again = (await executed()).filter(
        (command) => command.name === 'set' && command.args[0] === lockKey && !command.script,
      );
      const second = again[takes.length]?.args[1];
      expect.ok(
        second !== undefined && second !== token && randomBytesIn(second) >= 16,
        `getPrice('${id}') missed twice and must draw a new token for each lock it takes (randomUUID() every time): the first lock held "${token}", the second ${second === undefined ? 'was never taken' : `"${second}"`}. A token kept between calls is shared by every caller of this process, which then delete each other's lock`,
      );
    },
  },
  {
    name: 'a miss leaves no lock behind and changes no key but cache:price:<id>',
    logExecuted: true,
    async run(context) {
      const { call, sandboxClient, redis, expect, snapshot, diff, random, decoys, executed } =
        context;
      const { id, cacheKey, lockKey } = await seed(context);
      // Other ids' locks, held by other callers: not this call's to touch.
      await decoys(id, 2, (other) =>
        redis.set(lockKeyOf(other), foreignToken(random), 'PX', LOCK_MS),
      );
      const before = await snapshot();
      await call('getPrice', sandboxClient, id);
      expect.ok(
        (await redis.exists(lockKey)) === 0,
        `getPrice('${id}') must release its lock before it returns, but ${await keyState(redis, lockKey)}: every other caller would wait for it`,
      );
      const changes = diff(before, await snapshot());
      const elsewhere = changes.outside([cacheKey]);
      expect.ok(
        elsewhere.length === 0,
        `getPrice('${id}') may leave ${cacheKey} only, but it ${changes.describe(elsewhere)}`,
      );
      // A key written and removed again within the call leaves no trace in a snapshot.
      const all = await executed();
      const writes = all.filter(
        (command) =>
          command.write && command.keys.some((key) => key !== cacheKey && key !== lockKey),
      );
      expect.ok(
        writes.length === 0,
        `getPrice('${id}') may write ${cacheKey} and ${lockKey} only, not even for a moment (every miss of every id would write that key too), but Redis ran: ${listed(writes)}`,
      );
    },
  },
  {
    name: 'a source that fails makes getPrice throw, and leaves no lock behind',
    async run({ race, sandboxClient, redis, expect, random }) {
      const id = idOf(random);
      const lockKey = lockKeyOf(id);
      const cacheKey = cacheKeyOf(id);
      await race({
        calls: [['getPrice', sandboxClient, id]],
        labels: [`getPrice('${id}')`],
        setup: async () => {
          // A string where the hash should be: HGET answers WRONGTYPE, as a source that is down.
          await redis.set(SOURCE, priceOf(random));
        },
        verify: async ([result], steps) => {
          const situation = `${SOURCE} failed (a string, not a hash: HGET answers WRONGTYPE)`;
          expect.ok(
            result.threw !== undefined,
            `${situation}, and getPrice('${id}') returned ${JSON.stringify(result.returned)}: let the error reach the caller, who cannot tell "no price" from "no answer" otherwise`,
          );
          const reads = sourceReadSteps(steps);
          expect.ok(
            reads.length <= 1,
            `${situation}, and getPrice('${id}') read it ${reads.length} times: read the slow source once and let its error reach the caller at once (${reads.map((step) => step.commands.map(show).join('; ')).join(', ')})`,
          );
          const [lock, cached] = await Promise.all([redis.exists(lockKey), redis.exists(cacheKey)]);
          expect.ok(
            lock === 0,
            `${situation}, and getPrice('${id}') threw, leaving its lock behind: ${await keyState(redis, lockKey)}, and every caller of this id waits for it. Release the lock in a finally`,
          );
          expect.ok(
            cached === 0,
            `${situation}: there is no answer to cache, but afterwards ${await keyState(redis, cacheKey)}`,
          );
        },
      });
    },
  },
  {
    name: 'the lock expires by itself within 5 seconds, even while getPrice holds it',
    async run({ race, sandboxClient, redis, expect, random }) {
      const id = idOf(random);
      const price = priceOf(random);
      const lockKey = lockKeyOf(id);
      let seen = 0;
      await race({
        calls: [['getPrice', sandboxClient, id]],
        labels: [`getPrice('${id}')`],
        interject: [['PTTL', lockKey]],
        setup: async () => {
          await redis.hset(SOURCE, id, price);
        },
        verify: async ([result], steps) => {
          expect.ok(
            result.threw === undefined && result.returned === price,
            `getPrice('${id}') must return "${price}"; it ${result.threw === undefined ? `returned ${JSON.stringify(result.returned)}` : `threw "${result.threw}"`}`,
          );
          const look = steps.find((step) => step.by === 'grader');
          const pttl = look?.reply && 'value' in look.reply ? Number(look.reply.value) : -2;
          expect.ok(
            pttl !== -1,
            `while getPrice('${id}') held ${lockKey}, the lock had no expiry (PTTL -1): a caller that crashes there would keep every other caller waiting for ever. Give it PX ${LOCK_MS} in the SET that takes it`,
          );
          expect.ok(
            pttl <= LOCK_MS,
            `while getPrice('${id}') held ${lockKey}, its PTTL was ${pttl} ms: the lock must expire within ${LOCK_MS} ms (PX ${LOCK_MS}, or EX 5)`,
          );
          // A few ms pass between the SET and this look, a second at most on a busy machine.
          expect.ok(
            pttl < 0 || pttl >= LOCK_MS - 1500,
            `while getPrice('${id}') held ${lockKey}, its PTTL was ${pttl} ms: a lock that short expires while a slow source is still loading, and a second caller loads the same price. Give it the lock's whole lifetime, PX ${LOCK_MS} (or EX 5)`,
          );
          if (pttl >= 0) seen += 1;
        },
      });
      expect.ok(
        seen > 0,
        `getPrice('${id}') never held ${lockKey} while the checks looked: on a miss, take the lock with SET ${lockKey} <token> NX PX ${LOCK_MS}`,
      );
    },
  },
  {
    name: 'getPrice deletes only its own lock, not one another caller took after it expired',
    async run({ race, sandboxClient, redis, expect, random }) {
      const id = idOf(random);
      const price = priceOf(random);
      const lockKey = lockKeyOf(id);
      let replaced = 0;
      await race({
        calls: [['getPrice', sandboxClient, id]],
        labels: [`getPrice('${id}')`],
        // Only while a lock is there, as if ours had just expired and another caller of the same
        // code took it: with a token shaped like ours, so that no test of its shape tells them apart.
        interject: [
          ['EVAL', TAKE_OVER, '1', lockKey, String(random.int(0, 1000)), String(LOCK_MS)],
        ],
        setup: async () => {
          await redis.hset(SOURCE, id, price);
        },
        verify: async ([result], steps) => {
          expect.ok(
            result.threw === undefined && result.returned === price,
            `getPrice('${id}') must return "${price}"; it ${result.threw === undefined ? `returned ${JSON.stringify(result.returned)}` : `threw "${result.threw}"`}`,
          );
          const write = steps.find((step) => step.by === 'grader');
          const theirs =
            write?.reply && 'value' in write.reply && typeof write.reply.value === 'string'
              ? write.reply.value
              : undefined;
          const held = await redis.get(lockKey);
          if (theirs !== undefined && write !== undefined) {
            replaced += 1;
            const situation = `while getPrice('${id}') was loading, its lock expired and another caller took ${lockKey} (value "${theirs}")`;
            const touched = steps
              .slice(steps.indexOf(write) + 1)
              .filter((step) => step.by !== 'grader' && writesKey(step, lockKey));
            expect.ok(
              touched.length === 0,
              `${situation}; getPrice must then leave that lock alone, but it sent ${touched.map((step) => step.commands.map(show).join('; ')).join(', ')}. Delete the lock only if it still holds your token, checked and deleted in one step (a Lua script, or WATCH … MULTI)`,
            );
            expect.ok(
              held === theirs,
              `${situation}; getPrice must then leave that lock alone, but afterwards ${await keyState(redis, lockKey)}. Delete the lock only if it still holds your token, checked and deleted in one step (a Lua script, or WATCH … MULTI)`,
            );
          } else {
            expect.ok(
              held === null,
              `getPrice('${id}') must release its own lock before returning, but afterwards ${await keyState(redis, lockKey)}`,
            );
          }
        },
      });
      expect.ok(
        replaced > 0,
        `getPrice('${id}') never held ${lockKey} while the checks looked: on a miss, take the lock with SET ${lockKey} <token> NX PX ${LOCK_MS}`,
      );
    },
  },
  {
    name: 'a caller that finds the lock taken waits, and takes it once it expires',
    async run(context) {
      // A slow holder, let go of its lock once the waiter has made a hundred steps alone (the
      // first interleaving runs the call alone that long) and HOLD_READS more: over 3 s of
      // pauses of 50 ms, within the 5 s a waiter must keep trying. Its PX is long, so that the
      // race's virtual time never reaches the lock's expiry, which it would wait for in real
      // time: a waiter pausing 100 ms makes 6.3 s of pauses meanwhile, and may give up after 5.
      await waitsForTheLock(context, {
        leftMs: 60_000,
        release: true,
        situation: (lockKey) =>
          `${lockKey} was held by another caller, slow to load the price, which let go of it seconds later without filling the cache`,
      });
      // A crashed caller's lock, left to expire in Redis, which the race waits for in real time:
      // short, then. Pauses of 10 ms or more fit in it a bounded number of times.
      const leftMs = context.random.int(150, 250);
      await waitsForTheLock(context, {
        leftMs,
        situation: (lockKey) =>
          `${lockKey} was held by a caller that crashed, and expired ${leftMs} ms later`,
      });
    },
  },
  {
    name: 'two calls that miss at the same time read db:prices once and both return the price',
    async run(context) {
      await stampede(context, 2, true);
    },
  },
  {
    name: 'three calls that miss at the same time read db:prices once and all return the price',
    async run(context) {
      await stampede(context, 3, true);
    },
  },
  {
    name: 'two calls for an unknown id at the same time read db:prices once and both return null',
    async run(context) {
      await stampede(context, 2, false);
    },
  },
  {
    name: 'getPrice reads its own keys by name, without KEYS or SCAN',
    logExecuted: true,
    async run(context) {
      const { call, sandboxClient, redis, expect, random, executed } = context;
      const { id, cacheKey } = await seed(context);
      await call('getPrice', sandboxClient, id);
      await redis.set(cacheKey, priceOf(random), 'EX', random.int(60, 300));
      await call('getPrice', sandboxClient, id);
      const searches = (await executed()).filter((command) => SEARCHES.has(command.name));
      expect.ok(
        searches.length === 0,
        `getPrice('${id}') knows its keys, ${cacheKey} and ${lockKeyOf(id)}: read them by name. KEYS and SCAN walk every key in Redis; Redis ran: ${listed(searches)}`,
      );
    },
  },
];

export default checks;
