import { beforeEach, describe, expect, it } from 'vitest';
import { trustedSandbox } from '../test/trusted-sandbox.ts';
import { describeChanges, diffSnapshots, takeSnapshot } from './snapshot.ts';

describe('sandbox snapshots and their diff', () => {
  const sandbox = trustedSandbox();

  beforeEach(async () => {
    await sandbox.redis.flushall();
  });

  it('reads every type with its value and PTTL', async () => {
    await sandbox.redis.set('text', 'hello', 'EX', 60);
    await sandbox.redis.set('bytes', Buffer.from([0xff, 0x00]));
    await sandbox.redis.hset('hash', { b: '2', a: '1' });
    await sandbox.redis.rpush('list', 'x', 'y');
    await sandbox.redis.sadd('set', 'q', 'p');
    await sandbox.redis.zadd('zset', 2, 'two', 1, 'one');
    await sandbox.redis.xadd('stream', '1-1', 'kind', 'signup');
    const { keys } = await takeSnapshot(sandbox.redis);
    expect([...keys.keys()]).toEqual(['bytes', 'hash', 'list', 'set', 'stream', 'text', 'zset']);
    expect(keys.get('text')?.value).toBe('hello');
    expect(keys.get('text')?.pttl).toBeGreaterThan(59_000);
    expect(keys.get('bytes')?.value).toEqual(Buffer.from([0xff, 0x00]));
    expect(Object.keys(keys.get('hash')?.value as object)).toEqual(['a', 'b']);
    expect(keys.get('list')?.value).toEqual(['x', 'y']);
    expect(keys.get('set')?.value).toEqual(['p', 'q']);
    expect(keys.get('zset')?.value).toEqual([
      ['one', 1],
      ['two', 2],
    ]);
    expect(keys.get('stream')?.value).toEqual([['1-1', ['kind', 'signup']]]);
    expect(keys.get('list')?.pttl).toBe(-1);
  });

  it('tells keys created, deleted and changed, and a TTL set again', async () => {
    await sandbox.redis.set('cache:a', '1', 'EX', 60);
    await sandbox.redis.set('cache:b', '2', 'EX', 60);
    await sandbox.redis.set('kept', 'same', 'EX', 60);
    await sandbox.redis.hset('user:7', { name: 'Ada' });
    const before = await takeSnapshot(sandbox.redis);
    await new Promise((resolve) => setTimeout(resolve, 150));
    await sandbox.redis.set('cache:a', '1', 'EX', 60);
    await sandbox.redis.set('cache:b', 'changed', 'KEEPTTL');
    await sandbox.redis.del('user:7');
    await sandbox.redis.set('extra', 'x');
    const diff = diffSnapshots(before, await takeSnapshot(sandbox.redis));
    expect(diff.created).toEqual(['extra']);
    expect(diff.deleted).toEqual(['user:7']);
    expect(diff.changed).toEqual(['cache:a', 'cache:b']);
    expect(diff.changes.find((change) => change.key === 'cache:a')).toMatchObject({
      valueChanged: false,
      ttl: 'reset',
    });
    expect(diff.changes.find((change) => change.key === 'cache:b')).toMatchObject({
      valueChanged: true,
      ttl: 'kept',
    });
    expect(diff.outside(['cache:a', 'cache:b']).map(({ key }) => key)).toEqual(['extra', 'user:7']);
    expect(diff.outside((key) => key.startsWith('cache:') || key === 'extra')).toHaveLength(1);
    expect(describeChanges(diff.changes)).toBe(
      'changed its TTL (set again) of cache:a, changed its value of cache:b, created extra (string), deleted user:7 (hash)',
    );
  });

  it('sees nothing changed when nothing was written', async () => {
    await sandbox.redis.set('k', 'v', 'PX', 30_000);
    const before = await takeSnapshot(sandbox.redis);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const diff = diffSnapshots(before, await takeSnapshot(sandbox.redis));
    expect(diff.changes).toEqual([]);
    expect(describeChanges(diff.changes)).toBe('nothing changed');
  });

  it('keeps a TTL nobody touched as kept, however late the first snapshot read it', async () => {
    await sandbox.redis.set('k', 'v', 'EX', 60);
    const before = await takeSnapshot(sandbox.redis);
    const after = await takeSnapshot(sandbox.redis);
    // As on a busy machine: the first snapshot's reads came long after it started.
    const late = { ...before, takenAt: before.takenAt - 5_000 };
    expect(diffSnapshots(late, after).changes).toEqual([]);
  });
});
