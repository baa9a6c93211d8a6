import { loadCodeEditor } from './components/lazy-code-editor.tsx';

/**
 * Starts loading the exercise editor and its TypeScript service (warm-editor.ts) without waiting
 * for it: a page with an exercise calls this as soon as it knows it has one. The editor's own
 * module comes too, so that the editor shows the moment the learner's code arrives. Monaco stays
 * out of the page's own bundle, as it does for pages without an editor.
 */
export function warmEditorSoon(): void {
  preloadEditorScript();
  // A failure is the editor's to show, where it would have appeared (lazy-code-editor.tsx).
  loadCodeEditor().catch(() => undefined);
  // ioredis's declarations, fetched beside Monaco rather than once it runs: the TypeScript
  // service waits for them (monaco.ts's declareTypes, which reports a failure).
  import('./components/typescript-declarations.ts').catch(() => undefined);
  import('./warm-editor.ts')
    .then(({ warmEditor }) => warmEditor())
    // The editor works without it, only slower to its first completion.
    .catch((error: unknown) => console.warn('The code editor could not be warmed up:', error));
}

/**
 * Preloads, as a module, the editor's largest script, which main.tsx prefetched into the cache.
 * Vite's loader preloads a lazy import's scripts, but not one that any link of the page already
 * names: the prefetch alone left Monaco's editor API to be asked for only once the chunk
 * importing it had arrived and been read, hundreds of milliseconds later.
 */
function preloadEditorScript(): void {
  const script = document.querySelector<HTMLMetaElement>('meta[name="keyspace-editor-script"]');
  if (!script) return;
  const link = document.createElement('link');
  link.rel = 'modulepreload';
  // As the import will ask for it, and as the prefetch did: one download, then the cache.
  link.crossOrigin = '';
  link.href = script.content;
  document.head.append(link);
}
