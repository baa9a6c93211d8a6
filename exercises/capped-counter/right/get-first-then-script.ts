// A plain GET answers -1 at once for a full counter (a refusal writes nothing); otherwise the
// capped script decides again inside Redis, writing with SET … KEEPTTL.
import type Redis from 'ioredis';

const SCRIPT = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count >= tonumber(ARGV[1]) then return -1 end
redis.call('SET', KEYS[1], count + 1, 'KEEPTTL')
return count + 1
`;

export async function hit(redis: Redis, name: string, cap: number): Promise<number> {
  const key = `counter:${name}`;
  const seen = Number((await redis.get(key)) ?? 0);
  if (seen >= cap) return -1;
  return (await redis.eval(SCRIPT, 1, key, String(cap))) as number;
}
