import { availableParallelism } from 'node:os';

/**
 * Gradings in flight per core while `verify` proves a course. A grading mostly waits: on Redis,
 * on its checks' timers (a TTL running out, a subscriber given a moment), on the interleavings of
 * a race. On 2 cores, one grading per core kept them about a tenth busy; at four, a fresh clone's
 * `verify` took 162 s instead of 330 s (and `verify --mutants`, whose gradings also end at their
 * first failing check, 75 s instead of 282 s), every verdict as before.
 */
const GRADINGS_PER_CORE = 4;

/** The grader's workers for `verify` and `verify --mutants`. */
export function verifyConcurrency(): number {
  return availableParallelism() * GRADINGS_PER_CORE;
}
