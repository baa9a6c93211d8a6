/**
 * What one grading run may use. Every limit hit says which limit and its value. An exercise can
 * raise any of them in its exercise.md front matter (`limits:`). Plain data: it crosses to workers.
 */
export interface RunLimits {
  /** Heap of the learner's isolate. */
  memoryMb: number;
  /** Wall time for loading the learner's module and for each call into it. */
  callTimeoutMs: number;
  /** Wall time for one check, the instructor's trusted code included. */
  checkTimeoutMs: number;
  /** CPU time of the learner's code over the whole run. */
  cpuMs: number;
  /** Console output kept per check. */
  outputChars: number;
  /** Redis commands over the whole run. */
  maxCommands: number;
  /** Megabytes sent to Redis and received back over the whole run, arguments and replies. */
  maxTransferMb: number;
  /** The sandbox Redis's maxmemory. */
  redisMemoryMb: number;
  /** The largest single value (bulk string) Redis accepts. */
  maxValueMb: number;
}

export const DEFAULT_LIMITS: RunLimits = {
  memoryMb: 64,
  callTimeoutMs: 2_000,
  checkTimeoutMs: 5_000,
  cpuMs: 2_000,
  outputChars: 8_192,
  maxCommands: 10_000,
  maxTransferMb: 64,
  redisMemoryMb: 64,
  maxValueMb: 16,
};
