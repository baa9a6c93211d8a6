import type Redis from 'ioredis';

// Everything in one Lua script, chosen by its first argument; extend rewrites the token with
// SET … XX PX, which keeps the key and gives it a new expiry.
const LOCK = `
local key, op, token = KEYS[1], ARGV[1], ARGV[2]
if op == 'take' then
  return redis.call('SET', key, token, 'NX', 'PX', ARGV[3]) and 1 or 0
end
if redis.call('GET', key) ~= token then return 0 end
if op == 'drop' then return redis.call('DEL', key) end
redis.call('SET', key, token, 'XX', 'PX', ARGV[3])
return 1
`;

async function lock(redis: Redis, name: string, ...args: (string | number)[]) {
  return (await redis.eval(LOCK, 1, `lock:${name}`, ...args)) === 1;
}

export async function acquire(redis: Redis, name: string, ttlMs: number): Promise<string | null> {
  const token = crypto.randomUUID().replaceAll('-', '');
  return (await lock(redis, name, 'take', token, ttlMs)) ? token : null;
}

export function release(redis: Redis, name: string, token: string): Promise<boolean> {
  return lock(redis, name, 'drop', token);
}

export function extend(redis: Redis, name: string, token: string, ttlMs: number): Promise<boolean> {
  return lock(redis, name, 'keep', token, ttlMs);
}
