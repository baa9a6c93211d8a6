import { randomBytes, randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import cookieParser from 'cookie-parser';
import { type NextFunction, type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { HttpError } from '../http-errors.ts';
import { keys } from '../progress/keys.ts';
import type { AppState } from '../state/app-state.ts';
import type { CookieGenerations } from './cookie-generations.ts';

export const LEARNER_COOKIE = 'keyspace_learner';

/** Browsers keep a cookie at most 400 days; each page load renews it. */
const COOKIE_MAX_AGE_MS = 400 * 24 * 60 * 60_000;

const LearnerId = z.uuid();

/** The file beside the embedded Redis's data that holds the cookie-signing secret. */
export const SECRET_FILE = 'cookie-secret';

/**
 * The secret learner cookies are signed with, the same on every restart: the one given
 * (KEYSPACE_SECRET); else, with the embedded Redis, a file of this user's alone (0600) in its
 * private data directory, never in Redis, whose data may be copied, backed up or shared; else
 * (REDIS_URL, where several app processes must agree) one made on first start and kept in that
 * Redis.
 */
export async function cookieSecret(state: AppState, given?: string): Promise<string> {
  if (given) return given;
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

/** What a cookie names: a learner, and the generation of their cookies it was given at. */
interface CookieValue {
  learner: string;
  generation: number;
}

/** `<learner>` (generation 0, as every cookie before revocation was) or `<learner>.<generation>`. */
function readCookie(signed: unknown): CookieValue | undefined {
  if (typeof signed !== 'string') return undefined;
  const [learner, generation = '0', ...rest] = signed.split('.');
  if (rest.length > 0 || !LearnerId.safeParse(learner).success || !/^\d{1,9}$/.test(generation)) {
    return undefined;
  }
  return { learner: learner as string, generation: Number(generation) };
}

/** Sets the learner cookie, in place of any this response was to set before. */
export function giveLearnerCookie(req: Request, res: Response, value: CookieValue): void {
  // A response sets one learner cookie: two would leave the browser with whichever came last.
  res.removeHeader('Set-Cookie');
  const text = value.generation === 0 ? value.learner : `${value.learner}.${value.generation}`;
  res.cookie(LEARNER_COOKIE, text, {
    signed: true,
    httpOnly: true,
    sameSite: 'lax',
    secure: req.secure,
    path: '/',
    maxAge: COOKIE_MAX_AGE_MS,
  });
}

/** The message of a cookie whose learner signed out its other copies. */
export const SIGNED_OUT =
  'this browser was signed out of its progress from another browser (its copy of the cookie was ended there): reload the page to start as a new learner';

/**
 * Gives every browser a learner id in a signed, HttpOnly, SameSite cookie: no sign-up. A cookie
 * that is missing, forged or unreadable gets a new id. Lax SameSite keeps the cookie off
 * cross-site POSTs, which (with JSON-only bodies) is what stands between another site and a
 * learner's progress.
 *
 * A cookie its learner has signed out (an older generation) is refused with 401 where `revoked`
 * is 'refuse', the API: were it given a new id there, a request of the learner's own browser sent
 * just before they signed the others out would replace the cookie they kept. A page load
 * ('renew') gives it a new id.
 */
export function learnerCookie(
  secret: string,
  generations: CookieGenerations,
  revoked: 'refuse' | 'renew',
): Router {
  return Router().use(
    cookieParser(secret),
    async (req: Request, res: Response, next: NextFunction) => {
      let value = readCookie(req.signedCookies?.[LEARNER_COOKIE]);
      if (value && value.generation < (await generations.current(value.learner))) {
        if (revoked === 'refuse') throw new HttpError('signed_out', SIGNED_OUT);
        value = undefined;
      }
      const known = value !== undefined;
      value ??= { learner: randomUUID(), generation: 0 };
      res.locals.learner = value.learner;
      res.locals.newLearner = !known;
      // The API sets a cookie only where there was none: an answer that renewed the one the
      // request came with could land after its learner signed out the other browsers, and put
      // the old generation back in their own. A page load renews it (its 400 days start again).
      if (!known || revoked === 'renew') giveLearnerCookie(req, res, value);
      next();
    },
  );
}

/** The learner the request comes from (set by learnerCookie). */
export function learnerOf(res: Response): string {
  const learner: unknown = res.locals.learner;
  if (typeof learner !== 'string') throw new Error('learnerCookie must run before this route');
  return learner;
}
