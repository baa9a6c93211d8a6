import type Redis from 'ioredis';
import type { Check, CheckContext, Random, SandboxClient } from '../checks/api.ts';
import { expect } from '../checks/expect.ts';
import { diffSnapshots, takeSnapshot } from '../checks/snapshot.ts';
import { expectTtl } from '../checks/ttl.ts';
import { writesOnARead } from '../checks/writes-on-a-read.ts';
import { closedClientFailure } from './closed-client.ts';
import { type KnownKeys, withKeys } from './command-keys.ts';
import type { CommandMonitor } from './command-monitor.ts';
import { executedCommands } from './executed-commands.ts';
import type { CallArg, CallOutcome, LearnerContext } from './learner-isolate.ts';
import type { LearnerOutage } from './learner-outage.ts';
import type { RandomnessRecord } from './randomness-record.ts';
import type { ActivityRecorder } from './redis-activity.ts';
import type { RedisBridge } from './redis-bridge.ts';
import type { StallMeter } from './stall-meter.ts';
import { unawaitedFailure } from './unawaited.ts';

const SANDBOX_CLIENT: SandboxClient = { kind: 'sandbox-client' };

/** Runs a check; work its learner calls left running that reached Redis after it fails it. */
export async function runCheck(
  check: Check<unknown>,
  context: CheckContext<unknown>,
  bridge: RedisBridge,
): Promise<void> {
  await check.run(context);
  if (!check.allowUnawaited) throwIfLate(bridge);
}

function throwIfLate(bridge: RedisBridge): void {
  const late = bridge.lateCommands[0];
  if (late) throw unawaitedFailure(late.after, [{ command: late.command.toUpperCase() }], 'late');
}

/** What one check's context is made of. */
export interface CheckParts {
  learner: LearnerContext;
  /** The grader's own client. */
  redis: Redis;
  bridge: RedisBridge;
  random: Random;
  check: Check<unknown>;
  randomness: RandomnessRecord;
  race: CheckContext<unknown>['race'];
  /** Open when the check asked for `logExecuted`. */
  monitor: CommandMonitor | undefined;
  outage: LearnerOutage;
  /** Notes the keys before the learner's code first runs, and where its commands were sent. */
  activity: ActivityRecorder;
  /** Stopped by whoever runs the check, once it is over. */
  stalls: StallMeter;
}

export function checkContext({
  learner,
  redis,
  bridge,
  random,
  check,
  randomness,
  race,
  monitor,
  outage,
  activity,
  stalls,
}: CheckParts): CheckContext<unknown> {
  const knownKeys: KnownKeys = new Map();
  const call = async (name: string, ...args: unknown[]) => {
    await activity.beforeCall();
    if (!check.allowUnawaited) throwIfLate(bridge);
    bridge.callStarted();
    let outcome: CallOutcome;
    try {
      outcome = await learner.call(name, args.map(toCallArg), activity.sitesWanted);
    } finally {
      bridge.callSettled(name);
    }
    bridge.place(outcome.sentFrom);
    if (outcome.unanswered.length > 0 && !check.allowUnawaited) {
      throw unawaitedFailure(name, outcome.unanswered, 'unanswered');
    }
    if (outcome.closedLent) throw closedClientFailure(name);
    return outcome.value;
  };
  return {
    // The exports' types are the instructor's; at run time a call is a name and copied arguments.
    call: call as unknown as CheckContext<unknown>['call'],
    sandboxClient: SANDBOX_CLIENT,
    redis,
    commands: () => bridge.commands,
    expect,
    random,
    randomness: () => randomness.draws(),
    cameFromRandomness: (text) => randomness.includes(text),
    writesOnARead,
    randomBytesIn: (text, others) => randomness.bytesIn(text, others),
    race,
    snapshot: () => takeSnapshot(redis),
    executed: async () => {
      if (!monitor) throw new Error('executed() needs `logExecuted: true` on the check');
      await monitor.sync(redis);
      return withKeys(redis, executedCommands(bridge.commands, monitor.executed()), knownKeys);
    },
    diff: diffSnapshots,
    redisAway: (forMs) => {
      outage.away(forMs);
      return { back: () => outage.back() };
    },
    clients: () => outage.clients(),
    heldUp: () => stalls.heldUp(),
    expectTtl: (key, window) => expectTtl(redis, key, window),
    decoys: async (like, count, seed) => {
      const ids = new Set<string>();
      // Never `like` itself: a check passes its real id there.
      for (let tries = 0; ids.size < count; tries++) {
        if (tries > count * 100) {
          throw new Error(`decoys: ${count} ids shaped like '${like}' cannot all differ`);
        }
        const id = random.id(like);
        // Never an id a key already names: a decoy that took a real object's id would overwrite it.
        if (id === like || (await redis.keys(`*${id.replace(/[*?[\]\\]/g, '\\$&')}*`)).length > 0) {
          continue;
        }
        ids.add(id);
      }
      for (const id of ids) await seed(id);
      return [...ids];
    },
  };
}

/** A check's argument as it crosses into the isolate: `sandboxClient` becomes a client there. */
export function toCallArg(arg: unknown): CallArg {
  return arg === SANDBOX_CLIENT ? { kind: 'sandbox-client' } : { kind: 'value', value: arg };
}
