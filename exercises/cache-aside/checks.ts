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

const capital = (word: string) => `${word.charAt(0).toUpperCase()}${word.slice(1)}`;

/**
 * The shapes of city names the checks use, each in every grading: code that changes the name
 * (encodes it, turns spaces into dashes, drops accents, trims it, replaces its ':', drops the
 * characters of a KEYS pattern or normalises its Unicode) or that recognises the checks' names
 * by their shape meets every one.
 */
const SHAPES = ['spaced', 'plain', 'hyphenated', 'unusual'] as const;
type Shape = (typeof SHAPES)[number];

/** A city's name, capitalised as a learner might see it: a key built from it keeps its case. */
function cityName(random: Random, shape: Shape): string {
  if (shape === 'plain') return capital(random.word(random.int(5, 8))); // Lisbon
  if (shape === 'hyphenated') {
    return `${capital(random.word(random.int(4, 6)))}-${random.word(3)}`; // Aix-les
  }
  if (shape === 'unusual') {
    // ' Ho:  Caéra [Nl*?] {Ab's "Cdef"}\tGhijkl…-mnop… ' with its ends and its double space
    // kept, é decomposed (e + U+0301), the characters a KEYS pattern treats apart, braces (a
    // Cluster hash tag, which code "cleaning" the name drops), quotes (which code escapes), a tab
    // (which code turns into a space), and over 80 characters in all (which code cuts short).
    return (
      ` ${capital(random.word(random.int(2, 4)))}:  ${capital(random.word(2))}e\u0301${random.word(2)} [${capital(random.word(2))}*?] ` +
      `{${capital(random.word(3))}'s "${capital(random.word(4))}"}\t${capital(random.word(random.int(20, 24)))}-${random.word(random.int(20, 24))} `
    );
  }
  return `${capital(random.word(random.int(2, 4)))}é ${capital(random.word(random.int(4, 6)))}`; // Québec City
}

const cacheKeyOf = (city: string) => `cache:forecast:${city}`;
// A degree sign in every forecast: bytes outside ASCII, which code that decodes Redis's replies as
// anything but UTF-8 changes.
const forecastOf = (random: Random) => `${random.pick(WEATHER)}, high of ${random.int(-5, 35)} °C`;

/**
 * A detailed forecast, as a weather service may send one: over 120 characters, with spaces and a
 * line break at its ends, so that code which trims forecasts, or caches only short ones, changes
 * or skips it. Under 200 characters, so that the command log shows it whole.
 */
function detailedForecastOf(random: Random): string {
  let text = `${capital(random.pick(WEATHER))}, high of ${random.int(-5, 35)}.`;
  while (text.length < 120) {
    text += ` Then ${random.pick(WEATHER)} from ${random.int(1, 12)} ${random.pick(['am', 'pm'])}.`;
  }
  return `  ${text}\n `;
}

/**
 * A forecast of about 100 KiB (a week, hour by hour, say): past every round size code might stop
 * caching at (1,000 characters, 4 KiB, 64 KiB). Only check 2 uses it, so that other checks' command
 * logs stay short.
 */
function hugeForecastOf(random: Random): string {
  const hours: string[] = [];
  for (let length = 0; length < 100 * 1024; ) {
    const hour = `${random.int(0, 23)}h ${random.pick(WEATHER)}, ${random.int(-5, 35)} °C.`;
    hours.push(hour);
    length += Buffer.byteLength(hour) + 1;
  }
  return hours.join(' ');
}

/** A forecast that differs from `other`, so that the checks can tell where an answer came from. */
function otherForecast(random: Random, other: string | undefined): string {
  let forecast = forecastOf(random);
  while (forecast === other) forecast = forecastOf(random);
  return forecast;
}

/** The city with the detailed forecast: the first of the others named 'plain' (see `seed`). */
const DETAILED = 2;

interface City {
  city: string;
  forecast: string;
  cacheKey: string;
  shape: Shape;
}

