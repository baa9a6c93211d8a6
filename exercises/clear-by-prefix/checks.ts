import type Redis from 'ioredis';
import type {
  CheckList,
  ExecutedCommand,
  Expect,
  LoggedCommand,
  Random,
} from '../../grader/checks/api.ts';

interface Exports {
  clearByPrefix(redis: Redis, prefix: string): Promise<number>;
}

const LIMIT = 1000;

/** Writes `count` keys named `<prefix><n>` of six types, in pipelines. */
async function seed(
  redis: Redis,
  prefix: string,
  count: number,
  random: Random,
): Promise<string[]> {
  const names: string[] = [];
  const pipeline = redis.pipeline();
  for (let n = 0; n < count; n++) {
    const key = `${prefix}${n}-${random.word(3)}`;
    names.push(key);
    switch (n % 6) {
      case 0:
        pipeline.set(key, random.word());
        break;
      case 1:
        pipeline.hset(key, 'field', random.word());
        break;
      case 2:
        pipeline.rpush(key, random.word(), random.word());
        break;
      case 3:
        pipeline.sadd(key, random.word());
        break;
      case 4:
        pipeline.zadd(key, random.int(0, 100), random.word());
        break;
      default:
        pipeline.xadd(key, '*', 'field', random.word());
    }
  }
  await pipeline.exec();
  return names;
}

/**
 * Keys the learner must leave: another prefix sharing a start, and a longer key space; the
 * prefix in capitals, since key names are compared byte for byte.
 */
async function bystanders(redis: Redis, prefix: string, random: Random): Promise<string[]> {
  const keep = [
    ...(await seed(redis, `keep:${random.word(4)}:`, 2500, random)),
    // Not starting with the prefix, though containing it.
    ...(await seed(redis, `x${prefix}`, 20, random)),
    // The prefix without its last character.
    ...(await seed(redis, prefix.slice(0, -1), 20, random)),
    ...(await seed(redis, prefix.toUpperCase(), 20, random)),
  ];
  return keep;
}

/** How many arguments a command had: the log shows 50, then "…N more". */
function argCount(args: readonly string[]): number {
  const more = /^…(\d+) more$/.exec(args.at(-1) ?? '');
  return more ? args.length - 1 + Number(more[1]) : args.length;
}

/** The number of key names a command carries, for the commands this exercise may use. */
function keysNamed(command: LoggedCommand): number {
  const count = argCount(command.args);
  if (['del', 'unlink', 'exists', 'touch', 'mget'].includes(command.name)) return count;
  // A script's keys come after its body (or sha, or function name) and their count.
  if (SCRIPTS.has(command.name)) return Number(command.args[1] ?? 0);
  return command.name === 'mset' || command.name === 'msetnx' ? count / 2 : 1;
}

const SCRIPTS = new Set(['eval', 'evalsha', 'eval_ro', 'evalsha_ro', 'fcall', 'fcall_ro']);

/** The COUNT a SCAN asked for: Redis takes the last one given. */
function countOf(command: LoggedCommand): number | undefined {
  const at = command.args.findLastIndex((arg) => arg.toLowerCase() === 'count');
  return at < 0 ? undefined : Number(command.args[at + 1]);
}

/** How many keys a command walks (SCAN: its COUNT) or names. */
function weight(command: LoggedCommand): number {
  return command.name === 'scan' ? (countOf(command) ?? 10) : keysNamed(command);
}

/**
 * Each script run and each transaction, with the keys its commands walked or named together: Redis
 * runs either as one block, serving no other client from its first command to its last.
 */
function blocks(executed: readonly ExecutedCommand[]): { name: string; keys: number }[] {
  const found: { name: string; keys: number }[] = [];
  const transactions = new Map<number, { name: string; keys: number }>();
  let script: { name: string; keys: number } | undefined;
  for (const command of executed) {
    if (command.script !== undefined) {
      if (script) script.keys += weight(command);
      continue;
    }
    const client = command.client ?? 0;
    const transaction = transactions.get(client);
    script = undefined;
    if (command.name === 'multi') {
      const block = { name: 'MULTI … EXEC', keys: 0 };
      transactions.set(client, block);
      found.push(block);
    } else if (command.name === 'exec' || command.name === 'discard') {
      transactions.delete(client);
    } else if (SCRIPTS.has(command.name)) {
      // A script inside a transaction adds to the transaction's block.
      script = transaction ?? { name: command.name.toUpperCase(), keys: 0 };
      if (!transaction) found.push(script);
    } else if (transaction) {
      transaction.keys += weight(command);
    }
  }
  return found;
}

/** KEYS walks every key in one go, however few there are. */
function expectNoKeys(sent: readonly LoggedCommand[], expect: Expect): void {
  expect.ok(
    !sent.some(({ name }) => name === 'keys'),
    'clearByPrefix sent KEYS, which walks every key of the database in one go, small or not: walk with SCAN',
  );
}

