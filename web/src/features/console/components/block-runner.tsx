import { useState } from 'react';
import type { BlockReply } from '../../../../../contracts/index.ts';
import { runBlock } from '../api/run-block.ts';
import { useConsole } from '../console-context.tsx';
import { BlockVerdict } from './block-verdict.tsx';
import { ReplyText } from './reply-text.tsx';

interface Props {
  lesson: string;
  /** The block's number in the lesson, 1 for its first. */
  number: number;
  commands: string;
  /** The lesson's reply, folded beneath the block until the learner has run it. */
  expected: HTMLDetailsElement | null;
}

/**
 * The Run button of a lesson's ```redis block, the reply beneath it, and how it compares with the
 * lesson's: the server runs the lesson's own copy of the block and compares.
 */
export function BlockRunner({ lesson, number, commands, expected }: Props) {
  const { run, reset } = useConsole();
  const [reply, setReply] = useState<BlockReply | { error: string }>();
  const [running, setRunning] = useState(false);
  const send = (text: string) => runBlock(lesson, number, text);

  const runIt = async () => {
    const answered = await run(commands.trimEnd(), send).catch((error: Error) => ({
      error: error.message,
    }));
    setReply(answered);
    // Once run, the lesson's reply is there to compare with.
    if ('comparison' in answered && answered.comparison && expected) expected.open = true;
  };
  const busy = (work: () => Promise<void>) => async () => {
    setRunning(true);
    try {
      await work();
    } finally {
      setRunning(false);
    }
  };
  const setUpAndRun = busy(async () => {
    try {
      await reset({ lesson, block: number });
    } catch (error) {
      setReply({ error: (error as Error).message });
      return;
    }
    await runIt();
  });

  return (
    <div className="block-runner">
      <button type="button" onClick={busy(runIt)} disabled={running}>
        {running ? 'Running…' : 'Run'}
        <span className="visually-hidden"> these commands in your console</span>
      </button>
      {reply && (
        <div className="block-reply" aria-live="polite">
          <ReplyText reply={reply} />
          {'comparison' in reply && reply.comparison && (
            <BlockVerdict comparison={reply.comparison} onSetUp={setUpAndRun} disabled={running} />
          )}
        </div>
      )}
    </div>
  );
}
