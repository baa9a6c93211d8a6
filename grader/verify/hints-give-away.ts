/**
 * How much of a solution its hints hand over: the share of the solution's own lines of code
 * that appear, whole, in the hints. Hints should lead to the answer, not be it (AUTHORING.md),
 * so verify refuses hints that hold nearly all of it.
 */

/** From this share of the solution's lines in the hints, with at least MIN_LINES of them. */
export const GIVEAWAY_SHARE = 0.8;
const MIN_LINES = 3;
const MIN_LINE_CHARS = 12;

/** Lines every answer has, which the statement gives or any learner writes: not the answer. */
const FRAME =
  /^(import\b|export\b.*\{$|\}?\s*(try|catch|finally|else)\b.*\{$|[{}()[\];,]*$|return;?$)/;

const squeezed = (text: string) => text.replace(/\s+/g, '');

function codeLines(solution: string): string[] {
  return (
    solution
      .split('\n')
      .map((line) => line.replace(/\/\/.*$/, '').trim())
      .filter((line) => line !== '' && !FRAME.test(line))
      // A hint quotes a statement without its semicolon or the comma that ends an argument.
      .map((line) => squeezed(line).replace(/[;,]$/, ''))
      // A line this short (`end`, `limit`, `returnnull`) is found in any hint: it gives nothing.
      .filter((line) => line.length >= MIN_LINE_CHARS)
  );
}

/** The lines of `solution` found in the hints, and how many it has; undefined if too few. */
export function solutionInHints(
  solution: string,
  hints: readonly string[],
): { found: number; lines: number } | undefined {
  const lines = codeLines(solution);
  if (lines.length < MIN_LINES) return undefined;
  // Hints are Markdown: code sits in backticks, with escapes a line of code does not have.
  const text = squeezed(hints.join('\n').replace(/\\(.)/g, '$1'));
  return { found: lines.filter((line) => text.includes(line)).length, lines: lines.length };
}