async function missing(redis: Redis, keys: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (let at = 0; at < keys.length; at += 500) {
    const chunk = keys.slice(at, at + 500);
    const exists = await redis.pipeline(chunk.map((key) => ['exists', key])).exec();
    chunk.forEach((key, index) => {
      if (exists?.[index]?.[1] === 0) found.push(key);
    });
  }
  return found;
}

const checks: CheckList<Exports> = [
  {
    name: 'deletes every key with the prefix, and returns how many',
    async run({ call, sandboxClient, redis, random, commands, expect }) {
      const prefix = `tmp:${random.word(5)}:`;
      // Few among thousands: most pages of SCAN hold none of them, and the walk must go on.
      const doomed = await seed(redis, prefix, random.int(8, 15), random);
      // A key named the prefix itself starts with it too.
      await redis.set(prefix, random.word(), 'PX', 86_400_000);
      doomed.push(prefix);
      // A key with an expiry is there until it expires.
      for (const key of doomed.slice(0, 2)) await redis.pexpire(key, 86_400_000);
      await bystanders(redis, prefix, random);
      const returned = await call('clearByPrefix', sandboxClient, prefix);
      expectNoKeys(commands(), expect);
      const gone = new Set(await missing(redis, doomed));
      const left = doomed.filter((key) => !gone.has(key));
      const expiring = [];
      for (const key of left) if ((await redis.pttl(key)) > 0) expiring.push(key);
      expect.ok(
        left.length === 0,
        `clearByPrefix('${prefix}') left ${left.length} of the ${doomed.length} keys named ${prefix}…, such as ${left.slice(0, 3).join(', ')}: ${
          expiring.length === left.length
            ? 'each has a TTL, and a key with an expiry is still there until it expires: delete it too'
            : "a page of SCAN may be empty while the walk goes on, so keep going until the cursor is '0'"
        }`,
      );
      expect.equal(returned, doomed.length, `clearByPrefix('${prefix}') returned`);
    },
  },
  {
    name: 'leaves every other key alone',
    async run({ call, sandboxClient, redis, random, commands, expect }) {
      const prefix = `import:${random.word(4)}:`;
      await seed(redis, prefix, 50, random);
      const kept = await bystanders(redis, prefix, random);
      // The namespace's own key does not start with the prefix.
      await redis.set(prefix.slice(0, -1), random.word());
      kept.push(prefix.slice(0, -1));
      await call('clearByPrefix', sandboxClient, prefix);
      expectNoKeys(commands(), expect);
      const gone = await missing(redis, kept);
      expect.ok(
        gone.length === 0,
        `clearByPrefix('${prefix}') deleted ${gone.length} keys that do not start with ${prefix}, such as ${gone.slice(0, 3).join(', ')}`,
      );
    },
  },
  {
    name: 'a prefix means its very characters: wildcards, backslashes, capitals, spaces',
    async run({ call, sandboxClient, redis, random, commands, expect }) {
      const word = random.word(4);
      const unescaped = `in a MATCH pattern the prefix is a pattern; escape every * ? [ ] and \\ with a backslash`;
      const asGiven = (why: string) => `${why}: use the prefix exactly as given`;
      // Each with keys that the prefix, unescaped or escaped only in part, would also match.
      const cases = [
        [`job?${word}:`, `jobX${word}:`, unescaped],
        [`report[eu]${word}:`, `reporte${word}:`, unescaped],
        [`cache*${word}:`, `cache-old-${word}:`, unescaped],
        [`path\\${word}:`, `path${word}:`, unescaped],
        [`cache**${word}:`, `cache*-old-${word}:`, unescaped],
        [`job??${word}:`, `job?X${word}:`, unescaped],
        [`r[eu][eu]${word}:`, `r[eu]e${word}:`, unescaped],
        [`p\\${word}\\q:`, `p\\${word}q:`, unescaped],
        [`a\\*${word}:`, `a*${word}:`, unescaped],
        [`café☕${word}:`, `cafe☕${word}:`, unescaped],
        [` ${word} `, word, asGiven('its spaces belong to it')],
        [`Report:${word}:`, `report:${word}:`, asGiven('key names are case-sensitive')],
      ] as const;
      const seeded = [];
      for (const [prefix, lookalike, hint] of cases) {
        seeded.push({
          prefix,
          lookalike,
          hint,
          doomed: await seed(redis, prefix, 12, random),
          kept: await seed(redis, lookalike, 12, random),
        });
      }
      for (const { prefix, lookalike, hint, doomed, kept } of seeded) {
        const returned = await call('clearByPrefix', sandboxClient, prefix);
        expectNoKeys(commands(), expect);
        const gone = await missing(redis, kept);
        expect.ok(
          gone.length === 0,
          `clearByPrefix('${prefix}') also deleted ${gone.length} keys named ${lookalike}…: ${hint}`,
        );
        const left = doomed.length - (await missing(redis, doomed)).length;
        expect.ok(
          left === 0,
          `clearByPrefix('${prefix}') left ${left} of the ${doomed.length} keys named ${prefix}…: ${hint}`,
        );
        expect.equal(returned, doomed.length, `clearByPrefix('${prefix}') returned`);
      }
      // The service leaves keys behind again after a clean-up: the next one must find them.
      const again = seeded[0]?.prefix ?? '';
      const fresh = await seed(redis, again, 5, random);
      const returned = await call('clearByPrefix', sandboxClient, again);
      const left = fresh.length - (await missing(redis, fresh)).length;
      expect.ok(
        left === 0 && returned === fresh.length,
        `a second clearByPrefix('${again}'), after ${fresh.length} new keys were written under it, left ${left} of them and returned ${returned}: look in Redis on every call rather than remembering a prefix already cleared`,
      );
    },
  },
  {
    name: 'returns how many keys it deleted itself, while another client deletes one',
    async run({ race, sandboxClient, redis, random, expect }) {
      const prefix = `tmp:${random.word(5)}:`;
      const names = [0, 1, 2].map((n) => `${prefix}${n}-${random.word(3)}`);
      const other = random.pick(names);
      // Another client's DEL lands before, within and after the walk: only the replies of the
      // code's own deletions say how many it deleted.
      await race({
        calls: [['clearByPrefix', sandboxClient, prefix]],
        labels: [`clearByPrefix('${prefix}')`],
        setup: async () => {
          await redis.mset(...names.flatMap((key) => [key, random.word()]));
        },
        interject: [['DEL', other]],
        verify: async ([result], steps) => {
          expect.ok(result.threw === undefined, `clearByPrefix threw: ${result.threw}`);
          const reply = steps.find(({ by }) => by === 'grader')?.reply;
          const byOther = reply !== undefined && 'value' in reply && Number(reply.value) === 1;
          const own = names.length - (byOther ? 1 : 0);
          expect.equal(
            result.returned,
            own,
            `clearByPrefix('${prefix}') returned, with ${names.length} keys named ${prefix}… of which another client deleted ${byOther ? `${other} first, leaving ${own} for it to delete` : 'none'} (count what UNLINK or DEL answers, not what SCAN found or DBSIZE says)`,
          );
        },
      });
    },
  },
  {
    name: 'walks with SCAN and never names more than 1000 keys in one command',
    // What Lua scripts run shows only in what Redis executed.
    logExecuted: true,
    async run({ call, sandboxClient, redis, random, executed, expect }) {
      const prefix = `tmp:${random.word(5)}:`;
      await seed(redis, prefix, 2200, random);
      await bystanders(redis, prefix, random);
      await call('clearByPrefix', sandboxClient, prefix);
      const ran = await executed();
      expect.ok(
        !ran.some(({ name }) => name === 'keys'),
        'clearByPrefix sent KEYS (in a script or not), which walks every key in one go and holds Redis meanwhile: walk with SCAN',
      );
      // A SCAN run by a script walks as well as one sent.
      const scans = ran.filter(({ name }) => name === 'scan');
      expect.ok(scans.length > 0, 'clearByPrefix sent no SCAN: walk the keys with SCAN and MATCH');
      const bigPage = scans.find((scan) => (countOf(scan) ?? 10) > LIMIT);
      expect.ok(
        bigPage === undefined,
        `one SCAN asked for COUNT ${bigPage ? countOf(bigPage) : ''}: keep COUNT at ${LIMIT} or less, so that each step stays short`,
      );
      const big = ran.find(
        (command) =>
          command.script === undefined && command.name !== 'scan' && keysNamed(command) > LIMIT,
      );
      expect.ok(
        big === undefined,
        `one ${big?.name.toUpperCase()} named ${big ? keysNamed(big) : 0} keys: delete page by page`,
      );
      const long = blocks(ran).find(({ keys }) => keys > LIMIT);
      expect.ok(
        long === undefined,
        long?.name.startsWith('MULTI')
          ? `one MULTI … EXEC named ${long.keys} keys in its commands, and Redis runs a transaction as one block, serving no one else until EXEC: give each page a command or transaction of its own`
          : `one ${long?.name} walked or deleted ${long?.keys} keys inside its script, holding Redis all along: walk page by page from your code`,
      );
    },
  },
  {
    name: 'a prefix no key has deletes nothing and returns 0',
    async run({ call, sandboxClient, redis, random, commands, expect }) {
      expect.equal(
        await call('clearByPrefix', sandboxClient, `tmp:${random.word()}:`),
        0,
        'clearByPrefix on an empty database',
      );
      expectNoKeys(commands(), expect);
      const prefix = `none:${random.word(5)}:`;
      const kept = await bystanders(redis, prefix, random);
      expect.equal(
        await call('clearByPrefix', sandboxClient, prefix),
        0,
        `clearByPrefix('${prefix}'), a prefix no key has`,
      );
      expect.equal((await missing(redis, kept)).length, 0, 'keys deleted');
    },
  },
];

export default checks;
