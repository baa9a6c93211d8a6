import type { GradeResult, Status } from '../../../../../contracts/index.ts';
import { RedisActivityView } from './redis-activity.tsx';

const LABEL: Record<Status, string> = { pass: 'Passed', fail: 'Failed', error: 'Error' };
const MARK: Record<Status, string> = { pass: '✓', fail: '✗', error: '!' };

type Check = GradeResult['checks'][number];

/**
 * Each check with its verdict; the first that did not pass is open, the others open on a click.
 * Every string here came from learner code: text, never markup.
 */
export function GradeReport({
  result,
  onGoToLine,
}: {
  result: GradeResult;
  /** Puts the learner's cursor at a line of their code. */
  onGoToLine: (line: number) => void;
}) {
  const passed = result.checks.filter((check) => check.status === 'pass').length;
  const firstFailure = result.checks.find((check) => check.status !== 'pass');
  return (
    <section className={`grade-report status-${result.status}`} aria-live="polite">
      <h3 data-testid="grade-status">
        {result.status === 'pass'
          ? 'All checks passed'
          : result.checks.length
            ? `${passed} of ${result.checks.length} checks passed`
            : 'Your code could not run'}
        <span className="muted"> · {Math.round(result.durationMs)} ms</span>
      </h3>
      {result.message && <pre className="run-message">{result.message}</pre>}
      <ul className="checks">
        {result.checks.map((check) => (
          <li
            key={check.name}
            className={`check status-${check.status}`}
            data-status={check.status}
          >
            {hasDetails(check) ? (
              <details open={check === firstFailure}>
                <summary>
                  <Verdict check={check} />
                </summary>
                <Details check={check} file={`${result.exercise}.ts`} onGoToLine={onGoToLine} />
              </details>
            ) : (
              <Verdict check={check} />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

const hasDetails = (check: Check) =>
  Boolean(
    check.message || check.expected !== undefined || check.output || check.location || check.redis,
  );

function Verdict({ check }: { check: Check }) {
  return (
    <>
      <span className="check-mark" aria-hidden="true">
        {MARK[check.status]}
      </span>
      <span className="visually-hidden">{LABEL[check.status]}: </span>
      <span className="check-name">{check.name}</span>
    </>
  );
}

/** `file`: the learner's, as the grader names it; a line of checks.ts is none of theirs. */
function Details({
  check,
  file,
  onGoToLine,
}: {
  check: Check;
  file: string;
  onGoToLine: (line: number) => void;
}) {
  return (
    <>
      {check.message && <p className="check-message">{check.message}</p>}
      {check.location?.file === file && (
        <p className="muted check-line">
          Line {check.location.line} of your code, marked in the editor.
        </p>
      )}
      {check.expected !== undefined && (
        <dl className="expected-actual">
          <dt>expected</dt>
          <dd>
            <code>{check.expected}</code>
          </dd>
          <dt>actual</dt>
          <dd>
            <code>{check.actual}</code>
          </dd>
        </dl>
      )}
      {check.output && <pre className="check-output">{check.output}</pre>}
      {check.redis && (
        <RedisActivityView activity={check.redis} file={file} onGoToLine={onGoToLine} />
      )}
    </>
  );
}
