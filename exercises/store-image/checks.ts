import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';
import type {
  CheckContext,
  CheckList,
  ExecutedCommand,
  LoggedCommand,
  Random,
} from '../../grader/checks/api.ts';

interface Exports {
  storeImage(redis: Redis, id: string, file: string): Promise<void>;
  loadImage(redis: Redis, id: string): Promise<Buffer | null>;
}

const FILES = ['red-square.png', 'blue-gradient.png', 'checkerboard.png', 'noise.png'] as const;
/**
 * Shapes of image ids; each check takes a fresh id like one of them, so that code which works
 * only for ids of one shape or length (or knows the sizes of the keys they make) gives itself away.
 */
const ID_SHAPES = ['7301', 'b3', 'cat-2024-05-17', 'x9q4z81k', ' Été  7:b_Q3 '] as const;
/**
 * An id with a capital, letters outside ASCII (one é written as e + U+0301), spaces at both ends
 * and two in a row, ':', '_', braces (a Cluster hash tag), quotes, a tab, and over 80 characters
 * in all, for the checks that must meet one in every grading: code that lower-cases, slugifies,
 * trims, collapses spaces, drops braces, escapes quotes, turns a tab into a space, normalises
 * accents or cuts the id short names another key.
 */
const MIXED = ` Été  7:b_Q3 {Kv}\t"Mo's" ${'abcdefghij'.repeat(3)}-${'klmnopqrst'.repeat(3)} `;

/** An id shaped like MIXED, its é decomposed (random.id keeps it as it is). */
const mixedId = (random: Random) => random.id(MIXED).replace('é', 'e\u0301');

const newId = (random: Random) => random.id(random.pick(ID_SHAPES));

const read = new Map<string, Promise<Buffer>>();

/** The fixture's bytes, read here in the grader, where the files are on disk (once each). */
function fixture(file: string): Promise<Buffer> {
  let bytes = read.get(file);
  if (bytes === undefined) {
    bytes = readFile(new URL(`./fixtures/${file}`, import.meta.url));
    read.set(file, bytes);
  }
  return bytes;
}

/**
 * A copy of `bytes` with a few bytes changed after the 8-byte PNG signature: still the size of
 * its fixture, and still not UTF-8 text, but equal to no fixture file. Code that answers with a
 * file of the right size, instead of what Redis holds, gives itself away.
 */
function altered(bytes: Buffer, random: Random): Buffer {
  const copy = Buffer.from(bytes);
  const places = new Set<number>();
  while (places.size < Math.min(4, copy.length - 8)) places.add(random.int(8, copy.length - 1));
  for (const at of places) copy[at] = (copy[at] ?? 0) ^ random.int(1, 255);
  return copy;
}

/**
 * An image of `size` bytes that matches no fixture: altered fixtures end to end, cut to size. Large
 * enough, for the race, that code reading it in pieces of up to 64 KiB takes two reads or more.
 */
async function largeImage(random: Random, size: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (let length = 0; length < size; ) {
    const part = altered(await fixture(random.pick(FILES)), random);
    parts.push(part);
    length += part.length;
  }
  return Buffer.concat(parts).subarray(0, size);
}

/**
 * Seeds images under ids shaped like `like` beside the learner's, each with its metadata, so
 * that code which searches for "the" image, or takes the first key it finds, meets them.
 */
async function otherImages(
  redis: Redis,
  random: Random,
  decoys: CheckContext<Exports>['decoys'],
  like: string,
): Promise<string[]> {
  return decoys(like, 3, (other) => otherImage(redis, random, other));
}

/** One image stored by someone else under `other`, with its metadata. */
async function otherImage(redis: Redis, random: Random, other: string): Promise<void> {
  const file = random.pick(FILES);
  const bytes = altered(await fixture(file), random);
  await redis.set(`image:${other}`, bytes);
  await redis.hset(`image:${other}:meta`, {
    contentType: 'image/png',
    bytes: bytes.length,
    name: file,
  });
}

