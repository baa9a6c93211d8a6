import { availableParallelism } from 'node:os';

/**
 * Gradings in flight per core while `verify` proves a course. A grading mostly waits: on Redis,
 * on its checks' timers (a TTL running out, a subscriber given a moment), on the interleavings of
 * a race. Measured on 2 cores, the whole course kept them about a tenth busy at one grading per
 * core; at GRADINGS_PER_CORE they are about half busy, so checks that time themselves still find
 * a core free.
 */
const GRADINGS_PER_CORE = 4;

/** The grader's workers for `verify` and `verify --mutants`. */
export function verifyConcurrency(): number {
  return availableParallelism() * GRADINGS_PER_CORE;
}
