import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import type { Draft, GradeResult, RunOnceResult } from '../../../../../contracts/index.ts';
import { useLoad } from '../../../lib/use-api.ts';
import { useConsole } from '../../console/console-context.tsx';
import { NextStep } from '../../course/components/next-step.tsx';
import { showSubmitted } from '../../progress/progress-store.ts';
import { getDraft } from '../api/get-draft.ts';
import { submitSolution } from '../api/submit-solution.ts';
import { exerciseCodePath } from '../exercise-code-uri.ts';
import { useDraftSaver } from '../hooks/use-draft-saver.ts';
import { useRunArguments } from '../hooks/use-run-arguments.ts';
import { problemsOf } from '../outcome-problems.ts';
import type { RunCall } from '../run-arguments.ts';
import type { LineProblem } from './editor-diagnostics.ts';
import { GradeReport } from './grade-report.tsx';
import { LazyCodeEditor } from './lazy-code-editor.tsx';
import { putCaretAtLine } from './plain-code-editor.tsx';
import { RunArgumentsForm } from './run-arguments-form.tsx';
import { RunReport } from './run-report.tsx';
import { SaveStatus } from './save-status.tsx';
import { TypeErrorsQuestion } from './type-errors-question.tsx';

// With Monaco, as the editor is: imported when a Run, a Submit or a result needs it.
const diagnostics = () => import('./editor-diagnostics.ts');

/** What the panel shows under the editor: the last Run or Submit, one at a time. */
type Outcome =
  | { state: 'idle' }
  | { state: 'running' }
  | { state: 'ran'; result: RunOnceResult }
  /** `waiting`: what the server says while the graders are busy (queue mode). */
  | { state: 'grading'; waiting?: string }
  | { state: 'graded'; result: GradeResult }
  | { state: 'failed'; message: string };

const MODIFIER = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl';

const isShortcut = (event: KeyboardEvent) =>
  event.key === 'Enter' && (event.ctrlKey || event.metaKey);

/**
 * The editor with the learner's saved code, and what runs it. The editor waits for the saved
 * code: opening it on the starter and then swapping would lose what the learner typed meanwhile.
 */
interface WorkbenchProps {
  id: string;
  starter: string;
  /** What Run calls, and the data it stores first (exercise.md's `run:` and `setup:`). */
  run: RunCall[];
  setup: string[][];
}

export function Workbench({
  id,
  starter,
  run,
  setup,
  savedCode,
}: WorkbenchProps & {
  /** The saved code, already asked for (exercise-panel.tsx); asked again on "Try again". */
  savedCode?: Promise<Draft>;
}) {
  const [attempt, setAttempt] = useState(0);
  const draft = useLoad(
    `draft:${id}:${attempt}`,
    () => (attempt === 0 && savedCode) || getDraft(id),
  );
  if (draft.state === 'loading') {
    return <div className="code-editor loading">Loading your code…</div>;
  }
  if (draft.state === 'failed') {
    return (
      <div className="code-editor loading">
        <div role="alert">
          <p className="error">Your code could not be loaded: {draft.error.message}</p>
          <button type="button" className="secondary" onClick={() => setAttempt((n) => n + 1)}>
            Try again
          </button>
        </div>
      </div>
    );
  }
  return <LoadedWorkbench id={id} starter={starter} run={run} setup={setup} draft={draft.data} />;
}

type Action = 'run' | 'submit';

