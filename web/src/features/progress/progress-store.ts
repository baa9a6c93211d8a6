import { useSyncExternalStore } from 'react';

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
    const stored = JSON.parse(localStorage.getItem(PROGRESS_KEY) ?? 'null') as Progress | null;
    return stored && Array.isArray(stored.visited) && typeof stored.exercises === 'object'
      ? stored
      : EMPTY;
  } catch {
    // Unreadable (edited by hand, another version): start again rather than break the page.
    return EMPTY;
  }
}

function update(change: (progress: Progress) => Progress): void {
  snapshot = change(snapshot);
  localStorage.setItem(PROGRESS_KEY, JSON.stringify(snapshot));
  for (const listener of listeners) listener();
}

// Another tab of the course.
window.addEventListener('storage', (event) => {
  if (event.key !== PROGRESS_KEY) return;
  snapshot = read();
  for (const listener of listeners) listener();
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
  return localStorage.getItem(CODE_KEY(exercise)) ?? undefined;
}

/** False when the browser refused (storage full or disabled): the code is only in the editor. */
export function saveCode(exercise: string, code: string): boolean {
  try {
    localStorage.setItem(CODE_KEY(exercise), code);
    return true;
  } catch {
    return false;
  }
}

export function forgetCode(exercise: string): void {
  localStorage.removeItem(CODE_KEY(exercise));
}
