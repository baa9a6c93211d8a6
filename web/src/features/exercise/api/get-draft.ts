import { api } from '../../../lib/api-client.ts';

/** The learner's code as last saved; `source` null: they never changed the starter. */
export interface Draft {
  source: string | null;
  savedAt: string | null;
}

export const getDraft = (exercise: string) =>
  api<Draft>(`/exercises/${encodeURIComponent(exercise)}/draft`);
