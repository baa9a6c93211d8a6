import { type KeyboardEvent, useId, useRef, useState } from 'react';
import type { CommandDoc } from '../../../../../contracts/index.ts';
import { commandOf, completions } from '../command-completion.ts';
import { CommandSummary } from './command-help.tsx';

/**
 * The console's prompt: history on the arrow keys, and while a command is typed, the commands it
 * may become (arrow keys choose, Tab or Enter takes one, Escape closes them) and then its syntax.
 */
export function ConsolePrompt({
  docs = [],
  running,
  onCommand,
}: {
  docs?: readonly CommandDoc[];
  running: boolean;
  onCommand(command: string): void;
}) {
  const [line, setLine] = useState('');
  const [active, setActive] = useState(-1);
  /** Completions closed (Escape, or a line from history) until the learner edits the line. */
  const [closed, setClosed] = useState(false);
  /** Completions are for the prompt being typed in: a list left open elsewhere hides the page. */
  const [focused, setFocused] = useState(false);
  const history = useRef<string[]>([]);
  const position = useRef(0);
  const id = useId();
  const offered = closed || !focused ? [] : completions(line, docs);
  const chosen = offered[active];
  const command = commandOf(line, docs);

  const edit = (next: string) => {
    setLine(next);
    setActive(-1);
    setClosed(false);
  };
  const take = (doc: CommandDoc) => edit(`${doc.name} `);
  const submit = () => {
    const typed = line.trim();
    if (!typed || running) return;
    history.current.push(typed);
    position.current = history.current.length;
    edit('');
    onCommand(typed);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const arrow = event.key === 'ArrowUp' || event.key === 'ArrowDown';
    if (offered.length > 0 && arrow) {
      event.preventDefault();
      const last = offered.length - 1;
      if (event.key === 'ArrowDown') setActive(active >= last ? 0 : active + 1);
      else setActive(active <= 0 ? last : active - 1);
    } else if (offered.length > 0 && event.key === 'Tab' && !event.shiftKey) {
      event.preventDefault();
      const doc = chosen ?? offered[0];
      if (doc) take(doc);
    } else if (offered.length > 0 && event.key === 'Escape') {
      event.preventDefault();
      setClosed(true);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (chosen) take(chosen);
      else submit();
    } else if (arrow) {
      event.preventDefault();
      const step = event.key === 'ArrowUp' ? -1 : 1;
      position.current = Math.max(0, Math.min(history.current.length, position.current + step));
      setLine(history.current[position.current] ?? '');
      setActive(-1);
      setClosed(true);
    }
  };

  return (
    <div className="console-prompt-area">
      <div className="console-prompt">
        <span aria-hidden="true">&gt;</span>
        <input
          aria-label="Redis command"
          aria-autocomplete="list"
          aria-controls={offered.length > 0 ? `${id}-completions` : undefined}
          aria-activedescendant={chosen ? `${id}-completion-${active}` : undefined}
          aria-describedby={`${id}-hint`}
          placeholder="e.g. GET weather"
          value={line}
          onChange={(event) => edit(event.target.value)}
          onKeyDown={onKeyDown}
          onFocus={() => setFocused(true)}
          onBlur={() => setFocused(false)}
          spellCheck={false}
          autoComplete="off"
          readOnly={running}
        />
      </div>
      {offered.length > 0 && (
        <div
          className="command-completions"
          id={`${id}-completions`}
          role="listbox"
          aria-label="Commands"
        >
          {offered.map((doc, index) => (
            // The prompt keeps the focus and the keys (aria-activedescendant); a click takes one.
            // biome-ignore lint/a11y/useKeyWithClickEvents: see above.
            <div
              key={doc.name}
              id={`${id}-completion-${index}`}
              role="option"
              tabIndex={-1}
              aria-selected={index === active}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => take(doc)}
            >
              <span className="completion-name">{doc.name}</span>{' '}
              <span className="completion-summary">{doc.summary}</span>
            </div>
          ))}
        </div>
      )}
      <p className="console-hint" id={`${id}-hint`}>
        {command ? (
          <CommandSummary doc={command} />
        ) : (
          'Tab completes a command; ↑ and ↓ bring back earlier ones.'
        )}
      </p>
      <span className="visually-hidden" role="status">
        {offered.length > 0 &&
          `${offered.length} command${offered.length === 1 ? '' : 's'} match: arrow keys choose, Tab completes.`}
      </span>
    </div>
  );
}
