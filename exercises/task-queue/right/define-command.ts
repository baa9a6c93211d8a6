import type Redis from 'ioredis';

// Each function is a custom command backed by a Lua script: a script runs in Redis as one step.
function withCommands(redis: Redis) {
  redis.defineCommand('pushTask', {
    numberOfKeys: 1,
    lua: "return redis.call('RPUSH', KEYS[1], ARGV[1])",
  });
  redis.defineCommand('takeTask', {
    numberOfKeys: 1,
    // LPOP answers false (nil) on an empty list, which reaches ioredis as null.
    lua: "return redis.call('LPOP', KEYS[1])",
  });
  redis.defineCommand('logRecent', {
    numberOfKeys: 1,
    lua: "redis.call('LPUSH', KEYS[1], ARGV[1]) redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[2]) - 1)",
  });
  return redis as Redis & {
    pushTask(key: string, task: string): Promise<number>;
    takeTask(key: string): Promise<string | null>;
    logRecent(key: string, event: string, keep: number): Promise<null>;
  };
}

export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  return withCommands(redis).pushTask(`queue:${queue}`, task);
}

export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  return withCommands(redis).takeTask(`queue:${queue}`);
}

export async function logEvent(redis: Redis, event: string): Promise<void> {
  await withCommands(redis).logRecent('events:recent', event, 5);
}
