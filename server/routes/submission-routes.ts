import { type RequestHandler, Router } from 'express';
import { z } from 'zod';
import type { Grader } from '../../grader/index.ts';
import { learnerOf } from '../identity/learner-cookie.ts';
import type { ProgressStore } from '../progress/progress-store.ts';
import { pathId } from './ids.ts';
import { jsonBody, SourceCode } from './json-body.ts';

const Submission = z.object({ source: SourceCode });

/** Submit: grades in a fresh sandbox, and answers only once the result is stored. */
export function submissionRoutes(
  grader: Grader,
  progress: ProgressStore,
  limit: RequestHandler,
): Router {
  const router = Router();
  router.post('/exercises/:id/submissions', limit, async (req, res) => {
    const id = pathId(req, 'exercise');
    const { source } = jsonBody(req, Submission, '{"source": "..."}');
    const result = await grader.grade(id, source);
    await progress.recordSubmission(learnerOf(res), source, result);
    res.json(result);
  });
  return router;
}
