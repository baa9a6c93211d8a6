import { lazy, Suspense, useState } from 'react';
import { LoadState } from '../../../app/load-state.tsx';
import { useLoad } from '../../../lib/use-api.ts';
import type { RunOnceResult } from '../../console/api/run-code.ts';
import { useConsole } from '../../console/console-context.tsx';
import { getExercise } from '../api/get-exercise.ts';
import { type GradeResult, submitSolution } from '../api/submit-solution.ts';
import { GradeReport } from './grade-report.tsx';
import { RunReport } from './run-report.tsx';

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
            {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by the server's markdown-it (html: false). */}
            <div className="prose" dangerouslySetInnerHTML={{ __html: data.statementHtml }} />
            <Workbench id={id} starter={data.starter} />
          </>
        )}
      </LoadState>
    </section>
  );
}

function Workbench({ id, starter }: { id: string; starter: string }) {
  const [source, setSource] = useState(starter);
  const [outcome, setOutcome] = useState<Outcome>({ state: 'idle' });
  const { runCode } = useConsole();
  const busy = outcome.state === 'running' || outcome.state === 'grading';

  const attempt = async (pending: Outcome, work: () => Promise<Outcome>) => {
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
    attempt({ state: 'grading' }, async () => ({
      state: 'graded',
      result: await submitSolution(id, source),
    }));

  return (
    <>
      <Suspense fallback={<div className="code-editor loading">Loading the editor…</div>}>
        <CodeEditor initialValue={starter} onChange={setSource} label={`Code for exercise ${id}`} />
      </Suspense>
      <div className="toolbar">
        <button type="button" className="secondary" onClick={run} disabled={busy}>
          {outcome.state === 'running' ? 'Running…' : 'Run'}
          <span className="visually-hidden"> your code once in your Redis</span>
        </button>
        <button type="button" onClick={submit} disabled={busy}>
          {outcome.state === 'grading' ? 'Grading…' : 'Submit'}
        </button>
      </div>
      {outcome.state === 'ran' && <RunReport result={outcome.result} />}
      {outcome.state === 'graded' && <GradeReport result={outcome.result} />}
      {outcome.state === 'failed' && (
        <p className="error" role="alert">
          {outcome.message}
        </p>
      )}
    </>
  );
}
