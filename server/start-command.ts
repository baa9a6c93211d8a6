import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import {
  COURSE_OPTION_USAGE,
  ConsoleSessions,
  courseDirOption,
  DEFAULT_CONSOLE_LIMITS,
  Grader,
  integerSetting,
  NO_NETWORK_NAMESPACE,
  perAddressFor,
  UsageError,
} from '../grader/index.ts';
import { GradingQueue } from '../queue/index.ts';
import { createApp } from './app.ts';
import { cookieSecret } from './identity/learner-cookie.ts';
import { LivePreview } from './preview/live-preview.ts';
import { AppState } from './state/app-state.ts';

const REPOSITORY = fileURLToPath(new URL('..', import.meta.url));
const WEB_DIR = join(REPOSITORY, 'web', 'dist');
export const DEFAULT_DATA_DIR = join(REPOSITORY, '.keyspace', 'data');
/** How long shutdown waits for requests in flight (gradings) before it closes their connections. */
const DRAIN_TIMEOUT_MS = 30_000;
/** Queue mode: a full queue is about a minute of gradings for a few workers. */
const DEFAULT_QUEUE_LIMIT = 500;
/** Queue mode: most gradings take milliseconds; one that waits longer is polled for. */
const DEFAULT_QUEUE_WAIT_MS = 10_000;

/** Every environment variable `keyspace start` reads, and what for. */
export const START_ENVIRONMENT = {
  PORT: 'where to listen (--port)',
  HOST: 'the address to listen on (--host)',
  KEYSPACE_DATA_DIR: "the embedded Redis's folder (--data-dir)",
  KEYSPACE_COURSE: 'the course folder (--course)',
  REDIS_URL: "a Redis for the app's state (and the grading queue) instead of the embedded one",
  KEYSPACE_GRADING: 'inline (default): grade in this process; queue: through `keyspace worker`s',
  KEYSPACE_QUEUE_LIMIT: `queue mode: submissions waiting beyond which Submit answers 503 (default ${DEFAULT_QUEUE_LIMIT})`,
  KEYSPACE_QUEUE_WAIT_MS: `queue mode: how long Submit waits before answering 202 (default ${DEFAULT_QUEUE_WAIT_MS})`,
  KEYSPACE_CONSOLES: `learners' console sandboxes kept at once, a redis-server each (default: as many as half this machine's memory holds full, here ${DEFAULT_CONSOLE_LIMITS.maxSessions})`,
  KEYSPACE_CONSOLES_PER_ADDRESS: `console sandboxes the learners of one client address hold at once; one more waits until one of theirs is idle (default: a quarter of KEYSPACE_CONSOLES, here ${DEFAULT_CONSOLE_LIMITS.maxPerAddress})`,
  KEYSPACE_SECRET: 'signs learner cookies (default: one made once and kept in Redis)',
  KEYSPACE_INSTRUCTOR_TOKEN: 'opens the instructor view (at least 16 characters)',
  KEYSPACE_METRICS_TOKEN:
    'the Bearer token GET /metrics asks for (at least 16 characters; default: none, open)',
  TRUST_PROXY: "Express's trust proxy: the proxies that may say a request came over HTTPS",
  LOG_LEVEL: "pino's level (default: info)",
  REDIS_SERVER_BIN: 'the redis-server binary (default: the one on PATH)',
} as const;

const setting = (name: keyof typeof START_ENVIRONMENT) => process.env[name] || undefined;

/**
 * `keyspace start`: serves the course until SIGINT or SIGTERM, then finishes the requests in
 * flight, stops its workers and sandboxes, and stops its Redis cleanly.
 */
/** Wide enough for the longest variable's name and a space. */
const ENVIRONMENT_COLUMN =
  Math.max(...Object.keys(START_ENVIRONMENT).map((name) => name.length)) + 1;

export const START_USAGE = `Usage: keyspace start [--port N] [--host H] [--data-dir DIR] [--course DIR] [--watch]

Serves the course in the browser until Ctrl+C (or SIGTERM).
  --port      where to listen (default: PORT, or 3000; 0 picks a free port)
  --host      the address to listen on (default: HOST, or 127.0.0.1)
  --data-dir  the folder of the embedded Redis's append-only file, when REDIS_URL is not set
              (default: KEYSPACE_DATA_DIR, or .keyspace/data)
${COURSE_OPTION_USAGE}
  --watch     live preview for authors: open pages update when a course file is saved, and
              show what is wrong with a broken one
Environment:
${Object.entries(START_ENVIRONMENT)
  .map(([name, what]) => `  ${name.padEnd(ENVIRONMENT_COLUMN)}${what}`)
  .join('\n')}`;

