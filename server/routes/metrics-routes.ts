import { Router } from 'express';
import type { GradingMetrics } from '../../metrics/grading-metrics.ts';
import { HttpError } from '../http-errors.ts';
import { bearerToken, tokenMatches } from '../instructor/instructor-token.ts';

/**
 * GET /metrics, in Prometheus's text format: counts only, nothing of any learner. With a token
 * (KEYSPACE_METRICS_TOKEN), only a scrape that sends it as `Authorization: Bearer <token>`
 * reads them: the counts say how busy the server is, which is not everyone's business.
 */
export function metricsRoutes(metrics: GradingMetrics, token?: string): Router {
  const router = Router();
  router.get('/metrics', async (req, res) => {
    if (token !== undefined) {
      const sent = bearerToken(req.headers.authorization);
      if (sent === undefined || !tokenMatches(sent, token)) {
        res.setHeader('WWW-Authenticate', 'Bearer realm="Keyspace metrics"');
        throw new HttpError(
          'unauthorized',
          'the metrics need the metrics token: send the value of KEYSPACE_METRICS_TOKEN as `Authorization: Bearer <token>`',
        );
      }
    }
    res.type(metrics.contentType).send(await metrics.text());
  });
  return router;
}
