import { CheckFailure } from '../checks/expect.ts';

/**
 * A learner call closed the client it was given. The code that passed it in goes on using it,
 * so this fails the call whatever else it did, even where Redis saw nothing (`disconnect()`).
 */
export function closedClientFailure(call: string): CheckFailure {
  return new CheckFailure(
    `\`${call}\` closed the client it was given (with quit(), disconnect() or end()): that client belongs to the code that called \`${call}\`, which goes on using it. Leave it open; close only a client your code made itself, such as one from duplicate().`,
    undefined,
    undefined,
    { reason: 'assertion' },
  );
}
