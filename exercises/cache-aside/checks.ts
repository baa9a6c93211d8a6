import type Redis from 'ioredis';
import type {
  CheckContext,
  CheckList,
  ExecutedCommand,
  KeyChange,
  LoggedCommand,
  Random,
} from '../../grader/checks/api.ts';

interface Exports {
  getForecast(redis: Redis, city: string): Promise<string | null>;
}

const SOURCE = 'db:forecasts';
const CACHE_SECONDS = 60;
const WEATHER = ['sunny', 'light rain', 'snow', 'fog', 'thunderstorms', 'cloudy', 'windy'];

/** A city's name, capitalised as a learner might see it: a key built from it keeps its case. */
const cityName = (random: Random) => {
  const name = random.word(random.int(4, 6));
  return `${name.charAt(0).toUpperCase()}${name.slice(1)}-${random.word(3)}`;
};
const cacheKeyOf = (city: string) => `cache:forecast:${city}`;
const forecastOf = (random: Random) => `${random.pick(WEATHER)}, high of ${random.int(-5, 35)}`;

/** A forecast that differs from `other`, so that the checks can tell where an answer came from. */
function otherForecast(random: Random, other: string | undefined): string {
  let forecast = forecastOf(random);
  while (forecast === other) forecast = forecastOf(random);
  return forecast;
}

/**
 * Fills db:forecasts with several cities (random names, so that no answer can be typed in) and
 * caches a few other cities beside them, so that code which searches the cache instead of
 * reading its own key meets them. Returns the city a check asks about.
 */
async function seed(redis: Redis, random: Random, decoys: CheckContext<Exports>['decoys']) {
  const cities = new Set<string>();
  while (cities.size < 5) cities.add(cityName(random));
  const forecasts = Object.fromEntries([...cities].map((city) => [city, forecastOf(random)]));
  await redis.hset(SOURCE, forecasts);
  const city = random.pick([...cities]);
  await decoys(city, 3, (other) =>
    redis.set(cacheKeyOf(other), forecastOf(random), 'EX', random.int(10, CACHE_SECONDS)),
  );
  return { city, forecast: forecasts[city] ?? '', cacheKey: cacheKeyOf(city) };
}

