import type { Request, RequestHandler, Response } from 'express';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { HttpError } from '../http-errors.ts';
import { learnerOf } from '../identity/learner-cookie.ts';
import { keys } from '../progress/keys.ts';
import type { AppState } from '../state/app-state.ts';
import { StateUnavailableError } from '../state/state-unavailable.ts';

/** What a learner may do in a window of time; counted in the app's Redis, so across processes. */
export interface RateLimit {
  requests: number;
  perSeconds: number;
}

export interface RateLimits {
  submit: RateLimit;
  run: RateLimit;
  console: RateLimit;
  /** Saving the code as typed: the page saves at most every 600 ms. */
  draft: RateLimit;
  /**
   * New learners (requests without a learner cookie) per client address: each may start a
   * sandbox, so a script that drops its cookie must not fill the server. A class behind one
   * address still fits.
   */
  newLearners: RateLimit;
  /**
   * Instructor view requests without the instructor token, per client address: a person mistypes
   * the token now and then, a script guessing it would need far more. Requests with the token
   * are not counted (see instructor-routes.ts).
   */
  instructor: RateLimit;
  /**
   * Recovery codes typed, per client address: a class restoring its progress on fresh machines
   * fits, a script trying codes gets nowhere (and could not guess one anyway).
   */
  recover: RateLimit;
}

/**
 * Far above what a person typing and reading needs, far below what a script hammering the grader
 * would want: each Submit and Run costs a worker's time.
 */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  submit: { requests: 30, perSeconds: 60 },
  run: { requests: 60, perSeconds: 60 },
  console: { requests: 300, perSeconds: 60 },
  draft: { requests: 200, perSeconds: 60 },
  newLearners: { requests: 200, perSeconds: 600 },
  instructor: { requests: 60, perSeconds: 60 },
  recover: { requests: 60, perSeconds: 600 },
};

/** Who a limit counts: the learner, or for new learners the address they come from. */
const COUNTED: Record<keyof RateLimits, (req: Request, res: Response) => string | undefined> = {
  submit: (_req, res) => learnerOf(res),
  run: (_req, res) => learnerOf(res),
  console: (_req, res) => learnerOf(res),
  draft: (_req, res) => learnerOf(res),
  newLearners: (req, res) => (res.locals.newLearner ? (req.ip ?? 'unknown') : undefined),
  instructor: (req) => req.ip ?? 'unknown',
  recover: (req) => req.ip ?? 'unknown',
};

/**
 * A middleware that lets a learner (or an address, see COUNTED) through `limit.requests` times
 * per window, then answers 429 with Retry-After in seconds.
 */
export function rateLimit(
  state: AppState,
  action: keyof RateLimits,
  limit: RateLimit,
): RequestHandler {
  const limiter = new RateLimiterRedis({
    storeClient: state.redis,
    keyPrefix: keys.ratePrefix(action),
    points: limit.requests,
    duration: limit.perSeconds,
    rejectIfRedisNotReady: true,
  });
  return async (req, res, next) => {
    const counted = COUNTED[action](req, res);
    if (counted === undefined) return next();
    try {
      await limiter.consume(counted);
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw new StateUnavailableError(refusal);
      const seconds = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
      throw new HttpError(
        'rate_limited',
        action === 'newLearners'
          ? `too many new visitors from your address: ${limit.requests} are allowed every ${limit.perSeconds} s. Keep your cookies, or try again in ${seconds} s`
          : `too many requests: ${limit.requests} ${action} requests are allowed every ${limit.perSeconds} s. Try again in ${seconds} s`,
        seconds,
      );
    }
    next();
  };
}
