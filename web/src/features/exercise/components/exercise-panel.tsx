import { LoadState } from '../../../app/load-state.tsx';
import { Prose } from '../../../app/prose.tsx';
import { useLoad } from '../../../lib/use-api.ts';
import { useCourseVersion } from '../../preview/live-preview.ts';
import { getExercise } from '../api/get-exercise.ts';
import { Hints } from './hints.tsx';
import { SolutionReveal } from './solution-reveal.tsx';
import { Workbench } from './workbench.tsx';

export function ExercisePanel({ id }: { id: string }) {
  const exercise = useLoad(`exercise:${id}`, () => getExercise(id), useCourseVersion());
  return (
    <section className="exercise" aria-labelledby={`exercise-${id}`}>
      <LoadState loadable={exercise}>
        {(data) => (
          <>
            <h2 id={`exercise-${id}`}>Exercise: {data.title}</h2>
            <Prose html={data.statementHtml} />
            <Workbench id={id} starter={data.starter} run={data.run} setup={data.setup} />
            <Hints exercise={id} count={data.hintCount} />
            <SolutionReveal exercise={id} />
          </>
        )}
      </LoadState>
    </section>
  );
}
