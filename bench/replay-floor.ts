// The benchmark's floor, as the SPEC defines it: the same Redis commands a grading sends, sent by
// a plain ioredis client, without sandbox, isolate or worker. A grading is recorded once with
// MONITOR (what Redis executed, in the order it executed it, from every connection: the checks',
// the learner's, the engine's), then replayed command by command.
import Redis from 'ioredis';
import type { SandboxServer } from '../grader/redis/sandbox-server.ts';
import { CommandMonitor } from '../grader/runner/command-monitor.ts';
import { type GradeJob, runSubmission } from '../grader/runner/run-submission.ts';

/** A command as Redis received it: its name first. Bytes as latin1 characters (see monitor-line). */
export type RecordedCommand = string[];

export interface Recording {
  /**
   * The commands in the order Redis executed them, in batches: those executed within BATCH_US
   * of the one before came in one read, a pipeline (or several clients' commands at once), and
   * a plain client sends them as one too.
   */
  batches: RecordedCommand[][];
  /** Time the grading spent with no command sent for longer than WAIT_MS: waits in real time. */
  waitedMs: number;
}

/** Connection set-up, which a warm plain client has done already; MONITOR, the recorder's own. */
const SET_UP = new Set(['auth', 'hello', 'quit', 'reset', 'monitor']);
const SET_UP_CLIENT = new Set(['setname', 'setinfo']);
/** Commands that may wait in Redis for another client's write. */
const BLOCKING = new Set([
  'blpop',
  'brpop',
  'brpoplpush',
  'blmove',
  'blmpop',
  'bzpopmin',
  'bzpopmax',
  'bzmpop',
  'wait',
  'waitaof',
]);
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
/** Commands this close were read together: a round trip between them takes far longer. */
const BATCH_US = 20;

/**
 * Grades once in this process with MONITOR on the sandbox, and answers what Redis executed:
 * not what scripts ran inside (their EVAL is replayed), nor connection set-up.
 */
export async function recordGrading(job: GradeJob, sandbox: SandboxServer): Promise<Recording> {
  const monitor = await CommandMonitor.open(sandbox.address);
  const marker = new Redis({
    path: sandbox.address.socketPath,
    username: 'grader',
    password: sandbox.address.graderPassword,
  });
  try {
    const { result } = await runSubmission(job);
    if (result.status !== 'pass') {
      throw new Error(
        `${job.exerciseId}: the recorded grading did not pass: ${JSON.stringify(result)}`,
      );
    }
    await monitor.sync(marker);
    const lines = monitor.executed().filter(({ source }) => source !== 'lua');
    const batches: RecordedCommand[][] = [];
    let last = Number.NEGATIVE_INFINITY;
    for (const { at, args } of lines) {
      const [name = '', sub = ''] = args;
      const command = name.toLowerCase();
      if (SET_UP.has(command) || (command === 'client' && SET_UP_CLIENT.has(sub.toLowerCase()))) {
        continue;
      }
      const batch = batches.at(-1);
      if (batch && (at - last) * 1000 <= BATCH_US && !isBlocking(args)) batch.push(args);
      else batches.push([args]);
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

const isBlocking = ([name = '', ...args]: RecordedCommand) => {
  const command = name.toLowerCase();
  if (BLOCKING.has(command)) return true;
  return (
    (command === 'xread' || command === 'xreadgroup') &&
    args.some((arg) => arg.toLowerCase() === 'block')
  );
};

/**
 * A plain client that sends a recording again, one command after another, each awaited. A
 * blocking command goes out on a connection of its own, not awaited: it waited in Redis for a
 * later command, or for its timeout, which the recording's waits count. Subscribing ones go on a
 * subscriber connection. Errors Redis answers are part of the work (a learner's WRONGTYPE too),
 * not a failure of the replay.
 */
export class Replayer {
  private readonly main: Redis;
  private readonly subscriber: Redis;

  constructor(private readonly target: { path: string; username: string; password: string }) {
    this.main = new Redis(target);
    this.subscriber = new Redis(target);
  }

  async replay(batches: readonly (readonly RecordedCommand[])[]): Promise<void> {
    const blockers: Redis[] = [];
    try {
      for (const batch of batches) {
        // Sent together, without waiting between them: ioredis writes them as one pipeline.
        await Promise.all(
          batch.map(([name = '', ...args]) => {
            const bytes = args.map((arg) => Buffer.from(arg, 'latin1'));
            if (!isBlocking([name, ...args])) {
              const client = SUBSCRIBING.has(name.toLowerCase()) ? this.subscriber : this.main;
              return client.call(name, ...bytes).catch(() => {});
            }
            const blocker = new Redis(this.target);
            blockers.push(blocker);
            void blocker.call(name, ...bytes).catch(() => {});
            return undefined;
          }),
        );
      }
    } finally {
      // As the grading's connections were closed when its check ended.
      for (const blocker of blockers) blocker.disconnect();
    }
  }

  close(): void {
    this.main.disconnect();
    this.subscriber.disconnect();
  }
}
