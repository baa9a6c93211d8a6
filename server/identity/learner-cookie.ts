import { randomBytes, randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import cookieParser from 'cookie-parser';
import { type NextFunction, type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { keys } from '../progress/keys.ts';
import type { AppState } from '../state/app-state.ts';

export const LEARNER_COOKIE = 'keyspace_learner';

/** Browsers keep a cookie at most 400 days; each visit renews it. */
const COOKIE_MAX_AGE_MS = 400 * 24 * 60 * 60_000;

const LearnerId = z.uuid();

/** The file beside the embedded Redis's data that holds the cookie-signing secret. */
export const SECRET_FILE = 'cookie-secret';

/**
 * The secret learner cookies are signed with, the same on every restart: KEYSPACE_SECRET; else,
 * with the embedded Redis, a file of this user's alone (0600) in its private data directory,
 * never in Redis, whose data may be copied, backed up or shared; else (REDIS_URL, where several
 * app processes must agree) one made on first start and kept in that Redis.
 */
export async function cookieSecret(state: AppState, env = process.env): Promise<string> {
  if (env.KEYSPACE_SECRET) return env.KEYSPACE_SECRET;
  const { dataDir } = state;
  if (dataDir) return secretBeside(state, join(dataDir, SECRET_FILE));
  return state.use(async (redis) => {
    await redis.set(keys.cookieSecret, newSecret(), 'NX');
    const secret = await redis.get(keys.cookieSecret);
    if (!secret) throw new Error('the cookie secret was not kept');
    return secret;
  });
}

/**
 * The secret in `file`, made there on first start. A secret an earlier version kept in Redis is
 * moved into the file, so that the cookies it signed stay good, and deleted from Redis.
 */
async function secretBeside(state: AppState, file: string): Promise<string> {
  const kept = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (kept?.trim()) return kept.trim();
  const earlier = await state.use((redis) => redis.get(keys.cookieSecret));
  const secret = earlier ?? newSecret();
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  if (earlier) await state.use((redis) => redis.del(keys.cookieSecret));
  return secret;
}

const newSecret = () => randomBytes(32).toString('base64url');

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
