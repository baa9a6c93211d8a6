import { EventEmitter, once } from 'node:events';
import type Redis from 'ioredis';

// A client's connection events and status, as ioredis has them: a new client connects on its
// own (`ready` reaches a listener added right after construction, and `once` from node:events);
// lazyConnect waits for connect(); quit() answers OK and ends the client; disconnect() closes it;
// a closed client refuses commands; without the offline queue, so does one not yet ready. Each client's events are kept apart: only their order
// within a client is ioredis's promise.

const EVENTS = ['wait', 'connecting', 'connect', 'ready', 'close', 'end', 'error'];

function watch(client: Redis): string[] {
  const seen: string[] = [];
  for (const event of EVENTS) client.on(event, () => seen.push(`${event} (${client.status})`));
  return seen;
}

export default async function main(redis: Redis) {
  const eager = redis.duplicate();
  const eagerStatusAtOnce = eager.status;
  const eagerEvents = watch(eager);
  await once(eager, 'ready');
  const read = await eager.get('missing');
  const quitReply = await eager.quit();
  const statusAfterQuit = eager.status;
  await once(eager, 'end');
  const afterEnd = await eager.get('missing').catch((error: Error) => error.message);

  const lazy = redis.duplicate({ lazyConnect: true });
  const lazyEvents = watch(lazy);
  const lazyStatusAtOnce = lazy.status;
  await new Promise((resolve) => setTimeout(resolve, 5));
  const lazyStatusLater = lazy.status;
  const connected = await lazy.connect();
  const lazyStatus = lazy.status;
  const connectAgain = await lazy.connect().catch((error: Error) => error.message);
  lazy.disconnect();
  const statusAfterDisconnect = lazy.status;
  await once(lazy, 'end');

  const neverConnected = redis.duplicate({ lazyConnect: true });
  const neverEvents = watch(neverConnected);
  neverConnected.disconnect();
  const neverStatus = neverConnected.status;
  await once(neverConnected, 'end');

  const lazyQuit = redis.duplicate({ lazyConnect: true });
  const lazyQuitEvents = watch(lazyQuit);
  const lazyQuitReply = await lazyQuit.quit();
  await once(lazyQuit, 'end');

  const unqueued = redis.duplicate({ enableOfflineQueue: false });
  const beforeReady = await unqueued.get('missing').catch((error: Error) => error.message);
  await once(unqueued, 'ready');
  const whenReady = await unqueued.get('missing');
  unqueued.disconnect();

  const emitter = new EventEmitter();
  setTimeout(() => emitter.emit('done', 42, 'and more'), 1);
  const emitted = await once(emitter, 'done');

  return {
    eager: {
      statusAtOnce: eagerStatusAtOnce,
      read,
      quitReply,
      statusAfterQuit,
      afterEnd,
      events: eagerEvents,
    },
    lazy: {
      statusAtOnce: lazyStatusAtOnce,
      statusLater: lazyStatusLater,
      connected,
      status: lazyStatus,
      connectAgain,
      statusAfterDisconnect,
      events: lazyEvents,
    },
    neverConnected: { status: neverStatus, events: neverEvents },
    lazyQuit: { reply: lazyQuitReply, status: lazyQuit.status, events: lazyQuitEvents },
    withoutOfflineQueue: { beforeReady, whenReady },
    emitted,
    passedClient: redis.status,
  };
}
