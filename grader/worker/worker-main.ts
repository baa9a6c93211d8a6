// Entry of a grader worker process, forked by WorkerPool with --no-node-snapshot (isolated-vm
// needs it on Node 20+). It runs one job at a time; learner code stays inside its isolates.
import { connect } from 'node:net';
import { outcomeOf } from '../outcome.ts';
import { runOnce } from '../runner/run-once.ts';
import { runSubmission } from '../runner/run-submission.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

/**
 * How often, at most, a run tells the pool a check started. The pool's deadline (Grader's
 * `stepMs`) is seconds, with a margin this leaves almost whole.
 */
const PROGRESS_EVERY_MS = 100;

// The pool may be gone between the channel closing and the 'disconnect' event: a reply then
// fails, and there is nobody left to work for.
const reply = (message: FromWorker) =>
  process.send?.(message, undefined, undefined, (error) => {
    if (error) process.exit(0);
  });

process.on('message', async (message: ToWorker) => {
  if (message.type === 'probe-network') {
    reply({ type: 'network-probed', id: message.id, reachable: await canReach(message.port) });
    return;
  }
  const { id } = message;
  try {
    if (message.type === 'run-once') {
      reply({ type: 'ran', id, outcome: await outcomeOf(() => runOnce(message.job)) });
      return;
    }
    // The pool's deadline needs to hear only that the run goes on: checks follow one another in
    // a few ms, and a message for each would cost both processes more than some checks do.
    let lastNews = performance.now();
    const progress = () => {
      if (performance.now() - lastNews < PROGRESS_EVERY_MS) return;
      lastNews = performance.now();
      reply({ type: 'progress', id });
    };
    const graded = await outcomeOf(() => runSubmission(message.job, progress));
    reply({ type: 'graded', id, outcome: graded });
  } catch (error) {
    reply({ type: 'failed', id, message: error instanceof Error ? error.message : String(error) });
  }
});

function canReach(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const done = (reachable: boolean) => {
      socket.destroy();
      resolve(reachable);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.setTimeout(1_000, () => done(false));
  });
}

// The pool owns this process: when the channel closes, there is nobody left to work for.
process.on('disconnect', () => process.exit(0));
reply({ type: 'ready', pid: process.pid });
