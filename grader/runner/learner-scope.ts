import { CheckGate } from './check-gate.ts';
import type { Capabilities } from './learner-isolate.ts';
import { LearnerOutage } from './learner-outage.ts';
import { RandomnessRecord } from './randomness-record.ts';
import { type BridgeOptions, type CommandBudget, RedisBridge } from './redis-bridge.ts';
import type { SandboxConnections } from './sandbox-connections.ts';
import { SubscriberBridge } from './subscriber-bridge.ts';

/**
 * What learner code may reach during one check (or one Run): Redis through a logging bridge
 * (subscriptions on connections of their own; away when the check says so), timers, random
 * values (recorded for the checks) and fixtures, all behind a gate that `close` shuts for good.
 */
export function openLearnerScope(
  connections: SandboxConnections,
  budget: CommandBudget,
  readFixture: (path: string) => Uint8Array,
  bridgeOptions: BridgeOptions = {},
) {
  const gate = new CheckGate();
  const bridge = new RedisBridge(connections, budget, bridgeOptions);
  const randomness = new RandomnessRecord();
  const subscribers = new SubscriberBridge(connections, bridge);
  const outage = new LearnerOutage();
  const capabilities: Capabilities = {
    send: gate.guardAsync(outage.guard(subscribers.send)),
    exec: gate.guardAsync(outage.guard(bridge.exec)),
    sleep: gate.sleep,
    cancelSleep: gate.cancelSleep,
    random: randomness.draw,
    readFixture: gate.guard(readFixture),
    receive: gate.guardAsync(subscribers.receive),
    hangUp: gate.guard(subscribers.hangUp),
    connect: gate.guard(outage.connect),
    clientEvent: gate.guard(outage.clientEvent),
    // Not behind the gate: the budget is the run's, and the limit was met whenever it was.
    byteLimitHit: () => budget.refuseBytes(),
  };
  return {
    bridge,
    outage,
    randomness,
    capabilities,
    close: async () => {
      gate.close();
      await subscribers.close();
      await bridge.close();
    },
  };
}
