import type { HintView } from '../../../../../contracts/index.ts';
import { api } from '../../../lib/api-client.ts';

/** Reveals a hint: the server records it as shown, so it is a POST. */
export const revealHint = (exercise: string, number: number) =>
  api<HintView>(`/exercises/${encodeURIComponent(exercise)}/hints/${number}`, { method: 'POST' });
