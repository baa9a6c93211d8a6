// fails: main returns what GET weather answered
// The GET runs in a script that trims and lower-cases its answer: not what GET answered.
import type Redis from 'ioredis';

const READ_TIDY = `
local v = redis.call('GET', KEYS[1])
if not v then return v end
return string.lower((string.gsub(v, '^%s*(.-)%s*$', '%1')))
`;

export async function main(redis: Redis): Promise<string | null> {
  await redis.set('weather', 'sunny');
  return (await redis.eval(READ_TIDY, 1, 'weather')) as string | null;
}
