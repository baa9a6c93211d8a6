// Each EVAL walks one SCAN page (COUNT 250) and unlinks it, so a script holds Redis for one page;
// the cursor travels back to the client. Every character of the prefix is backslash-escaped.
import type Redis from 'ioredis';

const PAGE = `
local page = redis.call('SCAN', ARGV[1], 'MATCH', ARGV[2], 'COUNT', 250)
local removed = 0
if #page[2] > 0 then removed = redis.call('UNLINK', unpack(page[2])) end
return {page[1], removed}`;

export async function clearByPrefix(redis: Redis, prefix: string): Promise<number> {
  const match = `${[...prefix].map((char) => `\\${char}`).join('')}*`;
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, removed] = (await redis.eval(PAGE, 0, cursor, match)) as [string, number];
    deleted += removed;
    cursor = next;
  } while (cursor !== '0');
  return deleted;
}
