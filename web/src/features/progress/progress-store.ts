import { useSyncExternalStore } from 'react';
import { forgetStored, readStored, store } from '../../lib/browser-storage.ts';

// A learner's progress, kept in this browser's localStorage until the server keeps it per
// learner (issue 6). Everything goes through this module, so that change stays in one place.

export interface ExerciseProgress {
  passed: boolean;
  /** Submissions that did not pass, before the first that did. */
  failures: number;
  /** How many hints have been revealed. */
  hintsShown: number;
}

export interface Progress {
  /** Lessons opened, in no order. */
  visited: string[];
  /** The lesson opened last: where "continue" leads. */
  lastLesson?: string;
  exercises: Record<string, ExerciseProgress>;
}

export type LessonStatus = 'not-started' | 'in-progress' | 'done';

const PROGRESS_KEY = 'keyspace.progress';
const CODE_KEY = (exercise: string) => `keyspace.code.${exercise}`;
const EMPTY: Progress = { visited: [], exercises: {} };
const listeners = new Set<() => void>();
let snapshot = read();

function read(): Progress {
  try {
    const stored = JSON.parse(readStored(PROGRESS_KEY) ?? 'null') as Partial<Progress> | null;
    const { visited, exercises, lastLesson } = stored ?? {};
    if (!Array.isArray(visited) || !isRecord(exercises)) return EMPTY;
    return { visited, exercises, ...(typeof lastLesson === 'string' ? { lastLesson } : {}) };
  } catch {
    // Unreadable (edited by hand, another version): start again rather than break the page.
    return EMPTY;
  }
}

function isRecord(value: unknown): value is Record<string, ExerciseProgress> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function notify(): void {
  for (const listener of listeners) listener();
}

/** Changes the progress on the page; it is kept if the browser lets it be. */
function update(change: (progress: Progress) => Progress): void {
  snapshot = change(snapshot);
  store(PROGRESS_KEY, JSON.stringify(snapshot));
  notify();
}

// Another tab of the course changed it, or cleared the storage (key null).
window.addEventListener('storage', (event) => {
  if (event.key !== PROGRESS_KEY && event.key !== null) return;
  snapshot = read();
  notify();
});

export function useProgress(): Progress {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => snapshot,
  );
}

export function exerciseProgress(progress: Progress, exercise: string): ExerciseProgress {
  return progress.exercises[exercise] ?? { passed: false, failures: 0, hintsShown: 0 };
}

export function lessonStatus(
  progress: Progress,
  lesson: { id: string; exercises: string[] },
): LessonStatus {
  const passed = lesson.exercises.filter((id) => exerciseProgress(progress, id).passed);
  if (lesson.exercises.length > 0 && passed.length === lesson.exercises.length) return 'done';
  return progress.visited.includes(lesson.id) ? 'in-progress' : 'not-started';
}

export function markVisited(lesson: string): void {
  update((progress) => ({
    ...progress,
    visited: progress.visited.includes(lesson) ? progress.visited : [...progress.visited, lesson],
    lastLesson: lesson,
  }));
}

function changeExercise(exercise: string, change: (was: ExerciseProgress) => ExerciseProgress) {
  update((progress) => ({
    ...progress,
    exercises: {
      ...progress.exercises,
      [exercise]: change(exerciseProgress(progress, exercise)),
    },
  }));
}

export function recordSubmission(exercise: string, passed: boolean): void {
  changeExercise(exercise, (was) => ({
    ...was,
    passed: was.passed || passed,
    failures: was.passed || passed ? was.failures : was.failures + 1,
  }));
}

export function recordHintShown(exercise: string, hintsShown: number): void {
  changeExercise(exercise, (was) => ({
    ...was,
    hintsShown: Math.max(was.hintsShown, hintsShown),
  }));
}

/** The learner's code as last typed, or undefined if they never changed the starter. */
export function savedCode(exercise: string): string | undefined {
  return readStored(CODE_KEY(exercise));
}

/** False when the browser refused (storage full or disabled): the code is only in the editor. */
export function saveCode(exercise: string, code: string): boolean {
  return store(CODE_KEY(exercise), code);
}

export function forgetCode(exercise: string): void {
  forgetStored(CODE_KEY(exercise));
}
