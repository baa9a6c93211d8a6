import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ExerciseProgress, Progress } from '../../../../contracts/index.ts';

const FAILING: ExerciseProgress = {
  status: 'failing',
  attempts: 1,
  failures: 1,
  hintsShown: 0,
  best: { passed: 2, total: 5 },
  firstAt: '2026-12-06T10:00:00.000Z',
  lastAt: '2026-12-06T10:00:00.000Z',
  passedAt: null,
};
const PASSED: ExerciseProgress = {
  ...FAILING,
  status: 'passed',
  attempts: 2,
  best: { passed: 5, total: 5 },
  lastAt: '2026-12-06T10:05:00.000Z',
  passedAt: '2026-12-06T10:05:00.000Z',
};
const progressWith = (exercise: ExerciseProgress): Progress => ({
  lastLesson: 'set-and-get',
  visited: ['set-and-get'],
  exercises: { 'set-and-get': exercise, leaderboard: FAILING },
});

/** A fresh store whose GET /api/progress calls are kept, each answered when the test says. */
async function storeWithServer() {
  const loads: ((answer: Response) => void)[] = [];
  vi.stubGlobal('fetch', async (url: string) => {
    expect(url).toBe('/api/progress');
    return new Promise<Response>((resolve) => loads.push(resolve));
  });
  vi.resetModules();
  const store = await import('./progress-store.ts');
  /** Lets the store see what happened: a few turns of promise callbacks. */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  const answer = async (index: number, progress: Progress | Response) => {
    loads[index]?.(progress instanceof Response ? progress : Response.json(progress));
    await settle();
  };
  return { store, loads, answer, settle };
}

describe("the page's progress store", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("shows a Submit's progress without asking the server again, keeping the rest", async () => {
    const { store, loads, answer, settle } = await storeWithServer();
    store.loadProgress();
    await settle();
    await answer(0, progressWith(FAILING));
    store.showSubmitted('set-and-get', PASSED);
    await settle();
    expect(loads).toHaveLength(1);
    expect(store.progressNow()).toEqual({ state: 'ready', data: progressWith(PASSED) });
  });

  it('loads again while the progress is loading, since that load may predate the submission, and shows only the newer', async () => {
    const { store, loads, answer, settle } = await storeWithServer();
    store.loadProgress();
    await settle();
    store.showSubmitted('set-and-get', PASSED);
    await settle();
    expect(loads).toHaveLength(2);
    await answer(1, progressWith(PASSED));
    // The load that left before the submission was recorded answers last: it is not shown.
    await answer(0, progressWith(FAILING));
    expect(store.progressNow()).toEqual({ state: 'ready', data: progressWith(PASSED) });
  });

  it('loads again when the progress could not be loaded', async () => {
    const { store, loads, answer, settle } = await storeWithServer();
    store.loadProgress();
    await settle();
    await answer(
      0,
      Response.json({ error: 'state_unavailable', message: 'away' }, { status: 503 }),
    );
    expect(store.progressNow().state).toBe('failed');
    store.showSubmitted('set-and-get', PASSED);
    await settle();
    expect(loads).toHaveLength(2);
    await answer(1, progressWith(PASSED));
    expect(store.progressNow()).toEqual({ state: 'ready', data: progressWith(PASSED) });
  });
});
