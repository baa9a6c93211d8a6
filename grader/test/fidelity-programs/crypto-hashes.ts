import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type Redis from 'ioredis';

// createHash, createHmac and timingSafeEqual on fixed inputs: digests in every encoding, the
// input encodings of update(), chaining, copy(), and Node's errors.

function attempt(work: () => unknown): unknown {
  try {
    return work();
  } catch (error) {
    return error;
  }
}

export default async function main(redis: Redis) {
  await redis.set('password', 'correct horse battery staple');
  const password = (await redis.get('password')) ?? '';
  const stored = await redis.getBuffer('password');
  const algorithms = ['md5', 'sha1', 'sha256', 'sha512', 'SHA256', 'sha3-256', 'sha384'];
  const digests = algorithms.map((algorithm) => ({
    algorithm,
    buffer: createHash(algorithm).update(password).digest(),
    hex: createHash(algorithm).update(password).digest('hex'),
    base64: createHash(algorithm).update(password).digest('base64'),
    base64url: createHash(algorithm).update(password).digest('base64url'),
    latin1: createHash(algorithm)
      .update(password)
      .digest('latin1' as 'base64'),
    fromBytes: createHash(algorithm)
      .update(stored ?? '')
      .digest('hex'),
  }));
  const chained = createHash('sha256').update('correct ').update(Buffer.from('horse'));
  const copied = chained.copy();
  const hmac = createHmac('sha256', 'server secret');
  const used = createHash('md5');
  used.digest();
  const usedHmac = createHmac('sha1', 'k');
  usedHmac.digest();
  return {
    digests,
    updates: [
      createHash('sha1').update('6869', 'hex').digest('hex'),
      createHash('sha1').update('aGk', 'base64url').digest('hex'),
      createHash('sha1').update('é', 'latin1').digest('hex'),
      createHash('sha1').update('hi', 'ucs2').digest('hex'),
      createHash('sha1')
        .update('hi', 'nope' as BufferEncoding)
        .digest('hex'),
      createHash('sha1')
        .update(new Uint16Array([1, 2]))
        .digest('hex'),
      createHash('sha1')
        .update(new DataView(new ArrayBuffer(3)))
        .digest('hex'),
      createHash('sha1').update('').digest('base64'),
      createHash('md5')
        .update('x')
        .digest('nope' as 'hex'),
      createHash('shake256', { outputLength: 8 }).update('x').digest('hex'),
    ],
    chained: chained.digest('hex'),
    copied: copied.update('!').digest('hex'),
    hmac: [
      hmac.update(password).digest('hex'),
      createHmac('sha512', Buffer.from([1, 2, 3]))
        .update('x')
        .digest('base64'),
      createHmac('md5', new Uint8Array(100).fill(7)).update('x').digest(),
      createHmac('sha256', '6b6579', { encoding: 'hex' }).update('x').digest('hex'),
      usedHmac.digest('hex'),
      usedHmac.digest(),
    ],
    equal: [
      timingSafeEqual(Buffer.from('token'), Buffer.from('token')),
      timingSafeEqual(Buffer.from('token'), Buffer.from('tokem')),
      timingSafeEqual(new Uint16Array([1]), new Uint8Array([1, 0])),
      timingSafeEqual(
        new ArrayBuffer(2) as unknown as Uint8Array,
        new DataView(new ArrayBuffer(2)),
      ),
    ],
    errors: [
      attempt(() => createHash('nope')),
      attempt(() => createHash(1 as unknown as string)),
      attempt(() => createHash('sha256').update(1 as unknown as string)),
      attempt(() => createHash('sha256').update({} as unknown as string)),
      attempt(() => createHash('sha256').update('abc', 'hex')),
      attempt(() => used.update('x')),
      attempt(() => used.digest()),
      attempt(() => used.copy()),
      attempt(() => createHmac('nope', 'k')),
      attempt(() => createHmac('sha256', 5 as unknown as string)),
      attempt(() => createHmac('sha256', undefined as unknown as string)),
      attempt(() => timingSafeEqual(Buffer.from('a'), Buffer.from('ab'))),
      attempt(() => timingSafeEqual('a' as unknown as Buffer, Buffer.from('a'))),
      attempt(() => timingSafeEqual(Buffer.from('a'), null as unknown as Buffer)),
      attempt(() => createHash('shake128', { outputLength: '2' as unknown as number })),
      attempt(() => createHash('shake128', { outputLength: -1 })),
    ],
  };
}
