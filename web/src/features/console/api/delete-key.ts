import { api } from '../../../lib/api-client.ts';

/** Deletes one key of the learner's sandbox; an ApiError 404 if it is already gone. */
export const deleteKey = (key: string) =>
  api<void>(`/console/keys/value?key=${encodeURIComponent(key)}`, { method: 'DELETE' });
