import { type Message, transformSync } from 'esbuild';
import type { Location } from '../result/grade-result.ts';

export class CompileError extends Error {
  override name = 'CompileError';
  constructor(
    message: string,
    readonly location?: Location,
  ) {
    super(message);
  }
}

export interface Program {
  /** The learner's module as JavaScript, for the isolate. */
  js: string;
  /** Maps positions in `js` back to the learner's TypeScript. */
  sourceMap: string;
  /** The learner's name for the file, in every message: never a host path. */
  file: string;
}

const CACHE_SIZE = 200;
const cache = new Map<string, Program>();

/**
 * TypeScript to an ES module the isolate can compile. Syntax errors name the learner's line.
 * Recent programs are kept: learners submit the same code again, and Run then Submit.
 */
export function transpile(source: string, file: string): Program {
  const key = `${file}\0${source}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const program = transpileUncached(source, file);
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value ?? '');
  cache.set(key, program);
  return program;
}

function transpileUncached(source: string, file: string): Program {
  try {
    const { code, map } = transformSync(source, {
      loader: 'ts',
      format: 'esm',
      target: 'es2022',
      sourcefile: file,
      sourcemap: 'external',
    });
    return { js: code, sourceMap: map, file };
  } catch (error) {
    const errors = (error as { errors?: Message[] }).errors;
    if (!errors?.length) throw error;
    const first = errors[0]?.location;
    throw new CompileError(
      errors.map((message) => describe(message, file)).join('\n'),
      first ? { file, line: first.line, column: first.column + 1 } : undefined,
    );
  }
}

function describe({ text, location }: Message, file: string): string {
  if (!location) return text;
  return `${file}:${location.line}:${location.column + 1}: ${text}\n  ${location.lineText}`;
}
