import type { RunOnceResult } from '../../../../../contracts/index.ts';
import { describeCall } from '../run-arguments.ts';

/**
 * What Run called, with what, and what came back. Every string here came from learner code (the
 * arguments too): text only.
 */
export function RunReport({ result }: { result: RunOnceResult }) {
  return (
    <section className={`run-report status-${result.status}`} aria-live="polite">
      <h3 data-testid="run-status">
        {result.status === 'ok' ? 'Ran' : 'Your code stopped'}
        <span className="muted"> · {Math.round(result.durationMs)} ms</span>
      </h3>
      {result.message && <pre className="run-message">{result.message}</pre>}
      <ul className="run-calls">
        {result.calls.map((call, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the same export may be called twice.
          <li key={index}>
            <code>{describeCall(call.call, call.args)}</code> {call.error ? 'threw' : 'returned'}
            {call.location && <span className="muted"> at line {call.location.line}</span>}
            <pre className={call.error ? 'error' : undefined}>{call.error ?? call.returned}</pre>
          </li>
        ))}
      </ul>
      {result.output && (
        <>
          <h4>It printed</h4>
          <pre className="check-output">{result.output}</pre>
        </>
      )}
    </section>
  );
}
