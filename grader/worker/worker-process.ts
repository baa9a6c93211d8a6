import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { WorkerError } from '../errors.ts';
import type { GradeJob } from '../runner/run-submission.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

const ENTRY = fileURLToPath(new URL('./worker-main.ts', import.meta.url));
const TSX = import.meta.resolve('tsx');
const START_TIMEOUT_MS = 20_000;
const KILL_GRACE_MS = 1_000;

export type JobReply = Exclude<FromWorker, { type: 'ready' }>;

/** The worker stopped before it replied: it crashed, or it overran its deadline and was killed. */
export class WorkerLostError extends WorkerError {
  override name = 'WorkerLostError';
}

/** One grader worker child process, running one job at a time. */
export class WorkerProcess {
  private nextId = 0;
  private stopping = false;

  private constructor(private readonly child: ChildProcess) {}

  static spawn(): Promise<WorkerProcess> {
    const child = fork(ENTRY, [], {
      execArgv: ['--no-node-snapshot', '--import', TSX],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new WorkerError(`grader worker did not start within ${START_TIMEOUT_MS} ms`));
      }, START_TIMEOUT_MS);
      child.once('message', () => {
        clearTimeout(timer);
        resolve(new WorkerProcess(child));
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(
          new WorkerError(`grader worker exited while starting (${signal ?? `code ${code}`})`),
        );
      });
    });
  }

  /** False from the moment the worker is told to stop, so no job is handed to a dying worker. */
  get alive(): boolean {
    return !this.stopping && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Runs a job; past `deadlineMs` the worker is killed and the promise rejects with WorkerLostError. */
  run(job: GradeJob, deadlineMs: number): Promise<JobReply> {
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      const cleanup = () => {
        clearTimeout(timer);
        this.child.off('message', onMessage);
        this.child.off('exit', onExit);
      };
      const onMessage = (message: FromWorker) => {
        if (message.type === 'ready' || message.id !== id) return;
        cleanup();
        resolve(message);
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
        cleanup();
        reject(new WorkerLostError(`the grader worker stopped (${signal ?? `exit code ${code}`})`));
      };
      const timer = setTimeout(() => {
        cleanup();
        void this.stop();
        reject(new WorkerLostError(`the run did not finish within ${deadlineMs} ms`));
      }, deadlineMs);
      this.child.on('message', onMessage);
      this.child.on('exit', onExit);
      this.child.send({ type: 'grade', id, job } satisfies ToWorker);
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
