import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { SandboxServer } from './sandbox-server.ts';

describe('a sandbox redis-server', () => {
  let server: SandboxServer;
  let learner: Redis;
  let grader: Redis;

  beforeAll(async () => {
    server = await SandboxServer.start();
    const { socketPath, learnerPassword, graderPassword } = server.address;
    learner = new Redis({ path: socketPath, username: 'learner', password: learnerPassword });
    grader = new Redis({ path: socketPath, username: 'grader', password: graderPassword });
  });

  afterAll(async () => {
    learner.disconnect();
    grader.disconnect();
    await server.stop();
  });

  // DRYRUN asks the ACL alone, whatever else the server would say (DEBUG is also off by default).
  it.each([
    ['CONFIG', 'SET', 'maxmemory', '0'],
    ['CONFIG', 'GET', 'dir'],
    ['DEBUG', 'SLEEP', '0'],
    ['SHUTDOWN', 'NOSAVE'],
    ['REPLICAOF', 'NO', 'ONE'],
    ['SLAVEOF', 'NO', 'ONE'],
    ['MIGRATE', 'localhost', '6379', 'k', '0', '1000'],
    ['MONITOR'],
    ['CLIENT', 'KILL', 'ID', '1'],
    ['CLIENT', 'LIST'],
    ['ACL', 'SETUSER', 'learner', '+@all'],
    ['MODULE', 'LOAD', '/tmp/x.so'],
    ['SAVE'],
    ['BGSAVE'],
    ['BGREWRITEAOF'],
    ['FAILOVER'],
    ['SCRIPT', 'DEBUG', 'YES'],
  ])('refuses %s %s from learner code', async (...command) => {
    const verdict = await grader.call('ACL', 'DRYRUN', 'learner', ...command);
    expect(verdict).toMatch(/no permissions/);
  });

  it('refuses a forbidden command sent over the learner connection, saying why', async () => {
    await expect(learner.call('CONFIG', 'SET', 'maxmemory', '0')).rejects.toThrow(
      /NOPERM .*'config\|set'/,
    );
  });

  it('refuses the Lua debugger, which would fork the sandbox, and leaves no fork behind', async () => {
    const pid = /process_id:(\d+)/.exec(await grader.info('server'))?.[1] ?? '';
    const children = () =>
      // ps exits 1 when nothing matches: read its output whatever its status.
      spawnSync('ps', ['-o', 'pid=', '--ppid', pid], { encoding: 'utf8' })
        .stdout.trim()
        .split('\n')
        .filter(Boolean);
    await expect(learner.call('SCRIPT', 'DEBUG', 'YES')).rejects.toThrow(
      /NOPERM .*'script\|debug'/,
    );
    expect(await learner.eval("return redis.call('SET', 'debugged', '1')", 0)).toBe('OK');
    expect(children()).toEqual([]);
  });

  it('lets the console ask INFO, which lessons show', async () => {
    expect(await learner.info('replication')).toMatch(/role:master/);
  });

  it('lets learner code use ordinary data commands', async () => {
    await learner.set('weather', 'sunny');
    await learner.hset('user:1', { name: 'Ada' });
    expect(await learner.get('weather')).toBe('sunny');
    expect(await grader.hgetall('user:1')).toEqual({ name: 'Ada' });
  });

  it('turns away a connection without a password', async () => {
    const anonymous = new Redis({ path: server.address.socketPath, lazyConnect: true });
    anonymous.on('error', () => {});
    await anonymous.connect().catch(() => {});
    await expect(anonymous.get('weather')).rejects.toThrow(/NOAUTH|WRONGPASS|Connection is closed/);
    anonymous.disconnect();
  });

  it('listens on no TCP port, only on its socket', async () => {
    expect(await grader.config('GET', 'port')).toEqual(['port', '0']);
    expect(existsSync(server.address.socketPath)).toBe(true);
  });

  it('refuses a RESTORE payload whose inside is corrupt, however valid its checksum', async () => {
    await learner.hset('sound', 'a', 'b');
    const payload = (await learner.dumpBuffer('sound')) as Buffer;
    // A hash in a listpack: type, the string's length, then the listpack's total bytes (4) and
    // element count (2). Claim two more elements than it holds, and sign the lie.
    expect(payload[0]).toBe(16);
    const crafted = Buffer.from(payload);
    crafted.writeUInt16LE(crafted.readUInt16LE(6) + 2, 6);
    crafted.writeBigUInt64LE(crc64(crafted.subarray(0, -8)), crafted.length - 8);
    await expect(learner.restore('crafted', 0, crafted)).rejects.toThrow(/Bad data format/);
    expect(await learner.ping()).toBe('PONG');
  });

  it('refuses a Lua script more memory than the address-space limit allows, and goes on', async () => {
    // maxmemory bounds the data, not what a script allocates: this one took a server to 1.1 GB.
    await expect(
      learner.eval("return string.len(string.rep('x', 800 * 1024 * 1024))", 0),
    ).rejects.toThrow(/not enough memory/);
    expect(await learner.ping()).toBe('PONG');
  });

  it('caps memory and refuses writes past it', async () => {
    const [, maxmemory] = (await grader.config('GET', 'maxmemory')) as string[];
    expect(Number(maxmemory)).toBeGreaterThan(0);
    expect(await grader.config('GET', 'maxmemory-policy')).toEqual([
      'maxmemory-policy',
      'noeviction',
    ]);
  });
});

