import { execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { findRedisServer } from '../redis/find-redis-server.ts';
import { readSettings } from '../settings/read-settings.ts';
import { commandUsage } from '../settings/usage.ts';

export const DOCTOR_USAGE = commandUsage('doctor', {
  synopsis: ['keyspace doctor'],
  about: `Checks what Keyspace needs from this machine: redis-server (with how to install it when it
is missing), and whether grading workers run without a network. Exits 0 when Keyspace can
run (a worker that can reach the network is a warning), 70 when it cannot.`,
});

/**
 * Checks what Keyspace needs from the machine. A missing redis-server throws with install
 * instructions; a worker that can reach the network is a warning: grading still works, with one
 * layer of isolation fewer.
 */
export async function doctorCommand(argv: string[]): Promise<number> {
  if (readSettings('doctor', argv).help) {
    process.stdout.write(`${DOCTOR_USAGE}\n`);
    return 0;
  }
  const binary = findRedisServer();
  const version = execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim();
  process.stdout.write(`redis-server: ${binary} (${version})\n`);
  process.stdout.write(`grader workers: ${await describeWorkerNetwork()}\n`);
  return 0;
}

async function describeWorkerNetwork(): Promise<string> {
  // The worker pool loads only now: --help answers without it.
  const { WorkerPool } = await import('../worker/worker-pool.ts');
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
