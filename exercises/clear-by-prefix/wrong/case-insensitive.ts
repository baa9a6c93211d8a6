// fails: deletes every key with the prefix, and returns how many
import type Redis from 'ioredis';

// (confused) — breaks rule 1 ("... and no other key").
// The learner believes Redis key names are case-insensitive (commands are; keys are not), so it
// matches the prefix ignoring case: clearByPrefix(redis, 'tmp:') also deletes 'TMP:ledger' and
// 'Tmp:x', keys that do not start with 'tmp:'. Every key and prefix in checks.ts is lower-case.
export async function clearByPrefix(redis: Redis, prefix: string): Promise<number> {
  const wanted = prefix.toLowerCase();
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'COUNT', 500);
    const ours = keys.filter((key) => key.toLowerCase().startsWith(wanted));
    if (ours.length > 0) deleted += await redis.unlink(...ours);
    cursor = next;
  } while (cursor !== '0');
  return deleted;
}
