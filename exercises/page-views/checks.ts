import type Redis from 'ioredis';
import type { CheckList, LoggedCommand, Random } from '../../grader/checks/api.ts';

interface Exports {
  recordView(redis: Redis, page: string): Promise<number>;
  countViews(redis: Redis, pages: string[]): Promise<number[]>;
  claimName(redis: Redis, name: string, userId: string): Promise<boolean>;
}

/** `count` different page names, so that no two pages share a key. */
function pageNames(random: Random, count: number): string[] {
  const names = new Set<string>();
  while (names.size < count) names.add(random.word(random.int(5, 8)));
  return [...names];
}

function userId(random: Random): string {
  return String(random.int(10_000, 99_999));
}

/** The learner's commands as they would be typed, e.g. `get views:home, set views:home 42`. */
function listed(commands: readonly LoggedCommand[]): string {
  if (commands.length === 0) return 'no commands';
  // An object argument (hset(key, { … })) is logged as '[object Object]': show it as { … }.
  const shown = (arg: string) => (arg === '[object Object]' ? '{ … }' : arg);
  return commands.map((command) => [command.name, ...command.args.map(shown)].join(' ')).join(', ');
}

const checks: CheckList<Exports> = [
  {
    name: 'recordView adds one to views:<page> and returns the new count',
    async run({ call, sandboxClient, redis, expect, random }) {
      const [page = 'home', fresh = 'blog'] = pageNames(random, 2);
      const before = random.int(20, 900);
      await redis.set(`views:${page}`, before);

      const returned = await call('recordView', sandboxClient, page);
      expect.equal(await redis.type(`views:${page}`), 'string', `TYPE views:${page}`);
      expect.equal(
        await redis.get(`views:${page}`),
        String(before + 1),
        `GET views:${page} (it held ${before} before recordView('${page}'))`,
      );
      expect.equal(returned, before + 1, `the number recordView('${page}') returned`);

      const first = await call('recordView', sandboxClient, fresh);
      expect.equal(
        await redis.get(`views:${fresh}`),
        '1',
        `GET views:${fresh} after the first view of a page that had no counter`,
      );
      expect.equal(first, 1, `the number recordView('${fresh}') returned for a first view`);
    },
  },
  {
    name: 'recordView counts with INCR, so that no view is lost',
    async run({ call, sandboxClient, redis, commands, expect, random }) {
      const [page = 'home'] = pageNames(random, 1);
      await redis.set(`views:${page}`, random.int(20, 900));
      await call('recordView', sandboxClient, page);
      const sent = commands();
      const counted = sent.some(
        (command) =>
          (command.name === 'incr' || command.name === 'incrby') &&
          command.args[0] === `views:${page}`,
      );
      expect.ok(
        counted,
        `recordView('${page}') must add to views:${page} with INCR, one command that Redis ` +
          'runs as a whole, so that two servers counting at once cannot overwrite each other; ' +
          `it sent: ${listed(sent)}`,
      );
      const rewrites = sent.filter(
        (command) => command.name !== 'incr' && command.name !== 'incrby',
      );
      expect.ok(
        rewrites.length === 0,
        `recordView needs INCR alone; it also sent: ${listed(rewrites)}`,
      );
    },
  },
  {
    name: "countViews returns each page's count in order, 0 for a page never viewed",
    async run({ call, sandboxClient, redis, expect, random }) {
      const pages = pageNames(random, 5);
      // At least one page has a counter and at least one has none; the rest is chance.
      const missing = random.int(0, pages.length - 1);
      const present = (missing + random.int(1, pages.length - 1)) % pages.length;
      const expected = pages.map((_, index) =>
        index === missing || (index !== present && random.int(0, 2) === 0)
          ? 0
          : random.int(1, 5000),
      );
      for (const [index, page] of pages.entries()) {
        const count = expected[index] ?? 0;
        if (count > 0) await redis.set(`views:${page}`, count);
      }
      const held = await redis.mget(pages.map((page) => `views:${page}`));

      const returned = await call('countViews', sandboxClient, pages);
      expect.equal(
        returned,
        expected,
        `countViews(${JSON.stringify(pages)}), while MGET of their views:<page> keys answers [${held
          .map((value) => (value === null ? 'nil' : JSON.stringify(value)))
          .join(', ')}]`,
      );
    },
  },
  {
    name: 'countViews reads every counter with one MGET',
    async run({ call, sandboxClient, redis, commands, expect, random }) {
      const pages = pageNames(random, 4);
      for (const page of pages.slice(0, 2)) await redis.set(`views:${page}`, random.int(1, 900));
      await call('countViews', sandboxClient, pages);
      const sent = commands();
      const mgets = sent.filter((command) => command.name === 'mget').length;
      expect.ok(
        mgets === 1 && sent.length === 1,
        `countViews(${JSON.stringify(pages)}) must read the ${pages.length} counters in one ` +
          `round trip, with a single MGET; it sent: ${listed(sent)}`,
      );
    },
  },
  {
    name: 'claimName stores the user id under username:<name> and returns true',
    async run({ call, sandboxClient, redis, expect, random }) {
      const name = random.word(random.int(4, 9));
      const id = userId(random);
      const claimed = await call('claimName', sandboxClient, name, id);
      expect.equal(await redis.type(`username:${name}`), 'string', `TYPE username:${name}`);
      expect.equal(await redis.get(`username:${name}`), id, `GET username:${name}`);
      expect.equal(claimed, true, `what claimName('${name}', '${id}') returned for a free name`);
    },
  },
  {
    name: 'claimName leaves a name someone holds untouched and returns false',
    async run({ call, sandboxClient, redis, expect, random }) {
      const name = random.word(random.int(4, 9));
      const holder = userId(random);
      const latecomer = String(Number(holder) + random.int(1, 999));
      const leftMs = random.int(60, 300) * 1000;
      await redis.set(`username:${name}`, holder, 'PX', leftMs);

      const claimed = await call('claimName', sandboxClient, name, latecomer);
      expect.equal(
        await redis.get(`username:${name}`),
        holder,
        `GET username:${name} (user ${holder} held it before user ${latecomer} tried to claim it)`,
      );
      const pttl = await redis.pttl(`username:${name}`);
      expect.ok(
        pttl > 0 && pttl <= leftMs,
        `PTTL username:${name}: the holder's claim had ${leftMs} ms left and must keep that ` +
          `expiry, but now ${pttl === -1 ? 'it never expires' : `it has ${pttl} ms`}`,
      );
      expect.equal(
        claimed,
        false,
        `what claimName('${name}', '${latecomer}') returned for a name user ${holder} holds`,
      );
    },
  },
  {
    name: 'a claimed name expires after 600 seconds',
    async run({ call, sandboxClient, redis, expect, random }) {
      const name = random.word(random.int(4, 9));
      await call('claimName', sandboxClient, name, userId(random));
      const ttl = await redis.ttl(`username:${name}`);
      const seen =
        ttl === -2
          ? 'TTL answers -2: there is no such key'
          : ttl === -1
            ? 'TTL answers -1: the key never expires'
            : `TTL answers ${ttl}${ttl < 10 ? ' (600 milliseconds is PX 600; seconds are EX)' : ''}`;
      expect.ok(
        ttl >= 595 && ttl <= 600,
        `TTL username:${name} must be 600 seconds (or a moment less) right after the claim; ${seen}`,
      );
    },
  },
  {
    name: 'claimName stores the name and its expiry in one SET command',
    async run({ call, sandboxClient, commands, expect, random }) {
      const name = random.word(random.int(4, 9));
      await call('claimName', sandboxClient, name, userId(random));
      const sent = commands();
      const [only] = sent;
      const single = sent.length === 1 && only?.name === 'set';
      const options = single ? only.args.slice(2).map((arg) => arg.toUpperCase()) : [];
      const problem =
        sent.length === 0
          ? 'it sent nothing to Redis'
          : !single
            ? 'with two commands, a crash between them can leave the name taken with no expiry'
            : !options.includes('NX')
              ? 'without NX, the SET overwrites a name someone already holds'
              : !options.includes('EX') && !options.includes('PX')
                ? 'without EX, the claim never expires'
                : undefined;
      expect.ok(
        problem === undefined,
        `claimName must claim username:${name} with a single SET … EX 600 NX: ${problem}` +
          (sent.length > 0 ? `; it sent: ${listed(sent)}` : ''),
      );
    },
  },
];

export default checks;
