import type { Plugin } from 'vite';

/**
 * Makes `vite build` bundle for production whatever NODE_ENV the process has. Vite prefers a set
 * NODE_ENV to the build's mode, and vitest sets it to `test`: the browser tests and bench:web,
 * which build through Vite's API, got React's development build (twice the JavaScript, and
 * slower) instead of what `npm start` serves. The variable is production only while Vite resolves
 * its configuration, which is when Vite and its plugins read it; then the process has its own back.
 */
export function productionBuild(): Plugin {
  let outer: string | undefined;
  return {
    name: 'keyspace:production-build',
    // `vite build --mode development` still builds what it asks for.
    apply: (_config, { command, mode }) => command === 'build' && mode === 'production',
    enforce: 'pre',
    config() {
      outer = process.env.NODE_ENV;
      process.env.NODE_ENV = 'production';
    },
    configResolved() {
      if (outer === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = outer;
    },
  };
}
