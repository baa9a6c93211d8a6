import type Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SandboxServer } from '../redis/sandbox-server.ts';
import { resetSandbox } from './reset-sandbox.ts';
import { connectTrusted } from './sandbox-connections.ts';

describe('resetting a sandbox between checks', () => {
  let server: SandboxServer;
  let redis: Redis;
  const scriptFlushes = async () =>
    Number(/^cmdstat_script\|flush:calls=(\d+)/m.exec(await redis.info('commandstats'))?.[1] ?? 0);

  beforeAll(async () => {
    server = await SandboxServer.start();
    redis = connectTrusted(server.address);
  });
  afterAll(async () => {
    redis.disconnect();
    await server.stop();
  });

  it('leaves no key in any database, no script and no function library', async () => {
    await redis.set('weather', 'sunny');
    await redis.select(3);
    await redis.set('elsewhere', '1');
    await redis.select(0);
    const sha = String(await redis.call('SCRIPT', 'LOAD', 'return 1'));
    await redis.eval("return redis.call('GET', KEYS[1])", 1, 'weather');
    await redis.call(
      'FUNCTION',
      'LOAD',
      "#!lua name=kept\nredis.register_function('kept', function() return 1 end)",
    );
    await resetSandbox(redis);
    expect(await redis.dbsize()).toBe(0);
    await redis.select(3);
    expect(await redis.dbsize()).toBe(0);
    await redis.select(0);
    expect(await redis.call('SCRIPT', 'EXISTS', sha)).toEqual([0]);
    expect(await redis.call('FUNCTION', 'LIST')).toEqual([]);
  });

  it('makes Redis a new Lua interpreter only when it holds a script', async () => {
    await resetSandbox(redis);
    const flushed = await scriptFlushes();
    await redis.set('weather', 'sunny');
    await resetSandbox(redis);
    expect(await scriptFlushes()).toBe(flushed);
    await redis.eval('return 1', 0);
    await resetSandbox(redis);
    expect(await scriptFlushes()).toBe(flushed + 1);
  });
});
