// The grader's result, as the server answers it, the queue carries it and the web shows it.
// Documented for outsiders by grader/result/grade-result.schema.json; the tests hold results to it.

export type Status = 'pass' | 'fail' | 'error';

/**
 * Why a check (or a whole run) did not pass, as a field a program can act on; the message says
 * the same to a person.
 */
export type Reason =
  /** A check's expectation did not hold. */
  | 'assertion'
  /** A learner call returned while its Redis commands were still unanswered. */
  | 'unawaited'
  /** Calls run at once broke when their commands interleaved as the table shows. */
  | 'race'
  /** The learner's code threw, or does not load. */
  | 'learner-error'
  /** The learner's code called an export the module does not have. */
  | 'missing-export'
  /** The learner's code ran out of time. */
  | 'timeout'
  /** The learner's code hit a limit other than time: memory, CPU, commands, a script. */
  | 'limit'
  /** The learner's TypeScript does not compile. */
  | 'compile-error'
  /** The check never ran: its sandbox was lost before its turn. */
  | 'not-run'
  /** The instructor's check itself threw: the exercise is at fault, not the learner. */
  | 'check-crashed'
  /** The grading stopped before it ended: its worker died or was stopped. */
  | 'grader-stopped';

/** A place in a file: the learner's submission, or an exercise's checks.ts. */
export interface CodeLocation {
  /** As the learner or the author names it, e.g. `alice/set-and-get.ts`, never a host path. */
  file: string;
  line: number;
  column?: number;
}

export interface Usage {
  /** Commands the learner's code sent to Redis. */
  commands: number;
  /** Redis memory in use when the run ended. */
  redisMemoryBytes: number;
  /** CPU time the learner's code used inside its isolate. */
  cpuMs: number;
}

/** A command the learner's code sent, as the report shows it. */
export interface SentCommand {
  /** As one would type it in redis-cli: the name in capitals, then the arguments, quoted where needed. */
  command: string;
  /** Which of the learner's clients sent it: 1 for the first made in the check, … */
  client?: number;
  /** Sent with others by one `exec()`: a pipeline or a transaction, numbered within the check. */
  batch?: number;
  /** Where in the learner's file the command was sent. */
  location?: CodeLocation;
}

/** One key, as it was before the learner's code ran in a check and as the check left it. */
export interface KeyRow {
  key: string;
  /** Its type, value and time to live, shortened; absent when the key did not exist. */
  before?: string;
  after?: string;
}

/** What the learner's code did to Redis during one check. */
export interface RedisActivity {
  /** The first commands it sent, in the order it sent them. */
  commands: SentCommand[];
  /** How many it sent besides those. */
  moreCommands?: number;
  /**
   * For a check that did not pass, when the sandbox held few keys: each key when the check first
   * called the learner's code, and when the check ended; changed keys first.
   */
  keys?: KeyRow[];
  /** How many keys besides those. */
  moreKeys?: number;
}

export interface CheckResult {
  name: string;
  status: Status;
  /** Present whenever the status is not `pass`. */
  reason?: Reason;
  message?: string;
  /**
   * Where the failure points in the learner's file (or in checks.ts, for `check-crashed`): where
   * their code threw, or else the declaration of the export the check called last.
   */
  location?: CodeLocation;
  expected?: string;
  actual?: string;
  /** What the learner's code printed during this check, capped. */
  output?: string;
  /** What the learner's code sent to Redis, and the keys before and after, when it did not pass. */
  redis?: RedisActivity;
  durationMs: number;
  /** What the check is worth when it passes: its `points` in checks.ts, 1 if none. */
  points?: number;
}

/** Points earned (the checks that passed) of points possible (every check of the exercise). */
export interface Score {
  points: number;
  of: number;
}

/** Every string in it that the learner's code could shape (messages, output, keys) is learner data. */
export interface GradeResult {
  /** Changes whenever a field changes meaning, so that a stored result says how to read it. */
  version: 2;
  exercise: string;
  status: Status;
  /** Why the run as a whole errored, when it did. */
  reason?: Reason;
  message?: string;
  /** Where the code that does not compile or load went wrong. */
  location?: CodeLocation;
  durationMs: number;
  /** One per check, in the order the instructor wrote them. */
  checks: CheckResult[];
  usage: Usage;
  /** Absent when the grading stopped before the exercise's checks were known (`grader-stopped`). */
  score?: Score;
}
