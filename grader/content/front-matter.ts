import {
  type Document,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Scalar,
  visit,
  type YAMLError,
} from 'yaml';
import type { z } from 'zod';
import { ContentError } from '../errors.ts';

/** `---`, the YAML, `---`: the YAML is group 1. */
export const FENCE = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

/**
 * Splits `---\nyaml\n---\nbody` and validates the YAML. Every problem names the file and the line
 * of the file it is on, so that an author (or the live preview) can go straight to it.
 */
export function parseFrontMatter<T>(
  text: string,
  schema: z.ZodType<T>,
  file: string,
): { data: T; body: string; bodyLine: number } {
  const match = FENCE.exec(text);
  if (!match) {
    throw new ContentError("must start with front matter between '---' lines", { file, line: 1 });
  }
  // The YAML starts on the file's second line, after the opening '---'.
  const lineOf = (yamlLine: number) => ({ file, line: yamlLine + 1 });
  const lines = new LineCounter();
  const document = parseDocument(match[1] ?? '', { lineCounter: lines, prettyErrors: false });
  const [yamlError] = document.errors;
  if (yamlError) {
    const opened = unclosedQuote(document, yamlError);
    throw new ContentError(
      opened === undefined
        ? `front matter is not valid YAML: ${yamlError.message}`
        : `front matter is not valid YAML: the quote opened on this line is never closed (${yamlError.message})`,
      lineOf(lines.linePos(opened ?? yamlError.pos[0]).line),
    );
  }
  const result = schema.safeParse(document.toJS());
  if (!result.success) {
    const [first] = result.error.issues;
    const problems = result.error.issues.map(
      (issue) => `  ${issue.path.join('.') || '(front matter)'}: ${issue.message}`,
    );
    throw new ContentError(
      `front matter is invalid:\n${problems.join('\n')}`,
      lineOf(lineOfPath(document, lines, first?.path ?? [])),
    );
  }
  const bodyLine = (match[0].match(/\n/g)?.length ?? 0) + 1;
  return { data: result.data, body: text.slice(match[0].length), bodyLine };
}

/**
 * Where a quoted scalar that never closes begins. YAML reads such a quote on to the end of the
 * front matter and reports it there, lines after the typo.
 */
function unclosedQuote(document: Document, error: YAMLError): number | undefined {
  if (error.code !== 'MISSING_CHAR' || !/quote/i.test(error.message)) return undefined;
  let start: number | undefined;
  visit(document, {
    Scalar(_key, node) {
      const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
      if (quoted && node.range?.[1] === error.pos[0]) start = node.range[0];
    },
  });
  return start;
}

/**
 * The YAML line of the deepest part of `path` that exists: a map entry's key (the line an author
 * looks for), a list's item; a missing key points at its parent.
 */
function lineOfPath(document: Document, lines: LineCounter, path: readonly PropertyKey[]): number {
  let node: unknown = document.contents;
  let offset: number | undefined;
  for (const step of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && item.key.value === step);
      if (!pair) break;
      offset = (pair.key as Scalar).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof step === 'number') {
      node = node.items[step];
      offset = (node as { range?: [number] } | undefined)?.range?.[0] ?? offset;
    } else {
      break;
    }
  }
  return offset === undefined ? 1 : lines.linePos(offset).line;
}
