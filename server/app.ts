import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express } from 'express';
import type { ConsoleSessions, Grader } from '../grader/index.ts';
import { CourseService } from './course/course-service.ts';
import { COURSE_IMAGES_PATH } from './course/render-markdown.ts';
import { errorMiddleware } from './error-middleware.ts';
import { notFound } from './http-errors.ts';
import { consoleRoutes } from './routes/console-routes.ts';
import { courseRoutes } from './routes/course-routes.ts';
import { submissionRoutes } from './routes/submission-routes.ts';
import { securityHeaders } from './security-headers.ts';

export interface AppDeps {
  grader: Grader;
  /** The learners' Redis consoles, each with a sandbox of its own. */
  consoles: ConsoleSessions;
  /** The built web app (vite build's output); the API works without it. */
  webDir?: string;
}

export function createApp({ grader, consoles, webDir }: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders);
  app.use('/api', express.json({ limit: '128kb' }));
  app.use('/api', courseRoutes(new CourseService(grader)));
  app.use('/api', submissionRoutes(grader));
  app.use('/api', consoleRoutes(consoles, grader));
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
    app.use(express.static(webDir, { index: false }));
    // Client-side routes (/lessons/...) all load the same page.
    app.get('/{*path}', (_req, res) => res.sendFile(join(webDir, 'index.html')));
  }
  app.use(errorMiddleware);
  return app;
}
