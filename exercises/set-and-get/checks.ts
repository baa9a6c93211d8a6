import type Redis from 'ioredis';
import type {
  CheckList,
  ExecutedCommand,
  LoggedCommand,
  RaceStepView,
  Random,
} from '../../grader/checks/api.ts';

interface Exports {
  main(redis: Redis): Promise<string | null>;
}

const KEY = 'weather';
const VALUE = 'sunny';

/** Commands that run other commands: the commands they ran are judged, not they. */
const RUNNERS = new Set(['eval', 'evalsha', 'eval_ro', 'evalsha_ro', 'fcall', 'fcall_ro']);

/** Commands that search the keyspace instead of naming a key. */
const SEARCHES = new Set(['keys', 'scan', 'randomkey']);

/** Every key in the (small) sandbox, for messages that say what Redis holds instead. */
async function keysHeld(redis: Redis): Promise<string> {
  const keys = (await redis.keys('*')).sort();
  return keys.length > 0 ? keys.join(', ') : 'no keys at all';
}

/**
 * A value weather could have held before main ran: never the one main must store, and longer,
 * so that code which writes over it in place (SETRANGE) leaves its tail behind.
 */
function oldWeather(random: Random): string {
  return random.pick(['cloudy', 'stormy', 'drizzle', 'freezing', random.word(7)]);
}

/**
 * What main's last read of weather in a race answered: a GET's reply, the reply to a GET queued
 * in a transaction, or a script's (which may have read it inside); none if main did not read it.
 */
function lastRead(steps: readonly RaceStepView[]): { value: unknown } | undefined {
  const isGet = (command: LoggedCommand) => command.name === 'get' && command.args[0] === KEY;
  for (const { by, commands, reply } of [...steps].reverse()) {
    if (by !== 0 || !reply || 'error' in reply) continue;
    const [first] = commands;
    if (first?.name === 'multi') {
      const at = commands.slice(1, -1).findLastIndex(isGet);
      if (at < 0) continue;
      const [error, value] = (reply.value as [unknown, unknown][] | null)?.[at] ?? [true];
      return error ? undefined : { value };
    }
    // A script counts when it names weather (in its keys or its source): one that only echoes
    // an argument read nothing.
    const script = first && RUNNERS.has(first.name) && first.args.some((arg) => arg.includes(KEY));
    if (commands.length === 1 && first && (isGet(first) || script)) {
      // getBuffer's reply is bytes; main returns them as text.
      return { value: Buffer.isBuffer(reply.value) ? reply.value.toString() : reply.value };
    }
  }
  return undefined;
}

function listed(commands: readonly ExecutedCommand[]): string {
  if (commands.length === 0) return 'no commands';
  const shown = commands.slice(0, 12).map((command) => {
    const text = [command.name.toUpperCase(), ...command.args].join(' ');
    return command.script ? `${text} (in a script)` : text;
  });
  return commands.length > 12 ? `${shown.join(', ')}, …` : shown.join(', ');
}

