import type Redis from 'ioredis';
import type {
  CheckContext,
  CheckList,
  ExecutedCommand,
  LoggedCommand,
  Random,
} from '../../grader/checks/api.ts';

interface Exports {
  recordView(redis: Redis, page: string): Promise<number>;
  countViews(redis: Redis, pages: string[]): Promise<number[]>;
  claimName(redis: Redis, name: string, userId: string): Promise<boolean>;
}

const CLAIM_SECONDS = 600;

const viewsKey = (page: string) => `views:${page}`;
const nameKey = (name: string) => `username:${name}`;

/** `count` different page names, so that no two pages share a key. */
function pageNames(random: Random, count: number): string[] {
  const names = new Set<string>();
  while (names.size < count) names.add(random.word(random.int(5, 8)));
  return [...names];
}

const userId = (random: Random) => String(random.int(10_000, 99_999));

/** Two different user ids. */
function twoUsers(random: Random): [string, string] {
  const first = userId(random);
  let second = userId(random);
  while (second === first) second = userId(random);
  return [first, second];
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

/**
 * Commands that only carry others: a transaction's brackets and the calls that run a script.
 * What a script runs is listed after its call, so nothing is hidden by leaving these out.
 */
const CARRIERS = new Set([
  'multi',
  'exec',
  'eval',
  'evalsha',
  'eval_ro',
  'evalsha_ro',
  'fcall',
  'fcall_ro',
  'script',
]);

/** What Redis ran for the learner that did some work: no brackets, no script calls. */
const work = (executed: readonly ExecutedCommand[]) =>
  executed.filter((command) => !CARRIERS.has(command.name));

const INCREMENTS = new Set(['incr', 'incrby', 'incrbyfloat']);
const EXPIRY_OPTIONS = new Set(['EX', 'PX', 'EXAT', 'PXAT']);

/**
 * Other pages' counters beside the learner's, so that code which searches (KEYS views:*) or
 * touches more than its own key shows in a diff.
 */
async function otherCounters(
  decoys: CheckContext<Exports>['decoys'],
  redis: Redis,
  random: Random,
  like: string,
): Promise<string[]> {
  return decoys(like, 3, (page) => redis.set(viewsKey(page), random.int(1, 5000)));
}

const checks: CheckList<Exports> = [
  {
    name: 'recordView adds one to views:<page> and returns the new count',
    async run({ call, sandboxClient, redis, expect, random, decoys, snapshot, diff }) {
      const [page = 'home', fresh = 'blog'] = pageNames(random, 2);
      const key = viewsKey(page);
      const before = random.int(20, 900);
      await redis.set(key, before);
      await otherCounters(decoys, redis, random, page);
      const start = await snapshot();

      const returned = await call('recordView', sandboxClient, page);
      expect.equal(await redis.type(key), 'string', `TYPE ${key}`);
      expect.equal(
        await redis.get(key),
        String(before + 1),
        `GET ${key} (it held ${before} before recordView('${page}'))`,
      );
      expect.equal(returned, before + 1, `the number recordView('${page}') returned`);
      const end = await snapshot();
      const changes = diff(start, end);
      const elsewhere = changes.changes.filter((change) => change.key !== key);
      expect.ok(
        elsewhere.length === 0,
        `recordView('${page}') may change ${key} only, but it ${changes.describe(elsewhere)}`,
      );

      const first = await call('recordView', sandboxClient, fresh);
      expect.equal(
        await redis.get(viewsKey(fresh)),
        '1',
        `GET ${viewsKey(fresh)} after the first view of a page that had no counter`,
      );
      expect.equal(first, 1, `the number recordView('${fresh}') returned for a first view`);
    },
  },
  {
    name: 'views recorded at the same time are all counted',
    async run({ race, sandboxClient, redis, expect, random }) {
      const [page = 'home'] = pageNames(random, 1);
      const key = viewsKey(page);
      const before = random.int(0, 900);
      await race({
        calls: [
          ['recordView', sandboxClient, page],
          ['recordView', sandboxClient, page],
        ],
        labels: [`recordView('${page}')`, `recordView('${page}')`],
        setup: async () => {
          if (before > 0) await redis.set(key, before);
        },
        verify: async ([one, other]) => {
          const held = await redis.get(key);
          const returned = [one.returned ?? one.threw, other.returned ?? other.threw];
          const sorted = [one.returned, other.returned].sort((a, b) => (a ?? 0) - (b ?? 0));
          expect.ok(
            held === String(before + 2) && sorted[0] === before + 1 && sorted[1] === before + 2,
            `${key} held ${before === 0 ? 'nothing' : before}; two views recorded at the same ` +
              `time must leave ${before + 2} and return ${before + 1} and ${before + 2}, one each; ` +
              `they returned ${JSON.stringify(returned)} and left ${held ?? 'no key'}`,
          );
        },
      });
    },
  },
  {
    name: 'recordView adds with one INCR and sends nothing else',
    logExecuted: true,
    async run({ call, sandboxClient, redis, executed, expect, random }) {
      const [page = 'home'] = pageNames(random, 1);
      const key = viewsKey(page);
      await redis.set(key, random.int(20, 900));
      await call('recordView', sandboxClient, page);
      const all = await executed();
      const done = work(all);
      const [only] = done;
      const counted = done.length === 1 && only !== undefined && INCREMENTS.has(only.name);
      expect.ok(
        counted && only?.args[0] === key,
        done.some((command) => INCREMENTS.has(command.name))
          ? `recordView('${page}') must send INCR ${key} and nothing else: the INCR answers the ` +
              `new count already; Redis ran: ${listed(all)}`
          : `recordView('${page}') must add to ${key} with INCR. This exercise is about INCR: one ` +
              'command that reads, adds and writes inside Redis, so that two servers counting at ' +
              `once cannot lose a view, with no WATCH or script needed. Redis ran: ${listed(all)}`,
      );
    },
  },
  {
    name: "countViews returns each page's count in order, 0 for a page never viewed",
    async run({ call, sandboxClient, redis, expect, random, decoys }) {
      const pages = pageNames(random, 5);
      // At least one page has a counter and at least one has none; the rest is chance.
      const missing = random.int(0, pages.length - 1);
      const present = (missing + random.int(1, pages.length - 1)) % pages.length;
      const counts = pages.map((_, index) =>
        index === missing || (index !== present && random.int(0, 2) === 0)
          ? 0
          : random.int(1, 5000),
      );
      for (const [index, page] of pages.entries()) {
        const count = counts[index] ?? 0;
        if (count > 0) await redis.set(viewsKey(page), count);
      }
      await otherCounters(decoys, redis, random, pages[missing] ?? 'home');

      const expectCounts = async (when: string) => {
        const held = await redis.mget(pages.map(viewsKey));
        const returned = await call('countViews', sandboxClient, pages);
        expect.equal(
          returned,
          counts,
          `countViews(${JSON.stringify(pages)})${when}, while MGET of their views:<page> keys ` +
            `answers [${held.map((value) => (value === null ? 'nil' : JSON.stringify(value))).join(', ')}]`,
        );
      };
      await expectCounts('');

      // The counters move on between two calls: an answer remembered in JavaScript goes stale.
      counts[missing] = random.int(1, 5000);
      await redis.set(viewsKey(pages[missing] ?? ''), counts[missing] ?? 0);
      const added = random.int(1, 50);
      counts[present] = (counts[present] ?? 0) + added;
      await redis.incrby(viewsKey(pages[present] ?? ''), added);
      await expectCounts(' called again after the counters changed');
    },
  },
  {
    name: 'countViews reads every counter with one MGET',
    logExecuted: true,
    async run({ call, sandboxClient, redis, executed, expect, random }) {
      const pages = pageNames(random, 4);
      for (const page of pages.slice(0, 2)) await redis.set(viewsKey(page), random.int(1, 900));
      await call('countViews', sandboxClient, pages);
      const all = await executed();
      const done = work(all);
      const [only] = done;
      const wanted = pages.map(viewsKey).sort();
      expect.ok(
        done.length === 1 &&
          only?.name === 'mget' &&
          JSON.stringify([...only.args].sort()) === JSON.stringify(wanted),
        `countViews(${JSON.stringify(pages)}) must read the ${pages.length} counters with a ` +
          `single MGET ${pages.map(viewsKey).join(' ')}, one round trip for them all, and send ` +
          `nothing else; Redis ran: ${listed(all)}`,
      );
    },
  },
  {
    name: 'claimName stores the user id under username:<name> and returns true',
    async run({ call, sandboxClient, redis, expect, random, decoys, snapshot, diff }) {
      const name = random.word(random.int(4, 9));
      const key = nameKey(name);
      const id = userId(random);
      await decoys(name, 3, (other) =>
        redis.set(nameKey(other), userId(random), 'EX', random.int(60, CLAIM_SECONDS)),
      );
      const start = await snapshot();
      const claimed = await call('claimName', sandboxClient, name, id);
      expect.equal(await redis.type(key), 'string', `TYPE ${key}`);
      expect.equal(await redis.get(key), id, `GET ${key}`);
      expect.equal(claimed, true, `what claimName('${name}', '${id}') returned for a free name`);
      const end = await snapshot();
      const changes = diff(start, end);
      const elsewhere = changes.changes.filter((change) => change.key !== key);
      expect.ok(
        elsewhere.length === 0,
        `claimName('${name}', '${id}') may write ${key} only, but it ${changes.describe(elsewhere)}`,
      );
    },
  },
  {
    name: 'claimName leaves a name someone holds untouched and returns false',
    async run({ call, sandboxClient, redis, expect, random, snapshot, diff }) {
      const name = random.word(random.int(4, 9));
      const key = nameKey(name);
      const [holder, latecomer] = twoUsers(random);
      const leftMs = random.int(60, 300) * 1000;
      await redis.set(key, holder, 'PX', leftMs);
      const start = await snapshot();

      const claimed = await call('claimName', sandboxClient, name, latecomer);
      expect.equal(
        await redis.get(key),
        holder,
        `GET ${key} (user ${holder} held it before user ${latecomer} tried to claim it)`,
      );
      const end = await snapshot();
      const [change] = diff(start, end).changes;
      const pttl = await redis.pttl(key);
      expect.ok(
        change === undefined,
        `${key}: user ${holder}'s claim had ${leftMs} ms left and must keep that expiry, but ` +
          `now ${pttl === -1 ? 'it never expires' : `PTTL answers ${pttl} ms`}`,
      );
      expect.equal(
        claimed,
        false,
        `what claimName('${name}', '${latecomer}') returned for a name user ${holder} holds`,
      );
    },
  },
  {
    name: 'a name is free again once its reservation has lapsed',
    async run({ call, sandboxClient, redis, expect, random }) {
      const name = random.word(random.int(4, 9));
      const key = nameKey(name);
      const [first, second] = twoUsers(random);
      expect.equal(
        await call('claimName', sandboxClient, name, first),
        true,
        `what claimName('${name}', '${first}') returned for a free name`,
      );
      // As if the ten minutes had passed: Redis alone knows the name is free again.
      await redis.del(key);
      const again = await call('claimName', sandboxClient, name, second);
      expect.equal(
        again,
        true,
        `what claimName('${name}', '${second}') returned after ${key} had expired (the check ` +
          `deleted it): ask Redis each time, never a list kept in your code`,
      );
      expect.equal(await redis.get(key), second, `GET ${key}`);
    },
  },
  {
    name: 'a claimed name expires 600 seconds after the claim',
    async run({ call, sandboxClient, redis, expect, random, expectTtl }) {
      const name = random.word(random.int(4, 9));
      const key = nameKey(name);
      const startedAt = Date.now();
      await call('claimName', sandboxClient, name, userId(random));
      // EXAT with the time rounded down to a second may end up to a second early, rounded up a
      // second late; EX 600 and PX 600000 land in between. The window is measured from the
      // whole second before the call, less a moment for the reading itself.
      const earliest = Math.floor(startedAt / 1000) * 1000 + CLAIM_SECONDS * 1000;
      const window = {
        minMs: Math.min(earliest - Date.now() - 250, CLAIM_SECONDS * 1000 - 1000),
        maxMs: CLAIM_SECONDS * 1000 + 1000,
      };
      try {
        await expectTtl(key, window);
      } catch (failure) {
        const pttl = await redis.pttl(key);
        expect.ok(
          false,
          `${failure instanceof Error ? failure.message : String(failure)}. The claim must ` +
            'expire 600 seconds after it is made: EX 600, PX 600000, or EXAT/PXAT at that moment' +
            (pttl > 0 && pttl <= 600 ? ' (PX counts milliseconds: 600 is not ten minutes)' : ''),
        );
      }
    },
  },
  {
    name: 'two users claiming one name at the same time: exactly one gets it',
    async run({ race, sandboxClient, redis, expect, random }) {
      const name = random.word(random.int(4, 9));
      const key = nameKey(name);
      const [first, second] = twoUsers(random);
      await race({
        calls: [
          ['claimName', sandboxClient, name, first],
          ['claimName', sandboxClient, name, second],
        ],
        labels: [`claimName('${name}', '${first}')`, `claimName('${name}', '${second}')`],
        verify: async ([one, other]) => {
          const held = await redis.get(key);
          const winner = one.returned === true ? first : second;
          const wins = [one.returned, other.returned].filter((won) => won === true).length;
          expect.ok(
            wins === 1 && [one, other].every((result) => result.threw === undefined),
            `users ${first} and ${second} claimed '${name}' at the same time: exactly one ` +
              `claimName must return true and the other false; they returned ` +
              `${one.returned ?? one.threw} and ${other.returned ?? other.threw}, and ${key} holds ${held ?? 'nothing'}`,
          );
          expect.equal(held, winner, `GET ${key} (the claim that returned true was ${winner}'s)`);
        },
      });
    },
  },
  {
    name: 'claimName claims with one SET that carries NX and the expiry',
    logExecuted: true,
    async run({ call, sandboxClient, executed, expect, random }) {
      const name = random.word(random.int(4, 9));
      await call('claimName', sandboxClient, name, userId(random));
      const all = await executed();
      const done = work(all);
      const [only] = done;
      const options =
        done.length === 1 && only?.name === 'set'
          ? only.args.slice(2).map((arg) => arg.toUpperCase())
          : [];
      const problem =
        done.length === 0
          ? 'it sent nothing to Redis'
          : done.length > 1 || only?.name !== 'set'
            ? 'with more than one command, a crash between them can leave the name taken with ' +
              'no expiry, or a holder’s expiry changed. This exercise is about SET’s options: ' +
              'NX and the expiry together in one SET do it all'
            : !options.includes('NX')
              ? 'without NX, the SET overwrites a name someone already holds'
              : !options.some((option) => EXPIRY_OPTIONS.has(option))
                ? 'without EX (or PX, EXAT, PXAT), the claim never expires'
                : undefined;
      expect.ok(
        problem === undefined,
        `claimName must claim ${nameKey(name)} with a single SET … NX EX 600: ${problem}; ` +
          `Redis ran: ${listed(all)}`,
      );
    },
  },
];

export default checks;
