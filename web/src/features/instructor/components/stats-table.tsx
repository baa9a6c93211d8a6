import type { ExerciseStats } from '../../../../../contracts/index.ts';

const percent = (fraction: number) => `${Math.round(fraction * 100)}%`;

/** One row per exercise; those that may need a better statement or hint say so in words. */
export function StatsTable({ exercises }: { exercises: ExerciseStats[] }) {
  return (
    // Scrolls sideways on a narrow screen; focusable so that the keyboard can scroll it too.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls must take the focus.
    <section className="table-scroll" aria-labelledby="stats-caption" tabIndex={0}>
      <table className="stats-table">
        <caption id="stats-caption">
          Exercises in course order. Attempts to pass count the passing submission; a check's share
          is of all the exercise's submissions.
        </caption>
        <thead>
          <tr>
            <th scope="col">Exercise</th>
            <th scope="col">Lesson</th>
            <th scope="col" className="number">
              Attempted
            </th>
            <th scope="col" className="number">
              Passed
            </th>
            <th scope="col" className="number">
              Pass rate
            </th>
            <th scope="col" className="number">
              Attempts to pass (median / mean)
            </th>
            <th scope="col" className="number">
              Submissions
            </th>
            <th scope="col">Fails most often</th>
          </tr>
        </thead>
        <tbody>
          {exercises.map((exercise) => (
            <Row key={exercise.id} exercise={exercise} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Row({ exercise }: { exercise: ExerciseStats }) {
  const { attemptsToPass, mostFailedCheck, concerns } = exercise;
  return (
    <tr className={concerns.length > 0 ? 'needs-attention' : undefined} data-exercise={exercise.id}>
      <th scope="row">
        {exercise.title}
        {concerns.length > 0 && (
          <span className="concern">
            <strong>Needs attention:</strong> {concerns.join('; ')}
          </span>
        )}
      </th>
      <td>{exercise.lesson?.title ?? <span className="muted">No longer in the course</span>}</td>
      <td className="number">{exercise.attempted}</td>
      <td className="number">{exercise.passed}</td>
      <td className="number">{exercise.passRate === null ? '—' : percent(exercise.passRate)}</td>
      <td className="number">
        {attemptsToPass ? `${attemptsToPass.median} / ${attemptsToPass.mean}` : '—'}
      </td>
      <td className="number">{exercise.submissions}</td>
      <td>
        {mostFailedCheck ? (
          <>
            {mostFailedCheck.name}{' '}
            <span className="muted">
              ({mostFailedCheck.failures} submission{mostFailedCheck.failures === 1 ? '' : 's'},{' '}
              {percent(mostFailedCheck.share)})
            </span>
          </>
        ) : (
          '—'
        )}
      </td>
    </tr>
  );
}
