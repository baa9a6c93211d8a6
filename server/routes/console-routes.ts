import { type Request, type RequestHandler, type Response, Router } from 'express';
import { z } from 'zod';
import type {
  CommandDocs,
  ConsoleReply,
  KeyPage,
  KeyView,
  RunOnceResult,
} from '../../contracts/index.ts';
import {
  type ConsoleSessions,
  type Grader,
  MAX_CONSOLE_CHARS,
  MAX_KEY_CHARS,
  MAX_PATTERN_CHARS,
  MAX_VALUE_BYTES,
  type NotStreamed,
} from '../../grader/index.ts';
import { type FairTurns, runHitLimit } from '../grading/fair-turns.ts';
import { badRequest, HttpError, notFound } from '../http-errors.ts';
import { askerOf } from '../identity/client-address.ts';
import { ID_PATTERN } from './ids.ts';
import { jsonBody, SourceCode } from './json-body.ts';

const Commands = z.object({
  commands: z
    .string({ error: 'commands must be a string: Redis commands, one per line' })
    .max(MAX_CONSOLE_CHARS, `commands are longer than ${MAX_CONSOLE_CHARS} characters`),
});

/** Characters the learner's own Run arguments may take as JSON: values to call with, not data. */
const MAX_RUN_ARGS_CHARS = 10_000;

const RunRequest = z.object({
  exercise: z
    .string({ error: 'exercise must name an exercise' })
    .regex(ID_PATTERN, 'exercise must be an exercise id'),
  source: SourceCode,
  args: z
    .array(z.array(z.json()), {
      error: 'args must be a list of argument lists, one per call of the Run, in JSON',
    })
    .optional(),
});

/**
 * The learner's own Redis: commands as redis-cli would send them, Run of their code, and its
 * keys. The sandbox is the learner's (by cookie), started on first use.
 */
export function consoleRoutes(
  consoles: ConsoleSessions,
  grader: Grader,
  limits: { console: RequestHandler; run: RequestHandler },
  turns: FairTurns,
): Router {
  const router = Router();
  router.post('/console/commands', limits.console, async (req, res) => {
    const { commands } = jsonBody(req, Commands, '{"commands": "..."}');
    res.json((await consoles.run(askerOf(req, res), commands)) satisfies ConsoleReply);
  });
  router.post('/console/runs', limits.run, async (req, res) => {
    const { exercise, source, args } = jsonBody(
      req,
      RunRequest,
      '{"exercise": "...", "source": "...", "args": [["$redis", "..."]]}',
    );
    // An unknown exercise is a 404 before it costs a sandbox.
    const { run } = await grader.exercise(exercise);
    if (args) refuseUnfitArgs(args, run.length);
    const user = askerOf(req, res);
    // Run takes a grader worker as Submit does, in the learner's fair turn (see FairTurns); the
    // learner's sandbox is theirs first, so that a turn is never held waiting for it. The turn
    // lasts until the sandbox is idle again: a Redis still busy with the code's work is the
    // learner's share of the machine as much as the worker is.
    const ran = await consoles.useSandbox(user, (sandbox) =>
      turns.run(
        user,
        'run',
        async (lowPriority) => {
          if (lowPriority) await sandbox.lowerPriority();
          const [outcome] = await Promise.allSettled([
            grader.runOnce(exercise, source, sandbox.address, { lowPriority, args }),
          ]);
          // Whatever became of the Run, its sandbox is left idle.
          const note = await sandbox.settle();
          if (outcome.status === 'rejected') throw outcome.reason;
          const result = outcome.value;
          if (!note) return result;
          const message = [result.message, note].filter(Boolean).join('\n');
          return { ...result, status: 'error' as const, message };
        },
        runHitLimit,
      ),
    );
    res.json(ran satisfies RunOnceResult);
  });
  // What the console's completion and help are made of: the same for every learner.
  router.get('/console/commands', limits.console, async (_req, res) => {
    res.json({ commands: await consoles.commandDocs() } satisfies CommandDocs);
  });
  router.get('/console/keys', limits.console, async (req, res) => {
    const { cursor, match } = query(req, PageQuery);
    res.json((await consoles.keyPage(askerOf(req, res), cursor, match)) satisfies KeyPage);
  });
  router.delete('/console/keys/value', limits.console, async (req, res) => {
    const { key } = query(req, KeyQuery);
    if (!(await consoles.deleteKey(askerOf(req, res), key))) {
      throw notFound(`your Redis holds no key ${JSON.stringify(key)}`);
    }
    res.status(204).end();
  });
  router.get('/console/keys/value', limits.console, async (req, res) => {
    const { key } = query(req, KeyQuery);
    const found = await consoles.key(askerOf(req, res), key);
    if (!found) throw notFound(`your Redis holds no key ${JSON.stringify(key)}`);
    res.json(found satisfies KeyView);
  });
  router.get('/console/keys/bytes', limits.console, async (req, res) => {
    const { key } = query(req, KeyQuery);
    const refused = await consoles
      .streamKey(askerOf(req, res), key, {
        start(mediaType, length) {
          // The bytes are the learner's: only an image the browser may show is named as one.
          res.status(200).set({
            'Content-Type': mediaType ?? 'application/octet-stream',
            'Content-Length': String(length),
            'Content-Disposition': mediaType ? 'inline' : 'attachment',
            'X-Content-Type-Options': 'nosniff',
            'Cache-Control': 'no-store',
          });
        },
        write: (chunk) => sent(res, chunk),
      })
      .catch((error: unknown) => {
        // The client went away, or stopped reading: nobody is left to answer.
        if (error === CLIENT_GONE) return 'gone' as const;
        throw error;
      });
    if (refused === 'gone') return;
    if (!refused) {
      res.end();
      return;
    }
    throw refusal(refused, key);
  });
  return router;
}

