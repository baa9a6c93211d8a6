import { type Attack, Attacker, pacer, safely, Tally } from '../attacker.ts';

/** Three addresses, two learners each: limits per learner and per address are both in play. */
const ADDRESSES = ['203.0.113.41', '203.0.113.42', '203.0.113.43'];
/** The Submit limit per learner. */
const PER_MINUTE = 30;

const NEVER_SETTLES = 'export function main() {\n  return new Promise(() => {});\n}\n';
const SPINS = 'export function main() {\n  for (;;) {}\n}\n';

/** Submits of code that holds a grader until its time limit: a promise never settled, a loop. */
export function stuckGradings(url: string): Attack {
  const tally = new Tally();
  const learners = ADDRESSES.flatMap((address) => [
    { address, label: 'never settles', source: NEVER_SETTLES },
    { address, label: 'spins', source: SPINS },
  ]);
  return {
    summary: `${learners.length} learners from ${ADDRESSES.join(', ')} submitting code that never settles or spins, ${PER_MINUTE} a minute each`,
    tally,
    run: (signal) =>
      Promise.all(
        learners.map(({ address, label, source }) =>
          safely(tally, async () => {
            const attacker = new Attacker(url, address, tally);
            const turn = pacer(PER_MINUTE, signal);
            while (await turn()) {
              const path = '/exercises/set-and-get/submissions';
              await attacker.send('POST', path, { source }, label);
            }
          }),
        ),
      ).then(() => {}),
  };
}
