import { type RequestHandler, Router } from 'express';
import { z } from 'zod';
import type { RecoveryCode } from '../../contracts/index.ts';
import { HttpError } from '../http-errors.ts';
import type { CookieGenerations } from '../identity/cookie-generations.ts';
import { giveLearnerCookie, learnerOf } from '../identity/learner-cookie.ts';
import { CODE_LENGTH, canonicalRecoveryCode } from '../identity/recovery-code.ts';
import type { RecoveryCodes } from '../identity/recovery-codes.ts';
import { jsonBody } from './json-body.ts';

const NOT_A_CODE = `that is not a recovery code: a code is ${CODE_LENGTH} letters and digits, shown in groups of four (dashes and spaces do not matter)`;

const Recovery = z.object({
  code: z
    .string({ error: 'code must be a string: the recovery code' })
    .max(100, NOT_A_CODE)
    .transform((typed, context) => {
      const canonical = canonicalRecoveryCode(typed);
      if (canonical === undefined) context.addIssue({ code: 'custom', message: NOT_A_CODE });
      return canonical ?? '';
    }),
});

/**
 * The learner's cookie itself: ending the copies of it other browsers may hold, and carrying it
 * to another device with a recovery code.
 */
export function sessionRoutes(
  generations: CookieGenerations,
  recoveryCodes: RecoveryCodes,
  recoverLimit: RequestHandler,
): Router {
  const router = Router();
  router.post('/session/sign-out-others', async (req, res) => {
    const learner = learnerOf(res);
    const generation = await generations.advance(learner);
    giveLearnerCookie(req, res, { learner, generation });
    res.status(204).end();
  });
  router.post('/session/recovery-code', async (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json((await recoveryCodes.make(learnerOf(res))) satisfies RecoveryCode);
  });
  router.post('/session/recover', recoverLimit, async (req, res) => {
    const { code } = jsonBody(req, Recovery, '{"code": "XXXX-XXXX-…"}');
    const found = await recoveryCodes.redeem(code);
    if (!found) {
      throw new HttpError(
        'unknown_recovery_code',
        'no progress has this recovery code: check it against the one you copied, or make a new one on the device that has your progress (a new code, or signing out other browsers there, ends the old one)',
      );
    }
    giveLearnerCookie(req, res, found);
    res.status(204).end();
  });
  return router;
}
