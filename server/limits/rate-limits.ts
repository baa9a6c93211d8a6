import type { RequestHandler } from 'express';
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
}

/**
 * Far above what a person typing and reading needs, far below what a script hammering the grader
 * would want: each Submit and Run costs a worker's time.
 */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  submit: { requests: 30, perSeconds: 60 },
  run: { requests: 60, perSeconds: 60 },
  console: { requests: 300, perSeconds: 60 },
};

/**
 * A middleware that lets a learner through `limit.requests` times per window, then answers 429
 * with Retry-After in seconds.
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
  return async (_req, res, next) => {
    try {
      await limiter.consume(learnerOf(res));
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw new StateUnavailableError(refusal);
      const seconds = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
      res.setHeader('Retry-After', String(seconds));
      throw new HttpError(
        429,
        'rate_limited',
        `too many requests: ${limit.requests} ${action} requests are allowed every ${limit.perSeconds} s. Try again in ${seconds} s`,
      );
    }
    next();
  };
}
