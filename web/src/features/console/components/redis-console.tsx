import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { useConsole } from '../console-context.tsx';
import { ReplyText } from './reply-text.tsx';

/** A redis-cli-like prompt on the learner's own sandbox, with history on the arrow keys. */
export function RedisConsole() {
  const { entries, run } = useConsole();
  const [line, setLine] = useState('');
  const [running, setRunning] = useState(false);
  const history = useRef<string[]>([]);
  const position = useRef(0);
  const log = useRef<HTMLDivElement>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll whenever an entry arrives.
  useEffect(() => {
    log.current?.scrollTo({ top: log.current.scrollHeight });
  }, [entries.length]);

  const submit = async () => {
    const command = line.trim();
    if (!command || running) return;
    history.current.push(command);
    position.current = history.current.length;
    setLine('');
    setRunning(true);
    await run(command).catch(() => {});
    setRunning(false);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void submit();
    } else if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
      event.preventDefault();
      const step = event.key === 'ArrowUp' ? -1 : 1;
      position.current = Math.max(0, Math.min(history.current.length, position.current + step));
      setLine(history.current[position.current] ?? '');
    }
  };

  return (
    <section className="redis-console" aria-labelledby="redis-console-title">
      <h2 id="redis-console-title">Redis console</h2>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: the log scrolls, and a scrollable region must be reachable by keyboard (WCAG 2.1.1). */}
      <div className="console-log" ref={log} role="log" aria-live="polite" tabIndex={0}>
        {entries.length === 0 && (
          <p className="muted">
            Your own Redis: type a command below, or press Run on a lesson's block. Your keys stay
            from lesson to lesson; FLUSHALL empties it.
          </p>
        )}
        {entries.map((entry) => (
          <div key={entry.key} className="console-entry">
            <pre className="console-command">
              {entry.commands
                .split('\n')
                .map((command) => `> ${command}`)
                .join('\n')}
            </pre>
            <ReplyText reply={entry.reply} />
          </div>
        ))}
      </div>
      <div className="console-prompt">
        <span aria-hidden="true">&gt;</span>
        <input
          aria-label="Redis command"
          placeholder="e.g. GET weather"
          value={line}
          onChange={(event) => setLine(event.target.value)}
          onKeyDown={onKeyDown}
          spellCheck={false}
          autoComplete="off"
          readOnly={running}
        />
      </div>
    </section>
  );
}
