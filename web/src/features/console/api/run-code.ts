import { api } from '../../../lib/api-client.ts';

/** A place in the learner's file, as the grader names it (`<exercise>.ts`). */
export interface CodeLocation {
  file: string;
  line: number;
  column?: number;
}

/** What Run did (grader/runner/run-once.ts): every string in it is learner data. */
export interface RunOnceResult {
  status: 'ok' | 'error';
  message?: string;
  location?: CodeLocation;
  calls: {
    call: string;
    /** As they were passed; `"$redis"` is the learner's client. */
    args: unknown[];
    returned?: string;
    error?: string;
    location?: CodeLocation;
  }[];
  output: string;
  durationMs: number;
}

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
