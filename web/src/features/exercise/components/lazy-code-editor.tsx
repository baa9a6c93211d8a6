import { type ComponentProps, useEffect, useState } from 'react';

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

/**
 * The exercise editor, shown as soon as its module is here: at once when it already is. Not
 * React.lazy and Suspense: React reveals what a Suspense boundary waited for no sooner than 300 ms
 * after any fallback on the page appeared (its throttle), which held a ready editor back by up to
 * that much; and a lazy component suspends even on a module already loaded.
 */
export function LazyCodeEditor(props: ComponentProps<CodeEditorModule['default']>) {
  const [module, setModule] = useState(loaded);
  const [failure, setFailure] = useState<Error>();
  useEffect(() => {
    if (module) return;
    let current = true;
    loadCodeEditor().then(
      (arrived) => current && setModule(arrived),
      (error: Error) => current && setFailure(error),
    );
    return () => {
      current = false;
    };
  }, [module]);
  // As React.lazy did: a module that cannot load is the error boundary's to show.
  if (failure) throw failure;
  if (!module) return <div className="code-editor loading">Loading the editor…</div>;
  return <module.default {...props} />;
}
