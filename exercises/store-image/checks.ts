import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';
import type { CheckList } from '../../grader/checks/api.ts';

interface Exports {
  storeImage(redis: Redis, id: string, file: string): Promise<void>;
  loadImage(redis: Redis, id: string): Promise<Buffer | null>;
}

const FILES = ['red-square.png', 'blue-gradient.png', 'checkerboard.png', 'noise.png'] as const;

/** The fixture's bytes, read here in the grader, where the files are on disk. */
function fixture(file: string): Promise<Buffer> {
  return readFile(new URL(`./fixtures/${file}`, import.meta.url));
}

const hex = (byte: number | undefined) =>
  byte === undefined ? 'nothing' : `0x${byte.toString(16).padStart(2, '0')}`;

/** Where two byte strings part, said so that a learner can see what went wrong. */
function difference(actual: Buffer, expected: Buffer, what: string): string {
  let at = 0;
  while (at < actual.length && at < expected.length && actual[at] === expected[at]) at++;
  const sizes = `${what} has ${actual.length} bytes, the file ${expected.length}`;
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

/** Every key in the sandbox, for messages that say what Redis holds. */
async function keys(redis: Redis): Promise<string> {
  return (await redis.keys('*')).sort().join(', ') || 'no keys';
}

/** Base64 writes 4 characters for every 3 bytes. */
const base64Length = (bytes: number) => 4 * Math.ceil(bytes / 3);

const checks: CheckList<Exports> = [
  {
    name: 'image:<id> holds the exact bytes of the file',
    async run({ call, sandboxClient, redis, expect, random }) {
      const id = String(random.int(1, 99_999));
      const file = random.pick(FILES);
      const bytes = await fixture(file);
      const key = `image:${id}`;
      await call('storeImage', sandboxClient, id, file);

      const type = await redis.type(key);
      expect.ok(
        type !== 'none',
        `after storeImage(id '${id}', file '${file}') there is no key ${key} ` +
          `(Redis holds: ${await keys(redis)})`,
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
      expect.ok(stored.equals(bytes), difference(stored, bytes, `the value of ${key}`));
    },
  },
  {
    name: 'image:<id>:meta is a hash with contentType, bytes and name',
    async run({ call, sandboxClient, redis, expect, random }) {
      const id = String(random.int(1, 99_999));
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
      expect.equal(await redis.hget(key, 'contentType'), 'image/png', `HGET ${key} contentType`);
      expect.equal(
        await redis.hget(key, 'bytes'),
        String(bytes.length),
        `HGET ${key} bytes (the size of ${file})`,
      );
      expect.equal(await redis.hget(key, 'name'), file, `HGET ${key} name`);
    },
  },
  {
    name: 'loadImage returns the exact bytes held under image:<id> as a Buffer',
    async run({ call, sandboxClient, redis, expect, random }) {
      const id = String(random.int(1, 99_999));
      const file = random.pick(FILES);
      const bytes = await fixture(file);
      const key = `image:${id}`;
      // Seeded by the grader, so that this check does not depend on storeImage.
      await redis.set(key, bytes);

      const returned: unknown = await call('loadImage', sandboxClient, id);
      expect.ok(
        returned !== null && returned !== undefined,
        `loadImage('${id}') returned ${String(returned)}, ` +
          `but ${key} holds the ${bytes.length} bytes of ${file}`,
      );
      expect.ok(
        typeof returned !== 'string',
        `loadImage('${id}') returned a string, not a Buffer: the reply was decoded as ` +
          'UTF-8 text, which changes the bytes. Read the value with getBuffer.',
      );
      expect.ok(
        Buffer.isBuffer(returned),
        `loadImage('${id}') must return a Buffer, but returned ${typeof returned}`,
      );
      const buffer = returned as Buffer;
      expect.ok(
        buffer.equals(bytes),
        difference(buffer, bytes, `the Buffer loadImage('${id}') returned`),
      );
    },
  },
  {
    name: 'loadImage returns null when there is no image under the id',
    async run({ call, sandboxClient, redis, expect, random }) {
      const stored = String(random.int(1, 49_999));
      const missing = String(random.int(50_000, 99_999));
      await redis.set(`image:${stored}`, await fixture(random.pick(FILES)));

      const returned = await call('loadImage', sandboxClient, missing);
      expect.equal(
        returned,
        null,
        `loadImage('${missing}') (Redis holds image:${stored} only, no image:${missing})`,
      );
    },
  },
];

export default checks;
