// SET ... EX ... GET, MEMORY USAGE sent as a Command; thumbnail is a defineCommand script (GET,
// then PEXPIRE only a key that is there) called through its Buffer twin.
import { readFile } from 'node:fs/promises';
import Redis from 'ioredis';

const READ = `
local bytes = redis.call('GET', KEYS[1])
if bytes then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return bytes
`;

export async function cacheThumbnail(redis: Redis, id: string, file: string): Promise<number> {
  const key = `thumb:${id}`;
  await redis.set(key, await readFile(file), 'EX', 3600, 'GET');
  const usage = await redis.sendCommand(new Redis.Command('MEMORY', ['USAGE', key]));
  return Number(usage);
}

export async function thumbnail(redis: Redis, id: string): Promise<Buffer | null> {
  redis.defineCommand('readThumb', { numberOfKeys: 1, lua: READ });
  const client = redis as Redis & {
    readThumbBuffer(key: string, ms: number): Promise<Buffer | null>;
  };
  return client.readThumbBuffer(`thumb:${id}`, 3_600_000);
}
