import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { exerciseProgress, useProgress } from '../../progress/progress-store.ts';
import { getSolution } from '../api/get-solution.ts';

const SolutionDiff = lazy(() => import('./solution-diff.tsx'));

/**
 * Failed submissions after which the solution may be seen without passing, once confirmed. The
 * server holds the same rule and has the last word: it answers 403 `solution_locked` otherwise.
 */
export const FAILURES_BEFORE_SOLUTION = 3;

type State =
  | { step: 'closed' }
  | { step: 'confirming' }
  | { step: 'loading' }
  | { step: 'shown'; solution: string }
  | { step: 'failed'; message: string };

/** The reference solution: after a pass, or after several failed submissions and a confirmation. */
export function SolutionReveal({ exercise }: { exercise: string }) {
  const progress = useProgress();
  const record = progress.state === 'ready' ? exerciseProgress(progress.data, exercise) : undefined;
  const passed = record?.status === 'passed';
  const failures = record?.failures ?? 0;
  const [state, setState] = useState<State>({ step: 'closed' });
  // The button pressed is replaced by what it opened: the focus follows, rather than drop to
  // the page's start.
  const focusTarget = useRef<HTMLElement | null>(null);
  const target = (element: HTMLElement | null) => {
    focusTarget.current = element;
  };
  const moved = useRef(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the focus moves when the step does.
  useEffect(() => {
    if (moved.current) focusTarget.current?.focus();
    moved.current = true;
  }, [state.step]);

  const show = async () => {
    setState({ step: 'loading' });
    try {
      setState({ step: 'shown', solution: (await getSolution(exercise)).solution });
    } catch (error) {
      // The server's own words, also when it keeps the solution locked (403 solution_locked).
      setState({ step: 'failed', message: (error as Error).message });
    }
  };

  if (!passed && failures < FAILURES_BEFORE_SOLUTION) {
    return (
      <p className="muted solution-note">
        The reference solution opens once you pass, or after {FAILURES_BEFORE_SOLUTION} submissions
        that do not.
      </p>
    );
  }
  if (state.step === 'shown') {
    return (
      <section className="solution" aria-label="Reference solution">
        <h3 tabIndex={-1} ref={target}>
          Your code beside the reference solution
        </h3>
        <Suspense fallback={<p className="muted">Loading the comparison…</p>}>
          <SolutionDiff exercise={exercise} solution={state.solution} />
        </Suspense>
        {/* For copying, and for reading it whole: the diff shows only what differs as such. */}
        <details className="solution-text">
          <summary>The reference solution as text</summary>
          <pre>
            <code>{state.solution}</code>
          </pre>
        </details>
      </section>
    );
  }
  if (state.step === 'confirming') {
    return (
      <fieldset className="confirm">
        <legend>See the solution before you pass?</legend>
        <p>Working it out teaches more than reading the answer, and a hint may be all you need.</p>
        <button type="button" onClick={show} ref={target}>
          Show the solution
        </button>{' '}
        <button type="button" className="secondary" onClick={() => setState({ step: 'closed' })}>
          Keep trying
        </button>
      </fieldset>
    );
  }
  return (
    <>
      <button
        type="button"
        className="secondary"
        ref={target}
        disabled={state.step === 'loading'}
        onClick={() => (passed ? show() : setState({ step: 'confirming' }))}
      >
        {passed ? 'Compare with the reference solution' : 'See the reference solution'}
      </button>
      {state.step === 'failed' && (
        <p className="error" role="alert">
          {state.message}
        </p>
      )}
    </>
  );
}
