// fails: walks with SCAN and never names more than 1000 keys in one command
import type Redis from 'ioredis';

// — breaks rule 2's purpose stated in the rule itself ("so that Redis is never held for
// long") and the statement's "while other clients go on using Redis": the whole SCAN walk and
// every UNLINK run inside ONE Lua script, which Redis runs atomically, blocking every other
// client until all pages are done (KEYS by another name). The client-side SCAN is there only
// so the grader's log holds a SCAN (cheating); checks.ts reads commands(), not executed(), and
// keysNamed() counts an EVAL as naming 1 key.
const SCRIPT = `
local cursor, deleted = '0', 0
repeat
  local page = redis.call('SCAN', cursor, 'MATCH', ARGV[1], 'COUNT', 100)
  cursor = page[1]
  if #page[2] > 0 then deleted = deleted + redis.call('UNLINK', unpack(page[2])) end
until cursor == '0'
return deleted`;

export async function clearByPrefix(redis: Redis, prefix: string): Promise<number> {
  const match = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
  await redis.scan('0', 'MATCH', match, 'COUNT', 1);
  return (await redis.eval(SCRIPT, 0, match)) as number;
}
