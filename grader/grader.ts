import { freshSeed } from './checks/random.ts';
import { DEFAULT_COURSE_DIR } from './content/default-course.ts';
import { type Exercise, loadExercise } from './content/exercise.ts';
import { GraderError } from './errors.ts';
import { resultOf } from './outcome.ts';
import { SandboxPool } from './redis/sandbox-pool.ts';
import type { SandboxAddress } from './redis/sandbox-server.ts';
import { errorResult, type GradeResult } from './result/grade-result.ts';
import { DEFAULT_LIMITS, type RunLimits } from './runner/limits.ts';
import type { RunOnceResult } from './runner/run-once.ts';
import type { GradeStop } from './runner/run-submission.ts';
import { type GraderLog, stderrLog } from './shared/grader-log.ts';
import { networkIsolationPrefix } from './worker/network-isolation.ts';
import { WorkerPool } from './worker/worker-pool.ts';
import type { JobReply } from './worker/worker-process.ts';
import { WORKER_MEMORY_MB, WorkerLostError } from './worker/worker-process.ts';

export { DEFAULT_COURSE_DIR };

const STEP_MARGIN_MS = 5_000;

/** What a grader holds now, for metrics. */
export interface GraderStats {
  /** Gradings waiting for a free sandbox and worker. */
  waiting: number;
  /** Gradings being run. */
  running: number;
  /** Grading sandboxes (redis-servers) alive. */
  sandboxes: number;
  /** Worker processes that died (crash, kill, a limit) and were replaced, since start. */
  workerRestarts: number;
}

export interface GraderOptions {
  courseDir?: string;
  /** Worker processes, each with its own sandbox redis-server. */
  concurrency?: number;
  limits?: RunLimits;
  /** The memory a worker may hold while it runs a job (see WORKER_MEMORY_MB). */
  workerMemoryMb?: number;
  /** Where a lost worker or a sandbox that cannot start again is told (standard error by default). */
  log?: GraderLog;
}

export interface GradeOptions {
  /** Seeds the checks' random data (see `MAX_SEED`); a fresh seed by default. */
  seed?: number;
  /**
   * The learner's name for the file (`alice/set-and-get.ts`), named by every message and
   * location; by default the exercise's (`set-and-get.ts`), as in the browser's editor. A name,
   * never a host path.
   */
  file?: string;
  /**
   * Runs the grading in the low-priority lane (a worker and a sandbox at LOW_PRIORITY), for
   * code whose last run hit a limit.
   */
  lowPriority?: boolean;
  /** For `verify`: the checks it may leave out (see GradeStop). */
  stop?: GradeStop;
}

/** A grading and the seed of its random data: grading again with that seed replays the data. */
export interface SeededGrade {
  result: GradeResult;
  seed: number;
}

/**
 * The grader's one entry point: grade(exercise, source) → GradeResult. Learner code runs in
 * worker processes, each run against its own sandbox; this object only routes and enforces time.
 */
export class Grader {
  private readonly exercises = new Map<string, Promise<Exercise>>();
  private edition = 0;
  private waiting = 0;
  private running = 0;
  /** Jobs at once in the low-priority lane: its worker processes. */
  readonly lowPriorityConcurrency = LOW_PRIORITY_LANE_SIZE;
  /** The low-priority lane, started on its first job. */
  private lowLane: Promise<Lane> | undefined;
  /** The lane once started, for the figures of `stats`. */
  private lowLaneStarted: Lane | undefined;
  private stopped = false;

  private constructor(
    readonly courseDir: string,
    private readonly limits: RunLimits,
    private readonly sandboxes: SandboxPool,
    private readonly workers: WorkerPool,
    private readonly workerMemoryMb: number,
    /** Gradings and Runs at once: the worker processes. */
    readonly concurrency: number,
    private readonly log: GraderLog,
  ) {}

  static async start(options: GraderOptions = {}): Promise<Grader> {
    const concurrency = options.concurrency ?? 1;
    const log = options.log ?? stderrLog;
    const { sandboxes, workers } = await startLane(concurrency, { lowPriority: false, log });
    return new Grader(
      options.courseDir ?? DEFAULT_COURSE_DIR,
      options.limits ?? DEFAULT_LIMITS,
      sandboxes,
      workers,
      options.workerMemoryMb ?? WORKER_MEMORY_MB,
      concurrency,
      log,
    );
  }

