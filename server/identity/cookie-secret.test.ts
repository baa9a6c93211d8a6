import { chmod, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { keys } from '../progress/keys.ts';
import { AppState } from '../state/app-state.ts';
import { cookieSecret, SECRET_FILE } from './learner-cookie.ts';

const log = pino({ level: 'silent' });

describe('the cookie-signing secret, with the embedded Redis', () => {
  const dirs: string[] = [];
  const dataDir = async () => {
    const parent = await mkdtemp(join(tmpdir(), 'keyspace-secret-'));
    dirs.push(parent);
    return join(parent, 'data');
  };
  afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

  it('is kept in a file of its own beside the data, never in Redis, and stays across restarts', async () => {
    const dir = await dataDir();
    const first = await AppState.open({ dataDir: dir, log });
    const secret = await cookieSecret(first);
    expect(await first.redis.exists(keys.cookieSecret)).toBe(0);
    await first.close();
    const file = join(dir, SECRET_FILE);
    expect((await readFile(file, 'utf8')).trim()).toBe(secret);
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    const again = await AppState.open({ dataDir: dir, log });
    expect(await cookieSecret(again)).toBe(secret);
    expect(await cookieSecret(again, 'from-the-environment')).toBe('from-the-environment');
    await again.close();
  });

  it('moves a secret an earlier version kept in Redis into the file, so its cookies stay good', async () => {
    const dir = await dataDir();
    const earlier = await AppState.open({ dataDir: dir, log });
    await earlier.redis.set(keys.cookieSecret, 'the-earlier-secret');
    expect(await cookieSecret(earlier)).toBe('the-earlier-secret');
    expect(await earlier.redis.exists(keys.cookieSecret)).toBe(0);
    expect((await readFile(join(dir, SECRET_FILE), 'utf8')).trim()).toBe('the-earlier-secret');
    await earlier.close();
  });

  it('lives in a data directory of this user alone, whose files only they can read', async () => {
    const dir = await dataDir();
    const state = await AppState.open({ dataDir: dir, log });
    await state.redis.set('anything', 'written');
    await state.close();
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    const aof = join(dir, 'appendonlydir');
    for (const name of await readdir(aof)) {
      expect({ name, mode: (await stat(join(aof, name))).mode & 0o777 }).toEqual({
        name,
        mode: 0o600,
      });
    }
  });

  it('refuses to start on a data directory other users can read, saying how to fix it', async () => {
    const dir = await dataDir();
    await (await AppState.open({ dataDir: dir, log })).close();
    await chmod(dir, 0o755);
    await expect(AppState.open({ dataDir: dir, log })).rejects.toThrow(
      /is open to other users of this machine \(mode 755\).*chmod 700/,
    );
  });
});
