// Entry of a grader worker process, forked by WorkerPool with --no-node-snapshot (isolated-vm
// needs it on Node 20+). It runs one job at a time; learner code stays inside its isolates.
import { ContentError } from '../errors.ts';
import { runSubmission } from '../runner/run-submission.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

const reply = (message: FromWorker) => process.send?.(message);

process.on('message', async (message: ToWorker) => {
  if (message.type !== 'grade') return;
  const { id, job } = message;
  try {
    reply({ type: 'graded', id, result: await runSubmission(job) });
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    reply({ type: error instanceof ContentError ? 'content-error' : 'failed', id, message: text });
  }
});

// The pool owns this process: when the channel closes, there is nobody left to work for.
process.on('disconnect', () => process.exit(0));
reply({ type: 'ready' });
