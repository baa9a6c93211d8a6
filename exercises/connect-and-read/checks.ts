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

/** 100 KiB of random bytes: larger than code that reads large values in parts reads at once. */
function largeValue(random: Random): Buffer {
  const bytes = Buffer.alloc(100 * 1024);
  for (let at = 0; at < bytes.length; at++) bytes[at] = random.int(0, 255);
  return bytes;
}

const hex = (bytes: Buffer) => bytes.toString('hex').replace(/(..)(?!$)/g, '$1 ');

/** What the learner returned, as a learner should see it in a message. */
function described(value: unknown): string {
  if (Buffer.isBuffer(value)) return `a Buffer of ${value.length} bytes`;
  if (typeof value === 'string') {
    return `a string (${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)})`;
  }
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

type Outcome<T> =
  | { returned: T; threw: undefined }
  | { returned: undefined; threw: Error & { location?: unknown } };

/**
 * A learner call's outcome, its throw included, so that a check can look at it and go on. A
 * limit (time, memory) still ends the check as the engine says.
 */
function settled<T>(promise: Promise<T>): Promise<Outcome<T>> {
  return promise.then(
    (returned) => ({ returned, threw: undefined }),
    (error: unknown) => {
      if ((error as { reason?: unknown }).reason !== 'learner-error') throw error;
      return { returned: undefined, threw: error as Error & { location?: unknown } };
    },
  );
}

/** Bytes as a message shows them: whole when short, their start otherwise. */
const shown = (bytes: Buffer) =>
  bytes.length <= 40 ? hex(bytes) : `${hex(bytes.subarray(0, 16))} …, ${bytes.length} bytes`;

/**
 * Other bytes of the same length as `like`: code that takes an unchanged length for an unchanged
 * value meets them.
 */
function sameLengthAs(random: Random, like: Buffer): Buffer {
  const other = Buffer.concat([binaryValue(random), Buffer.from(random.word(like.length))]);
  const bytes = other.subarray(0, like.length);
  if (bytes.equals(like)) bytes[0] = (bytes[0] as number) ^ 1;
  return bytes;
}

/** How long a check holds Redis (CLIENT PAUSE): longer than a "PONG after a while" fallback. */
const STALL_MS = 300;

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
      // Redis refuses PING for this one call (its user may not run it): a ping that answers PONG
      // when PING fails says Redis is fine exactly when it is not.
      await redis.call('ACL', 'SETUSER', 'learner', '-ping');
      let refused: Outcome<string>;
      try {
        refused = await settled(call('ping', sandboxClient));
      } finally {
        await redis.call('ACL', 'SETUSER', 'learner', '+ping');
      }
      expect.ok(
        refused.returned !== 'PONG',
        `Redis answered your PING with an error (NOPERM: the user may not run PING), and ping returned 'PONG' all the same, a reply Redis never sent. Let the error reach the caller: it calls ping to find out whether Redis answers.`,
      );
      // Any value returned in its place (the error's message, the Error itself, null, 'DOWN')
      // reads as a reply Redis sent.
      const instead: unknown = refused.returned;
      expect.ok(
        refused.threw !== undefined,
        `Redis answered your PING with an error (NOPERM: the user may not run PING), and ping returned ${instead instanceof Error ? `the Error ("${instead.message}") instead of throwing it` : instead === null || instead === undefined ? String(instead) : JSON.stringify(instead)}, as if Redis had answered that. Let the error reach the caller (do not catch it, or throw it again): a returned value is a reply, and Redis sent none.`,
      );
      // Redis holds every client for a while: a ping that answers PONG of its own after a timeout
      // returns before Redis has said anything.
      const until = Date.now() + STALL_MS;
      await redis.call('CLIENT', 'PAUSE', String(STALL_MS), 'ALL');
      const slow = await call('ping', sandboxClient);
      const early = until - Date.now();
      expect.ok(
        early <= 0,
        `Redis held every client for ${STALL_MS} ms (CLIENT PAUSE), and ping returned ${JSON.stringify(slow)} ${early} ms before Redis could have answered its PING. Wait for Redis's reply, however long it takes, and return that.`,
      );
      expect.equal(slow, 'PONG', `what ping returned once Redis answered after ${STALL_MS} ms`);
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
      const { call, sandboxClient, redis, executed, clients, snapshot, diff, expect, random } = ctx;
      const key = keyOf(random);
      const stored = binaryValue(random);
      await redis.set(key, stored);
      const decoys = await seedDecoys(ctx, key);
      const prefix = prefixOf(key);
      // Then a key that is not there: code that searches only when GET finds nothing shows here.
      const missing = `${prefix}${random.id(key.slice(prefix.length))}`;
      const before = await snapshot();
      await call('readBytes', sandboxClient, key);
      await settled(call('readBytes', sandboxClient, missing));
      const after = await snapshot();
      const ran = await executed();
      const asked = `asked for '${key}', which exists, then for '${missing}', which does not`;
      const searches = ran.filter((command) => SEARCHES.has(command.name));
      expect.ok(
        searches.length === 0,
        `readBytes searched the keyspace (${listed(searches)}) when ${asked}; Redis ran: ${listed(ran)}. It is given the key's name: GET that key, and nothing else, whether or not it exists.`,
      );
      const others = ran.filter((command) => command.args.some((arg) => decoys.includes(arg)));
      expect.ok(
        others.length === 0,
        `readBytes touched other keys (${listed(others)}) when ${asked}: read only the key it is given.`,
      );
      const changed = diff(before, after).outside([]);
      expect.ok(
        changed.length === 0,
        `readBytes changed what Redis holds when ${asked}: ${diff(before, after).describe(changed)} (Redis ran: ${listed(ran)}). Reading changes nothing: write no key, neither the one you read nor one of your own.`,
      );
      // One client was lent to each call.
      const made = clients().length - 2;
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
      const large = largeValue(random);
      // A key of each kind of name; then the first again with 100 KiB (read in one piece or in
      // parts, it must come back whole), with small bytes after it and other bytes of that very
      // length after those, so that a value kept from an earlier read shows, whatever tells it
      // apart; and two names beside a twin holding other bytes: one with a space at each end
      // (its twin trimmed), one whose é is an e and a combining accent (its twin in NFC).
      const keys = PREFIXES.map((prefix) => `${prefix}${random.word(6)}`);
      const spaced = ` ${random.pick(PREFIXES)}${random.word(6)} `;
      const decomposed = `${'cache:café:'.normalize('NFD')}${random.word(6)}`;
      const small = binaryValue(random);
      // Zero bytes at both ends, which code taking them for C string padding drops.
      const padded = Buffer.concat([Buffer.alloc(1), binaryValue(random), Buffer.alloc(2)]);
      const reads = [
        ...keys.map((key) => [key, binaryValue(random)] as const),
        [keys[0] as string, large] as const,
        [keys[0] as string, small] as const,
        [keys[0] as string, sameLengthAs(random, small)] as const,
        [keys[2] as string, padded] as const,
        [spaced, binaryValue(random)] as const,
        [decomposed, binaryValue(random)] as const,
      ];
      await seedDecoys(ctx, keys[0] as string);
      const twins = new Map([
        [
          spaced,
          {
            name: spaced.trim(),
            bytes: binaryValue(random),
            why: 'read the key by its exact name, the spaces at its ends included',
          },
        ],
        [
          decomposed,
          {
            name: decomposed.normalize('NFC'),
            bytes: binaryValue(random),
            why: 'its name writes é as one character (U+00E9), the name you were given as e and a combining accent (U+0301). Key names are bytes: read the name as given, without normalizing it',
          },
        ],
      ]);
      for (const twin of twins.values()) await redis.set(twin.name, twin.bytes);
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
        const twin = twins.get(key);
        expect.ok(
          !(twin && Buffer.isBuffer(returned) && twin.bytes.equals(returned)),
          `readBytes(redis, '${key}') returned the bytes of '${twin?.name}', another key: ${twin?.why}`,
        );
        const before = earlier.get(key);
        expect.ok(
          !(before && Buffer.isBuffer(returned) && before.equals(returned)),
          `readBytes(redis, '${key}') returned the ${before?.length} bytes ${key} held at your previous read, but it holds ${stored.length} other bytes now: read the value from Redis on every call, whatever its size or length`,
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
      const like = present.slice(prefix.length);
      // With a space at each end, beside its trimmed twin: code that tries the trimmed name when
      // the exact one is missing answers another key's bytes.
      const missing = ` ${prefix}${random.id(like)} `;
      const trimmed = binaryValue(random);
      const hash = `${prefix}${random.id(like)}`;
      const list = `${prefix}${random.id(like)}`;
      // Other keys are there, the one asked for is not.
      await redis.set(present, binaryValue(random));
      await redis.set(missing.trim(), trimmed);
      await seedDecoys(ctx, present);
      // Called here rather than in a race, so that the throw can be looked at and the same
      // module asked again.
      const read = (key: string) => settled(call('readBytes', sandboxClient, key));
      const absent = await read(missing);
      const twin = Buffer.isBuffer(absent.returned) && trimmed.equals(absent.returned);
      expect.ok(
        absent.threw !== undefined,
        `readBytes(redis, '${missing}') returned ${described(absent.returned)} when '${missing}' does not exist (GET '${missing}' answers nil)${twin ? `: those are the bytes of '${missing.trim()}', another key (the name is exact, spaces at its ends included)` : ''}. Throw an Error instead, so that a missing value cannot be taken for an empty one.`,
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
        `readBytes(redis, '${missing}') threw "${thrownText(created.threw)}", but '${missing}' exists now: another client stored ${stored.length} bytes there after your first read found nothing. Ask Redis on every call: a key missing once may be there the next time.`,
      );
      sameBytes(expect, created.returned, stored, missing);
      // A hash and a list: GET answers WRONGTYPE for both, whatever they hold.
      await redis.hset(hash, 'bytes', binaryValue(random));
      await redis.rpush(list, binaryValue(random), binaryValue(random));
      for (const [key, type] of [
        [hash, 'hash'],
        [list, 'list'],
      ] as const) {
        const other = await read(key);
        expect.ok(
          other.threw !== undefined,
          `readBytes(redis, '${key}') returned ${described(other.returned)}, but ${key} holds a ${type} (TYPE ${key}), not a string: GET ${key} answers a WRONGTYPE error. Let that error reach the caller (or throw one of your own) rather than answer bytes the key does not hold.`,
        );
      }
      // The hash replaced by a string (SET replaces a key of any type): now it holds bytes.
      const replaced = binaryValue(random);
      await redis.set(hash, replaced);
      const string = await read(hash);
      expect.ok(
        string.threw === undefined,
        `readBytes(redis, '${hash}') threw "${thrownText(string.threw)}", but ${hash} holds a string now: another client replaced the hash your previous read found there with ${replaced.length} bytes. Ask Redis on every call: a key that held another type may hold a string the next time.`,
      );
      sameBytes(expect, string.returned, replaced, hash);
    },
  },
  {
    name: 'readBytes returns one value the key held, while another client changes it',
    async run({ race, sandboxClient, redis, expect, random }) {
      const key = keyOf(random);
      // Large, so that code which reads large values in parts meets the SET or the DEL between
      // two parts; the DEL also meets a read cut at the length it asked for first.
      const first = largeValue(random);
      // Text, for the grader's SET.
      const second = random.word(random.int(20, 30));
      const held = [`${first.length} bytes (${shown(first)})`, `'${second}'`, 'no key'];
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
          const meanwhile = `while another client SET ${key} to ${held[1]} and then DELeted it; during your call ${key} held ${states.map((state) => held[state]).join(', then ')}`;
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
            `readBytes(redis, '${key}') returned ${described(returned)}${Buffer.isBuffer(returned) ? ` (${shown(returned)})` : ''} ${meanwhile}. Return the bytes of one value the key held, read at one moment (one GET, or one transaction or script), and throw when GET answers nil.`,
          );
        },
      });
    },
  },
  {
    name: 'ping and readBytes leave the client they are given open and as it was',
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
      // The checks lend clients on database 0, where SELECT 0 changes nothing that can be seen;
      // the caller's client may be on another, which SELECT takes it away from.
      const selects = sent.filter((command) => command.name === 'select');
      expect.ok(
        selects.length === 0,
        `your code sent ${listed(selects)} on the client it was given (it sent: ${listed(sent)}). The caller chose that client's database, and the key is in it: send no SELECT, which reads another database and leaves the caller's client switched to it.`,
      );
      // What each client is left with, in the order its commands reached Redis: EXEC, DISCARD
      // and UNWATCH end a WATCH, EXEC and DISCARD a MULTI.
      const left = new Map<number, { watch?: LoggedCommand; multi?: LoggedCommand }>();
      for (const command of sent) {
        const state = left.get(command.client ?? 0) ?? {};
        left.set(command.client ?? 0, state);
        if (command.name === 'watch') state.watch = command;
        else if (command.name === 'multi') state.multi = command;
        else if (command.name === 'unwatch') state.watch = undefined;
        else if (command.name === 'exec' || command.name === 'discard') {
          state.watch = undefined;
          state.multi = undefined;
        }
      }
      const open = [...left.values()].flatMap(({ watch, multi }) =>
        [watch, multi].filter((command) => command !== undefined),
      );
      expect.ok(
        open.length === 0,
        `your code left ${listed(open)} in force on the client it was given (it sent: ${listed(sent)}): the code that passed it in would ${open.some((command) => command.name === 'multi') ? 'see its next commands queued in your transaction, not run' : 'see its next transaction on that client abort whenever the key changes'}. End what you start before returning: EXEC or DISCARD a MULTI, UNWATCH a WATCH you do not EXEC.`,
      );
    },
  },
];

export default checks;
