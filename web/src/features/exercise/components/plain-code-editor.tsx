import { type KeyboardEvent, type RefObject, useRef } from 'react';

/** Where the learner was in the plain editor when Monaco took its place. */
export interface Handover {
  /** The selection, as offsets into the code (equal: the caret). */
  selection: [number, number];
  focused: boolean;
}

interface Props {
  initialValue: string;
  onChange: (value: string) => void;
  label: string;
  /** The text area, for Monaco to read where the learner was (lazy-code-editor.tsx). */
  area: RefObject<HTMLTextAreaElement | null>;
}

/** As the starters indent. */
const INDENT = '  ';

const MODIFIERS = ['Shift', 'Control', 'Alt', 'Meta'];

/**
 * The learner's code in a text area, there as soon as the code is: Monaco's megabytes take a
 * second or more to arrive and run (several on a slow network), and the learner may read and
 * type meanwhile. Monaco then takes its place with the code as it is, the caret where it was.
 * The keys behave as in Monaco where it matters for the keyboard alone: Tab indents, Shift+Tab
 * outdents, Escape then Tab leaves (WCAG 2.1.2); Ctrl+Enter runs (the workbench's keys).
 */
export function PlainCodeEditor({ initialValue, onChange, label, area }: Props) {
  const escaped = useRef(false);
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Shift on its way to Shift+Tab is no key of its own.
    if (MODIFIERS.includes(event.key)) return;
    const leaving = escaped.current;
    escaped.current = event.key === 'Escape';
    if (event.key !== 'Tab' || leaving || event.ctrlKey || event.altKey || event.metaKey) return;
    event.preventDefault();
    if (event.shiftKey) outdent(event.currentTarget);
    else insert(INDENT);
  };
  return (
    <div className="code-editor plain" data-testid="plain-code-editor">
      <textarea
        ref={area}
        defaultValue={initialValue}
        aria-label={label}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        autoCorrect="off"
        onInput={(event) => onChange(event.currentTarget.value)}
        onKeyDown={onKeyDown}
      />
    </div>
  );
}

/**
 * Types `text` at the caret as a key would: through the browser's editing, so that Ctrl+Z undoes
 * it and the input event follows. execCommand is the only way there is for that in a text area.
 */
function insert(text: string) {
  document.execCommand('insertText', false, text);
}

/** Removes up to one indent from the start of the caret's line. */
function outdent(area: HTMLTextAreaElement) {
  const { value, selectionStart, selectionEnd } = area;
  const lineStart = value.lastIndexOf('\n', selectionStart - 1) + 1;
  const spaces = /^ */.exec(value.slice(lineStart, lineStart + INDENT.length))?.[0].length ?? 0;
  if (spaces === 0) return;
  area.setSelectionRange(lineStart, lineStart + spaces);
  document.execCommand('delete');
  area.setSelectionRange(
    Math.max(lineStart, selectionStart - spaces),
    Math.max(lineStart, selectionEnd - spaces),
  );
}
