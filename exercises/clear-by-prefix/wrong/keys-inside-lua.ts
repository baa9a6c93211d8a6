// fails: walks with SCAN and never names more than 1000 keys in one command
import type Redis from 'ioredis';

// (cheating) — breaks rule 2 ("never sends KEYS", "Redis is never held for long").
// Sends one token SCAN so that the log shows a SCAN, then does the real work with KEYS inside a
// Lua script, deleting in slices of 500 so no logged command names >1000 keys. The script runs
// KEYS over the whole keyspace and deletes everything in one atomic step: Redis is held the
// whole time. checks.ts looks at commands() (the client's log), not at executed(), so the KEYS
// run inside the script is invisible to it.
const SCRIPT = `
local found = redis.call('KEYS', ARGV[1])
local deleted = 0
for i = 1, #found, 500 do
  deleted = deleted + redis.call('UNLINK', unpack(found, i, math.min(i + 499, #found)))
end
return deleted`;

export async function clearByPrefix(redis: Redis, prefix: string): Promise<number> {
  const match = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
  await redis.scan('0', 'MATCH', match, 'COUNT', 10);
  return (await redis.eval(SCRIPT, 0, match)) as number;
}