const checks: CheckList<Exports> = [
  {
    name: 'weather holds the string sunny after main, whatever it held before',
    async run({ call, sandboxClient, redis, expect, random }) {
      const expectNoTtl = async (before: string) => {
        const ttl = await redis.pttl(KEY);
        expect.ok(
          ttl === -1,
          `after main ran, when ${before}, ${KEY} expires in ${ttl} ms: sunny is kept for good. A plain SET drops whatever expiry the key had (KEEPTTL keeps it); set none of your own.`,
        );
      };
      // First with no weather at all, then with an old value to replace, which had an expiry.
      await call('main', sandboxClient);
      expect.equal(
        await redis.exists(KEY),
        1,
        `EXISTS ${KEY} after main ran, when ${KEY} did not exist before (1 means the key is there; Redis holds: ${await keysHeld(redis)}; a SET with XX writes only over an existing key)`,
      );
      expect.equal(await redis.type(KEY), 'string', `TYPE ${KEY}`);
      expect.equal(await redis.get(KEY), VALUE, `GET ${KEY} after main ran`);
      await expectNoTtl(`${KEY} did not exist before`);

      const old = oldWeather(random);
      const oldTtl = random.int(100, 900);
      await redis.set(KEY, old, 'EX', oldTtl);
      await call('main', sandboxClient);
      const held = await redis.get(KEY);
      const why =
        held === old
          ? `${KEY} still holds '${old}', what the check stored there before main ran: main did not replace it (a SET with NX keeps an existing value; Redis holds: ${await keysHeld(redis)})`
          : `${KEY} held '${old}' before main ran`;
      expect.equal(held, VALUE, `GET ${KEY} after main ran again (${why})`);
      await expectNoTtl(`${KEY} held '${old}' with ${oldTtl} s to live`);
    },
  },
  {
    name: 'main returns what GET weather answered',
    async run({ call, race, sandboxClient, redis, expect, random }) {
      const old = oldWeather(random);
      await redis.set(KEY, old);
      const returned = await call('main', sandboxClient);
      const held = await redis.get(KEY);
      expect.ok(
        held !== null,
        `Redis holds nothing under ${KEY} after main ran (Redis holds: ${await keysHeld(redis)}): store it first`,
      );
      expect.equal(
        returned,
        held,
        `what main returned, compared with GET ${KEY} after it ran (${KEY} held '${old}' before main wrote it: read it after the write)`,
      );

      // Another client writes weather while main runs, at every point between its commands: when
      // that lands between main's write and its GET, only a reply read from Redis says so.
      // Capitals and spaces: a reply tidied up on its way out is not what GET answered.
      const other = random.pick(['Light rain', 'Hail, then sun', 'SLEET ', ' Misty']);
      await race({
        calls: [['main', sandboxClient]],
        labels: ['main(redis)'],
        setup: async () => {
          await redis.set(KEY, old);
        },
        interject: [['SET', KEY, other]],
        verify: async ([result], steps) => {
          expect.ok(result.threw === undefined, `main threw: ${result.threw}`);
          const read = lastRead(steps);
          if (!read) return; // "main reads weather back with GET after writing it" says so
          const grader = steps.findIndex(({ by }) => by === 'grader');
          const between =
            steps.slice(0, grader).some(({ by }) => by === 0) &&
            steps.slice(grader + 1).some(({ by }) => by === 0);
          expect.equal(
            result.returned,
            read.value,
            `what main returned, compared with what its GET ${KEY} answered${between ? ` (another client stored '${other}' under ${KEY} between main's commands: main must return GET's answer, not the value it wrote)` : ''}`,
          );
        },
      });
    },
  },
  {
    name: 'main reads weather back with GET after writing it',
    logExecuted: true,
    async run({ call, sandboxClient, executed, expect }) {
      await call('main', sandboxClient);
      const ran = await executed();
      const touchesKey = (command: ExecutedCommand) => command.args.includes(KEY);
      const isGet = (command: ExecutedCommand) => command.name === 'get' && touchesKey(command);
      const lastWrite = ran.findLastIndex(
        (command) => touchesKey(command) && !isGet(command) && !RUNNERS.has(command.name),
      );
      const reads = ran.filter(isGet);
      expect.ok(
        reads.length > 0,
        `main must read ${KEY} back with GET ${KEY} and return its answer, but Redis ran ${listed(ran)}. A GET sent on its own, in a MULTI transaction, a pipeline or a Lua script all count.`,
      );
      expect.ok(
        ran.slice(lastWrite + 1).some(isGet),
        `main sent GET ${KEY} only before writing ${KEY}, so its answer is not the value just stored; Redis ran: ${listed(ran)}. Write first, then GET.`,
      );
    },
  },
  {
    name: 'main reads weather by its name, without searching for keys',
    logExecuted: true,
    async run({ call, sandboxClient, redis, decoys, executed, expect, random }) {
      await decoys(KEY, 2, (id) => redis.set(id, oldWeather(random)));
      await call('main', sandboxClient);
      const ran = await executed();
      const searches = ran.filter((command) => SEARCHES.has(command.name));
      expect.ok(
        searches.length === 0,
        `main looked keys up with ${listed(searches)}; Redis ran: ${listed(ran)}. You know the key's name: GET ${KEY} reads it at once, while KEYS and SCAN walk through every key in the database.`,
      );
    },
  },
  {
    name: 'main changes no key but weather',
    async run({ call, sandboxClient, redis, snapshot, diff, decoys, expect, random }) {
      // Look-alikes of the key, and a key that differs only by case: not main's to touch.
      await decoys(KEY, 3, (id) => redis.set(id, oldWeather(random)));
      await redis.set('Weather', oldWeather(random));
      // An old value under weather itself: code that keeps it elsewhere before replacing it
      // writes another key.
      await redis.set(KEY, oldWeather(random));
      const before = await snapshot();
      await call('main', sandboxClient);
      const after = await snapshot();
      const changes = diff(before, after);
      const outside = changes.outside([KEY]);
      expect.ok(
        outside.length === 0,
        `main may change only ${KEY}, but it also ${changes.describe(outside)}.`,
      );
    },
  },
];

export default checks;
