import { lazy, Suspense, useState } from 'react';
import { LoadState } from '../../../app/load-state.tsx';
import { useLoad } from '../../../lib/use-api.ts';
import { getExercise } from '../api/get-exercise.ts';
import { type GradeResult, submitSolution } from '../api/submit-solution.ts';
import { GradeReport } from './grade-report.tsx';

const CodeEditor = lazy(() => import('./code-editor.tsx'));

type Submission =
  | { state: 'idle' }
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
  const [submission, setSubmission] = useState<Submission>({ state: 'idle' });

  const submit = async () => {
    setSubmission({ state: 'grading' });
    try {
      setSubmission({ state: 'graded', result: await submitSolution(id, source) });
    } catch (error) {
      setSubmission({ state: 'failed', message: (error as Error).message });
    }
  };

  return (
    <>
      <Suspense fallback={<div className="code-editor loading">Loading the editor…</div>}>
        <CodeEditor initialValue={starter} onChange={setSource} label={`Code for exercise ${id}`} />
      </Suspense>
      <div className="toolbar">
        <button type="button" onClick={submit} disabled={submission.state === 'grading'}>
          {submission.state === 'grading' ? 'Grading…' : 'Submit'}
        </button>
      </div>
      {submission.state === 'graded' && <GradeReport result={submission.result} />}
      {submission.state === 'failed' && (
        <p className="error" role="alert">
          {submission.message}
        </p>
      )}
    </>
  );
}
