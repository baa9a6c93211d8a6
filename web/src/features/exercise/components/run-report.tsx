import type { RunOnceResult } from '../../console/api/run-code.ts';

/** What Run called and what came back. Every string here came from learner code: text only. */
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
            <code>{call.call}(…)</code> {call.error ? 'threw' : 'returned'}
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
