// The sandbox's runtime, bundled by esbuild and run in each learner context before the
// learner's module. It installs the few capabilities an exercise needs and hands the worker
// an invoker; see grader/runner/learner-isolate.ts for the other side.

import { guardBytes } from './byte-gate.ts';
import { installConsole } from './console.ts';
import type { Host } from './host.ts';
import { withoutWorkerStacks } from './host-stacks.ts';
import { createModules } from './modules.ts';
import { createNodeCrypto } from './node-crypto.ts';
import { closedByLearner, createRedisClass, withBuffers } from './redis-client.ts';
import { createReplyTracker } from './reply-tracker.ts';
import { installTimers } from './timers.ts';
import { installUnavailable } from './unavailable.ts';
import { installWebApis } from './web-apis.ts';

type CallArg = { kind: 'sandbox-client' } | { kind: 'value'; value: unknown };

// An error the runtime makes (a limit, a closed client) is placed at the learner's line by its
// stack, under the client's own frames (offline queue, byte gate): V8's default of 10 frames
// could leave the learner's line out.
Error.stackTraceLimit = 30;

const scope = globalThis as unknown as Record<string, unknown>;
const replies = createReplyTracker();
const given = scope.__keyspaceHost as Host;
const host = replies.track(guardBytes(withoutWorkerStacks(given), given.maxBytes));
delete scope.__keyspaceHost;

const output = installConsole(host.outputChars);
installTimers(host.sleep, host.cancelSleep);
const crypto = createNodeCrypto(host);
installWebApis(crypto);
installUnavailable();
const Redis = createRedisClass(host);
const modules = createModules(host, Redis, crypto);

// The worker takes its references to these before learner code runs, so replacing them later
// changes nothing; they are frozen and hidden all the same.
const runtime = Object.freeze({
  exportNames: Object.fromEntries(
    Object.entries(modules).map(([specifier, exports]) => [specifier, Object.keys(exports)]),
  ),
  async invoke(
    namespace: Record<string, (...args: unknown[]) => unknown>,
    name: string,
    args: CallArg[],
    sites: number,
  ) {
    // Looked up here rather than by the worker beforehand: one crossing of the isolate's thread
    // less for every call.
    if (typeof namespace[name] !== 'function') return { missingExport: true };
    const lent: InstanceType<typeof Redis>[] = [];
    const values = args.map((arg) => {
      if (arg.kind === 'value') return withBuffers(arg.value);
      const client = new Redis();
      lent.push(client);
      return client;
    });
    const outcome = await replies.during(() => namespace[name]?.(...values), sites);
    // The caller goes on using the client it lent: closing it is the call's mistake, even where
    // nothing the check reads shows it (disconnect() sends Redis nothing).
    return { ...outcome, closedLent: lent.some(closedByLearner) };
  },
  takeOutput: () => output.take(),
  // Does nothing: the worker's call of it returns once everything queued on the isolate's thread
  // before it has run (see LearnerContext.settled).
  settle: () => undefined,
});
const hidden = (value: unknown, configurable = false) => ({
  value,
  enumerable: false,
  configurable,
  writable: false,
});
Object.defineProperties(globalThis, {
  __keyspaceModules: hidden(modules),
  // Deleted by the worker once it holds its references (learner-isolate.ts), before learner code.
  __keyspaceRuntime: hidden(runtime, true),
});
