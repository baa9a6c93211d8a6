import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ConsoleSessions, DEFAULT_COURSE_DIR, Grader, UsageError } from '../grader/index.ts';
import { createApp } from './app.ts';

const WEB_DIR = join(DEFAULT_COURSE_DIR, 'web', 'dist');

/** `keyspace start`: serves the course until SIGINT or SIGTERM, then stops its workers and Redis. */
export async function startCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: process.env.PORT ?? '3000' },
      host: { type: 'string', default: process.env.HOST ?? '127.0.0.1' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new UsageError(`--port must be a port number from 0 to 65535, not '${values.port}'`);
  }
  if (!existsSync(join(WEB_DIR, 'index.html'))) {
    process.stderr.write('keyspace: the web app is not built yet; `npm start` builds it first.\n');
  }
  const grader = await Grader.start({ concurrency: 2 });
  const consoles = new ConsoleSessions();
  const stop = () => Promise.all([grader.stop(), consoles.stop()]);
  const app = createApp({ grader, consoles, webDir: WEB_DIR });
  const server = app.listen(port, values.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  }).catch(async (error: NodeJS.ErrnoException) => {
    await stop();
    throw error.code === 'EADDRINUSE'
      ? new UsageError(`port ${values.port} is in use: pass --port or set PORT to another one`)
      : error;
  });
  const address = server.address();
  const listening = typeof address === 'object' && address ? address.port : port;
  process.stdout.write(
    `Keyspace is running: open http://localhost:${listening}/ (Ctrl+C stops it)\n`,
  );

  await new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await new Promise((resolve) => server.close(resolve));
  await stop();
  return 0;
}
