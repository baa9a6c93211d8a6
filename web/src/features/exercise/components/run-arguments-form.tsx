import { type RefObject, useId } from 'react';
import { CLIENT, type RunCall } from '../run-arguments.ts';

interface Props {
  /** The exercise's calls, with its own arguments. */
  calls: RunCall[];
  /** The Redis commands Run sends first, each as its words. */
  setup: string[][];
  /** The learner's text for each call's arguments (the client's aside). */
  texts: string[];
  /** Why a call's text cannot be used, by call. */
  errors: (string | undefined)[];
  open: boolean;
  onToggle(open: boolean): void;
  onChange(index: number, text: string): void;
  onRestore(): void;
  edited: boolean;
  /** The first input, for the focus when the text there cannot be used. */
  inputs: RefObject<(HTMLInputElement | null)[]>;
}

/**
 * What Run does, before it does it: the data it stores first, and each call, whose arguments the
 * learner may change. Their text is data: shown and sent, never markup.
 */
export function RunArgumentsForm(props: Props) {
  const { calls, setup, texts, errors, open, edited, inputs } = props;
  const id = useId();
  return (
    <details
      className="run-arguments"
      open={open}
      onToggle={(event) => props.onToggle(event.currentTarget.open)}
    >
      <summary className="run-arguments-summary">
        What Run does
        {edited && <span className="muted"> · with your arguments</span>}
      </summary>
      {setup.length > 0 && (
        <>
          <p>First it stores in your Redis:</p>
          <pre className="run-setup">{setup.map(commandLine).join('\n')}</pre>
        </>
      )}
      <p>
        Then it calls, in order (arguments as JSON, separated by commas; <code>redis</code> is your
        client):
      </p>
      <ol className="run-calls-editor">
        {calls.map(({ call, args }, index) => {
          const error = errors[index];
          const clients = args.filter((arg) => arg === CLIENT).length;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: calls are in a fixed order, and may repeat.
            <li key={index}>
              <code aria-hidden="true">
                {call}({clients > 0 && 'redis, '}
              </code>
              <input
                type="text"
                className="run-argument-input"
                spellCheck={false}
                autoComplete="off"
                value={texts[index] ?? ''}
                aria-label={`Arguments of ${call}, call ${index + 1} of ${calls.length}${clients ? ', after your client' : ''}`}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${id}-error-${index}` : undefined}
                ref={(element) => {
                  inputs.current[index] = element;
                }}
                onChange={(event) => props.onChange(index, event.target.value)}
              />
              <code aria-hidden="true">)</code>
              {error && (
                <p className="error" id={`${id}-error-${index}`}>
                  {error}
                </p>
              )}
            </li>
          );
        })}
      </ol>
      <button type="button" className="link-button" onClick={props.onRestore} disabled={!edited}>
        Restore the exercise's arguments
      </button>
    </details>
  );
}

const commandLine = (words: string[]) =>
  words.map((word) => (/^[^\s"']+$/.test(word) ? word : JSON.stringify(word))).join(' ');
