// fails: ping and readBytes leave the client they are given open and as it was
import type Redis from 'ioredis';

// (arguable) — breaks "leave it open ... since the code that passed it in goes on using it".
// After PING it sends RESET "to hand the connection back clean". RESET de-authenticates the
// connection (back to the default user, which the server may disable): the TCP connection is
// still open, but every later command of the caller fails with NOAUTH. No quit()/disconnect()
// is called and no QUIT is sent, which is all the checks look for.
export async function ping(redis: Redis): Promise<string> {
  const reply = await redis.ping();
  await redis.call('RESET');
  return reply;
}

export async function readBytes(redis: Redis, key: string): Promise<Buffer> {
  const bytes = await redis.getBuffer(key);
  if (bytes === null) throw new Error(`Redis holds no value under ${key}`);
  return bytes;
}
