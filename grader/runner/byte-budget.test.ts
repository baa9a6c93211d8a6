import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SandboxServer } from '../redis/sandbox-server.ts';
import { openLearnerScope } from './learner-scope.ts';
import { CommandBudget } from './redis-bridge.ts';
import { SandboxConnections } from './sandbox-connections.ts';

// The worker's own count of the bytes a run sends to Redis and receives back: what holds even
// if the isolate's count (isolate-runtime/byte-gate.ts) were got round.
const CLIENT = 1;
const MB = 1024 * 1024;
const noFixtures = () => new Uint8Array();

describe("a run's byte budget, counted by the worker", () => {
  let server: SandboxServer;
  let connections: SandboxConnections;

  beforeAll(async () => {
    server = await SandboxServer.start();
    connections = new SandboxConnections(server.address);
  });
  afterAll(async () => {
    connections.close();
    await server.stop();
  });

  it('refuses a command whose arguments go past it, before sending them', async () => {
    const budget = new CommandBudget(100, 2 * MB);
    const { capabilities, close } = openLearnerScope(connections, budget, noFixtures);
    try {
      await capabilities.send(CLIENT, 'set', ['small', Buffer.alloc(MB)]);
      await expect(
        capabilities.send(CLIENT, 'set', ['large', new Uint8Array(2 * MB)]),
      ).rejects.toThrow(/more than 2 MB to and from Redis in one run \(byte limit\)$/);
      expect(budget.exhausted).toBe(true);
      expect(await capabilities.send(CLIENT, 'exists', ['large']).catch(() => 'refused')).toBe(
        'refused',
      );
    } finally {
      await close();
    }
  });

  it('counts replies too, a pipeline as its commands', async () => {
    const budget = new CommandBudget(100, 3 * MB);
    const { capabilities, close } = openLearnerScope(connections, budget, noFixtures);
    try {
      await capabilities.send(CLIENT, 'set', ['value', 'x'.repeat(MB)]);
      const reads = Array.from({ length: 3 }, () => ['get', 'value']);
      await expect(capabilities.exec(CLIENT, reads, false)).rejects.toThrow(/\(byte limit\)$/);
      expect(budget.bytesUsed).toBeGreaterThan(4 * MB);
    } finally {
      await close();
    }
  });
});
