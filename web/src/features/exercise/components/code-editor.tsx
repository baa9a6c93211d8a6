import { useEffect, useRef } from 'react';
import { monaco } from './monaco.ts';

interface Props {
  /** The text the editor opens with; later changes come from the learner. */
  initialValue: string;
  onChange: (value: string) => void;
  label: string;
}

export default function CodeEditor({ initialValue, onChange, label }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const change = useRef(onChange);
  change.current = onChange;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the editor is created once per mount.
  useEffect(() => {
    if (!host.current) return;
    const dark = window.matchMedia('(prefers-color-scheme: dark)').matches;
    const editor = monaco.editor.create(host.current, {
      value: initialValue,
      language: 'typescript',
      theme: dark ? 'vs-dark' : 'vs',
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 14,
      scrollBeyondLastLine: false,
      ariaLabel: label,
    });
    const subscription = editor.onDidChangeModelContent(() => change.current(editor.getValue()));
    return () => {
      subscription.dispose();
      editor.getModel()?.dispose();
      editor.dispose();
    };
  }, []);

  return <div ref={host} className="code-editor" data-testid="code-editor" />;
}
