import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';

const BIN = new URL('../../bin/keyspace.js', import.meta.url).pathname;
/**
 * How long a server may take to print its address: starting its Redis and workers and rendering
 * the course take seconds on a loaded machine. Past it, the server is killed and its output told,
 * rather than a test or a bench waiting on it for good.
 */
const LISTEN_TIMEOUT_MS = 120_000;

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything it printed, stdout then stderr interleaved as it came. */
  output: () => string;
  exited: Promise<number | null>;
}

/**
 * `keyspace start` as an operator runs it, on a free port, keeping its state in `dataDir`, with
 * any other options in `args` and settings in `env`.
 */
export async function startServerProcess(
  dataDir: string,
  args: string[] = [],
  env: Record<string, string> = {},
  options: SpawnOptions = {},
): Promise<ServerProcess> {
  const { child, output, exited } = spawnKeyspace(
    ['start', '--port', '0', '--data-dir', dataDir, ...args],
    env,
    options,
  );
  const url = await new Promise<string>((resolve, reject) => {
    const stopWatching = () => {
      clearInterval(started);
      clearTimeout(tooLate);
    };
    const started = setInterval(() => {
      const match = /open (http:\/\/localhost:\d+)\//.exec(output());
      if (match?.[1]) {
        stopWatching();
        resolve(match[1].replace('localhost', '127.0.0.1'));
      }
    }, 50);
    const tooLate = setTimeout(() => {
      stopWatching();
      child.kill('SIGKILL');
      reject(
        new Error(`keyspace start printed no address within ${LISTEN_TIMEOUT_MS} ms:\n${output()}`),
      );
    }, LISTEN_TIMEOUT_MS);
    void exited.then((code) => {
      stopWatching();
      reject(new Error(`keyspace start exited with ${code} before listening:\n${output()}`));
    });
  });
  return { url, child, output, exited };
}

export interface SpawnOptions {
  /**
   * Leads a process group of its own, as a terminal's foreground job does: signalling the group
   * (`process.kill(-pid, 'SIGINT')`) is then what a Ctrl+C in that terminal does.
   */
  processGroup?: boolean;
}

/**
 * `keyspace <command>` in a process of its own, its output gathered. The environment is this
 * one's, without the app's settings unless `env` gives them.
 */
export function spawnKeyspace(
  args: string[],
  env: Record<string, string> = {},
  options: SpawnOptions = {},
): Omit<ServerProcess, 'url'> {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: {
      ...process.env,
      LOG_LEVEL: 'info',
      REDIS_URL: '',
      KEYSPACE_SECRET: '',
      KEYSPACE_GRADING: '',
      // Two gradings at once are plenty for a test, and start faster than the default's eight
      // worker processes on two cores.
      KEYSPACE_WORKER_CONCURRENCY: '2',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.processGroup ?? false,
  });
  let printed = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    printed += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    printed += chunk.toString();
  });
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return { child, output: () => printed, exited };
}
