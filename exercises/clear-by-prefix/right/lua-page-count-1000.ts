// One EVAL per page: a SCAN of COUNT 1000 and the UNLINK of what it found, the cursor going back
// to the client each time; the page it deletes is among the 1000 keys the SCAN walked.
import type Redis from 'ioredis';

const PAGE = `
local page = redis.call('SCAN', ARGV[1], 'MATCH', ARGV[2], 'COUNT', 1000)
local removed = 0
if #page[2] > 0 then removed = redis.call('UNLINK', unpack(page[2])) end
return {page[1], removed}`;

export async function clearByPrefix(redis: Redis, prefix: string): Promise<number> {
  const match = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, removed] = (await redis.eval(PAGE, 0, cursor, match)) as [string, number];
    deleted += removed;
    cursor = next;
  } while (cursor !== '0');
  return deleted;
}
