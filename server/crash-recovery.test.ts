import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Progress } from '../contracts/index.ts';
import { PID_FILE } from './state/embedded-redis.ts';
import { LearnerClient } from './test/learner-client.ts';
import { type ServerProcess, startServerProcess } from './test/server-process.ts';

const exercise = (file: string) =>
  readFileSync(new URL(`../exercises/set-and-get/${file}`, import.meta.url), 'utf8');
const SOLUTION = exercise('solution.ts');
const STARTER = exercise('starter.ts');

/** What the server acknowledged to one learner before it died. */
interface Acknowledged {
  learner: LearnerClient;
  submissions: number;
  /** The number in the last code (a draft or a submission) the server answered 200 to. */
  code: number;
}

describe('a crash in the middle of a stream of submissions', () => {
  const processes: ServerProcess[] = [];
  let dataDir: string;
  afterAll(async () => {
    for (const { child } of processes) child.kill('SIGKILL');
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('loses nothing the server acknowledged, after SIGKILL of the server and its Redis', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'keyspace-crash-'));
    const first = await startServerProcess(dataDir);
    processes.push(first);

    let crashed = false;
    let acknowledgedSubmissions = 0;
    const stream = async (): Promise<Acknowledged> => {
      const acked: Acknowledged = {
        learner: new LearnerClient(`${first.url}/api`),
        submissions: 0,
        code: -1,
      };
      for (let n = 0; !crashed; n += 1) {
        try {
          const draft = await acked.learner.put('/exercises/set-and-get/draft', {
            source: `// ${n}`,
          });
          if (draft.ok) acked.code = n;
          // Each write carries its number, the submission's code as well as the draft.
          const source = `${n % 3 === 2 ? SOLUTION : STARTER}\n// ${n}`;
          const submitted = await acked.learner.post('/exercises/set-and-get/submissions', {
            source,
          });
          if (submitted.ok) {
            await submitted.json();
            acked.submissions += 1;
            acknowledgedSubmissions += 1;
            acked.code = n;
          }
        } catch {
          // The connection died with the server: that request was not acknowledged.
        }
      }
      return acked;
    };
    const streams = Array.from({ length: 4 }, stream);
    // Let the stream run until a few submissions are acknowledged (sooner or later as the machine
    // is busy), then kill both processes at once, without warning.
    await expect
      .poll(() => acknowledgedSubmissions, { timeout: 20_000, interval: 20 })
      .toBeGreaterThan(8);
    const redisPid = Number(readFileSync(join(dataDir, PID_FILE), 'utf8'));
    first.child.kill('SIGKILL');
    process.kill(redisPid, 'SIGKILL');
    crashed = true;
    const acknowledged = await Promise.all(streams);
    await first.exited;

    const second = await startServerProcess(dataDir);
    processes.push(second);
    for (const { learner, submissions, code } of acknowledged) {
      const again = new LearnerClient(`${second.url}/api`);
      again.cookie = learner.cookie;
      const history = await again.json<{ submissions: unknown[] }>(
        again.get('/exercises/set-and-get/submissions'),
      );
      // A request the server finished but could not answer may be stored too: never fewer.
      expect(history.submissions.length).toBeGreaterThanOrEqual(submissions);
      const progress = await again.json<Progress>(again.get('/progress'));
      expect(progress.exercises['set-and-get']?.attempts).toBe(history.submissions.length);
      const saved = await again.json<{ source: string }>(again.get('/exercises/set-and-get/draft'));
      expect(Number(/\/\/ (\d+)$/.exec(saved.source)?.[1])).toBeGreaterThanOrEqual(code);
      expect(again.cookie).toBe(learner.cookie);
    }
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });
});
