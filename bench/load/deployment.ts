import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, startRedisOnPort } from '../../server/test/redis-on-port.ts';
import { spawnKeyspace, startServerProcess } from '../../server/test/server-process.ts';

export type Mode = 'inline' | 'queue';

/** A running Keyspace to load: the app, and in queue mode its Redis and workers. */
export interface Deployment {
  mode: Mode;
  url: string;
  /** The processes whose CPU is measured, by name (each with its descendants). */
  pids: () => Record<string, number | undefined>;
  /** What each process printed, by name. */
  outputs: () => Record<string, string>;
}

/** How long a process may take to stop cleanly (the app drains its requests) before SIGKILL. */
const STOP_MS = 30_000;

const running = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

async function stopProcess(child: ChildProcess) {
  if (!running(child)) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  // Unref'd: a process that stops in time leaves no timer keeping the benchmark alive.
  const late = sleep(STOP_MS, false, { ref: false });
  const stopped = await Promise.race([exited.then(() => true), late]);
  if (!stopped && running(child)) {
    child.kill('SIGKILL');
    await exited;
  }
}

/**
 * Everything a run started, stopped in the reverse order: workers before the app, the app (which
 * stops its sandboxes and embedded Redis) before its data folder goes and the queue's Redis stops.
 */
export class Started {
  private readonly stops: (() => Promise<unknown>)[] = [];

  process(child: ChildProcess) {
    this.stops.push(() => stopProcess(child));
  }

  folder(path: string) {
    this.stops.push(() => rm(path, { recursive: true, force: true }));
  }

  async stopAll() {
    for (const stop of this.stops.splice(0).reverse()) await stop();
  }
}

/** The app's settings for hundreds of learners from one machine, in both modes. */
function appEnvironment(consoles: number): Record<string, string> {
  return {
    // Every learner's console is a sandbox redis-server; the default (50) is for a small class.
    KEYSPACE_CONSOLES: String(consoles),
    // The learners' X-Forwarded-For is believed from loopback, so each has an address of its own.
    TRUST_PROXY: 'loopback',
    // Unset: the app's own default, not the two gradings at once a test is given.
    KEYSPACE_WORKER_CONCURRENCY: process.env.KEYSPACE_WORKER_CONCURRENCY ?? '',
  };
}

/** `keyspace start` as it comes: embedded Redis, gradings in the app's own worker processes. */
export async function startInline(started: Started, consoles: number): Promise<Deployment> {
  const dataDir = await mkdtemp(join(tmpdir(), 'keyspace-load-'));
  started.folder(dataDir);
  const app = await startServerProcess(dataDir, [], appEnvironment(consoles));
  started.process(app.child);
  return {
    mode: 'inline',
    url: app.url,
    pids: () => ({ app: app.child.pid }),
    outputs: () => ({ app: app.output() }),
  };
}

/** One app with KEYSPACE_GRADING=queue, a plain redis-server, and `workers` keyspace workers. */
export async function startQueue(
  started: Started,
  consoles: number,
  workers: number,
  concurrency: number,
): Promise<Deployment> {
  const port = await freePort();
  const redis = await startRedisOnPort(port);
  started.process(redis);
  const redisUrl = `redis://127.0.0.1:${port}`;
  const dataDir = await mkdtemp(join(tmpdir(), 'keyspace-load-'));
  started.folder(dataDir);
  const app = await startServerProcess(dataDir, [], {
    ...appEnvironment(consoles),
    REDIS_URL: redisUrl,
    KEYSPACE_GRADING: 'queue',
  });
  started.process(app.child);
  const spawned = Array.from({ length: workers }, () => {
    const worker = spawnKeyspace(['worker', '--concurrency', String(concurrency)], {
      REDIS_URL: redisUrl,
    });
    started.process(worker.child);
    return worker;
  });
  for (const worker of spawned) {
    for (
      const deadline = Date.now() + 60_000;
      !worker.output().includes('waiting for grading jobs');
      await sleep(50)
    ) {
      if (Date.now() > deadline || !running(worker.child)) {
        throw new Error(`keyspace worker did not start:\n${worker.output()}`);
      }
    }
  }
  return {
    mode: 'queue',
    url: app.url,
    pids: () => ({
      app: app.child.pid,
      ...Object.fromEntries(spawned.map((worker, i) => [`worker ${i + 1}`, worker.child.pid])),
      'queue redis': redis.pid,
    }),
    outputs: () => ({
      app: app.output(),
      ...Object.fromEntries(spawned.map((worker, i) => [`worker-${i + 1}`, worker.output()])),
    }),
  };
}
