import { createServer, type Server } from 'node:http';
import { availableParallelism, hostname } from 'node:os';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import {
  COURSE_OPTION_USAGE,
  courseDirOption,
  Grader,
  integerSetting,
  NO_NETWORK_NAMESPACE,
  UsageError,
} from '../grader/index.ts';
import { GradingMetrics } from '../metrics/grading-metrics.ts';
import { GradingWorker } from './grading-worker.ts';

/** Every environment variable `keyspace worker` reads, and what for. */
export const WORKER_ENVIRONMENT = {
  REDIS_URL: "the app's Redis, which holds the grading queue (required)",
  KEYSPACE_WORKER_CONCURRENCY: 'gradings at once (--concurrency)',
  KEYSPACE_METRICS_PORT: 'where to serve /metrics (--metrics-port)',
  KEYSPACE_COURSE: 'the course folder (--course)',
  LOG_LEVEL: "pino's level (default: info)",
  REDIS_SERVER_BIN: 'the redis-server binary for the sandboxes (default: the one on PATH)',
} as const;

const setting = (name: keyof typeof WORKER_ENVIRONMENT) => process.env[name] || undefined;

export const WORKER_USAGE = `Usage: keyspace worker [--concurrency N] [--metrics-port N] [--course DIR]

Takes grading jobs off the app's queue (the app runs with KEYSPACE_GRADING=queue) and grades
them, each in a sandbox of its own. On SIGTERM or Ctrl+C it takes no new job, finishes those it
holds and exits.
  --concurrency   gradings at once, each with its own worker process and sandbox redis-server
                  (default: KEYSPACE_WORKER_CONCURRENCY, or the number of CPUs)
  --metrics-port  serve Prometheus metrics at /metrics on this port, on every interface
                  (default: KEYSPACE_METRICS_PORT; none when unset)
${COURSE_OPTION_USAGE}
Environment:
${Object.entries(WORKER_ENVIRONMENT)
  .map(([name, what]) => `  ${name.padEnd(28)}${what}`)
  .join('\n')}`;

/** `keyspace worker`: a grading worker for queue mode (SPEC: Scale-out). */
export async function workerCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      help: { type: 'boolean' },
      concurrency: { type: 'string' },
      'metrics-port': { type: 'string' },
      course: { type: 'string' },
    },
  });
  if (values.help) {
    process.stdout.write(`${WORKER_USAGE}\n`);
    return 0;
  }
  const redisUrl = setting('REDIS_URL');
  if (!redisUrl) {
    throw new UsageError(
      "keyspace worker needs REDIS_URL: the app's Redis, where the grading queue is (e.g. redis://redis:6379)",
    );
  }
  const concurrencyText = values.concurrency ?? setting('KEYSPACE_WORKER_CONCURRENCY');
  const concurrency = concurrencyText
    ? integerSetting('--concurrency', concurrencyText, 1, 64)
    : availableParallelism();
  const portText = values['metrics-port'] ?? setting('KEYSPACE_METRICS_PORT');
  const metricsPort = portText ? integerSetting('--metrics-port', portText, 0, 65_535) : undefined;
  const courseDir = await courseDirOption(values.course);
  const name = `${hostname()}:${process.pid}`;
  const log = pino({
    level: setting('LOG_LEVEL') ?? 'info',
    base: { service: 'keyspace-worker', worker: name },
  });

  const grader = await Grader.start({ courseDir, concurrency, log });
  const metrics = new GradingMetrics({ role: 'worker', grader });
  let worker: GradingWorker;
  let metricsServer: Server | undefined;
  try {
    worker = await GradingWorker.start({
      redisUrl,
      grader,
      concurrency,
      name,
      log,
      onGraded: (result, seconds) => metrics.graded(result.status, seconds),
    });
    if (metricsPort !== undefined) metricsServer = await serveMetrics(metrics, metricsPort);
  } catch (error) {
    await grader.stop();
    throw error;
  }
  const address = metricsServer?.address();
  log.info(
    {
      concurrency,
      courseDir,
      metricsPort: typeof address === 'object' && address ? address.port : undefined,
      networkIsolated: grader.networkIsolated,
    },
    'waiting for grading jobs',
  );
  if (!grader.networkIsolated) log.warn(NO_NETWORK_NAMESPACE);

  const signal = await new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  log.info({ signal }, 'stopping: finishing the jobs in hand');
  await worker.close();
  await grader.stop();
  await new Promise((resolve) => (metricsServer ? metricsServer.close(resolve) : resolve(null)));
  log.info('stopped');
  return 0;
}

/** GET /metrics on a port of its own: a worker serves nothing else. */
async function serveMetrics(metrics: GradingMetrics, port: number): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url !== '/metrics') {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('only GET /metrics is here\n');
      return;
    }
    metrics.text().then(
      (text) => res.writeHead(200, { 'Content-Type': metrics.contentType }).end(text),
      () => res.writeHead(500, { 'Content-Type': 'text/plain' }).end('metrics failed\n'),
    );
  });
  server.listen(port);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  return server;
}
