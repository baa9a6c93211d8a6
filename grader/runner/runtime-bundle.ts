import { buildSync } from 'esbuild';
import { COMMAND_METHODS } from './redis-bridge.ts';

/** The runtime's file name in the isolate's stacks: its frames are told apart by it. */
export const RUNTIME_FILE = 'keyspace-runtime.js';

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
    define: {
      global: 'globalThis',
      KEYSPACE_COMMAND_METHODS: JSON.stringify(COMMAND_METHODS),
      KEYSPACE_RUNTIME_FILE: JSON.stringify(RUNTIME_FILE),
    },
  }).outputFiles[0]?.text;
  if (!bundled) throw new Error('the isolate runtime did not bundle');
  return bundled;
}
