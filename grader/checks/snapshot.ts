import type Redis from 'ioredis';
import type { KeyChange, KeyState, Snapshot, SnapshotDiff } from './api.ts';

/** A snapshot reads every key: past this many, a check is not judging a sandbox's worth. */
const MAX_KEYS = 10_000;

/**
 * Every key of the sandbox's database 0 with its type, value and PTTL, read by the grader's
 * own client. Values are read as text where they are text, as Buffers where they are not.
 */
export async function takeSnapshot(redis: Redis): Promise<Snapshot> {
  const snapshot = await snapshotOfAtMost(redis, MAX_KEYS);
  if (!snapshot) {
    throw new Error(`the sandbox holds more than ${MAX_KEYS} keys: too many to snapshot`);
  }
  return snapshot;
}

/**
 * A snapshot, as takeSnapshot takes it, if the sandbox holds at most `maxKeys` keys; undefined if
 * it holds more. An empty sandbox costs one round trip.
 */
export async function snapshotOfAtMost(
  redis: Redis,
  maxKeys: number,
): Promise<Snapshot | undefined> {
  const names: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'COUNT', 1000);
    cursor = next;
    names.push(...batch);
    if (names.length > maxKeys) return undefined;
  } while (cursor !== '0');
  const unique = [...new Set(names)].sort();
  if (unique.length === 0) return { takenAt: performance.now(), keys: new Map() };
  const takenAt = performance.now();
  const meta = await redis
    .pipeline(
      unique.flatMap((key) => [
        ['type', key],
        ['pttl', key],
        ['pexpiretime', key],
      ]),
    )
    .exec();
  const keys = new Map<string, KeyState>();
  const reads = unique.map(async (key, index) => {
    const expiry = meta?.[index * 3 + 2]?.[0];
    if (expiry)
      throw new Error(`a snapshot needs Redis 7.0 or newer (PEXPIRETIME): ${expiry.message}`);
    const [type, pttl, expiresAt] = [0, 1, 2].map((at) => meta?.[index * 3 + at]?.[1]);
    if (type === undefined || type === 'none') return;
    keys.set(key, {
      type: String(type),
      value: await readValue(redis, key, String(type)),
      pttl: Number(pttl ?? -2),
      expiresAt: Number(expiresAt ?? -2),
    });
  });
  await Promise.all(reads);
  return { takenAt, keys: new Map([...keys].sort(([a], [b]) => (a < b ? -1 : 1))) };
}

async function readValue(redis: Redis, key: string, type: string): Promise<unknown> {
  switch (type) {
    case 'string':
      return textOrBytes(await redis.getBuffer(key));
    case 'hash':
      // Field order is the encoding's, which may change without the hash changing.
      return Object.fromEntries(
        Object.entries(await redis.hgetall(key)).sort(([a], [b]) => (a < b ? -1 : 1)),
      );
    case 'list':
      return redis.lrange(key, 0, -1);
    case 'set':
      return (await redis.smembers(key)).sort();
    case 'zset':
      return pairs(await redis.zrange(key, '0', '-1', 'WITHSCORES'));
    case 'stream':
      return redis.xrange(key, '-', '+');
    default:
      // Types of modules: compared by their serialised form.
      return redis.dumpBuffer(key);
  }
}

function textOrBytes(bytes: Buffer | null): string | Buffer | null {
  if (bytes === null) return null;
  const text = bytes.toString('utf8');
  return Buffer.from(text, 'utf8').equals(bytes) ? text : bytes;
}

function pairs(flat: string[]): [string, number][] {
  const result: [string, number][] = [];
  for (let index = 0; index < flat.length; index += 2) {
    result.push([flat[index] ?? '', Number(flat[index + 1])]);
  }
  return result;
}

/** What changed from `before` to `after`: keys created, deleted, or changed in value or TTL. */
export function diffSnapshots(before: Snapshot, after: Snapshot): SnapshotDiff {
  const changes: KeyChange[] = [];
  for (const [key, was] of before.keys) {
    const now = after.keys.get(key);
    if (!now) {
      changes.push({ key, kind: 'deleted', before: was });
      continue;
    }
    const valueChanged = now.type !== was.type || !sameValue(was.value, now.value);
    const ttl = ttlChange(was.expiresAt, now.expiresAt);
    if (valueChanged || ttl !== 'kept') {
      changes.push({ key, kind: 'changed', before: was, after: now, valueChanged, ttl });
    }
  }
  for (const [key, now] of after.keys) {
    if (!before.keys.has(key)) changes.push({ key, kind: 'created', after: now });
  }
  changes.sort((a, b) => (a.key < b.key ? -1 : 1));
  return {
    changes,
    created: changes.filter((change) => change.kind === 'created').map(({ key }) => key),
    deleted: changes.filter((change) => change.kind === 'deleted').map(({ key }) => key),
    changed: changes.filter((change) => change.kind === 'changed').map(({ key }) => key),
    outside: (allowed) => {
      const keep = typeof allowed === 'function' ? allowed : (key: string) => allowed.includes(key);
      return changes.filter((change) => !keep(change.key));
    },
    describe: describeChanges,
  };
}

/** Changes as a learner reads them: `created visits:home (string), deleted user:7 (hash)`. */
export function describeChanges(changes: readonly KeyChange[]): string {
  if (changes.length === 0) return 'nothing changed';
  const shown = changes.slice(0, 10).map((change) => {
    if (change.kind === 'created') return `created ${change.key} (${change.after?.type})`;
    if (change.kind === 'deleted') return `deleted ${change.key} (${change.before?.type})`;
    const what = [
      change.valueChanged ? 'its value' : '',
      change.ttl && change.ttl !== 'kept' ? `its TTL (${TTL_WORDS[change.ttl]})` : '',
    ].filter(Boolean);
    return `changed ${what.join(' and ')} of ${change.key}`;
  });
  return changes.length > 10
    ? `${shown.join(', ')}, and ${changes.length - 10} more`
    : shown.join(', ');
}

const TTL_WORDS = { set: 'set', removed: 'removed', reset: 'set again' } as const;

/**
 * Judged by when the key expires, not by how long it has left: that needs no clock of ours, so
 * a snapshot read slowly on a busy machine cannot make a kept TTL look set again.
 */
function ttlChange(was: number, now: number): NonNullable<KeyChange['ttl']> {
  if (was < 0 && now < 0) return 'kept';
  if (was < 0) return 'set';
  if (now < 0) return 'removed';
  // An expiry that moved was set again (a SET without KEEPTTL, an EXPIRE on a hit).
  return now !== was ? 'reset' : 'kept';
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Buffer.isBuffer(a) || Buffer.isBuffer(b)) {
    return Buffer.isBuffer(a) && Buffer.isBuffer(b) && a.equals(b);
  }
  return JSON.stringify(a) === JSON.stringify(b);
}
