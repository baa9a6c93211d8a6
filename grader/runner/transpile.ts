import { type Message, transformSync } from 'esbuild';

/** The name learner code goes by in every message: never a host path. */
export const SUBMISSION_FILE = 'submission.ts';

export class CompileError extends Error {
  override name = 'CompileError';
}

export interface Program {
  /** The learner's module as JavaScript, for the isolate. */
  js: string;
  /** Maps positions in `js` back to the learner's TypeScript. */
  sourceMap: string;
}

/** TypeScript to an ES module the isolate can compile. Syntax errors name the learner's line. */
export function transpile(source: string): Program {
  try {
    const { code, map } = transformSync(source, {
      loader: 'ts',
      format: 'esm',
      target: 'es2022',
      sourcefile: SUBMISSION_FILE,
      sourcemap: 'external',
    });
    return { js: code, sourceMap: map };
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
