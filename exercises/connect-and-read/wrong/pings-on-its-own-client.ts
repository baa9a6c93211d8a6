// fails: ping sends PING to Redis
import type Redis from 'ioredis';

// — breaks "Both functions use the client they are given". ping opens a client of its own
// (duplicate() of the one given: a new TCP connection, a new AUTH), pings on it and closes it.
// It reports on a connection that is not the caller's (the caller's may be broken while this one
// answers PONG). The grader sees a PING from "the learner" and no QUIT (disconnect() sends none),
// and its closed-client check only watches the client it lent.
export async function ping(redis: Redis): Promise<string> {
  const own = redis.duplicate();
  try {
    return await own.ping();
  } finally {
    own.disconnect();
  }
}

export async function readBytes(redis: Redis, key: string): Promise<Buffer> {
  const bytes = await redis.getBuffer(key);
  if (bytes === null) throw new Error(`Redis holds no value under ${key}`);
  return bytes;
}
