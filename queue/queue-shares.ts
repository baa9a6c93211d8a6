import type Redis from 'ioredis';
import type { ErrorCode } from '../grader/index.ts';
import { GRADING_QUEUE, QUEUE_PREFIX } from './grading-jobs.ts';

/** As inline (server/grading/fair-turns.ts): one grading and two waiting per learner. */
export const PER_LEARNER = 3;
/** A job this old no longer counts: its end went unheard (no app listened), or it is lost. */
const COUNTED_FOR_MS = 10 * 60_000;
/** Long enough for an app to add to BullMQ the job it has just counted. */
const ADDED_WITHIN_MS = 30_000;

/** A learner, or the learners of one client address, hold their share of the queue already. */
export class QueueShareError extends Error {
  override name = 'QueueShareError';
  readonly code: ErrorCode = 'too_many_waiting';
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

// Both counts are checked and taken in one step, whichever app adds the job. A job whose end no
// app heard (one restarting) counts no more once BullMQ's hash of it (ARGV[7] .. id) says it
// finished, or is gone; a job taken a moment ago may not have that hash yet.
const TAKE = `
for _, key in ipairs(KEYS) do
  redis.call('ZREMRANGEBYSCORE', key, '-inf', ARGV[2])
  local members = redis.call('ZRANGE', key, 0, -1, 'WITHSCORES')
  for i = 1, #members, 2 do
    local job = ARGV[7] .. members[i]
    local taken_long_ago = tonumber(members[i + 1]) < tonumber(ARGV[8])
    if redis.call('HEXISTS', job, 'finishedOn') == 1 or (taken_long_ago and redis.call('EXISTS', job) == 0) then
      redis.call('ZREM', key, members[i])
    end
  end
end
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
      `${QUEUE_PREFIX}:${GRADING_QUEUE}:`,
      now - ADDED_WITHIN_MS,
    );
    if (refused === 1) throw new QueueShareError('learner', PER_LEARNER);
    if (refused === 2) throw new QueueShareError('address', this.perAddress);
  }

  /** The job has ended (or was never added): it counts no more. */
  async give(id: string, learner: string, address: string): Promise<void> {
    await this.redis.multi().zrem(learnerKey(learner), id).zrem(addressKey(address), id).exec();
  }
}
