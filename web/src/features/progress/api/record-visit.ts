import { api } from '../../../lib/api-client.ts';

/** Marks the lesson visited and makes it the one "continue" leads to. */
export const recordVisit = (lesson: string) =>
  api<void>(`/lessons/${encodeURIComponent(lesson)}/visits`, { method: 'POST' });
