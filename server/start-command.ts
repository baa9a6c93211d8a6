import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import {
  type CommandSettings,
  ConsoleSessions,
  commandUsage,
  courseDirOption,
  DEFAULT_CONSOLE_LIMITS,
  Grader,
  listen,
  optionsSynopsis,
  perAddressFor,
  readSettings,
  stopSignal,
  UsageError,
  warnIfNotIsolated,
} from '../grader/index.ts';
import { GradingQueue } from '../queue/index.ts';
import { createApp } from './app.ts';
import { CourseService } from './course/course-service.ts';
import { cookieSecret } from './identity/learner-cookie.ts';
import { LivePreview } from './preview/live-preview.ts';
import { AppState } from './state/app-state.ts';

const REPOSITORY = fileURLToPath(new URL('..', import.meta.url));
const WEB_DIR = join(REPOSITORY, 'web', 'dist');
/** How long shutdown waits for requests in flight (gradings) before it closes their connections. */
const DRAIN_TIMEOUT_MS = 30_000;

export const START_USAGE = commandUsage('start', {
  synopsis: [`keyspace start ${optionsSynopsis('start')}`],
  about: 'Serves the course in the browser until Ctrl+C (or SIGTERM).',
});

/**
 * `keyspace start`: serves the course until SIGINT or SIGTERM, then finishes the requests in
 * flight, stops its workers and sandboxes, and stops its Redis cleanly.
 */
export async function startCommand(argv: string[]): Promise<number> {
  const read = readSettings('start', argv);
  if (read.help) {
    process.stdout.write(`${START_USAGE}\n`);
    return 0;
  }
  const { settings } = read;
  const { port, host, redisUrl } = settings;
  const courseDir = await courseDirOption(settings.course);
  const queueSettings = gradingSettings(settings);
  const maxConsoles = settings.consoles;
  const maxPerAddress = settings.consolesPerAddress ?? perAddressFor(maxConsoles);
  if (maxPerAddress > maxConsoles) {
    throw new UsageError(
      `KEYSPACE_CONSOLES_PER_ADDRESS must be a whole number from 1 to ${maxConsoles} (KEYSPACE_CONSOLES), not '${maxPerAddress}'`,
    );
  }
  const log = pino({ level: settings.logLevel, base: { service: 'keyspace' } });
  if (!existsSync(join(WEB_DIR, 'index.html'))) {
    log.warn(
      `the web app is not built (${WEB_DIR} has no index.html): \`npm install\` in Keyspace's folder builds it`,
    );
  }
  const state = await AppState.open({
    redisUrl,
    dataDir: settings.dataDir ?? join(courseDir, '.keyspace', 'data'),
    log,
  });
  let grader: Grader | undefined;
  let preview: LivePreview | undefined;
  let queued: { queue: GradingQueue; waitMs: number } | undefined;
  const consoles = new ConsoleSessions(
    {
      ...DEFAULT_CONSOLE_LIMITS,
      maxSessions: maxConsoles,
      maxPerAddress,
    },
    log,
  );
  const stop = async () => {
    await Promise.all([grader?.stop(), consoles.stop(), preview?.close(), queued?.queue.close()]);
    await state.close();
  };
  let server: Server;
  try {
    // In queue mode too: Run goes to the learner's own sandbox, which is on this machine.
    grader = await Grader.start({ courseDir, concurrency: settings.concurrency, log });
    if (queueSettings) {
      const { limit, waitMs } = queueSettings;
      queued = {
        queue: await GradingQueue.open({ redisUrl: queueSettings.redisUrl, limit }),
        waitMs,
      };
    }
    if (settings.watch) {
      preview = await LivePreview.start(courseDir, grader, log);
      if (!/^(127\.|::1$|localhost$)/.test(host)) {
        log.warn(
          { host },
          'the live preview is for an author on this machine: anyone who reaches this address can follow it',
        );
      }
    }
    const course = new CourseService(grader);
    const app = createApp({
      grader,
      course,
      consoles,
      state,
      log,
      cookieSecret: await cookieSecret(state, settings.secret),
      webDir: WEB_DIR,
      trustProxy: settings.trustProxy,
      instructorToken: settings.instructorToken,
      metricsToken: settings.metricsToken,
      preview,
      queue: queued,
    });
    server = createServer(app);
    await listen(server, port, host);
    // In the background: the first learners find the course rendered (see prepare).
    course
      .prepare()
      .catch((error: unknown) => log.warn({ err: error }, 'the course could not be prepared'));
  } catch (error) {
    await stop();
    throw (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
      ? new UsageError(`port ${port} is in use: pass --port or set PORT to another one`)
      : error;
  }
  const address = server.address();
  const listening = typeof address === 'object' && address ? address.port : port;
  log.info(
    {
      port: listening,
      state: state.where,
      redisPid: state.embeddedPid,
      courseDir,
      watch: settings.watch,
      grading: queued ? 'queue' : 'inline',
      networkIsolated: grader.networkIsolated,
    },
    'started',
  );
  warnIfNotIsolated(grader, log);
  process.stdout.write(
    `Keyspace is running: open http://localhost:${listening}/ (Ctrl+C stops it)\n`,
  );
  if (preview) {
    process.stdout.write(
      `Live preview: watching ${courseDir} — open pages update when you save a lesson or exercise.\n`,
    );
  }

  const signal = await stopSignal();
  log.info({ signal }, 'stopping: finishing the requests in flight');
  // Open pages' event streams never finish by themselves: end them before waiting for the rest.
  await preview?.close();
  await drain(server);
  await stop();
  log.info('stopped');
  return 0;
}

/** Queue mode's settings: undefined for inline grading (the default). */
function gradingSettings(
  settings: CommandSettings<'start'>,
): { redisUrl: string; limit: number; waitMs: number } | undefined {
  if (settings.grading === 'inline') return undefined;
  if (!settings.redisUrl) {
    throw new UsageError(
      'KEYSPACE_GRADING=queue needs REDIS_URL: the Redis that the app and its `keyspace worker`s share',
    );
  }
  return {
    redisUrl: settings.redisUrl,
    limit: settings.queueLimit,
    waitMs: settings.queueWaitMs,
  };
}

/** Stops taking connections and waits for the requests in flight, closing connections as they idle. */
async function drain(server: Server): Promise<void> {
  const closed = new Promise((resolve) => server.close(resolve));
  const idle = setInterval(() => server.closeIdleConnections(), 100);
  const timeout = setTimeout(() => server.closeAllConnections(), DRAIN_TIMEOUT_MS);
  await closed;
  clearInterval(idle);
  clearTimeout(timeout);
}
