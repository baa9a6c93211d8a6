import type Redis from 'ioredis';
import type {
  CheckContext,
  CheckList,
  ExecutedCommand,
  Expect,
  LoggedCommand,
  Random,
} from '../../grader/checks/api.ts';

interface Exports {
  ping(redis: Redis): Promise<string>;
  readBytes(redis: Redis, key: string): Promise<Buffer>;
}

/**
 * How the checks' keys begin: code that reads bytes only for some names, or changes a name's
 * case or encoding on the way, meets the others.
 */
const PREFIXES = ['blob:', 'Photo:', 'cache:café:', 'raw '] as const;

function keyOf(random: Random): string {
  const word = random.word(6);
  const name = random.int(0, 1) === 0 ? word : `${word.slice(0, 1).toUpperCase()}${word.slice(1)}`;
  return `${random.pick(PREFIXES)}${name}`;
}

const prefixOf = (key: string) => PREFIXES.find((prefix) => key.startsWith(prefix)) ?? '';

/**
 * A value that is certainly not UTF-8 text, laid out like a file header: mostly readable bytes,
 * with 0xFF and 0xFE (which never occur in UTF-8) and a few other high bytes among them.
 */
function binaryValue(random: Random): Buffer {
  const ascii = (length: number) => [...Buffer.from(random.word(length), 'latin1')];
  return Buffer.from([
    0x89,
    ...ascii(random.int(2, 4)),
    0xff,
    0xfe,
    random.int(0, 0x1f),
    ...ascii(random.int(2, 4)),
    random.int(0x80, 0xfc),
    random.int(0x80, 0xfc),
    ...ascii(random.int(1, 3)),
  ]);
}

/**
 * Seeds look-alike keys (same prefix, a name of the same shape) holding other bytes, so that code
 * which searches the keyspace instead of reading the key it is given meets them. Resolves with
 * their names.
 */
async function seedDecoys(ctx: CheckContext<Exports>, key: string): Promise<string[]> {
  const prefix = prefixOf(key);
  const names = await ctx.decoys(key.slice(prefix.length), 3, (name) =>
    ctx.redis.set(`${prefix}${name}`, binaryValue(ctx.random)),
  );
  return names.map((name) => `${prefix}${name}`);
}

const hex = (bytes: Buffer) => bytes.toString('hex').replace(/(..)(?!$)/g, '$1 ');

/** What the learner returned, as a learner should see it in a message. */
function described(value: unknown): string {
  if (Buffer.isBuffer(value)) return `a Buffer of ${value.length} bytes`;
  if (typeof value === 'string') return `a string (${JSON.stringify(value)})`;
  return value === null ? 'null' : `a ${typeof value}`;
}

function listed(commands: readonly LoggedCommand[]): string {
  if (commands.length === 0) return 'no commands';
  const shown = commands.slice(0, 12).map((command) => {
    const text = [command.name.toUpperCase(), ...command.args].join(' ');
    return (command as ExecutedCommand).script ? `${text} (in a script)` : text;
  });
  return commands.length > 12 ? `${shown.join(', ')}, …` : shown.join(', ');
}

/** Fails unless `returned` is a Buffer; then compares its bytes with `stored`. */
function sameBytes(expect: Expect, returned: unknown, stored: Buffer, key: string): void {
  expect.ok(
    Buffer.isBuffer(returned),
    `readBytes(redis, '${key}') returned ${described(returned)}, not a Buffer: read the value with a method that gives you bytes`,
  );
  // Said first of a large value, whose hex below shows only the start.
  expect.ok(
    stored.length < 160 || (returned as Buffer).length === stored.length,
    `readBytes(redis, '${key}') returned ${(returned as Buffer).length} bytes, but ${key} holds ${stored.length}`,
  );
  // The hex of 100 KiB is built only to say where they differ.
  if ((returned as Buffer).equals(stored)) return;
  const got = hex(returned as Buffer);
  const wanted = hex(stored);
  // ef bf bd is U+FFFD in UTF-8 (fd in latin1): the mark of bytes that went through a string.
  const mangled = got !== wanted && /(^| )(ef bf bd|fd)( |$)/.test(got);
  expect.equal(
    got,
    wanted,
    `the bytes readBytes(redis, '${key}') returned, compared with the ${stored.length} bytes GET ${key} holds (in hex${mangled ? '; ef bf bd, or fd, is the replacement character �: the value went through a string and lost the bytes that are not UTF-8' : ''})`,
  );
}

