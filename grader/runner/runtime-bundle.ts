import { buildSync } from 'esbuild';

let bundled: string | undefined;

/** The isolate runtime as one script, bundled on first use in each worker (tens of ms, once). */
export function runtimeSource(): string {
  bundled ??= buildSync({
    entryPoints: [new URL('./isolate-runtime/runtime.ts', import.meta.url).pathname],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    // The buffer polyfill reads `global` in places; inside the isolate that is globalThis.
    define: { global: 'globalThis' },
  }).outputFiles[0]?.text;
  if (!bundled) throw new Error('the isolate runtime did not bundle');
  return bundled;
}
