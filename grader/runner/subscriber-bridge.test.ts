import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SandboxServer } from '../redis/sandbox-server.ts';
import { openLearnerScope } from './learner-scope.ts';
import { CommandBudget } from './redis-bridge.ts';
import { SandboxConnections } from './sandbox-connections.ts';

const CLIENT = 1;
const noFixtures = () => new Uint8Array();

/** Whether a promise settles within a moment; false is the gate's promise. */
async function settlesSoon(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  promise.then(
    () => {
      settled = true;
    },
    () => {
      settled = true;
    },
  );
  await new Promise((resolve) => setTimeout(resolve, 50));
  return settled;
}

describe("a check's subscriber connections", () => {
  let server: SandboxServer;
  let connections: SandboxConnections;
  let publisher: Redis;

  beforeAll(async () => {
    server = await SandboxServer.start();
    connections = new SandboxConnections(server.address);
    publisher = new Redis({
      path: server.address.socketPath,
      username: 'grader',
      password: server.address.graderPassword,
    });
  });
  afterAll(async () => {
    publisher.disconnect();
    connections.close();
    await server.stop();
  });

  const openScope = () =>
    openLearnerScope(connections, new CommandBudget(100, 1024 * 1024), noFixtures);

  it('deliver what a subscribed client hears, with Buffers as ioredis gives them, and log SUBSCRIBE', async () => {
    const scope = openScope();
    const { send, receive } = scope.capabilities;
    expect(await send(CLIENT, 'subscribe', ['news'])).toBe(1);
    expect(await send(CLIENT, 'psubscribe', ['alerts:*'])).toBe(2);
    await publisher.publish('news', 'hello');
    await publisher.publish('alerts:fire', Buffer.from([0xff]));
    const heard: unknown[] = [];
    while (heard.length < 2) heard.push(...((await receive(CLIENT)) ?? []));
    expect(heard).toEqual([
      ['message', Buffer.from('news'), Buffer.from('hello')],
      ['pmessage', 'alerts:*', Buffer.from('alerts:fire'), Buffer.from([0xff])],
    ]);
    expect(scope.bridge.commands.map(({ name, args }) => [name, ...args])).toEqual([
      ['subscribe', 'news'],
      ['psubscribe', 'alerts:*'],
    ]);
    await scope.close();
  });

  it('end with their check: a subscription left open hears nothing, and a receive left waiting never answers', async () => {
    const first = openScope();
    await first.capabilities.send(CLIENT, 'subscribe', ['left-open']);
    const waiting = first.capabilities.receive(CLIENT);
    await first.close();
    expect(await publisher.publish('left-open', 'after the check')).toBe(0);
    expect(await settlesSoon(waiting)).toBe(false);

    // The next check lends the same client id: it has no subscription there.
    const second = openScope();
    expect(await second.capabilities.receive(CLIENT)).toBeNull();
    expect(await publisher.pubsub('NUMSUB', 'left-open')).toEqual(['left-open', 0]);
    await second.close();
  });

  it('answer an earlier receive with null when a later one asks, so that only the latest loop listens', async () => {
    const scope = openScope();
    await scope.capabilities.send(CLIENT, 'subscribe', ['news']);
    const earlier = scope.capabilities.receive(CLIENT);
    const later = scope.capabilities.receive(CLIENT);
    expect(await earlier).toBeNull();
    await publisher.publish('news', 'for the later loop');
    expect(await later).toEqual([
      ['message', Buffer.from('news'), Buffer.from('for the later loop')],
    ]);
    await scope.close();
  });

  it('close when the client quits or disconnects: its loop ends, and QUIT leaves nobody listening', async () => {
    const scope = openScope();
    const { send, receive, hangUp } = scope.capabilities;
    await send(CLIENT, 'subscribe', ['quitter']);
    const quitting = receive(CLIENT);
    expect(await send(CLIENT, 'quit', [])).toBe('OK');
    expect(await quitting).toBeNull();
    expect(await publisher.publish('quitter', 'anyone?')).toBe(0);

    // As ioredis's disconnect(), hanging up does not wait for Redis to notice.
    await send(2, 'subscribe', ['leaver']);
    const leaving = receive(2);
    hangUp(2);
    expect(await leaving).toBeNull();
    await scope.close();
    expect(await publisher.publish('leaver', 'anyone?')).toBe(0);
  });
});
