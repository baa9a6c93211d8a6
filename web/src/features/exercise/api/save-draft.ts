import type { SavedDraft } from '../../../../../contracts/index.ts';
import { api } from '../../../lib/api-client.ts';

/**
 * `keepalive` lets the request outlive the page (it is sent as the learner leaves); browsers
 * refuse it for bodies past 64 KiB, so it is asked for only when the code fits.
 */
export const saveDraft = (exercise: string, source: string, { keepalive = false } = {}) => {
  const body = JSON.stringify({ source });
  return api<SavedDraft>(`/exercises/${encodeURIComponent(exercise)}/draft`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body,
    keepalive: keepalive && new TextEncoder().encode(body).length < KEEPALIVE_LIMIT,
  });
};

const KEEPALIVE_LIMIT = 60_000;
