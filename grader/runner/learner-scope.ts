import { randomBytes } from 'node:crypto';
import { CheckGate } from './check-gate.ts';
import type { Capabilities } from './learner-isolate.ts';
import { type CommandBudget, RedisBridge } from './redis-bridge.ts';
import type { SandboxConnections } from './sandbox-connections.ts';

/**
 * What learner code may reach during one check (or one Run): Redis through a logging bridge,
 * timers, random bytes and fixtures, all behind a gate that `close` shuts for good.
 */
export function openLearnerScope(
  connections: SandboxConnections,
  budget: CommandBudget,
  readFixture: (path: string) => Uint8Array,
) {
  const gate = new CheckGate();
  const bridge = new RedisBridge(connections, budget);
  const capabilities: Capabilities = {
    send: gate.guardAsync(bridge.send),
    exec: gate.guardAsync(bridge.exec),
    sleep: gate.sleep,
    randomBytes: (size) => randomBytes(size),
    readFixture: gate.guard(readFixture),
  };
  return {
    bridge,
    capabilities,
    close: async () => {
      gate.close();
      await bridge.close();
    },
  };
}
