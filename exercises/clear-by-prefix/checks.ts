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
async function bystanders(
  redis: Redis,
  prefix: string,
  random: Random,
  many = 2500,
): Promise<string[]> {
  const keep = [
    ...(await seed(redis, `keep:${random.word(4)}:`, many, random)),
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

interface Block {
  name: string;
  /** The keys its SCANs walked (their COUNTs). */
  walked: number;
  /** The keys its other commands named. */
  named: number;
}

/**
 * The keys a block holds Redis for. A page that a SCAN of the block found and its commands then
 * delete is walked once, not twice: the larger of the two counts, so that one SCAN of COUNT 1000
 * and the UNLINK of its page, in one script, hold Redis as long as that SCAN alone.
 */
function held(block: Block): number {
  return Math.max(block.walked, block.named);
}

function add(block: Block, command: LoggedCommand): void {
  if (command.name === 'scan') block.walked += countOf(command) ?? 10;
  else block.named += keysNamed(command);
}

/**
 * Each script run and each transaction, with the keys its commands walked and named: Redis runs
 * either as one block, serving no other client from its first command to its last.
 */
function blocks(executed: readonly ExecutedCommand[]): Block[] {
  const found: Block[] = [];
  const transactions = new Map<number, Block>();
  let script: Block | undefined;
  for (const command of executed) {
    if (command.script !== undefined) {
      if (script) add(script, command);
      continue;
    }
    const client = command.client ?? 0;
    const transaction = transactions.get(client);
    script = undefined;
    if (command.name === 'multi') {
      const block = { name: 'MULTI … EXEC', walked: 0, named: 0 };
      transactions.set(client, block);
      found.push(block);
    } else if (command.name === 'exec' || command.name === 'discard') {
      transactions.delete(client);
    } else if (SCRIPTS.has(command.name)) {
      // A script inside a transaction adds to the transaction's block.
      script = transaction ?? { name: command.name.toUpperCase(), walked: 0, named: 0 };
      if (!transaction) found.push(script);
    } else if (transaction) {
      add(transaction, command);
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
      // A key with an expiry is there until it expires, even one that expires soon: this one
      // outlives the check (at most 5 s), so it is still there when the code walks.
      await redis.pexpire(doomed[0] ?? '', 86_400_000);
      await redis.pexpire(doomed[1] ?? '', random.int(30_000, 60_000));
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
        // A star at the end is the prefix's own, not a wildcard the caller added.
        [
          `${word}*`,
          `${word}-old:`,
          asGiven('its last * is one of its characters, not a wildcard'),
        ],
        [`café☕${word}:`, `cafe☕${word}:`, unescaped],
        // é as e and a combining accent: other bytes than the é of one character.
        [
          `cafe\u0301${word}:`,
          `caf\u00e9${word}:`,
          asGiven(
            'its é is an e followed by a combining accent, another name than a one-character é',
          ),
        ],
        [
          `v2.0+${word}:(a|b){1}^$`,
          `v2x00${word}:(a|b){1}^$`,
          asGiven('its . + ( | ) { } ^ $ are plain characters, not a regular expression'),
        ],
        // Spaces at both ends, and look-alikes with the first one only.
        [` ${word} `, ` ${word}`, asGiven('its spaces belong to it')],
        [`Report:${word}:`, `report:${word}:`, asGiven('key names are case-sensitive')],
        // Plain characters that a pattern built another way reads as something else: a ^ in a
        // one-character class ([^] matches any character), a $& in String.replace's replacement
        // (the text matched).
        [
          `${word}^:`,
          `${word}x:`,
          asGiven(
            'its ^ is a plain character, and in a class [^] is a negation that matches any character',
          ),
        ],
        [
          `tmp$&${word}:`,
          `tmp${word}:`,
          asGiven(
            "its $& is two plain characters, which String.replace's replacement string reads as the text matched: build the pattern with a template literal",
          ),
        ],
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
          `clearByPrefix('${prefix}') also deleted ${gone.length} keys named '${lookalike}…': ${hint}`,
        );
        const left = doomed.length - (await missing(redis, doomed)).length;
        expect.ok(
          left === 0,
          `clearByPrefix('${prefix}') left ${left} of the ${doomed.length} keys named '${prefix}…': ${hint}`,
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
    name: 'returns how many keys it deleted itself, while another client deletes some',
    async run({ race, sandboxClient, redis, random, expect }) {
      const prefix = `tmp:${random.word(5)}:`;
      const names = [0, 1, 2].map((n) => `${prefix}${n}-${random.word(3)}`);
      const last = random.pick(names);
      const first = names.filter((key) => key !== last);
      // Another client's DELs land before, within and after the walk: only the replies of the
      // code's own deletions say how many it deleted. When the first DEL comes before the SCAN,
      // the page holds one key, which the second DEL may take before the code deletes it.
      const interject = [
        ['DEL', ...first],
        ['DEL', last],
      ];
      await race({
        calls: [['clearByPrefix', sandboxClient, prefix]],
        labels: [`clearByPrefix('${prefix}')`],
        setup: async () => {
          await redis.mset(...names.flatMap((key) => [key, random.word()]));
        },
        interject,
        verify: async ([result], steps) => {
          expect.ok(result.threw === undefined, `clearByPrefix threw: ${result.threw}`);
          const byOther = steps
            .filter(({ by }) => by === 'grader')
            .map(({ reply }) => (reply !== undefined && 'value' in reply ? Number(reply.value) : 0))
            .reduce((sum, removed) => sum + removed, 0);
          const own = names.length - byOther;
          expect.equal(
            result.returned,
            own,
            `clearByPrefix('${prefix}') returned, with ${names.length} keys named ${prefix}… of which another client deleted ${byOther} (${interject.map((command) => command.join(' ')).join(', then ')}), leaving ${own} for it to delete (count what UNLINK or DEL answers, for every page, even one of a single key: not what SCAN found or DBSIZE says)`,
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
      // A database of three keys: KEYS is refused there too.
      const few = `few:${random.word(5)}:`;
      await seed(redis, few, 3, random);
      await call('clearByPrefix', sandboxClient, few);
      // More keys would catch a walk that deletes in a few large parts, but each call must end
      // within 2 s even for code that deletes key by key, on a loaded machine.
      const prefix = `tmp:${random.word(5)}:`;
      await seed(redis, prefix, 2200, random);
      await bystanders(redis, prefix, random, 500);
      // A walk of empty pages only (over 2500 keys): COUNT stays within the limit however long
      // nothing is found.
      await call('clearByPrefix', sandboxClient, few);
      await call('clearByPrefix', sandboxClient, prefix);
      const ran = await executed();
      expect.ok(
        !ran.some(({ name }) => name === 'keys'),
        'clearByPrefix sent KEYS (in a script or not), which walks every key in one go, however few there are, and holds Redis meanwhile: walk with SCAN',
      );
      // A SCAN run by a script walks as well as one sent.
      const scans = ran.filter(({ name }) => name === 'scan');
      expect.ok(scans.length > 0, 'clearByPrefix sent no SCAN: walk the keys with SCAN and MATCH');
      const bigPage = scans.find((scan) => (countOf(scan) ?? 10) > LIMIT);
      expect.ok(
        bigPage === undefined,
        `one SCAN asked for COUNT ${bigPage ? countOf(bigPage) : ''}: keep COUNT at ${LIMIT} or less, whatever the database's size and however many pages came back empty, so that each step stays short`,
      );
      const big = ran.find(
        (command) =>
          command.script === undefined && command.name !== 'scan' && keysNamed(command) > LIMIT,
      );
      expect.ok(
        big === undefined,
        `one ${big?.name.toUpperCase()} named ${big ? keysNamed(big) : 0} keys: delete page by page`,
      );
      const long = blocks(ran).find((block) => held(block) > LIMIT);
      expect.ok(
        long === undefined,
        long?.name.startsWith('MULTI')
          ? `one MULTI … EXEC named ${held(long)} keys in its commands, and Redis runs a transaction as one block, serving no one else until EXEC: give each page a command or transaction of its own`
          : `one ${long?.name} walked or deleted ${long ? held(long) : 0} keys inside its script, holding Redis all along: walk page by page from your code`,
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
