import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { GradedSubmission } from '../contracts/index.ts';
import { PID_FILE } from './state/embedded-redis.ts';
import { LearnerClient } from './test/learner-client.ts';
import { type ServerProcess, startServerProcess } from './test/server-process.ts';

// The reference solution, taking its time: a grading still running when the app is told to stop.
// set-and-get's checks call main five times or more, so a grading takes two seconds; each call
// stays far inside the 2 s a call may take, on a loaded machine too (at 1.5 s a call, a grading
// under CI's load once ended as an error).
const SLOW_SOLUTION = `import type Redis from 'ioredis';

export async function main(redis: Redis): Promise<string | null> {
  await new Promise((resolve) => setTimeout(resolve, 300));
  await redis.set('weather', 'sunny');
  return redis.get('weather');
}
`;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

interface Stop {
  how: string;
  /** What stops it, as an operator does. */
  signal: (server: ServerProcess) => void;
  /** Started as a terminal's foreground job. */
  processGroup: boolean;
}

const STOPS: Stop[] = [
  { how: 'on SIGTERM', signal: ({ child }) => child.kill('SIGTERM'), processGroup: false },
  {
    how: 'on a Ctrl+C, which reaches its whole process group',
    signal: ({ child }) => {
      // A pid of 0 would signal this test's own group.
      if (!child.pid) throw new Error('the server has no pid');
      process.kill(-child.pid, 'SIGINT');
    },
    processGroup: true,
  },
];

describe('stopping', () => {
  const processes: ServerProcess[] = [];
  const dataDirs: string[] = [];
  afterAll(async () => {
    for (const { child } of processes) child.kill('SIGKILL');
    for (const dataDir of dataDirs) await rm(dataDir, { recursive: true, force: true });
  });

  it.each(STOPS)(
    'finishes and records the gradings in flight, then stops its Redis cleanly, $how',
    async ({ signal, processGroup }) => {
      const dataDir = await mkdtemp(join(tmpdir(), 'keyspace-shutdown-'));
      dataDirs.push(dataDir);
      const server = await startServerProcess(dataDir, [], {}, { processGroup });
      processes.push(server);
      const learner = new LearnerClient(`${server.url}/api`);
      await learner.get('/progress');
      const redisPid = Number(readFileSync(join(dataDir, PID_FILE), 'utf8'));

      const inFlight = learner.post('/exercises/set-and-get/submissions', {
        source: SLOW_SOLUTION,
      });
      // On loopback the request is in well before this; the grading is then far from done.
      await new Promise((resolve) => setTimeout(resolve, 400));
      signal(server);

      const { result } = await learner.json<GradedSubmission>(inFlight);
      expect(result.status, JSON.stringify(result)).toBe('pass');
      expect(await server.exited).toBe(0);
      expect(alive(redisPid)).toBe(false);
      expect(server.output()).toMatch(/"msg":"stopping: finishing the requests in flight"/);
      expect(server.output()).toMatch(/"msg":"stopped"/);
      // A clean stop: Redis removes its pid file only when it shuts down by itself.
      expect(() => readFileSync(join(dataDir, PID_FILE))).toThrow();

      const again = await startServerProcess(dataDir);
      processes.push(again);
      const back = new LearnerClient(`${again.url}/api`);
      back.cookie = learner.cookie;
      const progress = await back.json<{ exercises: Record<string, { status: string }> }>(
        back.get('/progress'),
      );
      expect(progress.exercises['set-and-get']?.status).toBe('passed');
      again.child.kill('SIGTERM');
      expect(await again.exited).toBe(0);
    },
  );
});
