/** What one grading run may use. Plain data: it crosses from the grader to its workers. */
export interface RunLimits {
  /** Heap of the learner's isolate. */
  memoryMb: number;
  /** Wall time for loading the learner's module and for each call into it. */
  callTimeoutMs: number;
  /** Wall time for one check, trusted code included. */
  checkTimeoutMs: number;
  /** Console output kept per check. */
  outputChars: number;
}

export const DEFAULT_LIMITS: RunLimits = {
  memoryMb: 64,
  callTimeoutMs: 2_000,
  checkTimeoutMs: 5_000,
  outputChars: 8_192,
};
