import { api } from '../../../lib/api-client.ts';

export type Status = 'pass' | 'fail' | 'error';

/** The grader's result (grader/result/grade-result.schema.json). Its strings are learner data. */
export interface GradeResult {
  exercise: string;
  status: Status;
  message?: string;
  durationMs: number;
  checks: {
    name: string;
    status: Status;
    message?: string;
    expected?: string;
    actual?: string;
    output?: string;
    durationMs: number;
  }[];
}

export const submitSolution = (id: string, source: string) =>
  api<GradeResult>(`/exercises/${encodeURIComponent(id)}/submissions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ source }),
  });
