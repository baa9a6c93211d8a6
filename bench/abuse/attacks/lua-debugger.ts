import { type Attack, Attacker, pacer, safely, Tally } from '../attacker.ts';

const ADDRESS = '203.0.113.5';
const LEARNERS = 3;
/** Console entries and Runs taken in turn, at the Run limit per learner. */
const PER_MINUTE = 60;

/** The console way: redis-cli lines, as a learner types them. */
const CONSOLE = 'SCRIPT DEBUG YES\nEVAL "return 1" 0';

/**
 * The code way, from Lua and from the client. Each SCRIPT DEBUG that Redis accepted would fork
 * the sandbox redis-server for the debugger, a process that outlives the run.
 */
const RUN = `export async function main(redis) {
  const tries = await Promise.allSettled([
    redis.eval("return redis.call('SCRIPT','DEBUG','YES')", 0),
    redis.call('SCRIPT', 'DEBUG', 'YES'),
  ]);
  await redis.eval('return 1', 0);
  return tries.map((t) => (t.status === 'fulfilled' ? String(t.value) : String(t.reason))).join(' | ');
}
`;

/** Learners turning on Redis's Lua debugger, from the console and from their code. */
export function luaDebugger(url: string): Attack {
  const tally = new Tally();
  const attackers = Array.from({ length: LEARNERS }, () => new Attacker(url, ADDRESS, tally));
  return {
    summary: `${LEARNERS} learners from ${ADDRESS} sending SCRIPT DEBUG YES then EVAL from the console, and Running code that calls SCRIPT DEBUG YES (from Lua and from the client), ${PER_MINUTE} a minute each`,
    tally,
    // Their sandboxes first, so that the process count before the phase already holds them.
    prepare: () =>
      Promise.all(
        attackers.map((attacker) =>
          attacker.send('POST', '/console/commands', { commands: 'PING' }, 'set-up'),
        ),
      ).then(() => {}),
    run: (signal) =>
      Promise.all(
        attackers.map((attacker) =>
          safely(tally, async () => {
            const turn = pacer(PER_MINUTE, signal);
            for (let step = 0; await turn(); step++) {
              if (step % 2 === 0) {
                await attacker.send('POST', '/console/commands', { commands: CONSOLE }, 'console');
              } else {
                const run = { exercise: 'set-and-get', source: RUN };
                await attacker.send('POST', '/console/runs', run, 'run');
              }
            }
          }),
        ),
      ).then(() => {}),
  };
}
