import { api } from '../../../lib/api-client.ts';

export const getSolution = (exercise: string) =>
  api<{ solution: string }>(`/exercises/${encodeURIComponent(exercise)}/solution`);
