import { delimiter, join } from 'node:path';
import { RedisServerNotFoundError } from '../errors.ts';
import { type Environment, environmentVariable } from '../settings/environment.ts';
import { isExecutable } from '../shared/is-executable.ts';

/** Finds the redis-server binary: REDIS_SERVER_BIN when set, else the first on PATH. */
export function findRedisServer(environment?: Environment): string {
  const explicit = environmentVariable('REDIS_SERVER_BIN', environment);
  if (explicit) {
    if (isExecutable(explicit)) return explicit;
    throw new RedisServerNotFoundError(`REDIS_SERVER_BIN=${explicit}`);
  }
  for (const dir of (environmentVariable('PATH', environment) ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, 'redis-server');
    if (isExecutable(candidate)) return candidate;
  }
  throw new RedisServerNotFoundError('redis-server on PATH');
}
