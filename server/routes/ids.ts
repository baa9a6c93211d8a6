import type { Request } from 'express';
import { z } from 'zod';
import { badRequest } from '../http-errors.ts';

/** Lesson and exercise ids are folder and file names: no dots, no slashes, nothing to traverse. */
export const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
const Id = z.string().regex(ID_PATTERN);

/** The path's `:id`, refused with 400 unless it has the shape of a lesson or exercise id. */
export function pathId(req: Request, what: 'lesson' | 'exercise'): string {
  const parsed = Id.safeParse(req.params.id);
  if (!parsed.success) {
    throw badRequest(
      `the ${what} id in the path is not valid: ids are lowercase letters, digits and dashes`,
    );
  }
  return parsed.data;
}

const HintNumber = z.string().regex(/^[1-9]\d?$/);

export function pathHintNumber(req: Request): number {
  if (!HintNumber.safeParse(req.params.number).success) {
    throw badRequest('the hint number in the path must be a whole number from 1 to 99');
  }
  return Number(req.params.number);
}
