import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';
import type { CheckContext, CheckList, Random } from '../../grader/checks/api.ts';

interface Exports {
  cacheThumbnail(redis: Redis, id: string, file: string): Promise<number>;
  thumbnail(redis: Redis, id: string): Promise<Buffer | null>;
}

type Context = CheckContext<Exports>;

const FILES = ['heart.png', 'red-square.png', 'checkerboard.png', 'noise.png'] as const;
/**
 * Shapes of thumbnail ids; each check takes fresh ids like one of them, so that code which works
 * only for ids of one shape, or knows what MEMORY USAGE answers for keys of one length, gives
 * itself away.
 */
const ID_SHAPES = ['a81f', 'b2', 'icon-2024-05-17-large', 'x9q4z81kq'] as const;

const newId = (random: Random) => random.id(random.pick(ID_SHAPES));

/**
 * An id of every shape at once, in every grading: capitals, spaces at both ends and two in a
 * row, glob characters (each twice), a colon, a URL escape (`%3A`), braces (a Cluster
 * hash tag), quotes, a tab, an é written as e + U+0301, and over 64 characters in all. thumb:<id>
 * is the id as given, not folded, trimmed, collapsed, stripped, escaped, decoded, normalised,
 * hashed or cut short, nor a pattern. With a lone `%` too, or without one: code that decodes the
 * id as a URL's part only when it can (a lone `%` makes decodeURIComponent throw) meets both.
 */
const oddId = (random: Random, { lonePercent }: { lonePercent: boolean }) =>
  ` ${random.id('Icon-B7')}*?[${random.word(1)}] *?:${lonePercent ? '%' : ''}  %3A {${random.word(2)}} "${random.word(2)}'s"\te\u0301${random.word(30)} `;
const HOUR = 3600;

function fixture(file: string): Promise<Buffer> {
  return readFile(new URL(`./fixtures/${file}`, import.meta.url));
}

/**
 * Bytes like a PNG's that no fixture holds: code must answer with what Redis holds. `length`
 * gives the whole length, for bytes that only their content tells from others.
 */
function ownBytes(random: Random, length?: number): Buffer {
  const body = Buffer.alloc(length === undefined ? random.int(40, 400) : length - 8);
  for (let at = 0; at < body.length; at++) body[at] = random.int(0, 255);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), body]);
}

/**
 * Other thumbnails, each with 100 s left, beside the learner's: ids shaped like its, and last one
 * that starts with it (an id may hold a colon), which a search by prefix meets.
 */
async function otherThumbnails(ctx: Context, id: string): Promise<string[]> {
  const ids = await ctx.decoys(id, 3, (other) =>
    ctx.redis.set(`thumb:${other}`, ownBytes(ctx.random), 'EX', 100),
  );
  ids.push(`${id}:${ctx.random.word(5)}`);
  await ctx.redis.set(`thumb:${ids.at(-1)}`, ownBytes(ctx.random), 'EX', 100);
  return ids.map((other) => `thumb:${other}`);
}

function bytesMessage(actual: unknown, expected: Buffer, what: string): string {
  if (actual === null || actual === undefined)
    return `${what}: expected ${expected.length} bytes, got null`;
  if (!Buffer.isBuffer(actual)) {
    return `${what}: expected a Buffer of ${expected.length} bytes, got ${typeof actual === 'string' ? 'a string (read it with a …Buffer method: text decoding changes bytes that are not UTF-8)' : typeof actual}`;
  }
  let at = 0;
  while (at < actual.length && at < expected.length && actual[at] === expected[at]) at++;
  return `${what}: expected ${expected.length} bytes, got ${actual.length}, which part from them at byte ${at}`;
}

