// fails: walks with SCAN and never names more than 1000 keys in one command
// Below 3000 keys, runs KEYS and every UNLINK in one Lua script: only the EVAL shows in what it
// sent, but Redis executes the KEYS, and is held for the whole script.
import type Redis from 'ioredis';

const SCRIPT = `
local found = redis.call('KEYS', ARGV[1])
local deleted = 0
for at = 1, #found, 500 do
  deleted = deleted + redis.call('UNLINK', unpack(found, at, math.min(at + 499, #found)))
end
return deleted`;

export async function clearByPrefix(redis: Redis, prefix: string): Promise<number> {
  const match = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
  if ((await redis.dbsize()) < 3000) return (await redis.eval(SCRIPT, 0, match)) as number;
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', match, 'COUNT', 100);
    if (keys.length > 0) deleted += await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
  return deleted;
}
