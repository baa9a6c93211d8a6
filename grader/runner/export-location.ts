import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import type { Location } from '../result/grade-result.ts';
import type { Program } from './transpile.ts';

/**
 * Where the learner's file declares an export, e.g. `export async function getForecast`: what a
 * failed expectation points at when nothing the learner's code threw says more. Read from
 * esbuild's output, which puts every top-level declaration at the start of a line and every
 * export in one `export { … }` clause, and mapped back to the TypeScript.
 */
export function exportLocation(program: Program, name: string): Location | undefined {
  const local = localName(program.js, name);
  const declaration = new RegExp(
    `^(?:async\\s+)?(?:function\\*?\\s*|class\\s+|(?:const|let|var)\\s+)${escaped(local)}\\b`,
    'm',
  ).exec(program.js);
  if (!declaration) return undefined;
  const line = program.js.slice(0, declaration.index).split('\n').length;
  const position = originalPositionFor(new TraceMap(program.sourceMap), { line, column: 0 });
  if (position.line === null) return undefined;
  // The line alone: the declaration's first column is `export` in one file, `async` in another.
  return { file: program.file, line: position.line };
}

/** The module's own name for an export: `inner` for `export { inner as renamed }`. */
function localName(js: string, exported: string): string {
  for (const clause of js.matchAll(/^export\s*\{([^}]*)\}/gm)) {
    for (const specifier of (clause[1] ?? '').split(',')) {
      const [local, as = local] = specifier.trim().split(/\s+as\s+/);
      if (as === exported && local) return local;
    }
  }
  return exported;
}

const escaped = (text: string) => text.replace(/[$]/g, '\\$&');
