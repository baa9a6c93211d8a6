import { useEffect, useLayoutEffect, useRef } from 'react';
import { useTheme } from '../../../app/theme.ts';
import { exerciseCodeUri } from '../exercise-code-uri.ts';
import { EDITOR_OPTIONS, themeOf } from './editor-look.ts';
import { fitToContent } from './fit-to-content.ts';
import { declareTypes, monaco, typesDeclared } from './monaco.ts';
import type { Handover } from './plain-code-editor.tsx';
import { TYPESCRIPT_VIEW } from './typescript-view.ts';

interface Props {
  /** The text the editor opens with; later changes come from the learner. */
  initialValue: string;
  onChange: (value: string) => void;
  /** Ctrl/Cmd+Enter. */
  onRun: () => void;
  /** Ctrl/Cmd+Shift+Enter. */
  onSubmit: () => void;
  label: string;
  /** Where the code lives for the TypeScript service, e.g. `set-and-get/set-and-get.ts`:
   * the name the grader gives the learner's file in its messages. */
  path: string;
  /** Where the learner was in the plain editor this one replaces (lazy-code-editor.tsx). */
  handover?: Handover;
}

export default function CodeEditor(props: Props) {
  const { initialValue, label, path, handover } = props;
  const host = useRef<HTMLDivElement>(null);
  const theme = useTheme();
  // The editor is made once; its commands call whatever the panel passes now.
  const latest = useRef(props);
  latest.current = props;

  // Made in the commit that removes the plain editor, in the same task: a key pressed meanwhile
  // waits for Monaco, which has the focus by then.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the editor is created once per mount.
  useLayoutEffect(() => {
    if (!host.current) return;
    // Typed into at once; TypeScript's service (completions, hovers, errors) joins when ioredis's
    // declarations are here, usually before.
    const model = monaco.editor.createModel(
      handover?.value ?? initialValue,
      typesDeclared() ? 'typescript' : TYPESCRIPT_VIEW,
      monaco.Uri.parse(exerciseCodeUri(path)),
    );
    declareTypes().then(
      () => model.isDisposed() || monaco.editor.setModelLanguage(model, 'typescript'),
      (error: unknown) => console.warn('TypeScript could not load in the code editor:', error),
    );
    const editor = monaco.editor.create(host.current, {
      ...EDITOR_OPTIONS,
      model,
      theme: themeOf(theme),
      // Nor may code be faded for being unused (a starter's parameters often are): that is
      // below readable contrast too. TypeScript's hint stays on hover.
      showUnused: false,
      ariaLabel: label,
    });
    const { KeyMod, KeyCode } = monaco;
    // Actions, not addCommand: a command's keybinding is global, so with two exercises on a page
    // the last editor made would take the keys of both.
    const actions = [
      editor.addAction({
        id: 'keyspace.run',
        label: 'Run your code once',
        keybindings: [KeyMod.CtrlCmd | KeyCode.Enter],
        run: () => latest.current.onRun(),
      }),
      editor.addAction({
        id: 'keyspace.submit',
        label: 'Submit your code for grading',
        keybindings: [KeyMod.CtrlCmd | KeyMod.Shift | KeyCode.Enter],
        run: () => latest.current.onSubmit(),
      }),
    ];
    if (handover) {
      const [start, end] = handover.selection.map((offset) => model.getPositionAt(offset));
      if (start && end) {
        editor.setSelection(monaco.Selection.fromPositions(start, end));
        editor.revealPositionInCenterIfOutsideViewport(end);
      }
      if (handover.focused) editor.focus();
    }
    const height = fitToContent(host.current, [editor]);
    const subscription = editor.onDidChangeModelContent(() =>
      latest.current.onChange(editor.getValue()),
    );
    // Tab indents here, so that the keyboard alone cannot leave by it (WCAG 2.1.2): Escape, then
    // Tab or Shift+Tab, moves the focus on or back, as in CodeMirror. Monaco's own Ctrl+M, which
    // makes Tab move the focus until pressed again, stays.
    let escaped = false;
    const keys = editor.onKeyDown((event) => {
      // Shift on its way to Shift+Tab is no key of its own.
      if (MODIFIERS.includes(event.keyCode)) return;
      const leaving =
        escaped &&
        event.keyCode === KeyCode.Tab &&
        !event.ctrlKey &&
        !event.altKey &&
        !event.metaKey;
      escaped = event.keyCode === KeyCode.Escape;
      if (!leaving || !host.current) return;
      event.preventDefault();
      event.stopPropagation();
      focusBeside(host.current, event.shiftKey ? 'back' : 'on');
    });
    return () => {
      keys.dispose();
      height.dispose();
      subscription.dispose();
      for (const action of actions) action.dispose();
      editor.dispose();
      model.dispose();
    };
  }, []);

  useEffect(() => monaco.editor.setTheme(themeOf(theme)), [theme]);

  return <div ref={host} className="code-editor" data-testid="code-editor" />;
}

const MODIFIERS = [
  monaco.KeyCode.Shift,
  monaco.KeyCode.Ctrl,
  monaco.KeyCode.Alt,
  monaco.KeyCode.Meta,
];

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Focuses the first control after `container` in the page's order, or the last one before it. */
function focusBeside(container: HTMLElement, way: 'on' | 'back') {
  const side = way === 'on' ? Node.DOCUMENT_POSITION_FOLLOWING : Node.DOCUMENT_POSITION_PRECEDING;
  const candidates = [...document.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (element) =>
      !container.contains(element) &&
      container.compareDocumentPosition(element) & side &&
      element.getClientRects().length > 0,
  );
  (way === 'on' ? candidates[0] : candidates.at(-1))?.focus();
}
