import Redis from 'ioredis';
import type { Logger } from 'pino';
import { isRedisOutage } from '../../grader/index.ts';
import { EmbeddedRedis } from './embedded-redis.ts';
import { StateUnavailableError } from './state-unavailable.ts';

const CONNECT_TIMEOUT_MS = 10_000;

export interface AppStateOptions {
  /** A Redis to keep the app's state in; without it the app runs its own. */
  redisUrl?: string;
  /** Where the app's own Redis keeps its append-only file. */
  dataDir: string;
  log: Logger;
}

/**
 * The app's Redis, where learners' progress and submissions live: the one given by REDIS_URL, or
 * an embedded redis-server this object starts, supervises and stops.
 */
export class AppState {
  private constructor(
    /** Commands fail at once while Redis is away (no offline queue); callers answer 503. */
    readonly redis: Redis,
    /** Where the state is, for the logs: never the URL itself, which may hold a password. */
    readonly where: string,
    private readonly embedded: EmbeddedRedis | undefined,
  ) {}

  static async open({ redisUrl, dataDir, log }: AppStateOptions): Promise<AppState> {
    const embedded = redisUrl ? undefined : await EmbeddedRedis.start(dataDir, log);
    const options = {
      enableOfflineQueue: false,
      // A command cut off by a lost connection fails now rather than waiting for a reconnect: the
      // learner is told it was not saved, instead of a request that hangs.
      maxRetriesPerRequest: 0,
      retryStrategy: (attempt: number) => Math.min(attempt * 100, 1_000),
      connectTimeout: CONNECT_TIMEOUT_MS,
      lazyConnect: true,
    };
    const redis = embedded
      ? new Redis({ ...options, path: embedded.socketPath })
      : new Redis(redisUrl as string, options);
    let lastError: Error | undefined;
    redis.on('error', (error: Error) => {
      if (error.message !== lastError?.message)
        log.warn({ err: error }, "the app's Redis is unreachable");
      lastError = error;
    });
    redis.on('ready', () => {
      if (lastError) log.info("the app's Redis is reachable again");
      lastError = undefined;
    });
    const where = embedded
      ? `embedded redis-server, data in ${dataDir}`
      : `REDIS_URL (${redactedHost(redisUrl as string)})`;
    try {
      await redis.connect();
    } catch (error) {
      redis.disconnect();
      await embedded?.stop();
      throw new Error(`cannot reach the app's Redis at ${where}: ${(error as Error).message}`);
    }
    return new AppState(redis, where, embedded);
  }

  /** The embedded redis-server's data directory, private to this user; undefined with REDIS_URL. */
  get dataDir(): string | undefined {
    return this.embedded?.dataDir;
  }

  /** The embedded redis-server's process id; undefined with REDIS_URL. */
  get embeddedPid(): number | undefined {
    return this.embedded?.pid;
  }

  /** Whether Redis answers now: for /readyz. */
  async reachable(): Promise<boolean> {
    try {
      return (await this.redis.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  /**
   * Runs Redis work, turning a lost or absent connection, or a Redis that cannot take writes for
   * now, into StateUnavailableError (503). Any other error Redis replied is a bug here and stays
   * what it is.
   */
  async use<T>(work: (redis: Redis) => Promise<T>): Promise<T> {
    try {
      return await work(this.redis);
    } catch (error) {
      throw isRedisOutage(error) ? new StateUnavailableError(error) : error;
    }
  }

  /** Closes the connection, then stops the embedded redis-server (which fsyncs as it goes). */
  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
    await this.embedded?.stop();
  }
}

function redactedHost(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || 6379}`;
  } catch {
    return 'an unparsable URL';
  }
}
