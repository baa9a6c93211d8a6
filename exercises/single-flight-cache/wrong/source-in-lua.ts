// fails: a miss reads db:prices once, with HGET sent by getPrice itself, not in a script
import { randomInt } from 'node:crypto';
import type Redis from 'ioredis';

// One script does the whole miss: Redis runs it alone, so no lock seems needed. But the price
// is read inside Redis, where a real pricing service (a database, an HTTP API) cannot be reached.
const LOAD = `
local cached = redis.call('GET', KEYS[1])
if cached then return cached end
local price = redis.call('HGET', KEYS[2], ARGV[1])
if price then
  redis.call('SET', KEYS[1], price, 'EX', ARGV[2])
  return price
end
redis.call('SET', KEYS[1], '', 'EX', 30)
return ''
`;

export async function getPrice(redis: Redis, id: string): Promise<string | null> {
  const found = (await redis.eval(
    LOAD,
    2,
    `cache:price:${id}`,
    'db:prices',
    id,
    300 + randomInt(0, 61),
  )) as string;
  return found === '' ? null : found;
}
