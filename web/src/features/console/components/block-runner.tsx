import { useState } from 'react';
import type { ConsoleReply } from '../api/run-commands.ts';
import { useConsole } from '../console-context.tsx';
import { ReplyText } from './reply-text.tsx';

/** The Run button of a lesson's ```redis block, and the reply beneath it. */
export function BlockRunner({ commands }: { commands: string }) {
  const { run } = useConsole();
  const [reply, setReply] = useState<ConsoleReply | { error: string }>();
  const [running, setRunning] = useState(false);
  const onClick = async () => {
    setRunning(true);
    setReply(await run(commands.trimEnd()).catch((error: Error) => ({ error: error.message })));
    setRunning(false);
  };
  return (
    <div className="block-runner">
      <button type="button" onClick={onClick} disabled={running}>
        {running ? 'Running…' : 'Run'}
        <span className="visually-hidden"> these commands in your console</span>
      </button>
      {reply && (
        <div className="block-reply" aria-live="polite">
          <ReplyText reply={reply} />
        </div>
      )}
    </div>
  );
}
