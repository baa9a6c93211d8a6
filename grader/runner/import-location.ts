import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import type { Location } from '../result/grade-result.ts';
import type { Program } from './transpile.ts';

/**
 * Where the learner's file imports `specifier`: what a refused import points at. Read from
 * esbuild's output, which starts every import or re-export statement on a line of its own and
 * quotes its specifier with double quotes, and mapped back to the TypeScript.
 */
export function importLocation(program: Program, specifier: string): Location | undefined {
  const statement = new RegExp(
    `^(?:import|export)\\b[^;]*?${escaped(JSON.stringify(specifier))}`,
    'm',
  ).exec(program.js);
  if (!statement) return undefined;
  const line = program.js.slice(0, statement.index).split('\n').length;
  const position = originalPositionFor(new TraceMap(program.sourceMap), { line, column: 0 });
  if (position.line === null) return undefined;
  return { file: program.file, line: position.line, column: position.column + 1 };
}

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