/** Redis's CRC-64 (Jones polynomial, reflected), which signs a DUMP payload. */
function crc64(bytes: Uint8Array): bigint {
  const poly = 0x95ac9329ac4bc9b5n; // 0xad93d23594c935a9, reflected
  let crc = 0n;
  for (const byte of bytes) {
    crc ^= BigInt(byte);
    for (let bit = 0; bit < 8; bit++) crc = crc & 1n ? (crc >> 1n) ^ poly : crc >> 1n;
  }
  return crc;
}

/** A process's state as /proc shows it: T while a signal holds it stopped. */
function processState(pid: string): string {
  return /^\d+ \(.*\) (\S)/.exec(readFileSync(`/proc/${pid}/stat`, 'utf8'))?.[1] ?? '';
}

describe('a paused sandbox redis-server', () => {
  it('is stopped until resumed, and then answers with its keys as they were', async () => {
    const server = await SandboxServer.start();
    onTestFinished(() => server.stop());
    const { socketPath, graderPassword } = server.address;
    const grader = new Redis({ path: socketPath, username: 'grader', password: graderPassword });
    onTestFinished(() => grader.disconnect());
    await grader.set('kept', 'yes');
    const pid = /process_id:(\d+)/.exec(await grader.info('server'))?.[1] ?? '';
    server.pause();
    await expect.poll(() => processState(pid)).toBe('T');
    expect(server.paused).toBe(true);
    server.resume();
    await expect.poll(() => processState(pid)).not.toBe('T');
    expect(await grader.get('kept')).toBe('yes');
  });

  it('stops when asked while paused, without waiting out its grace', async () => {
    const server = await SandboxServer.start();
    onTestFinished(() => server.stop(0));
    server.pause();
    let timer: NodeJS.Timeout | undefined;
    const outlasted = new Promise((resolve) => {
      timer = setTimeout(() => resolve('still running'), 10_000);
    });
    const stopped = server.stop(60_000).then(() => 'stopped');
    expect(await Promise.race([stopped, outlasted])).toBe('stopped');
    clearTimeout(timer);
    expect(server.alive).toBe(false);
  });
});

describe('a sandbox redis-server that grades', () => {
  let server: SandboxServer;
  let grader: Redis;
  let learner: Redis;

  beforeAll(async () => {
    server = await SandboxServer.start({ graded: true });
    const { socketPath, learnerPassword, graderPassword } = server.address;
    grader = new Redis({ path: socketPath, username: 'grader', password: graderPassword });
    learner = new Redis({
      path: socketPath,
      username: 'learner',
      password: learnerPassword,
      enableReadyCheck: false,
    });
  });

  afterAll(async () => {
    learner.disconnect();
    grader.disconnect();
    await server.stop();
  });

  // Each would count the grader's MONITOR or a race's connections.
  it.each([['INFO'], ['INFO', 'clients'], ['MEMORY', 'STATS'], ['MEMORY', 'DOCTOR']])(
    'refuses %s %s to code being graded',
    async (...command) => {
      expect(await grader.call('ACL', 'DRYRUN', 'learner', ...command)).toMatch(/no permissions/);
    },
  );

  it('refuses INFO inside a script too, and still answers MEMORY USAGE', async () => {
    await expect(learner.eval("return redis.call('INFO', 'clients')", 0)).rejects.toThrow(
      /can't run this command/,
    );
    await learner.set('thumb:1', 'bytes');
    expect(await learner.memory('USAGE', 'thumb:1')).toBeGreaterThan(0);
  });
});