function LoadedWorkbench({
  id,
  starter,
  run: calls,
  setup,
  draft,
}: WorkbenchProps & { draft: Draft }) {
  const path = exerciseCodePath(id);
  const [source, setSource] = useState(draft.source ?? starter);
  // The code as it is now, for a Run or Submit asked for before the render that shows it: one
  // waits for TypeScript's answer, and the learner may type meanwhile.
  const sourceNow = useRef(source);
  const saver = useDraftSaver(id, { state: draft.source === null ? 'untouched' : 'saved' });
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
  // A page left while its submission waits for a grader stops asking; the server records it.
  const leaving = useRef(new AbortController());
  useEffect(() => {
    const controller = new AbortController();
    leaving.current = controller;
    return () => controller.abort();
  }, []);
  const { runCode } = useConsole();
  const runArgs = useRunArguments(calls);
  // Type errors found as Run or Submit was asked for: the learner says whether to go on.
  const [checking, setChecking] = useState(false);
  const [question, setQuestion] = useState<{ action: Action; errors: LineProblem[] }>();
  const buttons = { run: useRef<HTMLButtonElement>(null), submit: useRef<HTMLButtonElement>(null) };
  const busy = outcome.state === 'running' || outcome.state === 'grading' || checking;
  // A result lands under the editor, out of view when the keys in the editor asked for it.
  const report = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (outcome.state === 'ran' || outcome.state === 'graded' || outcome.state === 'failed') {
      report.current?.scrollIntoView({ block: 'nearest' });
    }
  }, [outcome]);
  // Told by the editor once it is Monaco, from the start or taking over from the plain editor:
  // the marks below are put on its model then.
  const [monacoHere, setMonacoHere] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  // The lines the last Run or Submit points at are marked in the editor until the next one.
  useEffect(() => {
    if (!monacoHere) return;
    const found =
      outcome.state === 'ran'
        ? problemsOf(id, { ran: outcome.result })
        : outcome.state === 'graded'
          ? problemsOf(id, { graded: outcome.result })
          : [];
    if (found.length === 0 && outcome.state !== 'running' && outcome.state !== 'grading') return;
    diagnostics().then(
      ({ markLines }) => markLines(path, found),
      () => undefined,
    );
  }, [outcome, id, path, monacoHere]);

  const edit = (code: string) => {
    sourceNow.current = code;
    setSource(code);
    saver.change(code);
  };
  const attemptTo = async (pending: Outcome, work: () => Promise<Outcome>) => {
    if (busy) return;
    setOutcome(pending);
    try {
      setOutcome(await work());
    } catch (error) {
      setOutcome({ state: 'failed', message: (error as Error).message });
    }
  };
  const runNow = () => {
    const chosen = runArgs.read();
    if ('unreadable' in chosen) {
      const index = chosen.unreadable;
      setOutcome({
        state: 'failed',
        message: `Run did not start: the arguments of ${calls[index]?.call} (call ${index + 1}) cannot be read. Fix them under "What Run does", or restore the exercise's.`,
      });
      return;
    }
    void attemptTo({ state: 'running' }, async () => ({
      state: 'ran',
      result: await runCode(id, sourceNow.current, chosen.args),
    }));
  };
  const submitNow = () =>
    attemptTo({ state: 'grading' }, async () => {
      const { result, progress } = await submitSolution(id, sourceNow.current, {
        onPending: ({ message }) => setOutcome({ state: 'grading', waiting: message }),
        signal: leaving.current.signal,
      });
      // The server recorded the submission: the hints and the solution follow what it says now.
      showSubmitted(id, progress);
      return { state: 'graded', result };
    });
  /**
   * Runs or submits, unless TypeScript finds errors in the code: then the learner is asked first,
   * since code that does not type-check can store what the next exercises will trip over.
   */
  const ask = async (action: Action) => {
    if (busy || question) return;
    // The plain editor, Monaco not here yet: no TypeScript to ask, and waiting for Monaco's
    // megabytes would hold the Run back for seconds on a slow network. The grader still reports
    // what it finds.
    if (!monacoHere) {
      go(action);
      return;
    }
    setChecking(true);
    let errors: LineProblem[] = [];
    try {
      errors = await (await diagnostics()).typeErrors(path);
    } catch {
      // No TypeScript (the editor failed to load): the grader still reports what it finds.
    } finally {
      setChecking(false);
    }
    if (errors.length > 0) setQuestion({ action, errors });
    else go(action);
  };
  const go = (action: Action) => (action === 'run' ? runNow() : void submitNow());
  const goToLine = (line: number) => {
    // The plain editor, Monaco not here yet: its text area takes the caret.
    const plain = root.current?.querySelector<HTMLTextAreaElement>('.code-editor.plain textarea');
    if (plain) putCaretAtLine(plain, line);
    else void diagnostics().then(({ focusLine }) => focusLine(path, line));
  };
  const run = () => void ask('run');
  const submit = () => void ask('submit');
  const answer = (goOn: boolean) => {
    if (!question) return;
    setQuestion(undefined);
    if (!goOn) {
      goToLine(question.errors[0]?.line ?? 1);
      return;
    }
    buttons[question.action].current?.focus();
    go(question.action);
  };
  const reset = () => {
    saver.reset();
    sourceNow.current = starter;
    setSource(starter);
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
    <div className="workbench" onKeyDown={onKeyDown} ref={root}>
      <LazyCodeEditor
        key={edition}
        initialValue={source}
        onChange={edit}
        onRun={run}
        onSubmit={submit}
        label={`Code for exercise ${id}. Tab indents; Escape then Tab leaves the editor.`}
        path={path}
        onMonaco={() => setMonacoHere(true)}
      />
      <SaveStatus status={saver.status} />
      <div className="toolbar">
        <button
          type="button"
          className="secondary"
          ref={buttons.run}
          onClick={run}
          disabled={busy || question !== undefined}
        >
          {outcome.state === 'running' ? 'Running…' : 'Run'}
          <span className="visually-hidden"> your code once in your Redis</span>
        </button>
        <button
          type="button"
          ref={buttons.submit}
          onClick={submit}
          disabled={busy || question !== undefined}
        >
          {outcome.state === 'grading' ? 'Grading…' : 'Submit'}
        </button>
        <span className="shortcuts muted">
          <kbd>{MODIFIER}</kbd>+<kbd>Enter</kbd> runs, with <kbd>Shift</kbd> submits; <kbd>Esc</kbd>{' '}
          then <kbd>Tab</kbd> leaves the editor
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
      {question && (
        <TypeErrorsQuestion action={question.action} errors={question.errors} onAnswer={answer} />
      )}
      <RunArgumentsForm
        calls={calls}
        setup={setup}
        texts={runArgs.texts}
        errors={runArgs.errors}
        open={runArgs.open}
        onToggle={runArgs.setOpen}
        onChange={runArgs.edit}
        onRestore={runArgs.restore}
        edited={runArgs.edited}
        inputs={runArgs.inputs}
      />
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
      {outcome.state === 'grading' && outcome.waiting && (
        <p className="muted grading-wait" role="status">
          {`${outcome.waiting.charAt(0).toUpperCase()}${outcome.waiting.slice(1)}…`}
        </p>
      )}
      <div className="outcome" ref={report}>
        {outcome.state === 'ran' && <RunReport result={outcome.result} />}
        {outcome.state === 'graded' && (
          <GradeReport result={outcome.result} onGoToLine={goToLine} />
        )}
        {outcome.state === 'graded' && outcome.result.status === 'pass' && (
          <NextStep exercise={id} />
        )}
        {outcome.state === 'failed' && (
          <p className="error" role="alert">
            {outcome.message}
          </p>
        )}
      </div>
    </div>
  );
}
