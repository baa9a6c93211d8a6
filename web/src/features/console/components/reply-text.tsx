import type { ConsoleReply } from '../../../../../contracts/index.ts';

/** A reply as redis-cli prints it: error lines marked. Learner data: text, never markup. */
export function ReplyText({ reply }: { reply: ConsoleReply | { error: string } }) {
  if ('error' in reply) {
    return (
      <p className="error" role="alert">
        {reply.error}
      </p>
    );
  }
  return (
    <>
      {reply.output && (
        <pre className="console-reply">
          {reply.output.split('\n').map((line, index) => (
            // Lines have no identity of their own; their order is the reply's.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above.
            <span key={index} className={line.startsWith('(error)') ? 'reply-error' : undefined}>
              {line}
              {'\n'}
            </span>
          ))}
        </pre>
      )}
      {reply.note && <p className="console-note">{reply.note}</p>}
    </>
  );
}
