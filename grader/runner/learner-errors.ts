import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import { SUBMISSION_FILE } from './transpile.ts';

const FRAME = new RegExp(`${SUBMISSION_FILE.replace('.', '\\.')}:(\\d+):(\\d+)`);

/**
 * An error thrown by learner code, told the learner's way: its message, and where in their own
 * TypeScript it was thrown (mapped back from the transpiled JavaScript), never a host frame.
 */
export function describeThrown(error: unknown, sourceMap: string): string {
  const { name, message, stack } =
    error instanceof Error ? error : { name: 'Error', message: String(error), stack: undefined };
  const label = name && name !== 'Error' ? `${name}: ${message}` : message;
  const frame = stack ? FRAME.exec(stack) : null;
  if (!frame) return label;
  const position = originalPositionFor(new TraceMap(sourceMap), {
    line: Number(frame[1]),
    column: Number(frame[2]) - 1,
  });
  if (position.line === null) return label;
  return `${label} (${SUBMISSION_FILE}:${position.line}:${position.column + 1})`;
}
