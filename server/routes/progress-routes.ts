import { type RequestHandler, Router } from 'express';
import { z } from 'zod';
import type {
  Draft,
  Progress,
  SavedDraft,
  SolutionCommands,
  SubmissionHistory,
} from '../../contracts/index.ts';
import type { CourseService } from '../course/course-service.ts';
import { learnerOf } from '../identity/learner-cookie.ts';
import type { ProgressStore } from '../progress/progress-store.ts';
import { commandsOfSolutions } from '../progress/solution-commands.ts';
import { pathId } from './ids.ts';
import { jsonBody, SourceCode } from './json-body.ts';

const DraftBody = z.object({ source: SourceCode });

/** The learner's own progress: lessons opened, code as last typed, submissions made. */
export function progressRoutes(
  course: CourseService,
  progress: ProgressStore,
  limit: RequestHandler,
): Router {
  const router = Router();
  router.get('/progress', async (_req, res) => {
    res.json((await progress.progress(learnerOf(res))) satisfies Progress);
  });
  router.get('/progress/commands', async (_req, res) => {
    const sources = await progress.passingSources(learnerOf(res));
    res.json((await commandsOfSolutions(sources)) satisfies SolutionCommands);
  });
  router.post('/lessons/:id/visits', async (req, res) => {
    const id = pathId(req, 'lesson');
    await course.requireLesson(id);
    await progress.visit(learnerOf(res), id);
    res.status(204).end();
  });
  router.get('/exercises/:id/draft', async (req, res) => {
    const id = pathId(req, 'exercise');
    await course.requireExercise(id);
    res.json((await progress.draft(learnerOf(res), id)) satisfies Draft);
  });
  router.put('/exercises/:id/draft', limit, async (req, res) => {
    const id = pathId(req, 'exercise');
    const { source } = jsonBody(req, DraftBody, '{"source": "..."}');
    await course.requireExercise(id);
    res.json({
      savedAt: await progress.saveDraft(learnerOf(res), id, source),
    } satisfies SavedDraft);
  });
  router.delete('/exercises/:id/draft', limit, async (req, res) => {
    const id = pathId(req, 'exercise');
    await course.requireExercise(id);
    await progress.forgetDraft(learnerOf(res), id);
    res.status(204).end();
  });
  router.get('/exercises/:id/submissions', async (req, res) => {
    const id = pathId(req, 'exercise');
    await course.requireExercise(id);
    res.json({
      submissions: await progress.history(learnerOf(res), id),
    } satisfies SubmissionHistory);
  });
  return router;
}
