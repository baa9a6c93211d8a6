import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GradedSubmission } from '../../contracts/index.ts';
import { LearnerClient } from '../test/learner-client.ts';
import { freePort, startRedisOnPort } from '../test/redis-on-port.ts';
import { type ServerProcess, spawnKeyspace, startServerProcess } from '../test/server-process.ts';

const TINY_COURSE = new URL('../../grader/test/tiny-course/', import.meta.url).pathname;

// One app and two `keyspace worker` processes on one machine, as docker-compose.yml runs them on
// several: the faults of the issue, with real processes, signals and BullMQ.

const SOLUTION = `import type Redis from 'ioredis';

export async function countVisit(redis: Redis, page: string): Promise<number> {
  return redis.incr(\`visits:\${page}\`);
}
`;

// The solution, taking its time on each of its three checks: a grading of about 4.5 s, long
// enough to be caught in the middle even on a loaded machine.
const SLOW_SOLUTION = `import type Redis from 'ioredis';

export async function countVisit(redis: Redis, page: string): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  return redis.incr(\`visits:\${page}\`);
}
`;

type Worker = Omit<ServerProcess, 'url'>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const running = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

interface Started {
  job: string;
  /** How often the job had been lost by a worker before. */
  stalled: number;
}

/** The jobs a worker has started grading, from its JSON log lines. */
function gradingsStarted(worker: Worker): Started[] {
  return worker
    .output()
    .split('\n')
    .flatMap((line) => {
      if (!line.startsWith('{')) return [];
      const entry = JSON.parse(line) as { msg?: string; job?: string; stalled?: number };
      return entry.msg === 'grading' && entry.job
        ? [{ job: entry.job, stalled: entry.stalled ?? 0 }]
        : [];
    });
}

const jobsStarted = (worker: Worker) => gradingsStarted(worker).map(({ job }) => job);

