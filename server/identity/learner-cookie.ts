import { randomBytes, randomUUID } from 'node:crypto';
import cookieParser from 'cookie-parser';
import { type NextFunction, type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { keys } from '../progress/keys.ts';
import type { AppState } from '../state/app-state.ts';

export const LEARNER_COOKIE = 'keyspace_learner';

/** Browsers keep a cookie at most 400 days; each visit renews it. */
const COOKIE_MAX_AGE_MS = 400 * 24 * 60 * 60_000;

const LearnerId = z.uuid();

/**
 * The secret learner cookies are signed with: KEYSPACE_SECRET, or one made on first start and
 * kept in the app's Redis, so that every app process and every restart accepts the same cookies.
 */
export async function cookieSecret(state: AppState, env = process.env): Promise<string> {
  if (env.KEYSPACE_SECRET) return env.KEYSPACE_SECRET;
  return state.use(async (redis) => {
    await redis.set(keys.cookieSecret, randomBytes(32).toString('base64url'), 'NX');
    const secret = await redis.get(keys.cookieSecret);
    if (!secret) throw new Error('the cookie secret was not kept');
    return secret;
  });
}

/**
 * Gives every browser a learner id in a signed, HttpOnly, SameSite cookie: no sign-up. A cookie
 * that is missing, forged or unreadable gets a new id. Lax SameSite keeps the cookie off
 * cross-site POSTs, which (with JSON-only bodies) is what stands between another site and a
 * learner's progress.
 */
export function learnerCookie(secret: string): Router {
  return Router().use(cookieParser(secret), (req: Request, res: Response, next: NextFunction) => {
    const signed: unknown = req.signedCookies?.[LEARNER_COOKIE];
    const known = LearnerId.safeParse(signed).success;
    const learner = known ? (signed as string) : randomUUID();
    res.locals.learner = learner;
    res.locals.newLearner = !known;
    res.cookie(LEARNER_COOKIE, learner, {
      signed: true,
      httpOnly: true,
      sameSite: 'lax',
      secure: req.secure,
      path: '/',
      maxAge: COOKIE_MAX_AGE_MS,
    });
    next();
  });
}

/** The learner the request comes from (set by learnerCookie). */
export function learnerOf(res: Response): string {
  const learner: unknown = res.locals.learner;
  if (typeof learner !== 'string') throw new Error('learnerCookie must run before this route');
  return learner;
}
