import { createServer, type Server } from 'node:http';
import { hostname } from 'node:os';
import { pino } from 'pino';
import {
  commandUsage,
  courseDirOption,
  Grader,
  listen,
  optionsSynopsis,
  readSettings,
  stopSignal,
  UsageError,
  warnIfNotIsolated,
} from '../grader/index.ts';
import { GradingMetrics } from '../metrics/grading-metrics.ts';
import { GradingWorker } from './grading-worker.ts';

export const WORKER_USAGE = commandUsage('worker', {
  synopsis: [`keyspace worker ${optionsSynopsis('worker')}`],
  about: `Takes grading jobs off the app's queue (the app runs with KEYSPACE_GRADING=queue) and grades
them, each in a sandbox of its own. On SIGTERM or Ctrl+C it takes no new job, finishes those it
holds and exits.`,
});

/** `keyspace worker`: a grading worker for queue mode (SPEC: Scale-out). */
export async function workerCommand(argv: string[]): Promise<number> {
  const read = readSettings('worker', argv);
  if (read.help) {
    process.stdout.write(`${WORKER_USAGE}\n`);
    return 0;
  }
  const { redisUrl, concurrency, metricsPort, logLevel, course } = read.settings;
  if (!redisUrl) {
    throw new UsageError(
      "keyspace worker needs REDIS_URL: the app's Redis, where the grading queue is (e.g. redis://redis:6379)",
    );
  }
  const courseDir = await courseDirOption(course);
  const name = `${hostname()}:${process.pid}`;
  const log = pino({
    level: logLevel,
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
  warnIfNotIsolated(grader, log);

  const signal = await stopSignal();
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
  await listen(server, port);
  return server;
}