/**
 * Fills db:forecasts with several cities of every shape (random names, so that no answer can be
 * typed in), one of them with an empty forecast and one with a detailed one, and caches a few
 * other cities beside them, so that code which searches the cache instead of reading its own key
 * meets them. Returns the city a check asks about (of the shape it names), the city whose
 * forecast is empty, the one whose forecast is detailed (a plain name), and all of them.
 */
async function seed(
  redis: Redis,
  random: Random,
  decoys: CheckContext<Exports>['decoys'],
  shape: Shape = 'spaced',
) {
  const names = new Map<string, Shape>([[cityName(random, shape), shape]]);
  for (let next = 0; names.size < 6; next++) {
    const other = SHAPES[next % SHAPES.length] ?? shape;
    names.set(cityName(random, other), other);
  }
  const cities: City[] = [...names].map(([city, cityShape], index) => ({
    city,
    // The last one is empty: an empty string is a forecast too, not a missing one.
    forecast:
      index === names.size - 1
        ? ''
        : index === DETAILED
          ? detailedForecastOf(random)
          : forecastOf(random),
    cacheKey: cacheKeyOf(city),
    shape: cityShape,
  }));
  await redis.hset(SOURCE, Object.fromEntries(cities.map((one) => [one.city, one.forecast])));
  const [asked, ...others] = cities as [City, ...City[]];
  await decoys(asked.city, 3, (other) =>
    redis.set(cacheKeyOf(other), forecastOf(random), 'EX', random.int(10, CACHE_SECONDS)),
  );
  const blank = others[others.length - 1] as City;
  const detailed = cities[DETAILED] as City;
  return { ...asked, blank, detailed, others: others.slice(0, -1), cities };
}

/**
 * Caches copies that are hits however unusual: a forecast about to expire, an empty forecast
 * with no TTL (written by some other program), an ordinary one well inside its minute, and a
 * detailed one under the unusual name with far more than a minute left (another program's too),
 * so that code which treats hits differently by the time they have left, or looks a name up
 * other than as given, meets them all. The one about to expire comes first, and is written last.
 */
async function seedHits(redis: Redis, random: Random, others: readonly City[]) {
  const unusual = others.find((one) => one.shape === 'unusual') ?? (others[3] as City);
  const [first, second, third] = others.filter((one) => one !== unusual) as [City, City, City];
  const empty = { ...second, value: '', left: 'no TTL' };
  const seconds = random.int(10, CACHE_SECONDS - 5);
  const fresh = {
    ...third,
    value: otherForecast(random, third.forecast),
    left: `${seconds} s left`,
  };
  const longSeconds = random.int(2 * CACHE_SECONDS, 3_600);
  const long = { ...unusual, value: detailedForecastOf(random), left: `${longSeconds} s left` };
  // Long enough to outlast the call that comes first, short enough for code that "refreshes
  // ahead" of expiry with a margin of 2 s or more.
  const ms = random.int(1_500, 1_900);
  const soon = { ...first, value: otherForecast(random, first.forecast), left: `${ms} ms left` };
  await redis.set(empty.cacheKey, empty.value);
  await redis.set(fresh.cacheKey, fresh.value, 'EX', seconds);
  await redis.set(long.cacheKey, long.value, 'EX', longSeconds);
  await redis.set(soon.cacheKey, soon.value, 'PX', ms);
  return [soon, empty, fresh, long];
}

const describeCopy = (copy: { cacheKey: string; value: string; left: string }) =>
  `${copy.cacheKey} held ${JSON.stringify(copy.value)} (${copy.left})`;

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

/**
 * The writes Redis ran for the learner to keys other than `allowed`, scripts' included. A key
 * written and deleted within the call (a lock) leaves no trace in a snapshot, but shows here.
 */
const writesOutside = (executed: readonly ExecutedCommand[], allowed: string) =>
  executed.filter((command) => command.write && command.keys.some((key) => key !== allowed));

