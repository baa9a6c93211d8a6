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
    const metrics = new GradingMetrics({ role: 'app', grader, consoleSandboxes: () => 3 });
    const result = await grader.grade('set-and-get', SOLUTION);
    metrics.graded(result.status, 0.02);
    metrics.waitedForTurn('run', 0.02);

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
    const line = (name: string, labels: string, value: string | number) =>
      expect(text.split('\n')).toContain(`${name}{${labels}} ${value}`);
    line('keyspace_gradings_total', 'status="pass",role="app"', 1);
    line('keyspace_grading_duration_seconds_bucket', 'le="0.01",role="app",status="pass"', 0);
    line('keyspace_grading_duration_seconds_bucket', 'le="0.025",role="app",status="pass"', 1);
    line('keyspace_turn_wait_seconds_bucket', 'le="0.01",role="app",kind="run"', 0);
    line('keyspace_turn_wait_seconds_bucket', 'le="0.025",role="app",kind="run"', 1);
    line('keyspace_sandboxes', 'use="grading",role="app"', 1);
    line('keyspace_sandboxes', 'use="console",role="app"', 3);
    line('keyspace_worker_restarts_total', 'role="app"', 1);
    line('keyspace_queue_jobs', 'state="waiting",role="app"', 0);
    expect(text).toMatch(/^process_cpu_seconds_total\{role="app"\} /m);
    // Counted once, however often it is scraped.
    expect((await metrics.text()).split('\n')).toContain(
      'keyspace_worker_restarts_total{role="app"} 1',
    );
  });
});
