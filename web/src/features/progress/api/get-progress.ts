import { api } from '../../../lib/api-client.ts';

/** One exercise as the server keeps it for this learner; absent from `exercises`: not started. */
export interface ExerciseProgress {
  /** `started`: a hint revealed or code saved, nothing submitted yet. */
  status: 'started' | 'failing' | 'passed';
  attempts: number;
  /** Failed submissions before the first that passed. */
  failures: number;
  /** How many hints have been revealed. */
  hintsShown: number;
  /** The most checks one submission passed. */
  best: { passed: number; total: number } | null;
  /** ISO times. */
  firstAt: string | null;
  lastAt: string | null;
  passedAt: string | null;
}

export interface Progress {
  /** The lesson opened last: where "continue" leads. */
  lastLesson: string | null;
  /** Lessons opened, in no order. */
  visited: string[];
  exercises: Partial<Record<string, ExerciseProgress>>;
}

export const getProgress = () => api<Progress>('/progress');