/**
 * Writes to keys, scripts' included; FUNCTION LOAD writes too, but names no key. GETEX with no
 * option is flagged a write by Redis, yet reads the key as GET does and changes nothing.
 */
const keyWrites = (executed: readonly ExecutedCommand[]) =>
  executed.filter(
    (command) =>
      command.write &&
      command.keys.length > 0 &&
      !(command.name === 'getex' && command.args.length === 1),
  );

/** Writes that change a key's expiry or remove it, and put no value in it. */
const VALUELESS_WRITES = new Set([
  'expire',
  'pexpire',
  'expireat',
  'pexpireat',
  'persist',
  'getex',
  'getdel',
  'del',
  'unlink',
]);

/**
 * Writes to `key` that put something other than `forecast` in it: a "loading" placeholder, say,
 * which any other reader of the cache would take for the forecast.
 */
const otherValuesWritten = (executed: readonly ExecutedCommand[], key: string, forecast: string) =>
  executed.filter(
    (command) =>
      command.write &&
      command.keys.includes(key) &&
      !VALUELESS_WRITES.has(command.name) &&
      !command.args.includes(forecast),
  );

/**
 * Commands that name no key yet have a use in getForecast: transactions, loading and running
 * scripts, and the server's clock for an absolute expiry. Anything else that names no key (INFO,
 * DBSIZE, CLIENT, CONFIG…) asks about the server, not about a forecast.
 */
const KEYLESS_ALLOWED = new Set([
  'multi',
  'exec',
  'discard',
  'unwatch',
  'script',
  'function',
  'time',
  'ping',
  'echo',
  ...SCRIPT_RUNNERS,
]);

/**
 * Commands that ask Redis about anything but `cacheKey` and db:forecasts: other keys, KEYS and
 * SCAN, or the server (DBSIZE, INFO…), which serves no forecast and only lets code behave
 * differently where it is watched.
 */
function askedElsewhere(executed: readonly ExecutedCommand[], cacheKey: string) {
  const own = new Set([cacheKey, SOURCE]);
  return executed.filter((command) =>
    command.keys.length > 0
      ? command.keys.some((key) => !own.has(key))
      : !KEYLESS_ALLOWED.has(command.name),
  );
}

interface Miss {
  city: string;
  cacheKey: string;
  forecast: string;
}

/** What a miss ran against each rule every miss keeps, with what the rule asks instead. */
const missRules = (executed: readonly ExecutedCommand[], { city, cacheKey, forecast }: Miss) => [
  {
    broken: sourceCommands(executed).filter((command) => !readsOnlyField(command, city)),
    instead: `read one field of the slow source, HGET ${SOURCE} ${city}, not more of it`,
  },
  {
    broken: [
      ...writesOutside(executed, cacheKey),
      ...otherValuesWritten(executed, cacheKey, forecast),
    ],
    instead: `write ${cacheKey} only, once, with the forecast: no lock, no placeholder`,
  },
  {
    broken: askedElsewhere(executed, cacheKey),
    instead: `ask Redis about ${cacheKey} and ${SOURCE} only, not about the server or other keys`,
  },
];

const TTL_CHANGE: Record<NonNullable<KeyChange['ttl']>, string> = {
  kept: '',
  set: 'gave it a TTL it did not have',
  removed: 'removed its TTL, so the copy would never expire',
  reset: `set its TTL again: a copy read often would never reach its end, and could stay stale far longer than ${CACHE_SECONDS} seconds`,
};

