import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';

const BIN = new URL('../../bin/keyspace.js', import.meta.url).pathname;

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything it printed, stdout then stderr interleaved as it came. */
  output: () => string;
  exited: Promise<number | null>;
}

/**
 * `keyspace start` as an operator runs it, on a free port, keeping its state in `dataDir`, with
 * any other options in `args`.
 */
export async function startServerProcess(
  dataDir: string,
  args: string[] = [],
): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    [BIN, 'start', '--port', '0', '--data-dir', dataDir, ...args],
    {
      env: { ...process.env, LOG_LEVEL: 'info', REDIS_URL: '', KEYSPACE_SECRET: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let printed = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    printed += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    printed += chunk.toString();
  });
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const url = await new Promise<string>((resolve, reject) => {
    const started = setInterval(() => {
      const match = /open (http:\/\/localhost:\d+)\//.exec(printed);
      if (match?.[1]) {
        clearInterval(started);
        resolve(match[1].replace('localhost', '127.0.0.1'));
      }
    }, 50);
    void exited.then((code) => {
      clearInterval(started);
      reject(new Error(`keyspace start exited with ${code} before listening:\n${printed}`));
    });
  });
  return { url, child, output: () => printed, exited };
}
