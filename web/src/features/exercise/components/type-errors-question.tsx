import { type KeyboardEvent, useEffect, useRef } from 'react';
import type { LineProblem } from './editor-diagnostics.ts';

/** The errors named in the question; the editor shows them all. */
const SHOWN = 3;

/**
 * Asked before code with type errors runs or is graded: code that does not type-check often runs
 * all the same, and what it stores (`[object Object]` in a hash) stays for the exercises after.
 * "Fix first", which takes the focus, leads to the first error; Escape answers it too.
 */
export function TypeErrorsQuestion({
  action,
  errors,
  onAnswer,
}: {
  action: 'run' | 'submit';
  errors: LineProblem[];
  onAnswer(goOn: boolean): void;
}) {
  const fixFirst = useRef<HTMLButtonElement>(null);
  useEffect(() => fixFirst.current?.focus(), []);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    onAnswer(false);
  };
  const count = errors.length === 1 ? 'a type error' : `${errors.length} type errors`;
  return (
    <fieldset className="confirm type-errors" onKeyDown={onKeyDown}>
      <legend>
        Your code has {count}. {action === 'run' ? 'Run' : 'Submit'} it anyway?
      </legend>
      <ul>
        {errors.slice(0, SHOWN).map(({ line, message }, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: one line may have several errors.
          <li key={index}>
            Line {line}: {message}
          </li>
        ))}
      </ul>
      {errors.length > SHOWN && (
        <p className="muted">…and {errors.length - SHOWN} more, underlined in the editor.</p>
      )}
      <button type="button" ref={fixFirst} onClick={() => onAnswer(false)}>
        Fix first
      </button>{' '}
      <button type="button" className="secondary" onClick={() => onAnswer(true)}>
        {action === 'run' ? 'Run anyway' : 'Submit anyway'}
      </button>
    </fieldset>
  );
}
