import { Router } from 'express';
import { z } from 'zod';
import type { Grader } from '../../grader/index.ts';
import { badRequest, HttpError } from '../http-errors.ts';

/** Characters of source a submission may have: generous for an exercise, small for a server. */
export const MAX_SOURCE_CHARS = 64 * 1024;

export const SourceCode = z
  .string({ error: 'source must be a string of TypeScript' })
  .min(1, 'source is empty: send the code')
  .max(MAX_SOURCE_CHARS, `source is longer than ${MAX_SOURCE_CHARS} characters`);

const Submission = z.object({ source: SourceCode });

export function submissionRoutes(grader: Grader): Router {
  const router = Router();
  router.post('/exercises/:id/submissions', async (req, res) => {
    if (!req.is('application/json')) {
      throw new HttpError(
        415,
        'unsupported_media_type',
        'send the submission as JSON: {"source": "..."}',
      );
    }
    const parsed = Submission.safeParse(req.body);
    if (!parsed.success) {
      throw badRequest(parsed.error.issues.map((issue) => issue.message).join('; '));
    }
    res.json(await grader.grade(req.params.id, parsed.data.source));
  });
  return router;
}