/** Arguments that a Run's calls cannot take: another number of lists than it has calls, or too many. */
function refuseUnfitArgs(args: unknown[][], calls: number): void {
  const refuse = (message: string) => new HttpError('args_do_not_fit', message);
  if (args.length !== calls) {
    throw refuse(
      `args must hold one list of arguments for each of the Run's ${calls} call(s), in order; it holds ${args.length}`,
    );
  }
  if (JSON.stringify(args).length > MAX_RUN_ARGS_CHARS) {
    throw refuse(`args are longer than ${MAX_RUN_ARGS_CHARS} characters as JSON`);
  }
}

const PageQuery = z.object({
  cursor: z
    .string({ error: 'cursor must be given once: the `next` of the page before' })
    .regex(/^\d{1,19}$/, 'cursor must be the `next` of the page before: a number')
    .optional(),
  match: z
    .string({ error: 'match must be given once: a glob pattern such as user:*' })
    .min(1, 'match is empty: leave it out to see every key')
    .max(MAX_PATTERN_CHARS, `match is longer than ${MAX_PATTERN_CHARS} characters`)
    .optional(),
});

const KeyQuery = z.object({
  key: z
    .string({ error: 'key must be given once: ?key=<name of the key>' })
    .min(1, 'key is empty: ?key=<name of the key>')
    .max(MAX_KEY_CHARS, `key is longer than ${MAX_KEY_CHARS} characters`),
});

/** How long a client may leave a value's bytes unread before the answer is given up. */
const STALL_MS = 10_000;

function query<T>(req: Request, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(req.query);
  if (!parsed.success) {
    throw badRequest(parsed.error.issues.map((issue) => issue.message).join('; '));
  }
  return parsed.data;
}

/** Why a value's bytes stopped: the client closed the connection or stopped reading. */
const CLIENT_GONE = new Error('the client is gone');

/**
 * Writes a chunk, waiting until the client has taken the one before: the bytes are read from
 * Redis as fast as the client reads them. A client that closes or stops reading is cut off and
 * the reading stops (CLIENT_GONE), so that it cannot hold the learner's turn on their sandbox.
 */
function sent(res: Response, chunk: Buffer): Promise<void> {
  if (res.destroyed || res.writableEnded) return Promise.reject(CLIENT_GONE);
  if (res.write(chunk)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const settle = (drained: boolean) => {
      clearTimeout(timer);
      res.off('drain', onDrain);
      res.off('close', onClose);
      if (drained) resolve();
      else reject(CLIENT_GONE);
    };
    const onDrain = () => settle(true);
    const onClose = () => settle(false);
    const timer = setTimeout(() => {
      res.destroy();
      settle(false);
    }, STALL_MS);
    res.once('drain', onDrain);
    res.once('close', onClose);
  });
}

function refusal(why: NotStreamed, key: string): HttpError {
  const name = JSON.stringify(key);
  switch (why) {
    case 'missing':
      return notFound(`your Redis holds no key ${name}`);
    case 'not-a-string':
      return new HttpError(
        'not_a_string',
        `${name} is not a string: only a string's bytes can be fetched`,
      );
    case 'too-large':
      return new HttpError(
        'value_too_large',
        `${name} holds more than ${MAX_VALUE_BYTES / 1024 / 1024} MB: read part of it with GETRANGE in the console`,
      );
  }
}
