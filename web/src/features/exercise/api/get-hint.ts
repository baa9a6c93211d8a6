import { api } from '../../../lib/api-client.ts';

export interface Hint {
  /** 1 for the first. */
  number: number;
  count: number;
  /** Rendered by the server from the course's Markdown (raw HTML off). */
  html: string;
}

export const getHint = (exercise: string, number: number) =>
  api<Hint>(`/exercises/${encodeURIComponent(exercise)}/hints/${number}`);
