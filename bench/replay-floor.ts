// The benchmark's floor, as the SPEC defines it: the same Redis commands a grading sends, sent by
// a plain ioredis client, without sandbox, isolate or worker. A grading is recorded with MONITOR
// (what Redis executed, in the order it executed it, from every connection: the checks', the
// learner's, the engine's), then replayed batch by batch.
import Redis, { ReplyError } from 'ioredis';
import type { SandboxServer } from '../grader/redis/sandbox-server.ts';
import { CommandMonitor } from '../grader/runner/command-monitor.ts';
import { blocks } from '../grader/runner/race/step-effects.ts';
import { type GradeJob, runSubmission } from '../grader/runner/run-submission.ts';

/** A command as Redis received it: its name first. Bytes as latin1 characters (see monitor-line). */
export type RecordedCommand = string[];

export interface Recording {
  /**
   * The commands in the order Redis executed them, in batches: those executed within BATCH_US
   * of the one before came in one read (a pipeline, or several clients' commands at once), and a
   * plain client sends them as one pipeline too.
   */
  batches: RecordedCommand[][];
  /** Time the grading spent with no command sent for longer than WAIT_MS: waits in real time. */
  waitedMs: number;
}

/** Connection set-up, which a warm plain client has done already; MONITOR, the recorder's own. */
const SET_UP = new Set(['auth', 'hello', 'quit', 'reset', 'monitor']);
const SET_UP_CLIENT = new Set(['setname', 'setinfo']);
const SUBSCRIBING = new Set([
  'subscribe',
  'psubscribe',
  'ssubscribe',
  'unsubscribe',
  'punsubscribe',
  'sunsubscribe',
]);
/** A gap between two commands longer than this is a wait in real time (a timeout, an expiry). */
const WAIT_MS = 50;
/**
 * Commands this close were read together: a round trip between them takes longer. MONITOR stamps
 * a command once it has run, so a pipelined command that runs long (a script, a FLUSHALL of much)
 * starts a new batch: the floor then pays a round trip the grading did not.
 */
const BATCH_US = 20;

/**
 * Grades `times` times in this process with MONITOR on the sandbox, and answers what Redis
 * executed in the first: not what scripts ran inside (their EVAL is replayed), nor connection
 * set-up. The waits are the least of the gradings': a stall of the machine is not a wait.
 */
export async function recordGrading(
  job: GradeJob,
  sandbox: SandboxServer,
  times = 3,
): Promise<Recording> {
  const recordings: Recording[] = [];
  for (let i = 0; i < times; i++) recordings.push(await recordOnce(job, sandbox));
  const [first] = recordings;
  if (!first) throw new Error('no grading recorded');
  return { ...first, waitedMs: Math.min(...recordings.map(({ waitedMs }) => waitedMs)) };
}

async function recordOnce(job: GradeJob, sandbox: SandboxServer): Promise<Recording> {
  // Ready before the monitor opens: its own connection's commands are not the grading's.
  const marker = new Redis({
    path: sandbox.address.socketPath,
    username: 'grader',
    password: sandbox.address.graderPassword,
  });
  await marker.ping();
  const monitor = await CommandMonitor.open(sandbox.address);
  try {
    const { result } = await runSubmission(job);
    if (result.status !== 'pass') {
      throw new Error(`the recorded grading did not pass: ${JSON.stringify(result)}`);
    }
    await monitor.sync(marker);
    let executed: ReturnType<CommandMonitor['executed']>;
    try {
      executed = monitor.executed();
    } catch (error) {
      throw new Error(`MONITOR could not follow the grading: ${(error as Error).message}`);
    }
    const lines = executed.filter(({ source }) => source !== 'lua');
    const batches: RecordedCommand[][] = [];
    let last = Number.NEGATIVE_INFINITY;
    for (const { at, args } of lines) {
      const [name = '', sub = ''] = args;
      const command = name.toLowerCase();
      if (SET_UP.has(command) || (command === 'client' && SET_UP_CLIENT.has(sub.toLowerCase()))) {
        continue;
      }
      const batch = batches.at(-1);
      const alone = (command: RecordedCommand) => isBlocking(command) || isSubscribing(command);
      if (batch && (at - last) * 1000 <= BATCH_US && !alone(args) && !batch.some(alone)) {
        batch.push(args);
      } else {
        batches.push([args]);
      }
      last = at;
    }
    return { batches, waitedMs: waitsIn(lines.map(({ at }) => at)) };
  } finally {
    monitor.close();
    marker.disconnect();
  }
}

