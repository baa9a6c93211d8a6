import { ContentError, GraderError, UnknownExerciseError } from '../errors.ts';
import { EXIT, UsageError } from './exit-codes.ts';

/**
 * Runs a command and turns what it throws into a message and an exit code. Expected failures
 * print one clear message; only a bug prints a stack trace (exit 70).
 */
export async function runCli(command: () => Promise<number>): Promise<number> {
  try {
    return await command();
  } catch (error) {
    const { code, message } = describe(error);
    process.stderr.write(`keyspace: ${message}\n`);
    return code;
  }
}

/** Something the user should know that does not stop the command, on standard error. */
export function warn(message: string): void {
  process.stderr.write(`keyspace: warning: ${message}\n`);
}

function describe(error: unknown): { code: number; message: string } {
  if (error instanceof UsageError) return { code: EXIT.usage, message: error.message };
  if (error instanceof UnknownExerciseError) return { code: EXIT.usage, message: error.message };
  if (error instanceof ContentError) return { code: EXIT.content, message: error.message };
  if (error instanceof GraderError) return { code: EXIT.internal, message: error.message };
  // node:util parseArgs: unknown options, missing values, stray arguments.
  if (
    error instanceof Error &&
    'code' in error &&
    String(error.code).startsWith('ERR_PARSE_ARGS_')
  ) {
    return { code: EXIT.usage, message: error.message };
  }
  return { code: EXIT.internal, message: `internal error: ${(error as Error)?.stack ?? error}` };
}
