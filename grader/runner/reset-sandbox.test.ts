import { describe, expect, it } from 'vitest';
import { trustedSandbox } from '../test/trusted-sandbox.ts';
import { resetSandbox } from './reset-sandbox.ts';

describe('resetting a sandbox between checks', () => {
  const sandbox = trustedSandbox();
  const scriptFlushes = async () =>
    Number(
      /^cmdstat_script\|flush:calls=(\d+)/m.exec(await sandbox.redis.info('commandstats'))?.[1] ??
        0,
    );

  it('leaves no key in any database, no script and no function library', async () => {
    await sandbox.redis.set('weather', 'sunny');
    await sandbox.redis.select(3);
    await sandbox.redis.set('elsewhere', '1');
    await sandbox.redis.select(0);
    const sha = String(await sandbox.redis.call('SCRIPT', 'LOAD', 'return 1'));
    await sandbox.redis.eval("return redis.call('GET', KEYS[1])", 1, 'weather');
    await sandbox.redis.call(
      'FUNCTION',
      'LOAD',
      "#!lua name=kept\nredis.register_function('kept', function() return 1 end)",
    );
    await resetSandbox(sandbox.redis);
    expect(await sandbox.redis.dbsize()).toBe(0);
    await sandbox.redis.select(3);
    expect(await sandbox.redis.dbsize()).toBe(0);
    await sandbox.redis.select(0);
    expect(await sandbox.redis.call('SCRIPT', 'EXISTS', sha)).toEqual([0]);
    expect(await sandbox.redis.call('FUNCTION', 'LIST')).toEqual([]);
  });

  it('makes Redis a new Lua interpreter only when it holds a script', async () => {
    await resetSandbox(sandbox.redis);
    const flushed = await scriptFlushes();
    await sandbox.redis.set('weather', 'sunny');
    await resetSandbox(sandbox.redis);
    expect(await scriptFlushes()).toBe(flushed);
    await sandbox.redis.eval('return 1', 0);
    await resetSandbox(sandbox.redis);
    expect(await scriptFlushes()).toBe(flushed + 1);
  });
});
