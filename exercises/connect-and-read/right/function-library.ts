// A read-only Redis function, loaded with FUNCTION LOAD REPLACE on each read and run with
// FCALL_RO: GET's nil comes back as false (null in ioredis), WRONGTYPE as an error. PING goes
// out through call().
import type Redis from 'ioredis';

const LIBRARY = `#!lua name=keyspace_bytes
redis.register_function{
  function_name = 'keyspace_read_bytes',
  callback = function(keys) return redis.call('GET', keys[1]) end,
  flags = { 'no-writes' },
}`;

export async function ping(redis: Redis): Promise<string> {
  return (await redis.call('PING')) as string;
}

export async function readBytes(redis: Redis, key: string): Promise<Buffer> {
  await redis.call('FUNCTION', 'LOAD', 'REPLACE', LIBRARY);
  const bytes = (await redis.callBuffer(
    'FCALL_RO',
    'keyspace_read_bytes',
    1,
    key,
  )) as Buffer | null;
  if (bytes === null) throw new Error(`no value under ${key}`);
  return bytes;
}
