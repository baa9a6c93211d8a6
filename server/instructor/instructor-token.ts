import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { HttpError } from '../http-errors.ts';

const REALM = 'Bearer realm="Keyspace instructor view"';

/**
 * Whether the token sent is the instructor's. Both are hashed first so that the comparison takes
 * the same time whatever their lengths, and says nothing of how much of a guess was right.
 */
export function tokenMatches(sent: string, expected: string): boolean {
  const digest = (token: string) => createHash('sha256').update(token, 'utf8').digest();
  return timingSafeEqual(digest(sent), digest(expected));
}

/** The token of an `Authorization: Bearer <token>` header. */
export function bearerToken(header: string | undefined): string | undefined {
  return /^Bearer[ \t]+(.+)$/i.exec(header ?? '')?.[1]?.trim() || undefined;
}

/** Lets through only requests that carry the instructor's token; 401 with WWW-Authenticate otherwise. */
export function requireInstructor(expected: string): RequestHandler {
  return (req, res, next) => {
    const sent = bearerToken(req.headers.authorization);
    if (sent === undefined) {
      res.setHeader('WWW-Authenticate', REALM);
      throw new HttpError(
        'unauthorized',
        'the instructor view needs the instructor token: send it as `Authorization: Bearer <token>`',
      );
    }
    if (!tokenMatches(sent, expected)) {
      res.setHeader('WWW-Authenticate', `${REALM}, error="invalid_token"`);
      throw new HttpError(
        'unauthorized',
        'that is not the instructor token: use the value of KEYSPACE_INSTRUCTOR_TOKEN the server was started with',
      );
    }
    next();
  };
}
