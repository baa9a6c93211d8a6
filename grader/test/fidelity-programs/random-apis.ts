import { getRandomValues, randomBytes, randomInt, randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

// The random APIs' shapes, ranges and errors: their values differ from run to run, so only what
// must hold of them is returned.

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function attempt(work: () => unknown): unknown {
  try {
    return work();
  } catch (error) {
    return error;
  }
}

export default async function main(redis: Redis) {
  const token = randomBytes(32).toString('base64url');
  await redis.set(`session:${token}`, 'ada', 'EX', 60);
  const [key] = await redis.keys('session:*');
  const ints = Array.from({ length: 200 }, () => randomInt(3));
  const ranged = Array.from({ length: 200 }, () => randomInt(-5, 5));
  const big = randomInt(2 ** 48 - 1);
  const filled = getRandomValues(new Uint32Array(4));
  const viaCallback = await new Promise((resolve, reject) =>
    randomBytes(8, (error, bytes) => (error ? reject(error) : resolve(bytes.length))),
  );
  const intViaCallback = await new Promise((resolve, reject) =>
    randomInt(10, 20, (error, value) =>
      error ? reject(error) : resolve(value >= 10 && value < 20),
    ),
  );
  return {
    key: key?.replace(token, '<token>'),
    tokenShape: /^[A-Za-z0-9_-]{43}$/.test(token),
    bytes: [
      randomBytes(0).length,
      randomBytes(1).length,
      randomBytes(1000).length,
      Buffer.isBuffer(randomBytes(4)),
    ],
    uuid: [
      UUID_V4.test(randomUUID()),
      UUID_V4.test(crypto.randomUUID()),
      new Set([randomUUID(), randomUUID()]).size,
    ],
    ints: {
      within: ints.every((n) => Number.isInteger(n) && n >= 0 && n < 3),
      seen: new Set(ints).size,
    },
    ranged: { within: ranged.every((n) => n >= -5 && n < 5), seen: new Set(ranged).size > 5 },
    big: Number.isSafeInteger(big) && big >= 0,
    filled: [filled instanceof Uint32Array, filled.length, filled.some((n) => n !== 0)],
    global: crypto.getRandomValues(new Uint8Array(3)).length,
    viaCallback,
    intViaCallback,
    errors: [
      attempt(() => randomInt(0)),
      attempt(() => randomInt(5, 5)),
      attempt(() => randomInt(1.5)),
      attempt(() => randomInt('10' as unknown as number)),
      attempt(() => randomInt('1' as unknown as number, 10)),
      attempt(() => randomInt(2 ** 48)),
      attempt(() => randomInt(-1, 2 ** 48)),
      attempt(() => randomInt({} as unknown as number)),
      attempt(() => randomInt(1, [] as unknown as number)),
      attempt(() => randomInt(undefined as unknown as number)),
      attempt(() => randomInt(1, 10, 5 as unknown as () => void)),
      attempt(() => randomBytes(-1)),
      attempt(() => randomBytes('16' as unknown as number)),
      attempt(() => randomBytes(1, 5 as unknown as () => void)),
      attempt(() => randomUUID(5 as unknown as undefined)),
      attempt(() => getRandomValues(new Float32Array(2) as unknown as Uint8Array)),
      attempt(() => getRandomValues(new Uint8Array(65_537))),
    ],
  };
}