const checks: CheckList<Exports> = [
  // First in the list, so that its first call is the module's first call of the grading: code
  // careless on its first call only (a whole-source read "to check the source is up", a DBSIZE,
  // a placeholder "while cold") meets the rules its later misses keep. The later checks judge
  // later calls, and a race's first interleaving runs the calls one after the other.
  {
    name: 'on a miss, getForecast returns the forecast from db:forecasts',
    logExecuted: true,
    async run({ call, sandboxClient, expect, random, redis, decoys, executed }) {
      const { city, forecast, cacheKey, blank, detailed } = await seed(redis, random, decoys);
      const returned = await call('getForecast', sandboxClient, city);
      expect.equal(
        returned,
        forecast,
        `what getForecast('${city}') returned (${cacheKeyOf(city)} did not exist; HGET ${SOURCE} ${city} holds "${forecast}")`,
      );
      const firstRan = await executed();
      const long = await call('getForecast', sandboxClient, detailed.city);
      expect.equal(
        long,
        detailed.forecast,
        `what getForecast('${detailed.city}') returned (${detailed.cacheKey} did not exist; HGET ${SOURCE} ${detailed.city} holds ` +
          `${JSON.stringify(detailed.forecast)}, ${detailed.forecast.length} characters, to be returned as they are, spaces and line break included)`,
      );
      const secondRan = (await executed()).slice(firstRan.length);
      const empty = await call('getForecast', sandboxClient, blank.city);
      expect.equal(
        empty,
        '',
        `what getForecast('${blank.city}') returned (${blank.cacheKey} did not exist; HGET ${SOURCE} ${blank.city} holds "", ` +
          'an empty forecast, which is a forecast all the same: only nil means none)',
      );
      const thirdRan = (await executed()).slice(firstRan.length + secondRan.length);
      // A rule a later miss breaks too is left to the check about it, which says more.
      const later = [missRules(secondRan, detailed), missRules(thirdRan, blank)];
      for (const [index, { broken, instead }] of missRules(firstRan, {
        city,
        cacheKey,
        forecast,
      }).entries()) {
        expect.ok(
          broken.length === 0 || later.some((rules) => (rules[index]?.broken.length ?? 0) > 0),
          `the grading's first call of getForecast, getForecast('${city}'), a miss, made Redis run: ${listed(broken)}, ` +
            `which the later misses did not. A program's first call is a miss like any other (every server that starts makes one): ${instead}`,
        );
      }
    },
  },
  {
    name: 'on a miss, the forecast is stored in cache:forecast:<city>',
    async run({ call, sandboxClient, expect, random, redis, decoys }) {
      const { blank, cities, detailed, ...asked } = await seed(redis, random, decoys);
      const unusual = cities.filter((one) => one.shape === 'unusual' && one.forecast !== '');
      const hugeCity = cityName(random, 'plain');
      const huge: City = {
        city: hugeCity,
        forecast: hugeForecastOf(random),
        cacheKey: cacheKeyOf(hugeCity),
        shape: 'plain',
      };
      await redis.hset(SOURCE, huge.city, huge.forecast);
      for (const { city, forecast, cacheKey, shape } of [
        asked,
        ...unusual,
        detailed,
        huge,
        blank,
      ]) {
        const cachedBefore = new Set(await redis.keys('cache:*'));
        await call('getForecast', sandboxClient, city);
        // In one round trip, so that a copy given a TTL of milliseconds is still there to be
        // read: its TTL is the next check's to judge.
        const [[, type], [, value], [, cachedAfter]] = ((await redis
          .pipeline()
          .type(cacheKey)
          .get(cacheKey)
          .keys('cache:*')
          .exec()) ?? []) as [[unknown, string], [unknown, string | null], [unknown, string[]]];
        const keys = cachedAfter
          .sort()
          .map((key) => JSON.stringify(key))
          .join(', ');
        // No new key at all may also mean the forecast was not cached (a long one, say).
        const made = cachedAfter.some((key) => !cachedBefore.has(key));
        expect.ok(
          type !== 'none',
          `after getForecast(${JSON.stringify(city)}) there is no key ${JSON.stringify(cacheKey)}` +
            (made
              ? ': '
              : `, nor any new key in the cache, though HGET ${SOURCE} holds a forecast of ${forecast.length} characters for that name: ` +
                'cache every forecast the source has, long or short, and ') +
            "keep the city's name as given, " +
            (shape === 'unusual'
              ? "character for character: its spaces at both ends and doubled, its ':', its [ * ? ], its { }, its quotes, its tab, its é written as e + U+0301, and all of its length (do not trim, escape, replace, drop, cut or normalise any of it)"
              : 'spaces and accents included') +
            ` (the cache holds: ${keys || 'no keys'})`,
        );
        expect.equal(type, 'string', `TYPE ${cacheKey}`);
        if (forecast.length > 1_000) {
          // Too long to show whole: say where the copy parts from the forecast.
          let at = 0;
          while (at < forecast.length && value?.[at] === forecast[at]) at++;
          expect.ok(
            value === forecast,
            `GET ${cacheKey} holds ${value?.length ?? 0} characters, but HGET ${SOURCE} ${city} holds ` +
              `${forecast.length}; they part at character ${at}. Store the forecast exactly as the source holds it, however long`,
          );
        } else {
          expect.equal(value, forecast, `GET ${cacheKey}`);
        }
      }
    },
  },
  {
    name: 'the cached forecast expires after 60 seconds',
    async run({ call, sandboxClient, expect, random, redis, decoys, expectTtl }) {
      const { cities, blank } = await seed(redis, random, decoys);
      // One city of every shape, and the empty forecast: the TTL depends neither on what the
      // name looks like nor on the forecast.
      const asked = SHAPES.flatMap((shape) => {
        const one = cities.find((city) => city.shape === shape && city.forecast !== '');
        return one ? [one] : [];
      });
      for (const one of [...asked, blank]) {
        const [seconds, micros] = await redis.time();
        const began = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
        await call('getForecast', sandboxClient, one.city);
        await expectTtl(one.cacheKey, { seconds: CACHE_SECONDS });
        // Measured from the call's start by Redis's clock, the expiry tells a TTL cut short from
        // the time a slow machine took to read it. EXAT rounded down to a whole second loses up
        // to 999 ms; 100 ms more allow for the learner's clock against Redis's. A TTL cut by
        // less than that cannot be told from a right one.
        const expiresAt = await redis.pexpiretime(one.cacheKey);
        const lived = expiresAt - began;
        expect.ok(
          lived >= CACHE_SECONDS * 1000 - 1_100,
          `getForecast(${JSON.stringify(one.city)}) gave ${one.cacheKey} ${lived} ms to live, counted from the moment ` +
            `the call began (PEXPIRETIME ${expiresAt}): give the copy the whole ${CACHE_SECONDS} seconds, ` +
            `SET … EX ${CACHE_SECONDS}, with no margin taken off`,
        );
      }
    },
  },
  {
    name: 'a miss writes no key but cache:forecast:<city>, and nothing but the forecast there',
    logExecuted: true,
    async run({ call, sandboxClient, expect, random, redis, decoys, snapshot, diff, executed }) {
      const { city, cacheKey, forecast } = await seed(redis, random, decoys);
      const before = await snapshot();
      await call('getForecast', sandboxClient, city);
      const changes = diff(before, await snapshot());
      const elsewhere = changes.outside([cacheKey]);
      expect.ok(
        elsewhere.length === 0,
        `getForecast('${city}') may write ${cacheKey} only, but it ${changes.describe(elsewhere)}`,
      );
      const writes = writesOutside(await executed(), cacheKey);
      expect.ok(
        writes.length === 0,
        `getForecast('${city}') may write ${cacheKey} only, but Redis ran: ${listed(writes)}. ` +
          'A key made and deleted within the call (a lock, say) is a write too: cache-aside needs none',
      );
      const placeholders = otherValuesWritten(await executed(), cacheKey, forecast);
      expect.ok(
        placeholders.length === 0,
        `getForecast('${city}') may store only the forecast, "${forecast}", in ${cacheKey}, but Redis ran: ` +
          `${listed(placeholders)}. Another reader of the cache takes whatever the key holds for a ` +
          'forecast: write the key once, with the forecast, when you have it',
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
      const { city, forecast, cacheKey } = await seed(redis, random, decoys, 'plain');
      // A bare temperature, which JSON.parse would turn into a number: a string is cached, and
      // the same string comes back.
      const cached = String(random.int(-5, 35));
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
      const { others } = await seed(redis, random, decoys, 'plain');
      for (const copy of await seedHits(redis, random, others)) {
        const start = (await executed()).length;
        const returned = await call('getForecast', sandboxClient, copy.city);
        const all = (await executed()).slice(start);
        const reads = sourceCommands(all);
        expect.ok(
          reads.length === 0,
          `${describeCopy(copy)}, a hit, so getForecast('${copy.city}') must answer without touching ` +
            `${SOURCE}, but Redis ran: ${listed(reads)} (all it ran: ${listed(all)})`,
        );
        expect.equal(
          returned,
          copy.value,
          `what getForecast('${copy.city}') returned (${describeCopy(copy)})`,
        );
      }
    },
  },
  {
    name: 'a hit leaves the cached copy and its TTL as they were',
    logExecuted: true,
    async run({ call, sandboxClient, expect, random, redis, decoys, snapshot, diff, executed }) {
      const { others } = await seed(redis, random, decoys, 'hyphenated');
      const copies = await seedHits(redis, random, others);
      const before = await snapshot();
      const written: { copy: (typeof copies)[number]; writes: ExecutedCommand[] }[] = [];
      for (const copy of copies) {
        const start = (await executed()).length;
        await call('getForecast', sandboxClient, copy.city);
        written.push({ copy, writes: keyWrites((await executed()).slice(start)) });
      }
      const changes = diff(before, await snapshot());
      // The copy about to expire may have done so by now: that is its TTL at work, not the
      // code's. Code that deleted it made Redis run a write, which the writes below show.
      const [seconds, micros] = await redis.time();
      const now = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
      const byCode = changes.changes.filter(
        (change) =>
          !(
            change.kind === 'deleted' &&
            change.before &&
            change.before.expiresAt > 0 &&
            change.before.expiresAt <= now
          ),
      );
      for (const copy of copies) {
        const own = byCode.find((change) => change.key === copy.cacheKey);
        if (own?.kind === 'changed' && own.ttl && own.ttl !== 'kept') {
          expect.ok(
            false,
            `${describeCopy(copy)}; the hit ${TTL_CHANGE[own.ttl]}. A hit only reads: the copy keeps ` +
              `the TTL it has, whatever it is` +
              (own.after ? ` (PTTL after the call: ${own.after.pttl} ms)` : ''),
          );
        }
      }
      expect.ok(
        byCode.length === 0,
        `a hit only reads, but getForecast for ${copies.map((copy) => `'${copy.city}'`).join(', ')} ` +
          `(${copies.map(describeCopy).join(', ')}) ${changes.describe(byCode)}`,
      );
      // The same value written back with KEEPTTL leaves no trace in a snapshot, but is a write.
      for (const { copy, writes } of written) {
        expect.ok(
          writes.length === 0,
          `${describeCopy(copy)}, a hit, and a hit only reads; but getForecast('${copy.city}') made ` +
            `Redis run: ${listed(writes)}. Return the copy without writing it, not even the same value back`,
        );
      }
    },
  },
  {
    name: 'getForecast reads its own cache key, without searching with KEYS or SCAN, and asks Redis about nothing else',
    logExecuted: true,
    async run({ call, sandboxClient, expect, random, redis, decoys, executed }) {
      const { city, cacheKey } = await seed(redis, random, decoys, 'hyphenated');
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
      const elsewhere = askedElsewhere(all, cacheKey);
      expect.ok(
        elsewhere.length === 0,
        `getForecast('${city}') needs ${cacheKey} and ${SOURCE} only, but Redis ran: ${listed(elsewhere)}. ` +
          'Ask Redis about those two keys alone, not about the server or other keys',
      );
    },
  },
  {
    name: 'every call reads Redis afresh: a new cache or source value shows at once',
    async run({ call, sandboxClient, expect, random, redis, decoys }) {
      const { city, forecast, cacheKey, blank } = await seed(redis, random, decoys, 'plain');

      // Not in the source yet, then added: a null must not be remembered either.
      await redis.hdel(SOURCE, city);
      const unknown = await call('getForecast', sandboxClient, city);
      expect.equal(
        unknown,
        null,
        `what getForecast('${city}') returned while ${SOURCE} had no field ${city}`,
      );
      // The cache is cleared too, so that only a null remembered in memory can answer.
      await redis.del(cacheKey);
      await redis.hset(SOURCE, city, forecast);
      const added = await call('getForecast', sandboxClient, city);
      expect.equal(
        added,
        forecast,
        `what getForecast('${city}') returned once HGET ${SOURCE} ${city} became "${forecast}" (before that it had returned null)`,
      );

      // The copy expired, and the source changed meanwhile: the next call must load the new one.
      const updated = otherForecast(random, forecast);
      await redis.del(cacheKey);
      await redis.hset(SOURCE, city, updated);
      const afterExpiry = await call('getForecast', sandboxClient, city);
      expect.equal(
        afterExpiry,
        updated,
        `what getForecast('${city}') returned after ${cacheKey} expired and HGET ${SOURCE} ${city} became "${updated}" (it had returned "${forecast}")`,
      );

      // Rewritten by another program with the same expiry: only a GET tells the new value.
      const recached = otherForecast(random, updated);
      await redis.set(cacheKey, recached, 'KEEPTTL');
      const afterRecache = await call('getForecast', sandboxClient, city);
      expect.equal(
        afterRecache,
        recached,
        `what getForecast('${city}') returned once ${cacheKey} held "${recached}" (rewritten with SET … KEEPTTL, so its expiry did not move)`,
      );

      // An empty forecast is no reason to stop asking: it may be filled in later.
      const filled = otherForecast(random, '');
      const empty = await call('getForecast', sandboxClient, blank.city);
      await redis.del(blank.cacheKey);
      await redis.hset(SOURCE, blank.city, filled);
      const afterEmpty = await call('getForecast', sandboxClient, blank.city);
      expect.equal(
        afterEmpty,
        filled,
        `what getForecast('${blank.city}') returned after ${blank.cacheKey} expired and HGET ${SOURCE} ${blank.city} became "${filled}" (it had returned ${JSON.stringify(empty)}, the empty forecast it held)`,
      );

      // Gone from the cache and the source: nothing in Redis, so nothing to return.
      await redis.del(cacheKey);
      await redis.hdel(SOURCE, city);
      const gone = await call('getForecast', sandboxClient, city);
      expect.equal(
        gone,
        null,
        `what getForecast('${city}') returned after ${cacheKey} expired and HDEL ${SOURCE} ${city} removed its forecast (it had returned "${recached}")`,
      );
    },
  },
  {
    name: 'a city without a forecast returns null and changes nothing',
    logExecuted: true,
    async run({ call, sandboxClient, expect, random, redis, decoys, snapshot, diff, executed }) {
      const { city: known } = await seed(redis, random, decoys);
      // Shaped like a known city, so that it cannot be told apart by its name.
      let city = random.id(known);
      while ((await redis.hexists(SOURCE, city)) || (await redis.exists(cacheKeyOf(city)))) {
        city = random.id(known);
      }
      // Look-alike names that the source does know: code that falls back to another spelling
      // of the name (lower or upper case, trimmed, NFC) finds another city's forecast.
      const alikes = [
        ...new Set([
          city.toLowerCase(),
          city.toUpperCase(),
          city.normalize('NFC'),
          city.normalize('NFD'),
          city.trim(),
        ]),
      ].filter((alike) => alike !== city);
      for (const alike of alikes) await redis.hset(SOURCE, alike, forecastOf(random));
      const before = await snapshot();
      const returned = await call('getForecast', sandboxClient, city);
      expect.equal(
        returned,
        null,
        `what getForecast('${city}') returned (${cacheKeyOf(city)} does not exist, HGET ${SOURCE} ${city} is nil` +
          (alikes.length > 0
            ? `; ${SOURCE} has fields ${alikes.map((alike) => JSON.stringify(alike)).join(', ')}, other cities: a name is its field character for character, with no other spelling tried`
            : '') +
          ')',
      );
      const others = sourceCommands(await executed()).filter(
        (command) => !readsOnlyField(command, city),
      );
      expect.ok(
        others.length === 0,
        `getForecast('${city}') found no field ${city} in ${SOURCE}, and that is the answer: null. ` +
          `Read that one field only, with no other spelling of the name tried after it; Redis ran: ${listed(others)}`,
      );
      const changes = diff(before, await snapshot());
      expect.ok(
        changes.changes.length === 0,
        `with no forecast for ${city} there is nothing to cache, but getForecast('${city}') ${changes.describe(changes.changes)}`,
      );
      // A placeholder written and deleted again leaves the snapshots alike.
      const writes = keyWrites(await executed());
      expect.ok(
        writes.length === 0,
        `with no forecast for ${city} there is nothing to write, but getForecast('${city}') made Redis run: ` +
          `${listed(writes)}. Write the cache key only once you have a forecast to put in it`,
      );
    },
  },
  {
    name: 'two calls that miss at the same time both return the forecast and leave it cached',
    async run({ race, sandboxClient, expect, random, redis }) {
      // An empty forecast too: a loser that re-reads the winner's copy must not take '' for none.
      for (const forecast of [forecastOf(random), '']) {
        const city = cityName(random, 'plain');
        const cacheKey = cacheKeyOf(city);
        const neighbour = { [cityName(random, 'spaced')]: forecastOf(random) };
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
      }
    },
  },
  {
    name: 'calls for different cities at the same time each return and cache their own forecast',
    async run({ call, sandboxClient, expect, random, redis, decoys }) {
      // Two requests to one server, for two cities, at once: what a call needs (its key, its
      // forecast) kept in a module variable and read again after an await is the other call's.
      const { cities } = await seed(redis, random, decoys);
      const [one, other] = cities.filter((city) => city.forecast !== '') as [City, City];
      const both = [one, other];
      const describe = (city: City) => `getForecast(${JSON.stringify(city.city)})`;
      for (const round of ['miss', 'hit'] as const) {
        const expected = both.map((city) => city.forecast);
        if (round === 'hit') {
          // Cached copies that differ from the source: a hit answers the copy.
          for (const [index, city] of both.entries()) {
            expected[index] = otherForecast(random, city.forecast);
            await redis.set(city.cacheKey, expected[index] as string, 'EX', CACHE_SECONDS);
          }
        }
        const answers = await Promise.all(
          both.map((city) => call('getForecast', sandboxClient, city.city)),
        );
        for (const [index, city] of both.entries()) {
          const twin = both[1 - index] as City;
          const said = `${describe(city)}, called at the same time as ${describe(twin)} (${round === 'miss' ? 'neither cached' : 'both cached'})`;
          const keep =
            '. Keep what a call needs (its key, its forecast) in variables of its own, never in ' +
            'the module, where a call that starts meanwhile changes it';
          expect.ok(
            answers[index] === expected[index],
            `${said} returned ${JSON.stringify(answers[index])}, expected ${JSON.stringify(expected[index])}${keep}`,
          );
          const cached = await redis.get(city.cacheKey);
          expect.ok(
            cached === expected[index],
            `after ${said}, ${city.cacheKey} holds ${JSON.stringify(cached)}, expected ${JSON.stringify(expected[index])}${keep}`,
          );
        }
      }
    },
  },
];

export default checks;
