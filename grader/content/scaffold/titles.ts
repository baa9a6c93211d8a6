import { stringify } from 'yaml';

/** `sorted-sets` → `Sorted sets`: a first title the author can keep or change. */
export function titleFromSlug(slug: string): string {
  const words = slug.replaceAll('-', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A title as a YAML scalar, quoted only where YAML needs it; lines are never folded at a width. */
export function yamlTitle(title: string): string {
  return stringify(title, { lineWidth: 0 }).trimEnd();
}
