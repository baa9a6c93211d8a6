import { pathToFileURL } from 'node:url';
import type { Check } from '../checks/api.ts';
import { ContentError } from '../errors.ts';

const loaded = new Map<string, readonly Check<unknown>[]>();

/** Imports an exercise's checks.ts once per worker and makes sure it is a list of checks. */
export async function loadChecks(checksPath: string): Promise<readonly Check<unknown>[]> {
  const cached = loaded.get(checksPath);
  if (cached) return cached;
  let module: { default?: unknown };
  try {
    module = await import(pathToFileURL(checksPath).href);
  } catch (error) {
    throw new ContentError(`${checksPath} cannot be loaded: ${(error as Error).message}`);
  }
  const checks = module.default;
  if (!Array.isArray(checks) || checks.length === 0) {
    throw new ContentError(`${checksPath} must export default a non-empty array of checks`);
  }
  checks.forEach((check: Partial<Check<unknown>>, index) => {
    if (typeof check?.name !== 'string' || typeof check.run !== 'function') {
      throw new ContentError(`${checksPath}: check #${index + 1} needs a name and a run function`);
    }
  });
  loaded.set(checksPath, checks);
  return checks;
}
