import { useEffect, useRef } from 'react';
import { useTheme } from '../../../app/theme.ts';
import { exerciseCodePath, exerciseCodeUri } from '../exercise-code-uri.ts';
import { EDITOR_OPTIONS, themeOf } from './editor-look.ts';
import { fitToContent } from './fit-to-content.ts';
import { monaco } from './monaco.ts';
import { TYPESCRIPT_VIEW } from './typescript-view.ts';

/**
 * Monaco's diff editor, read-only: the learner's code as their editor holds it now (and as they
 * go on editing it) beside the reference solution, what differs marked.
 */
export default function SolutionDiff({
  exercise,
  solution,
}: {
  exercise: string;
  solution: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  const theme = useTheme();

  // biome-ignore lint/correctness/useExhaustiveDependencies: the theme follows below, without a new diff.
  useEffect(() => {
    if (!host.current) return;
    // Copies, not the learner's model: a diff must never outlive, or dispose, the models it shows.
    const mine = monaco.editor.createModel('', TYPESCRIPT_VIEW);
    const reference = monaco.editor.createModel(solution, TYPESCRIPT_VIEW);
    const diff = monaco.editor.createDiffEditor(host.current, {
      ...EDITOR_OPTIONS,
      theme: themeOf(theme),
      readOnly: true,
      originalEditable: false,
      // Side by side even in the narrow column, so that the headings above stay true; fixed
      // halves, for the same reason.
      useInlineViewWhenSpaceIsLimited: false,
      enableSplitViewResizing: false,
      renderOverviewRuler: false,
      folding: false,
      // Each half is half a column: the gutters and the scrollbar give their width to the code,
      // which otherwise wraps every few words.
      lineNumbersMinChars: 2,
      glyphMargin: false,
      scrollbar: { verticalScrollbarSize: 10 },
    });
    // Each side's text box, which would otherwise be an input without a name. Set on the sides:
    // the diff editor's originalAriaLabel and modifiedAriaLabel are dropped at its creation
    // (Monaco 0.57), and are not in the type of its later options.
    diff.getOriginalEditor().updateOptions({ ariaLabel: 'Your code (read-only)' });
    diff.getModifiedEditor().updateOptions({ ariaLabel: 'The reference solution (read-only)' });
    diff.setModel({ original: mine, modified: reference });
    const following = followLearnerCode(exercise, (code) => {
      if (code !== mine.getValue()) mine.setValue(code);
    });
    const height = fitToContent(host.current, [diff.getOriginalEditor(), diff.getModifiedEditor()]);
    return () => {
      following.dispose();
      height.dispose();
      // The editor first, which cancels a diff still being computed: models disposed under a live
      // diff editor throw ("TextModel got disposed before DiffEditorWidget model got reset", or
      // "no diff result available" from a diff the worker can no longer compute).
      diff.dispose();
      mine.dispose();
      reference.dispose();
    };
  }, [exercise, solution]);

  useEffect(() => monaco.editor.setTheme(themeOf(theme)), [theme]);

  return (
    <div className="solution-diff">
      <div className="solution-diff-sides" aria-hidden="true">
        <span>Your code</span>
        <span>Reference solution</span>
      </div>
      <div ref={host} className="solution-diff-editor" data-testid="solution-diff" />
    </div>
  );
}

/**
 * Calls `take` with the code in the exercise's editor, now and at each change, also once the
 * editor is made again ("Reset to starter") or made at all.
 */
function followLearnerCode(exercise: string, take: (code: string) => void): monaco.IDisposable {
  const uri = monaco.Uri.parse(exerciseCodeUri(exerciseCodePath(exercise))).toString();
  let changes: monaco.IDisposable | undefined;
  const follow = (model: monaco.editor.ITextModel) => {
    changes?.dispose();
    take(model.getValue());
    changes = model.onDidChangeContent(() => take(model.getValue()));
  };
  const current = monaco.editor.getModels().find((model) => model.uri.toString() === uri);
  if (current) follow(current);
  const created = monaco.editor.onDidCreateModel((model) => {
    if (model.uri.toString() === uri) follow(model);
  });
  return {
    dispose: () => {
      created.dispose();
      changes?.dispose();
    },
  };
}
