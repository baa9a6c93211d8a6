import { Router } from 'express';
import type { CourseService } from '../course/course-service.ts';

export function courseRoutes(course: CourseService): Router {
  const router = Router();
  router.get('/course', async (_req, res) => {
    res.json(await course.courseMap());
  });
  router.get('/lessons/:id', async (req, res) => {
    res.json(await course.lesson(req.params.id));
  });
  router.get('/exercises/:id', async (req, res) => {
    res.json(await course.exercise(req.params.id));
  });
  router.get('/exercises/:id/hints/:number', async (req, res) => {
    res.json(await course.hint(req.params.id, Number(req.params.number)));
  });
  router.get('/exercises/:id/solution', async (req, res) => {
    res.json(await course.solution(req.params.id));
  });
  return router;
}
