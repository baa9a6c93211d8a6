import { keys } from '../progress/keys.ts';
import type { AppState } from '../state/app-state.ts';
import { COOKIE_GENERATION_FIELD, RECOVERY_CODE_FIELD } from './learner-fields.ts';
import { newRecoveryCode, recoveryCodeDigest, shownRecoveryCode } from './recovery-code.ts';

// A learner has one code at most: making one ends the one before, in the same step.
const MAKE = `
local old = redis.call('HGET', KEYS[1], ARGV[2])
if old then redis.call('DEL', ARGV[1] .. old) end
redis.call('SET', ARGV[1] .. ARGV[3], ARGV[5])
redis.call('HSET', KEYS[1], ARGV[2], ARGV[3])
redis.call('HSETNX', KEYS[1], 'created_at', ARGV[4])
return 1`;

// The learner and their cookies' generation read together: a sign-out of other browsers either
// ended the code first, or comes after and ends the cookie this gives.
const REDEEM = `
local learner = redis.call('GET', KEYS[1])
if not learner then return false end
return {learner, redis.call('HGET', ARGV[1] .. learner, ARGV[2]) or '0'}`;

/**
 * Recovery codes: a learner makes one on the device that has their progress and types it on
 * another to continue there as the same learner. The code is shown once; the server keeps its
 * digest only (keys.recoveryCode), so it cannot be shown again, nor read by anyone else.
 */
export class RecoveryCodes {
  constructor(private readonly state: AppState) {}

  /** A new code for the learner, ending the one they had. */
  async make(learner: string): Promise<{ code: string; madeAt: string }> {
    const code = newRecoveryCode();
    const madeAt = new Date().toISOString();
    await this.state.use((redis) =>
      redis.eval(
        MAKE,
        1,
        keys.learner(learner),
        keys.recoveryCode(''),
        RECOVERY_CODE_FIELD,
        recoveryCodeDigest(code),
        madeAt,
        learner,
      ),
    );
    return { code: shownRecoveryCode(code), madeAt };
  }

  /** The learner whose code this is, with their cookies' current generation; undefined if none. */
  async redeem(canonical: string): Promise<{ learner: string; generation: number } | undefined> {
    const found = (await this.state.use((redis) =>
      redis.eval(
        REDEEM,
        1,
        keys.recoveryCode(recoveryCodeDigest(canonical)),
        keys.learner(''),
        COOKIE_GENERATION_FIELD,
      ),
    )) as [string, string] | null;
    if (!found) return undefined;
    return { learner: found[0], generation: Number(found[1]) };
  }
}
