import { useEffect, useRef, useState } from 'react';
import { useConsole } from '../console-context.tsx';
import { useCommandDocs } from '../use-command-docs.ts';
import { CommandLine } from './command-line.tsx';
import { ConsolePrompt } from './console-prompt.tsx';
import { EmptyRedis } from './empty-redis.tsx';
import { ReplyText } from './reply-text.tsx';

/**
 * A redis-cli-like prompt on the learner's own sandbox: history on the arrow keys, completion and
 * syntax from their Redis's own docs, and each command of the log explained on hover or focus.
 */
export function RedisConsole() {
  const { entries, run } = useConsole();
  const docs = useCommandDocs();
  const [running, setRunning] = useState(false);
  const log = useRef<HTMLDivElement>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll whenever an entry arrives.
  useEffect(() => {
    log.current?.scrollTo({ top: log.current.scrollHeight });
  }, [entries.length]);

  const onCommand = async (command: string) => {
    setRunning(true);
    await run(command).catch(() => {});
    setRunning(false);
  };

  return (
    <section className="redis-console" aria-labelledby="redis-console-title">
      <div className="console-heading">
        <h2 id="redis-console-title">Redis console</h2>
        <EmptyRedis />
      </div>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: the log scrolls, and a scrollable region must be reachable by keyboard (WCAG 2.1.1). */}
      <div className="console-log" ref={log} role="log" aria-live="polite" tabIndex={0}>
        {entries.length === 0 && (
          <p className="muted">
            Your own Redis: type a command below, or press Run on a lesson's block. Your keys stay
            from lesson to lesson; a lesson's blocks expect an empty Redis, which Empty my Redis
            gives you.
          </p>
        )}
        {entries.map((entry) => (
          <div key={entry.key} className="console-entry">
            {/* An entry with no command is the server's report of emptying the learner's Redis. */}
            {entry.commands && (
              <pre className="console-command">
                {entry.commands.split('\n').map((line, index) => (
                  // Lines have no identity of their own; their order is the entry's.
                  // biome-ignore lint/suspicious/noArrayIndexKey: see above.
                  <CommandLine key={index} line={line} docs={docs} />
                ))}
              </pre>
            )}
            <ReplyText reply={entry.reply} />
          </div>
        ))}
      </div>
      <ConsolePrompt docs={docs} running={running} onCommand={onCommand} />
    </section>
  );
}
