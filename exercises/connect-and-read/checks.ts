import type Redis from 'ioredis';
import type { CheckList, Expect, Random } from '../../grader/checks/api.ts';

interface Exports {
  ping(redis: Redis): Promise<string>;
  readBytes(redis: Redis, key: string): Promise<Buffer>;
}

const keyOf = (random: Random) => `blob:${random.word(6)}`;

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

const hex = (bytes: Buffer) => bytes.toString('hex').replace(/(..)(?!$)/g, '$1 ');

/** What the learner returned, as a learner should see it in a message. */
function described(value: unknown): string {
  if (Buffer.isBuffer(value)) return `a Buffer of ${value.length} bytes`;
  if (typeof value === 'string') return `a string (${JSON.stringify(value)})`;
  return value === null ? 'null' : `a ${typeof value}`;
}

/** Fails unless `returned` is a Buffer; then compares its bytes with `stored`. */
function sameBytes(expect: Expect, returned: unknown, stored: Buffer, key: string): void {
  expect.ok(
    Buffer.isBuffer(returned),
    `readBytes(redis, '${key}') returned ${described(returned)}, not a Buffer: read the value with a method that gives you bytes`,
  );
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
    async run({ call, sandboxClient, commands, expect }) {
      await call('ping', sandboxClient);
      const sent = commands().map((command) => command.name.toUpperCase());
      expect.ok(
        sent.includes('PING'),
        `ping must send PING to Redis, but it sent ${sent.length > 0 ? `only: ${sent.join(', ')}` : 'no command at all'}`,
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
    async run({ call, sandboxClient, redis, expect, random }) {
      const key = keyOf(random);
      const stored = binaryValue(random);
      await redis.set(key, stored);
      const returned = await call('readBytes', sandboxClient, key);
      sameBytes(expect, returned, stored, key);
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
];

export default checks;
