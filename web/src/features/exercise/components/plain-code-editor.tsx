import { type KeyboardEvent, type RefObject, useRef } from 'react';

/** Where the learner was in the plain editor when Monaco took its place. */
export interface Handover {
  /** The code as the text area holds it: its line breaks are `\n`, whatever the draft's were. */
  value: string;
  /** The selection, as offsets into `value` (equal: the caret). */
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
const OUTDENT = new RegExp(`^ {1,${INDENT.length}}`);

const MODIFIERS = ['Shift', 'Control', 'Alt', 'Meta'];

/**
 * The learner's code in a text area, there as soon as the code is: Monaco's megabytes take a
 * second or more to arrive and run (several on a slow network), and the learner may read and
 * type meanwhile. Monaco then takes its place with the code as it is, the caret where it was.
 * The keys behave much as in Monaco where it matters for the keyboard alone: Tab indents,
 * Shift+Tab outdents, Escape then Tab leaves (WCAG 2.1.2); Ctrl+Enter runs (the workbench's keys),
 * without TypeScript's check, which comes with Monaco.
 */
export function PlainCodeEditor({ initialValue, onChange, label, area }: Props) {
  const escaped = useRef(false);
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Shift on its way to Shift+Tab is no key of its own; a word being composed keeps its keys.
    if (MODIFIERS.includes(event.key) || event.nativeEvent.isComposing) return;
    const leaving = escaped.current;
    escaped.current = event.key === 'Escape';
    if (event.key !== 'Tab' || leaving || event.ctrlKey || event.altKey || event.metaKey) return;
    event.preventDefault();
    indent(event.currentTarget, event.shiftKey ? 'out' : 'in');
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
 * Puts the caret at the start of `line` (from 1) of the text area, and the focus there: where a
 * report's line link leads while Monaco is not here. If Monaco is, it takes over from there.
 */
export function putCaretAtLine(area: HTMLTextAreaElement, line: number): void {
  let at = 0;
  for (let count = 1; count < line; count++) {
    const next = area.value.indexOf('\n', at);
    if (next < 0) break;
    at = next + 1;
  }
  area.focus();
  area.setSelectionRange(at, at);
}

/**
 * Tab and Shift+Tab, much as in Monaco: a selection over more than one line, or over the whole of
 * one, has each of its lines indented by two spaces (empty ones left alone) or outdented by up to
 * as much; else Tab types two spaces over the selection and Shift+Tab outdents the caret's line.
 * The lines are typed over as one edit, through the browser's editing (see `replaceSelection`).
 */
function indent(area: HTMLTextAreaElement, way: 'in' | 'out') {
  const { value, selectionStart: start, selectionEnd: end } = area;
  const from = start === 0 ? 0 : value.lastIndexOf('\n', start - 1) + 1;
  // A selection that ends where a line starts leaves that line alone, as in Monaco.
  const last = end > start && value[end - 1] === '\n' ? end - 1 : end;
  const lineEnd = value.indexOf('\n', last);
  const to = lineEnd < 0 ? value.length : lineEnd;
  const wholeLines =
    value.slice(start, end).includes('\n') || (start < end && start === from && end === to);
  if (way === 'in' && !wholeLines) {
    replaceSelection(INDENT);
    return;
  }
  const before = value.slice(from, to);
  const after = before
    .split('\n')
    .map((line) => (way === 'out' ? line.replace(OUTDENT, '') : line === '' ? line : INDENT + line))
    .join('\n');
  if (after === before) return;
  area.setSelectionRange(from, to);
  replaceSelection(after);
  if (wholeLines) {
    area.setSelectionRange(from, from + after.length);
  } else {
    const removed = before.length - after.length;
    area.setSelectionRange(Math.max(from, start - removed), Math.max(from, end - removed));
  }
}

/**
 * Types `text` over the selection as a key would: through the browser's editing, so that Ctrl+Z
 * undoes it and the input event follows. execCommand is the only way there is for that in a text
 * area.
 */
function replaceSelection(text: string) {
  if (text === '') document.execCommand('delete');
  else document.execCommand('insertText', false, text);
}
