import { useSyncExternalStore } from 'react';

// Development mode (`keyspace start --watch`): the server tells the page, by server-sent events,
// when a course file is saved and what is wrong with the course's files now. Pages load what
// they show again when the course's version moves on. Served without --watch, the events answer
// 204, and EventSource stops there for good.

export interface CourseProblem {
  file: string;
  line?: number;
  message: string;
}

export interface PreviewState {
  /** The server watches the course: this page follows it. */
  watching: boolean;
  /** Moves on each time course files change. */
  version: number;
  problems: CourseProblem[];
}

interface CourseEvent {
  files: string[];
  problems: CourseProblem[];
}

let state: PreviewState = { watching: false, version: 0, problems: [] };
const listeners = new Set<() => void>();

function set(next: PreviewState): void {
  state = next;
  for (const listener of listeners) listener();
}

/** Follows the server's course changes for as long as the page is open. */
export function startLivePreview(): void {
  if (typeof EventSource === 'undefined') return;
  // The stream broke after it had worked (a restarted server): the course may have changed
  // meanwhile, so the page loads again when it is back.
  let lost = false;
  const events = new EventSource('/api/preview/events');
  events.addEventListener('course', (message) => {
    const { files, problems } = JSON.parse((message as MessageEvent<string>).data) as CourseEvent;
    const changed = files.length > 0 || lost;
    lost = false;
    set({ watching: true, version: changed ? state.version + 1 : state.version, problems });
  });
  events.addEventListener('error', () => {
    // The server came back without --watch (204): there is nothing left to follow or to show.
    if (events.readyState === EventSource.CLOSED) {
      if (state.watching || state.problems.length > 0)
        set({ ...state, watching: false, problems: [] });
      return;
    }
    // Otherwise EventSource tries again by itself.
    if (!state.watching) return;
    lost = true;
    set({ ...state, watching: false });
  });
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useLivePreview(): PreviewState {
  return useSyncExternalStore(subscribe, () => state);
}

/** The course's version, for `useLoad`'s `refresh`: course content loads again as it changes. */
export function useCourseVersion(): number {
  return useLivePreview().version;
}
