/** `sorted-sets` → `Sorted sets`: a first title the author can keep or change. */
export function titleFromSlug(slug: string): string {
  const words = slug.replaceAll('-', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
