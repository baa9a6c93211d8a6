import { parse } from 'yaml';
import type { z } from 'zod';
import { ContentError } from '../errors.ts';

const FENCE = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

/** Splits `---\nyaml\n---\nbody` and validates the YAML; every problem is named with the file. */
export function parseFrontMatter<T>(
  text: string,
  schema: z.ZodType<T>,
  file: string,
): { data: T; body: string; bodyLine: number } {
  const match = FENCE.exec(text);
  if (!match) throw new ContentError(`${file}: must start with front matter between '---' lines`);
  let raw: unknown;
  try {
    raw = parse(match[1] ?? '');
  } catch (error) {
    throw new ContentError(`${file}: front matter is not valid YAML: ${(error as Error).message}`);
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `  ${issue.path.join('.') || '(front matter)'}: ${issue.message}`,
    );
    throw new ContentError(`${file}: front matter is invalid:\n${problems.join('\n')}`);
  }
  const bodyLine = (match[0].match(/\n/g)?.length ?? 0) + 1;
  return { data: result.data, body: text.slice(match[0].length), bodyLine };
}
