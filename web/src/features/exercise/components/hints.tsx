import { useEffect, useRef, useState } from 'react';
import { Prose } from '../../../app/prose.tsx';
import { exerciseProgress, recordHintShown, useProgress } from '../../progress/progress-store.ts';
import { getHint, type Hint } from '../api/get-hint.ts';

/** Hints revealed one at a time; those already revealed come back on a later visit. */
export function Hints({ exercise, count }: { exercise: string; count: number }) {
  const shown = exerciseProgress(useProgress(), exercise).hintsShown;
  const [hints, setHints] = useState<Hint[]>([]);
  const [error, setError] = useState<string>();

  useEffect(() => {
    let current = true;
    const missing = Array.from({ length: Math.min(shown, count) }, (_, index) => index + 1).filter(
      (number) => !hints.some((hint) => hint.number === number),
    );
    if (missing.length === 0) return;
    Promise.all(missing.map((number) => getHint(exercise, number))).then(
      (loaded) => current && setHints((had) => [...had, ...loaded].sort(byNumber)),
      (failure: Error) => current && setError(failure.message),
    );
    return () => {
      current = false;
    };
  }, [exercise, shown, count, hints]);

  const next = Math.min(shown, count) + 1;
  // A hint asked for takes the focus (its button may be gone), so it is also read out.
  const asked = useRef(false);
  const newest = useRef<HTMLLIElement>(null);
  const loadedCount = hints.length;
  useEffect(() => {
    if (asked.current && loadedCount > 0) newest.current?.focus();
    asked.current = false;
  }, [loadedCount]);
  return (
    <section className="hints" aria-label="Hints">
      {hints.length > 0 && (
        <ol className="hint-list">
          {hints.map((hint, index) => (
            <li
              key={hint.number}
              tabIndex={-1}
              ref={index === hints.length - 1 ? newest : undefined}
            >
              <Prose html={hint.html} />
            </li>
          ))}
        </ol>
      )}
      {next <= count && (
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setError(undefined);
            asked.current = true;
            recordHintShown(exercise, next);
          }}
        >
          {shown === 0 ? 'Show a hint' : 'Show another hint'} ({next} of {count})
        </button>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

const byNumber = (a: Hint, b: Hint) => a.number - b.number;
