import { Router } from 'express';
import type { GradingMetrics } from '../../metrics/grading-metrics.ts';

/** GET /metrics, in Prometheus's text format: counts only, nothing of any learner. */
export function metricsRoutes(metrics: GradingMetrics): Router {
  const router = Router();
  router.get('/metrics', async (_req, res) => {
    res.type(metrics.contentType).send(await metrics.text());
  });
  return router;
}
