import { api } from '../../../lib/api-client.ts';

/** Makes this browser the learner `code` belongs to; the server sets the cookie. */
export const recoverProgress = (code: string) =>
  api<void>('/session/recover', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code }),
  });
