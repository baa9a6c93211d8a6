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
  // Said first when either side is large: the hex of 100 KiB is no message.
  const length = (returned as Buffer).length;
  expect.ok(
    (stored.length < 160 && length < 160) || length === stored.length,
    `readBytes(redis, '${key}') returned ${length} bytes, but ${key} holds ${stored.length}`,
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

/** What the learner threw, without the engine's "readBytes() threw: " before it. */
const thrownText = (error: Error | undefined) =>
  error?.message.replace(/^readBytes\(\) threw: /, '') ?? '';

/** A PEXPIRETIME answer, as a learner should read it. */
function expiryOf(at: number): string {
  if (at === -1) return 'no expiry';
  if (at === -2) return 'no key';
  return `an expiry ${Math.round((at - Date.now()) / 1000)} s from now (PEXPIRETIME ${at})`;
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
    name: 'readBytes reads the key it is given, without searching for keys',
    logExecuted: true,
    async run(ctx) {
      const { call, sandboxClient, redis, executed, clients, expect, random } = ctx;
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
      const made = clients().length - 1;
      expect.ok(
        made === 0,
        `readBytes made ${made} client${made === 1 ? '' : 's'} of its own (duplicate() or new Redis()): read on the client it is given, which is connected already and may have a database selected`,
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
      // A key of each kind of name; then the first again with 100 KiB (read in one piece or in
      // parts, it must come back whole) and with small bytes after it, so that a value kept from
      // an earlier read shows; and a name with a space at each end, beside its trimmed twin.
      const keys = PREFIXES.map((prefix) => `${prefix}${random.word(6)}`);
      const spaced = ` ${random.pick(PREFIXES)}${random.word(6)} `;
      const reads = [
        ...keys.map((key) => [key, binaryValue(random)] as const),
        [keys[0] as string, large] as const,
        [keys[0] as string, binaryValue(random)] as const,
        [spaced, binaryValue(random)] as const,
      ];
      await seedDecoys(ctx, keys[0] as string);
      const trimmed = binaryValue(random);
      await redis.set(spaced.trim(), trimmed);
      // One key expires and the others do not: a read keeps either as it was. PXAT, so that
      // PEXPIRETIME must answer this very time afterwards.
      const expiring = keys[1] as string;
      const expiresAt = Date.now() + random.int(600, 3000) * 1000;
      const earlier = new Map<string, Buffer>();
      for (const [key, stored] of reads) {
        const expiry = key === expiring ? expiresAt : -1;
        if (expiry > 0) await redis.set(key, stored, 'PXAT', expiry);
        else await redis.set(key, stored);
        const returned = await call('readBytes', sandboxClient, key);
        expect.ok(
          key !== spaced || !(Buffer.isBuffer(returned) && trimmed.equals(returned)),
          `readBytes(redis, '${spaced}') returned the bytes of '${spaced.trim()}', another key: read the key by its exact name, the spaces at its ends included`,
        );
        const before = earlier.get(key);
        expect.ok(
          !(before && Buffer.isBuffer(returned) && before.equals(returned)),
          `readBytes(redis, '${key}') returned the ${before?.length} bytes ${key} held at your previous read, but it holds ${stored.length} other bytes now: read the value from Redis on every call, whatever its size`,
        );
        earlier.set(key, stored);
        sameBytes(expect, returned, stored, key);
        // One round trip for both.
        const [[, left] = [], [, expiresNow] = []] =
          (await redis.pipeline().getBuffer(key).call('PEXPIRETIME', key).exec()) ?? [];
        expect.ok(
          Buffer.isBuffer(left) && left.equals(stored),
          `after readBytes(redis, '${key}'), ${key} ${left === null ? 'is gone' : 'holds other bytes'}: reading a value leaves it as it was`,
        );
        const after = Number(expiresNow);
        expect.ok(
          after === expiry,
          `after readBytes(redis, '${key}'), ${key} has ${expiryOf(after)}, but it had ${expiryOf(expiry)}: reading a value leaves its expiry as it was (GETEX with EX, PX or PERSIST, or a SET after the read, changes it)`,
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
    name: 'readBytes throws an Error when the key does not exist or holds no string',
    async run(ctx) {
      const { call, sandboxClient, redis, expect, random } = ctx;
      const present = keyOf(random);
      const prefix = prefixOf(present);
      const missing = `${prefix}${random.id(present.slice(prefix.length))}`;
      const hash = `${prefix}${random.id(present.slice(prefix.length))}`;
      // Other keys are there, the one asked for is not.
      await redis.set(present, binaryValue(random));
      await seedDecoys(ctx, present);
      // Called here rather than in a race, so that the throw can be looked at and the same
      // module asked again. A limit (time, memory) still ends the check as the engine says.
      const read = (key: string) =>
        call('readBytes', sandboxClient, key).then(
          (returned) => ({ returned, threw: undefined }),
          (error: unknown) => {
            if ((error as { reason?: unknown }).reason !== 'learner-error') throw error;
            return { returned: undefined, threw: error as Error & { location?: unknown } };
          },
        );
      const absent = await read(missing);
      expect.ok(
        absent.threw !== undefined,
        `readBytes(redis, '${missing}') returned ${described(absent.returned)} when ${missing} does not exist (GET ${missing} answers nil). Throw an Error instead, so that a missing value cannot be taken for an empty one.`,
      );
      // Only a thrown Error has a stack, which the engine places at a line of the learner's file.
      const thrown = thrownText(absent.threw);
      expect.ok(
        absent.threw?.location !== undefined,
        `readBytes(redis, '${missing}') threw ${JSON.stringify(thrown)}, which is not an Error (a string, or an object with no stack): throw new Error(…), whose message and stack the caller can read.`,
      );
      const stored = binaryValue(random);
      await redis.set(missing, stored);
      const created = await read(missing);
      expect.ok(
        created.threw === undefined,
        `readBytes(redis, '${missing}') threw "${thrownText(created.threw)}", but ${missing} exists now: another client stored ${stored.length} bytes there after your first read found nothing. Ask Redis on every call: a key missing once may be there the next time.`,
      );
      sameBytes(expect, created.returned, stored, missing);
      await redis.hset(hash, 'bytes', binaryValue(random));
      const other = await read(hash);
      expect.ok(
        other.threw !== undefined,
        `readBytes(redis, '${hash}') returned ${described(other.returned)}, but ${hash} holds a hash (TYPE ${hash}), not a string: GET ${hash} answers a WRONGTYPE error. Let that error reach the caller (or throw one of your own) rather than answer bytes the key does not hold.`,
      );
    },
  },
  {
    name: 'readBytes returns one value the key held, while another client changes it',
    async run({ race, sandboxClient, redis, expect, random }) {
      const key = keyOf(random);
      const first = binaryValue(random);
      // Text, for the grader's SET, and longer than the first: a read in parts that mixes them
      // returns bytes neither value has.
      const second = random.word(random.int(20, 30));
      const held = [`${first.length} bytes (${hex(first)})`, `'${second}'`, 'no key'];
      await race({
        calls: [['readBytes', sandboxClient, key]],
        labels: [`readBytes(redis, '${key}')`],
        setup: async () => {
          await redis.set(key, first);
        },
        interject: [
          ['SET', key, second],
          ['DEL', key],
        ],
        verify: async ([outcome], steps) => {
          // The states the key went through while the call talked to Redis: those before its
          // first command up to those before its last one.
          const graderBefore = (at: number) =>
            steps.slice(0, at).filter(({ by }) => by === 'grader').length;
          const own = steps.flatMap(({ by }, at) => (by === 0 ? [at] : []));
          const from = own.length > 0 ? graderBefore(own[0] as number) : 0;
          const to = own.length > 0 ? graderBefore(own[own.length - 1] as number) : 2;
          const states = [0, 1, 2].filter((state) => state >= from && state <= to);
          const values = [first, Buffer.from(second)];
          const meanwhile = `while another client SET ${key} to '${second}' and then DELeted it; during your call ${key} held ${states.map((state) => held[state]).join(', then ')}`;
          if (outcome.threw !== undefined) {
            expect.ok(
              states.includes(2),
              `readBytes(redis, '${key}') threw "${outcome.threw}" ${meanwhile}. Throw only when GET answers nil.`,
            );
            return;
          }
          const returned = outcome.returned as unknown;
          expect.ok(
            Buffer.isBuffer(returned) &&
              states.some((state) => values[state]?.equals(returned as Buffer)),
            `readBytes(redis, '${key}') returned ${described(returned)}${Buffer.isBuffer(returned) ? ` (${hex(returned)})` : ''} ${meanwhile}. Return the bytes of one value the key held, read at one moment (one GET, or one transaction or script), and throw when GET answers nil.`,
          );
        },
      });
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
