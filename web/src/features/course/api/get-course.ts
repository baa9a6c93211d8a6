import { api } from '../../../lib/api-client.ts';

export interface LessonSummary {
  id: string;
  title: string;
  summary: string;
  minutes: number;
  exercises: string[];
}

export const getCourse = () => api<{ lessons: LessonSummary[] }>('/course');
