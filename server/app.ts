import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express, Router } from 'express';
import type { Logger } from 'pino';
import type { ConsoleSessions, Grader } from '../grader/index.ts';
import { GradingMetrics } from '../metrics/grading-metrics.ts';
import type { GradingQueue } from '../queue/index.ts';
import { openApiDocument } from './api/openapi.ts';
import { CourseService } from './course/course-service.ts';
import { COURSE_IMAGES_PATH } from './course/render-markdown.ts';
import { errorMiddleware } from './error-middleware.ts';
import { DEFAULT_FAIR_TURNS, FairTurns, runsKept } from './grading/fair-turns.ts';
import type { Gradings } from './grading/gradings.ts';
import { InlineGradings } from './grading/inline-gradings.ts';
import { QueuedGradings } from './grading/queued-gradings.ts';
import { notFound } from './http-errors.ts';
import { CookieGenerations } from './identity/cookie-generations.ts';
import { learnerCookie } from './identity/learner-cookie.ts';
import { RecoveryCodes } from './identity/recovery-codes.ts';
import { instructorReport } from './instructor/instructor-report.ts';
import { DEFAULT_RATE_LIMITS, type RateLimits, rateLimit } from './limits/rate-limits.ts';
import type { LivePreview } from './preview/live-preview.ts';
import { ProgressStore } from './progress/progress-store.ts';
import { requestLog } from './request-log.ts';
import { consoleRoutes } from './routes/console-routes.ts';
import { courseRoutes } from './routes/course-routes.ts';
import { healthRoutes } from './routes/health-routes.ts';
import { instructorRoutes } from './routes/instructor-routes.ts';
import { lessonBlockRoutes } from './routes/lesson-block-routes.ts';
import { metricsRoutes } from './routes/metrics-routes.ts';
import { previewRoutes } from './routes/preview-routes.ts';
import { progressRoutes } from './routes/progress-routes.ts';
import { sessionRoutes } from './routes/session-routes.ts';
import { submissionRoutes } from './routes/submission-routes.ts';
import { securityHeaders } from './security-headers.ts';
import type { AppState } from './state/app-state.ts';
import { webAssets } from './web-assets.ts';

export interface AppDeps {
  grader: Grader;
  /** Each learner's own sandbox, for the console and Run. */
  consoles: ConsoleSessions;
  /** The app's Redis: progress, submissions, rate limits. */
  state: AppState;
  /** Signs learner cookies (see cookieSecret). */
  cookieSecret: string;
  log: Logger;
  /** Over DEFAULT_RATE_LIMITS. */
  rateLimits?: Partial<RateLimits>;
  /** The built web app (vite build's output); the API works without it. */
  webDir?: string;
  /**
   * Express's `trust proxy`: which proxies in front may say the request came over HTTPS, so that
   * the learner cookie is marked Secure behind one, and from which client address (TRUST_PROXY):
   * console sandboxes and new learners are counted by address.
   */
  trustProxy?: string | number;
  /**
   * The token that opens the instructor view (KEYSPACE_INSTRUCTOR_TOKEN); without one the view's
   * routes answer 404.
   */
  instructorToken?: string;
  /** The token a scrape of GET /metrics must send (KEYSPACE_METRICS_TOKEN); without one, open. */
  metricsToken?: string;
  /** Development mode (`--watch`): pages load what they show again when course files change. */
  preview?: LivePreview;
  /**
   * The course as the pages show it: `keyspace start` makes it and prepares it for a class; made
   * here if not given.
   */
  course?: CourseService;
  /**
   * Queue mode (KEYSPACE_GRADING=queue): Submit is graded by `keyspace worker` processes, and a
   * request waits `waitMs` for the result before answering 202. Without it, gradings run inline.
   */
  queue?: { queue: GradingQueue; waitMs: number };
}

export function createApp(deps: AppDeps): Express {
  const { grader, consoles, state, log, webDir } = deps;
  const rateLimits = { ...DEFAULT_RATE_LIMITS, ...deps.rateLimits };
  const course = deps.course ?? new CourseService(grader);
  const progress = new ProgressStore(state);
  const { queue, waitMs } = deps.queue ?? {};
  const metrics = new GradingMetrics({
    role: 'app',
    grader,
    consoleSandboxes: () => consoles.sandboxes,
    queueDepth: queue && (() => queue.depth()),
  });
  // Gradings and Runs take turns at the grader's workers, fairly between learners and addresses.
  const turns = new FairTurns({
    slots: grader.concurrency,
    lowPrioritySlots: grader.lowPriorityConcurrency,
    keptForRuns: runsKept(grader.concurrency),
    onTurn: (kind, waitedMs) => metrics.waitedForTurn(kind, waitedMs / 1000),
    ...DEFAULT_FAIR_TURNS,
  });
  const gradings: Gradings = queue
    ? new QueuedGradings(queue, grader, progress, metrics, waitMs ?? 0, log)
    : new InlineGradings(grader, progress, metrics, turns);
  const limit = (action: keyof RateLimits) => rateLimit(state, action, rateLimits[action]);

  const app = express();
  app.disable('x-powered-by');
  if (deps.trustProxy !== undefined) app.set('trust proxy', deps.trustProxy);
  app.use(requestLog(log));
  app.use(securityHeaders);
  app.use(healthRoutes(state, grader));
  app.use(metricsRoutes(metrics, deps.metricsToken));
  app.get('/api/openapi.json', (_req, res) => {
    res.json(openApiDocument());
  });
  // Before the learner cookie: an instructor is not a learner, and gets none.
  app.use(
    '/api/instructor',
    instructorRoutes(
      deps.instructorToken,
      () => instructorReport(course, grader, state),
      limit('instructor'),
    ),
  );
  app.use(previewRoutes(deps.preview));
  // Who the learner is (a new one is counted against their address).
  const generations = new CookieGenerations(state);
  const identify = (revoked: 'refuse' | 'renew') =>
    Router().use(learnerCookie(deps.cookieSecret, generations, revoked), limit('newLearners'));
  app.use('/api', identify('refuse'));
  app.use('/api', express.json({ limit: '128kb' }));
  app.use('/api', sessionRoutes(generations, new RecoveryCodes(state), limit('recover')));
  app.use('/api', courseRoutes(course, progress));
  app.use('/api', progressRoutes(course, progress, limit('draft')));
  app.use('/api', submissionRoutes(gradings, limit('submit')));
  app.use(
    '/api',
    consoleRoutes(consoles, grader, { console: limit('console'), run: limit('run') }, turns),
  );
  app.use('/api', lessonBlockRoutes(consoles, course, limit('console')));
  app.use('/api', (req) => {
    throw notFound(`no API route ${req.method} ${req.originalUrl}`);
  });
  app.use(
    COURSE_IMAGES_PATH,
    express.static(join(grader.courseDir, 'lessons', 'images'), {
      index: false,
      fallthrough: false,
      // A picture opened on its own runs nothing, whatever its SVG holds.
      setHeaders: (res) =>
        res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'"),
    }),
  );
  if (webDir && existsSync(webDir)) {
    app.use(webAssets(webDir));
    // Client-side routes (/lessons/...) all load the same page. It carries the learner cookie,
    // so that the page's first API requests, sent together, all come from one learner. Sent from
    // its root: with a whole path, a dot folder above the app (~/.local/…) would make it a 404.
    app.get('/{*path}', identify('renew'), (_req, res) =>
      res.sendFile('index.html', { root: webDir }),
    );
  }
  app.use((req) => {
    throw notFound(`nothing at ${req.method} ${req.path}`);
  });
  app.use(errorMiddleware);
  return app;
}
