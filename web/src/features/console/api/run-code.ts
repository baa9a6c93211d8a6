import { api } from '../../../lib/api-client.ts';

/** What Run did (grader/runner/run-once.ts): every string in it is learner data. */
export interface RunOnceResult {
  status: 'ok' | 'error';
  message?: string;
  calls: { call: string; returned?: string; error?: string }[];
  output: string;
  durationMs: number;
}

/** Runs an exercise's code once against the learner's own console sandbox. */
export const runCode = (exercise: string, source: string) =>
  api<RunOnceResult>('/console/runs', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ exercise, source }),
  });
