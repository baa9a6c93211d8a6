import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import {
  type ConsoleLimits,
  ConsoleSessions,
  DEFAULT_CONSOLE_LIMITS,
  Grader,
} from '../../grader/index.ts';
import { GradingQueue } from '../../queue/index.ts';
import { createApp } from '../app.ts';
import { cookieSecret } from '../identity/learner-cookie.ts';
import type { RateLimits } from '../limits/rate-limits.ts';
import { LivePreview } from '../preview/live-preview.ts';
import { AppState } from '../state/app-state.ts';

export interface TestApp {
  /** http://127.0.0.1:<port> */
  url: string;
  state: AppState;
  grader: Grader;
  stop: () => Promise<void>;
}

export interface TestAppOptions {
  consoleLimits?: Partial<ConsoleLimits>;
  rateLimits?: Partial<RateLimits>;
  /** A Redis to keep state in; without it, an embedded one in a temporary data directory. */
  redisUrl?: string;
  /** The built web app to serve. */
  webDir?: string;
  log?: pino.Logger;
  /** Opens the instructor view with this token. */
  instructorToken?: string;
  /** GET /metrics asks for this token. */
  metricsToken?: string;
  /** Another course than the repository's own. */
  courseDir?: string;
  /** Express's trust proxy (TRUST_PROXY): then X-Forwarded-For names a learner's address. */
  trustProxy?: string | number;
  /** Development mode, as `keyspace start --watch`: the live preview follows the course. */
  watch?: boolean;
  /**
   * Queue mode, as KEYSPACE_GRADING=queue: Submit goes to the queue on `redisUrl`'s Redis, for
   * `keyspace worker` processes the test starts.
   */
  queue?: { waitMs: number; limit?: number };
}

/** The whole app on a free port, with a real grader and a real Redis for its state. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = await mkdtemp(join(tmpdir(), 'keyspace-test-data-'));
  const log = options.log ?? pino({ level: 'silent' });
  const state = await AppState.open({ redisUrl: options.redisUrl, dataDir, log });
  const grader = await Grader.start({ courseDir: options.courseDir, concurrency: 2 });
  const preview = options.watch
    ? await LivePreview.start(grader.courseDir, grader, log)
    : undefined;
  // Every test learner comes from 127.0.0.1: one address may hold every sandbox, unless asked.
  const maxSessions = options.consoleLimits?.maxSessions ?? DEFAULT_CONSOLE_LIMITS.maxSessions;
  const consoles = new ConsoleSessions({
    ...DEFAULT_CONSOLE_LIMITS,
    // Tests bring learners in quick bursts: more spares would only load a machine running tests.
    burstSpares: DEFAULT_CONSOLE_LIMITS.spares,
    maxPerAddress: maxSessions,
    ...options.consoleLimits,
  });
  let queue: GradingQueue | undefined;
  if (options.queue) {
    if (!options.redisUrl) throw new Error('queue mode needs a redisUrl');
    queue = await GradingQueue.open({
      redisUrl: options.redisUrl,
      limit: options.queue.limit ?? 100,
    });
  }
  const app = createApp({
    grader,
    consoles,
    state,
    log,
    cookieSecret: await cookieSecret(state),
    rateLimits: options.rateLimits,
    webDir: options.webDir,
    instructorToken: options.instructorToken,
    metricsToken: options.metricsToken,
    trustProxy: options.trustProxy,
    preview,
    queue: queue && options.queue && { queue, waitMs: options.queue.waitMs },
  });
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    state,
    grader,
    stop: async () => {
      await preview?.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await Promise.all([grader.stop(), consoles.stop(), queue?.close()]);
      await state.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
