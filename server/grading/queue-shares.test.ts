import type { ChildProcess } from 'node:child_process';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PER_LEARNER, QueueShareError, QueueShares } from '../../queue/index.ts';
import { freePort, startRedisOnPort } from '../test/redis-on-port.ts';

// Queue mode's fair shares: the queue is first come, first served, so these are what stop one
// learner, or one address's many cookies, from filling it ahead of everyone else.
describe("the grading queue's shares per learner and per address", () => {
  let server: ChildProcess;
  let redis: Redis;
  let shares: QueueShares;
  beforeAll(async () => {
    const port = await freePort();
    server = await startRedisOnPort(port);
    redis = new Redis(port);
    shares = new QueueShares(redis, 20);
  });
  afterAll(() => {
    redis?.disconnect();
    server?.kill('SIGKILL');
  });

  it('holds a learner to one grading and two waiting, and frees a place once one ends', async () => {
    for (let job = 1; job <= PER_LEARNER; job++) await shares.take(`ada-${job}`, 'ada', '10.0.0.1');
    const refused = shares.take('ada-4', 'ada', '10.0.0.1');
    await expect(refused).rejects.toThrow(QueueShareError);
    await expect(refused).rejects.toThrow(/you already have 3 submissions waiting or being graded/);
    // Someone else at the same address is not held to Ada's share.
    await shares.take('bo-1', 'bo', '10.0.0.1');
    await shares.give('ada-1', 'ada', '10.0.0.1');
    await shares.take('ada-4', 'ada', '10.0.0.1');
  });

  it('holds the learners of one address to a quarter of the queue, however many cookies they make', async () => {
    expect(shares.perAddress).toBe(5);
    for (let cookie = 1; cookie <= 5; cookie++) {
      await shares.take(`job-${cookie}`, `cookie-${cookie}`, '203.0.113.9');
    }
    await expect(shares.take('job-6', 'cookie-6', '203.0.113.9')).rejects.toThrow(
      /learners at your address already have 5 submissions .* their share of the grading queue/,
    );
    // Nothing was counted for the refused job; another address is served.
    await shares.give('job-6', 'cookie-6', '203.0.113.9');
    await shares.take('job-7', 'cookie-7', '198.51.100.1');
    await shares.give('job-1', 'cookie-1', '203.0.113.9');
    await shares.take('job-6', 'cookie-6', '203.0.113.9');
  });

  it('counts no more a job whose end no app heard, once BullMQ has it finished', async () => {
    for (let job = 1; job <= PER_LEARNER; job++) await shares.take(`cy-${job}`, 'cy', '10.0.0.3');
    await expect(shares.take('cy-4', 'cy', '10.0.0.3')).rejects.toThrow(QueueShareError);
    // What BullMQ writes when a job completes or fails for good, here with no app to hear it.
    await redis.hset('keyspace:queue:grading:cy-2', 'finishedOn', Date.now());
    await shares.take('cy-4', 'cy', '10.0.0.3');
  });
});
