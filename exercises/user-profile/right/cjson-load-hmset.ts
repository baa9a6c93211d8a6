// Right, written differently: saveProfile with HMSET and its arguments spelled out, loadProfile
// in a Lua script that turns HGETALL into JSON with cjson (one command, so one moment), and
// addPoints as HINCRBY inside a script.
import type Redis from 'ioredis';

export interface Profile {
  name: string;
  email: string;
  city: string;
}

const TO_JSON = `
local flat = redis.call('HGETALL', KEYS[1])
if #flat == 0 then return false end
local fields = {}
for i = 1, #flat, 2 do fields[flat[i]] = flat[i + 1] end
return cjson.encode(fields)
`;

export async function saveProfile(redis: Redis, id: string, profile: Profile): Promise<void> {
  await redis.hmset(
    `user:${id}`,
    'name',
    profile.name,
    'email',
    profile.email,
    'city',
    profile.city,
  );
}

export async function loadProfile(
  redis: Redis,
  id: string,
): Promise<Record<string, string> | null> {
  const json = (await redis.eval(TO_JSON, 1, `user:${id}`)) as string | null;
  return json === null ? null : (JSON.parse(json) as Record<string, string>);
}

export async function addPoints(redis: Redis, id: string, points: number): Promise<number> {
  const total = await redis.eval(
    "return redis.call('HINCRBY', KEYS[1], 'points', ARGV[1])",
    1,
    `user:${id}`,
    String(points),
  );
  return Number(total);
}
