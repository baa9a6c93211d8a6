import type { RunOnceResult } from '../../../../../contracts/index.ts';
import { api } from '../../../lib/api-client.ts';

/**
 * Runs an exercise's code once against the learner's own console sandbox; `args`, one list per
 * call of the exercise's Run, replace the exercise's own.
 */
export const runCode = (exercise: string, source: string, args?: unknown[][]) =>
  api<RunOnceResult>('/console/runs', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(args ? { exercise, source, args } : { exercise, source }),
  });
