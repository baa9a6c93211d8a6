import { buildSync } from 'esbuild';
import { COMMAND_METHODS } from './redis-bridge.ts';

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
    // The command table is part of the bundle, so V8's code cache holds it and no context copies it.
    define: { global: 'globalThis', KEYSPACE_COMMAND_METHODS: JSON.stringify(COMMAND_METHODS) },
  }).outputFiles[0]?.text;
  if (!bundled) throw new Error('the isolate runtime did not bundle');
  return bundled;
}
