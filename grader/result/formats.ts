import { formatPretty } from './format-pretty.ts';
import type { GradeResult } from './grade-result.ts';

export const FORMATS = {
  pretty: (result: GradeResult, color: boolean) => formatPretty(result, { color }),
  json: (result: GradeResult) => `${JSON.stringify(result, null, 2)}\n`,
} satisfies Record<string, (result: GradeResult, color: boolean) => string>;

export type FormatName = keyof typeof FORMATS;

export function isFormat(name: string): name is FormatName {
  return Object.hasOwn(FORMATS, name);
}
