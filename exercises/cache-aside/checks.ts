import type Redis from 'ioredis';
import type { CheckList, LoggedCommand, Random } from '../../grader/checks/api.ts';

interface Exports {
  getForecast(redis: Redis, city: string): Promise<string | null>;
}

const CITIES = ['oslo', 'lima', 'cairo', 'perth', 'quito', 'delhi', 'tokyo', 'paris', 'accra'];
const WEATHER = ['sunny', 'light rain', 'snow', 'fog', 'thunderstorms', 'cloudy', 'windy'];

const forecastOf = (random: Random) => `${random.pick(WEATHER)}, high of ${random.int(-5, 35)}`;

/**
 * Fills db:forecasts with three cities (random names, so no answer can be typed in) and returns
 * them; `pick` is the one a check asks about.
 */
async function seedSource(redis: Redis, random: Random) {
  const cities = new Set<string>();
  while (cities.size < 3) cities.add(`${random.pick(CITIES)}-${random.word(3)}`);
  const forecasts = Object.fromEntries([...cities].map((city) => [city, forecastOf(random)]));
  await redis.hset('db:forecasts', forecasts);
  const city = random.pick([...cities]);
  return { city, forecast: forecasts[city], cacheKey: `cache:forecast:${city}` };
}

/** Commands as typed into redis-cli, arguments with spaces quoted. */
const show = (commands: readonly LoggedCommand[]) =>
  commands.map((command) =>
    [
      command.name.toUpperCase(),
      ...command.args.map((arg) => (/\s/.test(arg) ? JSON.stringify(arg) : arg)),
    ].join(' '),
  );

const checks: CheckList<Exports> = [
  {
    name: 'on a miss, getForecast returns the forecast from db:forecasts',
    async run({ call, sandboxClient, expect, random, redis }) {
      const { city, forecast } = await seedSource(redis, random);
      const returned = await call('getForecast', sandboxClient, city);
      expect.equal(returned, forecast, `what getForecast returned (HGET db:forecasts ${city})`);
    },
  },
  {
    name: 'on a miss, the forecast is stored in cache:forecast:<city>',
    async run({ call, sandboxClient, expect, random, redis }) {
      const { city, forecast, cacheKey } = await seedSource(redis, random);
      await call('getForecast', sandboxClient, city);
      const keys = (await redis.keys('*')).sort().join(', ');
      expect.equal(await redis.type(cacheKey), 'string', `TYPE ${cacheKey} (Redis holds: ${keys})`);
      expect.equal(await redis.get(cacheKey), forecast, `GET ${cacheKey}`);
    },
  },
  {
    name: 'the cached forecast expires after 60 seconds',
    async run({ call, sandboxClient, expect, random, redis }) {
      const { city, cacheKey } = await seedSource(redis, random);
      await call('getForecast', sandboxClient, city);
      const ttl = await redis.ttl(cacheKey);
      const meaning =
        ttl === -1
          ? 'the key never expires (TTL -1)'
          : ttl === -2
            ? 'the key does not exist (TTL -2)'
            : `it is ${ttl} second${ttl === 1 ? '' : 's'}${ttl < 5 ? ' (PX 60 or PEXPIRE 60 means 60 milliseconds; seconds are EX and EXPIRE)' : ''}`;
      expect.ok(
        ttl > 55 && ttl <= 60,
        `TTL ${cacheKey}: expected 60 (or a few seconds less), but ${meaning}`,
      );
    },
  },
  {
    name: 'a second call is answered from the cache, without reading db:forecasts',
    async run({ call, sandboxClient, commands, expect, random, redis }) {
      const { city, forecast } = await seedSource(redis, random);
      await call('getForecast', sandboxClient, city);
      const before = commands().length;
      const returned = await call('getForecast', sandboxClient, city);
      const second = commands().slice(before);
      expect.equal(returned, forecast, `what the second getForecast('${city}') returned`);
      expect.equal(
        show(second.filter((command) => command.args.includes('db:forecasts'))),
        [],
        `commands the second getForecast('${city}') sent to db:forecasts (it sent: ${show(second).join('; ') || 'nothing'})`,
      );
    },
  },
  {
    name: 'a forecast already in the cache is returned, even when db:forecasts differs',
    async run({ call, sandboxClient, expect, random, redis }) {
      const { city, forecast, cacheKey } = await seedSource(redis, random);
      let cached = forecastOf(random);
      while (cached === forecast) cached = forecastOf(random);
      await redis.set(cacheKey, cached, 'EX', 60);
      const returned = await call('getForecast', sandboxClient, city);
      expect.equal(
        returned,
        cached,
        `what getForecast('${city}') returned (GET ${cacheKey} holds "${cached}", HGET db:forecasts ${city} holds "${forecast}")`,
      );
    },
  },
  {
    name: 'a city without a forecast returns null and caches nothing',
    async run({ call, sandboxClient, expect, random, redis }) {
      await seedSource(redis, random);
      const city = `${random.pick(CITIES)}-${random.word(5)}`; // seeded names have 3 letters after the dash
      const returned = await call('getForecast', sandboxClient, city);
      expect.equal(
        returned,
        null,
        `what getForecast('${city}') returned (HGET db:forecasts ${city} is nil)`,
      );
      const keys = (await redis.keys('*')).sort();
      expect.equal(keys, ['db:forecasts'], `KEYS * (nothing may be cached for ${city})`);
    },
  },
];

export default checks;