/** A command as typed into redis-cli, arguments with spaces quoted. */
const show = (command: LoggedCommand) =>
  [
    command.name.toUpperCase(),
    ...command.args.map((arg) => (/[\s"]/.test(arg) || arg === '' ? JSON.stringify(arg) : arg)),
  ].join(' ');

function listed(commands: readonly ExecutedCommand[]): string {
  if (commands.length === 0) return 'nothing';
  const shown = commands
    .slice(0, 12)
    .map((command) =>
      command.script ? `${show(command)} (inside ${command.script})` : show(command),
    );
  return commands.length > 12 ? `${shown.join('; ')}; …` : shown.join('; ');
}

const SEARCHES = new Set(['keys', 'scan']);
const SCRIPT_RUNNERS = new Set(['eval', 'evalsha', 'eval_ro', 'evalsha_ro', 'fcall', 'fcall_ro']);

/**
 * The commands that reached db:forecasts, whether the learner's client sent them or a script ran
 * them. A script call that merely names the key (`EVAL … 2 cache:… db:forecasts`) reads nothing
 * by itself: what it runs is listed after it.
 */
const sourceCommands = (executed: readonly ExecutedCommand[]) =>
  executed.filter((command) => !SCRIPT_RUNNERS.has(command.name) && command.args.includes(SOURCE));

/** Whether a command reads the one field `city` of db:forecasts, and nothing more. */
function readsOnlyField(command: ExecutedCommand, city: string): boolean {
  const [key, ...fields] = command.args;
  if (key !== SOURCE || fields.length === 0 || fields.some((field) => field !== city)) return false;
  return ['hget', 'hmget', 'hexists', 'hstrlen'].includes(command.name);
}

const TTL_CHANGE: Record<NonNullable<KeyChange['ttl']>, string> = {
  kept: '',
  set: 'gave it a TTL it did not have',
  removed: 'removed its TTL, so the copy would never expire',
  reset: `set its TTL again: a copy read often would never reach its end, and could stay stale far longer than ${CACHE_SECONDS} seconds`,
};

const checks: CheckList<Exports> = [
  {
    name: 'on a miss, getForecast returns the forecast from db:forecasts',
    async run({ call, sandboxClient, expect, random, redis, decoys }) {
      const { city, forecast } = await seed(redis, random, decoys);
      const returned = await call('getForecast', sandboxClient, city);
      expect.equal(
        returned,
        forecast,
        `what getForecast('${city}') returned (${cacheKeyOf(city)} did not exist; HGET ${SOURCE} ${city} holds "${forecast}")`,
      );
    },
  },
  {
    name: 'on a miss, the forecast is stored in cache:forecast:<city>',
    async run({ call, sandboxClient, expect, random, redis, decoys }) {
      const { city, forecast, cacheKey } = await seed(redis, random, decoys);
      await call('getForecast', sandboxClient, city);
      const type = await redis.type(cacheKey);
      const keys = (await redis.keys('cache:*')).sort().join(', ');
      expect.ok(
        type !== 'none',
        `after getForecast('${city}') there is no key ${cacheKey} (the cache holds: ${keys || 'no keys'})`,
      );
      expect.equal(type, 'string', `TYPE ${cacheKey}`);
      expect.equal(await redis.get(cacheKey), forecast, `GET ${cacheKey}`);
    },
  },
  {
    name: 'the cached forecast expires after 60 seconds',
    async run({ call, sandboxClient, random, redis, decoys, expectTtl }) {
      const { city, cacheKey } = await seed(redis, random, decoys);
      await call('getForecast', sandboxClient, city);
      await expectTtl(cacheKey, { seconds: CACHE_SECONDS });
    },
  },
  {
    name: 'a miss changes no key but cache:forecast:<city>',
    async run({ call, sandboxClient, expect, random, redis, decoys, snapshot, diff }) {
      const { city, cacheKey } = await seed(redis, random, decoys);
      const before = await snapshot();
      await call('getForecast', sandboxClient, city);
      const changes = diff(before, await snapshot());
      const elsewhere = changes.outside([cacheKey]);
      expect.ok(
        elsewhere.length === 0,
        `getForecast('${city}') may write ${cacheKey} only, but it ${changes.describe(elsewhere)}`,
      );
    },
  },
  {
    name: "on a miss, db:forecasts is read for the city's field only",
    logExecuted: true,
    async run({ call, sandboxClient, expect, random, redis, decoys, executed }) {
      const { city } = await seed(redis, random, decoys);
      await call('getForecast', sandboxClient, city);
      const reads = sourceCommands(await executed());
      expect.ok(
        reads.length > 0,
        `getForecast('${city}') did not read ${SOURCE} on a miss; Redis ran: ${listed(await executed())}`,
      );
      const tooMuch = reads.filter((command) => !readsOnlyField(command, city));
      expect.ok(
        tooMuch.length === 0,
        `read one field of the slow source, HGET ${SOURCE} ${city}, not more of it; ` +
          `getForecast('${city}') sent: ${listed(tooMuch)}`,
      );
    },
  },
  {
    name: 'a hit returns the cached forecast, even when db:forecasts differs',
    async run({ call, sandboxClient, expect, random, redis, decoys }) {
      const { city, forecast, cacheKey } = await seed(redis, random, decoys);
      const cached = otherForecast(random, forecast);
      await redis.set(cacheKey, cached, 'EX', random.int(10, CACHE_SECONDS));
      const returned = await call('getForecast', sandboxClient, city);
      expect.equal(
        returned,
        cached,
        `what getForecast('${city}') returned (GET ${cacheKey} holds "${cached}", HGET ${SOURCE} ${city} holds "${forecast}")`,
      );
    },
  },
  {
    name: 'a hit does not read db:forecasts, not even from a script',
    logExecuted: true,
    async run({ call, sandboxClient, expect, random, redis, decoys, executed }) {
      const { city, cacheKey } = await seed(redis, random, decoys);
      await redis.set(cacheKey, forecastOf(random), 'EX', random.int(10, CACHE_SECONDS));
      await call('getForecast', sandboxClient, city);
      const all = await executed();
      const reads = sourceCommands(all);
      expect.ok(
        reads.length === 0,
        `${cacheKey} held a forecast, so getForecast('${city}') must answer without touching ` +
          `${SOURCE}, but Redis ran: ${listed(reads)} (all it ran: ${listed(all)})`,
      );
    },
  },
  {
    name: 'a hit leaves the cached copy and its TTL as they were',
    async run({ call, sandboxClient, expect, random, redis, decoys, snapshot, diff }) {
      const { city, cacheKey } = await seed(redis, random, decoys);
      const left = random.int(10, CACHE_SECONDS - 10);
      await redis.set(cacheKey, forecastOf(random), 'EX', left);
      const before = await snapshot();
      await call('getForecast', sandboxClient, city);
      const changes = diff(before, await snapshot());
      const own = changes.changes.find((change) => change.key === cacheKey);
      if (own?.kind === 'changed' && own.ttl && own.ttl !== 'kept') {
        expect.ok(
          false,
          `${cacheKey} had ${left} seconds left; the hit ${TTL_CHANGE[own.ttl]}. ` +
            `A hit only reads: the copy keeps the ${CACHE_SECONDS} seconds it got when it was read from ${SOURCE}` +
            (own.after ? ` (PTTL after the call: ${own.after.pttl} ms)` : ''),
        );
      }
      expect.ok(
        changes.changes.length === 0,
        `a hit only reads, but getForecast('${city}') ${changes.describe(changes.changes)}`,
      );
    },
  },
  {
    name: 'getForecast reads its own cache key, without searching with KEYS or SCAN',
    logExecuted: true,
    async run({ call, sandboxClient, expect, random, redis, decoys, executed }) {
      const { city, cacheKey } = await seed(redis, random, decoys);
      await call('getForecast', sandboxClient, city);
      await redis.set(cacheKey, forecastOf(random), 'EX', random.int(10, CACHE_SECONDS));
      await call('getForecast', sandboxClient, city);
      const all = await executed();
      const searches = all.filter((command) => SEARCHES.has(command.name));
      expect.ok(
        searches.length === 0,
        `getForecast('${city}') knows its key, ${cacheKey}: read it with GET. KEYS and SCAN walk ` +
          `every key in Redis, and KEYS blocks every other client while it does; Redis ran: ${listed(searches)}`,
      );
    },
  },
  {
    name: 'every call reads Redis afresh: a new cache or source value shows at once',
    async run({ call, sandboxClient, expect, random, redis, decoys }) {
      const { city, forecast, cacheKey } = await seed(redis, random, decoys);
      await call('getForecast', sandboxClient, city);

      // The copy expired, and the source changed meanwhile: the next call must load the new one.
      const updated = otherForecast(random, forecast);
      await redis.del(cacheKey);
      await redis.hset(SOURCE, city, updated);
      const afterExpiry = await call('getForecast', sandboxClient, city);
      expect.equal(
        afterExpiry,
        updated,
        `what getForecast('${city}') returned after ${cacheKey} expired and HGET ${SOURCE} ${city} became "${updated}" (it first returned "${forecast}")`,
      );

      const recached = otherForecast(random, updated);
      await redis.set(cacheKey, recached, 'EX', random.int(10, CACHE_SECONDS));
      const afterRecache = await call('getForecast', sandboxClient, city);
      expect.equal(
        afterRecache,
        recached,
        `what getForecast('${city}') returned once ${cacheKey} held "${recached}"`,
      );
    },
  },
  {
    name: 'a city without a forecast returns null and changes nothing',
    async run({ call, sandboxClient, expect, random, redis, decoys, snapshot, diff }) {
      const { city: known } = await seed(redis, random, decoys);
      // Shaped like a known city, so that it cannot be told apart by its name.
      let city = random.id(known);
      while ((await redis.hexists(SOURCE, city)) || (await redis.exists(cacheKeyOf(city)))) {
        city = random.id(known);
      }
      const before = await snapshot();
      const returned = await call('getForecast', sandboxClient, city);
      expect.equal(
        returned,
        null,
        `what getForecast('${city}') returned (${cacheKeyOf(city)} does not exist, HGET ${SOURCE} ${city} is nil)`,
      );
      const changes = diff(before, await snapshot());
      expect.ok(
        changes.changes.length === 0,
        `with no forecast for ${city} there is nothing to cache, but getForecast('${city}') ${changes.describe(changes.changes)}`,
      );
    },
  },
  {
    name: 'two calls that miss at the same time both return the forecast and leave it cached',
    async run({ race, sandboxClient, expect, random, redis }) {
      const city = cityName(random);
      const forecast = forecastOf(random);
      const cacheKey = cacheKeyOf(city);
      const neighbour = { [cityName(random)]: forecastOf(random) };
      await race({
        calls: [
          ['getForecast', sandboxClient, city],
          ['getForecast', sandboxClient, city],
        ],
        labels: [`getForecast('${city}')`, `getForecast('${city}')`],
        setup: async () => {
          await redis.hset(SOURCE, { ...neighbour, [city]: forecast });
        },
        verify: async ([first, second]) => {
          const said = (outcome: typeof first) =>
            outcome.threw === undefined
              ? JSON.stringify(outcome.returned)
              : `threw ${outcome.threw}`;
          expect.ok(
            first.returned === forecast && second.returned === forecast,
            `both calls must return "${forecast}" (HGET ${SOURCE} ${city}); they returned ${said(first)} and ${said(second)}`,
          );
          const [cached, pttl, keys] = await Promise.all([
            redis.get(cacheKey),
            redis.pttl(cacheKey),
            redis.keys('*'),
          ]);
          expect.ok(
            cached === forecast &&
              pttl > (CACHE_SECONDS - 2) * 1000 &&
              pttl <= CACHE_SECONDS * 1000,
            `afterwards ${cacheKey} must hold "${forecast}" for about ${CACHE_SECONDS} s; it holds ${JSON.stringify(cached)}, ` +
              (pttl === -1
                ? 'with no TTL'
                : pttl === -2
                  ? 'as there is no such key'
                  : `with PTTL ${pttl} ms`),
          );
          const extra = keys.filter((key) => key !== cacheKey && key !== SOURCE).sort();
          expect.ok(
            extra.length === 0,
            `afterwards Redis must hold ${SOURCE} and ${cacheKey} only, but it also holds ${extra.join(', ')}`,
          );
        },
      });
    },
  },
];

export default checks;
