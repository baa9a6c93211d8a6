import { Router } from 'express';
import type {
  CourseMap,
  ExerciseSolution,
  ExerciseView,
  HintView,
  LessonView,
} from '../../contracts/index.ts';
import type { CourseService } from '../course/course-service.ts';
import { HttpError } from '../http-errors.ts';
import { learnerOf } from '../identity/learner-cookie.ts';
import { FAILURES_BEFORE_SOLUTION, type ProgressStore } from '../progress/progress-store.ts';
import { pathHintNumber, pathId } from './ids.ts';

export function courseRoutes(course: CourseService, progress: ProgressStore): Router {
  const router = Router();
  router.get('/course', async (_req, res) => {
    res.json((await course.courseMap()) satisfies CourseMap);
  });
  router.get('/lessons/:id', async (req, res) => {
    res.json((await course.lesson(pathId(req, 'lesson'))) satisfies LessonView);
  });
  router.get('/exercises/:id', async (req, res) => {
    res.json((await course.exercise(pathId(req, 'exercise'))) satisfies ExerciseView);
  });
  // Revealing a hint is part of the learner's progress (the page shows the same hints after a
  // reload): a change of state, so a POST, which no link or prefetch makes.
  router.post('/exercises/:id/hints/:number', async (req, res) => {
    const id = pathId(req, 'exercise');
    const hint = await course.hint(id, pathHintNumber(req));
    if (!(await progress.hintUnlocked(learnerOf(res), id, hint.number))) {
      throw new HttpError(
        'hints_locked',
        'hints open once you have submitted this exercise: try it first, then ask',
      );
    }
    await progress.recordHint(learnerOf(res), id, hint.number);
    res.json(hint satisfies HintView);
  });
  router.get('/exercises/:id/solution', async (req, res) => {
    const id = pathId(req, 'exercise');
    const solution = await course.solution(id);
    if (!(await progress.solutionUnlocked(learnerOf(res), id))) {
      throw new HttpError(
        'solution_locked',
        `the reference solution opens once you pass this exercise, or after ${FAILURES_BEFORE_SOLUTION} submissions that did not pass`,
      );
    }
    res.json(solution satisfies ExerciseSolution);
  });
  return router;
}
