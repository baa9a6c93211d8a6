import { api } from '../../../lib/api-client.ts';

export interface Lesson {
  id: string;
  title: string;
  summary: string;
  minutes: number;
  exercises: string[];
  /** Rendered by the server from the lesson's Markdown, with raw HTML disabled. */
  html: string;
}

export const getLesson = (id: string) => api<Lesson>(`/lessons/${encodeURIComponent(id)}`);
