import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Grader } from '../grader/index.ts';
import { GradingMetrics } from './grading-metrics.ts';

const SOLUTION = readFileSync(
  new URL('../exercises/set-and-get/solution.ts', import.meta.url),
  'utf8',
);

const gone = (pid: number) => {
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
};

describe('GradingMetrics', () => {
  let grader: Grader;
  beforeAll(async () => {
    grader = await Grader.start({ concurrency: 1 });
  });
  afterAll(() => grader?.stop());

  it('counts gradings by status and duration, sandboxes, and the restarts of a killed worker', async () => {
    const metrics = new GradingMetrics({ grader, consoleSandboxes: () => 3 });
    const result = await grader.grade('set-and-get', SOLUTION);
    metrics.graded(result.status, 0.02);

    // The grader's worker process, killed from outside while idle: replaced before the next job.
    const [pid] = execFileSync('pgrep', ['-P', String(process.pid), '-f', 'worker-main'])
      .toString()
      .trim()
      .split('\n')
      .map(Number);
    process.kill(pid as number, 'SIGKILL');
    while (!gone(pid as number)) await new Promise((resolve) => setTimeout(resolve, 20));
    await grader.grade('set-and-get', SOLUTION);

    const text = await metrics.text();
    expect(text).toMatch(/^keyspace_gradings_total\{status="pass"\} 1$/m);
    expect(text).toMatch(
      /^keyspace_grading_duration_seconds_bucket\{le="0.01",status="pass"\} 0$/m,
    );
    expect(text).toMatch(
      /^keyspace_grading_duration_seconds_bucket\{le="0.025",status="pass"\} 1$/m,
    );
    expect(text).toMatch(/^keyspace_sandboxes\{use="grading"\} 1$/m);
    expect(text).toMatch(/^keyspace_sandboxes\{use="console"\} 3$/m);
    expect(text).toMatch(/^keyspace_worker_restarts_total 1$/m);
    expect(text).toMatch(/^keyspace_queue_jobs\{state="waiting"\} 0$/m);
    expect(text).toMatch(/^process_cpu_seconds_total /m);
    // Counted once, however often it is scraped.
    expect(await metrics.text()).toMatch(/^keyspace_worker_restarts_total 1$/m);
  });
});
