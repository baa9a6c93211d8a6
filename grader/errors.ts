// The system's failures, as opposed to the learner's (which are data in a GradeResult).
// Each message says what to do next; each code is an entry of the catalogue (error-catalogue.ts).
import type { ErrorCode } from './error-catalogue.ts';

export class GraderError extends Error {
  override name = 'GraderError';
  readonly code: ErrorCode;

  /** `code` is for an error rebuilt from another process's data (outcome.ts): its own there. */
  constructor(message: string, options?: ErrorOptions & { code?: ErrorCode }) {
    super(message, options);
    this.code = options?.code ?? 'internal';
  }
}

export class RedisServerNotFoundError extends GraderError {
  override name = 'RedisServerNotFoundError';
  constructor(tried: string) {
    super(
      [
        `redis-server not found (looked for ${tried}). Keyspace needs Redis 7 or newer:`,
        '  Debian/Ubuntu: sudo apt-get install -y redis-server',
        '  macOS:         brew install redis',
        '  Docker:        use the docker-compose.yml in this repository',
        'or point REDIS_SERVER_BIN at a redis-server binary.',
      ].join('\n'),
    );
  }
}

export class RedisServerStartError extends GraderError {
  override name = 'RedisServerStartError';
}

/** Where in the course a problem is: a file relative to the course folder, and a line in it. */
export interface ContentLocation {
  file: string;
  line?: number;
}

/** An exercise folder that cannot be graded: a missing file, bad front matter, broken checks. */
export class ContentError extends GraderError {
  override name = 'ContentError';
  override readonly code: ErrorCode = 'broken_content';
  /** The message without its location, for whoever shows the location apart. */
  readonly detail: string;

  constructor(
    detail: string,
    readonly location?: ContentLocation,
  ) {
    super(
      location ? `${location.file}${location.line ? `:${location.line}` : ''}: ${detail}` : detail,
    );
    this.detail = detail;
  }
}

export class UnknownExerciseError extends ContentError {
  override name = 'UnknownExerciseError';
  override readonly code: ErrorCode = 'not_found';
  constructor(readonly exerciseId: string) {
    super(`no exercise named '${exerciseId}'`);
  }
}

export class WorkerError extends GraderError {
  override name = 'WorkerError';
}

/** Every learner sandbox the server may run is in use. */
export class SandboxesFullError extends GraderError {
  override name = 'SandboxesFullError';
  override readonly code: ErrorCode = 'sandboxes_full';
  constructor(max: number, scope: 'server' | 'address' = 'server') {
    super(
      scope === 'server'
        ? `the server is full: all ${max} learner sandboxes are in use. Try again in a few minutes, when one has been idle long enough to be reclaimed`
        : `the learners from your network address already use ${max} ${max === 1 ? 'sandbox' : 'sandboxes'}, the most one address may hold. Try again in a few minutes, when one of them has been idle long enough to be reclaimed`,
    );
  }
}