/** Two different fixture files, the larger first (`one`, and `other` unless it is the same). */
async function largerFirst(one: string, other: string, random: Random): Promise<[string, string]> {
  const second = other === one ? random.pick(FILES.filter((file) => file !== one)) : other;
  const [a, b] = await Promise.all([fixture(one), fixture(second)]);
  return a.length > b.length ? [one, second] : [second, one];
}

const hex = (byte: number | undefined) =>
  byte === undefined ? 'nothing' : `0x${byte.toString(16).padStart(2, '0')}`;

/** Where two byte strings part, said so that a learner can see what went wrong. */
function difference(actual: Buffer, expected: Buffer, what: string, whose: string): string {
  let at = 0;
  while (at < actual.length && at < expected.length && actual[at] === expected[at]) at++;
  const sizes = `${what} has ${actual.length} bytes and ${whose} has ${expected.length}`;
  const replaced = actual.subarray(at, at + 3).equals(Buffer.from([0xef, 0xbf, 0xbd]));
  return (
    `${sizes}; they first differ at byte ${at}: ` +
    `expected ${hex(expected[at])}, got ${hex(actual[at])}` +
    (replaced
      ? ' — EF BF BD is the UTF-8 replacement character, the mark of bytes decoded as text.' +
        ' Read binary values with getBuffer, which hands back the bytes untouched.'
      : '')
  );
}

/** A key name for a message, quoted when it holds white space (an id with spaces at its ends). */
const shown = (key: string) => (/\s/.test(key) ? JSON.stringify(key) : key);

/** Every key in the sandbox, for messages that say what Redis holds. */
async function keys(redis: Redis): Promise<string> {
  return (await redis.keys('*')).sort().map(shown).join(', ') || 'no keys';
}

/** Base64 writes 4 characters for every 3 bytes. */
const base64Length = (bytes: number) => 4 * Math.ceil(bytes / 3);

const listed = (commands: readonly LoggedCommand[]) =>
  commands.map((command) => [command.name.toUpperCase(), ...command.args].join(' ')).join('; ');

/** Fails unless `returned` is a Buffer holding exactly `bytes`, saying how it differs. */
function expectBytes(
  expect: CheckContext<Exports>['expect'],
  returned: unknown,
  bytes: Buffer,
  call: string,
  held: string,
  after = '',
): void {
  const when = after && `after ${after}, `;
  expect.ok(
    returned !== null && returned !== undefined,
    `${when}${call} returned ${String(returned)}, but ${held}`,
  );
  expect.ok(
    typeof returned !== 'string',
    `${when}${call} returned a string, not a Buffer: the reply was decoded as UTF-8 text, which ` +
      'changes the bytes. Read the value with getBuffer.',
  );
  expect.ok(
    Buffer.isBuffer(returned),
    `${when}${call} must return a Buffer, but returned ${typeof returned}`,
  );
  const buffer = returned as Buffer;
  expect.ok(
    buffer.equals(bytes),
    when +
      difference(buffer, bytes, `the Buffer ${call} returned`, 'the value in Redis') +
      '. Return the bytes Redis holds under the key, not a file read again.',
  );
}

