import { stringify } from 'yaml';

/** A title as a YAML scalar, quoted only where YAML needs it; lines are never folded at a width. */
export function yamlTitle(title: string): string {
  return stringify(title, { lineWidth: 0 }).trimEnd();
}
