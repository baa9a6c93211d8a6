import { api } from '../../../lib/api-client.ts';

/** Forgets the learner's code: the starter comes back. */
export const deleteDraft = (exercise: string, { keepalive = false } = {}) =>
  api<void>(`/exercises/${encodeURIComponent(exercise)}/draft`, { method: 'DELETE', keepalive });
