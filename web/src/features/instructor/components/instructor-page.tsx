import { useEffect, useState } from 'react';
import { useLoad } from '../../../lib/use-api.ts';
import { downloadStatsCsv } from '../api/download-stats-csv.ts';
import { getExerciseStats } from '../api/get-exercise-stats.ts';
import { instructorProblem } from '../instructor-problem.ts';
import { forgetToken, keepToken, readToken } from '../instructor-token.ts';
import { StatsTable } from './stats-table.tsx';
import { TokenForm } from './token-form.tsx';

/** /instructor: how learners fare with each exercise, once the instructor token is given. */
export function InstructorPage() {
  const [token, setToken] = useState(readToken);
  const [problem, setProblem] = useState<string>();
  const open = (entered: string) => {
    keepToken(entered);
    setProblem(undefined);
    setToken(entered);
  };
  const close = (why?: string) => {
    forgetToken();
    setProblem(why);
    setToken(undefined);
  };
  return (
    <main className="instructor">
      <h1>Instructor view</h1>
      <p className="lead">
        For each exercise: how many learners attempted it and passed, how many submissions passing
        took, and which check fails most often. A hard exercise may need a better statement or hint.
      </p>
      {token ? (
        <ExerciseStatsView key={token} token={token} onClose={close} />
      ) : (
        <TokenForm problem={problem} onToken={open} />
      )}
    </main>
  );
}

function ExerciseStatsView(props: { token: string; onClose: (why?: string) => void }) {
  const { token, onClose } = props;
  const [loads, setLoads] = useState(0);
  const stats = useLoad(String(loads), () => getExerciseStats(token));
  const [download, setDownload] = useState<{ busy: boolean; problem?: string }>({ busy: false });
  const failure = stats.state === 'failed' ? instructorProblem(stats.error) : undefined;
  useEffect(() => {
    if (stats.state !== 'failed') return;
    const { message, askAgain } = instructorProblem(stats.error);
    if (askAgain) onClose(message);
  }, [stats, onClose]);

  const saveCsv = async () => {
    setDownload({ busy: true });
    try {
      await downloadStatsCsv(token);
      setDownload({ busy: false });
    } catch (error) {
      const { message, askAgain } = instructorProblem(error as Error);
      if (askAgain) onClose(message);
      else setDownload({ busy: false, problem: message });
    }
  };

  const flagged =
    stats.state === 'ready' ? stats.data.exercises.filter((row) => row.concerns.length > 0) : [];
  return (
    <>
      <div className="toolbar">
        <button type="button" onClick={saveCsv} disabled={download.busy}>
          Download CSV
        </button>
        <button type="button" className="secondary" onClick={() => setLoads(loads + 1)}>
          Refresh
        </button>
        <button type="button" className="secondary" onClick={() => onClose()}>
          Forget the token
        </button>
      </div>
      {download.problem && (
        <p className="error" role="alert">
          The CSV could not be downloaded: {download.problem}
        </p>
      )}
      {stats.state === 'loading' && <p className="muted">Loading…</p>}
      {failure && !failure.askAgain && (
        <p className="error" role="alert">
          {failure.message}
        </p>
      )}
      {stats.state === 'ready' && (
        <>
          <p>
            {flagged.length === 0
              ? 'No exercise looks like it needs help yet.'
              : `${flagged.length} of ${stats.data.exercises.length} exercises are marked “Needs attention”, each with the reason.`}
          </p>
          <StatsTable exercises={stats.data.exercises} />
        </>
      )}
    </>
  );
}
