// The system's failures, as opposed to the learner's (which are data in a GradeResult).
// Each message says what to do next.

export class GraderError extends Error {
  override name = 'GraderError';
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

/** An exercise folder that cannot be graded: a missing file, bad front matter, broken checks. */
export class ContentError extends GraderError {
  override name = 'ContentError';
}

export class UnknownExerciseError extends ContentError {
  override name = 'UnknownExerciseError';
  constructor(readonly exerciseId: string) {
    super(`no exercise named '${exerciseId}'`);
  }
}

export class WorkerError extends GraderError {
  override name = 'WorkerError';
}

/** A console session that does not exist, or no longer: it idled out, or the server restarted. */
export class UnknownConsoleError extends GraderError {
  override name = 'UnknownConsoleError';
  constructor() {
    super('this console session has ended: open a new one');
  }
}

/** Every console sandbox the server may run is in use. */
export class ConsolesFullError extends GraderError {
  override name = 'ConsolesFullError';
  constructor(max: number) {
    super(`the server is running as many consoles as it can (${max}): try again in a minute`);
  }
}
