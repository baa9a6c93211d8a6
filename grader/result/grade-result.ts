// The one contract between the grader and everything that consumes it (server, CLI, worker).
// Documented for outsiders by grade-result.schema.json; the tests validate results against it.

export const RESULT_VERSION = 2;

export type Status = 'pass' | 'fail' | 'error';

/**
 * Why a check (or a whole run) did not pass, as a field a program can act on; the message says
 * the same to a person.
 */
export const REASONS = [
  /** A check's expectation did not hold. */
  'assertion',
  /** A learner call returned while its Redis commands were still unanswered. */
  'unawaited',
  /** Calls run at once broke when their commands interleaved as the table shows. */
  'race',
  /** The learner's code threw, or does not load. */
  'learner-error',
  /** The learner's code called an export the module does not have. */
  'missing-export',
  /** The learner's code ran out of time. */
  'timeout',
  /** The learner's code hit a limit other than time: memory, CPU, commands, a script. */
  'limit',
  /** The learner's TypeScript does not compile. */
  'compile-error',
  /** The check never ran: its sandbox was lost before its turn. */
  'not-run',
  /** The instructor's check itself threw: the exercise is at fault, not the learner. */
  'check-crashed',
  /** The grading stopped before it ended: its worker died or was stopped. */
  'grader-stopped',
] as const;

export type Reason = (typeof REASONS)[number];

/** A place in a file: the learner's submission, or an exercise's checks.ts. */
export interface Location {
  /** As the learner or the author names it, e.g. `alice/set-and-get.ts`, never a host path. */
  file: string;
  line: number;
  column?: number;
}

/** `file:line:column`, as terminals, editors and CI logs open it. */
export function place({ file, line, column }: Location): string {
  return `${file}:${line}${column === undefined ? '' : `:${column}`}`;
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
  location?: Location;
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
  location?: Location;
  expected?: string;
  actual?: string;
  /** What the learner's code printed during this check, capped. */
  output?: string;
  /** What the learner's code sent to Redis, and the keys before and after, when it did not pass. */
  redis?: RedisActivity;
  durationMs: number;
  /** What the check is worth when it passes: its `points` in checks.ts, DEFAULT_POINTS if none. */
  points?: number;
}

/** Points earned (the checks that passed) of points possible (every check of the exercise). */
export interface Score {
  points: number;
  of: number;
}

export interface GradeResult {
  version: typeof RESULT_VERSION;
  exercise: string;
  status: Status;
  /** Why the run as a whole errored, when it did. */
  reason?: Reason;
  message?: string;
  location?: Location;
  durationMs: number;
  checks: CheckResult[];
  usage: Usage;
  /** Absent when the grading stopped before the exercise's checks were known (`grader-stopped`). */
  score?: Score;
}

/** What a check is worth when checks.ts gives it no `points`: every check alike. */
export const DEFAULT_POINTS = 1;

export function pointsOf(check: Pick<CheckResult, 'points'>): number {
  return check.points ?? DEFAULT_POINTS;
}

/** Sums of points as people write them: 0.1 + 0.2 is 0.3, not 0.30000000000000004. */
export function roundPoints(points: number): number {
  return Math.round(points * 1000) / 1000;
}

/** The score of `checks`, of `possible`: checks that did not run (a grading ended short) earn nothing. */
export function scoreOf(checks: readonly CheckResult[], possible: number): Score {
  const earned = checks.reduce(
    (sum, check) => (check.status === 'pass' ? sum + pointsOf(check) : sum),
    0,
  );
  return { points: roundPoints(earned), of: roundPoints(possible) };
}

/** Any error wins, then any failure; otherwise a pass. */
export function worstStatus(statuses: readonly Status[]): Status {
  if (statuses.includes('error')) return 'error';
  if (statuses.includes('fail')) return 'fail';
  return 'pass';
}

/** The run's status from its checks; a run in which no check ran is an error, never a pass. */
export function overallStatus(checks: readonly CheckResult[]): Status {
  return checks.length === 0 ? 'error' : worstStatus(checks.map((check) => check.status));
}

/** A run that ended before any check could report, e.g. its worker crashed or was stopped. */
export function errorResult(
  exercise: string,
  message: string,
  durationMs: number,
  reason: Reason = 'grader-stopped',
): GradeResult {
  return {
    version: RESULT_VERSION,
    exercise,
    status: 'error',
    reason,
    message,
    durationMs,
    checks: [],
    usage: { commands: 0, redisMemoryBytes: 0, cpuMs: 0 },
  };
}
