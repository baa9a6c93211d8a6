import type { Request } from 'express';
import { z } from 'zod';
import { badRequest, HttpError } from '../http-errors.ts';

/** Characters of source a submission may have: generous for an exercise, small for a server. */
export const MAX_SOURCE_CHARS = 64 * 1024;

/** A learner's TypeScript, as every route that takes code accepts it. */
export const SourceCode = z
  .string({ error: 'source must be a string of TypeScript' })
  .min(1, 'source is empty: send the code')
  .max(MAX_SOURCE_CHARS, `source is longer than ${MAX_SOURCE_CHARS} characters`);

/** The request's JSON body, checked against `schema`; `example` shows the caller what to send. */
export function jsonBody<T>(req: Request, schema: z.ZodType<T>, example: string): T {
  if (!req.is('application/json')) {
    throw new HttpError('unsupported_media_type', `send JSON: ${example}`);
  }
  const parsed = schema.safeParse(req.body);
  if (!parsed.success) {
    throw badRequest(parsed.error.issues.map((issue) => issue.message).join('; '));
  }
  return parsed.data;
}
