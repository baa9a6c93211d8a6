import { execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { findRedisServer } from '../redis/find-redis-server.ts';
import { WorkerPool } from '../worker/worker-pool.ts';

/**
 * Checks what Keyspace needs from the machine. A missing redis-server throws with install
 * instructions; a worker that can reach the network is a warning: grading still works, with one
 * layer of isolation fewer.
 */
export async function doctorCommand(): Promise<number> {
  const binary = findRedisServer();
  const version = execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim();
  process.stdout.write(`redis-server: ${binary} (${version})\n`);
  process.stdout.write(`grader workers: ${await describeWorkerNetwork()}\n`);
  return 0;
}

async function describeWorkerNetwork(): Promise<string> {
  const listener = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const pool = await WorkerPool.start(1);
  try {
    const { port } = listener.address() as { port: number };
    return (await pool.canReach(port))
      ? 'WARNING: they can reach the network (this kernel or user cannot create a network namespace)'
      : 'no network (each runs in a network namespace of its own)';
  } finally {
    await pool.stop();
    listener.close();
  }
}