export async function startCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      help: { type: 'boolean' },
      port: { type: 'string', default: setting('PORT') ?? '3000' },
      host: { type: 'string', default: setting('HOST') ?? '127.0.0.1' },
      'data-dir': { type: 'string', default: setting('KEYSPACE_DATA_DIR') ?? DEFAULT_DATA_DIR },
      course: { type: 'string' },
      watch: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${START_USAGE}\n`);
    return 0;
  }
  const courseDir = await courseDirOption(values.course);
  const token = secretToken('KEYSPACE_INSTRUCTOR_TOKEN');
  const metricsToken = secretToken('KEYSPACE_METRICS_TOKEN');
  const port = integerSetting('--port', values.port, 0, 65_535);
  const redisUrl = setting('REDIS_URL');
  const queueSettings = gradingSettings(redisUrl);
  const consoleLimit = setting('KEYSPACE_CONSOLES');
  const maxConsoles = consoleLimit
    ? integerSetting('KEYSPACE_CONSOLES', consoleLimit, 1, 10_000)
    : DEFAULT_CONSOLE_LIMITS.maxSessions;
  const perAddressLimit = setting('KEYSPACE_CONSOLES_PER_ADDRESS');
  const maxPerAddress = perAddressLimit
    ? integerSetting('KEYSPACE_CONSOLES_PER_ADDRESS', perAddressLimit, 1, maxConsoles)
    : perAddressFor(maxConsoles);
  const log = pino({ level: setting('LOG_LEVEL') ?? 'info', base: { service: 'keyspace' } });
  if (!existsSync(join(WEB_DIR, 'index.html'))) {
    log.warn('the web app is not built yet; `npm start` builds it first');
  }
  const state = await AppState.open({
    redisUrl,
    dataDir: resolve(values['data-dir']),
    log,
  });
  let grader: Grader | undefined;
  let preview: LivePreview | undefined;
  let queued: { queue: GradingQueue; waitMs: number } | undefined;
  const consoles = new ConsoleSessions({
    ...DEFAULT_CONSOLE_LIMITS,
    maxSessions: maxConsoles,
    maxPerAddress,
  });
  const stop = async () => {
    await Promise.all([grader?.stop(), consoles.stop(), preview?.close(), queued?.queue.close()]);
    await state.close();
  };
  let server: Server;
  try {
    // In queue mode too: Run goes to the learner's own sandbox, which is on this machine.
    grader = await Grader.start({ courseDir, concurrency: 2, log });
    if (queueSettings) {
      const { limit, waitMs } = queueSettings;
      queued = {
        queue: await GradingQueue.open({ redisUrl: queueSettings.redisUrl, limit }),
        waitMs,
      };
    }
    if (values.watch) {
      preview = await LivePreview.start(courseDir, grader, log);
      if (!/^(127\.|::1$|localhost$)/.test(values.host)) {
        log.warn(
          { host: values.host },
          'the live preview is for an author on this machine: anyone who reaches this address can follow it',
        );
      }
    }
    const app = createApp({
      grader,
      consoles,
      state,
      log,
      cookieSecret: await cookieSecret(state),
      webDir: WEB_DIR,
      trustProxy: trustProxy(setting('TRUST_PROXY')),
      instructorToken: token,
      metricsToken,
      preview,
      queue: queued,
    });
    server = app.listen(port, values.host);
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
  } catch (error) {
    await stop();
    throw (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
      ? new UsageError(`port ${values.port} is in use: pass --port or set PORT to another one`)
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
      watch: values.watch,
      grading: queued ? 'queue' : 'inline',
      networkIsolated: grader.networkIsolated,
    },
    'started',
  );
  if (!grader.networkIsolated) log.warn(NO_NETWORK_NAMESPACE);
  process.stdout.write(
    `Keyspace is running: open http://localhost:${listening}/ (Ctrl+C stops it)\n`,
  );
  if (preview) {
    process.stdout.write(
      `Live preview: watching ${courseDir} — open pages update when you save a lesson or exercise.\n`,
    );
  }

  const signal = await new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  log.info({ signal }, 'stopping: finishing the requests in flight');
  // Open pages' event streams never finish by themselves: end them before waiting for the rest.
  await preview?.close();
  await drain(server);
  await stop();
  log.info('stopped');
  return 0;
}

/** KEYSPACE_GRADING and its settings: undefined for inline grading (the default). */
function gradingSettings(
  redisUrl: string | undefined,
): { redisUrl: string; limit: number; waitMs: number } | undefined {
  const mode = setting('KEYSPACE_GRADING') ?? 'inline';
  if (mode === 'inline') return undefined;
  if (mode !== 'queue') {
    throw new UsageError(`KEYSPACE_GRADING must be 'inline' or 'queue', not '${mode}'`);
  }
  if (!redisUrl) {
    throw new UsageError(
      'KEYSPACE_GRADING=queue needs REDIS_URL: the Redis that the app and its `keyspace worker`s share',
    );
  }
  const limit = setting('KEYSPACE_QUEUE_LIMIT');
  const waitMs = setting('KEYSPACE_QUEUE_WAIT_MS');
  return {
    redisUrl,
    limit: limit
      ? integerSetting('KEYSPACE_QUEUE_LIMIT', limit, 1, 1_000_000)
      : DEFAULT_QUEUE_LIMIT,
    waitMs: waitMs
      ? integerSetting('KEYSPACE_QUEUE_WAIT_MS', waitMs, 0, 120_000)
      : DEFAULT_QUEUE_WAIT_MS,
  };
}

/** Below this, a token could be guessed within the instructor view's rate limit. */
const MIN_TOKEN_LENGTH = 16;

/** A token setting, refused before the server starts when it could not serve (or be guessed). */
function secretToken(
  name: 'KEYSPACE_INSTRUCTOR_TOKEN' | 'KEYSPACE_METRICS_TOKEN',
): string | undefined {
  const token = setting(name)?.trim();
  if (!token) return undefined;
  if (token.length < MIN_TOKEN_LENGTH || !/^[\x21-\x7e]+$/.test(token)) {
    throw new UsageError(
      `${name} must be at least ${MIN_TOKEN_LENGTH} visible ASCII characters without spaces, e.g. $(openssl rand -hex 32)`,
    );
  }
  return token;
}

/** TRUST_PROXY as Express takes it: a hop count, or addresses and names such as `loopback`. */
function trustProxy(setting: string | undefined): string | number | undefined {
  if (!setting) return undefined;
  return /^\d+$/.test(setting) ? Number(setting) : setting;
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
