import { useEffect, useSyncExternalStore } from 'react';
import type { ExerciseProgress, Progress } from '../../../../contracts/index.ts';
import type { Loadable } from '../../lib/use-api.ts';
import { getProgress } from './api/get-progress.ts';
import { recordVisit } from './api/record-visit.ts';

// The learner's progress as the server keeps it, shared by every part of the page. The server
// records visits, submissions and hints itself; this module asks it again when they may have
// changed, and is the only one that does. A Submit's answer brings the progress it made.

export type { ExerciseProgress, Progress };
export type LessonStatus = 'not-started' | 'in-progress' | 'done';

let snapshot: Loadable<Progress> = { state: 'loading' };
/** The newest load's number: an older answer never overwrites a newer one. */
let latest = 0;
/** Visits still on their way: a load waits for them, so that it includes them. */
let visits: Promise<unknown> = Promise.resolve();
const listeners = new Set<() => void>();

function set(next: Loadable<Progress>): void {
  snapshot = next;
  for (const listener of listeners) listener();
}

async function fetchProgress({ fresh }: { fresh: boolean }): Promise<void> {
  const load = ++latest;
  if (fresh) set({ state: 'loading' });
  await visits;
  try {
    const data = await getProgress();
    if (load === latest) set({ state: 'ready', data });
  } catch (error) {
    // A refresh that fails leaves what was shown: a little stale beats gone.
    if (load === latest && (fresh || snapshot.state !== 'ready')) {
      set({ state: 'failed', error: error as Error });
    }
  }
}

/** Loads the progress afresh, showing "loading" meanwhile: for a page that has just opened. */
export function loadProgress(): void {
  void fetchProgress({ fresh: true });
}

/**
 * Shows the exercise's progress as a Submit's answer brought it, without asking the server again.
 * A progress shown is the newest load's (no older load's answer replaces it), so the exercise is
 * updated in place. That holds because every other load starts fresh, showing "loading" until it
 * answers; a load that keeps what is shown may start only here. Without a progress shown (still
 * loading, or failed), it is loaded again: a load on its way may have been read before the
 * submission was recorded, and the newer wins.
 */
export function showSubmitted(exercise: string, progress: ExerciseProgress): void {
  if (snapshot.state !== 'ready') {
    void fetchProgress({ fresh: false });
    return;
  }
  const { data } = snapshot;
  set({
    state: 'ready',
    data: { ...data, exercises: { ...data.exercises, [exercise]: progress } },
  });
}

/**
 * Tells the server the learner opened the lesson, then loads the progress. A visit that cannot
 * be recorded only leaves "continue" pointing elsewhere: the page says nothing about it, and the
 * calls that matter (code, submissions) report what is wrong themselves.
 */
export function visitLesson(lesson: string): void {
  visits = Promise.allSettled([visits, recordVisit(lesson)]);
  loadProgress();
}

/** The progress as shown now; components read it through useProgress, which follows changes. */
export const progressNow = (): Loadable<Progress> => snapshot;

export function useProgress(): Loadable<Progress> {
  return useSyncExternalStore((listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, progressNow);
}

/** The progress, loaded afresh when the calling page opens: another tab may have moved it on. */
export function usePageProgress(): Loadable<Progress> {
  useEffect(loadProgress, []);
  return useProgress();
}

/** Undefined while the exercise has not been started (or the progress is not known). */
export function exerciseProgress(
  progress: Progress | undefined,
  exercise: string,
): ExerciseProgress | undefined {
  return progress?.exercises[exercise];
}

export const hasPassed = (progress: Progress | undefined, exercise: string) =>
  exerciseProgress(progress, exercise)?.status === 'passed';

export function lessonStatus(
  progress: Progress,
  lesson: { id: string; exercises: string[] },
): LessonStatus {
  const passed = lesson.exercises.filter((id) => hasPassed(progress, id));
  if (lesson.exercises.length > 0 && passed.length === lesson.exercises.length) return 'done';
  const started =
    progress.visited.includes(lesson.id) || lesson.exercises.some((id) => progress.exercises[id]);
  return started ? 'in-progress' : 'not-started';
}
