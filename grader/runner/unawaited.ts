import { CheckFailure } from '../checks/expect.ts';
import type { Location } from '../result/grade-result.ts';
import { where } from './learner-errors.ts';

export interface LeftCommand {
  /** As the learner's code names it, upper-case: `HSET`, or `pipeline`, `MULTI/EXEC`. */
  command: string;
  location?: Location;
}

/**
 * A learner call returned while its Redis work went on: its commands were unanswered when it
 * settled (`unanswered`), or it sent one after (`late`). Such code passes only when the
 * commands happen to land before the check looks, so it fails every time instead.
 */
export function unawaitedFailure(
  call: string,
  left: readonly LeftCommand[],
  kind: 'unanswered' | 'late',
): CheckFailure {
  const names = [...new Set(left.map(({ command }) => `\`${command}\``))];
  const listed =
    names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  const location = left.find((command) => command.location)?.location;
  const what =
    kind === 'unanswered'
      ? `\`${call}\` returned before its ${listed} ${names.length === 1 ? 'was' : 'were'} answered`
      : `\`${call}\` returned before it sent its ${listed}`;
  return new CheckFailure(
    `${what}: is an \`await\` missing?${location ? ` (${where(location)})` : ''}`,
    undefined,
    undefined,
    { reason: 'unawaited', ...(location && { location }) },
  );
}