const checks: CheckList<Exports> = [
  {
    name: 'image:<id> holds the exact bytes of the file',
    async run({ call, sandboxClient, redis, expect, random }) {
      const id = mixedId(random);
      const file = random.pick(FILES);
      const bytes = await fixture(file);
      const key = `image:${id}`;
      await call('storeImage', sandboxClient, id, file);

      const type = await redis.type(key);
      expect.ok(
        type !== 'none',
        `after storeImage(id '${id}', file '${file}') there is no key ${shown(key)} ` +
          `(Redis holds: ${await keys(redis)}): the key holds the id exactly as given, its ` +
          'capitals, every space (at its ends and in a row too), its braces, quotes and tab, its ' +
          'accents as written (e + U+0301 stays two characters) and its whole length included',
      );
      expect.equal(type, 'string', `TYPE ${key}`);
      const length = await redis.strlen(key);
      if (length !== bytes.length && length === base64Length(bytes.length)) {
        const larger = Math.round((length / bytes.length - 1) * 100);
        expect.ok(
          false,
          `STRLEN ${key} is ${length}, but ${file} is ${bytes.length} bytes: the stored value is ` +
            `${larger}% larger, exactly the size of the file in base64 (4 characters for every 3 ` +
            'bytes). Redis strings are binary-safe: SET the Buffer from readFile as it is.',
        );
      }
      expect.ok(
        length === bytes.length,
        `STRLEN ${key} is ${length}, but ${file} is ${bytes.length} bytes` +
          (length > bytes.length
            ? ': the value grew, as bytes do when they pass through a string (readFile with ' +
              "an encoding such as 'utf8', or toString()). SET the Buffer from readFile as it is."
            : ''),
      );
      const stored = (await redis.getBuffer(key)) ?? Buffer.alloc(0);
      expect.ok(stored.equals(bytes), difference(stored, bytes, `the value of ${key}`, 'the file'));
    },
  },
  {
    name: 'image:<id>:meta is a hash with contentType, bytes and name',
    async run({ call, sandboxClient, redis, expect, random }) {
      const id = newId(random);
      const file = random.pick(FILES);
      const bytes = await fixture(file);
      const key = `image:${id}:meta`;
      await call('storeImage', sandboxClient, id, file);

      const type = await redis.type(key);
      expect.ok(
        type !== 'none',
        `after storeImage(id '${id}', file '${file}') there is no key ${key}: write the ` +
          `metadata with HSET next to the bytes (Redis holds: ${await keys(redis)})`,
      );
      expect.equal(type, 'hash', `TYPE ${key}`);
      expect.equal(
        await redis.hgetall(key),
        { contentType: 'image/png', bytes: String(bytes.length), name: file },
        `HGETALL ${key} (${file} is ${bytes.length} bytes)`,
      );
    },
  },
  {
    name: 'storing again under the same id replaces the image and its metadata',
    async run({ call, sandboxClient, redis, expect, random }) {
      const id = newId(random);
      const key = `image:${id}`;
      const [larger, file] = await largerFirst(random.pick(FILES), random.pick(FILES), random);
      const bytes = await fixture(file);
      await call('storeImage', sandboxClient, id, file);
      // Meanwhile another program wrote an older image there, with no TTL: larger (code that
      // writes over the old bytes with SETRANGE or APPEND leaves its tail behind), starting with
      // the same 64 bytes of PNG header (code that compares headers skips the write), with
      // metadata that names this very file and its size but has a fourth field (HSET alone keeps
      // it, and so does code that resets the hash only when it names another file). The same
      // file stored again must bring back exactly the file, also to code that remembers what it
      // stored.
      const old = Buffer.concat([
        bytes.subarray(0, 64),
        altered(await fixture(larger), random).subarray(64),
      ]);
      const extra = random.word(5);
      await redis.set(key, old);
      await redis.hset(`${key}:meta`, {
        contentType: 'image/png',
        bytes: bytes.length,
        name: file,
        [extra]: 'left by an older version',
      });
      const done = `after storeImage('${id}', '${file}'), another program's SET of ${old.length} bytes and HSET of ${key}:meta (naming ${file}, with a fourth field ${extra}), then storeImage('${id}', '${file}') again`;
      await call('storeImage', sandboxClient, id, file);
      const stored = (await redis.getBuffer(key)) ?? Buffer.alloc(0);
      expect.ok(
        stored.equals(bytes),
        `${done}, ${difference(stored, bytes, `the value of ${key}`, file)}. Write the whole ` +
          'file on every call, whatever Redis or your program holds from before.',
      );
      expect.equal(
        await redis.hgetall(`${key}:meta`),
        { contentType: 'image/png', bytes: String(bytes.length), name: file },
        `HGETALL ${key}:meta ${done} (an HSET leaves the old fields it does not name, even in a ` +
          'hash that already names this file: DEL the hash first, in the same MULTI)',
      );
    },
  },
  {
    name: 'storeImage writes image:<id> and image:<id>:meta, and no other key',
    // A temporary key written and renamed or deleted again is gone before the second snapshot:
    // only what Redis executed shows it, from a script too.
    logExecuted: true,
    async run({ call, sandboxClient, redis, expect, random, decoys, snapshot, diff, executed }) {
      const id = newId(random);
      const file = random.pick(FILES);
      await otherImages(redis, random, decoys, id);
      // An id that starts with the learner's: KEYS image:<id>* finds its keys too.
      await otherImage(redis, random, `${id}${random.int(0, 9)}`);
      const mine = [`image:${id}`, `image:${id}:meta`];
      const only =
        `storeImage(id '${id}', file '${file}') may write ` +
        `${mine.map(shown).join(' and ')} only`;
      const before = await snapshot();
      await call('storeImage', sandboxClient, id, file);
      const changes = diff(before, await snapshot());
      const elsewhere = changes.outside(mine);
      expect.ok(elsewhere.length === 0, `${only}, but it ${changes.describe(elsewhere)}`);
      const ran = await executed();
      const others = ran.filter(
        (command) => command.write && command.keys.some((key) => !mine.includes(key)),
      );
      expect.ok(
        others.length === 0,
        `${only}, but Redis ran ${listed(others)}: a write to another key, even one gone by ` +
          'the time storeImage returns (a temporary key shared by every call, which two stores ' +
          `at once overwrite). Write the bytes straight into image:<id>; Redis ran: ${listed(ran)}`,
      );
    },
  },
  {
    name: 'the image and its metadata are kept: neither key expires',
    async run({ call, sandboxClient, redis, expect, random }) {
      const id = newId(random);
      const file = random.pick(FILES);
      // This very file and its metadata already under the id, both set to expire by someone
      // else: storing replaces them, and the new keys are kept. A SET with KEEPTTL, an HSET (and
      // HDEL) into the old hash, or a write skipped because Redis already holds the file, would
      // keep the old expiry.
      const bytes = await fixture(file);
      const earlier = { image: 600_000, meta: 300_000 };
      await redis.set(`image:${id}`, bytes, 'PX', earlier.image);
      await redis
        .multi()
        .hset(`image:${id}:meta`, { contentType: 'image/png', bytes: bytes.length, name: file })
        .pexpire(`image:${id}:meta`, earlier.meta)
        .exec();
      await call('storeImage', sandboxClient, id, file);
      for (const [key, seeded] of [
        [`image:${id}`, earlier.image],
        [`image:${id}:meta`, earlier.meta],
      ] as const) {
        const pttl = await redis.pttl(key);
        expect.ok(
          pttl === -1,
          pttl === -2
            ? `after storeImage(id '${id}', file '${file}') there is no key ${key} (Redis holds: ${await keys(redis)})`
            : Math.abs(seeded - pttl) < 60_000
              ? `${key} held ${file} already, set by another program to expire in ` +
                `${seeded / 1000} s; after storeImage('${id}', '${file}') it still expires, in ` +
                `${Math.round(pttl / 1000)} s: storing replaces both keys with ones that have no ` +
                'TTL, even when Redis holds this file already (SET without KEEPTTL; DEL the hash ' +
                'before HSET; write on every call)'
              : `${key} expires in ${Math.round(pttl / 1000)} s, but storeImage keeps the image: set no TTL on either key`,
        );
      }
    },
  },
  {
    name: 'loadImage returns the exact bytes held under image:<id> as a Buffer',
    // KEYS or SCAN sent from a Lua script shows only in what Redis executed.
    logExecuted: true,
    async run({ call, sandboxClient, redis, expect, random, decoys, executed }) {
      const id = mixedId(random);
      const file = random.pick(FILES);
      // Bytes no fixture has, with metadata that names a fixture of the same size: only the
      // value in Redis is the right answer.
      const bytes = altered(await fixture(file), random);
      const key = `image:${id}`;
      await otherImages(redis, random, decoys, id);
      await redis.set(key, bytes);
      await redis.hset(`${key}:meta`, {
        contentType: 'image/png',
        bytes: bytes.length,
        name: file,
      });

      const returned: unknown = await call('loadImage', sandboxClient, id);
      expectBytes(
        expect,
        returned,
        bytes,
        `loadImage('${id}')`,
        `${key} holds ${bytes.length} bytes (set by the checks, not read from a file)`,
      );
      const ran = await executed();
      const searches = ran.filter((command) => ['keys', 'scan'].includes(command.name));
      expect.ok(
        searches.length === 0,
        `loadImage('${id}') knows its key, ${key}: read it, without searching the keyspace ` +
          `(KEYS and SCAN walk every key, and block Redis while they do, in a script too); Redis ran: ${listed(ran)}`,
      );
    },
  },
  {
    name: 'loadImage reads Redis on every call, and only reads: a replaced or deleted image shows at once',
    // A key written and deleted again within one load is gone before the second snapshot: only
    // what Redis executed shows it, from a script too.
    logExecuted: true,
    async run({ call, sandboxClient, redis, expect, random, snapshot, diff, commands, executed }) {
      const id = newId(random);
      const file = random.pick(FILES);
      const key = `image:${id}`;
      const meta = `${key}:meta`;
      const original = await fixture(file);
      await call('storeImage', sandboxClient, id, file);
      const storing = commands().length;

      // Another program changes the image behind the learner's back before each load: a copy
      // kept since storeImage or since the last load (even one checked against the size, the
      // TTL and the metadata), the file read again (even the one the metadata names), or as
      // many bytes as the metadata says, is not what Redis holds; and a load must leave each
      // state as it is.
      const same = altered(original, random);
      const larger = altered(Buffer.concat([original, original.subarray(8)]), random);
      const sameAsLarger = altered(larger, random);
      const notPng = Buffer.concat([
        Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
        altered(original, random).subarray(8),
      ]);
      const otherName = `${random.word()}.jpg`;
      const steps: [Buffer | null, () => Promise<unknown>, string][] = [
        [
          same,
          () => redis.set(key, same),
          `${key} was replaced with other bytes of the same size, ${meta} left as it was`,
        ],
        [
          larger,
          () => redis.set(key, larger, 'PX', 600_000),
          `${key} was replaced with ${larger.length} bytes, more than the ${original.length} ${meta} gives, set to expire in 10 minutes`,
        ],
        [
          sameAsLarger,
          () => redis.multi().set(key, sameAsLarger).del(meta).exec(),
          `${key} was replaced with other bytes of that size and ${meta} deleted (the bytes are the image, with or without metadata)`,
        ],
        // Bytes that are no PNG, with metadata that says so: the bytes are the answer all the
        // same, whatever they hold and whatever the metadata says.
        [
          notPng,
          () =>
            redis
              .multi()
              .set(key, notPng)
              .hset(meta, { contentType: 'image/jpeg', bytes: notPng.length, name: otherName })
              .exec(),
          `${key} was replaced with ${notPng.length} bytes that are no PNG (they start as a JPEG does), and ${meta} written again, saying image/jpeg`,
        ],
        // An empty image is there, not missing: null is only for a key that does not exist,
        // whatever file the metadata beside it names.
        [
          Buffer.alloc(0),
          () =>
            redis
              .multi()
              .set(key, '')
              .hset(meta, { contentType: 'image/png', bytes: original.length, name: file })
              .exec(),
          `${key} was replaced with zero bytes, and ${meta} written again, naming ${file}`,
        ],
        [null, () => redis.del(key), `DEL ${key}, with ${meta} still naming ${file}`],
      ];
      for (const [bytes, change, said] of steps) {
        await change();
        const before = await snapshot();
        const returned: unknown = await call('loadImage', sandboxClient, id);
        if (bytes === null) {
          expect.equal(returned, null, `loadImage('${id}') after ${said}`);
        } else {
          expectBytes(
            expect,
            returned,
            bytes,
            `loadImage('${id}')`,
            `${key} holds those ${bytes.length} bytes`,
            said,
          );
        }
        const changes = diff(before, await snapshot());
        const changed = changes.outside([]);
        expect.ok(
          changed.length === 0,
          `after ${said}, loadImage('${id}') ${changes.describe(changed)}; but it only reads ` +
            'the image: leave both keys as they were (their TTL, fields and bytes)',
        );
      }

      // The loads' commands: those sent after storeImage's, each with what its script ran.
      const loads: ExecutedCommand[] = [];
      let sent = 0;
      for (const command of await executed()) {
        if (command.script === undefined) sent += 1;
        if (sent > storing) loads.push(command);
      }
      const writes = loads.filter(
        (command) => command.write && command.keys.some((name) => name !== key),
      );
      expect.ok(
        writes.length === 0,
        `loadImage('${id}') ran ${listed(writes.slice(0, 2))}` +
          (writes.length > 2 ? ` and ${writes.length - 2} more writes like them` : '') +
          `, though a read writes nothing, not even a key it deletes again before it returns ` +
          `(a lock, a marker): read ${key} and return what it holds`,
      );
    },
  },
  {
    name: 'loadImage returns null when there is no image under the id',
    // A search made only on a miss, from a script too, shows only in what Redis executed.
    logExecuted: true,
    async run({ call, sandboxClient, redis, expect, random, decoys, executed }) {
      const shape = random.pick(ID_SHAPES);
      const stored = await otherImages(redis, random, decoys, shape);
      // Shaped like the stored ids, so that it cannot be told apart by its form.
      let missing = random.id(shape);
      while (stored.includes(missing)) missing = random.id(shape);

      const returned = await call('loadImage', sandboxClient, missing);
      expect.equal(
        returned,
        null,
        `loadImage('${missing}') (Redis holds ${stored.map((id) => `image:${id}`).join(', ')}, ` +
          `but no image:${missing})`,
      );
      const ran = await executed();
      expect.ok(
        !ran.some((command) => ['keys', 'scan'].includes(command.name)),
        `loadImage('${missing}') found no image:${missing}, and that is the answer: null, ` +
          `without searching the keyspace for another key (KEYS and SCAN walk every key); Redis ran: ${listed(ran)}`,
      );
    },
  },
  {
    name: 'loadImage lets an error from Redis reach its caller: a key of another type is no missing image',
    async run({ race, sandboxClient, redis, expect, random }) {
      const id = newId(random);
      const key = `image:${id}`;
      // A race of one call, so that a throw reaches verify (as `threw`) instead of ending the check.
      await race({
        calls: [['loadImage', sandboxClient, id]],
        labels: [`loadImage('${id}')`],
        setup: async () => {
          await redis.hset(key, { contentType: 'image/png', bytes: '79', name: 'red-square.png' });
        },
        verify: async ([outcome]) => {
          expect.ok(
            outcome.threw !== undefined,
            `${key} is a hash, not a string, so GET answers a WRONGTYPE error; but ` +
              `loadImage('${id}') returned ${Buffer.isBuffer(outcome.returned) ? `a Buffer of ${outcome.returned.length} bytes` : String(outcome.returned)}. ` +
              'null means there is no key: let the error reach the caller (no catch that answers null).',
          );
        },
      });
    },
  },
  {
    name: 'loadImage returns one whole image, even while another program replaces it',
    async run({ race, sandboxClient, redis, expect, random }) {
      const id = newId(random);
      const key = `image:${id}`;
      const upload = `upload:${random.word()}`;
      // Two large images of different sizes: pieces read one after another (STRLEN, then
      // GETRANGE after GETRANGE) while the other is copied over the key come from both. The old
      // one is over a MiB, so that code which reads only so much, or reads in pieces only past a
      // size (64 KiB, 256 KiB, a MiB), meets it.
      const old = await largeImage(random, random.int(1_100 * 1024, 1_300 * 1024));
      const next = await largeImage(random, random.int(800 * 1024, 950 * 1024));
      const said =
        `${key} held ${old.length} bytes, and another program copied ${upload} ` +
        `(${next.length} bytes) over it while loadImage('${id}') ran`;
      await race({
        calls: [['loadImage', sandboxClient, id]],
        labels: [`loadImage('${id}')`],
        setup: async () => {
          await redis.set(key, old);
          await redis.set(upload, next);
        },
        interject: [['COPY', upload, key, 'REPLACE']],
        verify: async ([outcome]) => {
          expect.ok(outcome.threw === undefined, `${said}, and it threw: ${outcome.threw}`);
          const returned = outcome.returned;
          expect.ok(
            Buffer.isBuffer(returned),
            `${said}; it returned ${String(returned)}, but ${key} held an image all along`,
          );
          const bytes = returned as Buffer;
          const closer = bytes.length === next.length ? next : old;
          expect.ok(
            bytes.equals(old) || bytes.equals(next),
            `${said}; it returned bytes that are neither image: ` +
              difference(
                bytes,
                closer,
                'the Buffer it returned',
                `the ${closer === old ? 'old' : 'new'} image`,
              ) +
              '. Read the whole value in one command (GET, or GETRANGE 0 -1), or read its pieces ' +
              'in one MULTI or script, so that every byte comes from the same value.',
          );
        },
      });
    },
  },
  {
    name: 'stores and loads for different ids at the same time each keep to their own id',
    async run({ call, sandboxClient, redis, random, expect }) {
      // Two requests to one server, for two ids, at once: what a call needs (its key, its bytes)
      // kept in a module variable and read again after an await is the other call's.
      const ids = [newId(random), newId(random)];
      while (ids[1] === ids[0]) ids[1] = newId(random);
      const files = [random.pick(FILES.filter((file) => file !== 'noise.png')), 'noise.png'];
      const keep =
        'Keep what a call needs (its keys, its bytes) in variables of its own, never in the ' +
        'module, where a call that starts meanwhile changes it';
      const storing = (index: number) => `storeImage('${ids[index]}', '${files[index]}')`;
      await Promise.all(
        ids.map((id, index) => call('storeImage', sandboxClient, id, files[index] as string)),
      );
      for (const [index, id] of ids.entries()) {
        const key = `image:${id}`;
        const file = files[index] as string;
        const bytes = await fixture(file);
        const stored = (await redis.getBuffer(key)) ?? Buffer.alloc(0);
        expect.ok(
          stored.equals(bytes),
          `after ${storing(index)}, called at the same time as ${storing(1 - index)}, ` +
            `${difference(stored, bytes, `the value of ${shown(key)}`, file)}. ${keep}`,
        );
        expect.equal(
          await redis.hgetall(`${key}:meta`),
          { contentType: 'image/png', bytes: String(bytes.length), name: file },
          `HGETALL ${shown(`${key}:meta`)} after ${storing(index)}, called at the same time as ${storing(1 - index)}`,
        );
      }
      // Then both loaded at once, each id holding bytes of its own.
      const held = await Promise.all(
        files.map(async (file) => altered(await fixture(file), random)),
      );
      for (const [index, id] of ids.entries()) {
        await redis.set(`image:${id}`, held[index] as Buffer);
      }
      const loads = await Promise.all(ids.map((id) => call('loadImage', sandboxClient, id)));
      for (const [index, id] of ids.entries()) {
        const bytes = held[index] as Buffer;
        const loaded = loads[index];
        expect.ok(
          Buffer.isBuffer(loaded) && loaded.equals(bytes),
          `loadImage('${id}'), called at the same time as loadImage('${ids[1 - index]}'), returned ` +
            `${Buffer.isBuffer(loaded) ? `${loaded.length} bytes` : String(loaded)}, not the ${bytes.length} bytes ${shown(`image:${id}`)} holds. ${keep}`,
        );
      }
    },
  },
];

export default checks;
