import Redis, { Command } from 'ioredis';

// A Command sent with sendCommand: its reply as Buffers unless it names a replyEncoding, its
// promise settled with the reply or Redis's refusal, and Redis.Command the same class.

export default async function main(redis: Redis) {
  const set = new Command('SET', ['greeting', 'hello'], { replyEncoding: 'utf8' });
  const sent = await redis.sendCommand(set);
  const asText = await redis.sendCommand(
    new Redis.Command('GET', ['greeting'], { replyEncoding: 'utf8' }),
  );
  const asBytes = (await redis.sendCommand(new Command('GET', ['greeting']))) as Buffer;
  const push = new Command('LPUSH', ['greeting', 'x'], { replyEncoding: 'utf8' });
  redis.sendCommand(push);
  const refused = await push.promise.catch((error: Error) => error.message);
  return {
    sent,
    settled: await set.promise,
    asText,
    asBytes: [Buffer.isBuffer(asBytes), asBytes.toString()],
    refused,
    same: Redis.Command === Command,
  };
}
