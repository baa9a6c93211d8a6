// One Redis Functions library: each function one command on KEYS[1] with the right option.
import type Redis from 'ioredis';

const LIBRARY = `#!lua name=trials
redis.register_function('trial_start', function(keys, args)
  return redis.call('SET', keys[1], args[1], 'NX', 'EX', args[2]) and 1 or 0
end)
redis.register_function('trial_extend', function(keys, args)
  return redis.call('EXPIRE', keys[1], args[1], 'GT')
end)
redis.register_function('trial_end_at', function(keys, args)
  return redis.call('EXPIREAT', keys[1], args[1])
end)
redis.register_function('trial_permanent', function(keys, args)
  return redis.call('PERSIST', keys[1])
end)`;

async function fcall(redis: Redis, fn: string, user: string, ...args: (string | number)[]) {
  await redis.call('FUNCTION', 'LOAD', 'REPLACE', LIBRARY);
  return (await redis.call('FCALL', fn, 1, `trial:${user}`, ...args)) === 1;
}

export async function startTrial(
  redis: Redis,
  user: string,
  plan: string,
  seconds: number,
): Promise<boolean> {
  return fcall(redis, 'trial_start', user, plan, seconds);
}

export async function extendTrial(redis: Redis, user: string, seconds: number): Promise<boolean> {
  return fcall(redis, 'trial_extend', user, seconds);
}

export async function endTrialAt(
  redis: Redis,
  user: string,
  unixSeconds: number,
): Promise<boolean> {
  return fcall(redis, 'trial_end_at', user, unixSeconds);
}

export async function makePermanent(redis: Redis, user: string): Promise<boolean> {
  return fcall(redis, 'trial_permanent', user);
}
