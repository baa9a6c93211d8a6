import type { BlockComparison } from '../../../../../contracts/index.ts';

/** Keys named at most in a verdict: the rest are counted. */
const KEYS_NAMED = 8;

interface Props {
  comparison: BlockComparison;
  /** Sets the learner's Redis as the lesson has it just before the block, and runs it again. */
  onSetUp: () => void;
  disabled: boolean;
}

/**
 * Whether a block's reply is the lesson's and, when it is not, why it may differ and the way
 * back: a lesson's blocks, run in order from an empty Redis, print what the lesson shows.
 */
export function BlockVerdict({ comparison, onSetUp, disabled }: Props) {
  if (comparison.matches) {
    return <p className="block-verdict block-same">✓ The same reply as the lesson's.</p>;
  }
  const { fromEarlier, missing } = comparison;
  return (
    <div className="block-verdict block-differs">
      <p>
        <strong>Your reply differs from the lesson's</strong> (open beneath the block).
      </p>
      {fromEarlier.length > 0 && (
        <p>
          Your Redis already held <KeyList keys={fromEarlier} /> before this block ran, and no block
          above it in this lesson makes {fromEarlier.length === 1 ? 'it' : 'them'}: left by an
          earlier lesson, by your own commands, or by running this block before.
        </p>
      )}
      {missing.length > 0 && (
        <p>
          A block above this one makes <KeyList keys={missing} />, but{' '}
          {missing.length === 1 ? 'it was' : 'they were'} not in your Redis: run the blocks above
          first (a key may also have expired, or been deleted since).
        </p>
      )}
      {fromEarlier.length === 0 && missing.length === 0 && (
        <p>
          The keys this block uses may hold other values than the lesson's, or a block above may
          have run more than once.
        </p>
      )}
      <button type="button" onClick={onSetUp} disabled={disabled}>
        Set up my Redis as the lesson has it here, and run again
      </button>
    </div>
  );
}

/** Key names are learner data: text, each in code, the list cut after KEYS_NAMED. */
function KeyList({ keys }: { keys: string[] }) {
  const named = keys.slice(0, KEYS_NAMED);
  const more = keys.length - named.length;
  return (
    <>
      {named.map((key, index) => (
        <span key={key}>
          {index > 0 && (index === named.length - 1 && more === 0 ? ' and ' : ', ')}
          <code>{key}</code>
        </span>
      ))}
      {more > 0 && ` and ${more} more`}
    </>
  );
}
