import { createHashes } from './hashes.ts';
import type { Host } from './host.ts';
import { createRandom } from './random.ts';

/** What `node:crypto` (and `crypto`) export in the sandbox. */
export function createNodeCrypto(host: Host) {
  return { ...createRandom(host.random), ...createHashes(host.digest) };
}

export type NodeCrypto = ReturnType<typeof createNodeCrypto>;
