import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RedisServerStartError } from '../errors.ts';
import { DEFAULT_LIMITS } from '../runner/limits.ts';
import { isExecutable } from '../shared/is-executable.ts';
import { lowerPriority, lowPriorityPrefix } from '../shared/low-priority.ts';
import { findRedisServer } from './find-redis-server.ts';
import { makeOwnedTempDir } from './owned-temp-dir.ts';
import { type SandboxCredentials, sandboxAclLines } from './sandbox-acl.ts';
import { spawnTied } from './spawn-tied.ts';
import { waitForPing } from './wait-for-ping.ts';

/** How to reach a sandbox: a Unix socket and two users. Plain data, so it can cross to a worker. */
export interface SandboxAddress extends SandboxCredentials {
  socketPath: string;
}

const START_TIMEOUT_MS = 10_000;
const STOP_GRACE_MS = 2_000;

/**
 * A throwaway redis-server reached only through a Unix socket in a private directory:
 * no TCP port, no persistence, a memory cap, and ACL users (see sandbox-acl.ts).
 */
export class SandboxServer {
  private pausedNow = false;

  private constructor(
    readonly address: SandboxAddress,
    private readonly dir: string,
    private readonly process: ChildProcess,
  ) {}

  /**
   * With `lowPriority`, the server runs LOW_PRIORITY below the app, all its threads; `graded`, for
   * gradings, denies learner code what would tell it that it is watched (see sandbox-acl.ts).
   */
  static async start({ lowPriority = false, graded = false } = {}): Promise<SandboxServer> {
    const binary = findRedisServer();
    // Mode 0700: only this user can reach the socket.
    const dir = await makeOwnedTempDir('keyspace-sandbox-');
    const address: SandboxAddress = {
      socketPath: join(dir, 'redis.sock'),
      graderPassword: randomBytes(18).toString('base64url'),
      learnerPassword: randomBytes(18).toString('base64url'),
    };
    const config = [
      'port 0',
      `unixsocket ${address.socketPath}`,
      'unixsocketperm 700',
      `dir ${dir}`,
      'save ""',
      'appendonly no',
      // Each run sets its own limits (CONFIG SET); until then, the defaults.
      `maxmemory ${DEFAULT_LIMITS.redisMemoryMb * 1024 * 1024}`,
      'maxmemory-policy noeviction',
      // A learner's endless Lua script must not hold the sandbox: after this many ms other
      // clients get BUSY and the grader can SCRIPT KILL it.
      'busy-reply-threshold 100',
      // RESTORE checks a payload whole before loading it: a crafted one must not crash the server.
      'sanitize-dump-payload yes',
      `proto-max-bulk-len ${DEFAULT_LIMITS.maxValueMb * 1024 * 1024}`,
      'databases 16',
      // Keyspace notifications on (a stock Redis has them off), so that the pub/sub lesson can
      // show them: learners may not CONFIG SET. Each write then publishes two events, which
      // cost little when nobody listens.
      'notify-keyspace-events KEA',
      'loglevel warning',
      'logfile ""',
      ...sandboxAclLines(address, graded),
    ];
    const configPath = join(dir, 'redis.conf');
    await writeFile(configPath, `${config.join('\n')}\n`, { mode: 0o600 });
    // loglevel warning hides the readiness line, so readiness is seen by PING over the socket.
    const child = spawnTied(...(await withAddressSpaceLimit(binary, configPath, lowPriority)), {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const server = new SandboxServer(address, dir, child);
    await server.waitUntilReady();
    return server;
  }

  private async waitUntilReady(): Promise<void> {
    let stderr = '';
    this.process.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<never>((_, reject) => {
      this.process.once('exit', (code) =>
        reject(
          new RedisServerStartError(`redis-server exited with code ${code}: ${stderr.trim()}`),
        ),
      );
      this.process.once('error', (error) => reject(new RedisServerStartError(error.message)));
    });
    // Only the race below listens; an exit long after start must not become an unhandled rejection.
    exited.catch(() => {});
    const probe = waitForPing(
      {
        path: this.address.socketPath,
        username: 'grader',
        password: this.address.graderPassword,
      },
      { timeoutMs: START_TIMEOUT_MS, everyMs: 10 },
    ).catch((error: Error) => {
      throw new RedisServerStartError(
        `redis-server did not start within ${START_TIMEOUT_MS} ms: ${error.message}`,
      );
    });
    try {
      await Promise.race([probe, exited]);
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  /**
   * Runs the server at LOW_PRIORITY from now on, for good: its learner's code hit a limit, and
   * what it makes Redis compute must not slow anyone else.
   */
  lowerPriority(): Promise<void> {
    // spawnTied's setpriv and prlimit exec the server in their own process: this pid is it.
    return lowerPriority(this.process.pid);
  }

  /**
   * Stops the server's process until `resume`. An idle redis-server still wakes `hz` times a
   * second (10, the default, which blocking commands' timeouts and expiry events keep to): 100
   * idle ones took 0.055–0.073 of a core on a 2-core Xeon, and a class holds hundreds. Nothing can
   * reach a paused server, so whoever lends it resumes it first; keys' TTLs count on meanwhile,
   * as Redis reads the clock when it wakes.
   */
  pause(): void {
    if (this.pausedNow || !this.alive) return;
    this.process.kill('SIGSTOP');
    this.pausedNow = true;
  }

  /** Lets a paused server run again: a single signal, no round trip. */
  resume(): void {
    if (!this.pausedNow) return;
    this.pausedNow = false;
    if (this.alive) this.process.kill('SIGCONT');
  }

  get paused(): boolean {
    return this.pausedNow;
  }

  /** False once the server has exited, e.g. shut down because a learner's script wedged it. */
  get alive(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  /**
   * SIGTERM, then SIGKILL if Redis is still there after a grace period (a busy script). A server
   * known to be wedged is given no grace: it would not see SIGTERM until its command ends.
   */
  async stop(graceMs = STOP_GRACE_MS): Promise<void> {
    if (this.alive) {
      const exited = new Promise((resolve) => this.process.once('exit', resolve));
      this.process.kill(graceMs > 0 ? 'SIGTERM' : 'SIGKILL');
      // A stopped process takes SIGTERM only once it runs again.
      this.resume();
      const killer = setTimeout(() => this.process.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(killer);
    }
    await rm(this.dir, { recursive: true, force: true });
  }
}

const PRLIMIT = '/usr/bin/prlimit';
const hasPrlimit = isExecutable(PRLIMIT);

/**
 * The most virtual memory a sandbox redis-server may map. maxmemory bounds the data, not what a
 * Lua script allocates: `string.rep('x', 400 * 2^20)` took one to 1.1 GB. Under this limit such
 * a script fails with "not enough memory" and the server goes on. An idle one maps about 60 MB;
 * the data (64 MB by default), values of 16 MB and their buffers fit many times over.
 */
export const SANDBOX_ADDRESS_SPACE_MB = 768;

/**
 * redis-server under prlimit's address-space limit, where util-linux has it (Linux), and with
 * `lowPriority` at low priority (see lowPriorityPrefix).
 */
async function withAddressSpaceLimit(
  binary: string,
  configPath: string,
  lowPriority: boolean,
): Promise<[string, string[]]> {
  const [command = binary, ...args] = [
    ...(lowPriority ? await lowPriorityPrefix() : []),
    binary,
    configPath,
  ];
  if (!hasPrlimit) return [command, args];
  return [PRLIMIT, [`--as=${SANDBOX_ADDRESS_SPACE_MB * 1024 * 1024}`, '--', command, ...args]];
}
