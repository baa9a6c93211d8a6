import { connect, createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SandboxServer } from '../redis/sandbox-server.ts';
import { DEFAULT_LIMITS } from '../runner/limits.ts';
import { isRunning } from '../shared/process-running.ts';
import { networkIsolationPrefix } from './network-isolation.ts';
import type { Job } from './protocol.ts';
import { WorkerPool } from './worker-pool.ts';
import { WorkerLostError } from './worker-process.ts';

const CHECKS = new URL('../../exercises/set-and-get/checks.ts', import.meta.url).pathname;

describe('the worker pool', () => {
  let sandbox: SandboxServer;
  let pool: WorkerPool;
  const job = (source: string, checksPath = CHECKS): Job => ({
    type: 'grade',
    job: {
      exerciseId: 'set-and-get',
      checksPath,
      fixturesDir: '/nonexistent/fixtures',
      source,
      file: 'set-and-get.ts',
      sandbox: sandbox.address,
      limits: DEFAULT_LIMITS,
      seed: 1,
    },
  });

  beforeAll(async () => {
    [sandbox, pool] = await Promise.all([SandboxServer.start(), WorkerPool.start(1)]);
  });
  afterAll(async () => {
    await pool.stop();
    await sandbox.stop();
  });

  it('kills a worker that overruns the deadline, then grades the next job on a new one', async () => {
    // The deadline is shorter than the isolate's own timeout, so only the host can stop this run.
    const stuck = pool.run(job('export const main = () => new Promise(() => {});'), 300);
    await expect(stuck).rejects.toThrow(WorkerLostError);
    await expect(stuck).rejects.toThrow('the run made no progress for 300 ms');

    const next = await pool.run(
      job(
        "export async function main(r) { await r.set('weather', 'sunny'); return r.get('weather'); }",
      ),
      10_000,
    );
    expect(next).toMatchObject({
      type: 'graded',
      outcome: { ok: true, result: { result: { status: 'pass' }, sandboxLost: false } },
    });
  });

  it('kills a worker that holds more memory than its ceiling, then grades the next job on a new one', async () => {
    const solution =
      "export async function main(r) { await r.set('weather', 'sunny'); return r.get('weather'); }";
    const restarts = pool.restarts;
    // No worker fits in 1 MB: the ceiling is met at once, whatever the job.
    const over = pool.run(job(solution), 10_000, 1);
    await expect(over).rejects.toThrow(WorkerLostError);
    await expect(over).rejects.toThrow(
      'the grader worker running it used more than 1 MB of memory (worker memory limit)',
    );
    const next = await pool.run(job(solution), 10_000);
    expect(next).toMatchObject({
      type: 'graded',
      outcome: { result: { result: { status: 'pass' } } },
    });
    expect(pool.restarts).toBe(restarts + 1);
  });

  it('replaces a worker that was killed while idle, and grades on the new one', async () => {
    const [victim] = pool.pids;
    process.kill(victim ?? 0, 'SIGKILL');
    await expect.poll(() => pool.pids.includes(victim ?? 0) && isRunning(victim ?? 0)).toBe(false);
    const reply = await pool.run(
      job(
        "export async function main(r) { await r.set('weather', 'sunny'); return r.get('weather'); }",
      ),
      10_000,
    );
    expect(reply).toMatchObject({
      type: 'graded',
      outcome: { ok: true, result: { result: { status: 'pass' }, sandboxLost: false } },
    });
    expect(pool.pids).not.toContain(victim);
  });

  it('reports a broken checks.ts as a content error named by its course path', async () => {
    const reply = await pool.run(
      job('export const main = () => 1;', '/nonexistent/checks.ts'),
      10_000,
    );
    expect(reply).toMatchObject({
      type: 'graded',
      outcome: {
        ok: false,
        error: {
          code: 'broken_content',
          message: expect.stringMatching(/^cannot be loaded/),
          location: { file: 'exercises/set-and-get/checks.ts' },
        },
      },
    });
    expect(JSON.stringify(reply)).not.toContain('/nonexistent');
  });

  // What Grader.networkIsolated says, and `keyspace start` and `worker` warn about when false.
  it('has a network namespace prefix exactly when its workers cannot reach the network', async () => {
    const listener = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const { port } = listener.address() as { port: number };
    try {
      expect(await pool.canReach(port)).toBe(networkIsolationPrefix().length === 0);
    } finally {
      listener.close();
    }
  });

  it.runIf(networkIsolationPrefix().length > 0)(
    'runs workers without a network: a connection to a listener on 127.0.0.1 never arrives',
    async () => {
      let arrived = 0;
      const listener = createServer((socket) => {
        arrived += 1;
        socket.destroy();
      });
      await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
      const { port } = listener.address() as { port: number };
      try {
        expect(await pool.canReach(port)).toBe(false);
        expect(arrived).toBe(0);
        // The control: from outside the namespace the same listener answers.
        await new Promise<void>((resolve, reject) => {
          connect(port, '127.0.0.1').once('connect', resolve).once('error', reject);
        });
        await expect.poll(() => arrived).toBe(1);
      } finally {
        listener.close();
      }
    },
  );
});
