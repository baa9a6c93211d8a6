import { type ComponentProps, useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { type Handover, PlainCodeEditor } from './plain-code-editor.tsx';

type CodeEditorModule = typeof import('./code-editor.tsx');

let loaded: CodeEditorModule | undefined;
let loading: Promise<CodeEditorModule> | undefined;

/**
 * Loads the exercise editor's module, Monaco with it, once per page: warm-editor-soon.ts starts
 * it as soon as a lesson page knows it has an exercise, the editor's first render otherwise.
 */
export function loadCodeEditor(): Promise<CodeEditorModule> {
  loading ??= import('./code-editor.tsx').then((module) => {
    loaded = module;
    return module;
  });
  return loading;
}

type Props = Omit<ComponentProps<CodeEditorModule['default']>, 'handover'> & {
  /** Monaco has taken this editor over: its model holds the code. */
  onMonaco?: () => void;
};

/** Whether any of `element` lies inside the window. */
function inWindow(element: HTMLElement): boolean {
  const box = element.getBoundingClientRect();
  return box.bottom > 0 && box.right > 0 && box.top < innerHeight && box.left < innerWidth;
}

/** Longer than a page takes to load: a page kept busy still gets its editors. */
const IDLE_WITHIN_MS = 3000;

/** Runs `work` once the page is idle; returns what cancels it. Safari has no idle callbacks. */
function whenIdle(work: () => void): () => void {
  if ('requestIdleCallback' in window) {
    const handle = requestIdleCallback(work, { timeout: IDLE_WITHIN_MS });
    return () => cancelIdleCallback(handle);
  }
  const handle = setTimeout(work, 500);
  return () => clearTimeout(handle);
}

/**
 * The exercise editor: Monaco as soon as its module is here (for an editor out of sight, once the
 * page is idle or the learner comes to it), at once when it already is, and until then the code
 * in a plain text area (plain-code-editor.tsx) that Monaco replaces with the caret and the focus
 * where the learner left them. Not React.lazy and Suspense: React reveals what a Suspense boundary
 * waited for no sooner than 300 ms after any fallback on the page appeared (its throttle), which
 * held a ready editor back by up to that much; and a lazy component suspends even on a module
 * already loaded.
 */
export function LazyCodeEditor({ onMonaco, ...props }: Props) {
  const [module, setModule] = useState(loaded);
  const tellMonaco = useRef(onMonaco);
  tellMonaco.current = onMonaco;
  const [handover, setHandover] = useState<Handover>();
  const [failure, setFailure] = useState<Error>();
  const area = useRef<HTMLTextAreaElement>(null);
  // Whether taken over from the plain editor or Monaco from the start (mounted again by a reset).
  useEffect(() => {
    if (module) tellMonaco.current?.();
  }, [module]);
  useEffect(() => {
    if (module) return;
    let current = true;
    // A word being composed (an input method's) would be cut in two: Monaco waits for its end.
    let composing = false;
    let arrived: CodeEditorModule | undefined;
    let taken = false;
    const textArea = area.current;
    const takeOver = () => {
      if (!current || !arrived || composing || taken) return;
      taken = true;
      const editor = arrived;
      // From reading the text area to Monaco holding the focus in one task: no key falls between.
      flushSync(() => {
        if (textArea) {
          setHandover({
            value: textArea.value,
            selection: [textArea.selectionStart, textArea.selectionEnd],
            focused: document.activeElement === textArea,
          });
        }
        setModule(editor);
      });
    };
    // An editor out of sight (a page's second exercise) is made once the page is idle, or as the
    // learner comes to it: made in the same task, it would hold back the keys of the one in sight
    // by as long again.
    const outOfSight = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) takeOver();
    });
    let cancelIdle = () => {};
    const arrive = (editor: CodeEditorModule) => {
      if (!current) return;
      arrived = editor;
      if (!textArea || document.activeElement === textArea || inWindow(textArea)) {
        takeOver();
        return;
      }
      outOfSight.observe(textArea);
      cancelIdle = whenIdle(takeOver);
    };
    const composed = (event: Event) => {
      composing = event.type === 'compositionstart';
      // After the word's last input event, which some browsers send after this one; and never
      // inside a commit of React's, which a text area removed mid-word would be.
      if (!composing) setTimeout(takeOver);
    };
    // A click focuses the text area before it places the caret: Monaco takes over after, with
    // the caret where the learner clicked.
    const focused = () => setTimeout(takeOver);
    textArea?.addEventListener('compositionstart', composed);
    textArea?.addEventListener('compositionend', composed);
    textArea?.addEventListener('focus', focused);
    loadCodeEditor().then(arrive, (error: Error) => current && setFailure(error));
    return () => {
      current = false;
      outOfSight.disconnect();
      cancelIdle();
      textArea?.removeEventListener('compositionstart', composed);
      textArea?.removeEventListener('compositionend', composed);
      textArea?.removeEventListener('focus', focused);
    };
  }, [module]);
  if (!module) {
    const { initialValue, onChange, label } = props;
    return (
      <>
        {failure && (
          <p role="alert" className="error">
            The full editor could not load ({failure.message}). Your code stays in this plain one,
            and Run and Submit work; reload the page to try again.
          </p>
        )}
        <PlainCodeEditor
          initialValue={initialValue}
          onChange={onChange}
          label={label}
          area={area}
        />
      </>
    );
  }
  return <module.default {...props} handover={handover} />;
}
