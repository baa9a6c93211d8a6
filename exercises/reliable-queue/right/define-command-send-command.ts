// Right, written differently: take sends BLMOVE as an ioredis Command through sendCommand(),
// ack and recover are scripts registered with defineCommand() (recover moves every job in one
// script with RPOPLPUSH, counting as it goes), and enqueue pushes with RPUSH.
import type Redis from 'ioredis';
import { Command } from 'ioredis';

const QUEUE = 'queue:jobs';
const processingKey = (worker: string) => `processing:${worker}`;

type Scripted = Redis & {
  ackJob(key: string, job: string): Promise<number>;
  recoverJobs(from: string, to: string): Promise<number>;
};

function scripted(redis: Redis): Scripted {
  const client = redis as Scripted;
  if (typeof client.ackJob !== 'function') {
    redis.defineCommand('ackJob', {
      numberOfKeys: 1,
      lua: "return redis.call('LREM', KEYS[1], 1, ARGV[1])",
    });
    redis.defineCommand('recoverJobs', {
      numberOfKeys: 2,
      lua: "local n = 0 while redis.call('RPOPLPUSH', KEYS[1], KEYS[2]) do n = n + 1 end return n",
    });
  }
  return client;
}

export async function enqueue(redis: Redis, job: string): Promise<void> {
  await redis.rpush(QUEUE, job);
}

export async function take(
  redis: Redis,
  worker: string,
  timeoutSeconds: number,
): Promise<string | null> {
  const command = new Command(
    'blmove',
    [QUEUE, processingKey(worker), 'LEFT', 'RIGHT', String(timeoutSeconds)],
    { replyEncoding: 'utf8' },
  );
  const job = await redis.sendCommand(command);
  return typeof job === 'string' ? job : null;
}

export async function ack(redis: Redis, worker: string, job: string): Promise<boolean> {
  return (await scripted(redis).ackJob(processingKey(worker), job)) === 1;
}

export async function recover(redis: Redis, worker: string): Promise<number> {
  return scripted(redis).recoverJobs(processingKey(worker), QUEUE);
}
