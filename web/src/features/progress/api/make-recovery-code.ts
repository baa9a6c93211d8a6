import type { RecoveryCode } from '../../../../../contracts/index.ts';
import { api } from '../../../lib/api-client.ts';

/** A new recovery code for this learner, shown once; it ends the one made before. */
export const makeRecoveryCode = () =>
  api<RecoveryCode>('/session/recovery-code', { method: 'POST' });
