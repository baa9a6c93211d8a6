import type { ExerciseSolution } from '../../../../../contracts/index.ts';
import { api } from '../../../lib/api-client.ts';

export const getSolution = (exercise: string) =>
  api<ExerciseSolution>(`/exercises/${encodeURIComponent(exercise)}/solution`);