const SEARCHES = new Set(['keys', 'scan', 'randomkey']);

const checks: CheckList<Exports> = [
  {
    name: 'ping returns the reply to PING',
    async run({ call, sandboxClient, redis, expect }) {
      const returned = await call('ping', sandboxClient);
      expect.equal(
        returned,
        await redis.ping(),
        'what ping returned, compared with what PING answers',
      );
    },
  },
  {
    name: 'ping sends PING to Redis',
    logExecuted: true,
    async run({ call, sandboxClient, executed, clients, expect }) {
      await call('ping', sandboxClient);
      const ran = await executed();
      expect.ok(
        ran.some((command) => command.name === 'ping'),
        `ping must send PING to Redis and return its reply, but Redis ran ${ran.length > 0 ? `only: ${listed(ran)}` : 'no command at all'}`,
      );
      const made = clients().length - 1;
      expect.ok(
        made === 0,
        `ping made ${made} client${made === 1 ? '' : 's'} of its own (duplicate() or new Redis()): send PING on the client it is given, which is connected already`,
      );
    },
  },
  {
    name: 'readBytes returns a Buffer',
    async run({ call, sandboxClient, redis, expect, random }) {
      const key = keyOf(random);
      await redis.set(key, binaryValue(random));
      const returned = await call('readBytes', sandboxClient, key);
      expect.ok(
        Buffer.isBuffer(returned),
        `readBytes(redis, '${key}') returned ${described(returned)}, not a Buffer: read the value with a method that gives you bytes`,
      );
    },
  },
  {
    name: 'readBytes returns exactly the bytes stored under the key',
    async run(ctx) {
      const { call, sandboxClient, redis, expect, random } = ctx;
      const large = Buffer.concat(
        Array.from({ length: (100 * 1024) / 64 }, () => {
          const part = Buffer.alloc(64);
          for (let at = 0; at < part.length; at++) part[at] = random.int(0, 255);
          return part;
        }),
      );
      // A key of each kind of name, and then the first again with other bytes, and with 100 KiB
      // (read in one piece or in parts, it must come back whole). Reading leaves the value as it was.
      const keys = PREFIXES.map((prefix) => `${prefix}${random.word(6)}`);
      const reads = [
        ...keys.map((key) => [key, binaryValue(random)] as const),
        [keys[0] as string, binaryValue(random)] as const,
        [keys[0] as string, large] as const,
      ];
      await seedDecoys(ctx, keys[0] as string);
      for (const [key, stored] of reads) {
        await redis.set(key, stored);
        const returned = await call('readBytes', sandboxClient, key);
        sameBytes(expect, returned, stored, key);
        const left = await redis.getBuffer(key);
        expect.ok(
          left?.equals(stored),
          `after readBytes(redis, '${key}'), ${key} ${left === null ? 'is gone' : 'holds other bytes'}: reading a value leaves it as it was`,
        );
      }
    },
  },
  {
    name: 'readBytes returns text values byte for byte too',
    async run({ call, sandboxClient, redis, expect, random }) {
      const key = keyOf(random);
      // Non-ASCII text: its UTF-8 bytes are not one byte per character.
      const text = `${random.pick(['crème brûlée', 'smørrebrød', 'Grüße', 'こんにちは', 'café'])} ${random.word(5)}`;
      const stored = Buffer.from(text, 'utf8');
      await redis.set(key, stored);
      const returned = await call('readBytes', sandboxClient, key);
      sameBytes(expect, returned, stored, key);
    },
  },
  {
    name: 'readBytes returns an empty Buffer for a key that holds zero bytes',
    async run({ race, sandboxClient, redis, expect, random }) {
      const key = keyOf(random);
      // In a race of one call, a throw reaches verify as `threw`, to be explained.
      await race({
        calls: [['readBytes', sandboxClient, key]],
        labels: [`readBytes(redis, '${key}')`],
        setup: async () => {
          await redis.set(key, '');
        },
        verify: async ([outcome]) => {
          expect.ok(
            outcome.threw === undefined,
            `readBytes(redis, '${key}') threw "${outcome.threw}", but ${key} exists: it holds an empty string (STRLEN ${key} is 0). An empty value is still a value: return an empty Buffer, and throw only when GET answers nil.`,
          );
          sameBytes(expect, outcome.returned, Buffer.alloc(0), key);
        },
      });
    },
  },
  {
    name: 'readBytes throws an Error when the key does not exist',
    async run(ctx) {
      const { race, sandboxClient, redis, expect, random } = ctx;
      const present = keyOf(random);
      const prefix = prefixOf(present);
      const missing = `${prefix}${random.id(present.slice(prefix.length))}`;
      await race({
        calls: [['readBytes', sandboxClient, missing]],
        labels: [`readBytes(redis, '${missing}')`],
        setup: async () => {
          // Other keys are there, the one asked for is not.
          await redis.set(present, binaryValue(random));
          await seedDecoys(ctx, present);
        },
        verify: async ([outcome]) => {
          expect.ok(
            outcome.threw !== undefined,
            `readBytes(redis, '${missing}') returned ${described(outcome.returned)} when ${missing} does not exist (GET ${missing} answers nil). Throw an Error instead, so that a missing value cannot be taken for an empty one.`,
          );
        },
      });
    },
  },
  {
    name: 'readBytes reads the key it is given, without searching for keys',
    logExecuted: true,
    async run(ctx) {
      const { call, sandboxClient, redis, executed, expect, random } = ctx;
      const key = keyOf(random);
      const stored = binaryValue(random);
      await redis.set(key, stored);
      const decoys = await seedDecoys(ctx, key);
      await call('readBytes', sandboxClient, key);
      const ran = await executed();
      const searches = ran.filter((command) => SEARCHES.has(command.name));
      expect.ok(
        searches.length === 0,
        `readBytes(redis, '${key}') searched the keyspace (${listed(searches)}); Redis ran: ${listed(ran)}. It is given the key's name: GET that key, and nothing else.`,
      );
      const others = ran.filter((command) => command.args.some((arg) => decoys.includes(arg)));
      expect.ok(
        others.length === 0,
        `readBytes(redis, '${key}') touched other keys (${listed(others)}): read only the key it is given.`,
      );
    },
  },
  {
    name: 'ping and readBytes leave the client they are given open',
    async run({ call, sandboxClient, redis, commands, expect, random }) {
      const key = keyOf(random);
      await redis.set(key, binaryValue(random));
      await call('ping', sandboxClient);
      await call('readBytes', sandboxClient, key);
      const sent = commands();
      expect.ok(
        !sent.some((command) => command.name === 'quit'),
        `your code sent QUIT (it sent: ${listed(sent)}). The client belongs to the code that passed it in, which goes on using it: leave it open, and do not call quit() on it.`,
      );
      // RESET leaves the connection open, but logged out and back to its defaults.
      expect.ok(
        !sent.some((command) => command.name === 'reset'),
        `your code sent RESET (it sent: ${listed(sent)}), which logs the client it was given out: the code that passed it in can then send nothing more. Leave the client as it was given.`,
      );
    },
  },
];

export default checks;
