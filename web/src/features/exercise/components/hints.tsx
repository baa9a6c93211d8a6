import { useEffect, useRef, useState } from 'react';
import type { HintView } from '../../../../../contracts/index.ts';
import { Prose } from '../../../app/prose.tsx';
import { exerciseProgress, useProgress } from '../../progress/progress-store.ts';
import { revealHint } from '../api/reveal-hint.ts';

/**
 * Hints revealed one at a time, once the exercise has been submitted; those already revealed
 * come back on a later visit. The server counts a hint as revealed when it is fetched, so asking
 * for one is all there is to record.
 */
export function Hints({ exercise, count }: { exercise: string; count: number }) {
  const progress = useProgress();
  const [hints, setHints] = useState<HintView[]>([]);
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string>();
  const mine = progress.state === 'ready' ? exerciseProgress(progress.data, exercise) : undefined;
  const revealedBefore = Math.min(count, mine?.hintsShown ?? 0);
  // As the server has it: hints open once the exercise has been submitted.
  const locked = progress.state === 'ready' && (mine?.attempts ?? 0) === 0 && revealedBefore === 0;
  const revealed = Math.max(revealedBefore, hints.at(-1)?.number ?? 0);

  // Brings back the hints revealed on an earlier visit.
  useEffect(() => {
    let current = true;
    const missing = Array.from({ length: revealedBefore }, (_, index) => index + 1).filter(
      (number) => !hints.some((hint) => hint.number === number),
    );
    if (missing.length === 0) return;
    Promise.all(missing.map((number) => revealHint(exercise, number))).then(
      (loaded) => current && setHints((had) => merge(had, loaded)),
      (failure: Error) => current && setError(failure.message),
    );
    return () => {
      current = false;
    };
  }, [exercise, revealedBefore, hints]);

  // A hint asked for takes the focus (its button may be gone), so it is also read out.
  const asked = useRef(false);
  const newest = useRef<HTMLLIElement>(null);
  const loadedCount = hints.length;
  useEffect(() => {
    if (asked.current && loadedCount > 0) newest.current?.focus();
    asked.current = false;
  }, [loadedCount]);

  const ask = async () => {
    setError(undefined);
    setAsking(true);
    try {
      const hint = await revealHint(exercise, revealed + 1);
      asked.current = true;
      setHints((had) => merge(had, [hint]));
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setAsking(false);
    }
  };

  const next = revealed + 1;
  return (
    // Named for its exercise: a lesson with two exercises has two of these regions.
    <section className="hints" aria-label={`Hints for exercise ${exercise}`}>
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
      {/* Offered once the progress says how many were revealed before (or could not say). */}
      {locked && <p className="hint-locked">Hints open once you have submitted your code.</p>}
      {progress.state !== 'loading' && !locked && next <= count && (
        <button type="button" className="secondary" onClick={ask} disabled={asking}>
          {revealed === 0 ? 'Show a hint' : 'Show another hint'} ({next} of {count})
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

const merge = (had: HintView[], loaded: HintView[]) =>
  [...had, ...loaded.filter((hint) => !had.some((old) => old.number === hint.number))].sort(
    (a, b) => a.number - b.number,
  );
