import { type RequestHandler, type Response, Router } from 'express';
import { z } from 'zod';
import type { GradedSubmission, PendingGrading } from '../../contracts/index.ts';
import type { Grading, Gradings } from '../grading/gradings.ts';
import { badRequest, notFound } from '../http-errors.ts';
import { askerOf } from '../identity/client-address.ts';
import { learnerOf } from '../identity/learner-cookie.ts';
import { pathId } from './ids.ts';
import { jsonBody, SourceCode } from './json-body.ts';

const Submission = z.object({ source: SourceCode });
const GradingId = z.uuid();
/** How soon a page should ask again about a grading still on its way. */
const POLL_SECONDS = 1;

/**
 * Submit: grades in a fresh sandbox, and answers once the result is stored (200), with the
 * exercise's progress as it now stands. In queue mode a grading that takes longer than the wait
 * is answered 202, and GET /api/gradings/:id answers it the same way until the result is there.
 */
export function submissionRoutes(gradings: Gradings, limit: RequestHandler): Router {
  const router = Router();
  router.post('/exercises/:id/submissions', limit, async (req, res) => {
    const id = pathId(req, 'exercise');
    const { source } = jsonBody(req, Submission, '{"source": "..."}');
    answer(res, await gradings.submit(askerOf(req, res), id, source));
  });
  router.get('/gradings/:id', async (req, res) => {
    const id = GradingId.safeParse(req.params.id);
    if (!id.success) throw badRequest('the grading id in the path is not valid: it is a UUID');
    const grading = await gradings.find(learnerOf(res), id.data);
    if (!grading) throw notFound(`you have no grading ${id.data} (results are kept for a day)`);
    answer(res, grading);
  });
  return router;
}

function answer(res: Response, grading: Grading): void {
  if (grading.state === 'graded') {
    const { result, progress } = grading;
    res.json({ result, progress } satisfies GradedSubmission);
    return;
  }
  const poll = `/api/gradings/${grading.id}`;
  res
    .status(202)
    .location(poll)
    .set('Retry-After', String(POLL_SECONDS))
    .json({
      id: grading.id,
      state: grading.state,
      poll,
      message:
        grading.state === 'queued'
          ? 'your submission is waiting for a grader'
          : 'your submission is being graded',
    } satisfies PendingGrading);
}
