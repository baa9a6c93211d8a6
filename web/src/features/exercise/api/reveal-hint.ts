import { api } from '../../../lib/api-client.ts';

export interface Hint {
  /** 1 for the first. */
  number: number;
  count: number;
  /** Rendered by the server from the course's Markdown (raw HTML off). */
  html: string;
}

/** Reveals a hint: the server records it as shown, so it is a POST. */
export const revealHint = (exercise: string, number: number) =>
  api<Hint>(`/exercises/${encodeURIComponent(exercise)}/hints/${number}`, { method: 'POST' });
