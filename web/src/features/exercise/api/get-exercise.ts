import type { ExerciseView } from '../../../../../contracts/index.ts';
import { api } from '../../../lib/api-client.ts';

export const getExercise = (id: string) =>
  api<ExerciseView>(`/exercises/${encodeURIComponent(id)}`);
