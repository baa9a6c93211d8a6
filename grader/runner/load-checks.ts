import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Check } from '../checks/api.ts';
import { ContentError } from '../errors.ts';
import { pointsOf, roundPoints } from '../result/grade-result.ts';

const loaded = new Map<string, readonly Check<unknown>[]>();

/**
 * Imports an exercise's checks.ts once per worker and makes sure it is a list of checks. (An
 * edited checks.ts reaches grading through new workers: see WorkerPool.renew.) Messages name the
 * file as the course knows it: a host path is never shown.
 */
export async function loadChecks(
  exerciseId: string,
  checksPath: string,
): Promise<readonly Check<unknown>[]> {
  const cached = loaded.get(checksPath);
  if (cached) return cached;
  const file = `exercises/${exerciseId}/checks.ts`;
  let module: { default?: unknown };
  try {
    module = await import(pathToFileURL(checksPath).href);
  } catch (error) {
    const message = (error as Error).message;
    // A syntax error, as esbuild reports it: `<path>:<line>:<column>: ERROR: <what>`.
    const syntax = message
      .split('\n')
      .map((line) => /^(.*):(\d+):(\d+): ERROR: (.*)$/.exec(line))
      .find((match) => match?.[1] === checksPath);
    if (syntax) {
      // esbuild's message counts columns from 0; editors count from 1.
      throw new ContentError(`cannot be loaded: ${syntax[4]} (column ${Number(syntax[3]) + 1})`, {
        file,
        line: Number(syntax[2]),
      });
    }
    const reason = message.replaceAll(dirname(checksPath), `exercises/${exerciseId}`);
    throw new ContentError(`cannot be loaded: ${reason}`, { file });
  }
  const checks = module.default;
  if (!Array.isArray(checks) || checks.length === 0) {
    throw new ContentError('must export default a non-empty array of checks', { file });
  }
  checks.forEach((check: Partial<Check<unknown>>, index) => {
    if (typeof check?.name !== 'string' || typeof check.run !== 'function') {
      throw new ContentError(`check #${index + 1} needs a name and a run function`, { file });
    }
    const { points } = check;
    if (points !== undefined && !(Number.isFinite(points) && points >= 0)) {
      throw new ContentError(
        `check #${index + 1} ('${check.name}'): points must be a number of 0 or more, not ${typeof points === 'number' ? points : JSON.stringify(points)}`,
        { file },
      );
    }
  });
  if (possiblePoints(checks) === 0) {
    throw new ContentError('its checks are worth 0 points together: give one of them points', {
      file,
    });
  }
  loaded.set(checksPath, checks);
  return checks;
}

/** What all of an exercise's checks are worth: the score's `of`. */
export function possiblePoints(checks: readonly Pick<Check<unknown>, 'points'>[]): number {
  return roundPoints(checks.reduce((sum, check) => sum + pointsOf(check), 0));
}
