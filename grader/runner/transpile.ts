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

const CACHE_SIZE = 200;
const cache = new Map<string, Program>();

/**
 * TypeScript to an ES module the isolate can compile. Syntax errors name the learner's line.
 * Recent programs are kept: learners submit the same code again, and Run then Submit.
 */
export function transpile(source: string): Program {
  const cached = cache.get(source);
  if (cached) return cached;
  const program = transpileUncached(source);
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value ?? '');
  cache.set(source, program);
  return program;
}

function transpileUncached(source: string): Program {
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
