import type Redis from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { SandboxServer } from '../redis/sandbox-server.ts';
import { connectTrusted } from '../runner/sandbox-connections.ts';

/** A sandbox redis-server and the grader's client to it, for the tests of one `describe`. */
export interface TrustedSandbox {
  readonly server: SandboxServer;
  readonly redis: Redis;
}

/**
 * Starts a sandbox before the tests of the `describe` it is called in and stops it after them.
 * Its fields are there once the tests run, not when this returns.
 */
export function trustedSandbox(): TrustedSandbox {
  const sandbox = {} as { server: SandboxServer; redis: Redis };
  beforeAll(async () => {
    sandbox.server = await SandboxServer.start();
    sandbox.redis = connectTrusted(sandbox.server.address);
  });
  afterAll(async () => {
    sandbox.redis.disconnect();
    await sandbox.server.stop();
  });
  return sandbox;
}
