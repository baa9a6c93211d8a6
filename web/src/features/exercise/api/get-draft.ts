import type { Draft } from '../../../../../contracts/index.ts';
import { api } from '../../../lib/api-client.ts';

export const getDraft = (exercise: string) =>
  api<Draft>(`/exercises/${encodeURIComponent(exercise)}/draft`);
