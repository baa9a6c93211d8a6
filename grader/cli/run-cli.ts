import { ERROR_CATALOGUE, isCatalogued } from '../error-catalogue.ts';
import { EXIT } from './exit-codes.ts';

/**
 * Runs a command and turns what it throws into a message and an exit code. Expected failures
 * print one clear message; only a bug prints a stack trace (exit 70).
 */
export async function runCli(command: () => Promise<number>): Promise<number> {
  try {
    return await command();
  } catch (error) {
    const { exit, message } = failureOf(error);
    process.stderr.write(`keyspace: ${message}\n`);
    return exit;
  }
}

/** Something the user should know that does not stop the command, on standard error. */
export function warn(message: string): void {
  process.stderr.write(`keyspace: warning: ${message}\n`);
}

/** The exit code for what a command threw (its code's catalogue entry), and what to print. */
export function failureOf(error: unknown): { exit: number; message: string } {
  if (isCatalogued(error))
    return { exit: ERROR_CATALOGUE[error.code].exit, message: error.message };
  // node:util parseArgs: unknown options, missing values, stray arguments.
  if (
    error instanceof Error &&
    'code' in error &&
    String(error.code).startsWith('ERR_PARSE_ARGS_')
  ) {
    return { exit: EXIT.usage, message: error.message };
  }
  return { exit: EXIT.internal, message: `internal error: ${(error as Error)?.stack ?? error}` };
}
