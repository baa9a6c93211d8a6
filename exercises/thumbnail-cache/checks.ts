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
const HOUR = 3600;

function fixture(file: string): Promise<Buffer> {
  return readFile(new URL(`./fixtures/${file}`, import.meta.url));
}

/** Bytes like a PNG's that no fixture holds: code must answer with what Redis holds. */
function ownBytes(random: Random): Buffer {
  const body = Buffer.alloc(random.int(40, 400));
  for (let at = 0; at < body.length; at++) body[at] = random.int(0, 255);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), body]);
}

/** Other thumbnails, each with 100 s left, beside the learner's. */
async function otherThumbnails(ctx: Context, id: string): Promise<string[]> {
  const ids = await ctx.decoys(id, 3, (other) =>
    ctx.redis.set(`thumb:${other}`, ownBytes(ctx.random), 'EX', 100),
  );
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
      const id = newId(random);
      const key = `thumb:${id}`;
      // An older thumbnail under the same id: storing replaces it.
      await redis.set(key, ownBytes(random));
      await decoys(id, 2, (other) => redis.set(`thumb:${other}`, ownBytes(random)));
      const file = random.pick(FILES);
      const before = await snapshot();
      await call('cacheThumbnail', sandboxClient, id, file);
      const changes = diff(before, await snapshot());
      const elsewhere = changes.outside([key]);
      expect.ok(
        elsewhere.length === 0,
        `cacheThumbnail('${id}', '${file}') writes only ${key}; it also changed ${changes.describe(elsewhere)}`,
      );
      expect.equal(await redis.type(key), 'string', `TYPE ${key}`);
      const stored = await redis.getBuffer(key);
      const bytes = await fixture(file);
      expect.ok(
        stored?.equals(bytes),
        bytesMessage(stored, bytes, `GET ${key} after cacheThumbnail('${id}', '${file}')`),
      );
      // Cached again with another file: that one replaces it.
      const next = random.pick(FILES.filter((other) => other !== file));
      await call('cacheThumbnail', sandboxClient, id, next);
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
    },
  },
  {
    name: 'the thumbnail expires an hour after it is cached',
    async run({ call, sandboxClient, redis, random, expectTtl }) {
      const fresh = newId(random);
      await call('cacheThumbnail', sandboxClient, fresh, random.pick(FILES));
      await expectTtl(`thumb:${fresh}`, { seconds: HOUR });
      // Cached again, a thumbnail with 100 s left, or with no expiry at all, gets its full hour.
      for (const expiry of ['EX 100', 'none'] as const) {
        const id = newId(random);
        if (expiry === 'none') await redis.set(`thumb:${id}`, ownBytes(random));
        else await redis.set(`thumb:${id}`, ownBytes(random), 'EX', 100);
        await call('cacheThumbnail', sandboxClient, id, random.pick(FILES));
        await expectTtl(`thumb:${id}`, { seconds: HOUR });
      }
    },
  },
  {
    name: 'cacheThumbnail returns what MEMORY USAGE says the key takes',
    async run({ call, sandboxClient, redis, random, expect }) {
      // Ids of two lengths: what MEMORY USAGE answers grows with the key's name.
      for (const [file, shape] of [
        [random.pick(FILES), 'b2'],
        ['noise.png', 'icon-2024-05-17-large'],
      ] as const) {
        const id = random.id(shape);
        const key = `thumb:${id}`;
        // An older thumbnail of another size: what it cost is not the answer.
        await redis.set(key, ownBytes(random));
        const returned = await call('cacheThumbnail', sandboxClient, id, file);
        const usage = await redis.memory('USAGE', key);
        const length = (await fixture(file)).length;
        expect.equal(
          returned,
          usage,
          `cacheThumbnail('${id}', '${file}') returned ${returned}; MEMORY USAGE ${key} answers ${usage} (the file is ${length} bytes)`,
        );
      }
    },
  },
  {
    name: 'thumbnail returns the bytes Redis holds, as a Buffer',
    async run({ call, sandboxClient, redis, random, expect }) {
      const id = newId(random);
      const key = `thumb:${id}`;
      // Cached by the learner's code first: a copy kept since, or the file read again, is not
      // what Redis holds once other bytes replace it.
      await call('cacheThumbnail', sandboxClient, id, random.pick(FILES));
      // Replaced with other bytes, then with none: an empty thumbnail is there, not missing.
      for (const [bytes, after] of [
        [ownBytes(random), ''],
        [ownBytes(random), ` after ${key} was replaced with other bytes`],
        [
          Buffer.alloc(0),
          ` when ${key} holds zero bytes (it exists: null is only for a missing key)`,
        ],
      ] as const) {
        await redis.set(key, bytes, 'EX', HOUR);
        const read = await call('thumbnail', sandboxClient, id);
        expect.ok(
          Buffer.isBuffer(read) && read.equals(bytes),
          bytesMessage(read, bytes, `thumbnail('${id}')${after}`),
        );
      }
    },
  },
  {
    name: 'reading a thumbnail renews its hour, and only its own',
    async run(ctx) {
      const { call, sandboxClient, redis, random, expect, expectTtl, snapshot, diff } = ctx;
      // A full hour back, whatever was left: little, most of the hour, or no expiry at all.
      for (const left of [100, 3000, undefined]) {
        const id = newId(random);
        const key = `thumb:${id}`;
        if (left === undefined) await redis.set(key, ownBytes(random));
        else await redis.set(key, ownBytes(random), 'EX', left);
        await otherThumbnails(ctx, id);
        const before = await snapshot();
        await call('thumbnail', sandboxClient, id);
        await expectTtl(key, { seconds: HOUR });
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
      const expired = newId(random);
      await redis.set(`thumb:${expired}`, ownBytes(random), 'PX', 1);
      const missing = newId(random);
      await otherThumbnails(ctx, missing);
      await new Promise((resolve) => setTimeout(resolve, 10));
      for (const [id, what] of [
        [missing, 'never cached'],
        [expired, 'expired'],
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
    },
  },
];

export default checks;