function waitsIn(times: readonly number[]): number {
  let waited = 0;
  for (let i = 1; i < times.length; i++) {
    const gap = (times[i] ?? 0) - (times[i - 1] ?? 0);
    if (gap > WAIT_MS) waited += gap;
  }
  return waited;
}

/** Whether it may wait in Redis for another client's write (as the race scheduler tells). */
const isBlocking = ([name = '', ...args]: RecordedCommand) =>
  blocks([{ name: name.toLowerCase(), args }]);

const isSubscribing = ([name = '']: RecordedCommand) => SUBSCRIBING.has(name.toLowerCase());

/** The round trips a replay waits for: every batch but a blocking command's. */
export function roundTrips(batches: readonly (readonly RecordedCommand[])[]): number {
  return batches.filter((batch) => !batch.every(isBlocking)).length;
}

const bytesOf = (args: readonly string[]) => args.map((arg) => Buffer.from(arg, 'latin1'));

/** Errors Redis answers are part of the work (a learner's WRONGTYPE too); others end the replay. */
function unlessReplyError(error: unknown): void {
  if (!(error instanceof ReplyError)) throw error;
}

interface Target {
  path: string;
  username: string;
  password: string;
}

/**
 * A plain client that sends a recording again, batch after batch, each awaited (a batch of
 * several as one pipeline). A blocking command goes out on a connection of its own, not awaited:
 * it waited in Redis for a later command, or for its timeout, which the recording's waits count;
 * one still blocked at the end is let go with CLIENT UNBLOCK, as the grading closed its
 * connections when its check ended. Subscribing commands go on a subscriber connection. Every
 * connection is made before the first replay: a plain client's are open already.
 */
export class Replayer {
  private constructor(
    private readonly main: Redis,
    private readonly subscriber: Redis,
    private readonly blockers: { connection: Redis; id: number }[],
  ) {}

  static async connect(target: Target, batches: readonly (readonly RecordedCommand[])[]) {
    const open = async () => {
      const connection = new Redis(target);
      await connection.ping();
      return connection;
    };
    const blocking = batches.flat().filter(isBlocking).length;
    const blockers = await Promise.all(
      Array.from({ length: blocking }, async () => {
        const connection = await open();
        return { connection, id: Number(await connection.client('ID')) };
      }),
    );
    return new Replayer(await open(), await open(), blockers);
  }

  async replay(batches: readonly (readonly RecordedCommand[])[]): Promise<void> {
    const blocked: { id: number; settled: boolean }[] = [];
    const waiting: Promise<void>[] = [];
    for (const batch of batches) {
      const [first = []] = batch;
      const [name = '', ...args] = first;
      if (batch.length > 1) {
        const pipeline = this.main.pipeline();
        for (const [command = '', ...rest] of batch) pipeline.call(command, ...bytesOf(rest));
        for (const [error] of (await pipeline.exec()) ?? []) if (error) unlessReplyError(error);
      } else if (isBlocking(first)) {
        const blocker = this.blockers[blocked.length];
        if (!blocker) throw new Error('more blocking commands than the recording had');
        const state = { id: blocker.id, settled: false };
        blocked.push(state);
        waiting.push(
          blocker.connection
            .call(name, ...bytesOf(args))
            .catch(unlessReplyError)
            .then(() => {
              state.settled = true;
            }),
        );
      } else {
        const client = isSubscribing(first) ? this.subscriber : this.main;
        await client.call(name, ...bytesOf(args)).catch(unlessReplyError);
      }
    }
    const stillBlocked = blocked.filter(({ settled }) => !settled);
    if (stillBlocked.length > 0) {
      const pipeline = this.main.pipeline();
      for (const { id } of stillBlocked) pipeline.client('UNBLOCK', id);
      await pipeline.exec();
    }
    await Promise.all(waiting);
  }

  close(): void {
    for (const connection of [
      this.main,
      this.subscriber,
      ...this.blockers.map((b) => b.connection),
    ])
      connection.disconnect();
  }
}
