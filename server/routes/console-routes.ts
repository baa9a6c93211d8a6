import { Router } from 'express';
import { z } from 'zod';
import {
  type ConsoleSessions,
  MAX_CONSOLE_CHARS,
  UnknownConsoleError,
} from '../../grader/index.ts';
import { badRequest, HttpError } from '../http-errors.ts';

const ConsoleId = z.uuid();

const Commands = z.object({
  commands: z
    .string({ error: 'commands must be a string: Redis commands, one per line' })
    .max(MAX_CONSOLE_CHARS, `commands are longer than ${MAX_CONSOLE_CHARS} characters`),
});

/** A learner's Redis console: open one, then send it commands as redis-cli would. */
export function consoleRoutes(consoles: ConsoleSessions): Router {
  const router = Router();
  router.post('/consoles', async (_req, res) => {
    res.status(201).json({ id: await consoles.open() });
  });
  router.post('/consoles/:id/commands', async (req, res) => {
    if (!ConsoleId.safeParse(req.params.id).success) throw new UnknownConsoleError();
    if (!req.is('application/json')) {
      throw new HttpError(
        415,
        'unsupported_media_type',
        'send commands as JSON: {"commands": "..."}',
      );
    }
    const parsed = Commands.safeParse(req.body);
    if (!parsed.success) {
      throw badRequest(parsed.error.issues.map((issue) => issue.message).join('; '));
    }
    res.json(await consoles.run(req.params.id, parsed.data.commands));
  });
  return router;
}
