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

/** Whether Monaco is here: until then each exercise's code is in a plain editor. */
export const codeEditorLoaded = () => loaded !== undefined;

type Props = Omit<ComponentProps<CodeEditorModule['default']>, 'handover'>;

/**
 * The exercise editor: Monaco as soon as its module is here, at once when it already is, and
 * until then the code in a plain text area (plain-code-editor.tsx) that Monaco replaces with the
 * caret and the focus where the learner left them. Not React.lazy and Suspense: React reveals
 * what a Suspense boundary waited for no sooner than 300 ms after any fallback on the page
 * appeared (its throttle), which held a ready editor back by up to that much; and a lazy
 * component suspends even on a module already loaded.
 */
export function LazyCodeEditor(props: Props) {
  const [module, setModule] = useState(loaded);
  const [handover, setHandover] = useState<Handover>();
  const [failure, setFailure] = useState<Error>();
  const area = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (module) return;
    let current = true;
    // A word being composed (an input method's) would be cut in two: Monaco waits for its end.
    let composing = false;
    let arrived: CodeEditorModule | undefined;
    const textArea = area.current;
    const takeOver = () => {
      if (!current || !arrived || composing) return;
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
    const composed = (event: Event) => {
      composing = event.type === 'compositionstart';
      // After the word's last input event, which some browsers send after this one; and never
      // inside a commit of React's, which a text area removed mid-word would be.
      if (!composing) setTimeout(takeOver);
    };
    textArea?.addEventListener('compositionstart', composed);
    textArea?.addEventListener('compositionend', composed);
    loadCodeEditor().then(
      (editor) => {
        arrived = editor;
        takeOver();
      },
      (error: Error) => current && setFailure(error),
    );
    return () => {
      current = false;
      textArea?.removeEventListener('compositionstart', composed);
      textArea?.removeEventListener('compositionend', composed);
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
