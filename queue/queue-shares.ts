import type Redis from 'ioredis';
import { QUEUE_PREFIX } from './grading-jobs.ts';

/** As inline (server/grading/fair-turns.ts): one grading and two waiting per learner. */
export const PER_LEARNER = 3;
/** A job this old no longer counts: its end went unheard (no app listened), or it is lost. */
const COUNTED_FOR_MS = 10 * 60_000;

/** A learner, or the learners of one client address, hold their share of the queue already. */
export class QueueShareError extends Error {
  override name = 'QueueShareError';
  constructor(
    readonly whose: 'learner' | 'address',
    readonly share: number,
  ) {
    super(
      whose === 'learner'
        ? `you already have ${share} submissions waiting or being graded: wait for their results`
        : `the learners at your address already have ${share} submissions waiting or being graded, their share of the grading queue: try again in a few seconds`,
    );
  }
}

// Both counts are checked and taken in one step, whichever app adds the job.
const TAKE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[2])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[4]) then return 1 end
if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[5]) then return 2 end
for _, key in ipairs(KEYS) do
  redis.call('ZADD', key, ARGV[1], ARGV[3])
  redis.call('PEXPIRE', key, ARGV[6])
end
return 0
`;

const learnerKey = (learner: string) => `${QUEUE_PREFIX}:in-flight:learner:${learner}`;
const addressKey = (address: string) => `${QUEUE_PREFIX}:in-flight:address:${address}`;

/**
 * The queue's fair shares, kept in its Redis so that every app agrees: a learner may have
 * PER_LEARNER jobs waiting or running, the learners of one client address a quarter of the
 * queue. The queue itself is first come, first served; these bound how much of it one learner
 * or one address can fill ahead of everyone else.
 */
export class QueueShares {
  readonly perAddress: number;

  constructor(
    private readonly redis: Redis,
    queueLimit: number,
  ) {
    this.perAddress = Math.max(PER_LEARNER, Math.ceil(queueLimit / 4));
  }

  /** Counts job `id` against its learner and address; QueueShareError when either is full. */
  async take(id: string, learner: string, address: string): Promise<void> {
    const now = Date.now();
    const refused = await this.redis.eval(
      TAKE,
      2,
      learnerKey(learner),
      addressKey(address),
      now,
      now - COUNTED_FOR_MS,
      id,
      PER_LEARNER,
      this.perAddress,
      COUNTED_FOR_MS,
    );
    if (refused === 1) throw new QueueShareError('learner', PER_LEARNER);
    if (refused === 2) throw new QueueShareError('address', this.perAddress);
  }

  /** The job has ended (or was never added): it counts no more. */
  async give(id: string, learner: string, address: string): Promise<void> {
    await this.redis.multi().zrem(learnerKey(learner), id).zrem(addressKey(address), id).exec();
  }
}
