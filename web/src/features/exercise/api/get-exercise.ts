import { api } from '../../../lib/api-client.ts';

export interface Exercise {
  id: string;
  title: string;
  statementHtml: string;
  starter: string;
  hintCount: number;
}

export const getExercise = (id: string) => api<Exercise>(`/exercises/${encodeURIComponent(id)}`);
