// TYPE and GETRANGE 0 -1 in one MULTI: 'none' throws, another type throws an Error of its own,
// and GETRANGE 0 -1 gives every byte. ping sends PING with call().
import type Redis from 'ioredis';

export async function ping(redis: Redis): Promise<string> {
  return (await redis.call('PING')) as string;
}

export async function readBytes(redis: Redis, key: string): Promise<Buffer> {
  const replies = await redis.multi().type(key).getrangeBuffer(key, 0, -1).exec();
  if (!replies) throw new Error('the transaction was aborted');
  const [[typeError, type] = [], [rangeError, bytes] = []] = replies;
  if (typeError) throw typeError;
  if (type === 'none') throw new Error(`no key named ${key}`);
  if (type !== 'string') throw new Error(`WRONGTYPE: ${key} holds a ${type}, not a string`);
  if (rangeError) throw rangeError;
  return bytes as Buffer;
}
