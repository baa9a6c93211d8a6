import { Router } from 'express';
import { z } from 'zod';
import type { Grader } from '../../grader/index.ts';
import { jsonBody, SourceCode } from './json-body.ts';

const Submission = z.object({ source: SourceCode });

export function submissionRoutes(grader: Grader): Router {
  const router = Router();
  router.post('/exercises/:id/submissions', async (req, res) => {
    const { source } = jsonBody(req, Submission, '{"source": "..."}');
    res.json(await grader.grade(req.params.id, source));
  });
  return router;
}
