import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Check } from '../checks/api.ts';
import { ContentError } from '../errors.ts';

const loaded = new Map<string, readonly Check<unknown>[]>();

/**
 * Imports an exercise's checks.ts once per worker and makes sure it is a list of checks.
 * Messages name the file as the course knows it: a host path is never shown.
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
    const reason = (error as Error).message.replaceAll(
      dirname(checksPath),
      `exercises/${exerciseId}`,
    );
    throw new ContentError(`${file} cannot be loaded: ${reason}`);
  }
  const checks = module.default;
  if (!Array.isArray(checks) || checks.length === 0) {
    throw new ContentError(`${file} must export default a non-empty array of checks`);
  }
  checks.forEach((check: Partial<Check<unknown>>, index) => {
    if (typeof check?.name !== 'string' || typeof check.run !== 'function') {
      throw new ContentError(`${file}: check #${index + 1} needs a name and a run function`);
    }
  });
  loaded.set(checksPath, checks);
  return checks;
}
