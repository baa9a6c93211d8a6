import { keys } from '../progress/keys.ts';
import type { AppState } from '../state/app-state.ts';
import { StateUnavailableError } from '../state/state-unavailable.ts';
import { COOKIE_GENERATION_FIELD, RECOVERY_CODE_FIELD } from './learner-fields.ts';

// The learner's recovery code is a way in for another browser too: signing the others out ends
// it in the same step, or a thief holding both would type it and be back.
const ADVANCE = `
local code = redis.call('HGET', KEYS[1], ARGV[2])
if code then
  redis.call('DEL', ARGV[1] .. code)
  redis.call('HDEL', KEYS[1], ARGV[2])
end
return redis.call('HINCRBY', KEYS[1], ARGV[3], 1)`;

/**
 * Which copies of a learner's cookie still name them. A cookie carries the generation it was
 * given at; signing out the other copies raises the learner's generation, and a cookie of an
 * older one no longer reaches their progress. The learner id, and so every key of their
 * progress, stays the same.
 */
export class CookieGenerations {
  constructor(private readonly state: AppState) {}

  /**
   * The learner's generation, 0 until they first sign out other copies. With the app's Redis
   * away, every cookie is taken as current: no route can reach progress then, and lesson pages
   * need not fail for it.
   */
  async current(learner: string): Promise<number> {
    try {
      const kept = await this.state.use((redis) =>
        redis.hget(keys.learner(learner), COOKIE_GENERATION_FIELD),
      );
      return Number(kept ?? 0);
    } catch (error) {
      if (error instanceof StateUnavailableError) return 0;
      throw error;
    }
  }

  /**
   * Raises the learner's generation, ending every cookie given before and their recovery code;
   * answers the new generation.
   */
  async advance(learner: string): Promise<number> {
    const generation = await this.state.use((redis) =>
      redis.eval(
        ADVANCE,
        1,
        keys.learner(learner),
        keys.recoveryCode(''),
        RECOVERY_CODE_FIELD,
        COOKIE_GENERATION_FIELD,
      ),
    );
    return Number(generation);
  }
}
