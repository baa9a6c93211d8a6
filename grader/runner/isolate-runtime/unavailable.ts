// Names that learner code might reach for out of habit. Each fails with a message that says
// what is not there and why, instead of a bare "is not defined".

const AVAILABLE =
  'ioredis, console, timers, Buffer, TextEncoder/TextDecoder, node:crypto (random values, ' +
  'createHash, createHmac, timingSafeEqual), ' +
  'structuredClone and the exercise fixtures through node:fs/promises';

const MISSING: Record<string, string> = {
  process: 'process (environment, arguments, exit) belongs to Node, which the sandbox does not run',
  require:
    'require() loads Node modules, which the sandbox does not have; use `import` for ioredis',
  fetch: 'fetch() would reach the network, which the sandbox has none of',
  __dirname: '__dirname names a folder on the host, which the sandbox cannot see',
  __filename: '__filename names a file on the host, which the sandbox cannot see',
};

// Removed outright: they post work to the isolate's thread that no check gate can hold back (a
// compiled module, a timed wait, a finalizer called whenever the garbage collector runs, maybe in
// a later check), and Atomics.waitAsync brings the whole worker down in isolated-vm 5. Deleted
// rather than given a throwing getter, so that code testing for them with `typeof` (the Buffer
// polyfill does) finds them absent.
const REMOVED = ['WebAssembly', 'SharedArrayBuffer', 'Atomics', 'FinalizationRegistry'];

export function describeUnavailable(what: string, why: string): string {
  return `${what} is not available in the Keyspace sandbox: ${why}. Available: ${AVAILABLE}.`;
}

export function installUnavailable(): void {
  for (const name of REMOVED) delete (globalThis as Record<string, unknown>)[name];
  for (const [name, why] of Object.entries(MISSING)) {
    Object.defineProperty(globalThis, name, {
      configurable: true,
      get() {
        throw new ReferenceError(describeUnavailable(name, why));
      },
    });
  }
}
