import { type Attack, Attacker, pacer, safely, Tally } from '../attacker.ts';

const ADDRESS = '203.0.113.3';
/** The Run limit per learner. */
const PER_MINUTE = 60;

/** One 8 MB value sent 40 times in one pipeline: 320 MB, five times the per-run byte budget. */
const PIPELINE = `export async function main(redis) {
  const big = Buffer.alloc(8 * 1024 * 1024, 120);
  const pipeline = redis.pipeline();
  for (let i = 0; i < 40; i++) pipeline.set('big', big);
  const replies = await pipeline.exec();
  return replies.length;
}
`;

/** A 100 MB reply made in Redis from a few bytes sent. */
const HUGE_REPLY = `export async function main(redis) {
  const reply = await redis.eval("return string.rep('x', 100*1024*1024)", 0);
  return reply.length;
}
`;

/** Runs of code that moves hundreds of megabytes between a worker and the learner's sandbox. */
export function bigTransfers(url: string): Attack {
  const tally = new Tally();
  const sources = [
    ['pipeline', PIPELINE],
    ['huge reply', HUGE_REPLY],
    ['pipeline', PIPELINE],
    ['huge reply', HUGE_REPLY],
  ];
  return {
    summary: `${sources.length} learners from ${ADDRESS} running code that pipelines an 8 MB value 40 times, or EVALs a 100 MB reply, ${PER_MINUTE} Runs a minute each`,
    tally,
    run: (signal) =>
      Promise.all(
        sources.map(([label, source]) =>
          safely(tally, async () => {
            const attacker = new Attacker(url, ADDRESS, tally);
            const turn = pacer(PER_MINUTE, signal);
            while (await turn()) {
              const run = { exercise: 'set-and-get', source };
              await attacker.send('POST', '/console/runs', run, label);
            }
          }),
        ),
      ).then(() => {}),
  };
}
