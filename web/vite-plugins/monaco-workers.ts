import type { Plugin } from 'vite';

/** The module of Monaco 0.57 that makes a language service's worker (TypeScript's among them). */
export const MONACO_WORKERS = /\/monaco-editor\/esm\/vs\/internal\/common\/workers\.js$/;

/** `import '…';`: a module imported for its side effects alone. */
const SIDE_EFFECT_IMPORT = /^import '[^']+';\n/gm;

/**
 * The module without its side-effect imports. Besides making workers, it imports every one of the
 * editor's ~70 contributions (inline AI completions, colour pickers, sticky scroll…), undoing the
 * choice of web/src/features/exercise/components/editor-features.ts: each registers itself, for
 * every editor made afterwards, when the TypeScript service starts.
 */
export function withoutSideEffectImports(code: string): string {
  return code.replace(SIDE_EFFECT_IMPORT, '');
}

/** Applies {@link withoutSideEffectImports} to Monaco's workers module in a build. */
export function monacoWorkers(): Plugin {
  return {
    name: 'keyspace:monaco-workers',
    // `vite` (development) serves Monaco prebundled, without this: all features, only slower.
    apply: 'build',
    transform: {
      filter: { id: MONACO_WORKERS },
      handler: (code) => ({ code: withoutSideEffectImports(code), map: null }),
    },
  };
}
