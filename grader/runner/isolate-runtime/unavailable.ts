// Names that learner code might reach for out of habit. Each fails with a message that says
// what is not there and why, instead of a bare "is not defined".

const AVAILABLE =
  'ioredis, console, timers, Buffer, TextEncoder/TextDecoder, crypto.randomUUID/randomBytes, ' +
  'structuredClone and the exercise fixtures through node:fs/promises';

const MISSING: Record<string, string> = {
  process: 'process (environment, arguments, exit) belongs to Node, which the sandbox does not run',
  require:
    'require() loads Node modules, which the sandbox does not have; use `import` for ioredis',
  fetch: 'fetch() would reach the network, which the sandbox has none of',
  __dirname: '__dirname names a folder on the host, which the sandbox cannot see',
  __filename: '__filename names a file on the host, which the sandbox cannot see',
};

export function describeUnavailable(what: string, why: string): string {
  return `${what} is not available in the Keyspace sandbox: ${why}. Available: ${AVAILABLE}.`;
}

export function installUnavailable(): void {
  for (const [name, why] of Object.entries(MISSING)) {
    Object.defineProperty(globalThis, name, {
      configurable: true,
      get() {
        throw new ReferenceError(describeUnavailable(name, why));
      },
    });
  }
}
