// Both commands sent as ioredis Command objects through sendCommand: PING with a UTF-8 reply, GET
// with no reply encoding, which leaves its reply as bytes.
import Redis from 'ioredis';

export async function ping(redis: Redis): Promise<string> {
  return (await redis.sendCommand(
    new Redis.Command('ping', [], { replyEncoding: 'utf8' }),
  )) as string;
}

export async function readBytes(redis: Redis, key: string): Promise<Buffer> {
  const bytes = (await redis.sendCommand(new Redis.Command('get', [key]))) as Buffer | null;
  if (bytes === null) throw new Error(`no value under ${key}`);
  return bytes;
}
