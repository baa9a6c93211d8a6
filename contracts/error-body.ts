/** A broken course file, placed so that the page can show it as the live preview does. */
export interface ContentProblem {
  file: string;
  line?: number;
  message: string;
}

/** Every answer of the API that is not a success: never a stack trace. */
export interface ErrorBody {
  /** What went wrong, for a program: `rate_limited`, `state_unavailable`, `broken_content`, … */
  error: string;
  /** The same for a person, saying what to do next. */
  message: string;
  /** For `broken_content`, when the server could place the fault. */
  problem?: ContentProblem;
}
