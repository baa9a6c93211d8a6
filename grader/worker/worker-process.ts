import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { WorkerError } from '../errors.ts';
import { inheritedEnvironment } from '../settings/environment.ts';
import { lowPriorityPrefix } from '../shared/low-priority.ts';
import { networkIsolationPrefix } from './network-isolation.ts';
import type { FromWorker, Job, ToWorker } from './protocol.ts';

const ENTRY = fileURLToPath(new URL('./worker-main.ts', import.meta.url));
const TSX = import.meta.resolve('tsx');
const START_TIMEOUT_MS = 20_000;
const KILL_GRACE_MS = 1_000;

/**
 * The most memory (resident) a worker may hold while it runs a job: a few times what a run
 * within its limits needs (an idle worker holds about 110 MB; a run adds its isolate's 64 MB and
 * at most 64 MB of Redis traffic, see RunLimits). Past it the worker is killed and replaced, and
 * the learner told, before the machine runs short for everyone else.
 */
export const WORKER_MEMORY_MB = 512;
const MEMORY_POLL_MS = 50;

export type JobReply = Exclude<FromWorker, { type: 'ready' | 'network-probed' | 'progress' }>;
type Request = ToWorker extends infer T
  ? T extends { id: number }
    ? Omit<T, 'id'>
    : never
  : never;

/** The worker stopped before it replied: it crashed, or it overran its deadline and was killed. */
export class WorkerLostError extends WorkerError {
  override name = 'WorkerLostError';
}

/** One grader worker child process, running one job at a time. */
export class WorkerProcess {
  private nextId = 0;
  private stopping = false;

  private constructor(
    private readonly child: ChildProcess,
    /** The worker's own process, whose memory is watched: `child` may be `unshare` around it. */
    private readonly workerPid: number,
  ) {}

  /** A worker at LOW_PRIORITY with `lowPriority`, for code whose last run hit a limit. */
  static async spawn({ lowPriority = false } = {}): Promise<WorkerProcess> {
    // isolated-vm needs --no-node-snapshot on Node 20 and newer.
    const [command, ...args] = [
      ...networkIsolationPrefix(),
      ...(lowPriority ? await lowPriorityPrefix() : []),
      process.execPath,
      '--no-node-snapshot',
      '--import',
      TSX,
      ENTRY,
    ];
    const child = spawn(command ?? process.execPath, args, {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: workerEnvironment(),
      // Out of the terminal's process group, so that a Ctrl+C lets the grading in hand finish;
      // it exits when its channel to this process closes.
      detached: true,
    });
    // A failed send to a worker that just died arrives here; its 'exit' tells the rest.
    child.on('error', () => {});
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new WorkerError(`grader worker did not start within ${START_TIMEOUT_MS} ms`));
      }, START_TIMEOUT_MS);
      child.once('message', (message: FromWorker) => {
        clearTimeout(timer);
        resolve(
          new WorkerProcess(child, message.type === 'ready' ? message.pid : (child.pid ?? 0)),
        );
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(
          new WorkerError(`grader worker exited while starting (${signal ?? `code ${code}`})`),
        );
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** False from the moment the worker is told to stop, so no job is handed to a dying worker. */
  get alive(): boolean {
    return (
      !this.stopping &&
      this.child.connected &&
      this.child.exitCode === null &&
      this.child.signalCode === null
    );
  }

  /**
   * Runs a job. `stepMs` is how long the worker may go without news (a check starting, or the
   * result), `memoryMb` how much memory it may hold meanwhile; past either the worker is killed
   * and the promise rejects with WorkerLostError.
   */
  run(job: Job, stepMs: number, memoryMb = WORKER_MEMORY_MB): Promise<JobReply> {
    return this.request(job, stepMs, memoryMb) as Promise<JobReply>;
  }

  /** Whether this worker can open a TCP connection to 127.0.0.1:port (it should not). */
  async canReach(port: number): Promise<boolean> {
    const reply = await this.request({ type: 'probe-network', port }, 5_000);
    return reply.type === 'network-probed' && reply.reachable;
  }

  private request(
    request: Request,
    stepMs: number,
    memoryMb = WORKER_MEMORY_MB,
  ): Promise<Exclude<FromWorker, { type: 'ready' | 'progress' }>> {
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      if (!this.alive) {
        reject(new WorkerLostError('the grader worker had stopped before the run began'));
        return;
      }
      let timer: NodeJS.Timeout | undefined;
      const armDeadline = () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          cleanup();
          void this.stop();
          reject(new WorkerLostError(`the run made no progress for ${stepMs} ms`));
        }, stepMs);
      };
      const overCeiling = () => {
        const mb = residentMb(this.workerPid);
        if (mb === undefined || mb <= memoryMb) return;
        cleanup();
        this.stopping = true;
        killQuietly(this.workerPid);
        this.child.kill('SIGKILL');
        reject(
          new WorkerLostError(
            `the grader worker running it used more than ${memoryMb} MB of memory (worker memory limit)`,
          ),
        );
      };
      const watchdog = setInterval(overCeiling, MEMORY_POLL_MS);
      const cleanup = () => {
        clearTimeout(timer);
        clearInterval(watchdog);
        this.child.off('message', onMessage);
        this.child.off('exit', onExit);
      };
      const onMessage = (message: FromWorker) => {
        if (message.type === 'ready' || message.id !== id) return;
        if (message.type === 'progress') {
          armDeadline();
          return;
        }
        cleanup();
        resolve(message);
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
        cleanup();
        reject(new WorkerLostError(`the grader worker stopped (${signal ?? `exit code ${code}`})`));
      };
      armDeadline();
      this.child.on('message', onMessage);
      this.child.on('exit', onExit);
      this.child.send({ ...request, id } as ToWorker);
      // At once too: a job may end before the first look.
      overCeiling();
    });
  }

  /** SIGTERM, then SIGKILL if the worker is still there after a grace period. */
  async stop(): Promise<void> {
    if (!this.alive) return;
    this.stopping = true;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    const killer = setTimeout(() => this.child.kill('SIGKILL'), KILL_GRACE_MS);
    await exited;
    clearTimeout(killer);
  }
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Gone already.
  }
}

/**
 * A process's resident memory in MB, from Linux's /proc; undefined where there is none to read
 * (another platform, or the process is gone), and then no ceiling is enforced.
 */
function residentMb(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const kb = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? undefined : Number(kb) / 1024;
  } catch {
    return undefined;
  }
}

/**
 * The time zone learner code runs in: not UTC, which servers mostly keep and learners' machines
 * mostly do not, so that code that reads the local time where it means an instant (a
 * `getHours()`, a `Date` printed and parsed back) answers wrong here as it would for most of its
 * users. Half an hour off, so that rounding to whole hours shows too; no summer time, so that a
 * grading's verdict does not move with the date.
 */
export const LEARNER_TIME_ZONE = 'Asia/Kolkata';

/**
 * The environment a worker gets: this process's, without the app's settings, in the learner's
 * time zone. Learner code runs in it (in an isolate, without Node's APIs); should it ever get
 * out, it finds no Redis address, password or secret there.
 */
function workerEnvironment(): NodeJS.ProcessEnv {
  return {
    ...Object.fromEntries(
      Object.entries(inheritedEnvironment()).filter(
        ([name]) => name !== 'REDIS_URL' && !name.startsWith('KEYSPACE_'),
      ),
    ),
    TZ: LEARNER_TIME_ZONE,
  };
}
