import { Router } from 'express';
import type { Grader } from '../../grader/index.ts';
import type { AppState } from '../state/app-state.ts';

/**
 * /healthz: the process answers (liveness). /readyz: it can do its work, i.e. its Redis answers
 * and a grader worker is alive (readiness); 503 says which is missing.
 */
export function healthRoutes(state: AppState, grader: Grader): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const checks = { redis: await state.reachable(), grader: grader.ready };
    const ready = checks.redis && checks.grader;
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not_ready', checks });
  });
  return router;
}
