// The grader's public entry: the server and the end-to-end tests use nothing else of grader/
// (lint holds the server to that); only the benchmark measures internals directly.
export type { Check, CheckContext, CheckList } from './checks/api.ts';
export { courseDirOption } from './cli/course-option.ts';
export { UsageError } from './cli/exit-codes.ts';
export { listen, stopSignal, warnIfNotIsolated } from './cli/service-lifecycle.ts';
export type { CommandDoc } from './console/command-docs.ts';
export { MAX_CONSOLE_CHARS } from './console/console-entry.ts';
export {
  type ConsoleLimits,
  type ConsoleReply,
  type ConsoleReset,
  ConsoleSessions,
  type ConsoleUser,
  DEFAULT_CONSOLE_LIMITS,
  perAddressFor,
} from './console/console-sessions.ts';
export {
  type KeyPage,
  type KeyView,
  MAX_KEY_CHARS,
  MAX_PATTERN_CHARS,
  MAX_VALUE_BYTES,
  type NotStreamed,
  type ValueView,
} from './console/key-view.ts';
export type { BlockComparison, LessonBlock } from './console/lesson-block.ts';
export { type Lesson, LessonFiles, loadLessons } from './content/course.ts';
export { findCourseProblems } from './content/course-problems.ts';
export { type CourseWatcher, watchCourse } from './content/course-watcher.ts';
export type { Exercise } from './content/exercise.ts';
export { lessonParts, type RedisBlock } from './content/lesson-parts.ts';
export type { Problem } from './content/problem.ts';
export {
  type CataloguedError,
  ERROR_CATALOGUE,
  type ErrorCode,
  isCatalogued,
  retryAfterOf,
} from './error-catalogue.ts';
export * from './errors.ts';
export {
  DEFAULT_COURSE_DIR,
  type GradeOptions,
  Grader,
  type GraderOptions,
  type GraderStats,
  type SeededGrade,
} from './grader.ts';
export { type Outcome, type OutcomeError, outcomeOf, resultOf } from './outcome.ts';
// The server runs a redis-server of its own for its state, found and tied to it the same way.
export { findRedisServer } from './redis/find-redis-server.ts';
export { makeOwnedTempDir } from './redis/owned-temp-dir.ts';
export { isRedisOutage } from './redis/redis-outage.ts';
export { spawnTied } from './redis/spawn-tied.ts';
export { waitForPing } from './redis/wait-for-ping.ts';
export {
  type CheckResult,
  errorResult,
  type GradeResult,
  type Location,
  type Reason,
  type Status,
  type Usage,
} from './result/grade-result.ts';
export type { RunOnceResult } from './runner/run-once.ts';
export { readSettings } from './settings/read-settings.ts';
export { type CommandSettings, environmentOf } from './settings/settings.ts';
export { commandUsage, optionsSynopsis } from './settings/usage.ts';
export { csvTable } from './shared/csv.ts';
