import { api } from '../../../lib/api-client.ts';

export interface Exercise {
  id: string;
  title: string;
  statementHtml: string;
  starter: string;
  hintCount: number;
  /** What Run calls, in order; `"$redis"` among the arguments is the learner's client. */
  run: { call: string; args: unknown[] }[];
  /** The Redis commands Run sends before its calls, each as its words. */
  setup: string[][];
}

export const getExercise = (id: string) => api<Exercise>(`/exercises/${encodeURIComponent(id)}`);
