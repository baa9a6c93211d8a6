// Entry of a grader worker process, forked by WorkerPool with --no-node-snapshot (isolated-vm
// needs it on Node 20+). It runs one job at a time; learner code stays inside its isolates.
import { connect } from 'node:net';
import { ContentError } from '../errors.ts';
import { runOnce } from '../runner/run-once.ts';
import { runSubmission } from '../runner/run-submission.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

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
      reply({ type: 'ran', id, result: await runOnce(message.job) });
      return;
    }
    const progress = () => reply({ type: 'progress', id });
    const { result, sandboxLost } = await runSubmission(message.job, progress);
    reply({ type: 'graded', id, result, sandboxLost });
  } catch (error) {
    if (error instanceof ContentError) {
      reply({ type: 'content-error', id, detail: error.detail, location: error.location });
      return;
    }
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
