import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { ConsoleSessions, DEFAULT_COURSE_DIR, Grader, UsageError } from '../grader/index.ts';
import { createApp } from './app.ts';
import { cookieSecret } from './identity/learner-cookie.ts';
import { AppState } from './state/app-state.ts';

const WEB_DIR = join(DEFAULT_COURSE_DIR, 'web', 'dist');
export const DEFAULT_DATA_DIR = join(DEFAULT_COURSE_DIR, '.keyspace', 'data');
/** How long shutdown waits for requests in flight (gradings) before it closes their connections. */
const DRAIN_TIMEOUT_MS = 30_000;

/**
 * `keyspace start`: serves the course until SIGINT or SIGTERM, then finishes the requests in
 * flight, stops its workers and sandboxes, and stops its Redis cleanly.
 */
export async function startCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: process.env.PORT ?? '3000' },
      host: { type: 'string', default: process.env.HOST ?? '127.0.0.1' },
      'data-dir': { type: 'string', default: process.env.KEYSPACE_DATA_DIR ?? DEFAULT_DATA_DIR },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new UsageError(`--port must be a port number from 0 to 65535, not '${values.port}'`);
  }
  const log = pino({ level: process.env.LOG_LEVEL ?? 'info', base: { service: 'keyspace' } });
  if (!existsSync(join(WEB_DIR, 'index.html'))) {
    log.warn('the web app is not built yet; `npm start` builds it first');
  }
  const state = await AppState.open({
    redisUrl: process.env.REDIS_URL || undefined,
    dataDir: resolve(values['data-dir']),
    log,
  });
  let grader: Grader | undefined;
  const consoles = new ConsoleSessions();
  const stop = async () => {
    await Promise.all([grader?.stop(), consoles.stop()]);
    await state.close();
  };
  let server: Server;
  try {
    grader = await Grader.start({ concurrency: 2 });
    const app = createApp({
      grader,
      consoles,
      state,
      log,
      cookieSecret: await cookieSecret(state),
      webDir: WEB_DIR,
      trustProxy: trustProxy(process.env.TRUST_PROXY),
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
  log.info({ port: listening, state: state.where, redisPid: state.embeddedPid }, 'started');
  process.stdout.write(
    `Keyspace is running: open http://localhost:${listening}/ (Ctrl+C stops it)\n`,
  );

  const signal = await new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  log.info({ signal }, 'stopping: finishing the requests in flight');
  await drain(server);
  await stop();
  log.info('stopped');
  return 0;
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
