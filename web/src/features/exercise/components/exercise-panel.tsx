import { useEffect, useState } from 'react';
import type { Draft } from '../../../../../contracts/index.ts';
import { LoadState } from '../../../app/load-state.tsx';
import { Prose } from '../../../app/prose.tsx';
import { useLoad } from '../../../lib/use-api.ts';
import { useCourseVersion } from '../../preview/live-preview.ts';
import { getDraft } from '../api/get-draft.ts';
import { getExercise } from '../api/get-exercise.ts';
import { Hints } from './hints.tsx';
import { SolutionReveal } from './solution-reveal.tsx';
import { Workbench } from './workbench.tsx';

export function ExercisePanel({ id }: { id: string }) {
  const exercise = useLoad(`exercise:${id}`, () => getExercise(id), useCourseVersion());
  // The learner's saved code, asked for beside the exercise rather than once it is here: the
  // editor waits for both, and on a slow network a request's round trip is most of a second.
  const [savedCode, setSavedCode] = useState<Promise<Draft>>();
  useEffect(() => {
    const request = getDraft(id);
    // Its failure is the workbench's to show, and the workbench may never come to read it.
    request.catch(() => undefined);
    setSavedCode(request);
  }, [id]);
  return (
    <section className="exercise" aria-labelledby={`exercise-${id}`}>
      <LoadState loadable={exercise}>
        {(data) => (
          <>
            <h2 id={`exercise-${id}`}>Exercise: {data.title}</h2>
            <Prose html={data.statementHtml} />
            <Workbench
              id={id}
              starter={data.starter}
              run={data.run}
              setup={data.setup}
              savedCode={savedCode}
            />
            <Hints exercise={id} count={data.hintCount} />
            <SolutionReveal exercise={id} />
          </>
        )}
      </LoadState>
    </section>
  );
}
