import { type KeyboardEvent, lazy, Suspense, useEffect, useRef, useState } from 'react';
import { LoadState } from '../../../app/load-state.tsx';
import { Prose } from '../../../app/prose.tsx';
import { useLoad } from '../../../lib/use-api.ts';
import type { RunOnceResult } from '../../console/api/run-code.ts';
import { useConsole } from '../../console/console-context.tsx';
import {
  forgetCode,
  recordSubmission,
  saveCode,
  savedCode,
} from '../../progress/progress-store.ts';
import { getExercise } from '../api/get-exercise.ts';
import { type GradeResult, submitSolution } from '../api/submit-solution.ts';
import { GradeReport } from './grade-report.tsx';
import { Hints } from './hints.tsx';
import { RunReport } from './run-report.tsx';
import { SolutionReveal } from './solution-reveal.tsx';

const CodeEditor = lazy(() => import('./code-editor.tsx'));

/** What the panel shows under the editor: the last Run or Submit, one at a time. */
type Outcome =
  | { state: 'idle' }
  | { state: 'running' }
  | { state: 'ran'; result: RunOnceResult }
  | { state: 'grading' }
  | { state: 'graded'; result: GradeResult }
  | { state: 'failed'; message: string };

export function ExercisePanel({ id }: { id: string }) {
  const exercise = useLoad(`exercise:${id}`, () => getExercise(id));
  return (
    <section className="exercise" aria-labelledby={`exercise-${id}`}>
      <LoadState loadable={exercise}>
        {(data) => (
          <>
            <h2 id={`exercise-${id}`}>Exercise: {data.title}</h2>
            <Prose html={data.statementHtml} />
            <Workbench id={id} starter={data.starter} />
            <Hints exercise={id} count={data.hintCount} />
            <SolutionReveal exercise={id} />
          </>
        )}
      </LoadState>
    </section>
  );
}

const MODIFIER = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl';

const isShortcut = (event: KeyboardEvent) =>
  event.key === 'Enter' && (event.ctrlKey || event.metaKey);

function Workbench({ id, starter }: { id: string; starter: string }) {
  const [source, setSource] = useState(() => savedCode(id) ?? starter);
  const [unsaved, setUnsaved] = useState(false);
  // Bumped by "Reset to starter": the editor is made again with the starter in it.
  const [edition, setEdition] = useState(0);
  const [confirmingReset, setConfirmingReset] = useState(false);
  // The question takes the focus when it opens, and gives it back to its button when it closes.
  const resetButton = useRef<HTMLButtonElement>(null);
  const keepButton = useRef<HTMLButtonElement>(null);
  const askedBefore = useRef(false);
  useEffect(() => {
    if (confirmingReset) keepButton.current?.focus();
    else if (askedBefore.current) resetButton.current?.focus();
    askedBefore.current ||= confirmingReset;
  }, [confirmingReset]);
  const [outcome, setOutcome] = useState<Outcome>({ state: 'idle' });
  const { runCode } = useConsole();
  const busy = outcome.state === 'running' || outcome.state === 'grading';

  const edit = (code: string) => {
    setSource(code);
    setUnsaved(!saveCode(id, code));
  };
  const attempt = async (pending: Outcome, work: () => Promise<Outcome>) => {
    if (busy) return;
    setOutcome(pending);
    try {
      setOutcome(await work());
    } catch (error) {
      setOutcome({ state: 'failed', message: (error as Error).message });
    }
  };
  const run = () =>
    attempt({ state: 'running' }, async () => ({
      state: 'ran',
      result: await runCode(id, source),
    }));
  const submit = () =>
    attempt({ state: 'grading' }, async () => {
      const result = await submitSolution(id, source);
      recordSubmission(id, result.status === 'pass');
      return { state: 'graded', result };
    });
  const reset = () => {
    forgetCode(id);
    setSource(starter);
    setUnsaved(false);
    setEdition((count) => count + 1);
    setConfirmingReset(false);
    setOutcome({ state: 'idle' });
  };
  // The same keys as in the editor, for when the focus is on the buttons or the report.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!isShortcut(event) || (event.target as HTMLElement).closest('.monaco-editor')) return;
    event.preventDefault();
    if (event.shiftKey) submit();
    else run();
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: keyboard shortcuts for the controls inside, which are buttons.
    <div className="workbench" onKeyDown={onKeyDown}>
      <Suspense fallback={<div className="code-editor loading">Loading the editor…</div>}>
        <CodeEditor
          key={edition}
          initialValue={source}
          onChange={edit}
          onRun={run}
          onSubmit={submit}
          label={`Code for exercise ${id}`}
          path={`${id}/submission.ts`}
        />
      </Suspense>
      {unsaved && (
        <p className="error" role="alert">
          This browser refused to save your code (its storage is full or turned off): it is only in
          the editor, so copy it somewhere before you leave the page.
        </p>
      )}
      <div className="toolbar">
        <button type="button" className="secondary" onClick={run} disabled={busy}>
          {outcome.state === 'running' ? 'Running…' : 'Run'}
          <span className="visually-hidden"> your code once in your Redis</span>
        </button>
        <button type="button" onClick={submit} disabled={busy}>
          {outcome.state === 'grading' ? 'Grading…' : 'Submit'}
        </button>
        <span className="shortcuts muted">
          <kbd>{MODIFIER}</kbd>+<kbd>Enter</kbd> runs, with <kbd>Shift</kbd> submits
        </span>
        <button
          type="button"
          className="link-button"
          ref={resetButton}
          onClick={() => setConfirmingReset(true)}
          disabled={busy || confirmingReset}
        >
          Reset to starter
        </button>
      </div>
      {confirmingReset && (
        <fieldset className="confirm">
          <legend>Replace your code with the starter code?</legend>
          <p>Your version will be gone.</p>
          <button type="button" onClick={reset}>
            Replace my code
          </button>{' '}
          <button
            type="button"
            className="secondary"
            ref={keepButton}
            onClick={() => setConfirmingReset(false)}
          >
            Keep my code
          </button>
        </fieldset>
      )}
      {outcome.state === 'ran' && <RunReport result={outcome.result} />}
      {outcome.state === 'graded' && <GradeReport result={outcome.result} />}
      {outcome.state === 'failed' && (
        <p className="error" role="alert">
          {outcome.message}
        </p>
      )}
    </div>
  );
}
