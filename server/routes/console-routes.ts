import { Router } from 'express';
import { z } from 'zod';
import {
  type ConsoleSessions,
  type Grader,
  MAX_CONSOLE_CHARS,
  UnknownConsoleError,
} from '../../grader/index.ts';
import { jsonBody, SourceCode } from './json-body.ts';

const ConsoleId = z.uuid();

const Commands = z.object({
  commands: z
    .string({ error: 'commands must be a string: Redis commands, one per line' })
    .max(MAX_CONSOLE_CHARS, `commands are longer than ${MAX_CONSOLE_CHARS} characters`),
});

const RunRequest = z.object({
  exercise: z.string({ error: 'exercise must name an exercise' }),
  source: SourceCode,
});

/**
 * A learner's Redis console: open one, send it commands as redis-cli would, Run code in it, and
 * look at its keys.
 */
export function consoleRoutes(consoles: ConsoleSessions, grader: Grader): Router {
  const router = Router();
  const consoleId = (id: string) => {
    if (!ConsoleId.safeParse(id).success) throw new UnknownConsoleError();
    return id;
  };
  router.post('/consoles', async (_req, res) => {
    res.status(201).json({ id: await consoles.open() });
  });
  router.post('/consoles/:id/commands', async (req, res) => {
    const id = consoleId(req.params.id);
    const { commands } = jsonBody(req, Commands, '{"commands": "..."}');
    res.json(await consoles.run(id, commands));
  });
  router.post('/consoles/:id/runs', async (req, res) => {
    const id = consoleId(req.params.id);
    const { exercise, source } = jsonBody(req, RunRequest, '{"exercise": "...", "source": "..."}');
    res.json(await consoles.useSandbox(id, (sandbox) => grader.runOnce(exercise, source, sandbox)));
  });
  router.get('/consoles/:id/keys', async (req, res) => {
    res.json({ keys: await consoles.keys(consoleId(req.params.id)) });
  });
  return router;
}
