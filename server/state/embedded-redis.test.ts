import { appendFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { EmbeddedRedis } from './embedded-redis.ts';

describe("the app's own redis-server", () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

  it('says what redis-server said, and how to repair the file, when its append-only file is damaged', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'keyspace-aof-'));
    dirs.push(dataDir);
    const log = pino({ level: 'silent' });
    const first = await EmbeddedRedis.start(dataDir, log);
    const client = new Redis({ path: first.socketPath });
    await client.set('learner:ada', 'progress');
    client.disconnect();
    await first.stop();

    // Garbage in the middle of the file: not a cut-short last command, which Redis forgives.
    const aofDir = join(dataDir, 'appendonlydir');
    const incr = (await readdir(aofDir)).find((name) => name.endsWith('.incr.aof')) ?? '';
    await appendFile(join(aofDir, incr), 'garbage that is no command\r\n*1\r\n$4\r\nPING\r\n');
    const failure = await EmbeddedRedis.start(dataDir, log).then(
      () => new Error('started on a damaged file'),
      (error: Error) => error,
    );
    expect(failure.message).toMatch(
      /^the app's redis-server stopped \(exit code 1\) while starting/,
    );
    expect(failure.message).toMatch(/Bad file format reading the append only file/);
    expect(failure.message).toMatch(/redis-check-aof --fix .*appendonlydir/);
  });
});
