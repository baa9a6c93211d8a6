import { once } from 'node:events';
import type Redis from 'ioredis';

// Publish and subscribe: a duplicate subscribes to channels and a pattern, hears what the client
// publishes (`message`, `pmessage` and their Buffer twins, binary payloads too), unsubscribes
// from part of it, and quits, after which nobody listens any more. ioredis refuses nothing while
// subscribed: it speaks RESP3, where a subscribed connection runs any command.

export default async function main(redis: Redis) {
  const subscriber = redis.duplicate();
  const heard: unknown[] = [];
  let allHeard: () => void = () => {};
  const everythingHeard = new Promise<void>((resolve) => {
    allHeard = resolve;
  });
  const note = (entry: unknown[]) => {
    heard.push(entry);
    if (heard.length === 6) allHeard();
  };
  subscriber.on('message', (channel: string, message: string) =>
    note(['message', channel, message]),
  );
  subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) =>
    note(['messageBuffer', channel, message]),
  );
  subscriber.on('pmessage', (pattern: string, channel: string, message: string) =>
    note(['pmessage', pattern, channel, message]),
  );
  subscriber.on('pmessageBuffer', (pattern: string, channel: Buffer, message: Buffer) =>
    note(['pmessageBuffer', pattern, channel, message]),
  );

  const subscribed = await subscriber.subscribe('news', 'weather');
  const patterns = await subscriber.psubscribe('alerts:*');
  const whileSubscribed = [await subscriber.get('missing'), await subscriber.ping()];
  const viaCallback = await new Promise((resolve) => {
    void subscriber.subscribe('sports', (error, count) => resolve([error, count]));
  });
  const receivers = [
    await redis.publish('news', 'hello'),
    await redis.publish('alerts:fire', 'run'),
    await redis.publish('weather', Buffer.from([0xff, 0x41])),
    await redis.publish('nobody-listens', 'lost'),
  ];
  await everythingHeard;

  const leftNews = await subscriber.unsubscribe('news', 'sports');
  const leftAlerts = await subscriber.punsubscribe('alerts:*');
  const afterUnsubscribe = await redis.publish('news', 'unheard');
  const next = once(subscriber, 'message');
  await redis.publish('weather', 'rain');
  const weather = await next;

  const quit = await subscriber.quit();
  await once(subscriber, 'end');
  return {
    subscribed,
    patterns,
    whileSubscribed,
    viaCallback,
    receivers,
    heard,
    leftNews,
    leftAlerts,
    afterUnsubscribe,
    weather,
    quit,
    afterQuit: await redis.publish('weather', 'unheard'),
    numsub: await redis.pubsub('NUMSUB', 'weather'),
  };
}
