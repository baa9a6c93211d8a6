import type Redis from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SandboxServer } from '../redis/sandbox-server.ts';
import { connectTrusted } from '../runner/sandbox-connections.ts';
import { deleteKey, type KeyPage, viewKeyPage } from './key-view.ts';

describe("the key browser's view of a sandbox", () => {
  let sandbox: SandboxServer;
  let redis: Redis;
  beforeAll(async () => {
    sandbox = await SandboxServer.start();
    redis = connectTrusted(sandbox.address);
  });
  // Each test starts from an empty Redis, whatever the one before left.
  beforeEach(() => redis.flushall());
  afterAll(async () => {
    redis?.disconnect();
    await sandbox?.stop();
  });

  /** Every page of the listing, its cursor followed to the end. */
  async function allPages(match?: string): Promise<KeyPage[]> {
    const pages = [await viewKeyPage(redis, '0', match)];
    for (let next = pages[0]?.next; next; next = pages.at(-1)?.next) {
      pages.push(await viewKeyPage(redis, next, match));
    }
    return pages;
  }

  it('shows only the keys a pattern matches, as SCAN MATCH finds them', async () => {
    await redis.mset('user:1', 'a', 'user:2', 'b', 'session:1', 'c', 'users', 'd');
    const keys = (await allPages('user:*')).flatMap((page) => page.keys.map(({ key }) => key));
    expect(keys.sort()).toEqual(['user:1', 'user:2']);
    const some = (await allPages('*ser*')).flatMap((page) => page.keys.map(({ key }) => key));
    expect(some.sort()).toEqual(['user:1', 'user:2', 'users']);
  });

  it('looks through a bounded part of a big keyspace per page, and finds the match later', async () => {
    await redis.eval("for i = 1, 30000 do redis.call('SET', 'filler:' .. i, 'x') end", 0);
    await redis.set('needle', 'found');
    const first = await viewKeyPage(redis, '0', 'need*');
    const pages = await allPages('need*');
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.flatMap((page) => page.keys.map(({ key }) => key))).toEqual(['needle']);
    // The first page stopped early, keys or none, with a cursor to go on from.
    expect(first.next).not.toBeNull();
  });

  it('shows a sorted set highest score first', async () => {
    await redis.zadd('board', 1, 'low', 30, 'high', 20, 'middle', '-inf', 'lowest', '+inf', 'top');
    const [board] = (await viewKeyPage(redis)).keys;
    expect(board?.value).toEqual({
      kind: 'zset',
      members: [
        ['top', 'inf'],
        ['high', '30'],
        ['middle', '20'],
        ['low', '1'],
        ['lowest', '-inf'],
      ],
      length: 5,
    });
  });

  it('rounds a TTL up, so that a key is never shown gone before Redis drops it', async () => {
    await redis.set('soon', 'x', 'PX', 1_200);
    await redis.set('later', 'x', 'EX', 100);
    const ttls = Object.fromEntries((await viewKeyPage(redis)).keys.map((k) => [k.key, k.ttl]));
    expect(ttls).toEqual({ later: 100, soon: 2 });
  });

  it('deletes one key, and says when there was none', async () => {
    await redis.mset('keep', '1', 'drop', '2');
    expect(await deleteKey(redis, 'drop')).toBe(true);
    expect(await deleteKey(redis, 'drop')).toBe(false);
    expect(await redis.keys('*')).toEqual(['keep']);
  });
});