  /**
   * Whether its workers run in network namespaces of their own. Without one, learner code has
   * one layer of isolation fewer: only its isolate stands between it and the network.
   */
  get networkIsolated(): boolean {
    return networkIsolationPrefix().length > 0;
  }

  /**
   * How many times the course was reloaded (`reloadExercises`): what was read of its files before
   * is stale once this changes.
   */
  get courseEdition(): number {
    return this.edition;
  }

  /**
   * The exercise as its files said when first asked for since the course's last reload: read once
   * per grader, as each worker imports its checks once, so that a grading, a Run or a page costs
   * no file reads. One that fails to load is read afresh next time.
   */
  exercise(id: string): Promise<Exercise> {
    let loaded = this.exercises.get(id);
    if (!loaded) {
      loaded = loadExercise(this.courseDir, id);
      this.exercises.set(id, loaded);
      loaded.catch(() => {
        // Unless the preview has made the grader forget it and read it again meanwhile.
        if (this.exercises.get(id) === loaded) this.exercises.delete(id);
      });
    }
    return loaded;
  }

  /** Throws UnknownExerciseError or ContentError unless the exercise can be graded, as grade would. */
  async checkGradable(id: string): Promise<void> {
    await this.exercise(id);
  }

  /**
   * Grades with the course's files as they are now: exercises are read afresh at their next
   * grading, and each worker is replaced before its next job, since a process imports a module
   * (checks.ts, and any helper it imports) only once. The live preview calls it on each save.
   */
  reloadExercises(): void {
    this.edition += 1;
    this.exercises.clear();
    this.workers.renew();
    this.lowLaneStarted?.workers.renew();
  }

  /** Throws UnknownExerciseError or ContentError for a bad exercise; the learner's faults are data. */
  async grade(exerciseId: string, source: string, options?: GradeOptions): Promise<GradeResult> {
    return (await this.gradeSeeded(exerciseId, source, options)).result;
  }

  /** As grade, telling the seed too: what `verify` prints beside a failing run, to replay it. */
  async gradeSeeded(
    exerciseId: string,
    source: string,
    {
      seed = freshSeed(),
      file = learnerFile(exerciseId),
      lowPriority = false,
      stop,
    }: GradeOptions = {},
  ): Promise<SeededGrade> {
    const exercise = await this.exercise(exerciseId);
    const limits: RunLimits = { ...this.limits, ...exercise.limits };
    const started = performance.now();
    this.waiting++;
    const { sandboxes, workers } = await this.lane(lowPriority).catch((error) => {
      this.waiting--;
      throw error;
    });
    const sandbox = await sandboxes.acquire().finally(() => this.waiting--);
    this.running++;
    let sandboxLost = false;
    try {
      const reply = await workers.run(
        {
          type: 'grade',
          job: {
            exerciseId,
            checksPath: exercise.checksPath,
            fixturesDir: exercise.fixturesDir,
            source,
            file,
            sandbox: sandbox.address,
            limits,
            seed,
            ...(stop && { stop }),
          },
        },
        this.stepMs(limits),
        this.workerMemoryMb,
      );
      if (reply.type === 'graded') {
        const graded = resultOf(reply.outcome);
        sandboxLost = graded.sandboxLost;
        return { result: graded.result, seed };
      }
      throw replyError(reply);
    } catch (error) {
      if (!(error instanceof WorkerLostError)) throw error;
      // Killed mid-check, the worker may have left the sandbox as no check would: a script still
      // running, a CLIENT PAUSE, an ACL a check changed and meant to put back. It is not lent again.
      sandboxLost = true;
      const ms = Math.round(performance.now() - started);
      return {
        result: errorResult(exerciseId, `your code was stopped: ${error.message}`, ms),
        seed,
      };
    } finally {
      this.running--;
      sandboxes.release(sandbox, { lost: sandboxLost });
    }
  }

