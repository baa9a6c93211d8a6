import { Router } from 'express';
import type { CookieGenerations } from '../identity/cookie-generations.ts';
import { giveLearnerCookie, learnerOf } from '../identity/learner-cookie.ts';

/** The learner's cookie itself: ending the copies of it other browsers may hold. */
export function sessionRoutes(generations: CookieGenerations): Router {
  const router = Router();
  router.post('/session/sign-out-others', async (req, res) => {
    const learner = learnerOf(res);
    const generation = await generations.advance(learner);
    giveLearnerCookie(req, res, { learner, generation });
    res.status(204).end();
  });
  return router;
}
