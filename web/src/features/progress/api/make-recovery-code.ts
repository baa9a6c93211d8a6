import { api } from '../../../lib/api-client.ts';

/** A new recovery code for this learner, shown once; it ends the one made before. */
export const makeRecoveryCode = () =>
  api<{ code: string; madeAt: string }>('/session/recovery-code', { method: 'POST' });
