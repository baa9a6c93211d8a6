import { type RequestHandler, Router } from 'express';
import type { ExerciseStats, ExerciseStatsList } from '../../contracts/index.ts';
import { notFound } from '../http-errors.ts';
import { bearerToken, requireInstructor, tokenMatches } from '../instructor/instructor-token.ts';
import { reportCsv } from '../instructor/report-csv.ts';

/**
 * The instructor view's data, for whoever holds the instructor token. Without a token configured
 * the routes answer as if they did not exist. Each request without the token counts against the
 * client address's limit, so a token cannot be guessed quickly; a request with it is never
 * counted nor refused, so that a guesser behind the instructor's address cannot lock them out.
 */
export function instructorRoutes(
  token: string | undefined,
  report: () => Promise<ExerciseStats[]>,
  limit: RequestHandler,
): Router {
  const router = Router();
  const nothingHere: RequestHandler = (req) => {
    throw notFound(`no API route ${req.method} ${req.originalUrl}`);
  };
  const noStore: RequestHandler = (_req, res, next) => {
    // Learners' results: never kept by a browser's or a proxy's cache.
    res.setHeader('Cache-Control', 'no-store');
    next();
  };
  const limitGuesses: RequestHandler = (req, res, next) => {
    const sent = bearerToken(req.headers.authorization);
    if (token && sent !== undefined && tokenMatches(sent, token)) return next();
    return limit(req, res, next);
  };
  router.use(...(token ? [limitGuesses, requireInstructor(token), noStore] : [nothingHere]));
  router.get('/exercises', async (_req, res) => {
    res.json({ exercises: await report() } satisfies ExerciseStatsList);
  });
  router.get('/exercises.csv', async (_req, res) => {
    const csv = reportCsv(await report());
    res.attachment('keyspace-exercise-stats.csv').type('text/csv; charset=utf-8').send(csv);
  });
  // Anything else under /api/instructor is not found here, without minting a learner.
  router.use(nothingHere);
  return router;
}
