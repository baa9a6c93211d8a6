import { type Attack, Attacker, pacer, pause, safely, Tally } from '../attacker.ts';

const ADDRESS = '203.0.113.1';
const COOKIES = 60;
/** A command every 3 s keeps each sandbox in use, far from the idle reclaim (2 min). */
const PER_MINUTE = 20;

/**
 * Sixty new learners (cookies are free to make) from one address, each keeping a sandbox busy:
 * once, one address took every sandbox of the server this way.
 */
export function consoleSandboxes(url: string): Attack {
  const tally = new Tally();
  return {
    summary: `${COOKIES} new learners from ${ADDRESS}, each sending a console command every ${60 / PER_MINUTE} s to hold a sandbox`,
    tally,
    run: (signal) =>
      Promise.all(
        Array.from({ length: COOKIES }, (_, index) =>
          safely(tally, async () => {
            const attacker = new Attacker(url, ADDRESS, tally);
            // Spread over the first gap, so the pressure is steady rather than in waves.
            await pause(Math.random() * (60_000 / PER_MINUTE), signal);
            const turn = pacer(PER_MINUTE, signal);
            while (await turn()) {
              await attacker.send('POST', '/console/commands', { commands: `SET mine ${index}` });
            }
          }),
        ),
      ).then(() => {}),
  };
}
