// EXISTS and GETRANGE 0 -1 in one MULTI, so that both answers describe the same moment;
// ping through callBuffer, decoded here.
import type Redis from 'ioredis';

export async function ping(redis: Redis): Promise<string> {
  const reply = (await redis.callBuffer('PING')) as Buffer;
  return reply.toString('utf8');
}

export async function readBytes(redis: Redis, key: string): Promise<Buffer> {
  const replies = await redis.multi().exists(key).getrangeBuffer(key, 0, -1).exec();
  if (!replies) throw new Error('transaction aborted');
  const [[existsError, exists], [rangeError, bytes]] = replies as [
    [Error | null, number],
    [Error | null, Buffer],
  ];
  if (existsError ?? rangeError) throw (existsError ?? rangeError) as Error;
  if (exists === 0) throw new Error(`no key named ${key}`);
  return bytes;
}
