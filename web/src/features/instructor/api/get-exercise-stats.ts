import type { ExerciseStatsList } from '../../../../../contracts/index.ts';
import { api } from '../../../lib/api-client.ts';

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

export const getExerciseStats = (token: string) =>
  api<ExerciseStatsList>('/instructor/exercises', { headers: bearer(token) });
