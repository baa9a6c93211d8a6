/**
 * Starts loading the exercise editor and its TypeScript service (warm-editor.ts) without waiting
 * for it: a page with an exercise calls this as soon as it knows it has one. Monaco stays out of
 * the page's own bundle, as it does for pages without an editor.
 */
export function warmEditorSoon(): void {
  import('./warm-editor.ts')
    .then(({ warmEditor }) => warmEditor())
    // The editor works without it, only slower to its first completion.
    .catch((error: unknown) => console.warn('The code editor could not be warmed up:', error));
}
