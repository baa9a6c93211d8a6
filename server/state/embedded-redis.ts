import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { findRedisServer, makeOwnedTempDir, spawnTied, waitForPing } from '../../grader/index.ts';

const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;
const RESTART_DELAYS_MS = [100, 500, 1_000, 2_000, 5_000];

/** Written by redis-server into the data directory: whoever holds it owns the directory. */
export const PID_FILE = 'redis.pid';

/**
 * The app's own redis-server, keeping its data in `dataDir` as an append-only file that is
 * fsynced before every reply (`appendfsync always`): a write the app has acknowledged to a
 * learner is on disk. Reached by a Unix socket in a private directory. Supervised: if it dies,
 * it is started again on the same data, and clients reconnect.
 */
export class EmbeddedRedis {
  private process: ChildProcess | undefined;
  private stopping = false;
  private restarts = 0;
  private restartTimer: NodeJS.Timeout | undefined;

  private constructor(
    readonly dataDir: string,
    readonly socketPath: string,
    private readonly configPath: string,
    private readonly socketDir: string,
    private readonly log: Logger,
  ) {}

  static async start(dataDir: string, log: Logger): Promise<EmbeddedRedis> {
    const binary = findRedisServer();
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    await refuseIfOthersCanRead(dataDir);
    refuseIfInUse(dataDir);
    // A socket path must stay short (108 bytes), so it lives in tmp, not in the data directory.
    const socketDir = await makeOwnedTempDir('keyspace-state-');
    const socketPath = join(socketDir, 'redis.sock');
    const config = [
      'port 0',
      `unixsocket ${socketPath}`,
      'unixsocketperm 700',
      `dir ${dataDir}`,
      `pidfile ${join(dataDir, PID_FILE)}`,
      'appendonly yes',
      'appendfsync always',
      // The append-only file is the only copy; no snapshots on top.
      'save ""',
      // A crash can cut the file's last command short: load what is whole rather than refuse.
      'aof-load-truncated yes',
      'loglevel warning',
      'logfile ""',
    ];
    const configPath = join(socketDir, 'redis.conf');
    await writeFile(configPath, `${config.join('\n')}\n`, { mode: 0o600 });
    const redis = new EmbeddedRedis(dataDir, socketPath, configPath, socketDir, log);
    await redis.launch(binary);
    return redis;
  }

  get pid(): number | undefined {
    return this.process?.pid;
  }

  /** Stops redis-server with SIGTERM, which makes it flush and fsync the file before it exits. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    const child = this.process;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
    await rm(this.socketDir, { recursive: true, force: true });
  }

  private async launch(binary: string): Promise<void> {
    // `logfile ""` logs to standard output: why it stopped is there, not on standard error.
    // umask 077: the append-only files it writes are this user's alone (0600).
    const child = spawnTied(
      '/bin/sh',
      ['-c', 'umask 077 && exec "$0" "$@"', binary, this.configPath],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.process = child;
    let stderr = '';
    const keep = (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const exited = new Promise<never>((_, reject) => {
      child.once('exit', (code, signal) =>
        reject(
          new Error(
            `the app's redis-server stopped (${signal ?? `exit code ${code}`}) while starting on ${this.dataDir}: ${reasonIn(stderr)}${repairAdvice(stderr, this.dataDir)}`,
          ),
        ),
      );
    });
    exited.catch(() => {});
    try {
      await Promise.race([waitForPong(this.socketPath), exited]);
    } catch (error) {
      // One that never answered must not stay beside the next, on the same file.
      if (child.exitCode === null && child.signalCode === null) {
        const gone = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGKILL');
        await gone;
      }
      throw error;
    }
    child.once('exit', (code, signal) => {
      if (this.stopping) return;
      this.log.error(
        { code, signal, stderr: stderr.trim() },
        "the app's redis-server stopped; starting it again",
      );
      void this.restart(binary);
    });
  }

  private async restart(binary: string): Promise<void> {
    const delay = RESTART_DELAYS_MS[Math.min(this.restarts, RESTART_DELAYS_MS.length - 1)];
    this.restarts += 1;
    await new Promise((resolve) => {
      this.restartTimer = setTimeout(resolve, delay);
    });
    if (this.stopping) return;
    try {
      await this.launch(binary);
      this.restarts = 0;
      this.log.info({ pid: this.pid }, "the app's redis-server is back");
    } catch (error) {
      if (this.stopping) return;
      this.log.error({ err: error }, "the app's redis-server could not be started again");
      void this.restart(binary);
    }
  }
}

/** Two servers writing one append-only file would corrupt it. */
function refuseIfInUse(dataDir: string): void {
  const pidFile = join(dataDir, PID_FILE);
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 0);
  } catch {
    return; // Left by a server that crashed: the process is gone.
  }
  if (!isRedisServer(pid)) return;
  throw new Error(
    `another Keyspace is using the data directory ${dataDir} (its redis-server is process ${pid}): stop it, or pass another --data-dir`,
  );
}

function isRedisServer(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('redis-server');
  } catch {
    return true; // No /proc to tell: assume it is.
  }
}

/** Ready when it answers PING, which it does only once the append-only file is loaded. */
async function waitForPong(socketPath: string): Promise<void> {
  await waitForPing({ path: socketPath }, { timeoutMs: START_TIMEOUT_MS, everyMs: 50 }).catch(
    (error: Error) => {
      throw new Error(
        `the app's redis-server did not answer within ${START_TIMEOUT_MS / 1000} s: ${error.message}`,
      );
    },
  );
}

/**
 * The data directory holds every learner's code and progress (and, embedded, the cookie-signing
 * secret beside them): a directory other users of the machine can read or enter is refused.
 */
async function refuseIfOthersCanRead(dataDir: string): Promise<void> {
  const { mode } = await stat(dataDir);
  if ((mode & 0o077) === 0) return;
  throw new Error(
    `the data directory ${dataDir} is open to other users of this machine (mode ${(mode & 0o777).toString(8)}), and it holds every learner's code and the secret that signs their cookies: run \`chmod 700 ${dataDir}\`, or start with another --data-dir`,
  );
}

/** redis-server's own words from its log, without pid and time: the last line, which says why. */
function reasonIn(log: string): string {
  const lines = log
    .split('\n')
    .map((line) => line.replace(/^\d+:[A-Z] \d+ \w+ \d+ [\d:.]+ [*#.-] /, '').trim())
    .filter(Boolean);
  return lines.at(-1) ?? 'it said nothing';
}

/** What to do when the append-only file is damaged: redis-check-aof repairs it. */
function repairAdvice(log: string, dataDir: string): string {
  if (!/append ?only|\baof\b/i.test(log)) return '';
  return `. The append-only file in ${join(dataDir, 'appendonlydir')} is damaged: copy the directory somewhere safe, then repair it with \`redis-check-aof --fix ${join(dataDir, 'appendonlydir', '<name>.manifest')}\` (it cuts the file at the first bad command) and start again`;
}
