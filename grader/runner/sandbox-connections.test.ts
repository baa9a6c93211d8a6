import type Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SandboxServer } from '../redis/sandbox-server.ts';
import {
  connectTrusted,
  SandboxConnections,
  STATE_CATEGORIES,
  STATEFUL_COMMANDS,
  STATELESS_IN_STATE_CATEGORIES,
} from './sandbox-connections.ts';

describe('learner connections lent again', () => {
  let server: SandboxServer;
  let grader: Redis;

  beforeAll(async () => {
    server = await SandboxServer.start();
    grader = connectTrusted(server.address);
  });
  afterAll(async () => {
    grader.disconnect();
    await server.stop();
  });

  it('knows every command of Redis’s connection, transaction and pub/sub categories', async () => {
    for (const category of STATE_CATEGORIES) {
      const names = (await grader.acl('CAT', category)) as string[];
      const unknown = names
        .map((name) => name.split('|')[0] ?? name)
        .filter((name) => !STATEFUL_COMMANDS.has(name) && !STATELESS_IN_STATE_CATEGORIES.has(name));
      expect({ category, unknown }).toEqual({ category, unknown: [] });
    }
  });

  it('lends a connection that sent only data commands again as it is', async () => {
    const connections = new SandboxConnections(server.address);
    const first = connections.learner();
    await first.set('k', 'v');
    connections.giveBack(first, { pending: 0, sent: new Set(['set']) });
    expect(connections.learner()).toBe(first);
    connections.close();
  });

  it('resets a connection whose state is on the server, to the protocol ioredis speaks', async () => {
    const connections = new SandboxConnections(server.address);
    const used = connections.learner();
    await grader.xadd('events', '1-1', 'kind', 'signup');
    await used.call('SELECT', '1');
    await used.call('HELLO', '2');
    await used.call('MULTI');
    connections.giveBack(used, { pending: 0, sent: new Set(['select', 'hello', 'multi']) });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const again = connections.learner();
    expect(again).toBe(used);
    expect(await again.xread('STREAMS', 'events', '0')).toEqual([
      ['events', [['1-1', ['kind', 'signup']]]],
    ]);
    connections.close();
  });

  it('closes a connection left in subscriber mode, or with a reply still due', async () => {
    const connections = new SandboxConnections(server.address);
    const subscriber = connections.learner();
    await subscriber.subscribe('news');
    connections.giveBack(subscriber, { pending: 0, sent: new Set(['subscribe']) });
    const blocked = connections.learner();
    expect(blocked).not.toBe(subscriber);
    connections.giveBack(blocked, { pending: 1, sent: new Set(['blpop']) });
    const next = connections.learner();
    expect([subscriber, blocked]).not.toContain(next);
    connections.close();
  });

  it('closes a connection whose reset ends after the connections were closed (a Run)', async () => {
    const connections = new SandboxConnections(server.address);
    const used = connections.learner();
    await used.call('SELECT', '2');
    connections.giveBack(used, { pending: 0, sent: new Set(['select']) });
    connections.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(used.status).toBe('end');
  });
});
