import type { HostError } from './isolate-runtime/node-errors.ts';

/**
 * An error of node:crypto as data for the isolate: thrown through isolated-vm it would lose its
 * `code`, which the runtime gives back (see `unwrap` in isolate-runtime/node-errors.ts).
 */
export function asHostError(error: unknown): HostError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const code = (error as { code?: unknown }).code;
  return {
    name: error.name,
    message: error.message,
    ...(typeof code === 'string'
      ? { code, bracketed: String(error).startsWith(`${error.name} [${code}]`) }
      : {}),
  };
}