// Each loss of a worker costs up to one lock (4 s) and two stalled checks (2 s each) before the
// job is taken again, more on a busy machine: longer than the usual 30 s a test gets.
describe('queue mode: one app, two workers', { timeout: 180_000 }, () => {
  let redis: ChildProcess;
  let redisPort: number;
  let redisUrl: string;
  let dataDir: string;
  let app: ServerProcess;
  const workers: Worker[] = [];

  async function startWorker(): Promise<Worker> {
    const worker = spawnKeyspace(
      ['worker', '--concurrency', '1', '--course', TINY_COURSE, '--metrics-port', '0'],
      { REDIS_URL: redisUrl },
    );
    workers.push(worker);
    for (
      const deadline = Date.now() + 30_000;
      !/waiting for grading jobs/.test(worker.output());
    ) {
      if (Date.now() > deadline || !running(worker.child)) {
        throw new Error(`keyspace worker did not start:\n${worker.output()}`);
      }
      await sleep(50);
    }
    return worker;
  }

  /** The worker that has started `job` (or any job not in `known`), once one has. */
  async function workerTaking(match: (job: string) => boolean): Promise<[Worker, string]> {
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; await sleep(50)) {
      for (const worker of workers) {
        if (!running(worker.child)) continue;
        const job = jobsStarted(worker).find(match);
        if (job) return [worker, job];
      }
    }
    throw new Error('no worker took the job');
  }

  /** The answer to a submission: at once (200), or by polling its grading (202). */
  async function gradedOf(learner: LearnerClient, answer: Response): Promise<GradedSubmission> {
    let response = answer;
    for (const deadline = Date.now() + 90_000; response.status === 202; await sleep(250)) {
      if (Date.now() > deadline) throw new Error('the grading never finished');
      const { poll } = (await response.json()) as { poll: string };
      response = await learner.get(poll.replace(/^\/api/, ''));
    }
    return learner.json<GradedSubmission>(response);
  }

  const submissions = async (learner: LearnerClient) => {
    const history = learner.get('/exercises/count-visits/submissions');
    return (await learner.json<{ submissions: unknown[] }>(history)).submissions.length;
  };
  const allJobs = () => new Set(workers.flatMap(jobsStarted));

  /**
   * A learner with their cookie, as a page gives it before anything is submitted: a client
   * without one would become a new learner on each request it sends while another is out.
   */
  async function newLearner(): Promise<LearnerClient> {
    const learner = new LearnerClient(`${app.url}/api`);
    await submissions(learner);
    return learner;
  }

  beforeAll(async () => {
    redisPort = await freePort();
    redis = await startRedisOnPort(redisPort);
    redisUrl = `redis://127.0.0.1:${redisPort}`;
    dataDir = await mkdtemp(join(tmpdir(), 'keyspace-queue-'));
    app = await startServerProcess(dataDir, ['--course', TINY_COURSE], {
      REDIS_URL: redisUrl,
      KEYSPACE_GRADING: 'queue',
      KEYSPACE_QUEUE_LIMIT: '2',
      KEYSPACE_QUEUE_WAIT_MS: '3000',
    });
  });

  afterAll(async () => {
    for (const { child } of [app, ...workers]) child?.kill('SIGKILL');
    redis?.kill('SIGKILL');
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('answers 503 with Retry-After when the queue is full, and grades what it queued once workers come', async () => {
    const learner = await newLearner();
    const submit = () => learner.post('/exercises/count-visits/submissions', { source: SOLUTION });
    // No worker yet: each waits out the wait limit and is answered 202, to be polled.
    const first = await submit();
    const second = await submit();
    expect([first.status, second.status]).toEqual([202, 202]);
    expect(first.headers.get('Location')).toMatch(/^\/api\/gradings\/[0-9a-f-]{36}$/);
    expect(first.headers.get('Retry-After')).toBe('1');

    const refused = await submit();
    expect(refused.status).toBe(503);
    expect(refused.headers.get('Retry-After')).toBe('5');
    expect(await refused.json()).toMatchObject({
      error: 'queue_full',
      message: expect.stringMatching(/2 submissions are already waiting.*Try again/),
    });

    await Promise.all([startWorker(), startWorker()]);
    expect((await gradedOf(learner, first)).result.status).toBe('pass');
    // The poll answers the progress as it stands: both submissions counted by now.
    const { result, progress } = await gradedOf(learner, second);
    expect(result.status).toBe('pass');
    expect(progress).toMatchObject({ status: 'passed', attempts: 2, failures: 0 });
    expect(await submissions(learner)).toBe(2);

    // Only its learner may ask about a grading.
    const other = new LearnerClient(`${app.url}/api`);
    const poll = first.headers.get('Location')?.replace(/^\/api/, '') ?? '';
    expect((await other.get(poll)).status).toBe(404);
  });

  it('answers within the request when a worker is free', async () => {
    const learner = await newLearner();
    const answer = await learner.post('/exercises/count-visits/submissions', { source: SOLUTION });
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as GradedSubmission).result.status).toBe('pass');
  });

  it('retries on the other worker a job whose worker is SIGKILLed in the middle: one result, one submission', async () => {
    const learner = await newLearner();
    const seen = allJobs();
    const answer = learner.post('/exercises/count-visits/submissions', { source: SLOW_SOLUTION });
    const [first, job] = await workerTaking((id) => !seen.has(id));
    first.child.kill('SIGKILL');

    const { result } = await gradedOf(learner, await answer);
    expect(result.status).toBe('pass');
    const [second] = await workerTaking((id) => id === job);
    expect(gradingsStarted(second)).toContainEqual({ job, stalled: 1 });
    expect(await submissions(learner)).toBe(1);
    await startWorker();
  });

  it('fails a job that keeps killing its workers after a bounded number of tries, with a clear message', async () => {
    const learner = await newLearner();
    const seen = allJobs();
    const answer = learner.post('/exercises/count-visits/submissions', { source: SLOW_SOLUTION });
    const [, job] = await workerTaking((id) => !seen.has(id));
    const killed = new Set<Worker>();
    const replacements: Promise<Worker>[] = [];
    let response: Response | undefined;
    for (const deadline = Date.now() + 120_000; !response; await sleep(100)) {
      if (Date.now() > deadline) {
        const logs = workers.map((worker) => worker.output()).join('\n----\n');
        throw new Error(`job ${job} never ended; the workers said:\n${logs}`);
      }
      const taker = workers.find(
        (worker) => running(worker.child) && jobsStarted(worker).includes(job),
      );
      if (taker) {
        taker.child.kill('SIGKILL');
        killed.add(taker);
        // Not waited for: the other worker may take the job meanwhile, and is killed as well.
        replacements.push(startWorker());
      }
      // Anything but "still grading" ends the wait; learner.json below reports an error answer.
      const polled = await learner.get(`/gradings/${job}`);
      if (polled.status !== 202) response = polled;
    }
    await Promise.all([answer, ...replacements]);
    const { result } = await learner.json<GradedSubmission>(response);
    // WORKER_TIMINGS.maxStalledCount is 2: taken three times, and three workers lost.
    expect(killed.size).toBe(3);
    expect(result.status).toBe('error');
    expect(result.message).toMatch(/not graded: the grading worker running it stopped 3 times/);
    expect(await submissions(learner)).toBe(1);
  });

  it('lets a worker given SIGTERM finish the job in hand and exit 0, taking no other', async () => {
    const learner = await newLearner();
    const seen = allJobs();
    const answer = learner.post('/exercises/count-visits/submissions', { source: SLOW_SOLUTION });
    const [worker, job] = await workerTaking((id) => !seen.has(id));
    worker.child.kill('SIGTERM');
    // Queued while it stops: another worker takes it.
    await sleep(200);
    const next = learner.post('/exercises/count-visits/submissions', { source: SOLUTION });

    const { result } = await gradedOf(learner, await answer);
    expect(result.status).toBe('pass');
    expect((await gradedOf(learner, await next)).result.status).toBe('pass');
    expect(jobsStarted(worker).filter((id) => !seen.has(id))).toEqual([job]);
    expect(await worker.exited).toBe(0);
    expect(worker.output()).toMatch(/"msg":"stopping: finishing the jobs in hand"/);
    expect(worker.output()).toMatch(new RegExp(`"job":"${job}","status":"pass"`));
    const others = workers.filter((other) => other !== worker);
    expect(others.some((other) => jobsStarted(other).includes(job))).toBe(false);
  });

  it('serves the counts on GET /metrics, the app its gradings and queue, each worker its own', async () => {
    const metrics = (await (await fetch(`${app.url}/metrics`)).text()).split('\n');
    // Two queued while full, one at once, one retried, two around a SIGTERM; one set aside.
    expect(metrics).toContain('keyspace_gradings_total{status="pass",role="app"} 6');
    expect(metrics).toContain('keyspace_gradings_total{status="error",role="app"} 1');
    expect(metrics).toContain('keyspace_queue_jobs{state="waiting",role="app"} 0');
    expect(metrics).toContain(
      'keyspace_grading_duration_seconds_count{role="app",status="pass"} 6',
    );

    const worker = workers.find((candidate) => running(candidate.child));
    const port = /"metricsPort":(\d+)/.exec(worker?.output() ?? '')?.[1];
    const own = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(own).toMatch(/^keyspace_sandboxes\{use="grading",role="worker"\} 1$/m);
    expect(own).toMatch(/^keyspace_worker_restarts_total\{role="worker"\} 0$/m);
    expect(own).toMatch(/^# TYPE keyspace_gradings_total counter$/m);
    expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
  });

  it('answers 503 at once while its Redis is away, and grades again once it is back', async () => {
    const learner = await newLearner();
    const submit = () => learner.post('/exercises/count-visits/submissions', { source: SOLUTION });
    redis.kill('SIGKILL');
    const refused = await submit();
    expect(refused.status).toBe(503);
    expect(refused.headers.get('Retry-After')).toBe('5');
    expect(((await refused.json()) as { error: string }).error).toBe('state_unavailable');

    redis = await startRedisOnPort(redisPort);
    for (const deadline = Date.now() + 60_000; ; await sleep(500)) {
      const answer = await submit();
      if (answer.status !== 503) {
        expect((await gradedOf(learner, answer)).result.status).toBe('pass');
        break;
      }
      if (Date.now() > deadline) throw new Error('Submit never recovered');
    }
  });
});
