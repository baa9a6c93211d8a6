import { type RequestHandler, Router } from 'express';
import { z } from 'zod';
import type { BlockReply, ConsoleReset } from '../../contracts/index.ts';
import { type ConsoleSessions, MAX_CONSOLE_CHARS } from '../../grader/index.ts';
import type { CourseService } from '../course/course-service.ts';
import { badRequest, HttpError, notFound } from '../http-errors.ts';
import { askerOf } from '../identity/client-address.ts';
import { ID_PATTERN, pathId } from './ids.ts';
import { jsonBody } from './json-body.ts';

const BlockRun = z.object({
  commands: z
    .string({ error: "commands must be a string: the block's commands as the page shows them" })
    .max(MAX_CONSOLE_CHARS, `commands are longer than ${MAX_CONSOLE_CHARS} characters`),
});

const BLOCK_NUMBER = "block must be a block's number: 1 for the lesson's first";
const Reset = z
  .object({
    lesson: z
      .string({ error: 'lesson must name a lesson, or be null to empty Redis' })
      .regex(ID_PATTERN, 'lesson must be a lesson id')
      .nullable(),
    block: z.number({ error: BLOCK_NUMBER }).int(BLOCK_NUMBER).min(1, BLOCK_NUMBER).optional(),
  })
  .refine((reset) => reset.block === undefined || reset.lesson !== null, {
    error: 'block needs a lesson: the block is one of that lesson',
  });

/**
 * A lesson's blocks in the learner's own Redis: Run of one, with its reply compared to the
 * lesson's, and putting the learner's Redis as the lesson has it just before one of its blocks
 * (emptied, then the blocks above run), or simply emptied. The commands come from the course,
 * never from the page: the page's copy only proves it shows the lesson as it is.
 */
export function lessonBlockRoutes(
  consoles: ConsoleSessions,
  course: CourseService,
  limit: RequestHandler,
): Router {
  const router = Router();
  router.post('/lessons/:id/blocks/:number/runs', limit, async (req, res) => {
    const { commands } = jsonBody(req, BlockRun, '{"commands": "..."}');
    const blocks = await course.lessonBlocks(pathId(req, 'lesson'));
    const number = blockNumber(req.params.number, blocks.length);
    const block = blocks[number - 1];
    if (!block) throw notFound(`the lesson has blocks 1 to ${blocks.length}, not ${number}`);
    if (commands.trimEnd() !== block.commands.trimEnd()) throw lessonChanged();
    const above = blocks.slice(0, number - 1).map((earlier) => earlier.commands);
    res.json((await consoles.runBlock(askerOf(req, res), block, above)) satisfies BlockReply);
  });
  router.post('/console/reset', limit, async (req, res) => {
    const { lesson, block } = jsonBody(
      req,
      Reset,
      '{"lesson": "hashes", "block": 3} or {"lesson": null}',
    );
    let above: string[] = [];
    if (lesson !== null) {
      const blocks = await course.lessonBlocks(lesson);
      const number = block ?? 1;
      if (number > blocks.length) {
        throw notFound(`the lesson has blocks 1 to ${blocks.length}, not ${number}`);
      }
      above = blocks.slice(0, number - 1).map((earlier) => earlier.commands);
    }
    res.json((await consoles.reset(askerOf(req, res), above)) satisfies ConsoleReset);
  });
  return router;
}

function blockNumber(text: string | string[] | undefined, count: number): number {
  if (typeof text !== 'string' || !/^[1-9]\d{0,3}$/.test(text)) {
    throw badRequest(`the block number in the path must be a whole number from 1 to ${count}`);
  }
  return Number(text);
}

/** The page shows the lesson as it was: live preview, or an instructor's edit, changed it since. */
function lessonChanged(): HttpError {
  return new HttpError(
    'lesson_changed',
    'the lesson has changed since this page loaded it: reload the page to run its blocks',
  );
}