const checks: CheckList<Exports> = [
  {
    name: "cacheThumbnail stores the file's bytes under thumb:<id>, and nothing else",
    async run({ call, sandboxClient, redis, random, snapshot, diff, expect, decoys }) {
      // Every shape of id at once (see oddId): thumb:<id> is the id as given.
      const id = oddId(random, { lonePercent: true });
      const key = `thumb:${id}`;
      // An older thumbnail under the same id: storing replaces it.
      await redis.set(key, ownBytes(random));
      // Beside it, one thumbnail with no expiry and one about to expire: neither is its to touch.
      let seeded = 0;
      await decoys(id, 2, (other) =>
        seeded++ === 0
          ? redis.set(`thumb:${other}`, ownBytes(random))
          : redis.set(`thumb:${other}`, ownBytes(random), 'EX', 100),
      );
      // Two more that are other ids' thumbnails too: one whose name the id, read as a pattern,
      // matches, and one whose id starts with this one (an id may hold a colon).
      const matched = `thumb:${id.replace(/\[(.)\]|\*|\?/g, (glob, one?: string) => one ?? (glob === '*' ? random.word(3) : random.word(1)))}`;
      const longer = `${key}:${random.word(5)}`;
      await redis.set(matched, ownBytes(random));
      await redis.set(longer, ownBytes(random), 'EX', 100);
      // Every call is diffed, not only the module's first: nothing else is its to touch, ever.
      const cache = async (file: string, what: string) => {
        const before = await snapshot();
        await call('cacheThumbnail', sandboxClient, id, file);
        const changes = diff(before, await snapshot());
        const elsewhere = changes.outside([key]);
        expect.ok(
          elsewhere.length === 0,
          `cacheThumbnail('${id}', '${file}')${what} writes only ${key}; it also changed ${changes.describe(elsewhere)}. ` +
            'The id names its key exactly as given (its capitals, spaces, braces, quotes, tab, `%` and accents as written, ' +
            'and all of its length): SET that one key, never search for others (KEYS, SCAN)',
        );
      };
      const file = random.pick(FILES);
      await cache(file, '');
      expect.equal(await redis.type(key), 'string', `TYPE ${key}`);
      const stored = await redis.getBuffer(key);
      const bytes = await fixture(file);
      expect.ok(
        stored?.equals(bytes),
        bytesMessage(stored, bytes, `GET ${key} after cacheThumbnail('${id}', '${file}')`),
      );
      // Cached again with another file: that one replaces it.
      const next = random.pick(FILES.filter((other) => other !== file));
      await cache(next, ', called a second time,');
      const again = await redis.getBuffer(key);
      const nextBytes = await fixture(next);
      expect.ok(
        again?.equals(nextBytes),
        bytesMessage(
          again,
          nextBytes,
          `GET ${key} after cacheThumbnail('${id}', '${file}'), then cacheThumbnail('${id}', '${next}')`,
        ),
      );
      // Other bytes put there since, then the same file cached again: the file is stored anew,
      // not taken for already there.
      await redis.set(key, ownBytes(random), 'EX', HOUR);
      await cache(next, ', called a third time,');
      const third = await redis.getBuffer(key);
      expect.ok(
        third?.equals(nextBytes),
        bytesMessage(
          third,
          nextBytes,
          `GET ${key} after cacheThumbnail('${id}', '${next}'), other bytes SET under ${key}, then cacheThumbnail('${id}', '${next}') again`,
        ),
      );
    },
  },
  {
    name: 'the thumbnail expires an hour after it is cached',
    async run({ call, sandboxClient, redis, random, expectTtl }) {
      const fresh = newId(random);
      await call('cacheThumbnail', sandboxClient, fresh, random.pick(FILES));
      await expectTtl(`thumb:${fresh}`, { seconds: HOUR });
      // Cached again, a thumbnail with 100 s left, a day left, or no expiry at all, gets its
      // hour: no more, no less. The first is the one just cached, since shortened by another
      // program: that this code cached it before changes nothing.
      for (const left of [100, 86_400, undefined]) {
        const id = left === 100 ? fresh : newId(random);
        if (left === undefined) await redis.set(`thumb:${id}`, ownBytes(random));
        else await redis.set(`thumb:${id}`, ownBytes(random), 'EX', left);
        await call('cacheThumbnail', sandboxClient, id, random.pick(FILES));
        await expectTtl(`thumb:${id}`, { seconds: HOUR });
      }
    },
  },
  {
    name: 'cacheThumbnail returns what MEMORY USAGE says the key takes',
    async run({ call, sandboxClient, redis, random, expect }) {
      // Ids of two lengths: what MEMORY USAGE answers grows with the key's name. Then the first id
      // again, with a file of another size: what it took before is not the answer either.
      const first = random.pick(FILES);
      const short = random.id('b2');
      for (const [file, id, after] of [
        [first, short, ''],
        ['noise.png', random.id('icon-2024-05-17-large'), ''],
        [
          random.pick(FILES.filter((other) => other !== first)),
          short,
          `, after cacheThumbnail('${short}', '${first}'): ask MEMORY USAGE after every store, since it changes with the file`,
        ],
      ] as const) {
        const key = `thumb:${id}`;
        // An older thumbnail of another size: what it cost is not the answer.
        await redis.set(key, ownBytes(random));
        const returned = await call('cacheThumbnail', sandboxClient, id, file);
        const usage = await redis.memory('USAGE', key);
        const length = (await fixture(file)).length;
        expect.equal(
          returned,
          usage,
          `cacheThumbnail('${id}', '${file}') returned ${returned}; MEMORY USAGE ${key} answers ${usage} (the file is ${length} bytes)${after}`,
        );
      }
    },
  },
  {
    name: 'thumbnail returns the bytes Redis holds, as a Buffer',
    async run({ call, sandboxClient, redis, random, expect }) {
      // An id of every shape: thumbnail reads the key the id names as given, as cacheThumbnail
      // stores it, its `%3A` too.
      const id = oddId(random, { lonePercent: false });
      const key = `thumb:${id}`;
      // Cached by the learner's code first: a copy kept since, or the file read again, is not
      // what Redis holds once other bytes replace it.
      await call('cacheThumbnail', sandboxClient, id, random.pick(FILES));
      // Replaced with other bytes, then with others of the same length (the length tells them
      // not apart), then with none: an empty thumbnail is there, not missing.
      const first = ownBytes(random);
      for (const [bytes, after] of [
        [first, ''],
        [
          ownBytes(random, first.length),
          ` after ${key} was replaced with other bytes of the same length`,
        ],
        [
          Buffer.alloc(0),
          ` when ${key} holds zero bytes (it exists: null is only for a missing key)`,
        ],
      ] as const) {
        await redis.set(key, bytes, 'EX', HOUR);
        const read = await call('thumbnail', sandboxClient, id);
        expect.ok(
          Buffer.isBuffer(read) && read.equals(bytes),
          bytesMessage(read, bytes, `thumbnail(${JSON.stringify(id)})${after}`) +
            (read === null
              ? `, though ${JSON.stringify(key)} holds them: read the key the id names exactly as given ` +
                '(its capitals, spaces, braces, quotes, tab, `%` and accents as written, and all of its length)'
              : ''),
        );
      }
    },
  },
  {
    name: 'reading a thumbnail renews its hour, and only its own',
    async run(ctx) {
      const { call, sandboxClient, redis, random, expect, snapshot, diff } = ctx;
      // A full hour back, whatever was left: little (on an empty thumbnail, which exists too),
      // most of the hour, more than an hour, or no expiry at all.
      for (const [left, empty] of [
        [100, true],
        [3000, false],
        [86_400, false],
        [undefined, false],
      ] as const) {
        const id = newId(random);
        const key = `thumb:${id}`;
        const bytes = empty ? Buffer.alloc(0) : ownBytes(random);
        if (left === undefined) await redis.set(key, bytes);
        else await redis.set(key, bytes, 'EX', left);
        await otherThumbnails(ctx, id);
        const before = await snapshot();
        const read = await call('thumbnail', sandboxClient, id);
        const held = `${key} held ${bytes.length} bytes, ${left === undefined ? 'with no expiry' : `with ${left} s left`}`;
        expect.ok(
          Buffer.isBuffer(read) && read.equals(bytes),
          bytesMessage(read, bytes, `thumbnail('${id}') when ${held}`),
        );
        // A window of 2 s below the hour: EXAT and PXAT rounded down pass as EX does.
        const pttl = await redis.pttl(key);
        expect.ok(
          pttl > (HOUR - 2) * 1000 && pttl <= HOUR * 1000,
          `thumbnail('${id}') when ${held}: PTTL ${key} is then ${pttl === -1 ? '-1 (no expiry)' : `${pttl} ms`}; ` +
            'a read sets it back to a full hour (3600 s), whatever was left, less or more',
        );
        const changes = diff(before, await snapshot());
        const elsewhere = changes.outside([key]);
        expect.ok(
          elsewhere.length === 0,
          `thumbnail('${id}') renews ${key} only; it also changed ${changes.describe(elsewhere)}`,
        );
      }
    },
  },
  {
    name: 'a missing or expired thumbnail reads as null, and nothing is created',
    async run(ctx) {
      const { call, sandboxClient, redis, random, expect, snapshot, diff } = ctx;
      // Cached by the learner's code, then expired: a file it remembers is no reason to cache it
      // again, the cache must forget what nobody read for an hour.
      const expired = newId(random);
      await call('cacheThumbnail', sandboxClient, expired, random.pick(FILES));
      await redis.pexpire(`thumb:${expired}`, 1);
      const missing = newId(random);
      const [other = ''] = await otherThumbnails(ctx, missing);
      // An id that, read as a glob pattern, matches another thumbnail's key: no key has its name.
      const glob = `[${other.charAt('thumb:'.length)}]?*`;
      await new Promise((resolve) => setTimeout(resolve, 10));
      for (const [id, what] of [
        [missing, 'never cached'],
        [expired, 'cached by cacheThumbnail, then expired (null: never cache it again yourself)'],
        [
          glob,
          `never cached (as a pattern it matches ${other}: read the key by its name, never with KEYS or SCAN)`,
        ],
      ] as const) {
        const before = await snapshot();
        const read = await call('thumbnail', sandboxClient, id);
        expect.equal(read, null, `thumbnail('${id}'), ${what}`);
        const changes = diff(before, await snapshot());
        const changed = changes.outside([]);
        expect.ok(
          changed.length === 0,
          `thumbnail('${id}'), ${what}, must change nothing; it changed ${changes.describe(changed)}`,
        );
      }
      // Then cached by another program: missing once is not missing for good.
      const bytes = ownBytes(random);
      await redis.set(`thumb:${missing}`, bytes, 'EX', HOUR);
      const read = await call('thumbnail', sandboxClient, missing);
      expect.ok(
        Buffer.isBuffer(read) && read.equals(bytes),
        bytesMessage(
          read,
          bytes,
          `thumbnail('${missing}') after it read as null and thumb:${missing} was SET since (read Redis on every call, never remember a miss)`,
        ),
      );
    },
  },
  {
    name: 'a read renews the thumbnail without writing it back: bytes cached meanwhile stay',
    async run({ race, sandboxClient, redis, random, expect }) {
      const id = newId(random);
      const key = `thumb:${id}`;
      const old = ownBytes(random);
      // New bytes cached by another program while the read runs, at any point of it.
      const next = `PNG ${random.word(12)}`;
      await race({
        calls: [['thumbnail', sandboxClient, id]],
        labels: [`thumbnail('${id}')`],
        setup: async () => {
          await redis.set(key, old, 'EX', HOUR);
        },
        interject: [['SET', key, next, 'EX', String(HOUR)]],
        verify: async ([read]) => {
          expect.ok(read.threw === undefined, `thumbnail('${id}') threw: ${read.threw}`);
          const held = await redis.getBuffer(key);
          expect.ok(
            held?.toString('latin1') === next,
            `${key} held ${old.length} bytes and another program SET it to "${next}" while thumbnail('${id}') ran; ` +
              `afterwards it holds ${held === null ? 'nothing' : held.toString('latin1') === old.toString('latin1') ? `the old ${old.length} bytes again` : `${held.length} other bytes`}. ` +
              'Renew with GETEX (or EXPIRE beside the read) rather than SET the bytes you read back: that undoes a newer cacheThumbnail',
          );
        },
      });
    },
  },
  {
    name: 'calls for different ids at the same time each store, measure and read their own thumbnail',
    async run({ call, sandboxClient, redis, random, expect }) {
      // Two requests to one server, for two ids, at once: what a call needs (its key, its bytes)
      // kept in a module variable and read again after an await is the other call's.
      const ids = [newId(random), newId(random)];
      while (ids[1] === ids[0]) ids[1] = newId(random);
      const files = [random.pick(FILES.filter((file) => file !== 'noise.png')), 'noise.png'];
      const keep =
        'Keep what a call needs (its key, its bytes) in variables of its own, never in the ' +
        'module, where a call that starts meanwhile changes it';
      const said = (index: number, what: (index: number) => string) =>
        `${what(index)}, called at the same time as ${what(1 - index)}`;
      const caching = (index: number) => `cacheThumbnail('${ids[index]}', '${files[index]}')`;
      const usages = await Promise.all(
        ids.map((id, index) => call('cacheThumbnail', sandboxClient, id, files[index] as string)),
      );
      for (const [index, id] of ids.entries()) {
        const key = `thumb:${id}`;
        const bytes = await fixture(files[index] as string);
        const stored = await redis.getBuffer(key);
        expect.ok(
          stored?.equals(bytes) === true,
          `${bytesMessage(stored, bytes, `GET ${key} after ${said(index, caching)}`)}. ${keep}`,
        );
        const usage = await redis.memory('USAGE', key);
        expect.ok(
          usages[index] === usage,
          `${said(index, caching)} returned ${usages[index]}; MEMORY USAGE ${key} answers ${usage}. ${keep}`,
        );
      }
      // Then both read at once, each id holding bytes of its own.
      const held = ids.map(() => ownBytes(random));
      for (const [index, id] of ids.entries()) {
        await redis.set(`thumb:${id}`, held[index] as Buffer, 'EX', HOUR);
      }
      const reading = (index: number) => `thumbnail('${ids[index]}')`;
      const reads = await Promise.all(ids.map((id) => call('thumbnail', sandboxClient, id)));
      for (const [index] of ids.entries()) {
        const read = reads[index];
        const bytes = held[index] as Buffer;
        expect.ok(
          Buffer.isBuffer(read) && read.equals(bytes),
          `${bytesMessage(read, bytes, said(index, reading))}. ${keep}`,
        );
      }
    },
  },
];

export default checks;
