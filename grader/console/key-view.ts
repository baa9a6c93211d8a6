import type Redis from 'ioredis';

/** A value as the key browser shows it: learner data, to be shown as text (or as the image it is). */
export type ValueView =
  | { kind: 'text'; text: string }
  | { kind: 'bytes'; hex: string; length: number }
  | { kind: 'image'; mediaType: string; base64: string; length: number }
  | { kind: 'hash'; fields: [string, string][] }
  | { kind: 'list' | 'set'; items: string[]; length: number }
  | { kind: 'zset'; members: [string, number][]; length: number }
  | { kind: 'other'; type: string };

export interface KeyView {
  key: string;
  type: string;
  /** Seconds left, or null for a key that does not expire. */
  ttl: number | null;
  value: ValueView;
}

const MAX_KEYS = 200;
const MAX_ITEMS = 100;
const MAX_BYTES_SHOWN = 256;
const MAX_IMAGE_BYTES = 1024 * 1024;

// The first bytes of the image formats a browser shows: an image is recognised by its bytes,
// not by what its key or metadata claim.
const IMAGE_SIGNATURES: [string, number[]][] = [
  ['image/png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['image/jpeg', [0xff, 0xd8, 0xff]],
  ['image/gif', [0x47, 0x49, 0x46, 0x38]],
];

/** The keys of a sandbox (at most a couple of hundred), each with its type, TTL and value. */
export async function viewKeys(redis: Redis): Promise<KeyView[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'COUNT', 500);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0' && keys.length < MAX_KEYS);
  const shown = keys.sort().slice(0, MAX_KEYS);
  return Promise.all(
    shown.map(async (key) => {
      const [type, ttl] = await Promise.all([redis.type(key), redis.ttl(key)]);
      return { key, type, ttl: ttl >= 0 ? ttl : null, value: await viewValue(redis, key, type) };
    }),
  );
}

async function viewValue(redis: Redis, key: string, type: string): Promise<ValueView> {
  switch (type) {
    case 'string':
      return viewString((await redis.getBuffer(key)) ?? Buffer.alloc(0));
    case 'hash':
      return { kind: 'hash', fields: Object.entries(await redis.hgetall(key)).slice(0, MAX_ITEMS) };
    case 'list':
      return {
        kind: 'list',
        items: await redis.lrange(key, 0, MAX_ITEMS - 1),
        length: await redis.llen(key),
      };
    case 'set':
      return {
        kind: 'set',
        items: (await redis.sscan(key, '0', 'COUNT', MAX_ITEMS))[1].sort(),
        length: await redis.scard(key),
      };
    case 'zset': {
      const flat = await redis.zrange(key, 0, String(MAX_ITEMS - 1), 'WITHSCORES');
      const members: [string, number][] = [];
      for (let i = 0; i < flat.length; i += 2) members.push([flat[i] ?? '', Number(flat[i + 1])]);
      return { kind: 'zset', members, length: await redis.zcard(key) };
    }
    default:
      return { kind: 'other', type };
  }
}

function viewString(bytes: Buffer): ValueView {
  const image = IMAGE_SIGNATURES.find(([, signature]) =>
    signature.every((byte, index) => bytes[index] === byte),
  );
  if (image && bytes.length <= MAX_IMAGE_BYTES) {
    return {
      kind: 'image',
      mediaType: image[0],
      base64: bytes.toString('base64'),
      length: bytes.length,
    };
  }
  const text = bytes.toString('utf8');
  // Text that survives a round trip through UTF-8, without control characters, is shown as text.
  const controls = bytes.some(
    (byte) => byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d,
  );
  if (!controls && Buffer.from(text, 'utf8').equals(bytes)) {
    return { kind: 'text', text };
  }
  return {
    kind: 'bytes',
    hex: bytes
      .subarray(0, MAX_BYTES_SHOWN)
      .toString('hex')
      .replace(/(..)(?!$)/g, '$1 '),
    length: bytes.length,
  };
}
