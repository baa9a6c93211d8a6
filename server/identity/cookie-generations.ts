import { keys } from '../progress/keys.ts';
import type { AppState } from '../state/app-state.ts';
import { StateUnavailableError } from '../state/state-unavailable.ts';

const FIELD = 'cookie_generation';

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
      const kept = await this.state.use((redis) => redis.hget(keys.learner(learner), FIELD));
      return Number(kept ?? 0);
    } catch (error) {
      if (error instanceof StateUnavailableError) return 0;
      throw error;
    }
  }

  /** Raises the learner's generation, ending every cookie given before; the new one. */
  advance(learner: string): Promise<number> {
    return this.state.use((redis) => redis.hincrby(keys.learner(learner), FIELD, 1));
  }
}
