import { isIPv6 } from 'node:net';
import { type Request, type RequestHandler, type Response, Router } from 'express';
import { z } from 'zod';
import {
  type ConsoleSessions,
  type ConsoleUser,
  type Grader,
  MAX_CONSOLE_CHARS,
} from '../../grader/index.ts';
import { learnerOf } from '../identity/learner-cookie.ts';
import { ID_PATTERN } from './ids.ts';
import { jsonBody, SourceCode } from './json-body.ts';

const Commands = z.object({
  commands: z
    .string({ error: 'commands must be a string: Redis commands, one per line' })
    .max(MAX_CONSOLE_CHARS, `commands are longer than ${MAX_CONSOLE_CHARS} characters`),
});

const RunRequest = z.object({
  exercise: z
    .string({ error: 'exercise must name an exercise' })
    .regex(ID_PATTERN, 'exercise must be an exercise id'),
  source: SourceCode,
});

/**
 * The learner's own Redis: commands as redis-cli would send them, Run of their code, and its
 * keys. The sandbox is the learner's (by cookie), started on first use.
 */
export function consoleRoutes(
  consoles: ConsoleSessions,
  grader: Grader,
  limits: { console: RequestHandler; run: RequestHandler },
): Router {
  const router = Router();
  router.post('/console/commands', limits.console, async (req, res) => {
    const { commands } = jsonBody(req, Commands, '{"commands": "..."}');
    res.json(await consoles.run(consoleUser(req, res), commands));
  });
  router.post('/console/runs', limits.run, async (req, res) => {
    const { exercise, source } = jsonBody(req, RunRequest, '{"exercise": "...", "source": "..."}');
    // An unknown exercise is a 404 before it costs a sandbox.
    await grader.exercise(exercise);
    res.json(
      await consoles.useSandbox(consoleUser(req, res), (sandbox) =>
        grader.runOnce(exercise, source, sandbox),
      ),
    );
  });
  router.get('/console/keys', limits.console, async (req, res) => {
    res.json({ keys: await consoles.keys(consoleUser(req, res)) });
  });
  return router;
}

/** The learner, and the address their sandboxes count against (see ConsoleLimits). */
function consoleUser(req: Request, res: Response): ConsoleUser {
  return { learner: learnerOf(res), address: addressOwner(req.ip ?? 'unknown') };
}

/**
 * Who holds an address: an IPv4 address (mapped into IPv6 or not) is one client, an IPv6 one is
 * its /64, which one client holds whole and can draw addresses from at will.
 */
export function addressOwner(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped?.[1]) return mapped[1];
  if (!isIPv6(ip)) return ip;
  const [head = '', tail = ''] = ip.toLowerCase().split('::');
  const front = head ? head.split(':') : [];
  const back = tail ? tail.split(':') : [];
  const groups = ip.includes('::')
    ? [...front, ...Array(8 - front.length - back.length).fill('0'), ...back]
    : front;
  return `${groups
    .slice(0, 4)
    .map((group) => Number.parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}
