import type Redis from 'ioredis';

// A Redis 7 function: loaded once under a name, then called with FCALL. The library can be gone
// (a new server, or here an emptied sandbox), so load it when FCALL cannot find the function.
const LIBRARY = `#!lua name=counters
redis.register_function('counter_hit', function(keys, args)
  local count = tonumber(redis.call('GET', keys[1]) or '0')
  if count >= tonumber(args[1]) then
    return -1
  end
  return redis.call('INCR', keys[1])
end)
`;

export async function hit(redis: Redis, name: string, cap: number): Promise<number> {
  const key = `counter:${name}`;
  try {
    return (await redis.fcall('counter_hit', 1, key, cap)) as number;
  } catch (error) {
    if (!String((error as Error).message).includes('Function not found')) throw error;
    await redis.function('LOAD', 'REPLACE', LIBRARY);
    return (await redis.fcall('counter_hit', 1, key, cap)) as number;
  }
}
