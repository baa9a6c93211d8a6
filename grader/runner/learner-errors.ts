import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import type { Location } from '../result/grade-result.ts';
import type { Program } from './transpile.ts';

export interface Described {
  /** The message, ending with where it was thrown when that is known: `… (alice/x.ts:3:5)`. */
  text: string;
  location?: Location;
}

/**
 * An error thrown by learner code, told the learner's way: its message, and where in their own
 * TypeScript it was thrown (mapped back from the transpiled JavaScript), never a host frame.
 */
export function describeThrown(error: unknown, program: Program): Described {
  const { name, message, stack } =
    error instanceof Error ? error : { name: 'Error', message: String(error), stack: undefined };
  const label = name && name !== 'Error' ? `${name}: ${message}` : message;
  const location = stack ? learnerFrame(stack, program) : undefined;
  return location ? { text: `${label} (${where(location)})`, location } : { text: label };
}

/** Parsed once per program: a grading may place a few dozen commands' stacks. */
const traceMaps = new WeakMap<Program, TraceMap>();

/** The first frame of a stack that lies in the learner's file, in their TypeScript's terms. */
export function learnerFrame(stack: string, program: Program): Location | undefined {
  const frame = framePattern(program.file).exec(stack);
  if (!frame) return undefined;
  let map = traceMaps.get(program);
  if (!map) {
    map = new TraceMap(program.sourceMap);
    traceMaps.set(program, map);
  }
  const position = originalPositionFor(map, {
    line: Number(frame[1]),
    column: Number(frame[2]) - 1,
  });
  if (position.line === null) return undefined;
  return { file: program.file, line: position.line, column: position.column + 1 };
}

/** `file:line:column`, as editors and terminals link it. */
export function where({ file, line, column }: Location): string {
  return column === undefined ? `${file}:${line}` : `${file}:${line}:${column}`;
}

const patterns = new Map<string, RegExp>();

function framePattern(file: string): RegExp {
  let pattern = patterns.get(file);
  if (!pattern) {
    pattern = new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(\\d+):(\\d+)`);
    patterns.set(file, pattern);
  }
  return pattern;
}
