import type Redis from 'ioredis';

/** A value as the key browser shows it: learner data, to be shown as text (or as the image it is). */
export type ValueView =
  | { kind: 'text'; text: string; length: number }
  | { kind: 'bytes'; hex: string; length: number }
  | { kind: 'image'; mediaType: string; base64: string; length: number }
  | { kind: 'hash'; fields: [string, string][]; length: number }
  | { kind: 'list' | 'set'; items: string[]; length: number }
  | { kind: 'zset'; members: [string, string][]; length: number }
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
const MAX_TEXT_SHOWN = 4096;
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
    case 'string': {
      // Only the start of a big value crosses: the browser shows a part, and says how big it is.
      const [start, length] = await Promise.all([
        redis.getrangeBuffer(key, 0, MAX_IMAGE_BYTES - 1),
        redis.strlen(key),
      ]);
      return viewString(start, length);
    }
    case 'hash': {
      const flat = await scanAll((cursor) => redis.hscan(key, cursor, 'COUNT', MAX_ITEMS));
      const fields: [string, string][] = [];
      for (let i = 0; i < flat.length && fields.length < MAX_ITEMS; i += 2) {
        fields.push([shorten(flat[i] ?? ''), shorten(flat[i + 1] ?? '')]);
      }
      return { kind: 'hash', fields, length: await redis.hlen(key) };
    }
    case 'list':
      return {
        kind: 'list',
        items: (await redis.lrange(key, 0, MAX_ITEMS - 1)).map(shorten),
        length: await redis.llen(key),
      };
    case 'set':
      return {
        kind: 'set',
        items: (await scanAll((cursor) => redis.sscan(key, cursor, 'COUNT', MAX_ITEMS)))
          .slice(0, MAX_ITEMS)
          .map(shorten)
          .sort(),
        length: await redis.scard(key),
      };
    case 'zset': {
      const flat = await redis.zrange(key, 0, String(MAX_ITEMS - 1), 'WITHSCORES');
      // Scores stay text: Redis writes infinities as inf and -inf, which JSON has no number for.
      const members: [string, string][] = [];
      for (let i = 0; i < flat.length; i += 2) {
        members.push([shorten(flat[i] ?? ''), flat[i + 1] ?? '']);
      }
      return { kind: 'zset', members, length: await redis.zcard(key) };
    }
    default:
      return { kind: 'other', type };
  }
}

/** Follows a SCAN-style cursor until it ends or enough has come back. */
async function scanAll(
  scan: (cursor: string) => Promise<[cursor: string, items: string[]]>,
): Promise<string[]> {
  const items: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await scan(cursor);
    items.push(...batch);
    cursor = next;
  } while (cursor !== '0' && items.length < MAX_ITEMS * 2);
  return items;
}

function shorten(text: string): string {
  return text.length > MAX_TEXT_SHOWN ? `${text.slice(0, MAX_TEXT_SHOWN)}…` : text;
}

function viewString(bytes: Buffer, length: number): ValueView {
  const image = IMAGE_SIGNATURES.find(([, signature]) =>
    signature.every((byte, index) => bytes[index] === byte),
  );
  if (image && length <= MAX_IMAGE_BYTES) {
    return { kind: 'image', mediaType: image[0], base64: bytes.toString('base64'), length };
  }
  const shown = bytes.subarray(0, MAX_TEXT_SHOWN);
  const text = shown.toString('utf8');
  // Text that survives a round trip through UTF-8, without control characters, is shown as text.
  const controls = shown.some(
    (byte) => byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d,
  );
  // A value cut in the middle of a character still reads as text up to the cut.
  if (!controls && (Buffer.from(text, 'utf8').equals(shown) || length > MAX_TEXT_SHOWN)) {
    return { kind: 'text', text: length > MAX_TEXT_SHOWN ? `${text}…` : text, length };
  }
  return {
    kind: 'bytes',
    hex: bytes
      .subarray(0, MAX_BYTES_SHOWN)
      .toString('hex')
      .replace(/(..)(?!$)/g, '$1 '),
    length,
  };
}
