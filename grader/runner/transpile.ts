import { type Message, transformSync } from 'esbuild';

/** The name learner code goes by in every message: never a host path. */
export const SUBMISSION_FILE = 'submission.ts';

export class CompileError extends Error {
  override name = 'CompileError';
}

/** TypeScript to an ES module the isolate can compile. Syntax errors name the learner's line. */
export function transpile(source: string): string {
  try {
    return transformSync(source, {
      loader: 'ts',
      format: 'esm',
      target: 'es2022',
      sourcefile: SUBMISSION_FILE,
    }).code;
  } catch (error) {
    const errors = (error as { errors?: Message[] }).errors;
    if (!errors?.length) throw error;
    throw new CompileError(errors.map(describe).join('\n'));
  }
}

function describe({ text, location }: Message): string {
  if (!location) return text;
  return `${SUBMISSION_FILE}:${location.line}:${location.column + 1}: ${text}\n  ${location.lineText}`;
}