  /**
   * Runs a submission once, without checks, in the learner's own sandbox (a console's): the calls
   * of the exercise's `run:` scenario, what they returned and printed. Its keys stay there.
   */
  async runOnce(
    exerciseId: string,
    source: string,
    sandbox: SandboxAddress,
    {
      lowPriority = false,
      args,
    }: {
      lowPriority?: boolean;
      /** The learner's own arguments, one list per call of `run:`, in place of the exercise's. */
      args?: unknown[][];
    } = {},
  ): Promise<RunOnceResult> {
    const exercise = await this.exercise(exerciseId);
    const limits: RunLimits = { ...this.limits, ...exercise.limits };
    const started = performance.now();
    try {
      const { workers } = await this.lane(lowPriority);
      const reply = await workers.run(
        {
          type: 'run-once',
          job: {
            source,
            file: learnerFile(exerciseId),
            fixturesDir: exercise.fixturesDir,
            sandbox,
            limits,
            setup: exercise.setup,
            calls: exercise.run.map(({ call, args: given }, index) => ({
              call,
              args: args?.[index] ?? given,
            })),
          },
        },
        this.stepMs(limits),
        this.workerMemoryMb,
      );
      if (reply.type === 'ran') return resultOf(reply.outcome);
      throw replyError(reply);
    } catch (error) {
      if (!(error instanceof WorkerLostError)) throw error;
      return {
        status: 'error',
        message: `your code was stopped: ${error.message}`,
        calls: [],
        output: '',
        durationMs: Math.round(performance.now() - started),
      };
    }
  }

  /** Whether a grading can start now: some worker is alive. */
  get ready(): boolean {
    return this.workers.live > 0;
  }

  stats(): GraderStats {
    return {
      waiting: this.waiting,
      running: this.running,
      sandboxes: this.sandboxes.live + (this.lowLaneStarted?.sandboxes.live ?? 0),
      workerRestarts: this.workers.restarts + (this.lowLaneStarted?.workers.restarts ?? 0),
    };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const low = await this.lowLane?.catch(() => undefined);
    await Promise.all([
      this.workers.stop(),
      this.sandboxes.stop(),
      low?.workers.stop(),
      low?.sandboxes.stop(),
    ]);
  }

  /**
   * Where a job runs: the grader's workers and sandboxes, or (`lowPriority`) the low-priority
   * lane's, started on its first job so that a grader nobody abuses pays nothing for it.
   */
  private lane(lowPriority: boolean): Promise<Lane> {
    if (!lowPriority) return Promise.resolve({ workers: this.workers, sandboxes: this.sandboxes });
    if (this.stopped) return Promise.reject(new GraderError('the grader has stopped'));
    if (!this.lowLane) {
      const starting = startLane(LOW_PRIORITY_LANE_SIZE, { lowPriority: true, log: this.log });
      starting.then(
        (lane) => {
          this.lowLaneStarted = lane;
        },
        // A lane that failed to start is tried afresh by the next job.
        () => {
          if (this.lowLane === starting) this.lowLane = undefined;
        },
      );
      this.lowLane = starting;
    }
    return this.lowLane;
  }

  /**
   * The backstop behind the limits the worker enforces itself: how long a run may go without
   * starting a check or finishing. One check's worth of limits, and a margin.
   */
  private stepMs(limits: RunLimits): number {
    return limits.callTimeoutMs * 2 + limits.checkTimeoutMs + STEP_MARGIN_MS;
  }
}

/** Workers and the sandboxes their gradings run against. */
interface Lane {
  workers: WorkerPool;
  sandboxes: SandboxPool;
}

/**
 * The low-priority lane's workers (and sandboxes): one, so that code that hit a limit runs one
 * job at a time, however many learners and addresses it comes from.
 */
const LOW_PRIORITY_LANE_SIZE = 1;

async function startLane(
  size: number,
  options: { lowPriority: boolean; log: GraderLog },
): Promise<Lane> {
  const sandboxes = await SandboxPool.start(size, options);
  try {
    return { workers: await WorkerPool.start(size, options), sandboxes };
  } catch (error) {
    await sandboxes.stop();
    throw error;
  }
}

/** A worker's answer that is not the one asked for: the worker's fault. */
function replyError(reply: JobReply): Error {
  if (reply.type === 'failed') return new GraderError(`the worker failed: ${reply.message}`);
  return new GraderError(`the worker answered '${reply.type}' to another question`);
}

/** What learner code is called when it has no name of its own: the browser's editor. */
function learnerFile(exerciseId: string): string {
  return `${exerciseId}.ts`;
}
