import type Redis from 'ioredis';
import type { KeyPage, KeyView, ValueView } from '../../contracts/index.ts';

export type { KeyPage, KeyView, ValueView };

/** How much of a value a view shows. */
interface Shown {
  items: number;
  chars: number;
  hexBytes: number;
}

/** In the key list: enough to recognise a value. Its JSON stays small whatever the keys hold. */
const PREVIEW: Shown = { items: 5, chars: 80, hexBytes: 32 };
/** One key's own view. */
const FULL: Shown = { items: 100, chars: 4096, hexBytes: 256 };

export const KEYS_PER_PAGE = 50;
/** The longest key name a page shows whole, and the longest one a key is looked up by. */
export const MAX_KEY_CHARS = 1024;
/** The largest string value sent as bytes (an image shown, a value downloaded). */
export const MAX_VALUE_BYTES = 1024 * 1024;
const CHUNK_BYTES = 64 * 1024;

// The first bytes of the image formats a browser shows: an image is recognised by its bytes,
// not by what its key or metadata claim.
const IMAGE_SIGNATURES: [string, number[]][] = [
  ['image/png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['image/jpeg', [0xff, 0xd8, 0xff]],
  ['image/gif', [0x47, 0x49, 0x46, 0x38]],
];
const SIGNATURE_BYTES = 8;

/** The longest pattern a page is filtered by: a part of a key's name, or a glob such as `user:*`. */
export const MAX_PATTERN_CHARS = 256;
/**
 * SCANs one page may make: a filter that matches few keys must not read the whole keyspace in
 * one request, holding the learner's turn. A page may so hold fewer keys, or none, and a `next`.
 */
const SCANS_PER_PAGE = 20;
/** Slots each SCAN looks at when a filter throws most of them away. */
const FILTERED_SCAN_COUNT = 500;

/**
 * A page of the sandbox's keys, from `cursor` (SCAN's: "0" for the first page), in key order
 * within the page, each with a short preview of its value; with `match`, only the keys that
 * Redis's own SCAN MATCH finds for that glob pattern.
 */
export async function viewKeyPage(redis: Redis, cursor = '0', match?: string): Promise<KeyPage> {
  const keys = new Set<string>();
  const filter = match === undefined ? [] : ['MATCH', match];
  const count = match === undefined ? KEYS_PER_PAGE : FILTERED_SCAN_COUNT;
  let next = cursor;
  let scans = 0;
  do {
    const [after, batch] = (await redis.call('SCAN', next, ...filter, 'COUNT', count)) as [
      string,
      string[],
    ];
    for (const key of batch) keys.add(key);
    next = after;
    scans += 1;
  } while (next !== '0' && keys.size < KEYS_PER_PAGE && scans < SCANS_PER_PAGE);
  const views = await Promise.all([...keys].sort().map((key) => view(redis, key, PREVIEW)));
  return {
    keys: views
      .filter((found): found is KeyView => found !== undefined)
      .map((found) =>
        found.key.length > MAX_KEY_CHARS
          ? { ...found, key: `${found.key.slice(0, MAX_KEY_CHARS)}…` }
          : found,
      ),
    next: next === '0' ? null : next,
  };
}

/** Deletes one key (UNLINK: a big value is freed in the background); false if there was none. */
export async function deleteKey(redis: Redis, key: string): Promise<boolean> {
  return (await redis.unlink(key)) === 1;
}

/** One key with as much of its value as the browser shows: none if there is no such key. */
export function viewKey(redis: Redis, key: string): Promise<KeyView | undefined> {
  return view(redis, key, FULL);
}

/** What `streamString` found instead of a string it can send. */
export type NotStreamed = 'missing' | 'not-a-string' | 'too-large';

/**
 * Sends a string value's bytes, a chunk at a time, to `sink`: first what it is (an image's media
 * type, or bytes), then its chunks. Values over MAX_VALUE_BYTES are refused before any is read.
 */
export async function streamString(
  redis: Redis,
  key: string,
  sink: {
    start(mediaType: string | undefined, length: number): void;
    write(chunk: Buffer): Promise<void>;
  },
): Promise<NotStreamed | undefined> {
  const type = await redis.type(key);
  if (type === 'none') return 'missing';
  if (type !== 'string') return 'not-a-string';
  const length = await redis.strlen(key);
  if (length > MAX_VALUE_BYTES) return 'too-large';
  const head = await redis.getrangeBuffer(key, 0, SIGNATURE_BYTES - 1);
  sink.start(imageType(head), length);
  for (let start = 0; start < length; start += CHUNK_BYTES) {
    await sink.write(
      await redis.getrangeBuffer(key, start, Math.min(start + CHUNK_BYTES, length) - 1),
    );
  }
  return undefined;
}

async function view(redis: Redis, key: string, shown: Shown): Promise<KeyView | undefined> {
  const [type, pttl] = await Promise.all([redis.type(key), redis.pttl(key)]);
  if (type === 'none') return undefined;
  const { value, cut } = await viewValue(redis, key, type, shown);
  // Rounded up: the browser drops a key once its seconds have run out, and never before Redis.
  const ttl = pttl >= 0 ? Math.ceil(pttl / 1000) : null;
  return { key, type, ttl, value, cut };
}

async function viewValue(
  redis: Redis,
  key: string,
  type: string,
  shown: Shown,
): Promise<{ value: ValueView; cut: boolean }> {
  const clip = (text: string) =>
    text.length > shown.chars ? `${text.slice(0, shown.chars)}…` : text;
  const cutIf = (value: ValueView, items: readonly unknown[], texts: readonly string[]) => ({
    value,
    cut:
      ('length' in value && value.length > items.length) ||
      texts.some((text) => text.length > shown.chars),
  });
  switch (type) {
    case 'string': {
      // Only the start of a value is read: a preview shows a part, and says how big it is.
      const [start, length] = await Promise.all([
        redis.getrangeBuffer(key, 0, Math.max(shown.chars * 4, SIGNATURE_BYTES) - 1),
        redis.strlen(key),
      ]);
      return viewString(start, length, shown);
    }
    case 'hash': {
      const [flat, length] = await elements(redis, key, type, shown);
      const fields: [string, string][] = [];
      for (let i = 0; i + 1 < flat.length && fields.length < shown.items; i += 2) {
        fields.push([flat[i] ?? '', flat[i + 1] ?? '']);
      }
      const value: ValueView = {
        kind: 'hash',
        fields: fields.map(([field, text]) => [clip(field), clip(text)]),
        length,
      };
      return cutIf(value, fields, fields.flat());
    }
    case 'list': {
      const [items, length] = await elements(redis, key, type, shown);
      const value: ValueView = { kind: 'list', items: items.map(clip), length };
      return cutIf(value, items, items);
    }
    case 'set': {
      const [found, length] = await elements(redis, key, type, shown);
      const items = found.slice(0, shown.items).sort();
      const value: ValueView = { kind: 'set', items: items.map(clip), length };
      return cutIf(value, items, items);
    }
    case 'zset': {
      const [flat, length] = await elements(redis, key, type, shown);
      // Scores stay text: Redis writes infinities as inf and -inf, which JSON has no number for.
      const members: [string, string][] = [];
      for (let i = 0; i + 1 < flat.length; i += 2) members.push([flat[i] ?? '', flat[i + 1] ?? '']);
      const value: ValueView = {
        kind: 'zset',
        members: members.map(([member, score]) => [clip(member), score]),
        length,
      };
      return cutIf(
        value,
        members,
        members.map(([member]) => member),
      );
    }
    default:
      return { value: { kind: 'other', type }, cut: false };
  }
}

// Clips every element inside Redis: a preview of a hash of 1 MB values must not bring those
// megabytes to the app, whose one thread every learner's page waits on.
const ELEMENTS_SCRIPT = `
-- KEYS[1]: the key; ARGV: its type, how many items, how many bytes of each to keep.
local kind, items, bytes = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local key = KEYS[1]
local function clip(value) return string.sub(value, 1, bytes) end
local function scan(command, lengthCommand)
  local found, cursor = {}, '0'
  repeat
    local reply = redis.call(command, key, cursor, 'COUNT', items)
    cursor = reply[1]
    for _, value in ipairs(reply[2]) do found[#found + 1] = clip(value) end
  until cursor == '0' or #found >= items * 2
  return { found, redis.call(lengthCommand, key) }
end
if kind == 'hash' then return scan('HSCAN', 'HLEN') end
if kind == 'set' then return scan('SSCAN', 'SCARD') end
if kind == 'list' then
  local found = redis.call('LRANGE', key, 0, items - 1)
  for i, value in ipairs(found) do found[i] = clip(value) end
  return { found, redis.call('LLEN', key) }
end
-- A sorted set, highest score first: members clipped, scores as Redis writes them.
local found = redis.call('ZREVRANGE', key, 0, items - 1, 'WITHSCORES')
for i = 1, #found, 2 do found[i] = clip(found[i]) end
return { found, redis.call('ZCARD', key) }`;

/**
 * The first elements of a hash, list, set or sorted set (a few more for a hash or a set, whose
 * scans come in batches), each cut to the bytes that can hold `shown.chars` characters and one
 * more (so that a value cut is seen to be longer), and the number of elements.
 */
async function elements(
  redis: Redis,
  key: string,
  type: string,
  shown: Shown,
): Promise<[items: string[], length: number]> {
  const bytes = shown.chars * 4 + 1;
  return (await redis.eval(ELEMENTS_SCRIPT, 1, key, type, shown.items, bytes)) as [
    string[],
    number,
  ];
}

function imageType(head: Buffer): string | undefined {
  return IMAGE_SIGNATURES.find(([, signature]) =>
    signature.every((byte, index) => head[index] === byte),
  )?.[0];
}

function viewString(
  bytes: Buffer,
  length: number,
  shown: Shown,
): { value: ValueView; cut: boolean } {
  const mediaType = imageType(bytes);
  if (mediaType && length <= MAX_VALUE_BYTES) {
    return { value: { kind: 'image', mediaType, length }, cut: false };
  }
  const start = bytes.subarray(0, shown.chars * 4);
  const decoded = start.toString('utf8');
  const text = [...decoded].slice(0, shown.chars).join('');
  // Text that survives a round trip through UTF-8, without control characters, is shown as text.
  const controls = start.some(
    (byte) => byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d,
  );
  const whole = start.length === length;
  // A value cut in the middle of a character still reads as text up to the cut.
  const readable = Buffer.from(decoded, 'utf8').equals(start) || !whole;
  if (!controls && readable) {
    const cut = text.length < decoded.length || !whole;
    return { value: { kind: 'text', text: cut ? `${text}…` : text, length }, cut };
  }
  const hex = bytes
    .subarray(0, shown.hexBytes)
    .toString('hex')
    .replace(/(..)(?!$)/g, '$1 ');
  return { value: { kind: 'bytes', hex, length }, cut: length > shown.hexBytes };
}
