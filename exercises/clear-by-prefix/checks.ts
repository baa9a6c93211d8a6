import type Redis from 'ioredis';
import type { CheckList, ExecutedCommand, LoggedCommand, Random } from '../../grader/checks/api.ts';

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

/**
 * Each script the learner ran, with the keys its commands named together: a script holds Redis
 * from its first command to its last, so a walk or a deletion inside one counts whole.
 */
function scriptRuns(executed: readonly ExecutedCommand[]): { name: string; keys: number }[] {
  const runs: { name: string; keys: number }[] = [];
  for (const command of executed) {
    if (command.script === undefined) {
      if (SCRIPTS.has(command.name)) runs.push({ name: command.name, keys: 0 });
      continue;
    }
    const run = runs.at(-1);
    if (!run) continue;
    run.keys += command.name === 'scan' ? (countOf(command) ?? 10) : keysNamed(command);
  }
  return runs;
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
    async run({ call, sandboxClient, redis, random, expect }) {
      const prefix = `tmp:${random.word(5)}:`;
      // Few among thousands: most pages of SCAN hold none of them, and the walk must go on.
      const doomed = await seed(redis, prefix, random.int(8, 15), random);
      // A key named the prefix itself starts with it too.
      await redis.set(prefix, random.word());
      doomed.push(prefix);
      await bystanders(redis, prefix, random);
      const returned = await call('clearByPrefix', sandboxClient, prefix);
      const left = doomed.length - (await missing(redis, doomed)).length;
      expect.ok(
        left === 0,
        `clearByPrefix('${prefix}') left ${left} of the ${doomed.length} keys named ${prefix}…: a page of SCAN may be empty while the walk goes on, so keep going until the cursor is '0'`,
      );
      expect.equal(returned, doomed.length, `clearByPrefix('${prefix}') returned`);
    },
  },
  {
    name: 'leaves every other key alone',
    async run({ call, sandboxClient, redis, random, expect }) {
      const prefix = `import:${random.word(4)}:`;
      await seed(redis, prefix, 50, random);
      const kept = await bystanders(redis, prefix, random);
      await call('clearByPrefix', sandboxClient, prefix);
      const gone = await missing(redis, kept);
      expect.ok(
        gone.length === 0,
        `clearByPrefix('${prefix}') deleted ${gone.length} keys that do not start with ${prefix}, such as ${gone.slice(0, 3).join(', ')}`,
      );
    },
  },
  {
    name: 'a prefix with wildcard characters means those characters',
    async run({ call, sandboxClient, redis, random, expect }) {
      const word = random.word(4);
      // Each with keys that the prefix, unescaped or escaped only in part, would also match.
      const cases = [
        [`job?${word}:`, `jobX${word}:`],
        [`report[eu]${word}:`, `reporte${word}:`],
        [`cache*${word}:`, `cache-old-${word}:`],
        [`path\\${word}:`, `path${word}:`],
        [`cache**${word}:`, `cache*-old-${word}:`],
        [`job??${word}:`, `job?X${word}:`],
        [`r[eu][eu]${word}:`, `r[eu]e${word}:`],
        [`café☕${word}:`, `cafe☕${word}:`],
      ] as const;
      const seeded = [];
      for (const [prefix, lookalike] of cases) {
        seeded.push({
          prefix,
          lookalike,
          doomed: await seed(redis, prefix, 12, random),
          kept: await seed(redis, lookalike, 12, random),
        });
      }
      for (const { prefix, lookalike, doomed, kept } of seeded) {
        const returned = await call('clearByPrefix', sandboxClient, prefix);
        const gone = await missing(redis, kept);
        expect.ok(
          gone.length === 0,
          `clearByPrefix('${prefix}') also deleted ${gone.length} keys named ${lookalike}…: in a MATCH pattern ${prefix} is a pattern; escape every * ? [ ] and \\ with a backslash`,
        );
        const left = doomed.length - (await missing(redis, doomed)).length;
        expect.ok(
          left === 0,
          `clearByPrefix('${prefix}') left ${left} of the ${doomed.length} keys named ${prefix}…`,
        );
        expect.equal(returned, doomed.length, `clearByPrefix('${prefix}') returned`);
      }
    },
  },
  {
    name: 'walks with SCAN and never names more than 1000 keys in one command',
    // What Lua scripts run shows only in what Redis executed.
    logExecuted: true,
    async run({ call, sandboxClient, redis, random, commands, executed, expect }) {
      const prefix = `tmp:${random.word(5)}:`;
      await seed(redis, prefix, 2200, random);
      await bystanders(redis, prefix, random);
      await call('clearByPrefix', sandboxClient, prefix);
      const sent = commands();
      const ran = await executed();
      expect.ok(
        !ran.some(({ name }) => name === 'keys'),
        'clearByPrefix sent KEYS (in a script or not), which walks every key in one go and holds Redis meanwhile: walk with SCAN',
      );
      const scans = sent.filter(({ name }) => name === 'scan');
      expect.ok(scans.length > 0, 'clearByPrefix sent no SCAN: walk the keys with SCAN and MATCH');
      const bigPage = scans.find((scan) => (countOf(scan) ?? 10) > LIMIT);
      expect.ok(
        bigPage === undefined,
        `one SCAN asked for COUNT ${bigPage ? countOf(bigPage) : ''}: keep COUNT at ${LIMIT} or less, so that each step stays short`,
      );
      const big = sent.find((command) => command.name !== 'scan' && keysNamed(command) > LIMIT);
      expect.ok(
        big === undefined,
        `one ${big?.name.toUpperCase()} named ${big ? keysNamed(big) : 0} keys: delete page by page`,
      );
      const longScript = scriptRuns(ran).find(({ keys }) => keys > LIMIT);
      expect.ok(
        longScript === undefined,
        `one ${longScript?.name.toUpperCase()} walked or deleted ${longScript?.keys} keys inside its script, holding Redis all along: walk page by page from your code`,
      );
    },
  },
  {
    name: 'a prefix no key has deletes nothing and returns 0',
    async run({ call, sandboxClient, redis, random, expect }) {
      expect.equal(
        await call('clearByPrefix', sandboxClient, `tmp:${random.word()}:`),
        0,
        'clearByPrefix on an empty database',
      );
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
